import { QuestionCircleOutlined } from "@ant-design/icons";
import { Badge, Card, Col, Row, Skeleton, Space, Table, Tooltip, Typography } from "antd";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { formatNumber } from "../../../i18n/format";
import { useFormat } from "../../../i18n/useFormat";
import { testId } from "../../../lib/testId";
import type { SegmentScheme, SegmentSummary, TrendGroup } from "../api/segments.api";
import { useSnapshotTrend } from "../hooks/useSegments";
import { SEGMENT_COLOR, SEGMENT_ORDER, segmentLabel } from "../labels";
import { RFM_COLORS, snapshotRules, type RfmSegment } from "../rules";
import { LadderChart } from "./LadderChart";
import type { SegmentTarget } from "./MembersDrawer";
import { RfmGrid } from "./RfmGrid";

interface Row {
  segment: string;
  customers: number;
  netSales: string;
  margin: string;
  /** Of the scheme's customers. */
  share: number | null;
}

/** A scheme's segments in their own order, the empty ones included. */
function rowsOf(summary: SegmentSummary, scheme: SegmentScheme): Row[] {
  const groups = summary.groups.filter((g) => g.scheme === scheme);
  const total = groups.reduce((s, g) => s + g.customers, 0);
  return SEGMENT_ORDER[scheme].map((segment) => {
    const g = groups.find((x) => x.segment === segment);
    const customers = g?.customers ?? 0;
    return { segment, customers, netSales: g?.netSales ?? "0", margin: g?.margin ?? "0", share: total ? customers / total : null };
  });
}

/** A tag's preset colour for a badge ("default" is a tag's grey, not a badge colour). */
const badge = (c: string | undefined) => (c === undefined || c === "default" ? "#bfbfbf" : c);

/** Everything a snapshot says, card by card; every segment row opens its customers. */
export function SegmentsReport({ summary, onOpen }: { summary: SegmentSummary; onOpen: (t: SegmentTarget) => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const s = summary.snapshot;
  const rules = snapshotRules(s.rules);
  const trend = useSnapshotTrend(s);
  const pct = (v: number | null | undefined) => (v === null || v === undefined ? "—" : formatNumber(v, f.locale, { style: "percent", maximumFractionDigits: 1 }));
  const measure = t(s.by === "sales" ? "segments.measureSales" : "segments.measureMargin");
  const open = (scheme: SegmentScheme, segment: string) => {
    const customers = summary.groups.find((g) => g.scheme === scheme && g.segment === segment)?.customers ?? 0;
    onOpen({ scheme, segment, customers });
  };

  /** A table's rows open their segment's customers, by mouse or keyboard. */
  const onRow = (scheme: SegmentScheme) => (r: Row) => ({
    ...testId("segment-row"),
    "data-scheme": scheme,
    "data-segment": r.segment,
    tabIndex: 0,
    style: { cursor: "pointer" },
    onClick: () => open(scheme, r.segment),
    onKeyDown: (e: React.KeyboardEvent) => {
      if (e.key === "Enter") open(scheme, r.segment);
    },
  });

  const name = (scheme: SegmentScheme, extra?: (r: Row) => ReactNode) => ({
    key: "segment",
    title: t("segments.segment"),
    render: (_: unknown, r: Row) => (
      <Space size={6}>
        {extra?.(r)}
        <Typography.Text strong>{segmentLabel(t, scheme, r.segment)}</Typography.Text>
      </Space>
    ),
  });
  const customers = { key: "customers", title: t("segments.customers"), align: "right" as const, render: (_: unknown, r: Row) => f.number(r.customers) };
  const share = { key: "share", title: t("segments.share"), align: "right" as const, render: (_: unknown, r: Row) => pct(r.share) };
  const net = { key: "net", title: t("segments.netSales"), align: "right" as const, render: (_: unknown, r: Row) => f.money(r.netSales) };
  const margin = { key: "margin", title: t("segments.margin"), align: "right" as const, render: (_: unknown, r: Row) => f.money(r.margin) };

  // The window before, from the value report for the snapshot's date, window, measure and rules.
  const before = (groups: TrendGroup[] | undefined) => ({
    key: "before",
    title: (
      <Space size={4}>
        {t("segments.before")}
        <Tooltip title={trend.data ? t("segments.beforeHelp", { from: f.date(trend.data.segments.previousWindow.from), to: f.date(trend.data.segments.previousWindow.to) }) : t("segments.beforeHelp", { from: "…", to: "…" })}>
          <QuestionCircleOutlined data-testid="segments-before-help" />
        </Tooltip>
      </Space>
    ),
    align: "right" as const,
    render: (_: unknown, r: Row) => {
      if (trend.isPending) return <Skeleton.Input active size="small" style={{ width: 80, minWidth: 80 }} />;
      if (trend.isError) return <Tooltip title={t("segments.beforeFailed")}>—</Tooltip>;
      const g = groups?.find((x) => x.group === r.segment);
      return g ? <span data-testid="segments-before">{f.money(g.previousNetSales)}</span> : "—";
    },
  });
  const change = (groups: TrendGroup[] | undefined) => ({
    key: "change",
    title: t("segments.change"),
    align: "right" as const,
    render: (_: unknown, r: Row) => {
      const g = groups?.find((x) => x.group === r.segment);
      const was = g ? Number(g.previousNetSales) : 0;
      if (!g || !(was > 0)) return "—";
      const d = Number(r.netSales) / was - 1;
      return <Typography.Text type={d >= 0 ? "success" : "danger"}>{d >= 0 ? "+" : ""}{pct(d)}</Typography.Text>;
    },
  });

  // Tables with a column of prose wrap it on a wide screen and scroll sideways on a narrow one.
  const table = (scheme: SegmentScheme, columns: object[], id: string, minWidth?: number) => (
    <Table<Row> rowKey="segment" size="small" pagination={false} scroll={{ x: minWidth ?? "max-content" }} dataSource={rowsOf(summary, scheme)} columns={columns} onRow={onRow(scheme)} data-testid={id} />
  );
  const rule = (text: string, id: string) => (
    <Typography.Paragraph type="secondary" style={{ margin: "12px 16px" }} data-testid={id}>{text}</Typography.Paragraph>
  );
  const hint = <Typography.Text type="secondary">{t("segments.clickRow")}</Typography.Text>;
  /** The 8-segment RFM's cut-offs as saved with the snapshot (docs/value.md, "The 8-segment RFM"); none in older snapshots. */
  const rfm8RuleText = (saved: unknown) => {
    const r = saved as { method?: "mean" | "median" | "custom"; cutoffs?: { recencyDays: number; frequency: number; monetary: string } | null } | undefined;
    if (!r?.method) return t("value.rfm8.snapshotRuleOld");
    const num = (v: number) => formatNumber(v, f.locale, { maximumFractionDigits: 1 });
    const c = r.cutoffs;
    return t("value.rfm8.snapshotRule", { method: t(`value.rfm8.methods.${r.method}`) })
      + (c ? t("value.rfm8.cutoffsText", { r: num(c.recencyDays), f: num(c.frequency), m: f.money(c.monetary) }) : "—");
  };
  const rfmTotal = summary.grid.reduce((n, c) => n + c.customers, 0);
  const loyalty = rules.loyalty;
  const ladder = rules.ladder;

  return (
    <Space direction="vertical" size={16} style={{ width: "100%" }}>
      <Typography.Paragraph data-testid="segments-snapshot-text">
        {t("segments.snapshotText", { asOf: f.date(s.asOf), from: f.date(s.windowFrom), to: f.date(s.asOf), measure, customers: f.number(s.customers), createdAt: f.dateTime(s.createdAt) })}
      </Typography.Paragraph>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={11}>
          <Card title={t("segments.rfmGridTitle")} style={{ height: "100%" }}>
            <Typography.Paragraph type="secondary">{t("segments.rfmGridHelp")}</Typography.Paragraph>
            <RfmGrid cells={summary.grid} onOpen={(segment) => open("rfm", segment)} />
          </Card>
        </Col>
        <Col xs={24} xl={13}>
          <Card title={t("segments.rfmTableTitle", { n: f.number(rfmTotal) })} style={{ height: "100%" }} styles={{ body: { padding: 0 } }}>
            {table("rfm", [
              name("rfm", (r) => <span style={{ display: "inline-block", width: 12, height: 12, borderRadius: 2, background: RFM_COLORS[r.segment as RfmSegment]?.fill }} />),
              customers, share, net,
              // Ranked by margin: the measure the segments were cut by, beside net sales.
              ...(s.by === "margin" ? [margin] : []),
            ], "segments-rfm")}
          </Card>
        </Col>
      </Row>
      <Card title={t("value.rfm8.snapshotTitle", { n: f.number(rowsOf(summary, "rfm8").reduce((n, r) => n + r.customers, 0)) })} extra={hint} styles={{ body: { padding: 0 } }}>
        {table("rfm8", [
          { ...name("rfm8"), title: t("segments.segment") }, customers, share, net,
          { key: "treatment", title: t("value.treatment"), render: (_: unknown, r: Row) => t(`value.rfm8.treatments.${r.segment as "important_value"}`) },
        ], "segments-rfm8", 820)}
        {rule(rfm8RuleText(s.rules.rfm8), "segments-rfm8-rule")}
      </Card>
      <Card title={t("segments.loyaltyTitle")} extra={hint} styles={{ body: { padding: 0 } }}>
        {table("loyalty", [
          { ...name("loyalty", (r) => <Badge color={badge(SEGMENT_COLOR.loyalty?.[r.segment])} />), title: t("segments.loyaltyClass") },
          customers, share, net, before(trend.data?.segments.loyalty.classes),
          { key: "treatment", title: t("segments.treatment"), render: (_: unknown, r: Row) => t(`segments.loyaltyTreatments.${r.segment as "loyal"}`) },
        ], "segments-loyalty", 820)}
        {rule(t("segments.loyaltyRule", { ...loyalty, loyalTopShare: pct(loyalty.loyalTopShare), loyalMaxDiscount: pct(loyalty.loyalMaxDiscount), measure }), "segments-loyalty-rule")}
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={10}>
          <Card title={t("segments.ladderTitle")} extra={hint} style={{ height: "100%" }} styles={{ body: { padding: 0 } }}>
            <div style={{ padding: "12px 16px 0" }}>
              <LadderChart rungs={rowsOf(summary, "ladder").map((r) => ({ rung: r.segment, customers: r.customers }))} locale={f.locale} />
            </div>
            {table("ladder", [{ ...name("ladder"), title: t("segments.rung") }, customers, share, net], "segments-ladder")}
            {rule(t("segments.ladderRule", ladder), "segments-ladder-rule")}
          </Card>
        </Col>
        <Col xs={24} xl={14}>
          <Card title={t("segments.profitTitle")} extra={hint} style={{ height: "100%" }} styles={{ body: { padding: 0 } }}>
            {table("profitGroup", [
              { ...name("profitGroup", (r) => <Badge color={badge(SEGMENT_COLOR.profitGroup?.[r.segment])} />), title: t("segments.profitGroup") },
              customers, net, before(trend.data?.segments.profitGroups.groups), change(trend.data?.segments.profitGroups.groups),
            ], "segments-profit")}
            {rule(t("segments.profitRule", { topShare: pct(rules.profitGroups.topShare), change: pct(rules.profitGroups.change), measure }), "segments-profit-rule")}
          </Card>
        </Col>
      </Row>
      <Row gutter={[16, 16]}>
        <Col xs={24} xxl={14}>
          <Card title={t("segments.tiersTitle")} extra={<Typography.Text type="secondary">{t("value.pyramidHelp")}</Typography.Text>} style={{ height: "100%" }} styles={{ body: { padding: 0 } }}>
            {table("tier", [
              { ...name("tier"), title: t("value.tier") }, customers, share, net,
              { key: "treatment", title: t("value.treatment"), render: (_: unknown, r: Row) => t(`value.treatments.${r.segment as "key"}`) },
            ], "segments-tiers", 720)}
          </Card>
        </Col>
        <Col xs={24} xxl={10}>
          <Card title={t("segments.typesTitle")} extra={hint} style={{ height: "100%" }} styles={{ body: { padding: 0 } }}>
            {table("type", [
              { ...name("type"), title: t("value.type") }, customers, share, net,
              { key: "about", title: t("value.typeAbout"), render: (_: unknown, r: Row) => t(`value.typeHelp.${r.segment as "transaction"}`) },
            ], "segments-types", 640)}
            {rule(t("segments.typesRule", { discount: pct(rules.transaction.minDiscountShare), days: rules.transaction.maxPurchaseDays }), "segments-types-rule")}
          </Card>
        </Col>
      </Row>
    </Space>
  );
}
