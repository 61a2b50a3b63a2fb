import { SearchOutlined } from "@ant-design/icons";
import { Button, Card, Col, Empty, Form, InputNumber, Row, Segmented, Space, Table, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorResult } from "../../../components/ErrorResult";
import { PageSpin } from "../../../components/Loading";
import { PageHeader } from "../../../components/PageHeader";
import type { BasketQuery, BasketReport, ConsequentMode } from "../api/patterns.api";
import { useBasketReport } from "../hooks/usePatterns";
import { fromPercent, SCOPE_DEFAULTS, scopeQuery, type ScopeValues } from "../scope";
import { BasketRulesTable } from "./BasketRulesTable";
import { Kpi, usePatternFormat } from "./bits";
import { ItemNetwork, NETWORK_RULES } from "./ItemNetwork";
import { useSaveRunControl } from "./SaveRun";
import { ScopeFields, useScopeText } from "./ScopeFields";

interface Values extends ScopeValues {
  /** Percentages, as typed. */
  minSupport: number;
  minConfidence: number;
  maxLength: number;
  consequents: ConsequentMode;
}

type TopItem = BasketReport["topItems"][number];

const DEFAULTS: Values = { ...SCOPE_DEFAULTS, minSupport: 1, minConfidence: 50, maxLength: 4, consequents: "single" };

const queryOf = (v: Values): BasketQuery => ({
  ...scopeQuery(v),
  minSupport: fromPercent(v.minSupport),
  minConfidence: fromPercent(v.minConfidence),
  maxLength: v.maxLength,
  consequents: v.consequents,
});

/**
 * Basket rules: what is bought together in one order. Frequent itemsets (FP-growth) and
 * association rules over a window's sale orders, with every threshold stated (definitions:
 * docs/baskets.md); a run can be saved for the customers' next best offers.
 */
export default function BasketsPage() {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [query, setQuery] = useState<BasketQuery>(() => queryOf(DEFAULTS));
  const report = useBasketReport(query);
  const r = report.data;
  // Only what is on screen is saved, and never an empty run: it would leave every customer without offers.
  const savable = r && !report.isPlaceholderData && r.rulesFound > 0;
  const save = useSaveRunControl("baskets", savable ? { kind: "baskets", ...query } : null);

  let body;
  if (report.isPending) body = <PageSpin />;
  else if (report.isError && !r) body = <ErrorResult error={report.error} onRetry={() => void report.refetch()} />;
  else if (r && r.baskets === 0) {
    body = (
      <Card>
        <Empty description={<EmptyText r={r} />} data-testid="baskets-empty" />
      </Card>
    );
  } else if (r) body = <Report r={r} />;

  return (
    <>
      <PageHeader title={t("nav.baskets")} extra={save.button} />
      <Typography.Paragraph type="secondary" style={{ maxWidth: 960 }}>{t("baskets.intro")}</Typography.Paragraph>
      <Card style={{ marginBottom: 16 }}>
        <Form<Values> form={form} layout="vertical" requiredMark={false} initialValues={DEFAULTS} onFinish={(v) => setQuery(queryOf(v))} data-testid="baskets-form">
          <Row gutter={16}>
            <ScopeFields prefix="baskets" />
            <Col xs={12} sm={6} lg={4}>
              <Form.Item name="minSupport" label={t("baskets.minSupport")} tooltip={t("baskets.minSupportHelp")} rules={[{ required: true }]}>
                <InputNumber min={0.01} max={100} step={0.1} suffix="%" style={{ width: "100%" }} data-testid="baskets-min-support" />
              </Form.Item>
            </Col>
            <Col xs={12} sm={6} lg={4}>
              <Form.Item name="minConfidence" label={t("baskets.minConfidence")} tooltip={t("baskets.measureHelp.confidence")} rules={[{ required: true }]}>
                <InputNumber min={0} max={100} step={5} suffix="%" style={{ width: "100%" }} data-testid="baskets-min-confidence" />
              </Form.Item>
            </Col>
            <Col xs={12} sm={6} lg={4}>
              <Form.Item name="maxLength" label={t("baskets.maxLength")} tooltip={t("baskets.maxLengthHelp")} rules={[{ required: true }]}>
                <InputNumber min={2} max={10} precision={0} style={{ width: "100%" }} data-testid="baskets-max-length" />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} lg={7}>
              <Form.Item name="consequents" label={t("baskets.consequents")} tooltip={t("baskets.consequentsHelp")}>
                <Segmented<ConsequentMode> options={[{ value: "single", label: t("baskets.consequentSingle") }, { value: "all", label: t("baskets.consequentAll") }]} data-testid="baskets-consequents" />
              </Form.Item>
            </Col>
            <Col xs={24} lg={5} style={{ display: "flex", alignItems: "flex-end" }}>
              <Form.Item>
                <Button type="primary" htmlType="submit" icon={<SearchOutlined />} loading={report.isFetching} data-testid="baskets-run">{t("baskets.run")}</Button>
              </Form.Item>
            </Col>
          </Row>
        </Form>
      </Card>
      {save.note}
      {report.isError && r ? <ErrorResult error={report.error} onRetry={() => void report.refetch()} inline /> : null}
      {body}
    </>
  );
}

function EmptyText({ r }: { r: BasketReport }) {
  const scopeText = useScopeText();
  const { t } = useTranslation();
  return <Typography.Paragraph style={{ maxWidth: 560, margin: "0 auto" }}>{t("baskets.empty", { scope: scopeText(r.scope) })}</Typography.Paragraph>;
}

function Report({ r }: { r: BasketReport }) {
  const { t } = useTranslation();
  const p = usePatternFormat();
  const scopeText = useScopeText();
  const th = r.thresholds;
  const support = p.pct(th.minSupport);
  return (
    <Space direction="vertical" size={16} style={{ width: "100%" }}>
      <Typography.Paragraph data-testid="baskets-scope-text" style={{ margin: 0 }}>
        {t("baskets.scopeText", { scope: scopeText(r.scope, r.level) })}
      </Typography.Paragraph>
      <Row gutter={[16, 16]}>
        <Col xs={12} md={8} xl={5}><Kpi testId="baskets-kpi-baskets" title={t("baskets.kpiBaskets")} help={t("baskets.kpiBasketsHelp")} value={p.number(r.baskets)} /></Col>
        <Col xs={12} md={8} xl={4}><Kpi testId="baskets-kpi-items" title={t(`baskets.kpiItems.${r.level}`)} help={t("baskets.kpiItemsHelp")} value={p.number(r.items)} /></Col>
        <Col xs={12} md={8} xl={5}><Kpi testId="baskets-kpi-itemsets" title={t("baskets.kpiItemsets")} help={t("baskets.kpiItemsetsHelp", { n: th.maxLength })} value={p.number(r.itemsets)} /></Col>
        <Col xs={12} md={8} xl={5}>
          <Kpi testId="baskets-kpi-rules" title={t("baskets.kpiRules")} help={t("baskets.kpiRulesHelp")} value={p.number(r.rulesFound)}
            note={t("baskets.rulesNote", { confidence: p.pct(th.minConfidence) })} />
        </Col>
        <Col xs={24} md={16} xl={5}>
          <Kpi testId="baskets-kpi-min-count" title={t("baskets.kpiMinCount")} help={t("baskets.minSupportHelp")} value={p.number(th.minCount)}
            note={<span data-testid="baskets-min-count-text">{t("baskets.minCountText", { support, n: p.number(th.minCount) })}</span>} />
        </Col>
      </Row>
      <Card
        title={t("baskets.rulesTitle")}
        extra={<Typography.Text type="secondary">{r.rules.length < r.rulesFound ? t("baskets.rulesShownOf", { shown: p.number(r.rules.length), n: p.number(r.rulesFound) }) : t("baskets.rulesSorted")}</Typography.Text>}
        styles={{ body: { padding: r.rules.length ? 0 : undefined } }}
      >
        {r.rules.length ? (
          <BasketRulesTable rules={r.rules} />
        ) : (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("baskets.noRules", { support, confidence: p.pct(th.minConfidence) })} data-testid="baskets-no-rules" />
        )}
      </Card>
      <Row gutter={[16, 16]}>
        {r.rules.length ? (
          <Col xs={24} xl={15}>
            <Card title={t("baskets.networkTitle")} style={{ height: "100%" }}>
              <Typography.Paragraph type="secondary">{t("baskets.networkHelp", { n: p.number(Math.min(r.rules.length, NETWORK_RULES)) })}</Typography.Paragraph>
              <ItemNetwork rules={r.rules} baskets={r.baskets} locale={p.locale} />
            </Card>
          </Col>
        ) : null}
        <Col xs={24} xl={r.rules.length ? 9 : 24}>
          <Card title={t("baskets.topItemsTitle")} style={{ height: "100%" }} styles={{ body: { padding: 0 } }}>
            <Table<TopItem>
              rowKey="key"
              size="small"
              pagination={false}
              dataSource={r.topItems}
              locale={{ emptyText: t("baskets.noTopItems", { support }) }}
              data-testid="baskets-top-items"
              columns={[
                { key: "rank", title: "#", width: 48, render: (_: unknown, __: unknown, i: number) => p.number(i + 1) },
                { key: "item", title: t(`baskets.item.${r.level}`), dataIndex: "label" },
                { key: "count", title: t("baskets.measures.count"), align: "right" as const, render: (_: unknown, x: TopItem) => p.number(x.count) },
                { key: "support", title: t("baskets.measures.support"), align: "right" as const, render: (_: unknown, x: TopItem) => p.pct(x.support) },
              ]}
            />
          </Card>
        </Col>
      </Row>
    </Space>
  );
}
