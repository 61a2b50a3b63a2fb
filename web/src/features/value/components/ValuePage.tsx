import { Card, Col, DatePicker, Empty, InputNumber, Row, Segmented, Select, Space, Statistic, Table, Typography } from "antd";
import dayjs from "dayjs";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorResult } from "../../../components/ErrorResult";
import { PageSpin } from "../../../components/Loading";
import { PageHeader } from "../../../components/PageHeader";
import { formatNumber } from "../../../i18n/format";
import { useFormat } from "../../../i18n/useFormat";
import type { ValueGroup, ValueMeasure, ValueQuery, ValueReport } from "../api/value.api";
import { useValueReport } from "../hooks/useValueReport";
import { ParetoChart } from "./ParetoChart";
import { Rfm8Card } from "./Rfm8Card";

const WINDOWS = ["3m", "6m", "12m", "24m"] as const;
type PurchaseDecile = NonNullable<ValueReport["purchaseDeciles"]>[number];
type Segment = ValueReport["rfm"]["segments"][number];

/**
 * Which customers are worth keeping: KPIs, the Pareto curve, monetary deciles, the customer
 * pyramid with each tier's treatment, purchase deciles and RFM segments, as of a date
 * (definitions: docs/value.md; the server computes every figure from the aggregates).
 */
export default function ValuePage() {
  const { t } = useTranslation();
  const f = useFormat();
  const [asOf, setAsOf] = useState<string | undefined>(undefined);
  const [window, setWindow] = useState<string>("12m");
  const [by, setBy] = useState<ValueMeasure>("sales");
  const [rule, setRule] = useState<{ transactionDiscount?: number; transactionDays?: number }>({});
  const report = useValueReport({ asOf, window, by, ...rule });
  const pct = (v: number | null | undefined) => (v === null || v === undefined ? "—" : formatNumber(v, f.locale, { style: "percent", maximumFractionDigits: 1 }));

  const filters = (
    <Space wrap>
      <DatePicker
        value={asOf ? dayjs(asOf) : null}
        onChange={(d) => setAsOf(d ? d.format("YYYY-MM-DD") : undefined)}
        placeholder={t("value.asOfDefault")}
        allowClear
        data-testid="value-as-of"
      />
      <Select value={window} onChange={setWindow} style={{ width: 140 }} options={WINDOWS.map((w) => ({ value: w, label: t(`value.windows.${w}`) }))} data-testid="value-window" />
      <Segmented<ValueMeasure> value={by} onChange={setBy} options={[{ value: "sales", label: t("value.bySales") }, { value: "margin", label: t("value.byMargin") }]} data-testid="value-by" />
    </Space>
  );

  const r = report.data;
  let body;
  if (report.isPending) body = <PageSpin />;
  else if (report.isError && !r) body = <ErrorResult error={report.error} onRetry={() => void report.refetch()} />;
  else if (r && r.kpis.customers === 0) {
    body = (
      <Card>
        <Empty description={t("value.empty", { from: f.date(r.window.from), to: f.date(r.window.to) })} data-testid="value-empty" />
      </Card>
    );
  } else if (r) body = <Report r={r} pct={pct} onRule={setRule} query={{ asOf, window, by, ...rule }} />;

  return (
    <>
      <PageHeader title={t("nav.value")} extra={filters} />
      {r ? (
        <Typography.Paragraph type="secondary" data-testid="value-window-text">
          {t("value.windowText", { from: f.date(r.window.from), to: f.date(r.window.to), measure: t(by === "sales" ? "value.measureSales" : "value.measureMargin") })}
        </Typography.Paragraph>
      ) : null}
      {report.isError && r ? <ErrorResult error={report.error} onRetry={() => void report.refetch()} inline /> : null}
      {body}
    </>
  );
}

function Report({ r, pct, onRule, query }: {
  r: ValueReport; pct: (v: number | null | undefined) => string; onRule: (rule: { transactionDiscount?: number; transactionDays?: number }) => void; query: ValueQuery;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const money = (v: string) => f.money(v, r.currency);
  // In sentences; the column heads keep their own capitalised names.
  const measure = t(r.by === "sales" ? "value.measureSales" : "value.measureMargin");
  const eighty = r.concentration.find((c) => c.share === 0.8);
  const k = r.kpis;

  const groupColumns = (first: { key: string; title: string; render: (g: ValueGroup & { tier?: string }) => React.ReactNode }) => [
    { key: first.key, title: first.title, render: (_: unknown, g: ValueGroup & { tier?: string }) => first.render(g) },
    { key: "customers", title: t("value.customers"), align: "right" as const, render: (_: unknown, g: ValueGroup) => f.number(g.customers) },
    { key: "net", title: t("value.netSales"), align: "right" as const, render: (_: unknown, g: ValueGroup) => money(g.sums.netSales.sum) },
    { key: "netShare", title: t("value.share"), align: "right" as const, render: (_: unknown, g: ValueGroup) => pct(g.sums.netSales.share) },
    { key: "netCum", title: t("value.cumulative"), align: "right" as const, render: (_: unknown, g: ValueGroup) => pct(g.sums.netSales.cumulativeShare) },
    { key: "margin", title: t("value.margin"), align: "right" as const, render: (_: unknown, g: ValueGroup) => money(g.sums.margin.sum) },
    { key: "marginShare", title: t("value.marginShare"), align: "right" as const, render: (_: unknown, g: ValueGroup) => pct(g.sums.margin.share) },
  ];

  return (
    <Space direction="vertical" size={16} style={{ width: "100%" }}>
      <Row gutter={[16, 16]}>
        <Col xs={12} md={8}><Card><Statistic title={t("value.customersWhoBought")} value={f.number(k.customers)} data-testid="value-kpi-customers" /></Card></Col>
        <Col xs={12} md={8}><Card><Statistic title={t("value.netSales")} value={money(k.netSales)} /></Card></Col>
        <Col xs={12} md={8}><Card><Statistic title={t("value.margin")} value={money(k.margin)} /><Typography.Text type="secondary">{t("value.coverage", { share: pct(k.marginCoverage) })}</Typography.Text></Card></Col>
        <Col xs={12} md={8}><Card><Statistic title={t("value.averageOrderValue")} value={k.averageOrderValue === null ? "—" : money(k.averageOrderValue.toFixed(2))} /></Card></Col>
        <Col xs={12} md={8}><Card><Statistic title={t("value.discountShare")} value={pct(k.discountShare)} /></Card></Col>
        <Col xs={12} md={8}><Card><Statistic title={t("value.orders")} value={f.number(k.orders)} /></Card></Col>
      </Row>
      <Card title={t("value.paretoTitle")}>
        {eighty?.customerShare != null ? (
          <Typography.Paragraph strong data-testid="value-headline">
            {t("value.headline", { customers: pct(eighty.customerShare), n: f.number(eighty.customers ?? 0), measure })}
          </Typography.Paragraph>
        ) : null}
        {r.pareto ? <ParetoChart points={r.pareto} measure={t(r.by === "sales" ? "value.netSales" : "value.margin")} /> : <Empty description={t("value.noTotal")} />}
      </Card>
      <Card title={t("value.decilesTitle")} extra={<Typography.Text type="secondary">{t("value.decilesHelp")}</Typography.Text>} styles={{ body: { padding: 0 } }}>
        <Table<ValueGroup> rowKey="group" size="small" pagination={false} scroll={{ x: "max-content" }} dataSource={r.deciles}
          columns={groupColumns({ key: "decile", title: t("value.decile"), render: (g) => g.group })} data-testid="value-deciles" />
      </Card>
      <CustomerTypes r={r} pct={pct} onRule={onRule} />
      <Card title={t("value.pyramidTitle")} extra={<Typography.Text type="secondary">{t("value.pyramidHelp")}</Typography.Text>} styles={{ body: { padding: 0 } }}>
        <Table<ValueGroup & { tier: string }> rowKey="tier" size="small" pagination={false} scroll={{ x: "max-content" }} dataSource={r.pyramid}
          columns={[
            ...groupColumns({ key: "tier", title: t("value.tier"), render: (g) => <Typography.Text strong>{t(`value.tiers.${g.tier as "key"}`)}</Typography.Text> }),
            { key: "treatment", title: t("value.treatment"), width: 320, render: (_: unknown, g: ValueGroup & { tier: string }) => t(`value.treatments.${g.tier as "key"}`) },
          ]}
          data-testid="value-pyramid" />
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={10}>
          <Card title={t("value.purchaseDecilesTitle")} styles={{ body: { padding: 0 } }}>
            {r.purchaseDeciles ? (
              <Table<PurchaseDecile> rowKey="part" size="small" pagination={false} dataSource={r.purchaseDeciles}
                columns={[
                  { key: "part", title: t("value.part", { measure }), render: (_: unknown, p: PurchaseDecile) => pct(p.part / 10) },
                  { key: "customers", title: t("value.customers"), align: "right" as const, render: (_: unknown, p: PurchaseDecile) => f.number(p.customers) },
                  { key: "cum", title: t("value.cumulativeCustomers"), align: "right" as const, render: (_: unknown, p: PurchaseDecile) => `${f.number(p.cumulativeCustomers)} (${pct(p.cumulativeCustomerShare)})` },
                ]} />
            ) : <Empty description={t("value.noTotal")} />}
          </Card>
        </Col>
        <Col xs={24} lg={14}>
          <Card title={t("value.rfmTitle", { n: f.number(r.rfm.customers) })} styles={{ body: { padding: 0 } }}>
            <Table<Segment> rowKey="segment" size="small" pagination={false} dataSource={r.rfm.segments} data-testid="value-rfm"
              columns={[
                { key: "segment", title: t("value.segment"), render: (_: unknown, s: Segment) => t(`value.segments.${s.segment as "champions"}`) },
                { key: "customers", title: t("value.customers"), align: "right" as const, render: (_: unknown, s: Segment) => `${f.number(s.customers)} (${pct(s.customerShare)})` },
                { key: "value", title: t("value.netSales"), align: "right" as const, render: (_: unknown, s: Segment) => money(s.value) },
                { key: "share", title: t("value.share"), align: "right" as const, render: (_: unknown, s: Segment) => pct(s.valueShare) },
              ]} />
          </Card>
        </Col>
      </Row>
      <Rfm8Card base={query} />
    </Space>
  );
}

/** Transaction customers (price-only buyers) set apart by a rule the user sees and changes; the rest are relationship customers. */
function CustomerTypes({ r, pct, onRule }: { r: ValueReport; pct: (v: number | null | undefined) => string; onRule: (rule: { transactionDiscount?: number; transactionDays?: number }) => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const ct = r.customerTypes;
  // What the user typed stays while the report for it loads.
  const [discountPct, setDiscountPct] = useState(Math.round(ct.rule.minDiscountShare * 1000) / 10);
  const [days, setDays] = useState(ct.rule.maxPurchaseDays);
  const change = (d: number, n: number) => {
    setDiscountPct(d);
    setDays(n);
    onRule({ transactionDiscount: d / 100, transactionDays: n });
  };
  const rows = (["transaction", "relationship"] as const).map((k) => ({ key: k, ...ct[k] }));
  return (
    <Card
      title={t("value.typesTitle")}
      extra={
        <Space wrap data-testid="value-rule">
          <Typography.Text type="secondary">{t("value.ruleDiscount")}</Typography.Text>
          <InputNumber min={0} max={100} step={5} value={discountPct} addonAfter="%" style={{ width: 110 }}
            onChange={(v) => v !== null && change(v, days)} data-testid="value-rule-discount" />
          <Typography.Text type="secondary">{t("value.ruleDays")}</Typography.Text>
          <InputNumber min={1} max={366} precision={0} value={days} style={{ width: 80 }}
            onChange={(v) => v !== null && change(discountPct, v)} data-testid="value-rule-days" />
        </Space>
      }
      styles={{ body: { padding: 0 } }}
    >
      <Table rowKey="key" size="small" pagination={false} dataSource={rows} data-testid="value-types"
        columns={[
          { key: "type", title: t("value.type"), render: (_: unknown, x: (typeof rows)[number]) => <Typography.Text strong>{t(`value.types.${x.key}`)}</Typography.Text> },
          { key: "customers", title: t("value.customers"), align: "right" as const, render: (_: unknown, x: (typeof rows)[number]) => `${f.number(x.customers)} (${pct(r.kpis.customers ? x.customers / r.kpis.customers : null)})` },
          { key: "net", title: t("value.netSales"), align: "right" as const, render: (_: unknown, x: (typeof rows)[number]) => f.money(x.netSales, r.currency) },
          { key: "margin", title: t("value.margin"), align: "right" as const, render: (_: unknown, x: (typeof rows)[number]) => f.money(x.margin, r.currency) },
          { key: "about", title: t("value.typeAbout"), render: (_: unknown, x: (typeof rows)[number]) => t(`value.typeHelp.${x.key}`) },
        ]} />
    </Card>
  );
}
