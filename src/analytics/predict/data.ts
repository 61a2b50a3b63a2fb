/**
 * The data the models take: a column-major feature matrix (one Float64Array per feature,
 * NaN = missing), labels (Uint8Array of 0/1 for classification, Float64Array for
 * regression) and optional row weights; and the seeded splits the models use (k folds,
 * a hold-out part), stratified by label for classification so every part keeps the
 * overall positive rate.
 */

import type { Random } from "./random.ts";

/** Column-major features: columns[j][i] is feature j of row i; NaN means missing. */
export interface FeatureMatrix {
  n: number;
  names: string[];
  columns: Float64Array[];
}

/** A labelled set of rows. */
export interface Labelled<Y extends Uint8Array | Float64Array> {
  X: FeatureMatrix;
  y: Y;
  weights?: Float64Array;
}

/** Throws unless the matrix, labels and weights agree in shape and the weights are ≥ 0. */
export function checkData(X: FeatureMatrix, y?: Uint8Array | Float64Array, weights?: Float64Array): void {
  if (X.columns.length !== X.names.length) throw new RangeError(`${X.columns.length} columns but ${X.names.length} names`);
  for (let j = 0; j < X.columns.length; j++) {
    if (X.columns[j]!.length !== X.n) throw new RangeError(`column "${X.names[j]}" has ${X.columns[j]!.length} values, not n = ${X.n}`);
  }
  if (y !== undefined) {
    if (y.length !== X.n) throw new RangeError(`${y.length} labels for ${X.n} rows`);
    if (y instanceof Uint8Array) {
      for (let i = 0; i < y.length; i++) if (y[i]! > 1) throw new RangeError(`labels must be 0 or 1 (row ${i} is ${y[i]})`);
    } else {
      for (let i = 0; i < y.length; i++) if (!Number.isFinite(y[i]!)) throw new RangeError(`label of row ${i} is not a finite number`);
    }
  }
  if (weights !== undefined) {
    if (weights.length !== X.n) throw new RangeError(`${weights.length} weights for ${X.n} rows`);
    for (let i = 0; i < weights.length; i++) if (!(weights[i]! >= 0 && Number.isFinite(weights[i]!))) throw new RangeError(`weight of row ${i} must be finite and ≥ 0`);
  }
}

/** The rows `rows` of X, in that order. */
export function takeRows(X: FeatureMatrix, rows: ArrayLike<number>): FeatureMatrix {
  return { n: rows.length, names: X.names, columns: X.columns.map((c) => takeValues(c, rows)) };
}

/** a[rows[0]], a[rows[1]], … as the same kind of typed array. */
export function takeValues<T extends Float64Array | Uint8Array>(a: T, rows: ArrayLike<number>): T {
  const out = new (a.constructor as new (n: number) => T)(rows.length);
  for (let k = 0; k < rows.length; k++) out[k] = a[rows[k]!]!;
  return out;
}

/** The labelled rows `rows` of a set. */
export function takeLabelled<Y extends Uint8Array | Float64Array>(d: Labelled<Y>, rows: ArrayLike<number>): Labelled<Y> {
  return { X: takeRows(d.X, rows), y: takeValues(d.y, rows), ...(d.weights ? { weights: takeValues(d.weights, rows) } : {}) };
}

/** Row weights, or ones. */
export function weightsOrOnes(n: number, weights?: Float64Array): Float64Array {
  return weights ?? new Float64Array(n).fill(1);
}

/**
 * A fold 0 … k − 1 for each row, at random; with binary labels, stratified: the rows of
 * each class are shuffled and dealt round-robin, so folds differ in size by at most one
 * per class.
 */
export function assignFolds(n: number, k: number, random: Random, y?: Uint8Array): Uint8Array {
  if (!(Number.isInteger(k) && k >= 2 && k <= 255)) throw new RangeError(`folds must be a whole number from 2 to 255 (got ${k})`);
  const fold = new Uint8Array(n);
  const classes = y ? [0, 1] : [-1];
  let offset = 0;
  for (const c of classes) {
    const rows: number[] = [];
    for (let i = 0; i < n; i++) if (c < 0 || y![i] === c) rows.push(i);
    random.shuffle(rows);
    // Continue the round-robin where the previous class stopped, so fold sizes stay even.
    for (let r = 0; r < rows.length; r++) fold[rows[r]!] = (offset + r) % k;
    offset = (offset + rows.length) % k;
  }
  return fold;
}

/** Splits rows 0 … n − 1 into a part and a hold-out of about `fraction` of them (stratified with labels). */
export function holdoutSplit(n: number, fraction: number, random: Random, y?: Uint8Array): { fit: Int32Array; holdout: Int32Array } {
  if (!(fraction > 0 && fraction < 1)) throw new RangeError(`the hold-out fraction must be between 0 and 1 (got ${fraction})`);
  const fit: number[] = [];
  const holdout: number[] = [];
  for (const c of y ? [0, 1] : [-1]) {
    const rows: number[] = [];
    for (let i = 0; i < n; i++) if (c < 0 || y![i] === c) rows.push(i);
    random.shuffle(rows);
    const h = Math.round(rows.length * fraction);
    for (let r = 0; r < rows.length; r++) (r < h ? holdout : fit).push(rows[r]!);
  }
  fit.sort((a, b) => a - b);
  holdout.sort((a, b) => a - b);
  return { fit: Int32Array.from(fit), holdout: Int32Array.from(holdout) };
}

/** log(1 + eᶻ) without overflow. */
export function softplus(z: number): number {
  return z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
}

/** The logistic function 1/(1 + e⁻ᶻ). */
export function sigmoid(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}

/** log(p/(1 − p)), with p kept inside [1e-15, 1 − 1e-15]. */
export function logit(p: number): number {
  const q = Math.min(Math.max(p, 1e-15), 1 - 1e-15);
  return Math.log(q / (1 - q));
}
