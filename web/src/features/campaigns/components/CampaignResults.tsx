import { useQuery } from "@tanstack/react-query";
import type { TFunction } from "i18next";
import { Alert, Card, Col, Descriptions, Empty, Row, Space, Table, Typography } from "antd";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { EChart } from "../../../components/EChart";
import { ErrorResult } from "../../../components/ErrorResult";
import { LoadingBlock } from "../../../components/Loading";
import type { EChartsOption } from "../../../lib/echarts";
import { Kpi, usePatternFormat } from "../../patterns/components/bits";
import { fetchResults, type Effect, type Interval, type Results, type Stratum } from "../api/campaigns.api";

/**
 * What a campaign returned against its control group (docs/campaigns.md, "Results"): the
 * server computes every figure; this page shows them with their 95% intervals.
 */
export function CampaignResults({ id }: { id: number }) {
  const { t } = useTranslation();
  const results = useQuery({ queryKey: ["campaign-results", id], queryFn: () => fetchResults(id) });
  const r = results.data;
  if (results.isPending) return <LoadingBlock />;
  if (results.isError || !r) return <ErrorResult error={results.error} onRetry={() => void results.refetch()} />;
  return (
    <Space direction="vertical" size={16} style={{ width: "100%" }} data-testid="campaign-results">
      {!r.window ? <Alert type="info" showIcon message={t("campaigns.notYet")} data-testid="campaign-not-yet" />
        : r.window.open ? <Alert type="info" showIcon message={t("campaigns.measuring", { day: r.window.day, days: r.window.days })} data-testid="campaign-measuring" />
          : <Alert type="success" showIcon message={t("campaigns.measured", { days: r.window.days })} data-testid="campaign-measured" />}
      {r.effect ? <EffectCards r={r} e={r.effect} /> : <Card><Empty description={r.window ? t("campaigns.noControl") : t("campaigns.notYet")} data-testid="campaign-no-effect" /></Card>}
      {r.effect ? <GroupChart e={r.effect} /> : null}
      <TierTable r={r} />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}><BalanceTable r={r} /></Col>
        <Col xs={24} lg={12}><Delivery r={r} /></Col>
      </Row>
    </Space>
  );
}

function useFmt() {
  const { t } = useTranslation();
  const f = usePatternFormat();
  const money = (v: number) => f.money(v.toFixed(2));
  const pp = (v: number) => `${v >= 0 ? "+" : ""}${f.ratio(v * 100, 1)} pp`;
  const ci = (i: Interval, fmt: (v: number) => string) => (i ? t("campaigns.interval", { low: fmt(i[0]), high: fmt(i[1]) }) : t("campaigns.noInterval"));
  return { ...f, money, pp, ci, t };
}

function EffectCards({ r, e }: { r: Results; e: Effect }) {
  const { t, money, pct, pp, ci, number } = useFmt();
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} sm={12} lg={8}>
        <Kpi testId="campaign-kpi-response" title={t("campaigns.kpi.response")} help={t("campaigns.kpi.responseHelp")} value={number(Math.round(e.response.incremental))}
          note={<span data-testid="campaign-kpi-response-note">{t("campaigns.kpi.responseNote", { treated: pct(e.response.treated), control: pct(e.response.control), diff: pp(e.response.difference), ci: ci(e.response.interval, pp) })}</span>} />
      </Col>
      <Col xs={24} sm={12} lg={8}>
        <Kpi testId="campaign-kpi-revenue" title={t("campaigns.kpi.revenue")} help={t("campaigns.kpi.revenueHelp")} value={money(e.revenue.difference)}
          note={<span data-testid="campaign-kpi-revenue-note">{t("campaigns.kpi.perCustomerNote", { ci: ci(e.revenue.interval, money), total: money(e.revenue.incremental), totalCi: ci(e.revenue.incrementalInterval, money) })}</span>} />
      </Col>
      <Col xs={24} sm={12} lg={8}>
        {e.margin ? (
          <Kpi testId="campaign-kpi-margin" title={t("campaigns.kpi.margin")} help={t("campaigns.kpi.marginHelp")} value={money(e.margin.difference)}
            note={<span data-testid="campaign-kpi-margin-note">{t("campaigns.kpi.perCustomerNote", { ci: ci(e.margin.interval, money), total: money(e.margin.incremental), totalCi: ci(e.margin.incrementalInterval, money) })}</span>} />
        ) : <Kpi testId="campaign-kpi-margin" title={t("campaigns.kpi.margin")} help={t("campaigns.kpi.marginHelp")} value="—" note={t("campaigns.kpi.noMargin")} />}
      </Col>
      <Col xs={24} sm={12} lg={8}>
        <Kpi testId="campaign-kpi-retention" title={t("campaigns.kpi.retention")} help={t("campaigns.kpi.retentionHelp")} value={pct(e.response.treated)}
          note={t("campaigns.kpi.retentionNote", { control: pct(e.response.control) })} />
      </Col>
      <Col xs={24} sm={12} lg={8}>
        <Kpi testId="campaign-kpi-cost" title={t("campaigns.kpi.cost")} help={t("campaigns.kpi.costHelp")} value={money(Number(r.cost))}
          note={t("campaigns.kpi.costNote", { fixed: money(Number(r.campaign.cost)), per: money(Number(r.campaign.costPerContact)), n: number(r.delivery.contacted) })} />
      </Col>
      <Col xs={24} sm={12} lg={8}>
        <Kpi testId="campaign-kpi-roi" title={t("campaigns.kpi.roi")} help={t("campaigns.kpi.roiHelp")} value={e.roi ? pct(e.roi.value) : "—"}
          note={e.roi ? ci(e.roi.interval, pct) : t("campaigns.kpi.noRoi")} />
      </Col>
    </Row>
  );
}

function GroupChart({ e }: { e: Effect }) {
  const { t } = useTranslation();
  const option = useMemo((): EChartsOption => {
    const cats = [t("campaigns.kpi.revenuePerCustomer"), ...(e.margin ? [t("campaigns.kpi.marginPerCustomer")] : [])];
    return {
      animation: false,
      tooltip: { trigger: "axis", valueFormatter: (v: unknown) => Number(v).toFixed(2) },
      legend: { bottom: 0 },
      grid: { left: 8, right: 16, top: 16, bottom: 40, containLabel: true },
      xAxis: { type: "category", data: cats },
      yAxis: { type: "value" },
      series: [
        { name: t("campaigns.contacted"), type: "bar", data: [e.revenue.treated, ...(e.margin ? [e.margin.treated] : [])], itemStyle: { color: "#1f6feb" } },
        { name: t("campaigns.control"), type: "bar", data: [e.revenue.control, ...(e.margin ? [e.margin.control] : [])], itemStyle: { color: "#8c8c8c" } },
      ],
    };
  }, [e, t]);
  return <Card size="small" title={t("campaigns.chartTitle")}><EChart option={option} height={260} testId="campaign-chart" /></Card>;
}

const tierLabel = (t: TFunction, s: Stratum) => (s === "none" ? t("campaigns.noTier") : t(`value.tiers.${s}`));

function TierTable({ r }: { r: Results }) {
  const { t, money, pct, pp, ci, number } = useFmt();
  return (
    <Card size="small" title={t("campaigns.byTier")}>
      <Table
        size="small" pagination={false} rowKey="stratum" dataSource={r.byStratum} scroll={{ x: true }} data-testid="campaign-tiers"
        columns={[
          { title: t("campaigns.tier"), dataIndex: "stratum", render: (s: Stratum) => tierLabel(t, s) },
          { title: t("campaigns.contacted"), dataIndex: "contacted", align: "right", render: (n: number) => number(n) },
          { title: t("campaigns.control"), dataIndex: "control", align: "right", render: (n: number) => number(n) },
          { title: t("campaigns.boughtShare"), key: "b", render: (_, x) => (x.effect ? `${pct(x.effect.response.treated)} / ${pct(x.effect.response.control)}` : "—") },
          { title: t("campaigns.responseDiff"), key: "rd", render: (_, x) => (x.effect ? <>{pp(x.effect.response.difference)} <Typography.Text type="secondary">{ci(x.effect.response.interval, pp)}</Typography.Text></> : "—") },
          { title: t("campaigns.revenueDiff"), key: "vd", render: (_, x) => (x.effect ? <>{money(x.effect.revenue.difference)} <Typography.Text type="secondary">{ci(x.effect.revenue.interval, money)}</Typography.Text></> : "—") },
        ]}
      />
    </Card>
  );
}

function BalanceTable({ r }: { r: Results }) {
  const { t, pct, number } = useFmt();
  return (
    <Card size="small" title={t("campaigns.balance")} extra={<Typography.Text type="secondary">{t("campaigns.balanceHelp")}</Typography.Text>}>
      <Table
        size="small" pagination={false} rowKey="stratum" dataSource={r.balance} data-testid="campaign-balance"
        columns={[
          { title: t("campaigns.tier"), dataIndex: "stratum", render: (s: Stratum) => tierLabel(t, s) },
          { title: t("campaigns.customers"), dataIndex: "members", align: "right", render: (n: number) => number(n) },
          { title: t("campaigns.control"), dataIndex: "control", align: "right", render: (n: number) => number(n) },
          { title: t("campaigns.controlShare"), dataIndex: "share", align: "right", render: (v: number) => pct(v) },
        ]}
      />
    </Card>
  );
}

function Delivery({ r }: { r: Results }) {
  const { t, number } = useFmt();
  const d = r.delivery;
  const items = [
    { key: "c", label: t("campaigns.delivery.contacted"), children: number(d.contacted) },
    ...(d.sends ? [
      { key: "sent", label: t("campaigns.delivery.sent"), children: <span data-testid="campaign-delivery-sent">{number(d.sends.sent)}</span> },
      { key: "w", label: t("campaigns.delivery.waiting"), children: number(d.sends.waiting + d.sends.sending) },
      { key: "f", label: t("campaigns.delivery.failed"), children: number(d.sends.failed + d.sends.unknown) },
    ] : []),
    ...(d.tasks ? [
      { key: "o", label: t("campaigns.delivery.open"), children: number(d.tasks.open) },
      { key: "d", label: t("campaigns.delivery.done"), children: number(d.tasks.done) },
      { key: "x", label: t("campaigns.delivery.cancelled"), children: number(d.tasks.cancelled) },
    ] : []),
    { key: "h", label: t("campaigns.delivery.held"), children: <span data-testid="campaign-delivery-held">{number(d.held)}</span> },
    { key: "s", label: t("campaigns.delivery.skipped"), children: <span data-testid="campaign-delivery-skipped">{number(d.skipped)}</span> },
  ];
  return (
    <Card size="small" title={t("campaigns.delivery.title")} data-testid="campaign-delivery">
      <Descriptions size="small" column={1} items={items} />
      {d.reasons.length ? (
        <Table size="small" pagination={false} rowKey={(x) => `${x.status}:${x.reason}`} dataSource={d.reasons} style={{ marginTop: 8 }}
          columns={[
            { title: t("campaigns.delivery.status"), dataIndex: "status", render: (s: "held" | "skipped") => t(`campaigns.delivery.${s}`) },
            { title: t("campaigns.delivery.reason"), dataIndex: "reason", render: (x: string) => x.split(",").map((code) => t(`campaigns.reasons.${code.split(":")[0]}`, { defaultValue: code, field: code.split(":")[1] ?? "" })).join("; ") },
            { title: t("campaigns.customers"), dataIndex: "n", align: "right", render: (n: number) => number(n) },
          ]} />
      ) : null}
      <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>{t("campaigns.ittHelp")}</Typography.Paragraph>
    </Card>
  );
}
