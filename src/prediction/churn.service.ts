import type { Labelled } from "../analytics/predict/data.ts";
import { explain, topContributions } from "../analytics/predict/explain.ts";
import { auc, classificationMetrics, regressionMetrics, type ClassificationMetrics } from "../analytics/predict/metrics.ts";
import { Random } from "../analytics/predict/random.ts";
import { predictSelected, predictSelectedValue, selectClassifier, selectRegressor, type ClassifierSelection, type RegressorSelection } from "../analytics/predict/select.ts";
import type { FeatureMatrix } from "./features.ts";

/**
 * The supervised models on the business's own history (docs/prediction.md, "Who will
 * leave", "Next year's value"): trained on the features of an earlier date and what
 * happened after it, chosen on a validation split, judged on a test split nobody chose on.
 */

/** Split shares of the labelled rows: training (with its inner hold-out for calibration), validation (to choose), test (to report). */
const SHARES = { train: 0.7, validation: 0.15 } as const;

export function rowsOf(m: FeatureMatrix, rows: ArrayLike<number>): FeatureMatrix {
  return { n: rows.length, names: m.names, columns: m.columns.map((c) => Float64Array.from(rows as ArrayLike<number>, (i) => c[i]!)) };
}

/** Rows 0 … n − 1 shuffled into the three parts, each sorted. */
export function threeWaySplit(n: number, seed: number): { train: Int32Array; validation: Int32Array; test: Int32Array } {
  const order = Array.from({ length: n }, (_, i) => i);
  new Random(seed, 7).shuffle(order);
  const a = Math.round(n * SHARES.train);
  const b = a + Math.round(n * SHARES.validation);
  const part = (from: number, to: number) => Int32Array.from(order.slice(from, to)).sort();
  return { train: part(0, a), validation: part(a, b), test: part(b, n) };
}

const take = <T extends Uint8Array | Float64Array>(a: T, rows: Int32Array): T => {
  const out = new (a.constructor as new (n: number) => T)(rows.length);
  for (let i = 0; i < rows.length; i++) out[i] = a[rows[i]!]!;
  return out;
};

/** A model's quality on the test split, for the report. */
export interface ClassifierQuality {
  model: "logistic" | "boosted-trees" | "bgnbd";
  auc: number;
  brier: number;
  logLoss: number;
}

export interface ChurnModel {
  selection: ClassifierSelection;
  report: {
    trainedAsOf: string;
    windowDays: number;
    population: number;
    churnRate: number;
    rows: { train: number; validation: number; test: number };
    chosen: "logistic" | "boosted-trees";
    reason: string;
    /** On the test split: the chosen model, the other, and BG/NBD alone (P(no purchase in the window)). */
    candidates: ClassifierQuality[];
    lift: ClassificationMetrics["lift"];
    calibration: ClassificationMetrics["calibration"];
    bgnbdLift: ClassificationMetrics["lift"];
    /** Whether the classifier beat BG/NBD alone on test AUC, by how much, and the 95% interval of that gain. */
    beatsBgnbd: boolean;
    aucGain: number;
    aucGainInterval: [number, number];
  };
}

/** Fewest labelled customers, and of each class, to train on. */
export const MIN_ROWS = 200;
export const MIN_CLASS = 20;

/**
 * Trains the churn classifier: X the features on `trainedAsOf` of the customers active
 * then, y = 1 for those without a purchase in the `windowDays` after, bgnbdChurn the BG/NBD
 * model's P(no purchase in that window) from the same date. Null (with the reason) when
 * there is too little to learn from.
 */
export function trainChurn(X: FeatureMatrix, y: Uint8Array, bgnbdChurn: Float64Array, o: { trainedAsOf: string; windowDays: number; seed: number }): ChurnModel | { skipped: string } {
  const positives = y.reduce((s, v) => s + v, 0);
  if (X.n < MIN_ROWS || positives < MIN_CLASS || X.n - positives < MIN_CLASS) {
    return { skipped: `too few customers to learn from: ${X.n} active on ${o.trainedAsOf}, ${positives} of them left (need ${MIN_ROWS}, and ${MIN_CLASS} of each)` };
  }
  const split = threeWaySplit(X.n, o.seed);
  const part = (rows: Int32Array): Labelled<Uint8Array> => ({ X: rowsOf(X, rows), y: take(y, rows) });
  const selection = selectClassifier(part(split.train), part(split.validation), { seed: o.seed });
  const test = part(split.test);
  const chosen = classificationMetrics(test.y, predictSelected(selection, test.X));
  const other = selection.chosen === "logistic" ? { ...selection, chosen: "boosted-trees" as const } : { ...selection, chosen: "logistic" as const };
  const second = classificationMetrics(test.y, predictSelected(other, test.X));
  const bg = take(bgnbdChurn, split.test);
  const bgMetrics = classificationMetrics(test.y, bg);
  const quality = (model: ClassifierQuality["model"], m: ClassificationMetrics): ClassifierQuality => ({ model, auc: m.auc, brier: m.brier, logLoss: m.logLoss });
  return {
    selection,
    report: {
      trainedAsOf: o.trainedAsOf,
      windowDays: o.windowDays,
      population: X.n,
      churnRate: positives / X.n,
      rows: { train: split.train.length, validation: split.validation.length, test: split.test.length },
      chosen: selection.chosen,
      reason: selection.reason,
      candidates: [quality(selection.chosen, chosen), quality(other.chosen, second), quality("bgnbd", bgMetrics)],
      lift: chosen.lift,
      calibration: chosen.calibration,
      bgnbdLift: bgMetrics.lift,
      beatsBgnbd: chosen.auc > auc(test.y, bg),
      aucGain: chosen.auc - bgMetrics.auc,
      aucGainInterval: aucGainInterval(test.y, predictSelected(selection, test.X), bg, o.seed),
    },
  };
}

/** Draws of the paired bootstrap: the test customers resampled, both models' AUC on each resample. */
export const BOOTSTRAP_DRAWS = 500;

/**
 * The 95% percentile interval of AUC(a) − AUC(b) over paired bootstrap resamples of the
 * test customers (Efron & Tibshirani 1993, ch. 13): whether a gain is more than the luck of
 * the split.
 */
export function aucGainInterval(y: Uint8Array, a: Float64Array, b: Float64Array, seed: number): [number, number] {
  const random = new Random(seed, 11);
  const n = y.length;
  const ys = new Uint8Array(n);
  const as = new Float64Array(n);
  const bs = new Float64Array(n);
  const gains: number[] = [];
  for (let d = 0; d < BOOTSTRAP_DRAWS; d++) {
    let pos = 0;
    for (let i = 0; i < n; i++) {
      const j = Math.floor(random.uniform() * n);
      ys[i] = y[j]!;
      as[i] = a[j]!;
      bs[i] = b[j]!;
      pos += y[j]!;
    }
    if (pos === 0 || pos === n) continue;
    gains.push(auc(ys, as) - auc(ys, bs));
  }
  gains.sort((p, q) => p - q);
  const at = (q: number) => gains[Math.min(gains.length - 1, Math.max(0, Math.round(q * (gains.length - 1))))] ?? NaN;
  return [at(0.025), at(0.975)];
}

export function churnProbabilities(m: ChurnModel, X: FeatureMatrix): Float64Array {
  return predictSelected(m.selection, X);
}

export interface Reason {
  feature: string;
  value: number | null;
  /** On the log-odds scale: how much this feature raises the odds of leaving. */
  contribution: number;
}

/** The features that raise each row's churn odds most (at most `k`, only those that raise them). */
export function churnReasons(m: ChurnModel, X: FeatureMatrix, rows: Int32Array, k = 3): Reason[][] {
  const model = m.selection.chosen === "logistic" ? m.selection.logistic.model : m.selection.boostedTrees.model;
  const e = explain(model, X, rows);
  return topContributions(e, X, e.features.length).map((r) =>
    r.top.filter((c) => c.contribution > 0).slice(0, k).map((c) => ({ feature: c.feature, value: Number.isFinite(c.value) ? c.value : null, contribution: c.contribution })));
}

export interface ValueModel {
  selection: RegressorSelection;
  report: {
    trainedAsOf: string;
    horizonDays: number;
    population: number;
    rows: { train: number; validation: number; test: number };
    chosen: "ridge" | "boosted-trees";
    reason: string;
    /** On the test split: the chosen model, and the naive forecast "the next year as the last one". */
    test: { mae: number; rmse: number; r2: number; totalPredicted: number; totalActual: number };
    naive: { mae: number; rmse: number; r2: number; totalPredicted: number; totalActual: number };
  };
}

/** Trains the future-value regression: X on `trainedAsOf`, y the net sales of the `horizonDays` after; `naive` the last year's net sales. */
export function trainValue(X: FeatureMatrix, y: Float64Array, naive: Float64Array, o: { trainedAsOf: string; horizonDays: number; seed: number }): ValueModel | { skipped: string } {
  if (X.n < MIN_ROWS) return { skipped: `too few customers to learn from: ${X.n} with a purchase by ${o.trainedAsOf} (need ${MIN_ROWS})` };
  const split = threeWaySplit(X.n, o.seed + 1);
  const part = (rows: Int32Array): Labelled<Float64Array> => ({ X: rowsOf(X, rows), y: take(y, rows) });
  const selection = selectRegressor(part(split.train), part(split.validation), { seed: o.seed });
  const test = part(split.test);
  const m = regressionMetrics(test.y, predictSelectedValue(selection, test.X));
  const nv = regressionMetrics(test.y, take(naive, split.test));
  const pick = (r: typeof m) => ({ mae: r.mae, rmse: r.rmse, r2: r.r2, totalPredicted: r.totalPredicted, totalActual: r.totalActual });
  return {
    selection,
    report: {
      trainedAsOf: o.trainedAsOf, horizonDays: o.horizonDays, population: X.n,
      rows: { train: split.train.length, validation: split.validation.length, test: split.test.length },
      chosen: selection.chosen, reason: selection.reason, test: pick(m), naive: pick(nv),
    },
  };
}

/** Predicted net sales of the next period, never below zero. */
export function predictValue(m: ValueModel, X: FeatureMatrix): Float64Array {
  return predictSelectedValue(m.selection, X).map((v) => Math.max(0, v));
}
