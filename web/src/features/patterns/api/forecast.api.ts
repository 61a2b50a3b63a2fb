import { api } from "../../../api/client";
import type { PatternScope } from "./patterns.api";

/**
 * The forecast of a business series (GET /api/reports/forecast): its history, the model the
 * server chose by AICc and its forecast with 80% and 95% intervals, and a back-test against
 * the seasonal naive forecast. Money (sales) arrives as numbers in the base currency.
 */

export type ForecastSeries = "sales" | "orders" | "active" | "new";
export type ForecastPeriod = "month" | "week";

export interface ForecastQuery {
  series: ForecastSeries;
  period: ForecastPeriod;
  /** Periods ahead: 1–36 months or 1–104 weeks. */
  horizon: number;
  asOf?: string;
  window?: string;
  segment?: string;
  snapshot?: string;
}

export interface ForecastModel {
  /** e.g. "ETS(M,Ad,M)". */
  name: string;
  /** error A/M; trend N/A/Ad/M/Md; season N/A/M. */
  spec: { error: string; trend: string; season: string };
  seasonalPeriod: number;
  params: { alpha: number; beta: number | null; gamma: number | null; phi: number | null };
  aicc: number;
  aic: number;
  bic: number;
  sigma: number;
  candidates: Array<{ model: string; aicc: number | null; skipped?: string }>;
}

export interface ForecastPath {
  starts: string[];
  mean: number[];
  lower80: number[];
  upper80: number[];
  lower95: number[];
  upper95: number[];
  intervals: "analytic" | "simulated";
}

export interface BacktestScore {
  forecast: number[];
  /** Scaled by the seasonal naive's in-sample one-step error: below 1 beats it. */
  mase: number | null;
  /** In percent (0–200), the M3 definition. */
  smape: number | null;
  mae: number;
}

export interface Backtest {
  /** The periods held out: as many as the horizon, at most a quarter of the history. */
  horizon: number;
  starts: string[];
  actual: number[];
  /** The model chosen again on the history before them (it may differ from the full history's). */
  model: BacktestScore & { name: string };
  seasonalNaive: BacktestScore;
}

export interface ForecastReport {
  series: ForecastSeries;
  period: ForecastPeriod;
  scope: PatternScope;
  currency: string;
  /** Each period's first day, YYYY-MM-DD, and its value. */
  history: { starts: string[]; values: number[] };
  model: ForecastModel | null;
  forecast: ForecastPath | null;
  backtest: Backtest | null;
  /** "tooShort": too few periods of history (fewer than 8), no model. */
  issue: null | "tooShort";
}

export const fetchForecast = (q: ForecastQuery) => api.get<ForecastReport>("/api/reports/forecast", { ...q });
