/**
 * The design matrix of the linear models (logistic and ridge regression): each feature
 * standardised by the mean and standard deviation of the training rows,
 *   zⱼ = (xⱼ − meanⱼ)/sdⱼ,
 * a missing value set to the mean (z = 0), and, for a feature with missing values in the
 * training data, a missing-indicator column beside it, itself standardised. Features
 * without variation in the training data are left out (they could only be collinear with
 * the intercept). Means and standard deviations are weighted by the row weights, over the
 * rows where the feature is present.
 *
 * On the original scale the model reads η = b₀ + Σ bⱼxⱼ + Σ cⱼ·[xⱼ missing], with a missing
 * xⱼ taken as its training mean: bⱼ = βⱼ/sdⱼ, cⱼ = γⱼ/sd(indicatorⱼ) and
 * b₀ = β₀ − Σ βⱼ·meanⱼ/sdⱼ − Σ γⱼ·mean(indicatorⱼ)/sd(indicatorⱼ).
 */

import type { FeatureMatrix } from "./data.ts";

export interface Standardizer {
  /** The feature names the model was fitted on. */
  features: string[];
  /** Per design column: the feature it comes from (an index into `features`). */
  source: Int32Array;
  /** Per design column: 1 for the missing indicator of its feature, 0 for the value. */
  indicator: Uint8Array;
  /** Per design column: "x" or "x (missing)". */
  names: string[];
  mean: Float64Array;
  sd: Float64Array;
  /** Features left out: no variation in the training rows. */
  dropped: string[];
}

/** Means, standard deviations and missing indicators of the training rows. */
export function fitStandardizer(X: FeatureMatrix, weights?: Float64Array): Standardizer {
  const source: number[] = [];
  const indicator: number[] = [];
  const names: string[] = [];
  const mean: number[] = [];
  const sd: number[] = [];
  const dropped: string[] = [];
  let total = 0;
  for (let i = 0; i < X.n; i++) total += weights ? weights[i]! : 1;
  X.columns.forEach((col, j) => {
    let w = 0;
    let m = 0;
    for (let i = 0; i < X.n; i++) {
      const x = col[i]!;
      if (Number.isNaN(x)) continue;
      const wi = weights ? weights[i]! : 1;
      w += wi;
      if (w > 0) m += (wi / w) * (x - m); // running weighted mean (West 1979)
    }
    let ss = 0;
    for (let i = 0; i < X.n; i++) {
      const x = col[i]!;
      if (!Number.isNaN(x)) ss += (weights ? weights[i]! : 1) * (x - m) ** 2;
    }
    const s = w > 0 ? Math.sqrt(ss / w) : 0;
    const missingShare = total > 0 ? (total - w) / total : 0;
    if (!(s > 1e-12 * Math.max(1, Math.abs(m)))) {
      if (missingShare > 0 && missingShare < 1) {
        // A constant value that is sometimes missing: only the indicator says anything.
        pushIndicator(j, missingShare);
      } else dropped.push(X.names[j]!);
      return;
    }
    source.push(j);
    indicator.push(0);
    names.push(X.names[j]!);
    mean.push(m);
    sd.push(s);
    if (missingShare > 0) pushIndicator(j, missingShare);
  });
  function pushIndicator(j: number, q: number) {
    source.push(j);
    indicator.push(1);
    names.push(`${X.names[j]} (missing)`);
    mean.push(q);
    sd.push(Math.sqrt(q * (1 - q)));
  }
  return {
    features: X.names.slice(),
    source: Int32Array.from(source),
    indicator: Uint8Array.from(indicator),
    names,
    mean: Float64Array.from(mean),
    sd: Float64Array.from(sd),
    dropped,
  };
}

/** For each fitted feature, its column in X (by name); throws when one is absent. */
export function columnsByName(features: string[], X: FeatureMatrix): Float64Array[] {
  const at = new Map(X.names.map((name, j) => [name, j]));
  return features.map((name) => {
    const j = at.get(name);
    if (j === undefined) throw new RangeError(`feature "${name}" the model was fitted on is not in the data`);
    return X.columns[j]!;
  });
}

/** The standardised design columns of X (without the intercept). */
export function designColumns(std: Standardizer, X: FeatureMatrix): Float64Array[] {
  const cols = columnsByName(std.features, X);
  const Z: Float64Array[] = [];
  for (let k = 0; k < std.names.length; k++) {
    const col = cols[std.source[k]!]!;
    const m = std.mean[k]!;
    const s = std.sd[k]!;
    const z = new Float64Array(X.n);
    if (std.indicator[k] === 1) {
      const one = (1 - m) / s;
      const zero = -m / s;
      for (let i = 0; i < X.n; i++) z[i] = Number.isNaN(col[i]!) ? one : zero;
    } else {
      for (let i = 0; i < X.n; i++) {
        const x = col[i]!;
        z[i] = Number.isNaN(x) ? 0 : (x - m) / s;
      }
    }
    Z.push(z);
  }
  return Z;
}

/**
 * The linear map from standardised coefficients (β₀, β₁, …) to the original scale
 * (b₀, b₁, …), as a row-major matrix A with b = Aβ, so Cov(b) = A·Cov(β)·Aᵀ.
 */
export function toOriginalScale(std: Standardizer): Float64Array {
  const p = std.names.length + 1;
  const A = new Float64Array(p * p);
  A[0] = 1;
  for (let k = 0; k < std.names.length; k++) {
    A[k + 1] = -std.mean[k]! / std.sd[k]!;
    A[(k + 1) * p + k + 1] = 1 / std.sd[k]!;
  }
  return A;
}

/** b = Aβ and the standard errors √diag(A·C·Aᵀ) (C null: no standard errors, NaN). */
export function mapCoefficients(A: Float64Array, beta: Float64Array, C: Float64Array | null): { coefficients: Float64Array; standardErrors: Float64Array } {
  const p = beta.length;
  const b = new Float64Array(p);
  const se = new Float64Array(p).fill(NaN);
  for (let i = 0; i < p; i++) {
    let s = 0;
    for (let k = 0; k < p; k++) s += A[i * p + k]! * beta[k]!;
    b[i] = s;
    if (C) {
      let v = 0;
      for (let k = 0; k < p; k++) {
        const aik = A[i * p + k]!;
        if (aik === 0) continue;
        for (let l = 0; l < p; l++) v += aik * C[k * p + l]! * A[i * p + l]!;
      }
      se[i] = Math.sqrt(v);
    }
  }
  return { coefficients: b, standardErrors: se };
}
