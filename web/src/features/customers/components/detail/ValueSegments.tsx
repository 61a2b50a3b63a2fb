import { QuestionCircleOutlined } from "@ant-design/icons";
import { Alert, Card, Col, Divider, Empty, Row, Space, Statistic, Table, Tag, Tooltip, Typography } from "antd";
import type { TFunction } from "i18next";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { ErrorResult } from "../../../../components/ErrorResult";
import { LoadingBlock } from "../../../../components/Loading";
import { formatNumber } from "../../../../i18n/format";
import { useFormat } from "../../../../i18n/useFormat";
import type { CustomerValue } from "../../../segments/api/customer-value.api";
import type { SegmentScheme } from "../../../segments/api/segments.api";
import { useCustomerValue } from "../../../segments/hooks/useSegments";
import { SEGMENT_COLOR, segmentLabel } from "../../../segments/labels";

type HistoryRow = CustomerValue["history"][number];

/**
 * The customer's value over the last 12 months (tenure, days between purchases, and net
 * value after the cost to serve when one is set) and their segments on the latest snapshot,
 * with how those changed from one snapshot date to the next.
 */
export function ValueSegments({ customerId }: { customerId: number }) {
  const { t } = useTranslation();
  const f = useFormat();
  const value = useCustomerValue(customerId);

  let body: ReactNode;
  if (value.isPending) body = <LoadingBlock rows={5} />;
  else if (value.isError) body = <ErrorResult error={value.error} onRetry={() => void value.refetch()} inline />;
  else body = <Body v={value.data} />;

  return (
    <Card
      title={t("customerValue.title")}
      extra={value.data ? <Typography.Text type="secondary">{t("customerValue.window", { from: f.date(value.data.window.from), to: f.date(value.data.window.to) })}</Typography.Text> : null}
      style={{ marginBottom: 16 }}
      data-testid="customer-value"
    >
      {body}
    </Card>
  );
}

function Body({ v }: { v: CustomerValue }) {
  const { t } = useTranslation();
  const f = useFormat();
  const x = v.figures;
  const money = (m: string | null) => f.money(m, v.currency);
  const pct = (n: number | null) => (n === null ? "—" : formatNumber(n, f.locale, { style: "percent", maximumFractionDigits: 1 }));
  const days = (n: number | null) => (n === null ? "—" : t("customerValue.days", { days: formatNumber(n, f.locale, { maximumFractionDigits: 1 }) }));
  const help = (text: string) => (
    <Tooltip title={text}>
      <QuestionCircleOutlined aria-label={text} />
    </Tooltip>
  );

  const figures: Array<{ key: string; title: ReactNode; value: string }> = x
    ? [
        { key: "orders", title: t("customerValue.orders"), value: f.number(x.orders) },
        { key: "netSales", title: t("customerValue.netSales"), value: money(x.netSales) },
        { key: "margin", title: t("customerValue.margin"), value: money(x.margin) },
        { key: "averageOrderValue", title: t("customerValue.averageOrderValue"), value: money(x.averageOrderValue) },
        { key: "discountShare", title: t("customerValue.discountShare"), value: pct(x.discountShare) },
        {
          key: "tenure",
          title: t("customerValue.tenure"),
          value: x.tenureDays === null ? "—" : t("customerValue.tenureValue", { days: f.number(x.tenureDays), years: formatNumber(x.tenureDays / 365.25, f.locale, { maximumFractionDigits: 1 }) }),
        },
        { key: "meanInterPurchase", title: t("customerValue.meanInterPurchase"), value: days(x.meanInterPurchaseDays) },
        ...(x.costToServe !== null
          ? [
              {
                key: "costToServe",
                title: <Space size={4}>{t("customerValue.costToServe")}{help(t("customerValue.costHelp", {
                  orders: f.number(x.orders), perOrder: money(v.costToServe.perOrder),
                  interactions: f.number(v.interactions), perInteraction: money(v.costToServe.perInteraction),
                  complaints: f.number(v.complaints), perComplaint: money(v.costToServe.perComplaint),
                }))}</Space>,
                value: money(x.costToServe),
              },
              { key: "netValue", title: <Space size={4}>{t("customerValue.netValue")}{help(t("customerValue.netValueHelp"))}</Space>, value: money(x.netValue) },
            ]
          : []),
      ]
    : [];

  const latest = v.history[0];
  return (
    <>
      {x ? (
        <Row gutter={[16, 16]}>
          {figures.map((g) => (
            <Col key={g.key} xs={12} sm={8} lg={6}>
              <Statistic title={g.title} value={g.value} formatter={() => <span data-testid={`customer-value-${g.key}`}>{g.value}</span>} styles={{ content: { fontSize: 18 } }} />
            </Col>
          ))}
        </Row>
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("customerValue.noFigures", { date: f.date(v.window.to) })} />
      )}
      {x && x.costToServe === null ? <Alert style={{ marginTop: 16 }} type="info" showIcon title={t("customerValue.noCost")} data-testid="customer-value-no-cost" /> : null}
      <Divider titlePlacement="start" style={{ marginBlock: 16 }}>
        {latest ? t("customerValue.latest", { date: f.date(latest.asOf) }) : t("customerValue.historyTitle")}
      </Divider>
      {latest ? (
        <>
          <SegmentTags row={latest} />
          {v.history.length > 1 ? <History rows={v.history} /> : null}
        </>
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("customerValue.noSnapshot")} data-testid="customer-value-no-snapshot" />
      )}
    </>
  );
}

/** A segment as a tag, or a dash when the customer is in none of that scheme (no purchase in the window). */
function SegmentTag({ scheme, value }: { scheme: SegmentScheme; value: string | null }) {
  const { t } = useTranslation();
  if (value === null) return <Typography.Text type="secondary">—</Typography.Text>;
  return <Tag color={SEGMENT_COLOR[scheme]?.[value]} style={{ marginInlineEnd: 0 }}>{segmentLabel(t, scheme, value)}</Tag>;
}

const rfmText = (row: HistoryRow, t: TFunction) =>
  row.rfm ? `${t("customerValue.rfm", { r: row.rfm.r, f: row.rfm.f, m: row.rfm.m })} · ${segmentLabel(t, "rfm", row.rfm.segment)}` : null;

/** The latest snapshot's segments, each labelled by its scheme. */
function SegmentTags({ row }: { row: HistoryRow }) {
  const { t } = useTranslation();
  const items: Array<{ key: string; label: string; node: ReactNode }> = [
    { key: "tier", label: t("customerValue.tier"), node: <SegmentTag scheme="tier" value={row.tier} /> },
    { key: "rfm", label: t("customerValue.rfmSegment"), node: row.rfm ? <Tag color="geekblue" style={{ marginInlineEnd: 0 }}>{rfmText(row, t)}</Tag> : <Typography.Text type="secondary">—</Typography.Text> },
    { key: "loyalty", label: t("customerValue.loyalty"), node: <SegmentTag scheme="loyalty" value={row.loyalty} /> },
    { key: "ladder", label: t("customerValue.ladder"), node: <SegmentTag scheme="ladder" value={row.ladder} /> },
    { key: "profitGroup", label: t("customerValue.profitGroup"), node: <SegmentTag scheme="profitGroup" value={row.profitGroup} /> },
    { key: "type", label: t("customerValue.type"), node: <SegmentTag scheme="type" value={row.customerType} /> },
  ];
  return (
    <Space wrap size={[24, 8]} data-testid="customer-value-tags">
      {items.map((i) => (
        <Space key={i.key} size={6} data-testid={`customer-value-tag-${i.key}`}>
          <Typography.Text type="secondary">{i.label}</Typography.Text>
          {i.node}
        </Space>
      ))}
    </Space>
  );
}

/** The segments on every snapshot date, newest first. */
function History({ rows }: { rows: HistoryRow[] }) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <Table<HistoryRow>
      style={{ marginTop: 16 }}
      rowKey="asOf"
      size="small"
      dataSource={rows}
      pagination={rows.length > 8 ? { pageSize: 8, size: "small" } : false}
      scroll={{ x: "max-content" }}
      data-testid="customer-value-history"
      columns={[
        { key: "asOf", title: t("customerValue.asOf"), render: (_: unknown, r: HistoryRow) => f.date(r.asOf) },
        { key: "netSales", title: t("customerValue.netSales"), align: "right" as const, render: (_: unknown, r: HistoryRow) => f.money(r.netSales) },
        { key: "tier", title: t("customerValue.tier"), render: (_: unknown, r: HistoryRow) => <SegmentTag scheme="tier" value={r.tier} /> },
        { key: "decile", title: t("customerValue.decile"), align: "right" as const, render: (_: unknown, r: HistoryRow) => r.decile ?? "—" },
        { key: "rfm", title: t("customerValue.rfmSegment"), render: (_: unknown, r: HistoryRow) => rfmText(r, t) ?? "—" },
        { key: "loyalty", title: t("customerValue.loyalty"), render: (_: unknown, r: HistoryRow) => <SegmentTag scheme="loyalty" value={r.loyalty} /> },
        { key: "ladder", title: t("customerValue.ladder"), render: (_: unknown, r: HistoryRow) => <SegmentTag scheme="ladder" value={r.ladder} /> },
        { key: "profitGroup", title: t("customerValue.profitGroup"), render: (_: unknown, r: HistoryRow) => <SegmentTag scheme="profitGroup" value={r.profitGroup} /> },
      ]}
    />
  );
}
