import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Card, Col, DatePicker, Empty, List, Row, Segmented, Space, Table, Tabs, Tag, Typography } from "antd";
import type { Dayjs } from "dayjs";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router-dom";
import { EChart } from "../../../components/EChart";
import { ErrorResult } from "../../../components/ErrorResult";
import { PageSpin } from "../../../components/Loading";
import { PageHeader } from "../../../components/PageHeader";
import { label } from "../../../i18n/label";
import type { EChartsOption } from "../../../lib/echarts";
import { Kpi, usePatternFormat } from "../../patterns/components/bits";
import { fetchResults, wordingIn, type GroupResult, type KanoCategory, type SurveyResults } from "../api/surveys.api";

/**
 * A survey's results (definitions: docs/surveys.md; the server computes every figure): how
 * many answered, CSAT, NPS, the weighted satisfaction index and its factors, the loyalty
 * index; by period, value tier, staff member and occasion; Kano categories; every question.
 */
export default function SurveyResultsPage() {
  const { t } = useTranslation();
  const f = usePatternFormat();
  const id = Number(useParams().id);
  const [range, setRange] = useState<[Dayjs, Dayjs] | null>(null);
  const [grain, setGrain] = useState<"month" | "quarter">("month");
  const q = { since: range?.[0].format("YYYY-MM-DD"), until: range?.[1].format("YYYY-MM-DD"), grain };
  const results = useQuery({ queryKey: ["survey", id, "results", q], queryFn: () => fetchResults(id, q), placeholderData: keepPreviousData, enabled: Number.isSafeInteger(id) && id > 0 });
  const r = results.data;

  const filters = (
    <Space wrap>
      <DatePicker.RangePicker value={range} onChange={(v) => setRange(v && v[0] && v[1] ? [v[0], v[1]] : null)} allowClear data-testid="survey-results-range" />
      <Segmented value={grain} onChange={(v) => setGrain(v as "month" | "quarter")} options={[{ value: "month", label: t("surveyResults.month") }, { value: "quarter", label: t("surveyResults.quarter") }]} />
    </Space>
  );

  let body;
  if (results.isPending) body = <PageSpin />;
  else if (results.isError && !r) body = <ErrorResult error={results.error} onRetry={() => void results.refetch()} />;
  else if (r && r.answered === 0) {
    body = <Card><Empty description={t("surveyResults.empty", { invited: f.number(r.invited) })} data-testid="survey-results-empty" /></Card>;
  } else if (r) {
    body = (
      <Space direction="vertical" size={16} style={{ width: "100%" }}>
        <Kpis r={r} />
        <PeriodCard r={r} />
        <GroupsCard r={r} />
        {r.index ? <FactorsCard r={r} /> : null}
        {r.kano.length ? <KanoCard r={r} /> : null}
        <QuestionsCard r={r} />
      </Space>
    );
  }

  return (
    <div data-testid="survey-results-page">
      <PageHeader title={r ? r.survey.name : t("nav.surveys")} extra={filters} />
      <Typography.Paragraph type="secondary">
        <Link to="/surveys">{t("surveyResults.back")}</Link>
        {r ? <> · {t(`surveys.purposes.${r.survey.purpose}`)}{r.survey.anonymous ? ` · ${t("surveys.anonymous")}` : ""}</> : null}
      </Typography.Paragraph>
      {results.isError && r ? <ErrorResult error={results.error} onRetry={() => void results.refetch()} inline /> : null}
      {body}
    </div>
  );
}

function Kpis({ r }: { r: SurveyResults }) {
  const { t } = useTranslation();
  const f = usePatternFormat();
  const interval = (low: number | null, high: number | null, fmt: (v: number) => string) => (low === null || high === null ? null : t("surveyResults.interval", { low: fmt(low), high: fmt(high) }));
  const nps = (v: number) => f.ratio(v, 0);
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} sm={12} lg={6}>
        <Kpi testId="survey-kpi-answered" title={t("surveyResults.answered")} help={t("surveyResults.answeredHelp")} value={f.number(r.answered)}
          note={t("surveyResults.responseRate", { rate: f.pct(r.responseRate), invited: f.number(r.invited) })} />
      </Col>
      <Col xs={24} sm={12} lg={6}>
        <Kpi testId="survey-kpi-csat" title={t("surveyResults.csat")} help={t("surveyResults.csatHelp")} value={r.csat ? f.pct(r.csat.share) : "—"}
          note={r.csat ? interval(r.csat.low, r.csat.high, (v) => f.pct(v)) ?? t("surveyResults.n", { n: f.number(r.csat.n) }) : t("surveyResults.noQuestion")} />
      </Col>
      <Col xs={24} sm={12} lg={6}>
        <Kpi testId="survey-kpi-nps" title={t("surveyResults.nps")} help={t("surveyResults.npsHelp")} value={r.nps?.score === null || !r.nps ? "—" : nps(r.nps.score)}
          note={r.nps ? t("surveyResults.npsNote", { p: f.number(r.nps.promoters), d: f.number(r.nps.detractors), n: f.number(r.nps.n) }) : t("surveyResults.noQuestion")} />
      </Col>
      <Col xs={24} sm={12} lg={6}>
        <Kpi testId="survey-kpi-index" title={t("surveyResults.index")} help={t("surveyResults.indexHelp")} value={r.index?.value === null || !r.index ? "—" : f.ratio(r.index.value, 1)}
          note={r.loyalty?.mean !== null && r.loyalty ? t("surveyResults.loyaltyNote", { value: f.ratio(r.loyalty.mean, 1), n: f.number(r.loyalty.n) }) : undefined} />
      </Col>
    </Row>
  );
}

function PeriodCard({ r }: { r: SurveyResults }) {
  const { t } = useTranslation();
  const option = useMemo<EChartsOption>(() => ({
    tooltip: { trigger: "axis" },
    legend: { top: 0 },
    grid: { left: 48, right: 48, top: 32, bottom: 32 },
    xAxis: { type: "category", data: r.byPeriod.map((g) => g.key) },
    yAxis: [{ type: "value", name: t("surveyResults.answered"), minInterval: 1 }, { type: "value", name: "%", min: -100, max: 100 }],
    series: [
      { type: "bar", name: t("surveyResults.answered"), data: r.byPeriod.map((g) => g.n) },
      ...(r.csat ? [{ type: "line" as const, yAxisIndex: 1, name: t("surveyResults.csat"), data: r.byPeriod.map((g) => (g.csat?.share == null ? null : Math.round(g.csat.share * 1000) / 10)) }] : []),
      ...(r.nps ? [{ type: "line" as const, yAxisIndex: 1, name: t("surveyResults.nps"), data: r.byPeriod.map((g) => (g.nps?.score == null ? null : Math.round(g.nps.score * 10) / 10)) }] : []),
    ],
  }), [r, t]);
  return (
    <Card title={t("surveyResults.overTime")} size="small">
      <EChart option={option} height={280} testId="survey-results-chart" />
    </Card>
  );
}

function GroupsCard({ r }: { r: SurveyResults }) {
  const { t } = useTranslation();
  const f = usePatternFormat();
  const table = (rows: GroupResult[], name: (g: GroupResult) => string, testId: string) => (
    <Table<GroupResult>
      size="small" rowKey="key" dataSource={rows} pagination={false} data-testid={testId}
      columns={[
        { title: t("surveyResults.group"), key: "key", render: (_, g) => name(g) },
        { title: t("surveyResults.answered"), dataIndex: "n", align: "right", render: (n: number) => f.number(n) },
        { title: t("surveyResults.csat"), key: "csat", align: "right", render: (_, g) => (g.csat ? f.pct(g.csat.share) : "—") },
        { title: t("surveyResults.nps"), key: "nps", align: "right", render: (_, g) => (g.nps?.score == null ? "—" : f.ratio(g.nps.score, 0)) },
        { title: t("surveyResults.index"), dataIndex: "index", align: "right", render: (v: number | null) => (v === null ? "—" : f.ratio(v, 1)) },
      ]}
    />
  );
  return (
    <Card size="small">
      <Tabs items={[
        { key: "staff", label: t("surveyResults.byStaff"), children: table(r.byStaff, (g) => (g.key === "none" ? t("surveyResults.noStaff") : (g.label ?? `#${g.key}`)), "survey-results-by-staff") },
        { key: "segment", label: t("surveyResults.bySegment"), children: table(r.bySegment, (g) => (g.key === "unknown" ? t("surveyResults.noSegment") : label(t, "value.tiers", g.key)), "survey-results-by-segment") },
        { key: "trigger", label: t("surveyResults.byTrigger"), children: table(r.byTrigger, (g) => label(t, "surveyResults.triggers", g.key), "survey-results-by-trigger") },
      ]} />
    </Card>
  );
}

function FactorsCard({ r }: { r: SurveyResults }) {
  const { t } = useTranslation();
  const f = usePatternFormat();
  const ix = r.index!;
  return (
    <Card size="small" title={t("surveyResults.factors")} data-testid="survey-results-factors">
      <Typography.Paragraph type="secondary">
        {ix.method === "regression" ? t("surveyResults.weightsFitted", { n: f.number(ix.fittedOn), r2: f.ratio(ix.r2, 2) }) : t("surveyResults.weightsEqual")}
      </Typography.Paragraph>
      <Table
        size="small" rowKey="factor" pagination={false} dataSource={ix.factors}
        columns={[
          { title: t("surveyResults.factor"), dataIndex: "factor", render: (v: string) => label(t, "surveyResults.factorNames", v) },
          { title: t("surveyResults.weight"), dataIndex: "weight", align: "right", render: (v: number) => f.pct(v) },
          { title: t("surveyResults.factorScore"), dataIndex: "mean", align: "right", render: (v: number | null) => (v === null ? "—" : f.ratio(v * 100, 1)) },
        ]}
      />
    </Card>
  );
}

function KanoCard({ r }: { r: SurveyResults }) {
  const { t, i18n } = useTranslation();
  const f = usePatternFormat();
  const q = new Map(r.survey.questions.map((x) => [x.key, x]));
  return (
    <Card size="small" title={t("surveyResults.kano")} data-testid="survey-results-kano">
      <Typography.Paragraph type="secondary">{t("surveyResults.kanoHelp")}</Typography.Paragraph>
      <Table
        size="small" rowKey="question" pagination={false} dataSource={r.kano}
        columns={[
          { title: t("surveyResults.feature"), key: "feature", render: (_, k) => (q.get(k.question) ? wordingIn(q.get(k.question)!.text, i18n.language) : k.feature) },
          { title: t("surveyResults.answered"), dataIndex: "n", align: "right" },
          { title: t("surveyResults.kanoCategory"), dataIndex: "category", render: (c: KanoCategory | null) => (c ? <Tag>{t(`surveyResults.kanoCategories.${c}`)}</Tag> : "—") },
          { title: t("surveyResults.better"), dataIndex: "better", align: "right", render: (v: number | null) => f.ratio(v, 2) },
          { title: t("surveyResults.worse"), dataIndex: "worse", align: "right", render: (v: number | null) => f.ratio(v, 2) },
        ]}
      />
    </Card>
  );
}

function QuestionsCard({ r }: { r: SurveyResults }) {
  const { t, i18n } = useTranslation();
  const f = usePatternFormat();
  const byKey = new Map(r.questions.map((x) => [x.key, x]));
  return (
    <Card size="small" title={t("surveyResults.questions")} data-testid="survey-results-questions">
      <List
        dataSource={r.survey.questions}
        renderItem={(q) => {
          const d = byKey.get(q.key)!;
          const counts = Object.entries(d.counts).sort(([a], [b]) => a.localeCompare(b, undefined, { numeric: true }));
          const words = r.words.filter((w) => w.question === q.key);
          return (
            <List.Item>
              <Space direction="vertical" style={{ width: "100%" }}>
                <Typography.Text strong>{wordingIn(q.text, i18n.language)}</Typography.Text>
                <Typography.Text type="secondary">
                  {t("surveyResults.questionAnswered", { n: f.number(d.answered) })}
                  {d.mean !== null ? ` · ${t("surveyResults.mean", { mean: f.ratio(d.mean, 2) })}` : ""}
                </Typography.Text>
                {counts.length ? <Space wrap size={4}>{counts.map(([k, n]) => <Tag key={k}>{k}: {f.number(n)}</Tag>)}</Space> : null}
                {words.map((w, i) => (
                  <Typography.Paragraph key={i} style={{ margin: 0, whiteSpace: "pre-wrap" }} data-testid="survey-results-word">
                    “{w.text}” <Typography.Text type="secondary">— {f.dateTime(w.answeredAt)}</Typography.Text>
                  </Typography.Paragraph>
                ))}
              </Space>
            </List.Item>
          );
        }}
      />
    </Card>
  );
}
