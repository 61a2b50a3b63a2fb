/**
 * The weighted satisfaction index over the satisfaction factors of DOMAIN.md §7 (service
 * content, company image, care, attitude, procedures, …): each factor's weight derived
 * from how strongly it moves overall satisfaction, and the index on 0–100
 * (docs/surveys.md, "Satisfaction index").
 */
import { cholesky, choleskySolve } from "../predict/linalg.ts";

export interface DerivedWeights {
  /** One per factor, ≥ 0, summing to 1. */
  weights: number[];
  /** The regression's slope per factor (overall-satisfaction units per factor unit). */
  coefficients: number[];
  intercept: number;
  /** R² of the regression on the complete answers; null when overall never varies. */
  r2: number | null;
  /** Complete answers (every factor and the overall score given) the regression used. */
  n: number;
  /** "equal" when no factor has a positive slope and the weights fall back to 1/k each. */
  method: "regression" | "equal";
}

/**
 * Below this share of its variance left unexplained by the factors before it, a factor is
 * taken as a combination of them: its slope could not be told apart from theirs.
 */
const COLLINEAR = 1e-10;

/**
 * Derived importance weights: the ordinary least-squares regression of overall satisfaction
 * on the factor scores, with an intercept, over the complete answers (rows with no NaN),
 *   overallᵢ = b₀ + Σⱼ bⱼ·factorᵢⱼ + εᵢ,
 * solved by the Cholesky factorisation of the centred and unit-scaled normal equations
 * (the correlation matrix; Golub & Van Loan, "Matrix Computations", 4th ed., §4.2 and §5.3).
 * wⱼ = max(bⱼ, 0) ÷ Σₖ max(bₖ, 0): a factor with a negative slope gets weight 0 (better
 * scores on it do not go with more overall satisfaction once the others are held fixed);
 * when no slope is positive the weights are equal, method "equal". RangeError when the
 * rows are ragged, when there are no more than k + 1 complete answers for k factors, or when
 * the factors are collinear (a constant factor, or one a combination of others).
 */
export function deriveWeights(factors: number[][], overall: number[]): DerivedWeights {
  if (factors.length !== overall.length) throw new RangeError(`deriveWeights: ${factors.length} rows of factor scores but ${overall.length} overall scores`);
  const k = factors[0]?.length ?? 0;
  if (k === 0) throw new RangeError("deriveWeights: no factors");
  const rows: number[] = [];
  for (let i = 0; i < factors.length; i++) {
    const f = factors[i]!;
    if (f.length !== k) throw new RangeError(`deriveWeights: row ${i} has ${f.length} factor scores, the first has ${k}`);
    const y = overall[i]!;
    if (Number.isNaN(y) || f.some((x) => Number.isNaN(x))) continue;
    if (!Number.isFinite(y) || f.some((x) => !Number.isFinite(x))) throw new RangeError(`deriveWeights: row ${i} has an infinite score`);
    rows.push(i);
  }
  const n = rows.length;
  if (n <= k + 1) throw new RangeError(`deriveWeights: ${k} factors need more than ${k + 1} complete answers, got ${n}`);

  const xbar = new Float64Array(k);
  let ybar = 0;
  for (const i of rows) {
    ybar += overall[i]!;
    for (let j = 0; j < k; j++) xbar[j]! += factors[i]![j]!;
  }
  ybar /= n;
  for (let j = 0; j < k; j++) xbar[j]! /= n;
  // Centred cross-products S = XcᵀXc and s = Xcᵀyc.
  const S = new Float64Array(k * k);
  const s = new Float64Array(k);
  let sst = 0;
  const x = new Float64Array(k);
  for (const i of rows) {
    const y = overall[i]! - ybar;
    sst += y * y;
    for (let j = 0; j < k; j++) x[j] = factors[i]![j]! - xbar[j]!;
    for (let j = 0; j < k; j++) {
      s[j]! += x[j]! * y;
      for (let l = 0; l <= j; l++) S[j * k + l]! += x[j]! * x[l]!;
    }
  }
  // Scale to the correlation matrix, so the factorisation's pivots are 1 − R² of each factor on the ones before it.
  const d = new Float64Array(k);
  for (let j = 0; j < k; j++) {
    const v = S[j * k + j]!;
    if (!(v > 0)) throw new RangeError(`deriveWeights: factor ${j} has the same score in every complete answer, so its weight cannot be estimated`);
    d[j] = 1 / Math.sqrt(v);
  }
  const C = new Float64Array(k * k);
  for (let j = 0; j < k; j++) {
    for (let l = 0; l <= j; l++) C[j * k + l] = C[l * k + j] = S[j * k + l]! * d[j]! * d[l]!;
  }
  const L = cholesky(C, k);
  if (L === null || Array.from({ length: k }, (_, j) => L[j * k + j]! ** 2).some((p) => p < COLLINEAR)) {
    throw new RangeError("deriveWeights: the factor scores are collinear (one is a combination of others), so their weights cannot be told apart");
  }
  const gamma = choleskySolve(L, k, s.map((v, j) => v * d[j]!));
  const coefficients = Array.from(gamma, (g, j) => g * d[j]!);
  const intercept = coefficients.reduce((a, b, j) => a - b * xbar[j]!, ybar);

  let sse = 0;
  for (const i of rows) {
    let fit = intercept;
    for (let j = 0; j < k; j++) fit += coefficients[j]! * factors[i]![j]!;
    sse += (overall[i]! - fit) ** 2;
  }
  const r2 = sst > 0 ? Math.max(0, 1 - sse / sst) : null;

  const positive = coefficients.map((b) => (b > 0 ? b : 0));
  const total = positive.reduce((a, b) => a + b, 0);
  return total > 0
    ? { weights: positive.map((b) => b / total), coefficients, intercept, r2, n, method: "regression" }
    : { weights: coefficients.map(() => 1 / k), coefficients, intercept, r2, n, method: "equal" };
}

/**
 * The satisfaction index on 0–100: 100 × Σᵢ wᵢ·(meanᵢ − min)/(max − min), each factor's
 * mean score rescaled from the answer scale to 0–1 and weighted — a weighted mean of the
 * factors put on the 0–100 scale, as the American Customer Satisfaction Index reports its
 * indices (Fornell, Johnson, Anderson, Cha & Bryant 1996, "The American Customer
 * Satisfaction Index: nature, purpose, and findings", J. Marketing 60(4):7–18). The weights
 * must be ≥ 0 and sum to 1 (±1e-9); a mean outside [min, max] is a RangeError.
 */
export function satisfactionIndex(factorMeans: number[], weights: number[], scale: { min: number; max: number }): number {
  const { min, max } = scale;
  if (!(Number.isFinite(min) && Number.isFinite(max) && min < max)) throw new RangeError(`satisfactionIndex: the scale needs min < max (got ${min}, ${max})`);
  if (factorMeans.length !== weights.length || weights.length === 0) throw new RangeError(`satisfactionIndex: ${factorMeans.length} means for ${weights.length} weights`);
  if (weights.some((w) => !(w >= 0 && Number.isFinite(w)))) throw new RangeError(`satisfactionIndex: weights must be ≥ 0 (got ${weights.join(", ")})`);
  const sum = weights.reduce((a, b) => a + b, 0);
  if (Math.abs(sum - 1) > 1e-9) throw new RangeError(`satisfactionIndex: the weights sum to ${sum}, not 1`);
  const slack = 1e-9 * (max - min);
  let index = 0;
  for (let i = 0; i < weights.length; i++) {
    const m = factorMeans[i]!;
    if (!(m >= min - slack && m <= max + slack)) throw new RangeError(`satisfactionIndex: mean ${m} of factor ${i} lies outside the scale ${min}–${max}`);
    index += weights[i]! * ((m - min) / (max - min));
  }
  return Math.min(100, Math.max(0, 100 * index));
}
