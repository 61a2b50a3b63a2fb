import { Alert, Card, Col, Row, Spin, Statistic, Table, Typography } from "antd";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { EChart } from "../../../components/EChart";
import { formatMoney, formatNumber } from "../../../i18n/format";
import type { EChartsOption } from "../../../lib/echarts";
import { usePatternFormat, WithHelp } from "../../patterns/components/bits";
import type { ByGroup, ProgrammeOutcome, Scenario, SensitivityResult } from "../api/complaint-sensitivity.api";

type Row = Scenario & Partial<Pick<ProgrammeOutcome, "name" | "recoveredSales" | "recoveredShare" | "returnOnCost">> & { key: string };
const GROUPS = ["silent", "unresolved", "resolved"] as const satisfies ReadonlyArray<keyof ByGroup>;
const COLOURS = { silent: "#8c8c8c", unresolved: "#d4380d", resolved: "#1f6feb" } as const;

/** The baseline's loss, each programme's loss and what it wins back and returns: a table and a chart of the loss by group. */
export function ResultCard({ r, currency, updating }: { r: SensitivityResult; currency: string; updating: boolean }) {
  const { t } = useTranslation();
  const f = usePatternFormat();
  const locale = f.locale;
  const money = (v: string | null | undefined) => <span style={{ whiteSpace: "nowrap" }}>{v === null || v === undefined ? "—" : f.money(v, currency)}</span>;
  const customers = (v: string) => formatNumber(v, f.locale, { maximumFractionDigits: 2 });
  const rows: Row[] = [{ ...r.baseline, key: "baseline" }, ...r.programmes.map((p, k) => ({ ...p, key: String(k) }))];
  const name = (x: Row) => (x.key === "baseline" ? t("complaintSensitivity.baseline") : t("complaintSensitivity.programmeName", { name: x.name }));

  const chart = useMemo((): EChartsOption => {
    const scenarios = [t("complaintSensitivity.baseline"), ...r.programmes.map((p) => t("complaintSensitivity.programmeName", { name: p.name }))];
    const lost = [r.baseline.lostSales, ...r.programmes.map((p) => p.lostSales)];
    return {
      animation: false,
      grid: { left: 8, right: 24, top: 40, bottom: 8, containLabel: true },
      legend: { top: 0 },
      tooltip: { trigger: "axis", valueFormatter: (v: unknown) => (typeof v === "number" ? formatMoney(v.toFixed(2), currency, locale) : String(v)) },
      xAxis: { type: "category", data: scenarios },
      yAxis: { type: "value" },
      series: GROUPS.map((g) => ({
        type: "bar", stack: "lost", name: t(`complaintSensitivity.groups.${g}`), barMaxWidth: 64,
        itemStyle: { color: COLOURS[g] }, data: lost.map((x) => Number(x[g])),
      })),
    };
  }, [r, t, currency, locale]);

  return (
    <Card
      title={<WithHelp title={t("complaintSensitivity.resultTitle")} help={t("complaintSensitivity.resultHelp")} testId="sensitivity-result-help" />}
      extra={updating ? <Spin size="small" /> : null}
    >
      <Row gutter={[16, 16]}>
        <Col xs={24} md={8}>
          <Statistic title={t("complaintSensitivity.baselineLost")} value={f.money(r.baseline.lostSales.total, currency)} data-testid="sensitivity-baseline-lost" />
          <Typography.Text type="secondary" data-testid="sensitivity-baseline-customers">
            {t("complaintSensitivity.baselineLostNote", { customers: customers(r.baseline.lostCustomers.total), problem: customers(r.baseline.problemCustomers) })}
          </Typography.Text>
        </Col>
        {r.programmes.map((p, k) => (
          <Col xs={24} md={8} key={k}>
            <Statistic title={t("complaintSensitivity.wonBackBy", { name: p.name })} value={f.money(p.recoveredSales, currency)} data-testid={`sensitivity-won-back-${k}`} />
            <Typography.Text type="secondary">{p.recoveredShare === null ? "—" : t("complaintSensitivity.wonBackNote", { share: f.pct(p.recoveredShare) })}</Typography.Text>
          </Col>
        ))}
      </Row>
      {Number(r.baseline.lostSales.total) < 0 ? (
        <Alert type="warning" showIcon style={{ marginTop: 16 }} title={t("complaintSensitivity.negative")} data-testid="sensitivity-negative" />
      ) : null}
      <Table<Row> size="small" pagination={false} rowKey="key" dataSource={rows} style={{ marginTop: 16 }} scroll={{ x: true }} data-testid="sensitivity-results"
        onRow={(x) => ({ "data-testid": `sensitivity-row-${x.key}` }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          { key: "scenario", title: t("complaintSensitivity.columns.scenario"), render: (_, x) => <span style={{ whiteSpace: "nowrap" }}>{name(x)}</span> },
          { key: "lostCustomers", title: t("complaintSensitivity.columns.lostCustomers"), align: "right", render: (_, x) => <span data-testid="lost-customers">{customers(x.lostCustomers.total)}</span> },
          { key: "lostSales", title: t("complaintSensitivity.columns.lostSales"), align: "right", render: (_, x) => <span data-testid="lost-sales">{money(x.lostSales.total)}</span> },
          { key: "recovered", title: t("complaintSensitivity.columns.recoveredSales"), align: "right", render: (_, x) => <span data-testid="recovered-sales">{money(x.recoveredSales)}</span> },
          { key: "share", title: t("complaintSensitivity.columns.recoveredShare"), align: "right", render: (_, x) => (x.key === "baseline" ? "—" : f.pct(x.recoveredShare)) },
          { key: "return", title: t("complaintSensitivity.columns.returnOnCost"), align: "right", render: (_, x) => <span data-testid="return">{f.pct(x.returnOnCost)}</span> },
        ]} />
      <EChart option={chart} height={300} testId="sensitivity-chart" />
      <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>{t("complaintSensitivity.chartNote")}</Typography.Paragraph>
    </Card>
  );
}
