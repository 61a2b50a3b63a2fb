/**
 * Forecast accuracy, after Hyndman & Koehler (2006), "Another look at measures of forecast
 * accuracy", Int. J. Forecasting 22(4): 679–688 (cited as HK). For actuals yₜ and
 * forecasts fₜ over the h periods scored, eₜ = yₜ − fₜ:
 *   MAE   = mean |eₜ|
 *   RMSE  = √(mean eₜ²)
 *   sMAPE = mean 200·|eₜ| / (yₜ + fₜ)            (percent; HK §3.2, the M3 competition's
 *           definition, Makridakis & Hibon 2000: the denominator is yₜ + fₜ, not |yₜ| + |fₜ|
 *           as in M4, and there is no halving, so it runs from 0 to 200 for positive data)
 *   MASE  = mean |eₜ| / Q,  Q = 1/(n − m) · Σᵢ₌ₘ₊₁ⁿ |yᵢ − yᵢ₋ₘ|   (HK §3.4)
 * where Q, the scale, is the in-sample mean absolute error of the one-step seasonal naive
 * forecast on the n training values (m = 1: the naive forecast, HK's own definition). So
 * a MASE below 1 beats the in-sample one-step seasonal naive forecast.
 *
 * The seasonal naive forecast repeats the last observed cycle: fₙ₊ⱼ = yₙ₊ⱼ₋ₘ₍⌊(j−1)/m⌋+1₎.
 * The hold-out back-test fits on all but the last h values, forecasts h, and scores the
 * forecast and the seasonal naive forecast against the h values held out.
 */

/** The seasonal naive forecast of h periods after y (period m; m = 1 is the naive forecast). */
export function seasonalNaive(y: Float64Array, m: number, h: number): Float64Array {
  const n = y.length;
  if (!(Number.isInteger(m) && m >= 1)) throw new RangeError(`period must be a whole number ≥ 1 (got ${m})`);
  if (n < m) throw new RangeError(`the seasonal naive forecast needs a full cycle (${m} values, got ${n})`);
  const f = new Float64Array(h);
  for (let j = 1; j <= h; j++) f[j - 1] = y[n + j - m * (Math.floor((j - 1) / m) + 1) - 1]!;
  return f;
}

function same(actual: Float64Array, forecast: Float64Array) {
  if (actual.length !== forecast.length) throw new RangeError(`actual and forecast differ in length (${actual.length}, ${forecast.length})`);
  if (actual.length === 0) throw new RangeError("nothing to score");
}

export function mae(actual: Float64Array, forecast: Float64Array): number {
  same(actual, forecast);
  let s = 0;
  for (let i = 0; i < actual.length; i++) s += Math.abs(actual[i]! - forecast[i]!);
  return s / actual.length;
}

export function rmse(actual: Float64Array, forecast: Float64Array): number {
  same(actual, forecast);
  let s = 0;
  for (let i = 0; i < actual.length; i++) s += (actual[i]! - forecast[i]!) ** 2;
  return Math.sqrt(s / actual.length);
}

/** sMAPE in percent, 200·|y − f|/(y + f) averaged (HK §3.2, M3); NaN when some y + f is 0. */
export function smape(actual: Float64Array, forecast: Float64Array): number {
  same(actual, forecast);
  let s = 0;
  for (let i = 0; i < actual.length; i++) {
    const d = actual[i]! + forecast[i]!;
    if (d === 0) return NaN;
    s += (200 * Math.abs(actual[i]! - forecast[i]!)) / d;
  }
  return s / actual.length;
}

/** Q: the in-sample MAE of the one-step seasonal naive forecast on the training values. */
export function naiveScale(train: Float64Array, m: number): number {
  const n = train.length;
  if (n <= m) throw new RangeError(`the MASE scale needs more than one cycle of training data (${m + 1} values, got ${n})`);
  let s = 0;
  for (let i = m; i < n; i++) s += Math.abs(train[i]! - train[i - m]!);
  return s / (n - m);
}

/** MASE: the forecast's MAE over the scale Q of the training values (NaN when Q = 0). */
export function mase(actual: Float64Array, forecast: Float64Array, train: Float64Array, m: number): number {
  const q = naiveScale(train, m);
  return q === 0 ? NaN : mae(actual, forecast) / q;
}

export interface Scores {
  mae: number;
  rmse: number;
  smape: number;
  mase: number;
}

export function scores(actual: Float64Array, forecast: Float64Array, train: Float64Array, m: number): Scores {
  return { mae: mae(actual, forecast), rmse: rmse(actual, forecast), smape: smape(actual, forecast), mase: mase(actual, forecast, train, m) };
}

export interface Backtest {
  h: number;
  actual: Float64Array;
  forecast: Float64Array;
  naive: Float64Array;
  model: Scores;
  seasonalNaive: Scores;
}

/**
 * Fits on y without its last h values (`forecaster(train, h)` returns h forecasts), and
 * scores the forecast and the seasonal naive one against the values held out.
 */
export function holdoutBacktest(y: Float64Array, m: number, h: number, forecaster: (train: Float64Array, h: number) => Float64Array): Backtest {
  if (!(Number.isInteger(h) && h >= 1)) throw new RangeError(`h must be a whole number ≥ 1 (got ${h})`);
  if (y.length - h <= m) throw new RangeError(`holding out ${h} of ${y.length} values leaves too little to train on (more than ${m} needed)`);
  const train = y.slice(0, y.length - h);
  const actual = y.slice(y.length - h);
  const forecast = forecaster(train, h);
  if (forecast.length !== h) throw new RangeError(`the forecaster returned ${forecast.length} values for h = ${h}`);
  const naive = seasonalNaive(train, m, h);
  return { h, actual, forecast, naive, model: scores(actual, forecast, train, m), seasonalNaive: scores(actual, naive, train, m) };
}
