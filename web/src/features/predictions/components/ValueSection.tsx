import { Alert, Card, Col, Descriptions, Row, Space, Table, Typography } from "antd";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { EChart } from "../../../components/EChart";
import { escapeHtml, type EChartsOption } from "../../../lib/echarts";
import { Kpi } from "../../patterns/components/bits";
import { segmentLabel } from "../../segments/labels";
import type { ModelRun } from "../api/predictions.api";
import { clvSegmentName, paramHelp } from "../words";
import { BLUE, errorBars, frame } from "./charts";
import { ConvergedTag, ParamsTable, runFormat, SkippedNote, usePredictionFormat } from "./bits";

type SegmentRow = ModelRun["clv"]["bySegment"][number] & { name: string };

/**
 * Value: the customers' lifetime value over the CLV horizon, in total and by segment with
 * its 90% interval, the terms it is computed on (margin or sales, discount rate), and the
 * spend model behind the expected order values with its independence check.
 */
export function ValueSection({ r }: { r: ModelRun }) {
  const { t } = useTranslation();
  const p = usePredictionFormat(r.currency);
  const c = r.clv;
  const gg = r.btyd.gammaGamma;
  const check = r.btyd.spendCheck;
  // A segment without customers (no one inactive, a tier nobody is in) has nothing to show.
  const rows = useMemo(
    (): SegmentRow[] => c.bySegment.filter((s) => s.customers > 0).map((s) => ({ ...s, name: clvSegmentName(t, s.scheme, s.segment, (tier) => segmentLabel(t, "tier", tier)) })),
    [c.bySegment, t],
  );
  const tierDate = /^tier@(\d{4}-\d{2}-\d{2})$/.exec(c.bySegment[0]?.scheme ?? "")?.[1];
  const basis = c.marginBasis === "margin" ? t("prediction.value.onMargin", { rate: p.pct(c.marginRate) }) : t("prediction.value.onSales");

  return (
    <Space direction="vertical" size={16} style={{ width: "100%" }} data-testid="value-section">
      {c.skipped ? <SkippedNote why={c.skipped} testId="value-clv-skipped" /> : null}
      <Row gutter={[16, 16]}>
        <Col xs={24} md={8}>
          <Kpi testId="value-clv-total" title={t("prediction.value.total")} help={t("prediction.help.clv")} value={p.cash(c.total)}
            note={t("prediction.value.totalNote", { n: p.number(r.customers) })} />
        </Col>
        <Col xs={24} md={8}>
          <Kpi testId="value-clv-terms" title={t("prediction.value.terms")} help={t("prediction.help.clvTerms")} value={t("prediction.value.horizonValue", { days: p.number(c.horizonDays) })}
            note={t("prediction.value.discount", { rate: p.pct(c.discountRate), step: p.number(c.stepDays) })} />
        </Col>
        <Col xs={24} md={8}>
          <Kpi testId="value-margin-basis" title={t("prediction.value.basis")} help={t("prediction.help.marginBasis")} value={c.marginBasis === "margin" ? t("prediction.value.margin") : t("prediction.value.sales")}
            note={<span data-testid="value-margin-basis-text">{basis}</span>} />
        </Col>
      </Row>
      {rows.length > 0 ? (
        <Card
          title={t("prediction.value.bySegment")}
          extra={<Typography.Text type="secondary" data-testid="value-segments-scheme">{tierDate ? t("prediction.value.byTier", { date: p.date(tierDate) }) : t("prediction.value.byCluster")}</Typography.Text>}
        >
          <Typography.Paragraph type="secondary">{t("prediction.value.intervalHelp")}</Typography.Paragraph>
          <ClvChart rows={rows} locale={p.locale} currency={p.wf.currency} />
          <Table<SegmentRow>
            rowKey={(x) => `${x.scheme}:${x.segment}`}
            size="small"
            pagination={false}
            dataSource={rows}
            scroll={{ x: "max-content" }}
            data-testid="value-clv-segments"
            columns={[
              { key: "segment", title: t("prediction.value.segment"), render: (_: unknown, x: SegmentRow) => x.name },
              { key: "customers", title: t("prediction.customers"), align: "right" as const, render: (_: unknown, x: SegmentRow) => p.number(x.customers) },
              { key: "clv", title: t("prediction.clv"), align: "right" as const, render: (_: unknown, x: SegmentRow) => <span data-testid="value-segment-clv">{p.cash(x.clv)}</span> },
              { key: "interval", title: t("prediction.value.interval90"), align: "right" as const, render: (_: unknown, x: SegmentRow) => t("prediction.range", { low: p.cash(x.low), high: p.cash(x.high) }) },
              { key: "share", title: t("prediction.value.share"), align: "right" as const, render: (_: unknown, x: SegmentRow) => (c.total > 0 ? p.pct(x.clv / c.total) : "—") },
              { key: "each", title: t("prediction.value.perCustomer"), align: "right" as const, render: (_: unknown, x: SegmentRow) => (x.customers > 0 ? p.cash(x.clv / x.customers) : "—") },
            ]}
          />
        </Card>
      ) : null}
      <Card title={t("prediction.value.spendModel")} data-testid="value-spend-model">
        {gg ? (
          <>
            <Typography.Paragraph type="secondary">
              {t("prediction.value.spendText", { n: p.number(gg.customers) })} <ConvergedTag converged={gg.converged} />
            </Typography.Paragraph>
            <ParamsTable params={gg.params} help={(name) => paramHelp(t, "gammaGamma", name)} testId="value-spend-params" />
            <Descriptions size="small" style={{ marginTop: 12 }} column={{ xs: 1, sm: 2 }} items={[
              { key: "ll", label: t("prediction.logLikelihood"), children: p.fixed(gg.logLikelihood, 1) },
              { key: "n", label: t("prediction.fittedOn"), children: t("prediction.customersCount", { n: p.number(gg.customers) }) },
            ]} />
          </>
        ) : (
          <Alert type="info" showIcon title={t("prediction.value.noSpendModel")} data-testid="value-no-spend-model" />
        )}
        <Typography.Title level={5}>{t("prediction.value.checkTitle")}</Typography.Title>
        <Typography.Paragraph data-testid="value-spend-correlation">
          {check.correlation === null
            ? t("prediction.value.noCorrelation", { n: p.number(check.customers) })
            : t("prediction.value.correlation", { r: p.fixed(check.correlation, 2), n: p.number(check.customers) })}
        </Typography.Paragraph>
        {check.warning ? (
          <Alert type="warning" showIcon title={t("prediction.value.spendWarning", { r: p.fixed(check.correlation, 2) })} data-testid="value-spend-warning" />
        ) : check.correlation !== null ? (
          <Typography.Text type="success" data-testid="value-spend-ok">{t("prediction.value.spendOk")}</Typography.Text>
        ) : null}
      </Card>
    </Space>
  );
}

/** CLV by segment: a bar each, with its 5%–95% interval as an error bar. */
function ClvChart({ rows, locale, currency }: { rows: SegmentRow[]; locale: string; currency: string }) {
  const { t } = useTranslation();
  const option = useMemo((): EChartsOption => {
    const p = runFormat(locale, currency);
    const name = t("prediction.clv");
    return {
      ...frame(),
      tooltip: {
        trigger: "axis",
        formatter: (params: unknown) => {
          const i = (params as Array<{ dataIndex: number }>)[0]?.dataIndex ?? 0;
          const x = rows[i]!;
          return [escapeHtml(x.name), `${name}: ${p.cash(x.clv)}`, t("prediction.value.interval90Text", { low: p.cash(x.low), high: p.cash(x.high) })].join("<br/>");
        },
      },
      xAxis: { type: "category", data: rows.map((x) => x.name) },
      yAxis: { type: "value", axisLabel: { formatter: (v: number) => p.axis(v) } },
      series: [
        { type: "bar", name, data: rows.map((x) => x.clv), itemStyle: { color: BLUE }, barMaxWidth: 48 },
        errorBars(t("prediction.value.interval90"), rows.map((x, i) => [i, x.low, x.high])),
      ],
    };
  }, [rows, locale, currency, t]);
  return <EChart option={option} height={280} testId="value-clv-chart" />;
}
