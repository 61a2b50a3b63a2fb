import { Card, Col, Empty, Flex, InputNumber, Row, Segmented, Table, Tooltip, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { ErrorResult } from "../../../components/ErrorResult";
import { testId } from "../../../lib/testId";
import { WithHelp } from "../../patterns/components/bits";
import type { AtRiskCustomer, AtRiskOrder, RunInfo } from "../api/predictions.api";
import { useAtRisk } from "../hooks/usePredictions";
import { reasonText } from "../words";
import { usePredictionFormat } from "./bits";

const PAGE = 20;
const ROW = testId("at-risk-row");

/**
 * The customers most at risk in a run, a page at a time from the server: ordered by value at
 * risk (what losing them would cost) or by churn probability, each with the reasons the
 * model gives, in words.
 */
export function AtRisk({ run }: { run: RunInfo }) {
  const { t } = useTranslation();
  const [order, setOrder] = useState<AtRiskOrder>("valueAtRisk");
  const [min, setMin] = useState<number | null>(null);
  const [page, setPage] = useState(1);
  const query = { runId: run.runId, order, limit: PAGE, offset: (page - 1) * PAGE, ...(min ? { minProbability: Number((min / 100).toPrecision(12)) } : {}) };
  const list = useAtRisk(query);
  const d = list.data;
  const p = usePredictionFormat(d?.currency);
  const horizon = p.number(run.horizonDays);

  const columns = [
    {
      key: "name",
      title: t("common.name"),
      fixed: "left" as const,
      render: (_: unknown, c: AtRiskCustomer) => <Link to={`/customers/${c.customerId}`} data-testid="at-risk-name">{c.name || t("common.unnamed")}</Link>,
    },
    {
      key: "churn",
      title: <WithHelp title={t("prediction.churnProbability")} help={t("prediction.help.churn", { days: horizon })} />,
      align: "right" as const,
      render: (_: unknown, c: AtRiskCustomer) => <span data-testid="at-risk-probability">{p.pct(c.churnProbability)}</span>,
    },
    {
      key: "valueAtRisk",
      title: <WithHelp title={t("prediction.valueAtRisk")} help={t("prediction.help.valueAtRisk")} />,
      align: "right" as const,
      render: (_: unknown, c: AtRiskCustomer) => <span data-testid="at-risk-value">{p.cash(c.valueAtRisk)}</span>,
    },
    {
      key: "clv",
      title: <WithHelp title={t("prediction.clv")} help={t("prediction.help.clv")} />,
      align: "right" as const,
      render: (_: unknown, c: AtRiskCustomer) => (
        <Flex vertical align="flex-end" data-testid="at-risk-clv">
          <span>{p.cash(c.clv)}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t("prediction.interval", { low: p.cash(c.clvLow), high: p.cash(c.clvHigh) })}</Typography.Text>
        </Flex>
      ),
    },
    {
      key: "pAlive",
      title: <WithHelp title={t("prediction.pAlive")} help={t("prediction.help.pAlive")} />,
      align: "right" as const,
      render: (_: unknown, c: AtRiskCustomer) => <span data-testid="at-risk-alive">{p.pct(c.pAlive)}</span>,
    },
    {
      key: "next",
      title: <WithHelp title={t("prediction.nextPurchase")} help={t("prediction.help.nextPurchase")} />,
      align: "right" as const,
      render: (_: unknown, c: AtRiskCustomer) => (
        <span data-testid="at-risk-next">{c.nextPurchaseDays === null ? <Typography.Text type="secondary">{t("prediction.notExpected")}</Typography.Text> : t("prediction.inDays", { days: p.count(c.nextPurchaseDays) })}</span>
      ),
    },
    {
      key: "reasons",
      title: t("prediction.reasons"),
      width: 320,
      render: (_: unknown, c: AtRiskCustomer) => <Reasons c={c} horizonDays={run.horizonDays} currency={d?.currency} />,
    },
  ];

  return (
    <Card data-testid="at-risk">
      <Typography.Paragraph type="secondary" style={{ maxWidth: 960 }} data-testid="at-risk-definition">
        {t("prediction.atRiskDefinition", { days: horizon })}
      </Typography.Paragraph>
      <Row gutter={[16, 8]} align="middle" style={{ marginBottom: 12 }}>
        <Col>
          <Segmented<AtRiskOrder>
            value={order}
            onChange={(v) => { setOrder(v); setPage(1); }}
            options={[{ value: "valueAtRisk", label: t("prediction.byValueAtRisk") }, { value: "churnProbability", label: t("prediction.byChurn") }]}
            data-testid="at-risk-order"
          />
        </Col>
        <Col>
          <Flex align="center" gap={8}>
            <Typography.Text>{t("prediction.minProbability")}</Typography.Text>
            <InputNumber<number> min={0} max={100} step={10} suffix="%" value={min} onChange={(v) => { setMin(v); setPage(1); }} placeholder="0" style={{ width: 110 }} data-testid="at-risk-min" />
          </Flex>
        </Col>
        <Col flex="auto" style={{ textAlign: "end" }}>
          {d ? <Typography.Text type="secondary" data-testid="at-risk-total">{t("prediction.atRiskTotal", { n: p.number(d.total) })}</Typography.Text> : null}
        </Col>
      </Row>
      {list.isError ? <ErrorResult error={list.error} onRetry={() => void list.refetch()} inline /> : null}
      {list.isError && !d ? null : (
        <Table<AtRiskCustomer>
          rowKey="customerId"
          size="middle"
          loading={list.isFetching}
          dataSource={d?.items ?? []}
          columns={columns}
          scroll={{ x: "max-content" }}
          onRow={() => ROW}
          locale={{ emptyText: <Empty description={t("prediction.atRiskEmpty")} data-testid="at-risk-empty" /> }}
          pagination={{ current: page, pageSize: PAGE, total: d?.total ?? 0, showSizeChanger: false, onChange: setPage }}
          data-testid="at-risk-table"
        />
      )}
    </Card>
  );
}

/** A customer's reasons to leave, in words; kept by the server only for the most at risk. */
function Reasons({ c, horizonDays, currency }: { c: AtRiskCustomer; horizonDays: number; currency: string | undefined }) {
  const { t } = useTranslation();
  const p = usePredictionFormat(currency);
  if (!c.reasons) return <Tooltip title={t("prediction.noReasonsHelp")}><Typography.Text type="secondary">—</Typography.Text></Tooltip>;
  if (c.reasons.length === 0) return <Typography.Text type="secondary">{t("prediction.noReasons")}</Typography.Text>;
  return (
    <ul style={{ margin: 0, paddingInlineStart: 18 }} data-testid="at-risk-reasons">
      {c.reasons.map((r) => <li key={r.feature} data-testid="at-risk-reason" data-feature={r.feature}>{reasonText(t, r, p.wf, horizonDays)}</li>)}
    </ul>
  );
}
