import { Card, Descriptions, Empty, Table, Tag, Tooltip, Typography } from "antd";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { formatNumber } from "../../../i18n/format";
import { label } from "../../../i18n/label";
import type { ForecastModel, ForecastReport } from "../api/forecast.api";
import { periodLabel, seriesFormat } from "../forecastFormat";
import { usePatternFormat, WithHelp } from "./bits";
import { BacktestChart } from "./ForecastChart";

type Candidate = ForecastModel["candidates"][number];

/**
 * Why a candidate model was not fitted, in the reader's language. The server says it in
 * English; the known reasons are matched, any other is shown as it came.
 */
function skippedText(t: TFunction, why: string, locale: string): string {
  const n = (s: string | undefined) => formatNumber(Number(s), locale);
  let m: RegExpExecArray | null;
  if (why.startsWith("forbidden combination")) return t("forecast.skipped.forbidden");
  if (why.startsWith("multiplicative components need strictly positive")) return t("forecast.skipped.positive");
  if ((m = /a seasonal model needs a period from (\d+) to (\d+) \(got (\d+)\)/.exec(why))) return t("forecast.skipped.period", { from: n(m[1]), to: n(m[2]), period: n(m[3]) });
  if ((m = /a seasonal model needs two full cycles \((\d+) values, got (\d+)\)/.exec(why))) return t("forecast.skipped.cycles", { need: n(m[1]), got: n(m[2]) });
  if ((m = /(\d+) parameters and states need more than (\d+) values \(got (\d+)\)/.exec(why))) return t("forecast.skipped.params", { params: n(m[1]), need: n(m[2]), got: n(m[3]) });
  return why;
}

/** The model the server chose, its parameters and information criteria, and every candidate. */
export function ModelCard({ r }: { r: ForecastReport }) {
  const { t } = useTranslation();
  const p = usePatternFormat();
  const m = r.model!;
  const par = (v: number | null) => (v === null ? "—" : formatNumber(v, p.locale, { maximumFractionDigits: 4 }));
  const ic = (v: number | null) => (v === null ? "—" : formatNumber(v, p.locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 }));
  const fitted = m.candidates.filter((c) => c.aicc !== null).length;
  const candidates = [...m.candidates].sort((a, b) => (a.aicc ?? Infinity) - (b.aicc ?? Infinity));
  const item = (key: string, name: string, help: string, value: string) => ({
    key,
    label: <WithHelp title={name} help={help} />,
    children: <span data-testid={`forecast-${key}`}>{value}</span>,
  });
  return (
    <Card title={t("forecast.modelTitle")} style={{ height: "100%" }} data-testid="forecast-model">
      <Typography.Title level={4} style={{ marginTop: 0 }} data-testid="forecast-model-name">{m.name}</Typography.Title>
      <Typography.Paragraph type="secondary" data-testid="forecast-model-text">
        {t("forecast.specText", {
          error: label(t, "forecast.errorKinds", m.spec.error),
          trend: label(t, "forecast.trendKinds", m.spec.trend),
          season: m.spec.season === "N" ? t("forecast.noSeason") : t("forecast.season", { kind: label(t, "forecast.seasonKinds", m.spec.season), m: p.number(m.seasonalPeriod) }),
          n: p.number(fitted),
        })}
      </Typography.Paragraph>
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 2, xxl: 4 }}
        items={[
          item("alpha", "α", t("forecast.paramHelp.alpha"), par(m.params.alpha)),
          item("beta", "β", t("forecast.paramHelp.beta"), par(m.params.beta)),
          item("gamma", "γ", t("forecast.paramHelp.gamma"), par(m.params.gamma)),
          item("phi", "φ", t("forecast.paramHelp.phi"), par(m.params.phi)),
          item("aicc", "AICc", t("forecast.aiccHelp"), ic(m.aicc)),
          item("aic", "AIC", t("forecast.aicHelp"), ic(m.aic)),
          item("bic", "BIC", t("forecast.bicHelp"), ic(m.bic)),
          item("sigma", "σ", t(m.spec.error === "M" ? "forecast.sigmaHelpM" : "forecast.sigmaHelpA"), formatNumber(m.sigma, p.locale, { maximumSignificantDigits: 4 })),
        ]}
      />
      <Typography.Title level={5}>{t("forecast.candidatesTitle")}</Typography.Title>
      <Table<Candidate>
        rowKey="model"
        size="small"
        dataSource={candidates}
        pagination={false}
        scroll={{ x: "max-content", y: 240 }}
        data-testid="forecast-candidates"
        columns={[
          { key: "model", title: t("forecast.candidate"), render: (_: unknown, c: Candidate) => (c.model === m.name ? <Tag color="blue">{c.model}</Tag> : c.model) },
          { key: "aicc", title: "AICc", align: "right" as const, render: (_: unknown, c: Candidate) => ic(c.aicc) },
          {
            key: "note",
            title: t("forecast.note"),
            render: (_: unknown, c: Candidate) => {
              if (c.model === m.name) return t("forecast.chosen");
              if (c.skipped) return <Tooltip title={c.skipped}><Typography.Text type="secondary">{skippedText(t, c.skipped, p.locale)}</Typography.Text></Tooltip>;
              return c.aicc === null ? "—" : t("forecast.deltaAicc", { d: ic(c.aicc - m.aicc) });
            },
          },
        ]}
      />
    </Card>
  );
}

/** The back-test: MASE, sMAPE and MAE of the model and of the seasonal naive on the periods held out. */
export function BacktestCard({ r }: { r: ForecastReport }) {
  const { t } = useTranslation();
  const p = usePatternFormat();
  const b = r.backtest;
  if (!b) {
    return (
      <Card title={t("forecast.backtestTitle")} style={{ height: "100%" }} data-testid="forecast-backtest">
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("forecast.noBacktest")} data-testid="forecast-no-backtest" />
      </Card>
    );
  }
  const fmt = seriesFormat(r.series, r.currency, p.locale);
  const mase = (v: number | null) => (v === null ? "—" : formatNumber(v, p.locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 }));
  // sMAPE arrives in percent (0–200).
  const smape = (v: number | null) => (v === null ? "—" : formatNumber(v / 100, p.locale, { style: "percent", minimumFractionDigits: 1, maximumFractionDigits: 1 }));
  const rows = [
    { key: "model", name: b.model.name, s: b.model },
    { key: "naive", name: t("forecast.seasonalNaive"), s: b.seasonalNaive },
  ];
  type Row = (typeof rows)[number];
  const cell = (measure: string, text: string, row: Row) => <span data-testid={`forecast-bt-${row.key}-${measure}`}>{text}</span>;
  const beats = b.model.mase !== null && b.seasonalNaive.mase !== null ? b.model.mase < b.seasonalNaive.mase : null;
  const unit = t(`forecast.periodUnit.${r.period}`);
  return (
    <Card title={t("forecast.backtestTitle")} extra={<Typography.Text type="secondary">{t("forecast.heldOut", { n: p.number(b.horizon), unit })}</Typography.Text>} style={{ height: "100%" }} data-testid="forecast-backtest">
      <Typography.Paragraph type="secondary">
        {t("forecast.backtestText", { n: p.number(b.horizon), unit, from: periodLabel(b.starts[0]!, r.period, p.locale), to: periodLabel(b.starts.at(-1)!, r.period, p.locale), model: b.model.name })}
      </Typography.Paragraph>
      <Table<Row>
        rowKey="key"
        size="small"
        pagination={false}
        dataSource={rows}
        scroll={{ x: "max-content" }}
        data-testid="forecast-backtest-table"
        columns={[
          { key: "name", title: t("forecast.forecastBy"), render: (_: unknown, x: Row) => <span data-testid={`forecast-bt-${x.key}-name`}>{x.name}</span> },
          { key: "mase", title: <WithHelp title="MASE" help={t("forecast.maseHelp")} testId="forecast-mase-help" />, align: "right" as const, render: (_: unknown, x: Row) => cell("mase", mase(x.s.mase), x) },
          { key: "smape", title: <WithHelp title="sMAPE" help={t("forecast.smapeHelp")} />, align: "right" as const, render: (_: unknown, x: Row) => cell("smape", smape(x.s.smape), x) },
          { key: "mae", title: <WithHelp title="MAE" help={t("forecast.maeHelp")} />, align: "right" as const, render: (_: unknown, x: Row) => cell("mae", fmt.full(x.s.mae), x) },
        ]}
      />
      {beats !== null ? (
        <Typography.Paragraph style={{ marginTop: 12 }} data-testid="forecast-bt-verdict">
          <Typography.Text type={beats ? "success" : "warning"}>{t(beats ? "forecast.beats" : "forecast.doesNotBeat", { model: b.model.name })}</Typography.Text>
        </Typography.Paragraph>
      ) : null}
      <BacktestChart r={r} locale={p.locale} />
    </Card>
  );
}
