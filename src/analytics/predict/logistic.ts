/**
 * Regularised logistic regression: P(y = 1 | x) = 1/(1 + e^(−η)), η = β₀ + Σ βⱼzⱼ on the
 * standardised design of design.ts, fitted by minimising the penalised mean deviance
 *   J(β) = (1/W)·Σᵢ wᵢ·[log(1 + e^ηᵢ) − yᵢηᵢ] + (λ/2)·Σⱼ≥₁ βⱼ²,   W = Σᵢ wᵢ
 * (the intercept is not penalised) by Newton's method, which for this loss is iteratively
 * reweighted least squares (McCullagh & Nelder, "Generalized Linear Models", 2nd ed., 1989,
 * ch. 2 and 4; Hastie, Tibshirani & Friedman, "The Elements of Statistical Learning", 2nd
 * ed., 2009, §4.4.1, eq. 4.26): gradient g = (1/W)·Xᵀ(w∘(p − y)) + λβ, Hessian
 * H = (1/W)·XᵀVX + λI′ with V = diag(wᵢpᵢ(1 − pᵢ)), step d = −H⁻¹g, halved until J falls
 * by at least 10⁻⁴ of the predicted decrease (Armijo backtracking; Nocedal & Wright,
 * "Numerical Optimization", 2nd ed., 2006, §3.1). Stops when the Newton decrement −gᵀd/2
 * is below the tolerance.
 *
 * λ is given, or chosen by k-fold cross-validation (default 5 folds, stratified by label)
 * on the held-out log loss over a grid (default 10⁰, 10^−0.5, …, 10⁻⁵), each fold
 * standardised on its own training rows and fitted along the grid from large λ to small
 * with warm starts (Friedman, Hastie & Tibshirani 2010, "Regularization paths for
 * generalized linear models via coordinate descent", J. Stat. Softw. 33(1), whose scaling
 * of λ this is). Above `cvMaxRows` rows, λ is chosen on a seeded random subset of that
 * size (with many rows the penalty matters little) and the final fit uses every row.
 *
 * With λ = 0 this is maximum likelihood and reproduces R's glm(y ~ x, binomial): the
 * standard errors are √diag((W·H)⁻¹), the inverse Fisher information, mapped to the
 * original scale by the linear map of design.ts. With λ > 0 they are the same expression
 * with the penalty in H (the curvature of the penalised likelihood), a Bayesian-style
 * measure of spread, not a frequentist standard error.
 */

import { assignFolds, checkData, softplus, sigmoid, takeRows, takeValues, type FeatureMatrix } from "./data.ts";
import { designColumns, fitStandardizer, mapCoefficients, toOriginalScale, type Standardizer } from "./design.ts";
import { cholesky, choleskyInverse, choleskySolve, crossProduct, linearPredictor } from "./linalg.ts";
import { DEFAULT_SEED, Random } from "./random.ts";

export interface LogisticOptions {
  /** The L2 penalty λ (≥ 0), or "cv" to choose it by cross-validation. Default "cv". */
  lambda?: number | "cv";
  /** The grid searched by cross-validation. Default 10⁰, 10^−0.5, …, 10⁻⁵. */
  lambdas?: number[];
  /** Cross-validation folds. Default 5. */
  folds?: number;
  /** Rows used to choose λ at most (a seeded subset above it). Default 50,000. */
  cvMaxRows?: number;
  weights?: Float64Array;
  seed?: number;
  /** Newton iterations at most. Default 100. */
  maxIterations?: number;
  /** Stop when the Newton decrement is below this. Default 1e-12. */
  tolerance?: number;
}

export interface Coefficient {
  name: string;
  estimate: number;
  standardError: number;
  /** estimate / standardError. */
  z: number;
}

export interface LogisticModel {
  kind: "logistic";
  standardizer: Standardizer;
  lambda: number;
  /** On the standardised scale: β₀ then one per design column (standardizer.names). */
  beta: Float64Array;
  /** Standard errors of beta. */
  betaStandardErrors: Float64Array;
  /** On the original scale: "(Intercept)", then one per design column. */
  coefficients: Coefficient[];
  deviance: number;
  nullDeviance: number;
  iterations: number;
  converged: boolean;
  /** Cross-validated log loss per λ (null when λ was given). */
  cv: { lambda: number; logLoss: number; standardError: number }[] | null;
}

const DEFAULT_LAMBDAS = Array.from({ length: 11 }, (_, k) => 10 ** (-k / 2));

interface NewtonResult {
  beta: Float64Array;
  /** H at beta when converged (at the last β tried otherwise). */
  hessian: Float64Array;
  iterations: number;
  converged: boolean;
}

/** J(β) of the header for design Z. */
function objective(Z: Float64Array[], y: Uint8Array, w: Float64Array, W: number, lambda: number, beta: Float64Array): number {
  const eta = linearPredictor(Z, beta, y.length);
  let s = 0;
  for (let i = 0; i < y.length; i++) s += w[i]! * (softplus(eta[i]!) - (y[i] === 1 ? eta[i]! : 0));
  let pen = 0;
  for (let j = 1; j < beta.length; j++) pen += beta[j]! ** 2;
  return s / W + (lambda / 2) * pen;
}

/** Newton's method with backtracking from `start`. */
function newton(Z: Float64Array[], y: Uint8Array, w: Float64Array, lambda: number, start: Float64Array, maxIterations: number, tolerance: number): NewtonResult {
  const n = y.length;
  const p = Z.length + 1;
  let W = 0;
  for (let i = 0; i < n; i++) W += w[i]!;
  let beta: Float64Array = Float64Array.from(start);
  let J = objective(Z, y, w, W, lambda, beta);
  const v = new Float64Array(n);
  const r = new Float64Array(n);
  let H: Float64Array = new Float64Array(p * p);
  for (let it = 1; it <= maxIterations; it++) {
    const eta = linearPredictor(Z, beta, n);
    for (let i = 0; i < n; i++) {
      const pi = sigmoid(eta[i]!);
      v[i] = (w[i]! * pi * (1 - pi)) / W;
      r[i] = (w[i]! * (pi - y[i]!)) / W;
    }
    H = crossProduct(Z, v);
    const g = new Float64Array(p);
    for (let i = 0; i < n; i++) g[0]! += r[i]!;
    for (let j = 1; j < p; j++) {
      const zj = Z[j - 1]!;
      let s = 0;
      for (let i = 0; i < n; i++) s += r[i]! * zj[i]!;
      g[j] = s + lambda * beta[j]!;
      H[j * p + j]! += lambda;
    }
    const L = factor(H, p);
    const d = choleskySolve(L, p, g);
    let slope = 0;
    for (let j = 0; j < p; j++) {
      d[j] = -d[j]!;
      slope += g[j]! * d[j]!;
    }
    if (-slope / 2 < tolerance) return { beta, hessian: H, iterations: it - 1, converged: true };
    let t = 1;
    let next = beta;
    let Jn = J;
    for (let halving = 0; halving < 40; halving++, t /= 2) {
      next = beta.map((b, j) => b + t * d[j]!);
      Jn = objective(Z, y, w, W, lambda, next);
      if (Jn <= J + 1e-4 * t * slope) break;
    }
    if (!(Jn < J)) return { beta, hessian: H, iterations: it, converged: -slope / 2 < 1e3 * tolerance };
    beta = next;
    J = Jn;
  }
  return { beta, hessian: H, iterations: maxIterations, converged: false };
}

/** Cholesky of H, nudging the diagonal when collinear columns make it singular. */
function factor(H: Float64Array, p: number): Float64Array {
  let L = cholesky(H, p);
  for (let jitter = 1e-12; L === null && jitter < 1; jitter *= 100) {
    const Hj = Float64Array.from(H);
    for (let j = 0; j < p; j++) Hj[j * p + j]! += jitter * Math.max(1e-300, Hj[j * p + j]!);
    L = cholesky(Hj, p);
  }
  if (L === null) throw new RangeError("the logistic model's information matrix is singular (collinear or constant features)");
  return L;
}

function startAt(y: Uint8Array, w: Float64Array, p: number): Float64Array {
  let W = 0;
  let S = 0;
  for (let i = 0; i < y.length; i++) {
    W += w[i]!;
    S += w[i]! * y[i]!;
  }
  if (!(S > 0 && S < W)) throw new RangeError("logistic regression needs both classes among the weighted training rows");
  const beta = new Float64Array(p);
  beta[0] = Math.log(S / (W - S));
  return beta;
}

/** Held-out log loss per λ of the grid, by k-fold cross-validation. */
function crossValidate(X: FeatureMatrix, y: Uint8Array, w: Float64Array, lambdas: number[], k: number, random: Random, maxIterations: number, tolerance: number) {
  const grid = lambdas.slice().sort((a, b) => b - a);
  const fold = assignFolds(X.n, k, random, y);
  const losses = grid.map(() => new Float64Array(k));
  const weights = new Float64Array(k);
  for (let f = 0; f < k; f++) {
    const train: number[] = [];
    const test: number[] = [];
    for (let i = 0; i < X.n; i++) (fold[i] === f ? test : train).push(i);
    const wTrain = takeValues(w, train);
    const yTrain = takeValues(y, train);
    const std = fitStandardizer(takeRows(X, train), wTrain);
    const Z = designColumns(std, takeRows(X, train));
    const Zt = designColumns(std, takeRows(X, test));
    let beta = startAt(yTrain, wTrain, Z.length + 1);
    grid.forEach((lambda, g) => {
      beta = newton(Z, yTrain, wTrain, lambda, beta, maxIterations, tolerance).beta;
      const eta = linearPredictor(Zt, beta, test.length);
      let s = 0;
      let W = 0;
      test.forEach((i, t) => {
        s += w[i]! * (softplus(eta[t]!) - (y[i] === 1 ? eta[t]! : 0));
        W += w[i]!;
      });
      losses[g]![f] = s / W;
      weights[f] = W;
    });
  }
  const Wt = weights.reduce((a, b) => a + b, 0);
  return grid.map((lambda, g) => {
    const l = losses[g]!;
    let mean = 0;
    for (let f = 0; f < k; f++) mean += (weights[f]! / Wt) * l[f]!;
    let ss = 0;
    for (let f = 0; f < k; f++) ss += (l[f]! - mean) ** 2;
    return { lambda, logLoss: mean, standardError: Math.sqrt(ss / (k - 1) / k) };
  });
}

/** Fits the logistic model of the header; y is 0/1. */
export function fitLogistic(X: FeatureMatrix, y: Uint8Array, options: LogisticOptions = {}): LogisticModel {
  checkData(X, y, options.weights);
  const w = options.weights ?? new Float64Array(X.n).fill(1);
  const maxIterations = options.maxIterations ?? 100;
  const tolerance = options.tolerance ?? 1e-12;
  let lambda = options.lambda ?? "cv";
  let cv: LogisticModel["cv"] = null;
  if (lambda === "cv") {
    const random = new Random(options.seed ?? DEFAULT_SEED, 11);
    const cap = options.cvMaxRows ?? 50_000;
    let Xc = X;
    let yc = y;
    let wc = w;
    if (X.n > cap) {
      const rows = random.shuffle(Int32Array.from({ length: X.n }, (_, i) => i)).subarray(0, cap).sort();
      Xc = takeRows(X, rows);
      yc = takeValues(y, rows);
      wc = takeValues(w, rows);
    }
    // Choosing λ needs the held-out loss to a few digits, not the optimum to twelve.
    cv = crossValidate(Xc, yc, wc, options.lambdas ?? DEFAULT_LAMBDAS, options.folds ?? 5, random, maxIterations, Math.max(tolerance, 1e-8));
    lambda = cv.reduce((best, c) => (c.logLoss < best.logLoss ? c : best)).lambda;
  }
  if (!(lambda >= 0 && Number.isFinite(lambda))) throw new RangeError(`lambda must be a finite number ≥ 0 (got ${lambda})`);
  const std = fitStandardizer(X, options.weights);
  const Z = designColumns(std, X);
  const p = Z.length + 1;
  const fit = newton(Z, y, w, lambda, startAt(y, w, p), maxIterations, tolerance);
  const beta = fit.beta;

  let W = 0;
  let S = 0;
  for (let i = 0; i < X.n; i++) {
    W += w[i]!;
    S += w[i]! * y[i]!;
  }
  const eta = linearPredictor(Z, beta, X.n);
  const v = new Float64Array(X.n);
  let deviance = 0;
  for (let i = 0; i < X.n; i++) {
    const pi = sigmoid(eta[i]!);
    v[i] = w[i]! * pi * (1 - pi);
    deviance += 2 * w[i]! * (softplus(eta[i]!) - (y[i] === 1 ? eta[i]! : 0));
  }
  // The information matrix W·H at the solution: newton's own H when it stopped there.
  let info: Float64Array;
  if (fit.converged) info = fit.hessian.map((h) => h * W);
  else {
    info = crossProduct(Z, v);
    for (let j = 1; j < p; j++) info[j * p + j]! += W * lambda;
  }
  const cov = choleskyInverse(factor(info, p), p);
  const betaSe = new Float64Array(p);
  for (let j = 0; j < p; j++) betaSe[j] = Math.sqrt(cov[j * p + j]!);
  const original = mapCoefficients(toOriginalScale(std), beta, cov);
  const ybar = S / W;
  const nullDeviance = -2 * (S * Math.log(ybar) + (W - S) * Math.log(1 - ybar));
  return {
    kind: "logistic",
    standardizer: std,
    lambda,
    beta,
    betaStandardErrors: betaSe,
    coefficients: ["(Intercept)", ...std.names].map((name, j) => ({
      name,
      estimate: original.coefficients[j]!,
      standardError: original.standardErrors[j]!,
      z: original.coefficients[j]! / original.standardErrors[j]!,
    })),
    deviance,
    nullDeviance,
    iterations: fit.iterations,
    converged: fit.converged,
    cv,
  };
}

/** The log-odds η of each row of X. */
export function logisticLogOdds(model: LogisticModel, X: FeatureMatrix): Float64Array {
  return linearPredictor(designColumns(model.standardizer, X), model.beta, X.n);
}

/** P(y = 1) for each row of X. */
export function logisticProbabilities(model: LogisticModel, X: FeatureMatrix): Float64Array {
  return logisticLogOdds(model, X).map(sigmoid);
}
