import { SearchOutlined } from "@ant-design/icons";
import { Button, Card, Col, Empty, Form, InputNumber, Row, Space, Table, Typography } from "antd";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorResult } from "../../../components/ErrorResult";
import { PageSpin } from "../../../components/Loading";
import { PageHeader } from "../../../components/PageHeader";
import { testId } from "../../../lib/testId";
import type { FollowPair, SequencePattern, SequenceQuery, SequenceReport, SequenceRule } from "../api/patterns.api";
import { useSequenceReport } from "../hooks/usePatterns";
import { fromPercent, SCOPE_DEFAULTS, scopeQuery, type ScopeValues } from "../scope";
import { Kpi, sequenceKey, sequenceText, usePatternFormat, WithHelp } from "./bits";
import { useSaveRunControl } from "./SaveRun";
import { ScopeFields, useScopeText } from "./ScopeFields";
import { TimingChart } from "./TimingChart";

interface Values extends ScopeValues {
  /** A percentage, as typed. */
  minSupport: number;
  /** Blank: no limit. */
  maxGap: number | null;
  withinDays: number;
  maxLength: number;
}

const DEFAULTS: Values = { ...SCOPE_DEFAULTS, minSupport: 1, maxGap: null, withinDays: 90, maxLength: 4 };

const queryOf = (v: Values): SequenceQuery => ({
  ...scopeQuery(v),
  minSupport: fromPercent(v.minSupport),
  ...(v.maxGap ? { maxGap: v.maxGap } : {}),
  withinDays: v.withinDays,
  maxLength: v.maxLength,
});

const pairKey = (p: FollowPair) => `${p.a.key}>${p.b.key}`;

/**
 * Sequences: what customers buy after what. "A then B within N days" for every frequent
 * pair with the days it took, the frequent sequential patterns and the sequence rules
 * (definitions: docs/sequences.md); a run can be saved for the customers' next best offers.
 */
export default function SequencesPage() {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [query, setQuery] = useState<SequenceQuery>(() => queryOf(DEFAULTS));
  const report = useSequenceReport(query);
  const scopeText = useScopeText();
  const r = report.data;
  // Only what is on screen is saved, and never an empty run: it would leave every customer without offers.
  const savable = r && !report.isPlaceholderData && r.pairsFound > 0;
  const save = useSaveRunControl("sequences", savable ? { kind: "sequences", ...query } : null);

  let body;
  if (report.isPending) body = <PageSpin />;
  else if (report.isError && !r) body = <ErrorResult error={report.error} onRetry={() => void report.refetch()} />;
  else if (r && r.customers === 0) {
    body = (
      <Card>
        <Empty description={<Typography.Paragraph style={{ maxWidth: 560, margin: "0 auto" }}>{t("sequences.empty", { scope: scopeText(r.scope) })}</Typography.Paragraph>} data-testid="sequences-empty" />
      </Card>
    );
  } else if (r) body = <Report r={r} />;

  return (
    <>
      <PageHeader title={t("nav.sequences")} extra={save.button} />
      <Typography.Paragraph type="secondary" style={{ maxWidth: 960 }}>{t("sequences.intro")}</Typography.Paragraph>
      <Card style={{ marginBottom: 16 }}>
        <Form<Values> form={form} layout="vertical" requiredMark={false} initialValues={DEFAULTS} onFinish={(v) => setQuery(queryOf(v))} data-testid="sequences-form">
          <Row gutter={16}>
            <ScopeFields prefix="sequences" />
            <Col xs={12} sm={6} lg={4}>
              <Form.Item name="minSupport" label={t("sequences.minSupport")} tooltip={t("sequences.minSupportHelp")} rules={[{ required: true }]}>
                <InputNumber min={0.01} max={100} step={0.5} suffix="%" style={{ width: "100%" }} data-testid="sequences-min-support" />
              </Form.Item>
            </Col>
            <Col xs={12} sm={6} lg={4}>
              <Form.Item name="maxGap" label={t("sequences.maxGap")} tooltip={t("sequences.maxGapHelp")}>
                <InputNumber min={1} max={3650} precision={0} placeholder={t("sequences.noLimit")} suffix={t("sequences.daysUnit")} style={{ width: "100%" }} data-testid="sequences-max-gap" />
              </Form.Item>
            </Col>
            <Col xs={12} sm={6} lg={4}>
              <Form.Item name="withinDays" label={t("sequences.withinDays")} tooltip={t("sequences.withinDaysHelp")} rules={[{ required: true }]}>
                <InputNumber min={1} max={3650} precision={0} suffix={t("sequences.daysUnit")} style={{ width: "100%" }} data-testid="sequences-within" />
              </Form.Item>
            </Col>
            <Col xs={12} sm={6} lg={4}>
              <Form.Item name="maxLength" label={t("sequences.maxLength")} tooltip={t("sequences.maxLengthHelp")} rules={[{ required: true }]}>
                <InputNumber min={2} max={10} precision={0} style={{ width: "100%" }} data-testid="sequences-max-length" />
              </Form.Item>
            </Col>
            <Col xs={24} lg={8} style={{ display: "flex", alignItems: "flex-end" }}>
              <Form.Item>
                <Button type="primary" htmlType="submit" icon={<SearchOutlined />} loading={report.isFetching} data-testid="sequences-run">{t("sequences.run")}</Button>
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

function Report({ r }: { r: SequenceReport }) {
  const { t } = useTranslation();
  const p = usePatternFormat();
  const scopeText = useScopeText();
  const th = r.thresholds;
  const [selected, setSelected] = useState<string | undefined>(r.pairs[0] ? pairKey(r.pairs[0]) : undefined);
  // A new report selects its first pair, unless the one selected is still in it.
  useEffect(() => {
    setSelected((s) => (s && r.pairs.some((x) => pairKey(x) === s) ? s : r.pairs[0] ? pairKey(r.pairs[0]) : undefined));
  }, [r]);
  const pair = r.pairs.find((x) => pairKey(x) === selected);
  const within = p.number(th.withinDays);
  const help = (key: string, text: string) => <WithHelp title={t(`sequences.columns.${key as "buyers"}`)} help={text} />;
  // Figures' heads stay on one line; the long sequences wrap instead.
  const nowrap = { onHeaderCell: () => ({ style: { whiteSpace: "nowrap" as const } }) };

  const pairColumns = [
    { key: "a", title: t("sequences.columns.a"), render: (_: unknown, x: FollowPair) => <span data-testid="pair-a">{x.a.label}</span> },
    { key: "b", title: t("sequences.columns.b"), render: (_: unknown, x: FollowPair) => <Typography.Text strong data-testid="pair-b">→ {x.b.label}</Typography.Text> },
    { key: "buyers", title: help("buyers", t("sequences.buyersHelp", { n: within })), align: "right" as const, sorter: (a: FollowPair, b: FollowPair) => a.buyers - b.buyers, render: (_: unknown, x: FollowPair) => <span data-testid="pair-buyers">{p.number(x.buyers)}</span> },
    { key: "followers", title: help("followers", t("sequences.followersHelp", { n: within })), align: "right" as const, sorter: (a: FollowPair, b: FollowPair) => a.followers - b.followers, render: (_: unknown, x: FollowPair) => <span data-testid="pair-followers">{p.number(x.followers)}</span> },
    { key: "share", title: help("share", t("sequences.shareHelp", { n: within })), align: "right" as const, sorter: (a: FollowPair, b: FollowPair) => a.share - b.share, render: (_: unknown, x: FollowPair) => <span data-testid="pair-share">{p.pct(x.share)}</span> },
    { key: "meanDays", title: help("meanDays", t("sequences.meanDaysHelp")), align: "right" as const, sorter: (a: FollowPair, b: FollowPair) => (a.meanDays ?? Infinity) - (b.meanDays ?? Infinity), render: (_: unknown, x: FollowPair) => <span data-testid="pair-mean-days">{p.days(x.meanDays)}</span> },
  ];
  const patternColumns = [
    { key: "pattern", title: t("sequences.columns.pattern"), render: (_: unknown, x: SequencePattern) => sequenceText(x.elements) },
    { key: "customers", title: help("customers", t("sequences.customersHelp")), align: "right" as const, ...nowrap, render: (_: unknown, x: SequencePattern) => p.number(x.customers) },
    { key: "support", title: help("support", t("sequences.supportHelp")), align: "right" as const, ...nowrap, render: (_: unknown, x: SequencePattern) => p.pct(x.support) },
  ];
  const ruleColumns = [
    { key: "after", title: t("sequences.columns.after"), render: (_: unknown, x: SequenceRule) => sequenceText(x.antecedent) },
    { key: "then", title: t("sequences.columns.then"), width: 200, render: (_: unknown, x: SequenceRule) => <Typography.Text strong>→ {sequenceText(x.consequent)}</Typography.Text> },
    { key: "support", title: help("support", t("sequences.supportHelp")), align: "right" as const, ...nowrap, render: (_: unknown, x: SequenceRule) => p.pct(x.support) },
    { key: "confidence", title: help("confidence", t("sequences.confidenceHelp")), align: "right" as const, ...nowrap, render: (_: unknown, x: SequenceRule) => p.pct(x.confidence) },
    { key: "lift", title: help("lift", t("sequences.liftHelp")), align: "right" as const, ...nowrap, render: (_: unknown, x: SequenceRule) => p.ratio(x.lift) },
  ];
  const shownOf = (shown: number, n: number) => (shown < n ? t("sequences.shownOf", { shown: p.number(shown), n: p.number(n) }) : null);

  return (
    <Space direction="vertical" size={16} style={{ width: "100%" }}>
      <Typography.Paragraph data-testid="sequences-scope-text" style={{ margin: 0 }}>
        {t("sequences.scopeText", { scope: scopeText(r.scope, r.level) })}
      </Typography.Paragraph>
      <Row gutter={[16, 16]}>
        <Col xs={12} md={8} xl={5}><Kpi testId="sequences-kpi-customers" title={t("sequences.kpiCustomers")} help={t("sequences.kpiCustomersHelp")} value={p.number(r.customers)} /></Col>
        <Col xs={12} md={8} xl={4}><Kpi testId="sequences-kpi-events" title={t("sequences.kpiEvents")} help={t("sequences.kpiEventsHelp")} value={p.number(r.events)} /></Col>
        <Col xs={12} md={8} xl={5}><Kpi testId="sequences-kpi-pairs" title={t("sequences.kpiPairs", { n: within })} help={t("sequences.kpiPairsHelp", { n: within })} value={p.number(r.pairsFound)} /></Col>
        <Col xs={12} md={8} xl={5}>
          <Kpi testId="sequences-kpi-patterns" title={t("sequences.kpiPatterns")} help={t("sequences.kpiPatternsHelp", { n: th.maxLength })} value={p.number(r.patternsFound)}
            note={t("sequences.rulesNote", { n: p.number(r.rulesFound), confidence: p.pct(th.minConfidence) })} />
        </Col>
        <Col xs={24} md={16} xl={5}>
          <Kpi testId="sequences-kpi-min-count" title={t("sequences.kpiMinCount")} help={t("sequences.minSupportHelp")} value={p.number(th.minCount)}
            note={<span data-testid="sequences-min-count-text">{t("sequences.minCountText", { support: p.pct(th.minSupport), n: p.number(th.minCount) })}</span>} />
        </Col>
      </Row>
      <Row gutter={[16, 16]}>
        <Col xs={24} xxl={15}>
          <Card title={t("sequences.pairsTitle", { n: within })} extra={<Typography.Text type="secondary">{shownOf(r.pairs.length, r.pairsFound) ?? t("sequences.pairsHint")}</Typography.Text>} style={{ height: "100%" }} styles={{ body: { padding: r.pairs.length ? 0 : undefined } }}>
            {r.pairs.length ? (
              <Table<FollowPair>
                rowKey={pairKey}
                size="small"
                dataSource={r.pairs}
                columns={pairColumns}
                showSorterTooltip={false}
                pagination={r.pairs.length > 10 ? { pageSize: 10, size: "small", showSizeChanger: true } : false}
                scroll={{ x: "max-content" }}
                rowSelection={{ type: "radio", selectedRowKeys: selected ? [selected] : [], onChange: (keys) => setSelected(keys[0] as string | undefined), columnWidth: 32 }}
                onRow={(x) => ({ ...testId("sequence-pair"), style: { cursor: "pointer" }, onClick: () => setSelected(pairKey(x)) })}
                data-testid="sequences-pairs"
              />
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("sequences.noPairs", { n: within, count: p.number(th.minCount) })} data-testid="sequences-no-pairs" />
            )}
          </Card>
        </Col>
        <Col xs={24} xxl={9}>
          <Card title={t("sequences.timingTitle")} style={{ height: "100%" }}>
            {pair ? (
              <>
                <Typography.Paragraph data-testid="sequences-timing-text">
                  {t("sequences.timingText", { a: pair.a.label, b: pair.b.label, share: p.pct(pair.share), followers: p.number(pair.followers), buyers: p.number(pair.buyers), n: within, mean: p.days(pair.meanDays) })}
                </Typography.Paragraph>
                <TimingChart pair={pair} binDays={th.binDays} withinDays={th.withinDays} locale={p.locale} />
              </>
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("sequences.timingNone")} />
            )}
          </Card>
        </Col>
      </Row>
      <Row gutter={[16, 16]}>
        <Col xs={24} xxl={10}>
          <Card title={t("sequences.patternsTitle")} extra={<Typography.Text type="secondary">{shownOf(r.patterns.length, r.patternsFound)}</Typography.Text>} style={{ height: "100%" }} styles={{ body: { padding: 0 } }}>
            <Table<SequencePattern>
              rowKey={(x) => sequenceKey(x.elements)}
              size="small"
              dataSource={r.patterns}
              columns={patternColumns}
              pagination={r.patterns.length > 10 ? { pageSize: 10, size: "small" } : false}
              scroll={{ x: 560 }}
              locale={{ emptyText: t("sequences.noPatterns") }}
              data-testid="sequences-patterns"
            />
          </Card>
        </Col>
        <Col xs={24} xxl={14}>
          <Card title={t("sequences.rulesTitle")} extra={<Typography.Text type="secondary">{shownOf(r.rules.length, r.rulesFound)}</Typography.Text>} style={{ height: "100%" }} styles={{ body: { padding: 0 } }}>
            <Table<SequenceRule>
              rowKey={(x) => `${sequenceKey(x.antecedent)}|${sequenceKey(x.consequent)}`}
              size="small"
              dataSource={r.rules}
              columns={ruleColumns}
              pagination={r.rules.length > 10 ? { pageSize: 10, size: "small" } : false}
              scroll={{ x: 720 }}
              locale={{ emptyText: t("sequences.noRules") }}
              data-testid="sequences-rules"
            />
          </Card>
        </Col>
      </Row>
    </Space>
  );
}
