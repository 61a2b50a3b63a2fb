import { Card, Col, Empty, Form, InputNumber, Row, Segmented, Space, Spin, Typography } from "antd";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorResult } from "../../../components/ErrorResult";
import { PageSpin } from "../../../components/Loading";
import { PageHeader } from "../../../components/PageHeader";
import { useDebounced } from "../../../lib/useDebounced";
import type { ForecastPeriod, ForecastQuery, ForecastReport, ForecastSeries } from "../api/forecast.api";
import { useForecast } from "../hooks/usePatterns";
import { periodLabel } from "../forecastFormat";
import { HISTORY_WINDOWS, SCOPE_DEFAULTS, scopeQuery, type ScopeValues } from "../scope";
import { usePatternFormat } from "./bits";
import { BacktestCard, ModelCard } from "./ForecastModel";
import { ForecastChart } from "./ForecastChart";
import { ScopeFields, useScopeText } from "./ScopeFields";

const SERIES: ForecastSeries[] = ["sales", "orders", "active", "new"];
const HORIZON: Record<ForecastPeriod, { initial: number; max: number }> = { month: { initial: 12, max: 36 }, week: { initial: 13, max: 104 } };

interface Values extends ScopeValues {
  series: ForecastSeries;
  period: ForecastPeriod;
  horizon: number | null;
}

const DEFAULTS: Values = { ...SCOPE_DEFAULTS, window: "all", series: "sales", period: "month", horizon: HORIZON.month.initial };

const queryOf = (v: Values): ForecastQuery => ({
  ...scopeQuery(v, false),
  series: v.series,
  period: v.period,
  horizon: Math.min(Math.max(1, Math.round(v.horizon ?? HORIZON[v.period].initial)), HORIZON[v.period].max),
});

/**
 * Forecast: monthly or weekly net sales, orders, active or new customers, the ETS model the
 * server chose by AICc with its 80% and 95% intervals, and a back-test of it against the
 * seasonal naive forecast on the last periods held out.
 */
export default function ForecastPage() {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [values, setValues] = useState<Values>(DEFAULTS);
  // Typing a horizon asks once it has settled, not at every digit.
  const query = useDebounced(useMemo(() => queryOf(values), [values]), 300);
  const report = useForecast(query);

  const onValuesChange = (changed: Partial<Values>, all: Values) => {
    if (changed.period && changed.period !== values.period) {
      const horizon = HORIZON[changed.period].initial;
      form.setFieldValue("horizon", horizon);
      setValues({ ...all, horizon });
    } else setValues(all);
  };

  const r = report.data;
  let body;
  if (report.isPending) body = <PageSpin />;
  else if (report.isError && !r) body = <ErrorResult error={report.error} onRetry={() => void report.refetch()} />;
  else if (r && (r.issue === "tooShort" || !r.model)) body = <TooShort r={r} />;
  else if (r) body = <Report r={r} />;

  return (
    <>
      <PageHeader title={t("nav.forecast")} extra={report.isFetching && r ? <Spin size="small" /> : null} />
      <Typography.Paragraph type="secondary" style={{ maxWidth: 960 }}>{t("forecast.intro")}</Typography.Paragraph>
      <Card style={{ marginBottom: 16 }}>
        <Form<Values> form={form} layout="vertical" requiredMark={false} initialValues={DEFAULTS} onValuesChange={onValuesChange} data-testid="forecast-form">
          <Row gutter={16}>
            <Col xs={24} lg={10}>
              <Form.Item name="series" label={t("forecast.series")}>
                <Segmented<ForecastSeries> options={SERIES.map((s) => ({ value: s, label: t(`forecast.seriesNames.${s}`) }))} data-testid="forecast-series" />
              </Form.Item>
            </Col>
            <Col xs={12} sm={8} lg={5}>
              <Form.Item name="period" label={t("forecast.period")}>
                <Segmented<ForecastPeriod> options={[{ value: "month", label: t("forecast.periods.month") }, { value: "week", label: t("forecast.periods.week") }]} data-testid="forecast-period" />
              </Form.Item>
            </Col>
            <Col xs={12} sm={8} lg={5}>
              <Form.Item name="horizon" label={t("forecast.horizon")} tooltip={t("forecast.horizonHelp", { month: HORIZON.month.max, week: HORIZON.week.max })}>
                <InputNumber min={1} max={HORIZON[values.period].max} precision={0} suffix={t(`forecast.periodUnit.${values.period}`)} style={{ width: "100%" }} data-testid="forecast-horizon" />
              </Form.Item>
            </Col>
          </Row>
          <Row gutter={16}>
            <ScopeFields prefix="forecast" level={false} windows={HISTORY_WINDOWS} />
          </Row>
        </Form>
      </Card>
      {report.isError && r ? <ErrorResult error={report.error} onRetry={() => void report.refetch()} inline /> : null}
      {body}
    </>
  );
}

function TooShort({ r }: { r: ForecastReport }) {
  const { t } = useTranslation();
  const p = usePatternFormat();
  const scopeText = useScopeText();
  return (
    <Card>
      <Empty
        description={<Typography.Paragraph style={{ maxWidth: 560, margin: "0 auto" }}>{t("forecast.tooShort", { n: p.number(r.history.starts.length), scope: scopeText(r.scope) })}</Typography.Paragraph>}
        data-testid="forecast-too-short"
      />
    </Card>
  );
}

function Report({ r }: { r: ForecastReport }) {
  const { t } = useTranslation();
  const p = usePatternFormat();
  const scopeText = useScopeText();
  const first = r.history.starts[0];
  const last = r.history.starts.at(-1);
  return (
    <Space direction="vertical" size={16} style={{ width: "100%" }}>
      <Typography.Paragraph data-testid="forecast-scope-text" style={{ margin: 0 }}>
        {t("forecast.scopeText", {
          series: t(`forecast.seriesNames.${r.series}`),
          n: p.number(r.history.starts.length),
          unit: t(`forecast.periodUnit.${r.period}`),
          from: first ? periodLabel(first, r.period, p.locale) : "—",
          to: last ? periodLabel(last, r.period, p.locale) : "—",
          scope: scopeText(r.scope),
        })}
      </Typography.Paragraph>
      <Card title={t("forecast.chartTitle", { series: t(`forecast.seriesNames.${r.series}`) })} extra={r.forecast ? <Typography.Text type="secondary">{t(`forecast.intervals.${r.forecast.intervals}`)}</Typography.Text> : null}>
        <ForecastChart r={r} locale={p.locale} />
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}><ModelCard r={r} /></Col>
        <Col xs={24} xl={12}><BacktestCard r={r} /></Col>
      </Row>
    </Space>
  );
}
