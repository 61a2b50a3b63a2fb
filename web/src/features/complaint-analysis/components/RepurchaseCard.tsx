import { Alert, Card, Col, Row, Table, Typography } from "antd";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { EChart } from "../../../components/EChart";
import type { EChartsOption } from "../../../lib/echarts";
import { WithHelp, usePatternFormat } from "../../patterns/components/bits";
import { BLUE, errorBars } from "../../predictions/components/charts";
import type { ComplaintAnalysis, GroupFigures, RateDifference } from "../api/complaint-analysis.api";

type Column = "group" | "customers" | "repurchased" | "rate" | "interval" | "difference" | "points" | "differenceInterval";

/** Repurchase within W days: resolved and unresolved complainers against customers who never complained, with 95% intervals. */
export function RepurchaseCard({ r }: { r: ComplaintAnalysis }) {
  const { t } = useTranslation();
  const f = usePatternFormat();
  const p = r.repurchase;
  const group = (g: GroupFigures["group"]) => t(`complaintAnalysis.groups.${g}`);
  const range = (x: { from: string; to: string }) => t("complaintAnalysis.range", { from: f.date(x.from), to: f.date(x.to) });
  const interval = (x: [number, number] | null, points = false) =>
    x === null ? "—" : points ? `${f.ratio(x[0] * 100, 1)} … ${f.ratio(x[1] * 100, 1)}` : `${f.pct(x[0])} … ${f.pct(x[1])}`;
  const head = (key: Column) => <WithHelp title={t(`complaintAnalysis.columns.${key}`)} help={t(`complaintAnalysis.columns.${key}Help`, { w: r.windowDays })} />;

  const chart = useMemo((): EChartsOption => ({
    animation: false,
    grid: { left: 8, right: 24, top: 16, bottom: 8, containLabel: true },
    tooltip: { trigger: "axis", valueFormatter: (v: unknown) => (typeof v === "number" ? `${v.toFixed(1)}%` : String(v)) },
    xAxis: { type: "category", data: p.groups.map((g) => t(`complaintAnalysis.groups.${g.group}`)) },
    yAxis: { type: "value", min: 0, max: 100, axisLabel: { formatter: "{value}%" } },
    series: [
      { type: "bar", name: t("complaintAnalysis.columns.rate"), data: p.groups.map((g) => (g.rate === null ? null : g.rate * 100)), itemStyle: { color: BLUE }, barMaxWidth: 64 },
      errorBars(t("complaintAnalysis.columns.interval"), p.groups.flatMap((g, i): Array<[number, number, number]> => (g.interval ? [[i, g.interval[0] * 100, g.interval[1] * 100]] : []))),
    ],
  }), [p.groups, t]);

  return (
    <Card title={<WithHelp title={t("complaintAnalysis.repurchaseTitle", { w: r.windowDays })} help={t("complaintAnalysis.repurchaseHelp", { w: r.windowDays })} testId="complaint-analysis-repurchase-help" />}>
      <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t("complaintAnalysis.claim")} data-testid="complaint-analysis-claim" />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Table<GroupFigures> size="small" pagination={false} rowKey="group" dataSource={p.groups} data-testid="complaint-analysis-comparison"
            onRow={(g) => ({ "data-testid": `complaint-analysis-group-${g.group}` }) as React.HTMLAttributes<HTMLElement>}
            columns={[
              { key: "group", title: head("group"), render: (_, g) => group(g.group) },
              { key: "customers", title: head("customers"), align: "right", render: (_, g) => <span data-testid="customers">{f.number(g.customers)}</span> },
              { key: "repurchased", title: head("repurchased"), align: "right", render: (_, g) => <span data-testid="repurchased">{f.number(g.repurchased)}</span> },
              { key: "rate", title: head("rate"), align: "right", render: (_, g) => <span data-testid="rate">{f.pct(g.rate)}</span> },
              { key: "interval", title: head("interval"), align: "right", render: (_, g) => <span data-testid="interval">{interval(g.interval)}</span> },
            ]} />
          <Table<RateDifference> size="small" pagination={false} rowKey={(d) => `${d.a}-${d.b}`} dataSource={p.differences} style={{ marginTop: 16 }} data-testid="complaint-analysis-differences"
            columns={[
              { key: "pair", title: head("difference"), render: (_, d) => `${group(d.a)} − ${group(d.b)}` },
              { key: "points", title: head("points"), align: "right", render: (_, d) => (d.difference === null ? "—" : f.ratio(d.difference * 100, 1)) },
              { key: "interval", title: head("differenceInterval"), align: "right", render: (_, d) => interval(d.interval, true) },
            ]} />
        </Col>
        <Col xs={24} xl={10}>
          <EChart option={chart} height={300} testId="complaint-analysis-comparison-chart" />
        </Col>
      </Row>
      <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0 }} data-testid="complaint-analysis-windows">
        {p.complainersOpened
          ? t("complaintAnalysis.windowsText", { complainers: range(p.complainersOpened), w: r.windowDays, bought: range(p.noComplaintBought), again: range(p.noComplaintRepurchase), asOf: f.date(r.asOf) })
          : t("complaintAnalysis.windowTooLong", { w: r.windowDays })}
        {" "}
        {t("complaintAnalysis.notes", { complainers: f.number(p.complainers), incomplete: f.number(p.incomplete), late: f.number(p.resolvedLate), undated: f.number(p.undatedResolved) })}
      </Typography.Paragraph>
    </Card>
  );
}
