/**
 * Measures of a model on held-out rows. All take optional row weights (a weight counts as
 * that many rows).
 *
 * Classification, for labels y ∈ {0, 1} and scores or probabilities p:
 * - AUC, the area under the ROC curve, as the Mann–Whitney statistic (Hanley & McNeil 1982,
 *   "The meaning and use of the area under a receiver operating characteristic (ROC) curve",
 *   Radiology 143(1)): the probability that a random positive scores above a random
 *   negative, ties counting one half: AUC = Σ_{pos i, neg j} wᵢwⱼ([sᵢ > sⱼ] + ½[sᵢ = sⱼ]) /
 *   (W₊W₋), computed in O(n log n) by sorting and walking groups of equal scores.
 * - Log loss −(1/W)·Σ wᵢ[yᵢ log pᵢ + (1 − yᵢ) log(1 − pᵢ)], p clipped to [1e-15, 1 − 1e-15].
 * - Brier score (1/W)·Σ wᵢ(pᵢ − yᵢ)² (Brier 1950, Monthly Weather Review 78(1)).
 * - Lift and capture by decile of score: rows sorted by score, highest first (ties in their
 *   row order), cut into 10 groups of ⌊n/10⌋ or ⌈n/10⌉ rows; per decile the customers
 *   (rows, or their weight), positives, rate = positives/customers, lift = rate/overall
 *   rate, and the cumulative capture: the share of all positives in this decile and those
 *   above it.
 * - Calibration table: predicted probabilities cut into bins (10 of equal width, or of
 *   equal counts); per bin the rows, mean predicted probability and observed rate
 *   (a reliability diagram's points; DeGroot & Fienberg 1983, The Statistician 32(1–2)).
 *
 * Regression, for values y and predictions ŷ: MAE = (1/W)Σwᵢ|yᵢ − ŷᵢ|,
 * RMSE = √((1/W)Σwᵢ(yᵢ − ŷᵢ)²), R² = 1 − Σwᵢ(yᵢ − ŷᵢ)²/Σwᵢ(yᵢ − ȳ)², and the totals Σwᵢŷᵢ
 * and Σwᵢyᵢ (for future value: does the model get the total right?).
 */

export interface LiftRow {
  /** 1 = the tenth of rows with the highest scores. */
  decile: number;
  customers: number;
  positives: number;
  rate: number;
  lift: number;
  cumulativeCustomers: number;
  cumulativePositives: number;
  /** Share of all positives in deciles 1 … this one. */
  cumulativeCapture: number;
  cumulativeLift: number;
  minScore: number;
  maxScore: number;
}

export interface CalibrationRow {
  lo: number;
  hi: number;
  count: number;
  meanPredicted: number;
  observedRate: number;
}

export interface ClassificationMetrics {
  n: number;
  positives: number;
  auc: number;
  logLoss: number;
  brier: number;
  lift: LiftRow[];
  calibration: CalibrationRow[];
}

export interface RegressionMetrics {
  n: number;
  mae: number;
  rmse: number;
  r2: number;
  totalPredicted: number;
  totalActual: number;
}

function same(y: ArrayLike<number>, p: ArrayLike<number>, w?: Float64Array) {
  if (y.length !== p.length) throw new RangeError(`labels and predictions differ in length (${y.length}, ${p.length})`);
  if (w && w.length !== y.length) throw new RangeError(`weights and labels differ in length (${w.length}, ${y.length})`);
  if (y.length === 0) throw new RangeError("nothing to score");
  for (let i = 0; i < p.length; i++) if (Number.isNaN(p[i]!)) throw new RangeError(`prediction ${i} is NaN`);
}

/** Row indices ordered by score, ascending (ties by row). */
export function orderByScore(s: ArrayLike<number>, descending = false): Int32Array {
  const idx = Int32Array.from({ length: s.length }, (_, i) => i);
  return descending ? idx.sort((a, b) => s[b]! - s[a]! || a - b) : idx.sort((a, b) => s[a]! - s[b]! || a - b);
}

/** The Mann–Whitney AUC with ties counted one half; NaN without both classes. */
export function auc(y: Uint8Array, score: ArrayLike<number>, w?: Float64Array): number {
  same(y, score, w);
  const order = orderByScore(score);
  let negBelow = 0;
  let num = 0;
  let Wp = 0;
  let Wn = 0;
  for (let a = 0; a < order.length; ) {
    const s = score[order[a]!]!;
    let pos = 0;
    let neg = 0;
    let b = a;
    for (; b < order.length && score[order[b]!] === s; b++) {
      const i = order[b]!;
      const wi = w ? w[i]! : 1;
      if (y[i] === 1) pos += wi;
      else neg += wi;
    }
    num += pos * (negBelow + neg / 2);
    negBelow += neg;
    Wp += pos;
    Wn += neg;
    a = b;
  }
  return Wp > 0 && Wn > 0 ? num / (Wp * Wn) : NaN;
}

/** Mean log loss of probabilities p. */
export function logLoss(y: Uint8Array, p: ArrayLike<number>, w?: Float64Array): number {
  same(y, p, w);
  let s = 0;
  let W = 0;
  for (let i = 0; i < y.length; i++) {
    const q = Math.min(Math.max(p[i]!, 1e-15), 1 - 1e-15);
    const wi = w ? w[i]! : 1;
    s -= wi * (y[i] === 1 ? Math.log(q) : Math.log(1 - q));
    W += wi;
  }
  return s / W;
}

/** Mean squared difference of probabilities and outcomes. */
export function brier(y: Uint8Array, p: ArrayLike<number>, w?: Float64Array): number {
  same(y, p, w);
  let s = 0;
  let W = 0;
  for (let i = 0; i < y.length; i++) {
    const wi = w ? w[i]! : 1;
    s += wi * (p[i]! - y[i]!) ** 2;
    W += wi;
  }
  return s / W;
}

/** The decile (1 = highest scores … 10) of each row. */
export function scoreDeciles(score: ArrayLike<number>): Uint8Array {
  const n = score.length;
  const order = orderByScore(score, true);
  const decile = new Uint8Array(n);
  for (let d = 0; d < 10; d++) {
    for (let k = Math.floor((d * n) / 10); k < Math.floor(((d + 1) * n) / 10); k++) decile[order[k]!] = d + 1;
  }
  return decile;
}

/** The lift and capture table: 10 rows, decile 1 first (deciles with no rows when n < 10 show zeros). */
export function liftTable(y: Uint8Array, score: ArrayLike<number>, w?: Float64Array): LiftRow[] {
  same(y, score, w);
  const decile = scoreDeciles(score);
  const cust = new Float64Array(11);
  const pos = new Float64Array(11);
  const lo = new Float64Array(11).fill(Infinity);
  const hi = new Float64Array(11).fill(-Infinity);
  for (let i = 0; i < y.length; i++) {
    const d = decile[i]!;
    const wi = w ? w[i]! : 1;
    cust[d]! += wi;
    pos[d]! += wi * y[i]!;
    lo[d] = Math.min(lo[d]!, score[i]!);
    hi[d] = Math.max(hi[d]!, score[i]!);
  }
  let C = 0;
  let P = 0;
  for (let d = 1; d <= 10; d++) {
    C += cust[d]!;
    P += pos[d]!;
  }
  const overall = P / C;
  const rows: LiftRow[] = [];
  let cc = 0;
  let cp = 0;
  for (let d = 1; d <= 10; d++) {
    cc += cust[d]!;
    cp += pos[d]!;
    const rate = cust[d]! > 0 ? pos[d]! / cust[d]! : NaN;
    rows.push({
      decile: d,
      customers: cust[d]!,
      positives: pos[d]!,
      rate,
      lift: rate / overall,
      cumulativeCustomers: cc,
      cumulativePositives: cp,
      cumulativeCapture: P > 0 ? cp / P : NaN,
      cumulativeLift: cc > 0 ? cp / cc / overall : NaN,
      minScore: cust[d]! > 0 ? lo[d]! : NaN,
      maxScore: cust[d]! > 0 ? hi[d]! : NaN,
    });
  }
  return rows;
}

/**
 * The calibration table of probabilities p: `bins` bins of equal width on [0, 1] ("uniform",
 * empty bins left out) or of equal row counts ("quantile").
 */
export function calibrationTable(y: Uint8Array, p: ArrayLike<number>, w?: Float64Array, bins = 10, strategy: "uniform" | "quantile" = "uniform"): CalibrationRow[] {
  same(y, p, w);
  const n = y.length;
  const bin = new Int32Array(n);
  if (strategy === "uniform") {
    for (let i = 0; i < n; i++) bin[i] = Math.min(bins - 1, Math.max(0, Math.floor(p[i]! * bins)));
  } else {
    const order = orderByScore(p);
    for (let b = 0; b < bins; b++) for (let k = Math.floor((b * n) / bins); k < Math.floor(((b + 1) * n) / bins); k++) bin[order[k]!] = b;
  }
  const cnt = new Float64Array(bins);
  const sp = new Float64Array(bins);
  const sy = new Float64Array(bins);
  const lo = new Float64Array(bins).fill(Infinity);
  const hi = new Float64Array(bins).fill(-Infinity);
  for (let i = 0; i < n; i++) {
    const b = bin[i]!;
    const wi = w ? w[i]! : 1;
    cnt[b]! += wi;
    sp[b]! += wi * p[i]!;
    sy[b]! += wi * y[i]!;
    lo[b] = Math.min(lo[b]!, p[i]!);
    hi[b] = Math.max(hi[b]!, p[i]!);
  }
  const rows: CalibrationRow[] = [];
  for (let b = 0; b < bins; b++) {
    if (cnt[b] === 0) continue;
    rows.push({
      lo: strategy === "uniform" ? b / bins : lo[b]!,
      hi: strategy === "uniform" ? (b + 1) / bins : hi[b]!,
      count: cnt[b]!,
      meanPredicted: sp[b]! / cnt[b]!,
      observedRate: sy[b]! / cnt[b]!,
    });
  }
  return rows;
}

/** Every classification measure of the header, for probabilities p. */
export function classificationMetrics(y: Uint8Array, p: ArrayLike<number>, w?: Float64Array): ClassificationMetrics {
  let positives = 0;
  let n = 0;
  for (let i = 0; i < y.length; i++) {
    n += w ? w[i]! : 1;
    positives += (w ? w[i]! : 1) * y[i]!;
  }
  return { n, positives, auc: auc(y, p, w), logLoss: logLoss(y, p, w), brier: brier(y, p, w), lift: liftTable(y, p, w), calibration: calibrationTable(y, p, w) };
}

/** MAE, RMSE, R² and totals of predictions yhat. */
export function regressionMetrics(y: Float64Array, yhat: ArrayLike<number>, w?: Float64Array): RegressionMetrics {
  same(y, yhat, w);
  let W = 0;
  let sa = 0;
  let ss = 0;
  let ty = 0;
  let tp = 0;
  for (let i = 0; i < y.length; i++) {
    const wi = w ? w[i]! : 1;
    const e = y[i]! - yhat[i]!;
    W += wi;
    sa += wi * Math.abs(e);
    ss += wi * e * e;
    ty += wi * y[i]!;
    tp += wi * yhat[i]!;
  }
  const ybar = ty / W;
  let tss = 0;
  for (let i = 0; i < y.length; i++) tss += (w ? w[i]! : 1) * (y[i]! - ybar) ** 2;
  return { n: W, mae: sa / W, rmse: Math.sqrt(ss / W), r2: tss > 0 ? 1 - ss / tss : NaN, totalPredicted: tp, totalActual: ty };
}
