import { Card, Col, Row, Table, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { label } from "../../../i18n/label";
import { useComplaintLabels } from "../../complaints/labels";
import { WithHelp, usePatternFormat } from "../../patterns/components/bits";
import type { ClockCounts, ComplaintAnalysis } from "../api/complaint-analysis.api";

type ClockRow = { key: string; name: string; complaints: number; firstResponse: ClockCounts; resolution: ClockCounts };

/** SLA attainment of the period's complaints (both clocks, by severity) and the compensation their recovery cost. */
export function ServiceLevelsCard({ r }: { r: ComplaintAnalysis }) {
  const { t } = useTranslation();
  const f = usePatternFormat();
  const s = r.serviceLevels;
  const c = r.recoveryCost;
  const names = useComplaintLabels();
  const clock = (x: ClockCounts) => (
    <span>
      {f.pct(x.attainment)}{" "}
      <Typography.Text type="secondary">
        {t("complaintAnalysis.sla.counts", { met: f.number(x.met), missed: f.number(x.missed), breached: f.number(x.breached), running: f.number(x.running) })}
        {x.unknown ? ` · ${t("complaintAnalysis.sla.unknown", { n: f.number(x.unknown) })}` : ""}
      </Typography.Text>
    </span>
  );
  const rows: ClockRow[] = [
    { key: "all", name: t("complaintAnalysis.sla.all"), complaints: s.complaints, firstResponse: s.firstResponse, resolution: s.resolution },
    ...s.bySeverity.map((x) => ({ key: x.severity, name: label(t, "severities", x.severity), ...x })),
  ];
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={14}>
        <Card size="small" title={<WithHelp title={t("complaintAnalysis.sla.title")} help={t("complaintAnalysis.sla.help", { at: f.dateTime(s.at) })} testId="complaint-analysis-sla-help" />} data-testid="complaint-analysis-sla">
          <Table<ClockRow>
            size="small" rowKey="key" pagination={false} dataSource={rows}
            columns={[
              { title: t("complaintAnalysis.sla.severity"), dataIndex: "name" },
              { title: t("complaintAnalysis.sla.complaints"), dataIndex: "complaints", align: "right", render: (n: number) => f.number(n) },
              { title: t("complaintAnalysis.sla.firstResponse"), key: "fr", render: (_, x) => clock(x.firstResponse) },
              { title: t("complaintAnalysis.sla.resolution"), key: "res", render: (_, x) => clock(x.resolution) },
            ]}
          />
        </Card>
      </Col>
      <Col xs={24} xl={10}>
        <Card size="small" title={<WithHelp title={t("complaintAnalysis.cost.title")} help={t("complaintAnalysis.cost.help")} />} data-testid="complaint-analysis-cost">
          <Typography.Paragraph data-testid="complaint-analysis-cost-total">
            {t("complaintAnalysis.cost.summary", { total: f.money(c.total), compensated: f.number(c.compensated), cases: f.number(c.cases), mean: c.meanPerCompensated === null ? "—" : f.money(c.meanPerCompensated) })}
          </Typography.Paragraph>
          <Table
            size="small" rowKey={(x) => x.key ?? ""} pagination={false} dataSource={c.byCategory}
            columns={[
              { title: t("complaintAnalysis.cost.category"), dataIndex: "key", render: (k: string | null) => (k === null ? t("complaintAnalysis.noCategory") : names.category(k)) },
              { title: t("complaintAnalysis.cost.cases"), dataIndex: "cases", align: "right", render: (n: number) => f.number(n) },
              { title: t("complaintAnalysis.cost.compensated"), dataIndex: "compensated", align: "right", render: (n: number) => f.number(n) },
              { title: t("complaintAnalysis.cost.total"), dataIndex: "total", align: "right", render: (v: string) => f.money(v) },
            ]}
          />
          {c.byKind.length ? (
            <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
              {c.byKind.map((k) => `${label(t, "complaints.kinds", k.kind)} ${f.money(k.total)} (${f.number(k.items)})`).join(" · ")}
            </Typography.Paragraph>
          ) : null}
        </Card>
      </Col>
    </Row>
  );
}
