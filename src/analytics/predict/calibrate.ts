/**
 * Calibration: mapping a model's scores (log-odds) to probabilities that match observed
 * rates, fitted on held-out rows, never on the rows the model was trained on.
 *
 * - Platt scaling (Platt 1999, "Probabilistic outputs for support vector machines and
 *   comparisons to regularized likelihood methods", in Advances in Large Margin
 *   Classifiers, MIT Press): P(y = 1 | s) = 1/(1 + exp(A·s + B)), fitted by maximum
 *   likelihood against Platt's smoothed targets t₊ = (N₊ + 1)/(N₊ + 2) for positives and
 *   t₋ = 1/(N₋ + 2) for negatives, by Newton's method with backtracking as in Lin, Lin &
 *   Weng (2007), "A note on Platt's probabilistic outputs for support vector machines",
 *   Machine Learning 68(3), algorithm 1 (started at A = 0, B = log((N₋ + 1)/(N₊ + 1))).
 * - Isotonic regression (Zadrozny & Elkan 2002, "Transforming classifier scores into
 *   accurate multiclass probability estimates", KDD): the non-decreasing step function of
 *   the score closest to the labels in (weighted) least squares, by pool-adjacent-violators
 *   (Ayer, Brunk, Ewing, Reid & Silverman 1955; Barlow, Bartholomew, Bremner & Brunk 1972,
 *   "Statistical Inference under Order Restrictions", ch. 1). Rows with equal scores are
 *   pooled first. Between two fitted blocks the output is interpolated linearly (as
 *   scikit-learn's IsotonicRegression does), beyond the ends it is the end value; and it is
 *   kept within [1/(2W), 1 − 1/(2W)], W the calibration rows' total weight, since the data
 *   cannot support a probability nearer to 0 or 1 than half a row in W.
 * - chooseCalibration: the candidates "none" (the model's own probabilities), "platt" and
 *   "isotonic" are each fitted k times on k − 1 folds of the calibration rows and scored by
 *   log loss on the fold left out; the best is refitted on all of them.
 */

import { assignFolds, sigmoid, softplus, takeValues } from "./data.ts";
import { logLoss } from "./metrics.ts";
import { DEFAULT_SEED, Random } from "./random.ts";

export interface PlattCalibrator {
  kind: "platt";
  A: number;
  B: number;
}

export interface IsotonicCalibrator {
  kind: "isotonic";
  /** Per block: the lowest and highest score in it, and its fitted rate. */
  lo: Float64Array;
  hi: Float64Array;
  value: Float64Array;
  /** Outputs are kept within [floor, 1 − floor]. */
  floor: number;
}

export type Calibrator = { kind: "none" } | PlattCalibrator | IsotonicCalibrator;

export interface CalibrationChoice {
  calibrator: Calibrator;
  /** Cross-fitted log loss of every candidate. */
  candidates: { kind: Calibrator["kind"]; logLoss: number }[];
}

/** Fits Platt's sigmoid to scores s (log-odds) and labels y. */
export function fitPlatt(s: Float64Array, y: Uint8Array, w?: Float64Array): PlattCalibrator {
  let Np = 0;
  let Nn = 0;
  for (let i = 0; i < y.length; i++) {
    const wi = w ? w[i]! : 1;
    if (y[i] === 1) Np += wi;
    else Nn += wi;
  }
  const tp = (Np + 1) / (Np + 2);
  const tn = 1 / (Nn + 2);
  // −log-likelihood of (A, B): Σ w[t·f + log(1 + e^−f)] with f = A·s + B (as Lin et al. write it).
  const F = (A: number, B: number) => {
    let v = 0;
    for (let i = 0; i < s.length; i++) {
      const f = A * s[i]! + B;
      const t = y[i] === 1 ? tp : tn;
      v += (w ? w[i]! : 1) * (t * f + softplus(-f));
    }
    return v;
  };
  let A = 0;
  let B = Math.log((Nn + 1) / (Np + 1));
  let fval = F(A, B);
  const sigma = 1e-12;
  for (let it = 0; it < 100; it++) {
    let h11 = sigma;
    let h22 = sigma;
    let h21 = 0;
    let g1 = 0;
    let g2 = 0;
    for (let i = 0; i < s.length; i++) {
      const wi = w ? w[i]! : 1;
      const f = A * s[i]! + B;
      const p = sigmoid(-f); // P(y = 1) under Platt's sign convention
      const t = y[i] === 1 ? tp : tn;
      const d2 = wi * p * (1 - p);
      const d1 = wi * (t - p);
      h11 += s[i]! * s[i]! * d2;
      h22 += d2;
      h21 += s[i]! * d2;
      g1 += s[i]! * d1;
      g2 += d1;
    }
    if (Math.abs(g1) < 1e-10 * (1 + Math.abs(fval)) && Math.abs(g2) < 1e-10 * (1 + Math.abs(fval))) break;
    const det = h11 * h22 - h21 * h21;
    const dA = -(h22 * g1 - h21 * g2) / det;
    const dB = -(-h21 * g1 + h11 * g2) / det;
    const gd = g1 * dA + g2 * dB;
    let step = 1;
    let moved = false;
    while (step >= 1e-10) {
      const nA = A + step * dA;
      const nB = B + step * dB;
      const nf = F(nA, nB);
      if (nf < fval + 1e-4 * step * gd) {
        A = nA;
        B = nB;
        fval = nf;
        moved = true;
        break;
      }
      step /= 2;
    }
    if (!moved) break;
  }
  return { kind: "platt", A, B };
}

/**
 * Pool-adjacent-violators: the non-decreasing sequence closest to y in least squares with
 * weights w (all > 0), in the order given.
 */
export function pav(y: Float64Array, w?: Float64Array): Float64Array {
  const n = y.length;
  const mean = new Float64Array(n);
  const weight = new Float64Array(n);
  const size = new Int32Array(n);
  let m = 0;
  for (let i = 0; i < n; i++) {
    mean[m] = y[i]!;
    weight[m] = w ? w[i]! : 1;
    size[m] = 1;
    m++;
    while (m > 1 && mean[m - 2]! > mean[m - 1]!) {
      const W = weight[m - 2]! + weight[m - 1]!;
      mean[m - 2] = (weight[m - 2]! * mean[m - 2]! + weight[m - 1]! * mean[m - 1]!) / W;
      weight[m - 2] = W;
      size[m - 2]! += size[m - 1]!;
      m--;
    }
  }
  const out = new Float64Array(n);
  for (let b = 0, i = 0; b < m; b++) for (let k = 0; k < size[b]!; k++) out[i++] = mean[b]!;
  return out;
}

/** Fits the isotonic calibration of scores s against labels y. */
export function fitIsotonic(s: Float64Array, y: Uint8Array, w?: Float64Array): IsotonicCalibrator {
  const order = Int32Array.from({ length: s.length }, (_, i) => i).sort((a, b) => s[a]! - s[b]! || a - b);
  // Pool equal scores, then PAV on the pooled points.
  const xs: number[] = [];
  const ys: number[] = [];
  const ws: number[] = [];
  let W = 0;
  for (const i of order) {
    const wi = w ? w[i]! : 1;
    if (!(wi > 0)) continue;
    W += wi;
    const last = xs.length - 1;
    if (last >= 0 && xs[last] === s[i]) {
      ys[last] = (ys[last]! * ws[last]! + wi * y[i]!) / (ws[last]! + wi);
      ws[last]! += wi;
    } else {
      xs.push(s[i]!);
      ys.push(y[i]!);
      ws.push(wi);
    }
  }
  if (xs.length === 0) throw new RangeError("isotonic calibration needs rows with positive weight");
  const fitted = pav(Float64Array.from(ys), Float64Array.from(ws));
  const lo: number[] = [];
  const hi: number[] = [];
  const value: number[] = [];
  for (let k = 0; k < xs.length; k++) {
    if (value.length > 0 && value[value.length - 1] === fitted[k]) hi[hi.length - 1] = xs[k]!;
    else {
      lo.push(xs[k]!);
      hi.push(xs[k]!);
      value.push(fitted[k]!);
    }
  }
  return { kind: "isotonic", lo: Float64Array.from(lo), hi: Float64Array.from(hi), value: Float64Array.from(value), floor: 1 / (2 * W) };
}

function isotonicAt(c: IsotonicCalibrator, x: number): number {
  const { lo, hi, value } = c;
  const m = value.length;
  let v: number;
  if (x <= hi[0]!) v = value[0]!;
  else if (x >= lo[m - 1]!) v = value[m - 1]!;
  else {
    // The last block starting at or below x.
    let a = 0;
    let b = m - 1;
    while (a < b) {
      const mid = (a + b + 1) >>> 1;
      if (lo[mid]! <= x) a = mid;
      else b = mid - 1;
    }
    if (x <= hi[a]!) v = value[a]!;
    else {
      const t = (x - hi[a]!) / (lo[a + 1]! - hi[a]!);
      v = value[a]! + t * (value[a + 1]! - value[a]!);
    }
  }
  return Math.min(Math.max(v, c.floor), 1 - c.floor);
}

/** Calibrated probabilities for scores s (log-odds). */
export function calibrate(c: Calibrator, s: ArrayLike<number>): Float64Array {
  const out = new Float64Array(s.length);
  for (let i = 0; i < s.length; i++) {
    out[i] = c.kind === "none" ? sigmoid(s[i]!) : c.kind === "platt" ? sigmoid(-(c.A * s[i]! + c.B)) : isotonicAt(c, s[i]!);
  }
  return out;
}

function fitKind(kind: Calibrator["kind"], s: Float64Array, y: Uint8Array, w?: Float64Array): Calibrator {
  return kind === "none" ? { kind } : kind === "platt" ? fitPlatt(s, y, w) : fitIsotonic(s, y, w);
}

/** Chooses among no calibration, Platt and isotonic by k-fold cross-fitted log loss on held-out scores. */
export function chooseCalibration(s: Float64Array, y: Uint8Array, options: { weights?: Float64Array; folds?: number; seed?: number } = {}): CalibrationChoice {
  const w = options.weights;
  const k = Math.min(options.folds ?? 5, Math.max(2, Math.floor(s.length / 2)));
  const fold = assignFolds(s.length, k, new Random(options.seed ?? DEFAULT_SEED, 31), y);
  const kinds: Calibrator["kind"][] = ["none", "platt", "isotonic"];
  const candidates = kinds.map((kind) => {
    const p = new Float64Array(s.length);
    for (let f = 0; f < k; f++) {
      const fit: number[] = [];
      const out: number[] = [];
      for (let i = 0; i < s.length; i++) (fold[i] === f ? out : fit).push(i);
      const c = fitKind(kind, takeValues(s, fit), takeValues(y, fit), w && takeValues(w, fit));
      const q = calibrate(c, takeValues(s, out));
      out.forEach((i, t) => (p[i] = q[t]!));
    }
    return { kind, logLoss: logLoss(y, p, w) };
  });
  const best = candidates.reduce((a, b) => (b.logLoss < a.logLoss ? b : a));
  return { calibrator: fitKind(best.kind, s, y, w), candidates };
}
