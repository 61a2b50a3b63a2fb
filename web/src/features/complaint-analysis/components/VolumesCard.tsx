import { Card, Col, Row, Segmented, Table } from "antd";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { EChart } from "../../../components/EChart";
import { label } from "../../../i18n/label";
import { formatMonth } from "../../../lib/month";
import type { EChartsOption } from "../../../lib/echarts";
import { useComplaintLabels } from "../../complaints/labels";
import { WithHelp, usePatternFormat } from "../../patterns/components/bits";
import type { ComplaintAnalysis, Count } from "../api/complaint-analysis.api";

const BYS = ["category", "rootCause", "rootCauseNode", "product", "channel", "severity"] as const;
type By = (typeof BYS)[number];
const BY_LABEL = {
  category: "complaintAnalysis.byCategory", rootCause: "complaintAnalysis.byRootCause", rootCauseNode: "complaintAnalysis.byRootCauseNode",
  product: "complaintAnalysis.byProduct", channel: "complaintAnalysis.byChannel", severity: "complaintAnalysis.bySeverity",
} as const;
const BLUE = "#1f6feb";
const GREY = "#bfbfbf";
const PALETTE = ["#1f6feb", "#2da44e", "#d4a72c", "#cf222e", "#8250df", "#1b7c83", "#bc4c00", "#6e7781"];
/** The months chart stacks this many kinds; the rest are one "other" band. */
const STACKED = 7;

/**
 * How many complaints were opened: by category, root cause (top level or the node recorded),
 * product, channel or severity (bars), and month by month stacked by the same kind.
 */
export function VolumesCard({ r }: { r: ComplaintAnalysis }) {
  const { t } = useTranslation();
  const f = usePatternFormat();
  const names = useComplaintLabels();
  const [by, setBy] = useState<By>("category");
  const v = r.volumes;
  const rows: Count[] = { category: v.byCategory, rootCause: v.byRootCause, rootCauseNode: v.byRootCauseNode, product: v.byProduct, channel: v.byChannel, severity: v.bySeverity }[by];

  const name = useMemo(() => (key: string | null): string => {
    if (by === "category") return key === null ? t("complaintAnalysis.noCategory") : names.category(key);
    if (by === "rootCause") return key === null ? t("complaintAnalysis.notDetermined") : names.rootCause(key);
    if (by === "rootCauseNode") return key === null ? t("complaintAnalysis.notDetermined") : names.rootCausePath(key);
    if (by === "product") return key ?? t("complaintAnalysis.noProduct");
    if (by === "channel") return label(t, "complaints.channels", key ?? "");
    return label(t, "severities", key ?? "");
  }, [by, names, t]);

  const bars = useMemo((): EChartsOption => ({
    animation: false,
    grid: { left: 8, right: 24, top: 16, bottom: 8, containLabel: true },
    tooltip: { trigger: "axis" },
    xAxis: { type: "category", data: rows.map((x) => name(x.key)), axisLabel: { interval: 0, rotate: rows.length > 5 ? 30 : 0, width: 120, overflow: "truncate" } },
    yAxis: { type: "value", minInterval: 1 },
    series: [{ type: "bar", name: t("complaintAnalysis.complaints"), data: rows.map((x) => ({ value: x.complaints, itemStyle: { color: x.key === null ? GREY : BLUE } })), barMaxWidth: 48 }],
  }), [rows, name, t]);

  const months = useMemo((): EChartsOption => {
    // The biggest kinds each get a band; the rest, and "none", stay apart so that the bands add up to the month's total.
    const named = rows.filter((x) => x.key !== null);
    const shown = named.slice(0, STACKED);
    const rest = named.slice(STACKED);
    const none = rows.find((x) => x.key === null);
    const sum = (xs: Count[]) => v.byMonth.map((_, i) => xs.reduce((n, x) => n + (x.months[i] ?? 0), 0));
    const bands = [
      ...shown.map((x, i) => ({ name: name(x.key), data: x.months, color: PALETTE[i % PALETTE.length]! })),
      ...(rest.length ? [{ name: t("complaintAnalysis.other"), data: sum(rest), color: "#8c959f" }] : []),
      ...(none ? [{ name: name(null), data: none.months, color: GREY }] : []),
    ];
    return {
      animation: false,
      grid: { left: 8, right: 24, top: 40, bottom: 8, containLabel: true },
      tooltip: { trigger: "axis" },
      legend: { type: "scroll", top: 0 },
      xAxis: { type: "category", data: v.byMonth.map((m) => formatMonth(m.month, f.locale)) },
      yAxis: { type: "value", minInterval: 1 },
      series: bands.map((b) => ({ type: "bar", stack: "month", name: b.name, data: b.data, itemStyle: { color: b.color }, barMaxWidth: 32 })),
    };
  }, [rows, name, v.byMonth, f.locale, t]);

  return (
    <Card
      title={<WithHelp title={t("complaintAnalysis.volumesTitle")} help={t("complaintAnalysis.volumesHelp")} testId="complaint-analysis-volumes-help" />}
      data-testid="complaint-analysis-volumes"
      data-by={by}
    >
      <Segmented<By> value={by} onChange={setBy} style={{ marginBottom: 16, maxWidth: "100%", overflowX: "auto" }} data-testid="complaint-analysis-by"
        options={BYS.map((b) => ({ value: b, label: <span data-testid={`complaint-analysis-by-${b}`}>{t(BY_LABEL[b])}</span> }))} />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <EChart option={bars} height={300} testId="complaint-analysis-volume-chart" />
          <Table<Count>
            size="small"
            pagination={false}
            rowKey={(x) => x.key ?? ""}
            dataSource={rows}
            scroll={{ y: 240 }}
            data-testid="complaint-analysis-volume-table"
            onRow={(x) => ({ "data-testid": "complaint-analysis-volume-row", "data-key": x.key ?? "" }) as React.HTMLAttributes<HTMLElement>}
            columns={[
              { key: "kind", title: t(BY_LABEL[by]), render: (_, x) => <span data-testid="kind">{name(x.key)}</span> },
              { key: "complaints", title: t("complaintAnalysis.complaints"), align: "right", render: (_, x) => <span data-testid="complaints">{f.number(x.complaints)}</span> },
              { key: "customers", title: t("complaintAnalysis.columns.customers"), align: "right", render: (_, x) => f.number(x.customers) },
            ]}
          />
        </Col>
        <Col xs={24} lg={12}>
          <WithHelp title={t("complaintAnalysis.monthsTitle")} help={t("complaintAnalysis.monthsHelp")} testId="complaint-analysis-months-help" />
          <EChart option={months} height={280} testId="complaint-analysis-month-chart" />
        </Col>
      </Row>
    </Card>
  );
}
