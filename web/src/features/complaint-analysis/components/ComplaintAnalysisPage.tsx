import { Card, Col, DatePicker, Empty, Row, Select, Space, Typography } from "antd";
import dayjs from "dayjs";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorResult } from "../../../components/ErrorResult";
import { PageSpin } from "../../../components/Loading";
import { PageHeader } from "../../../components/PageHeader";
import { Kpi, usePatternFormat } from "../../patterns/components/bits";
import type { ComplaintAnalysis } from "../api/complaint-analysis.api";
import { useComplaintSettings } from "../../complaints/hooks/useComplaints";
import { useComplaintAnalysis } from "../hooks/useComplaintAnalysis";
import { RepurchaseCard } from "./RepurchaseCard";
import { ServiceLevelsCard } from "./ServiceLevelsCard";
import { VolumesCard } from "./VolumesCard";

const WINDOWS = [30, 60, 90, 180, 365] as const;

/**
 * Complaint volumes, resolution, and whether complainers whose complaint was resolved buy
 * again more than the others and than customers who never complained (definitions:
 * docs/complaints.md; the server computes every figure).
 */
export default function ComplaintAnalysisPage() {
  const { t } = useTranslation();
  const f = usePatternFormat();
  const [asOf, setAsOf] = useState<string | undefined>(undefined);
  const [windowDays, setWindowDays] = useState<number>(90);
  const report = useComplaintAnalysis({ asOf, windowDays });
  // Categories and root causes are named from the complaint settings: wait for them rather than show the keys first.
  const settings = useComplaintSettings();

  const filters = (
    <Space wrap>
      <DatePicker value={asOf ? dayjs(asOf) : null} onChange={(d) => setAsOf(d ? d.format("YYYY-MM-DD") : undefined)} placeholder={t("value.asOfDefault")} allowClear data-testid="complaint-analysis-as-of" />
      <Select value={windowDays} onChange={setWindowDays} style={{ width: 170 }} options={WINDOWS.map((n) => ({ value: n, label: t("complaintAnalysis.windowDays", { n }) }))} data-testid="complaint-analysis-window" />
    </Space>
  );

  const r = report.data;
  let body;
  if (report.isPending || settings.isPending) body = <PageSpin />;
  else if (report.isError && !r) body = <ErrorResult error={report.error} onRetry={() => void report.refetch()} />;
  else if (r && r.volumes.complaints === 0) {
    body = (
      <Card>
        <Empty description={t("complaintAnalysis.empty", { from: f.date(r.period.from), to: f.date(r.period.to) })} data-testid="complaint-analysis-empty" />
      </Card>
    );
  } else if (r) {
    body = (
      <Space direction="vertical" size={16} style={{ width: "100%" }}>
        <Kpis r={r} />
        <VolumesCard r={r} />
        <ServiceLevelsCard r={r} />
        <RepurchaseCard r={r} />
      </Space>
    );
  }

  return (
    <>
      <PageHeader title={t("nav.complaintAnalysis")} extra={filters} />
      {r ? (
        <Typography.Paragraph type="secondary" data-testid="complaint-analysis-period">
          {t("complaintAnalysis.periodText", { from: f.date(r.period.from), to: f.date(r.period.to), asOf: f.date(r.asOf) })}
        </Typography.Paragraph>
      ) : null}
      {report.isError && r ? <ErrorResult error={report.error} onRetry={() => void report.refetch()} inline /> : null}
      {body}
    </>
  );
}

function Kpis({ r }: { r: ComplaintAnalysis }) {
  const { t } = useTranslation();
  const f = usePatternFormat();
  const s = r.resolution;
  const days = (v: number | null) => (v === null ? "—" : t("complaintAnalysis.days", { n: f.ratio(v, v % 1 === 0 ? 0 : 1) }));
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} sm={12} lg={6}>
        <Kpi testId="complaint-analysis-kpi-complaints" title={t("complaintAnalysis.complaints")} help={t("complaintAnalysis.complaintsHelp")} value={f.number(r.volumes.complaints)}
          note={t("complaintAnalysis.complaintsNote", { customers: f.number(r.volumes.customers) })} />
      </Col>
      <Col xs={24} sm={12} lg={6}>
        <Kpi testId="complaint-analysis-kpi-resolved" title={t("complaintAnalysis.resolvedShare")} help={t("complaintAnalysis.resolvedShareHelp")} value={f.pct(s.resolvedShare)}
          note={t("complaintAnalysis.resolvedNote", { resolved: f.number(s.resolved), closed: f.number(s.closed), open: f.number(s.open) })} />
      </Col>
      <Col xs={24} sm={12} lg={6}>
        <Kpi testId="complaint-analysis-kpi-median" title={t("complaintAnalysis.medianDays")} help={t("complaintAnalysis.daysHelp")} value={days(s.medianDays)}
          note={s.undated ? t("complaintAnalysis.undatedNote", { n: f.number(s.undated) }) : t("complaintAnalysis.meanNote", { mean: days(s.meanDays) })} />
      </Col>
      <Col xs={24} sm={12} lg={6}>
        <Kpi testId="complaint-analysis-kpi-p90" title={t("complaintAnalysis.p90Days")} help={t("complaintAnalysis.p90Help")} value={days(s.p90Days)}
          note={t("complaintAnalysis.p90Note")} />
      </Col>
    </Row>
  );
}
