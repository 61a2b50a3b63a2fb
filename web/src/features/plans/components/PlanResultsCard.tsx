import { useQuery } from "@tanstack/react-query";
import { Alert, Card, Col, Row, Statistic, Table } from "antd";
import { useTranslation } from "react-i18next";
import { ErrorResult } from "../../../components/ErrorResult";
import { LoadingBlock } from "../../../components/Loading";
import { useFormat } from "../../../i18n/useFormat";
import { fetchPlanResults, type Effect, type PlanResults } from "../api/plans.api";
import { Help } from "./Help";
import { pct } from "./plan-format";
import { SpendChart } from "./SpendChart";
import { tierName } from "./tier-name";

type TierRow = PlanResults["tiers"][number];

const money2 = (x: number) => x.toFixed(2);
const interval = (i: [number, number] | null, fmt: (x: number) => string) => (i ? `${fmt(i[0])} … ${fmt(i[1])}` : "—");

/** The plan this quarter: spend against sales, contacts done and overdue, and the effect against the control group. */
export function PlanResultsCard({ id }: { id: number }) {
  const { t } = useTranslation();
  const f = useFormat();
  const results = useQuery({ queryKey: ["plan", id, "results"], queryFn: () => fetchPlanResults(id) });
  const r = results.data;
  const h = (what: "sales" | "revenueDiff") => <Help title={t(`plans.results.${what}`)} help={t(`plans.results.help.${what}`)} testId={`plan-results-help-${what}`} />;

  let body;
  if (results.isPending) body = <LoadingBlock />;
  else if (results.isError) body = <ErrorResult error={results.error} onRetry={() => void results.refetch()} />;
  else if (r) {
    body = (
      <>
        <Row gutter={16} style={{ marginBottom: 16 }}>
          <Col xs={12} md={6}><Statistic title={t("plans.results.planned")} value={f.number(r.totals.contacts.planned)} data-testid="plan-results-planned" /></Col>
          <Col xs={12} md={6}><Statistic title={t("plans.results.done")} value={f.number(r.totals.contacts.done)} data-testid="plan-results-done" /></Col>
          <Col xs={12} md={6}><Statistic title={t("plans.results.overdue")} value={f.number(r.totals.contacts.overdue)} data-testid="plan-results-overdue" /></Col>
          <Col xs={12} md={6}><Statistic title={t("plans.results.sales")} value={f.money(r.totals.sales)} data-testid="plan-results-sales" /></Col>
        </Row>
        {r.window === null ? <Alert type="info" showIcon title={t("plans.results.notStarted")} data-testid="plan-results-not-started" /> : null}
        <Table<TierRow>
          rowKey="key"
          size="small"
          pagination={false}
          scroll={{ x: true }}
          dataSource={r.tiers}
          data-testid="plan-results-tiers"
          columns={[
            { title: t("plans.col.tier"), dataIndex: "key", render: (_, x) => tierName(t, x) },
            { title: t("plans.col.budget"), dataIndex: "budget", align: "right", render: (b: string) => f.money(b) },
            { title: h("sales"), dataIndex: "sales", align: "right", render: (s: string, x) => <span data-testid={`plan-results-${x.key}-sales`}>{f.money(s)}</span> },
            { title: t("plans.col.salesShare"), dataIndex: "salesShare", align: "right", render: (s: number | null) => pct(s) },
            { title: t("plans.col.intensity"), dataIndex: "intensity", align: "right", render: (s: number | null) => (s === null ? "—" : s.toFixed(2)) },
            { title: t("plans.results.planned"), key: "planned", align: "right", render: (_, x) => <span data-testid={`plan-results-${x.key}-planned`}>{f.number(x.contacts.planned)}</span> },
            { title: t("plans.results.done"), key: "done", align: "right", render: (_, x) => f.number(x.contacts.done) },
            { title: t("plans.results.overdue"), key: "overdue", align: "right", render: (_, x) => f.number(x.contacts.overdue) },
            { title: h("revenueDiff"), key: "effect", align: "right", render: (_, x) => (x.effect ? <span data-testid={`plan-results-${x.key}-effect`}>{money2(x.effect.revenue.difference)}</span> : "—") },
          ]}
        />
        <SpendChart lines={r.tiers} testId="plan-results-chart" />
        {r.effect ? <EffectCard e={r.effect} /> : <Alert type="info" showIcon title={t(`plans.results.missing.${r.effectMissing ?? "no_control"}`)} data-testid="plan-results-no-effect" />}
      </>
    );
  }
  return <Card title={t("plans.results.title")} data-testid="plan-results">{body}</Card>;
}

function EffectCard({ e }: { e: Effect }) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <Card size="small" title={t("plans.results.effectTitle", { contacted: f.number(e.contacted), control: f.number(e.control) })} data-testid="plan-results-effect" style={{ marginTop: 16 }}>
      <Row gutter={16}>
        <Col xs={12} md={6}>
          <Statistic title={t("plans.results.retained")} value={`${pct(e.response.treated)} / ${pct(e.response.control)}`} />
          <div>{interval(e.response.interval, pct)}</div>
        </Col>
        <Col xs={12} md={6}>
          <Statistic title={t("plans.results.incrementalRevenue")} value={money2(e.revenue.incremental)} data-testid="plan-results-incremental" />
          <div>{interval(e.revenue.incrementalInterval, money2)}</div>
        </Col>
        <Col xs={12} md={6}>
          <Statistic title={t("plans.results.incrementalMargin")} value={e.margin ? money2(e.margin.incremental) : "—"} />
          <div>{e.margin ? interval(e.margin.incrementalInterval, money2) : null}</div>
        </Col>
        <Col xs={12} md={6}>
          <Statistic title={t("plans.results.roi")} value={e.roi ? pct(e.roi.value) : "—"} />
          <div>{e.roi ? interval(e.roi.interval, pct) : t("plans.results.noRoi")}</div>
        </Col>
      </Row>
    </Card>
  );
}
