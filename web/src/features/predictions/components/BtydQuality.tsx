import { Alert, Card, Col, Descriptions, Row, Typography } from "antd";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { EChart } from "../../../components/EChart";
import type { EChartsOption } from "../../../lib/echarts";
import { WithHelp } from "../../patterns/components/bits";
import type { BtydBacktest, ModelRun } from "../api/predictions.api";
import { paramHelp } from "../words";
import { ConvergedTag, ParamsTable, runFormat, usePredictionFormat } from "./bits";
import { BLUE, frame, ORANGE, X_NAME, Y_NAME } from "./charts";

/**
 * The BG/NBD model: its parameters with standard errors, how well it fits the purchases it
 * was fitted on (customers by repeat purchases, observed and expected), and its back-test
 * (fitted one horizon earlier, against what the customers then bought).
 */
export function BtydQuality({ r }: { r: ModelRun }) {
  const { t } = useTranslation();
  const p = usePredictionFormat(r.currency);
  const fit = r.btyd.bgnbd;
  const unit = t(`prediction.units.${r.btyd.unit}`);
  return (
    <Card title={t("prediction.quality.bgnbdTitle")} data-testid="quality-bgnbd">
      <Typography.Paragraph type="secondary">
        {t("prediction.quality.bgnbdText", { n: p.number(fit.customers), unit })} <ConvergedTag converged={fit.converged} />
      </Typography.Paragraph>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <ParamsTable params={fit.params} help={(name) => paramHelp(t, "bgnbd", name)} testId="quality-bgnbd-params" />
          <Descriptions size="small" style={{ marginTop: 12 }} column={1} items={[{ key: "ll", label: t("prediction.logLikelihood"), children: p.fixed(fit.logLikelihood, 1) }]} />
        </Col>
        <Col xs={24} xl={12}>
          <Typography.Title level={5} style={{ marginTop: 0 }}><WithHelp title={t("prediction.quality.frequencyTitle")} help={t("prediction.help.frequency")} /></Typography.Title>
          <FrequencyChart rows={r.btyd.frequency} locale={p.locale} />
        </Col>
      </Row>
      <Typography.Title level={5}><WithHelp title={t("prediction.quality.backtestTitle")} help={t("prediction.help.backtest")} /></Typography.Title>
      {r.btydBacktest ? <Backtest b={r.btydBacktest} /> : <Alert type="info" showIcon title={t("prediction.quality.noBacktest", { days: p.number(r.horizonDays) })} data-testid="quality-backtest-none" />}
    </Card>
  );
}

function Backtest({ b }: { b: BtydBacktest }) {
  const { t } = useTranslation();
  const p = usePredictionFormat(undefined);
  return (
    <div data-testid="quality-backtest">
      <Typography.Paragraph data-testid="quality-backtest-text">
        {t("prediction.quality.backtestText", {
          date: p.date(b.calibratedAsOf), n: p.number(b.customers), days: p.number(b.days),
          actual: p.count(b.actualPurchases), expected: p.count(b.expectedPurchases), mae: p.fixed(b.meanAbsoluteError, 2),
        })}
      </Typography.Paragraph>
      <BacktestChart b={b} locale={p.locale} />
    </div>
  );
}

/** Customers by repeat purchases: as observed, and as BG/NBD expects them. */
function FrequencyChart({ rows, locale }: { rows: ModelRun["btyd"]["frequency"]; locale: string }) {
  const { t } = useTranslation();
  const option = useMemo((): EChartsOption => {
    const p = runFormat(locale, "");
    return {
      ...frame(56, 32),
      tooltip: { trigger: "axis", valueFormatter: (v: unknown) => (typeof v === "number" ? p.count(v) : "—") },
      xAxis: { type: "category", name: t("prediction.quality.repeatPurchases"), ...X_NAME, data: rows.map((x) => x.repeat) },
      yAxis: { type: "value", name: t("prediction.customers"), ...Y_NAME },
      series: [
        { type: "bar", name: t("prediction.quality.observedCustomers"), data: rows.map((x) => x.actual), itemStyle: { color: BLUE } },
        { type: "bar", name: t("prediction.quality.expectedCustomers"), data: rows.map((x) => x.expected), itemStyle: { color: ORANGE } },
      ],
    };
  }, [rows, locale, t]);
  return <EChart option={option} height={280} testId="quality-frequency-chart" />;
}

/** The back-test: purchases per customer in the window after, made and expected, by repeat purchases before it. */
function BacktestChart({ b, locale }: { b: BtydBacktest; locale: string }) {
  const { t } = useTranslation();
  const option = useMemo((): EChartsOption => {
    const p = runFormat(locale, "");
    return {
      ...frame(56, 32),
      tooltip: { trigger: "axis", valueFormatter: (v: unknown) => (typeof v === "number" ? p.fixed(v, 2) : "—") },
      xAxis: { type: "category", name: t("prediction.quality.repeatBefore"), ...X_NAME, data: b.byRepeat.map((x) => x.repeat) },
      yAxis: { type: "value", name: t("prediction.quality.perCustomer"), ...Y_NAME },
      series: [
        { type: "line", name: t("prediction.quality.actualPurchases"), data: b.byRepeat.map((x) => x.actual), itemStyle: { color: BLUE }, lineStyle: { width: 2 } },
        { type: "line", name: t("prediction.quality.expectedPurchases"), data: b.byRepeat.map((x) => x.expected), itemStyle: { color: ORANGE }, lineStyle: { type: "dashed" } },
      ],
    };
  }, [b, locale, t]);
  return <EChart option={option} height={280} testId="quality-backtest-chart" />;
}
