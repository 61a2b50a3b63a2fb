import { QuestionCircleOutlined } from "@ant-design/icons";
import { Card, Col, Empty, Row, Space, Statistic, Tooltip, Typography } from "antd";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { ErrorResult } from "../../../../components/ErrorResult";
import { LoadingBlock } from "../../../../components/Loading";
import type { CustomerScores, Scores } from "../../../predictions/api/predictions.api";
import { usePredictionFormat } from "../../../predictions/components/bits";
import { useCustomerScores } from "../../../predictions/hooks/usePredictions";
import { clusterName, reasonText } from "../../../predictions/words";

/**
 * The customer's predictions in the latest run: still a customer (P(alive)), purchases to
 * come, lifetime value with its interval, the odds of leaving with the reasons in words,
 * next year's value, cluster and resemblance to the loyal customers.
 */
export function Predictions({ customerId }: { customerId: number }) {
  const { t } = useTranslation();
  const scores = useCustomerScores(customerId);
  const d = scores.data;
  const p = usePredictionFormat(d?.run?.currency);

  let body: ReactNode;
  if (scores.isPending) body = <LoadingBlock rows={3} />;
  else if (scores.isError) body = <ErrorResult error={scores.error} onRetry={() => void scores.refetch()} inline />;
  else if (!d!.run) body = <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("prediction.card.noRun")} data-testid="customer-predictions-no-run" />;
  else if (!d!.scores) body = <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("prediction.card.notScored", { date: p.date(d!.run.asOf) })} data-testid="customer-predictions-not-scored" />;
  else body = <Body run={d!.run} s={d!.scores} />;

  return (
    <Card
      title={t("prediction.card.title")}
      extra={d?.run ? <Typography.Text type="secondary" data-testid="customer-predictions-run">{t("prediction.card.run", { runId: d.run.runId, date: p.date(d.run.asOf) })}</Typography.Text> : null}
      style={{ marginBottom: 16 }}
      data-testid="customer-predictions"
    >
      {body}
    </Card>
  );
}

function Body({ run, s }: { run: NonNullable<CustomerScores["run"]>; s: Scores }) {
  const { t } = useTranslation();
  const p = usePredictionFormat(run.currency);
  const days = p.number(run.horizonDays);
  const help = (text: string) => (
    <Tooltip title={text}>
      <QuestionCircleOutlined aria-label={text} />
    </Tooltip>
  );
  const figures: Array<{ key: string; title: string; help: string; value: string; note?: ReactNode }> = [
    { key: "pAlive", title: t("prediction.pAlive"), help: t("prediction.help.pAlive"), value: p.pct(s.pAlive) },
    { key: "expectedPurchases", title: t("prediction.card.expectedPurchases", { days }), help: t("prediction.help.expectedPurchases", { days }), value: p.fixed(s.expectedPurchases, 2) },
    {
      key: "nextPurchase", title: t("prediction.nextPurchase"), help: t("prediction.help.nextPurchase"),
      value: s.nextPurchaseDays === null ? t("prediction.notExpected") : t("prediction.inDays", { days: p.count(s.nextPurchaseDays) }),
    },
    { key: "expectedOrderValue", title: t("prediction.card.expectedOrderValue"), help: t("prediction.help.expectedOrderValue"), value: p.cash(s.expectedOrderValue) },
    { key: "clv", title: t("prediction.clv"), help: t("prediction.help.clv"), value: p.cash(s.clv), note: t("prediction.interval", { low: p.cash(s.clvLow), high: p.cash(s.clvHigh) }) },
    {
      key: "churn", title: t("prediction.churnProbability"), help: t("prediction.help.churn", { days }),
      value: p.pct(s.churnProbability), note: s.churnProbability === null ? t("prediction.card.notActive") : undefined,
    },
    { key: "valueAtRisk", title: t("prediction.valueAtRisk"), help: t("prediction.help.valueAtRisk"), value: p.cash(s.valueAtRisk) },
    {
      key: "predictedValue", title: t("prediction.card.predictedValue"), help: t("prediction.help.predictedValue"),
      value: p.cash(s.predictedValue), note: s.predictedValue === null ? t("prediction.card.noValueModel") : undefined,
    },
    { key: "cluster", title: t("prediction.segments.cluster"), help: t("prediction.help.cluster"), value: s.cluster === null ? "—" : clusterName(t, s.cluster) },
    { key: "lookalike", title: t("prediction.card.lookalike"), help: t("prediction.help.lookalike"), value: p.pct(s.lookalike) },
  ];
  return (
    <>
      <Row gutter={[16, 16]}>
        {figures.map((g) => (
          <Col key={g.key} xs={12} sm={8} lg={6} xxl={4}>
            <Statistic
              title={<Space size={4}>{g.title}{help(g.help)}</Space>}
              value={g.value}
              formatter={() => <span data-testid={`customer-predictions-${g.key}`}>{g.value}</span>}
              styles={{ content: { fontSize: 18 } }}
            />
            {g.note ? <Typography.Text type="secondary" style={{ fontSize: 12 }}>{g.note}</Typography.Text> : null}
          </Col>
        ))}
      </Row>
      {s.churnProbability !== null ? (
        <div style={{ marginTop: 16 }}>
          <Typography.Text strong>{t("prediction.card.reasonsTitle")}</Typography.Text>
          {s.reasons && s.reasons.length > 0 ? (
            <ul style={{ margin: "4px 0 0", paddingInlineStart: 18 }} data-testid="customer-predictions-reasons">
              {s.reasons.map((r) => <li key={r.feature} data-testid="customer-predictions-reason" data-feature={r.feature}>{reasonText(t, r, p.wf, run.horizonDays)}</li>)}
            </ul>
          ) : (
            <Typography.Paragraph type="secondary" style={{ margin: "4px 0 0" }}>{s.reasons ? t("prediction.noReasons") : t("prediction.noReasonsHelp")}</Typography.Paragraph>
          )}
        </div>
      ) : null}
    </>
  );
}
