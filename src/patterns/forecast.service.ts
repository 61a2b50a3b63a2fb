import type { Kysely } from "kysely";
import { holdoutBacktest, type Scores } from "../analytics/forecast/accuracy.ts";
import { fitEts, forecastEts, type EtsFit } from "../analytics/forecast/ets.ts";
import { dayNumber, dayText, isDay } from "../domain/days.ts";
import { RetainError } from "../errors.ts";
import type { Database } from "../store/schema.ts";
import { nextPeriod, orderDateRange, periodSeries, periodStart, type SeriesName, type SeriesPeriod } from "../store/series.repository.ts";
import { getSettings } from "../store/settings.repository.ts";
import { todayIn, windowStart } from "../value/value-report.service.ts";
import { resolveScope, type Scope } from "./scope.ts";

/**
 * Forecasts of the business's weekly or monthly totals (docs/patterns.md, "The forecast's series"):
 * the ETS model chosen by AICc on the whole history, its forecast with 80% and 95%
 * intervals, and a back-test — the same selection on all but the last periods, scored on
 * them against the seasonal naive forecast.
 */
export interface ForecastOptions {
  series?: SeriesName;
  period?: SeriesPeriod;
  /** Periods ahead (default 12 months or 13 weeks). */
  horizon?: number;
  /** The last day read; a date inside a period reads up to the period before (default: the last complete period). */
  asOf?: string;
  /** History read: "all" (default), or a length such as 36m. */
  window?: string;
  segment?: string;
  snapshot?: string;
}

export interface ForecastReport {
  series: SeriesName;
  period: SeriesPeriod;
  scope: Scope;
  currency: string;
  history: { starts: string[]; values: number[] };
  model: {
    name: string;
    spec: EtsFit["spec"];
    seasonalPeriod: number;
    params: EtsFit["params"];
    aicc: number;
    aic: number;
    bic: number;
    sigma: number;
    candidates: Array<{ model: string; aicc: number | null; skipped?: string }>;
  } | null;
  forecast: { starts: string[]; mean: number[]; lower80: number[]; upper80: number[]; lower95: number[]; upper95: number[]; intervals: "analytic" | "simulated" } | null;
  backtest: {
    horizon: number;
    starts: string[];
    actual: number[];
    model: { name: string; forecast: number[]; mase: number | null; smape: number | null; mae: number };
    seasonalNaive: { forecast: number[]; mase: number | null; smape: number | null; mae: number };
  } | null;
  /** Why there is no model: fewer than MIN_PERIODS periods of history. */
  issue: "tooShort" | null;
}

/** The fewest periods a model is fitted to. */
export const MIN_PERIODS = 8;
const SEASON: Record<SeriesPeriod, number> = { month: 12, week: 52 };

/** The last day of the last complete period up to `day`. */
function lastCompletePeriodEnd(period: SeriesPeriod, day: number): number {
  const start = periodStart(period, day);
  return nextPeriod(period, start) === day + 1 ? day : start - 1;
}

export async function buildForecast(db: Kysely<Database>, o: ForecastOptions): Promise<ForecastReport> {
  const series = o.series ?? "sales";
  const period = o.period ?? "month";
  const horizon = o.horizon ?? (period === "month" ? 12 : 13);
  if (!(Number.isInteger(horizon) && horizon >= 1 && horizon <= (period === "month" ? 36 : 104))) {
    throw new RetainError("BAD_INPUT", `horizon ${horizon}: give a whole number of ${period}s from 1 to ${period === "month" ? 36 : 104}.`, { field: "horizon" });
  }
  if (o.asOf !== undefined && !isDay(o.asOf)) throw new RetainError("BAD_INPUT", `as-of ${o.asOf}: not a date; give it as YYYY-MM-DD.`, { field: "asOf" });
  const settings = await getSettings(db);
  const to = lastCompletePeriodEnd(period, o.asOf ? dayNumber(o.asOf) : dayNumber(todayIn(settings.timezone)) - 1);
  const scope = await resolveScope(db, { asOf: dayText(to), window: "all", ...(o.segment ? { segment: o.segment } : {}), ...(o.snapshot ? { snapshot: o.snapshot } : {}) });
  const range = await orderDateRange(db);
  const window = o.window ?? "all";
  let from: number;
  if (window === "all") {
    // From the first whole period: the orders began inside the one before, which would read as a dip.
    const first = range ? dayNumber(range.first) : to + 1;
    from = periodStart(period, first) === first ? first : nextPeriod(period, periodStart(period, first));
  } else {
    const start = dayNumber(windowStart(dayText(to), window));
    from = periodStart(period, start) === start ? start : nextPeriod(period, periodStart(period, start));
  }
  const fullScope: Scope = { ...scope, from: dayText(Math.min(from, to + 1)), to: dayText(to), window };
  const empty: ForecastReport = { series, period, scope: fullScope, currency: settings.baseCurrency, history: { starts: [], values: [] }, model: null, forecast: null, backtest: null, issue: "tooShort" };
  if (from > to) return empty;
  const h = await periodSeries(db, { series, period, from: dayText(from), to: dayText(to), ...(scope.segment ? { segment: scope.segment } : {}) });
  const history = { starts: h.starts, values: Array.from(h.values) };
  if (h.values.length < MIN_PERIODS) return { ...empty, history };

  const m = SEASON[period];
  const fit = fitEts(h.values, m, "auto");
  const f = forecastEts(fit, horizon, [80, 95]);
  const starts: string[] = [];
  for (let s = nextPeriod(period, dayNumber(h.starts.at(-1)!)); starts.length < horizon; s = nextPeriod(period, s)) starts.push(dayText(s));
  return {
    series, period, scope: fullScope, currency: settings.baseCurrency, history,
    model: {
      name: fit.model, spec: fit.spec, seasonalPeriod: fit.period, params: fit.params, aicc: fit.aicc, aic: fit.aic, bic: fit.bic, sigma: fit.sigma,
      candidates: fit.candidates.map((c) => ({ model: c.model, aicc: c.aicc, ...(c.skipped ? { skipped: c.skipped } : {}) })),
    },
    forecast: {
      starts, mean: Array.from(f.mean), lower80: Array.from(f.lower[0]!), upper80: Array.from(f.upper[0]!), lower95: Array.from(f.lower[1]!), upper95: Array.from(f.upper[1]!), intervals: f.intervals,
    },
    backtest: backtest(h.values, h.starts, m, horizon),
    issue: null,
  };
}

/**
 * The last periods held out (as many as the horizon, at most a quarter of the history),
 * the model chosen again on the rest, and both forecasts scored on them. MASE is scaled by
 * the seasonal naive's in-sample error on the rest (lag m when there are more than m
 * periods, else lag 1).
 */
function backtest(y: Float64Array, starts: string[], m: number, horizon: number): ForecastReport["backtest"] {
  const hold = Math.min(horizon, Math.floor(y.length / 4));
  if (hold < 1 || y.length - hold < MIN_PERIODS) return null;
  const lag = y.length - hold > m ? m : 1;
  let name = "";
  const b = holdoutBacktest(y, lag, hold, (train, h) => {
    const fit = fitEts(train, m, "auto");
    name = fit.model;
    return forecastEts(fit, h, [80]).mean;
  });
  const score = (forecast: Float64Array, s: Scores) => ({ forecast: Array.from(forecast), mase: nullIfNotFinite(s.mase), smape: nullIfNotFinite(s.smape), mae: s.mae });
  return {
    horizon: hold, starts: starts.slice(y.length - hold), actual: Array.from(b.actual),
    model: { name, ...score(b.forecast, b.model) }, seasonalNaive: score(b.naive, b.seasonalNaive),
  };
}

const nullIfNotFinite = (x: number): number | null => (Number.isFinite(x) ? x : null);
