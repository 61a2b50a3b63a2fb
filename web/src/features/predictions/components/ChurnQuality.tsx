import { Card, Col, Row, Table, Tag, Typography } from "antd";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { EChart } from "../../../components/EChart";
import type { EChartsOption } from "../../../lib/echarts";
import { testId } from "../../../lib/testId";
import { WithHelp } from "../../patterns/components/bits";
import { isSkipped, type ChurnReport, type ClassifierQuality, type ModelRun, type RegressionScore } from "../api/predictions.api";
import { chosenText } from "../words";
import { runFormat, SkippedNote, usePredictionFormat } from "./bits";
import { BLUE, frame, GREY, ORANGE, X_NAME, Y_NAME } from "./charts";

/**
 * The churn models on the customers held out for the test: AUC, Brier score and log loss of
 * logistic regression, boosted trees and BG/NBD alone, which was chosen and why, whether it
 * beats BG/NBD alone; lift by decile and calibration.
 */
export function ChurnQuality({ r }: { r: ModelRun }) {
  const { t } = useTranslation();
  if (isSkipped(r.churn)) {
    return (
      <Card title={t("prediction.quality.churnTitle")} data-testid="quality-churn">
        <SkippedNote why={r.churn.skipped} testId="quality-churn-skipped" />
      </Card>
    );
  }
  return <ChurnReportCard c={r.churn} />;
}

function ChurnReportCard({ c }: { c: ChurnReport }) {
  const { t } = useTranslation();
  const p = usePredictionFormat(undefined);
  const bg = c.candidates.find((x) => x.model === "bgnbd");
  const chosen = c.candidates.find((x) => x.model === c.chosen);
  const modelName = (m: ClassifierQuality["model"]) => t(`prediction.models.${m}`);
  return (
    <Card title={t("prediction.quality.churnTitle")} data-testid="quality-churn">
      <Typography.Paragraph data-testid="quality-churn-text">
        {t("prediction.quality.churnText", {
          n: p.number(c.population), date: p.date(c.trainedAsOf), days: p.number(c.windowDays), rate: p.pct(c.churnRate),
        })}
        {c.rows ? ` ${t("prediction.quality.split", { train: p.number(c.rows.train), validation: p.number(c.rows.validation), test: p.number(c.rows.test) })}` : null}
      </Typography.Paragraph>
      <Table<ClassifierQuality>
        rowKey="model"
        size="small"
        pagination={false}
        dataSource={c.candidates}
        scroll={{ x: "max-content" }}
        onRow={(x) => testId(`quality-model-${x.model}`)}
        data-testid="quality-churn-models"
        columns={[
          {
            key: "model", title: t("prediction.quality.model"),
            render: (_: unknown, x: ClassifierQuality) => (
              <>
                {modelName(x.model)} {x.model === c.chosen ? <Tag color="blue">{t("prediction.quality.chosen")}</Tag> : null}
                {x.model === "bgnbd" ? <Tag>{t("prediction.quality.baseline")}</Tag> : null}
              </>
            ),
          },
          { key: "auc", title: <WithHelp title="AUC" help={t("prediction.help.auc")} testId="quality-auc-help" />, align: "right" as const, render: (_: unknown, x: ClassifierQuality) => <span data-testid="quality-auc">{p.fixed(x.auc, 3)}</span> },
          { key: "brier", title: <WithHelp title={t("prediction.quality.brier")} help={t("prediction.help.brier")} />, align: "right" as const, render: (_: unknown, x: ClassifierQuality) => p.fixed(x.brier, 3) },
          { key: "logLoss", title: <WithHelp title={t("prediction.quality.logLoss")} help={t("prediction.help.logLoss")} />, align: "right" as const, render: (_: unknown, x: ClassifierQuality) => p.fixed(x.logLoss, 3) },
        ]}
      />
      <Typography.Paragraph style={{ marginTop: 12 }} data-testid="quality-churn-reason">
        {t("prediction.quality.chosenBecause", { model: modelName(c.chosen), why: chosenText(t, c.reason, p.locale) })}
      </Typography.Paragraph>
      <Typography.Paragraph data-testid="quality-churn-verdict">
        <Typography.Text type={c.beatsBgnbd ? "success" : "warning"}>
          {t(c.beatsBgnbd ? "prediction.quality.beats" : "prediction.quality.doesNotBeat", {
            model: modelName(c.chosen), a: p.fixed(chosen?.auc, 3), b: p.fixed(bg?.auc, 3), gain: p.fixed(Math.abs(c.aucGain), 3),
          })}
        </Typography.Text>
        {c.aucGainInterval ? (
          <Typography.Text type="secondary" data-testid="quality-churn-gain-interval">
            {" "}{t("prediction.quality.gainInterval", { low: p.fixed(c.aucGainInterval[0], 3), high: p.fixed(c.aucGainInterval[1], 3) })}
          </Typography.Text>
        ) : null}
      </Typography.Paragraph>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <Typography.Title level={5}><WithHelp title={t("prediction.quality.liftTitle")} help={t("prediction.help.lift")} testId="quality-lift-help" /></Typography.Title>
          <LiftChart c={c} locale={p.locale} />
        </Col>
        <Col xs={24} xl={12}>
          <Typography.Title level={5}><WithHelp title={t("prediction.quality.calibrationTitle")} help={t("prediction.help.calibration")} /></Typography.Title>
          <CalibrationChart c={c} locale={p.locale} />
        </Col>
      </Row>
    </Card>
  );
}

/** Lift by decile of predicted risk: the chosen model and BG/NBD alone, against 1 (no better than chance). */
function LiftChart({ c, locale }: { c: ChurnReport; locale: string }) {
  const { t } = useTranslation();
  const option = useMemo((): EChartsOption => {
    const p = runFormat(locale, "");
    const names = { chosen: t(`prediction.models.${c.chosen}`), bg: t("prediction.models.bgnbd"), chance: t("prediction.quality.chance") };
    return {
      ...frame(56, 32),
      tooltip: { trigger: "axis", valueFormatter: (v: unknown) => (typeof v === "number" ? `${p.fixed(v, 2)}×` : "—") },
      xAxis: { type: "category", name: t("prediction.quality.decile"), ...X_NAME, data: c.lift.map((x) => String(x.decile)) },
      yAxis: { type: "value", name: t("prediction.quality.lift"), ...Y_NAME, axisLabel: { formatter: (v: number) => `${p.count(v)}×` } },
      series: [
        { type: "bar", name: names.chosen, data: c.lift.map((x) => x.lift), itemStyle: { color: BLUE } },
        { type: "bar", name: names.bg, data: c.bgnbdLift.map((x) => x.lift), itemStyle: { color: GREY } },
        { type: "line", name: names.chance, data: c.lift.map(() => 1), symbol: "none", lineStyle: { type: "dashed", color: ORANGE }, itemStyle: { color: ORANGE } },
      ],
    };
  }, [c, locale, t]);
  return <EChart option={option} height={300} testId="quality-lift-chart" />;
}

/** Calibration: each bin's mean predicted probability against the share who did leave; on the diagonal is well calibrated. */
function CalibrationChart({ c, locale }: { c: ChurnReport; locale: string }) {
  const { t } = useTranslation();
  const option = useMemo((): EChartsOption => {
    const p = runFormat(locale, "");
    return {
      ...frame(56, 32),
      tooltip: {
        trigger: "item",
        formatter: (x: unknown) => {
          const i = (x as { dataIndex: number; seriesIndex: number }).dataIndex;
          const row = c.calibration[i];
          if (!row || (x as { seriesIndex: number }).seriesIndex !== 0) return "";
          return t("prediction.quality.calibrationTip", { predicted: p.pct(row.meanPredicted), observed: p.pct(row.observedRate), n: p.count(row.count) });
        },
      },
      xAxis: { type: "value", min: 0, max: 1, name: t("prediction.quality.predicted"), ...X_NAME, axisLabel: { formatter: (v: number) => p.pct(v) } },
      yAxis: { type: "value", min: 0, max: 1, name: t("prediction.quality.observed"), ...Y_NAME, axisLabel: { formatter: (v: number) => p.pct(v) } },
      series: [
        {
          type: "scatter", name: t("prediction.quality.bins"), itemStyle: { color: BLUE },
          data: c.calibration.map((x) => [x.meanPredicted, x.observedRate, x.count]),
          symbolSize: (v: number[]) => 6 + Math.sqrt(v[2] ?? 0) * 2,
        },
        { type: "line", name: t("prediction.quality.perfect"), data: [[0, 0], [1, 1]], symbol: "none", lineStyle: { type: "dashed", color: GREY }, itemStyle: { color: GREY }, tooltip: { show: false } },
      ],
    };
  }, [c, locale, t]);
  return <EChart option={option} height={300} testId="quality-calibration-chart" />;
}

/** The next-year-value model against "last year again", on the customers held out. */
export function ValueQuality({ r }: { r: ModelRun }) {
  const { t } = useTranslation();
  const p = usePredictionFormat(r.currency);
  if (isSkipped(r.value)) {
    return (
      <Card title={t("prediction.quality.valueTitle")} data-testid="quality-value">
        <SkippedNote why={r.value.skipped} testId="quality-value-skipped" />
      </Card>
    );
  }
  const v = r.value;
  const rows = [
    { key: "model", name: t(`prediction.models.${v.chosen}`), s: v.test },
    { key: "naive", name: t("prediction.models.naive"), s: v.naive },
  ];
  type Row = { key: string; name: string; s: RegressionScore };
  const beats = v.test.rmse < v.naive.rmse;
  return (
    <Card title={t("prediction.quality.valueTitle")} data-testid="quality-value">
      <Typography.Paragraph>
        {t("prediction.quality.valueText", { n: p.number(v.population), date: p.date(v.trainedAsOf), days: p.number(v.horizonDays) })}
        {v.rows ? ` ${t("prediction.quality.split", { train: p.number(v.rows.train), validation: p.number(v.rows.validation), test: p.number(v.rows.test) })}` : null}
      </Typography.Paragraph>
      <Table<Row>
        rowKey="key"
        size="small"
        pagination={false}
        dataSource={rows}
        scroll={{ x: "max-content" }}
        data-testid="quality-value-table"
        columns={[
          { key: "name", title: t("prediction.quality.model"), render: (_: unknown, x: Row) => x.name },
          { key: "mae", title: <WithHelp title="MAE" help={t("prediction.help.mae")} />, align: "right" as const, render: (_: unknown, x: Row) => p.cash(x.s.mae) },
          { key: "rmse", title: <WithHelp title="RMSE" help={t("prediction.help.rmse")} />, align: "right" as const, render: (_: unknown, x: Row) => p.cash(x.s.rmse) },
          { key: "r2", title: <WithHelp title="R²" help={t("prediction.help.r2")} />, align: "right" as const, render: (_: unknown, x: Row) => p.fixed(x.s.r2, 3) },
          { key: "predicted", title: t("prediction.quality.totalPredicted"), align: "right" as const, render: (_: unknown, x: Row) => p.cash(x.s.totalPredicted) },
          { key: "actual", title: t("prediction.quality.totalActual"), align: "right" as const, render: (_: unknown, x: Row) => p.cash(x.s.totalActual) },
        ]}
      />
      <Typography.Paragraph style={{ marginTop: 12 }}>{t("prediction.quality.chosenBecause", { model: t(`prediction.models.${v.chosen}`), why: chosenText(t, v.reason, p.locale) })}</Typography.Paragraph>
      <Typography.Text type={beats ? "success" : "warning"} data-testid="quality-value-verdict">
        {t(beats ? "prediction.quality.valueBeats" : "prediction.quality.valueDoesNotBeat", { model: t(`prediction.models.${v.chosen}`) })}
      </Typography.Text>
    </Card>
  );
}
