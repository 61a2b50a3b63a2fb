/**
 * Ridge regression (Hoerl & Kennard 1970, "Ridge regression: biased estimation for
 * nonorthogonal problems", Technometrics 12(1); Hastie, Tibshirani & Friedman, "The Elements
 * of Statistical Learning", 2nd ed., 2009, §3.4.1, eq. 3.44): on the standardised design of
 * design.ts, minimise
 *   (1/2W)·Σᵢ wᵢ(yᵢ − β₀ − Σⱼ βⱼzᵢⱼ)² + (λ/2)·Σⱼ≥₁ βⱼ²,
 * whose Newton step is exact: (XᵀVX + W·λI′)β = XᵀVy, V = diag(w), I′ the identity without
 * the intercept. λ = 0 is ordinary (weighted) least squares and reproduces R's lm.
 *
 * λ is given or chosen by k-fold cross-validation on the held-out mean squared error over
 * the grid 0, 10⁻⁵, 10^−4.5, …, 10⁰ (one factorisation per fold and λ).
 *
 * Standard errors: σ̂² = Σwᵢrᵢ²/(n − p) (n rows with a positive weight, p coefficients) and
 * Cov(β̂) = σ̂²·A⁻¹(XᵀVX)A⁻¹ with A = XᵀVX + WλI′, the sampling variance at a fixed λ
 * (Hoerl & Kennard 1970), which is σ̂²(XᵀVX)⁻¹ when λ = 0 as in lm.
 */

import { assignFolds, checkData, takeRows, takeValues, type FeatureMatrix } from "./data.ts";
import { designColumns, fitStandardizer, mapCoefficients, toOriginalScale, type Standardizer } from "./design.ts";
import { cholesky, choleskyInverse, choleskySolve, crossProduct, linearPredictor } from "./linalg.ts";
import type { Coefficient } from "./logistic.ts";
import { DEFAULT_SEED, Random } from "./random.ts";

export interface RidgeOptions {
  /** The L2 penalty λ (≥ 0), or "cv" to choose it by cross-validation. Default "cv". */
  lambda?: number | "cv";
  /** The grid searched by cross-validation. Default 0, 10⁻⁵, …, 10⁰ (half-decade steps). */
  lambdas?: number[];
  /** Cross-validation folds. Default 5. */
  folds?: number;
  weights?: Float64Array;
  seed?: number;
}

export interface RidgeModel {
  kind: "ridge";
  standardizer: Standardizer;
  lambda: number;
  /** On the standardised scale: β₀ then one per design column. */
  beta: Float64Array;
  /** On the original scale: "(Intercept)", then one per design column. */
  coefficients: Coefficient[];
  /** Residual standard error σ̂. */
  sigma: number;
  /** R² on the training rows. */
  r2: number;
  /** Cross-validated mean squared error per λ (null when λ was given). */
  cv: { lambda: number; mse: number; standardError: number }[] | null;
}

const DEFAULT_LAMBDAS = [0, ...Array.from({ length: 11 }, (_, k) => 10 ** (-k / 2))];

/** The normal equations' matrix XᵀVX and right side XᵀVy. */
function normalEquations(Z: Float64Array[], y: Float64Array, w: Float64Array) {
  const A = crossProduct(Z, w);
  const b = new Float64Array(Z.length + 1);
  for (let i = 0; i < y.length; i++) b[0]! += w[i]! * y[i]!;
  for (let j = 0; j < Z.length; j++) {
    const zj = Z[j]!;
    let s = 0;
    for (let i = 0; i < y.length; i++) s += w[i]! * zj[i]! * y[i]!;
    b[j + 1] = s;
  }
  return { A, b };
}

function solve(A: Float64Array, b: Float64Array, penalty: number): { beta: Float64Array; L: Float64Array } {
  const p = b.length;
  const Ap = Float64Array.from(A);
  for (let j = 1; j < p; j++) Ap[j * p + j]! += penalty;
  let L = cholesky(Ap, p);
  // Exactly collinear columns with λ = 0: the least-norm direction of a tiny ridge.
  for (let jitter = 1e-10; L === null && jitter < 1; jitter *= 100) {
    for (let j = 1; j < p; j++) Ap[j * p + j]! += jitter * A[0]!;
    L = cholesky(Ap, p);
  }
  if (L === null) throw new RangeError("the ridge normal equations are singular");
  return { beta: choleskySolve(L, p, b), L };
}

/** Fits the ridge model of the header. */
export function fitRidge(X: FeatureMatrix, y: Float64Array, options: RidgeOptions = {}): RidgeModel {
  checkData(X, y, options.weights);
  const w = options.weights ?? new Float64Array(X.n).fill(1);
  let lambda = options.lambda ?? "cv";
  let cv: RidgeModel["cv"] = null;
  if (lambda === "cv") {
    const grid = options.lambdas ?? DEFAULT_LAMBDAS;
    const k = options.folds ?? 5;
    const fold = assignFolds(X.n, k, new Random(options.seed ?? DEFAULT_SEED, 12));
    const sse = grid.map(() => new Float64Array(k));
    const wt = new Float64Array(k);
    for (let f = 0; f < k; f++) {
      const train: number[] = [];
      const test: number[] = [];
      for (let i = 0; i < X.n; i++) (fold[i] === f ? test : train).push(i);
      const wTrain = takeValues(w, train);
      const std = fitStandardizer(takeRows(X, train), wTrain);
      const { A, b } = normalEquations(designColumns(std, takeRows(X, train)), takeValues(y, train), wTrain);
      const Zt = designColumns(std, takeRows(X, test));
      grid.forEach((l, g) => {
        const { beta } = solve(A, b, A[0]! * l);
        const yhat = linearPredictor(Zt, beta, test.length);
        let s = 0;
        let W = 0;
        test.forEach((i, t) => {
          s += w[i]! * (y[i]! - yhat[t]!) ** 2;
          W += w[i]!;
        });
        sse[g]![f] = s / W;
        wt[f] = W;
      });
    }
    const Wt = wt.reduce((a, c) => a + c, 0);
    cv = grid.map((l, g) => {
      let mean = 0;
      for (let f = 0; f < k; f++) mean += (wt[f]! / Wt) * sse[g]![f]!;
      let ss = 0;
      for (let f = 0; f < k; f++) ss += (sse[g]![f]! - mean) ** 2;
      return { lambda: l, mse: mean, standardError: Math.sqrt(ss / (k - 1) / k) };
    });
    lambda = cv.reduce((best, c) => (c.mse < best.mse ? c : best)).lambda;
  }
  if (!(lambda >= 0 && Number.isFinite(lambda))) throw new RangeError(`lambda must be a finite number ≥ 0 (got ${lambda})`);
  const std = fitStandardizer(X, options.weights);
  const Z = designColumns(std, X);
  const p = Z.length + 1;
  const { A, b } = normalEquations(Z, y, w);
  const { beta, L } = solve(A, b, A[0]! * lambda);
  const yhat = linearPredictor(Z, beta, X.n);
  let rss = 0;
  let W = 0;
  let ybar = 0;
  let positive = 0;
  for (let i = 0; i < X.n; i++) {
    rss += w[i]! * (y[i]! - yhat[i]!) ** 2;
    W += w[i]!;
    ybar += w[i]! * y[i]!;
    if (w[i]! > 0) positive++;
  }
  ybar /= W;
  let tss = 0;
  for (let i = 0; i < X.n; i++) tss += w[i]! * (y[i]! - ybar) ** 2;
  const sigma2 = positive > p ? rss / (positive - p) : NaN;
  // Cov = σ²·A⁻¹(XᵀVX)A⁻¹, A the penalised matrix.
  const Ainv = choleskyInverse(L, p);
  const cov = new Float64Array(p * p);
  const tmp = new Float64Array(p * p);
  for (let i = 0; i < p; i++) for (let j = 0; j < p; j++) {
    let s = 0;
    for (let k = 0; k < p; k++) s += Ainv[i * p + k]! * A[k * p + j]!;
    tmp[i * p + j] = s;
  }
  for (let i = 0; i < p; i++) for (let j = 0; j < p; j++) {
    let s = 0;
    for (let k = 0; k < p; k++) s += tmp[i * p + k]! * Ainv[k * p + j]!;
    cov[i * p + j] = sigma2 * s;
  }
  const original = mapCoefficients(toOriginalScale(std), beta, cov);
  return {
    kind: "ridge",
    standardizer: std,
    lambda,
    beta,
    coefficients: ["(Intercept)", ...std.names].map((name, j) => ({
      name,
      estimate: original.coefficients[j]!,
      standardError: original.standardErrors[j]!,
      z: original.coefficients[j]! / original.standardErrors[j]!,
    })),
    sigma: Math.sqrt(sigma2),
    r2: tss > 0 ? 1 - rss / tss : NaN,
    cv,
  };
}

/** The predicted value of each row of X. */
export function ridgePredict(model: RidgeModel, X: FeatureMatrix): Float64Array {
  return linearPredictor(designColumns(model.standardizer, X), model.beta, X.n);
}
