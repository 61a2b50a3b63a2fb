import { Col, Row } from "antd";
import { useTranslation } from "react-i18next";
import { Kpi } from "../../patterns/components/bits";
import { isSkipped, type ModelRun } from "../api/predictions.api";
import { usePredictionFormat } from "./bits";

/** A run's headline figures, each with its definition. */
export function Summary({ r }: { r: ModelRun }) {
  const { t } = useTranslation();
  const p = usePredictionFormat(r.currency);
  const s = r.summary;
  const churn = !isSkipped(r.churn);
  const days = p.number(r.horizonDays);
  return (
    <Row gutter={[16, 16]} style={{ marginBottom: 16 }} data-testid="predictions-kpis">
      <Col xs={12} md={8} xxl={4}>
        <Kpi testId="predictions-kpi-customers" title={t("prediction.kpi.customers")} help={t("prediction.help.customers")} value={p.number(r.customers)}
          note={t("prediction.kpi.active", { n: p.number(s.active) })} />
      </Col>
      <Col xs={12} md={8} xxl={4}>
        <Kpi testId="predictions-kpi-at-risk" title={t("prediction.kpi.atRisk")} help={t("prediction.help.atRisk", { days })} value={churn ? p.number(s.atRisk) : "—"}
          note={churn ? t("prediction.kpi.ofActive", { share: s.active > 0 ? p.pct(s.atRisk / s.active) : "—" }) : t("prediction.kpi.skipped")} />
      </Col>
      <Col xs={12} md={8} xxl={4}>
        <Kpi testId="predictions-kpi-value-at-risk" title={t("prediction.valueAtRisk")} help={t("prediction.help.valueAtRisk")} value={churn ? p.cash(s.valueAtRisk) : "—"} />
      </Col>
      <Col xs={12} md={8} xxl={4}>
        <Kpi testId="predictions-kpi-purchases" title={t("prediction.kpi.purchases", { days })} help={t("prediction.help.expectedPurchases", { days })} value={p.count(s.expectedPurchases)} />
      </Col>
      <Col xs={12} md={8} xxl={4}>
        <Kpi testId="predictions-kpi-clv" title={t("prediction.kpi.clv")} help={t("prediction.help.clv")} value={r.clv.skipped ? "—" : p.cash(s.clv)}
          note={t("prediction.kpi.clvNote", { days: p.number(r.clv.horizonDays) })} />
      </Col>
      <Col xs={12} md={8} xxl={4}>
        <Kpi testId="predictions-kpi-next-year" title={t("prediction.kpi.nextYear")} help={t("prediction.help.predictedValue")} value={isSkipped(r.value) ? "—" : p.cash(s.predictedValue)}
          note={isSkipped(r.value) ? t("prediction.kpi.skipped") : undefined} />
      </Col>
    </Row>
  );
}
