/**
 * Preparing features for distances: an optional log1p, then z-scores with the training mean
 * and standard deviation, and the mean for a missing value. Distances (k-means, silhouette,
 * look-alike) weigh every feature by its spread, so a feature measured in yuan does not
 * drown one measured in orders.
 *
 * - log1p(x) = ln(1 + x), chosen per column by the caller, for non-negative right-skewed
 *   features (money, counts): on the raw scale a few very large customers would make the
 *   whole distance (Tukey 1977, "Exploratory Data Analysis", ch. 3, on re-expressing skewed
 *   counts and amounts by logs; the +1 keeps zeros finite).
 * - z = (t(x) − mean) / sd, mean and sd (with n − 1, as R's `scale`) of the transformed
 *   training values, missing values left out; a column whose observed values are all equal
 *   (sd 0), or that is missing everywhere, is dropped and reported.
 * - A missing value becomes the training mean (z = 0): it adds nothing to a distance. How
 *   many were imputed, per column, is reported.
 *
 * The fitted `Standardizer` is a plain object: it is applied unchanged to other rows (new
 * customers, prospects), and turns a centre back to the original scale (expm1 for a log1p
 * column, so such a centre is a geometric-type mean, not the arithmetic one).
 */

import { checkMatrix, type FeatureMatrix } from "./matrix.ts";

export interface ScaleOptions {
  /** Features to log1p-transform first (non-negative and skewed: money, counts). */
  log1p?: readonly string[];
  /** Divide by the sd after centring (default true); false keeps the (log1p) values as they are, only imputed. */
  zscore?: boolean;
}

export interface DroppedFeature {
  feature: string;
  /** "constant": every observed value is the same (sd 0); "missing": no value at all. */
  reason: "constant" | "missing";
}

export interface Standardizer {
  /** The features kept, in order: the columns of the prepared matrix. */
  names: string[];
  /** For each kept feature, its column in the training matrix. */
  source: number[];
  log1p: boolean[];
  zscore: boolean;
  /** Mean and sd (n − 1) of the transformed training values, missing left out. */
  mean: Float64Array;
  sd: Float64Array;
  /** Arithmetic mean of the original training values (before log1p), missing left out. */
  rawMean: Float64Array;
  /** Missing training values of each kept feature, replaced by its mean. */
  imputed: number[];
  dropped: DroppedFeature[];
  /** Training rows. */
  n: number;
}

export interface Prepared {
  /** Kept features only, transformed; no NaN left. */
  data: FeatureMatrix;
  /** Missing values replaced, per kept feature. */
  imputed: number[];
}

function transformValue(x: number, log: boolean, feature: string, row: number): number {
  if (!log) return x;
  if (x < 0) throw new RangeError(`feature "${feature}" is ${x} at row ${row}: log1p is only for non-negative features (money, counts)`);
  return Math.log1p(x);
}

/** Fits the preparation on training rows: which features stay, their means and sds. */
export function fitStandardizer(m: FeatureMatrix, options: ScaleOptions = {}): Standardizer {
  checkMatrix(m);
  const logSet = new Set(options.log1p ?? []);
  for (const name of logSet) if (!m.names.includes(name)) throw new RangeError(`log1p names "${name}", which is not a feature (features: ${m.names.join(", ")})`);
  const s: Standardizer = {
    names: [], source: [], log1p: [], zscore: options.zscore ?? true,
    mean: new Float64Array(0), sd: new Float64Array(0), rawMean: new Float64Array(0),
    imputed: [], dropped: [], n: m.n,
  };
  const mean: number[] = [];
  const sd: number[] = [];
  const rawMean: number[] = [];
  const t = new Float64Array(m.n); // one column's transformed values, reused
  m.columns.forEach((col, j) => {
    const feature = m.names[j]!;
    const log = logSet.has(feature);
    let count = 0;
    let sum = 0;
    let rawSum = 0;
    let min = Infinity;
    let max = -Infinity;
    for (let i = 0; i < m.n; i++) {
      const x = col[i]!;
      if (Number.isNaN(x)) continue;
      const v = transformValue(x, log, feature, i);
      t[count++] = v;
      sum += v;
      rawSum += x;
      if (v < min) min = v;
      if (v > max) max = v;
    }
    if (count === 0) return void s.dropped.push({ feature, reason: "missing" });
    if (min === max) return void s.dropped.push({ feature, reason: "constant" });
    const mu = sum / count;
    let ss = 0;
    for (let c = 0; c < count; c++) ss += (t[c]! - mu) * (t[c]! - mu);
    s.names.push(feature);
    s.source.push(j);
    s.log1p.push(log);
    s.imputed.push(m.n - count);
    mean.push(mu);
    sd.push(Math.sqrt(ss / (count - 1)));
    rawMean.push(rawSum / count);
  });
  s.mean = Float64Array.from(mean);
  s.sd = Float64Array.from(sd);
  s.rawMean = Float64Array.from(rawMean);
  return s;
}

/** Prepares any rows with a fitted standardizer; features are found by name. */
export function applyStandardizer(s: Standardizer, m: FeatureMatrix): Prepared {
  checkMatrix(m);
  const imputed: number[] = [];
  const columns = s.names.map((feature, f) => {
    const j = m.names.indexOf(feature);
    if (j < 0) throw new RangeError(`the rows have no feature "${feature}" (they have: ${m.names.join(", ")})`);
    const col = m.columns[j]!;
    const mu = s.mean[f]!;
    const scale = s.zscore ? 1 / s.sd[f]! : 1;
    const shift = s.zscore ? mu : 0;
    const log = s.log1p[f]!;
    const out = new Float64Array(m.n);
    let missing = 0;
    for (let i = 0; i < m.n; i++) {
      const x = col[i]!;
      if (Number.isNaN(x)) {
        missing++;
        out[i] = (mu - shift) * scale;
      } else out[i] = (transformValue(x, log, feature, i) - shift) * scale;
    }
    imputed.push(missing);
    return out;
  });
  return { data: { n: m.n, names: [...s.names], columns }, imputed };
}

/** Fits on the rows and prepares the same rows. */
export function standardize(m: FeatureMatrix, options: ScaleOptions = {}): Prepared & { standardizer: Standardizer } {
  const standardizer = fitStandardizer(m, options);
  return { standardizer, ...applyStandardizer(standardizer, m) };
}

/** A point of the prepared scale (one value per kept feature) back on the original scale. */
export function toOriginalScale(s: Standardizer, point: ArrayLike<number>): Float64Array {
  if (point.length !== s.names.length) throw new RangeError(`${point.length} values for ${s.names.length} features`);
  const out = new Float64Array(point.length);
  for (let f = 0; f < point.length; f++) {
    const t = s.zscore ? point[f]! * s.sd[f]! + s.mean[f]! : point[f]!;
    out[f] = s.log1p[f] ? Math.expm1(t) : t;
  }
  return out;
}
