import { DownloadOutlined } from "@ant-design/icons";
import { Alert, Button, Card, Empty, Input, Segmented, Space, Table, Typography } from "antd";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { apiUrl } from "../../../api/client";
import { EChart } from "../../../components/EChart";
import { ErrorResult } from "../../../components/ErrorResult";
import { PageSpin } from "../../../components/Loading";
import { formatNumber } from "../../../i18n/format";
import { useFormat } from "../../../i18n/useFormat";
import type { EChartsOption } from "../../../lib/echarts";
import type { Rfm8Method, Rfm8Row, ValueQuery } from "../api/value.api";
import { useValueReport } from "../hooks/useValueReport";

type Custom = { r: string; f: string; m: string };

/**
 * The classic 8-segment RFM (重要价值 … 一般挽留) of the window's buyers: the cut-off
 * selector (mean, median, the user's values), a table of the eight segments with their
 * treatment, and a chart of each one's share of customers and of the measure
 * (docs/value.md, "The 8-segment RFM"). With the default mean it reads the page's own
 * report from the cache; another cut-off asks the server for the report with it.
 */
export function Rfm8Card({ base }: { base: ValueQuery }) {
  const { t } = useTranslation();
  const f = useFormat();
  const [method, setMethod] = useState<Rfm8Method>("mean");
  const [draft, setDraft] = useState<Custom>({ r: "", f: "", m: "" });
  const [applied, setApplied] = useState<Custom | null>(null);
  const [missing, setMissing] = useState(false);
  const query: ValueQuery = method === "custom" && applied
    ? { ...base, rfm8Cutoff: "custom", rfm8R: applied.r, rfm8F: applied.f, rfm8M: applied.m }
    : method === "median" ? { ...base, rfm8Cutoff: "median" } : base;
  const report = useValueReport(query);
  const r = report.data;
  const pct = (v: number | null | undefined) => (v === null || v === undefined ? "—" : formatNumber(v, f.locale, { style: "percent", maximumFractionDigits: 1 }));
  const num = (v: number | null) => (v === null ? "—" : formatNumber(v, f.locale, { maximumFractionDigits: 1 }));
  const measureTitle = t(base.by === "sales" ? "value.netSales" : "value.margin");

  const apply = () => {
    const given = { r: draft.r.trim(), f: draft.f.trim(), m: draft.m.trim() };
    const complete = given.r !== "" && given.f !== "" && given.m !== "";
    setMissing(!complete);
    if (complete) setApplied(given);
  };

  const selector = (
    <Space wrap data-testid="rfm8-cutoff">
      <Typography.Text type="secondary">{t("value.rfm8.cutoff")}</Typography.Text>
      <Segmented<Rfm8Method> value={method} onChange={setMethod} data-testid="rfm8-method"
        options={(["mean", "median", "custom"] as const).map((m) => ({ value: m, label: t(`value.rfm8.methods.${m}`) }))} />
      {method === "custom" ? (
        <>
          <Input addonBefore={t("value.rfm8.r")} value={draft.r} onChange={(e) => setDraft({ ...draft, r: e.target.value })} style={{ width: 200 }} inputMode="decimal" data-testid="rfm8-r" />
          <Input addonBefore={t("value.rfm8.f")} value={draft.f} onChange={(e) => setDraft({ ...draft, f: e.target.value })} style={{ width: 220 }} inputMode="decimal" data-testid="rfm8-f" />
          <Input addonBefore={t("value.rfm8.m")} value={draft.m} onChange={(e) => setDraft({ ...draft, m: e.target.value })} style={{ width: 180 }} inputMode="decimal" data-testid="rfm8-m" />
          <Button type="primary" onClick={apply} data-testid="rfm8-apply">{t("value.rfm8.apply")}</Button>
        </>
      ) : null}
    </Space>
  );

  const waiting = method === "custom" && !applied;
  let body;
  if (waiting) body = null;
  else if (report.isPending) body = <PageSpin />;
  else if (report.isError) body = <ErrorResult error={report.error} onRetry={() => void report.refetch()} inline />;
  else if (r && r.rfm8.customers === 0) body = <Empty description={t("value.rfm8.empty")} data-testid="rfm8-empty" />;
  else if (r) {
    const c = r.rfm8.cutoffs;
    body = (
      <Space direction="vertical" size={12} style={{ width: "100%" }}>
        {c ? (
          <Typography.Text type="secondary" data-testid="rfm8-cutoffs">
            {t("value.rfm8.cutoffsText", { r: num(c.recencyDays), f: num(c.frequency), m: f.money(c.monetary, r.currency) })}
          </Typography.Text>
        ) : null}
        <Rfm8Chart rows={r.rfm8.segments} measure={measureTitle} />
        <Table<Rfm8Row> rowKey="segment" size="small" pagination={false} scroll={{ x: "max-content" }} dataSource={r.rfm8.segments} data-testid="rfm8-table"
          onRow={(s) => ({ "data-segment": s.segment }) as React.HTMLAttributes<HTMLElement>}
          columns={[
            { key: "segment", title: t("value.segment"), render: (_: unknown, s: Rfm8Row) => <Typography.Text strong>{t(`value.rfm8.segments.${s.segment}`)}</Typography.Text> },
            { key: "customers", title: t("value.customers"), align: "right" as const, render: (_: unknown, s: Rfm8Row) => f.number(s.customers) },
            { key: "customerShare", title: t("value.rfm8.customerShare"), align: "right" as const, render: (_: unknown, s: Rfm8Row) => pct(s.customerShare) },
            { key: "monetary", title: measureTitle, align: "right" as const, render: (_: unknown, s: Rfm8Row) => f.money(s.monetary, r.currency) },
            { key: "monetaryShare", title: t("value.share"), align: "right" as const, render: (_: unknown, s: Rfm8Row) => pct(s.monetaryShare) },
            { key: "meanR", title: t("value.rfm8.meanR"), align: "right" as const, render: (_: unknown, s: Rfm8Row) => num(s.meanRecencyDays) },
            { key: "meanF", title: t("value.rfm8.meanF"), align: "right" as const, render: (_: unknown, s: Rfm8Row) => num(s.meanFrequency) },
            { key: "meanM", title: t("value.rfm8.meanM"), align: "right" as const, render: (_: unknown, s: Rfm8Row) => (s.meanMonetary === null ? "—" : f.money(s.meanMonetary, r.currency)) },
            { key: "treatment", title: t("value.treatment"), width: 320, render: (_: unknown, s: Rfm8Row) => t(`value.rfm8.treatments.${s.segment}`) },
            {
              key: "export", title: "", render: (_: unknown, s: Rfm8Row) => (s.customers > 0 ? (
                // The segment as an audience: its customers, computed with the same cut-offs as the row.
                <Button size="small" icon={<DownloadOutlined />} href={apiUrl("/api/reports/value/rfm8/members/export", { ...query, segment: s.segment })} download data-testid="rfm8-export">
                  {t("value.rfm8.export")}
                </Button>
              ) : null),
            },
          ]} />
      </Space>
    );
  }

  return (
    <Card title={t("value.rfm8.title", { n: f.number(!waiting && r ? r.rfm8.customers : 0) })} data-testid="rfm8">
      <Space direction="vertical" size={12} style={{ width: "100%" }}>
        <Typography.Text type="secondary">{t("value.rfm8.help")}</Typography.Text>
        {selector}
        {method === "custom" && (waiting || missing) ? (
          <Alert type={missing ? "warning" : "info"} showIcon message={t("value.rfm8.customRequired")} data-testid="rfm8-missing" />
        ) : null}
        {body}
      </Space>
    </Card>
  );
}

/** Each segment's share of customers beside its share of the measure. */
function Rfm8Chart({ rows, measure }: { rows: Rfm8Row[]; measure: string }) {
  const { t } = useTranslation();
  const option = useMemo((): EChartsOption => ({
    animation: false,
    tooltip: { trigger: "axis", valueFormatter: (v: unknown) => `${(Number(v) * 100).toFixed(1)}%` },
    legend: { bottom: 0 },
    grid: { left: 8, right: 16, top: 16, bottom: 48, containLabel: true },
    xAxis: { type: "category", data: rows.map((s) => t(`value.rfm8.segments.${s.segment}`)), axisLabel: { interval: 0, rotate: 30 } },
    yAxis: { type: "value", axisLabel: { formatter: (v: number) => `${Math.round(v * 100)}%` } },
    series: [
      { name: t("value.rfm8.chartCustomers"), type: "bar", data: rows.map((s) => s.customerShare), itemStyle: { color: "#1f6feb" } },
      { name: t("value.rfm8.chartMonetary", { measure }), type: "bar", data: rows.map((s) => s.monetaryShare ?? 0), itemStyle: { color: "#faad14" } },
    ],
  }), [rows, measure, t]);
  return <EChart option={option} height={300} testId="rfm8-chart" />;
}
