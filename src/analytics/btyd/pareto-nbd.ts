/**
 * The Pareto/NBD model of Schmittlein, Morrison & Colombo (1987), "Counting your customers:
 * who are they and what will they do next?", Management Science 33(1): 1–24. While alive a
 * customer buys as a Poisson process with rate λ ~ Gamma(r, α); their lifetime is
 * exponential with rate μ ~ Gamma(s, β). Formulas as derived in Fader & Hardie (2005), "A
 * note on deriving the Pareto/NBD model and related expressions" (FH below, with its
 * equation numbers); docs/btyd.md has them with the data set-up.
 *
 * Likelihood (FH eqs. 18–20), written with the integral it comes from:
 *   L = Γ(r + x)αʳβˢ/Γ(r) · [ (α + T)^−(r+x) (β + T)^−s + s ∫ₜₓᵀ (α + τ)^−(r+x) (β + τ)^−(s+1) dτ ],
 * the second term being (s/(r + s + x))·A₀ of FH eq. 19 (α ≥ β) and eq. 20 (α < β). The
 * integral is J(tx) − J(T) of special.ts, where the ₂F₁ of both cases is evaluated as a
 * positive series (or by quadrature when its argument nears 1), all in logs.
 * P(alive) (FH §5.1, eqs. 36–37): the first bracketed term over the whole bracket.
 * Expected purchases in (T, T + t] (FH eq. 41):
 *   E[Y(t) | x, tx, T] = (r + x)(β + T) / ((α + T)(s − 1)) · [1 − ((β + T)/(β + T + t))^(s−1)] · P(alive),
 * with [1 − y^(s−1)]/(s − 1) computed as −expm1((s − 1) ln y)/(s − 1), whose limit at s = 1
 * is −ln y. Unconditional (FH eq. 27): E[X(t)] = rβ/(α(s − 1)) · [1 − (β/(β + t))^(s−1)].
 * P(X(t) = x): Fader & Hardie (2006, rev. 2020), "Deriving an expression for P(X(t) = x)
 * under the Pareto/NBD model" (note 012) — alive through t, plus died at τ < t after x
 * purchases:
 *   Γ(r + x)/(Γ(r)x!) (α/(α+t))ʳ (t/(α+t))ˣ (β/(β+t))ˢ
 *   + Γ(r + x)/(Γ(r)x!) αʳ s βˢ ∫₀ᵗ τˣ (α + τ)^−(r+x) (β + τ)^−(s+1) dτ.
 * The note's closed form of the integral subtracts nearly equal ₂F₁ sums; we integrate
 * the positive integrand by tanh-sinh quadrature instead.
 * Time to the next purchase: given alive with (λ, μ), the chance of a purchase before
 * min(death, τ) is λ/(λ + μ)·(1 − e^−(λ+μ)τ); averaged over the posterior (λ ~ Gamma(r + x,
 * α + T), μ ~ Gamma(s, β + T)),
 *   P(at least one purchase in (T, T + τ]) = P(alive)·(r + x)(α + T)^(r+x)(β + T)ˢ ∫ᵀ^(T+τ) (α + v)^−(r+x+1) (β + v)^−s dv,
 * the same integral family as the likelihood. Its limit as τ → ∞ is below 1 (a customer
 * may die before buying again): when it is at most ½ there is no median ("none",
 * Infinity); otherwise the median τ½ is found by bisection on ln τ.
 */

import { checkRows, type RfmRows } from "./data.ts";
import { bestStart, maximiseLogLikelihood, type FitOptions, type MleFit } from "./fit.ts";
import { expm1Ratio, lnGamma, logAddExp, logIntervalIntegral, logistic, logTailIntegral, tanhSinhLog01 } from "./special.ts";

export interface ParetoNbdParams {
  r: number;
  alpha: number;
  s: number;
  beta: number;
}
export const PARETO_NBD_NAMES = ["r", "alpha", "s", "beta"] as const;
export type ParetoNbdFit = MleFit<(typeof PARETO_NBD_NAMES)[number]>;

/** ln of the two bracketed terms of the likelihood: alive at T, and died in (tx, T]. */
function logTerms(p: ParetoNbdParams, x: number, tx: number, T: number): [number, number] {
  const { r, alpha, s, beta } = p;
  const alive = -(r + x) * Math.log(alpha + T) - s * Math.log(beta + T);
  const died = Math.log(s) + logIntervalIntegral(r + x, s + 1, alpha, beta, tx, T);
  return [alive, died];
}

/** The log-likelihood as a function of θ = ln(r, α, s, β). */
export function paretoNbdLogLikelihoodFunction(rows: RfmRows): (theta: Float64Array) => number {
  checkRows(rows);
  const { x, tx, T } = rows;
  const w = rows.weight;
  return (theta) => {
    const p = { r: Math.exp(theta[0]!), alpha: Math.exp(theta[1]!), s: Math.exp(theta[2]!), beta: Math.exp(theta[3]!) };
    const base = p.r * Math.log(p.alpha) + p.s * Math.log(p.beta) - lnGamma(p.r);
    let ll = 0;
    for (let i = 0; i < x.length; i++) {
      const [alive, died] = logTerms(p, x[i]!, tx[i]!, T[i]!);
      ll += (w ? w[i]! : 1) * (base + lnGamma(p.r + x[i]!) + logAddExp(alive, died));
    }
    return ll;
  };
}

/** The Pareto/NBD log-likelihood of the data at the given parameters (FH eq. 18). */
export function paretoNbdLogLikelihood(params: ParetoNbdParams, rows: RfmRows): number {
  return paretoNbdLogLikelihoodFunction(rows)(Float64Array.from([params.r, params.alpha, params.s, params.beta].map(Math.log)));
}

/** Maximum-likelihood fit with standard errors (fit.ts); pass grouped rows for speed. */
export function fitParetoNbd(rows: RfmRows, options: FitOptions = {}): ParetoNbdFit {
  const ll = paretoNbdLogLikelihoodFunction(rows);
  const w = rows.weight;
  let sx = 0;
  let sT = 0;
  let customers = 0;
  for (let i = 0; i < rows.x.length; i++) {
    const wi = w ? w[i]! : 1;
    sx += wi * rows.x[i]!;
    sT += wi * rows.T[i]!;
    customers += wi;
  }
  // BTYD's default start is (1, 1, 1, 1); the others scale α and β to the data's unit.
  const rate = sx > 0 && sT > 0 ? sx / sT : 1;
  const meanT = customers > 0 && sT > 0 ? sT / customers : 1;
  const candidates = [[1, 1, 1, 1], [1, 1 / rate, 1, meanT], [0.5, 0.5 / rate, 0.5, meanT]];
  const starts = options.starts ?? [bestStart(candidates, ll)];
  return maximiseLogLikelihood(PARETO_NBD_NAMES, ll, starts, customers, { ...options, starts });
}

/** P(alive at T | x, tx, T). */
export function paretoNbdPAliveOne(p: ParetoNbdParams, x: number, tx: number, T: number): number {
  const [alive, died] = logTerms(p, x, tx, T);
  return logistic(alive - died);
}

/** E[purchases in (T, T + t] | x, tx, T] (FH eq. 41). */
export function paretoNbdExpectedOne(p: ParetoNbdParams, t: number, x: number, tx: number, T: number): number {
  const out = new Float64Array(1);
  paretoNbdExpectedCurve(p, x, tx, T, [t], out);
  return out[0]!;
}

/** E[purchases in (T, T + tₖ] | x, tx, T] for several horizons at once, P(alive) computed once. */
export function paretoNbdExpectedCurve(p: ParetoNbdParams, x: number, tx: number, T: number, times: ArrayLike<number>, out: Float64Array): void {
  const { r, alpha, s, beta } = p;
  const lead = (((r + x) * (beta + T)) / (alpha + T)) * paretoNbdPAliveOne(p, x, tx, T);
  for (let k = 0; k < times.length; k++) {
    const t = times[k]!;
    out[k] = t > 0 ? lead * -expm1Ratio(s - 1, -Math.log1p(t / (beta + T))) : 0;
  }
}

/** E[X(t)]: repeat purchases in (0, t] of a customer just acquired (FH eq. 27). */
export function paretoNbdExpectedNew(p: ParetoNbdParams, t: number): number {
  if (!(t > 0)) return 0;
  return ((p.r * p.beta) / p.alpha) * -expm1Ratio(p.s - 1, -Math.log1p(t / p.beta));
}

/** P(X(t) = x) for a customer just acquired (Fader & Hardie's P(X(t) = x) note). */
export function paretoNbdPmf(p: ParetoNbdParams, t: number, x: number): number {
  const { r, alpha, s, beta } = p;
  if (!(t > 0)) return x === 0 ? 1 : 0;
  const lc = lnGamma(r + x) - lnGamma(r) - lnGamma(x + 1);
  const aliveTerm = lc - r * Math.log1p(t / alpha) + x * Math.log(t / (alpha + t)) - s * Math.log1p(t / beta);
  // ∫₀ᵗ τˣ (α+τ)^−(r+x) (β+τ)^−(s+1) dτ with τ = t·w.
  const logInt = Math.log(t) + tanhSinhLog01((lw) => {
    const tau = t * Math.exp(lw);
    return x * (Math.log(t) + lw) - (r + x) * Math.log(alpha + tau) - (s + 1) * Math.log(beta + tau);
  }, Math.min(x + 1, 1), 1 / 32);
  const diedTerm = lc + r * Math.log(alpha) + Math.log(s) + s * Math.log(beta) + logInt;
  return Math.exp(aliveTerm) + Math.exp(diedTerm);
}

/** ln P(at least one purchase in (T, T + τ] | alive at T), τ = Infinity allowed. */
function logPurchaseGivenAlive(p: ParetoNbdParams, x: number, T: number, tau: number): number {
  const { r, alpha, s, beta } = p;
  const lead = Math.log(r + x) + (r + x) * Math.log(alpha + T) + s * Math.log(beta + T);
  const integral = tau === Infinity ? logTailIntegral(r + x + 1, s, alpha, beta, T) : logIntervalIntegral(r + x + 1, s, alpha, beta, T, T + tau);
  return lead + integral;
}

/**
 * Median time to the next purchase from T: the τ at which P(at least one purchase in
 * (T, T + τ]) reaches ½; Infinity when it never does.
 */
export function paretoNbdNextPurchaseOne(p: ParetoNbdParams, x: number, tx: number, T: number): number {
  const lnAlive = Math.log(paretoNbdPAliveOne(p, x, tx, T));
  const target = Math.log(0.5) - lnAlive;
  if (!(logPurchaseGivenAlive(p, x, T, Infinity) > target)) return Infinity;
  const g = (tau: number) => logPurchaseGivenAlive(p, x, T, tau) - target;
  // Bracket in τ, then bisect on ln τ; g increases with τ.
  let lo = 0;
  let hi = (p.alpha + T) / (p.r + x);
  while (g(hi) < 0) {
    lo = hi;
    hi *= 4;
    if (hi > 1e300) return Infinity;
  }
  for (let k = 0; k < 200 && hi - lo > 1e-12 * hi; k++) {
    const mid = lo > 0 ? Math.sqrt(lo * hi) : hi / 2;
    if (g(mid) < 0) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/** P(alive) of each row. */
export function paretoNbdPAlive(p: ParetoNbdParams, rows: RfmRows): Float64Array {
  return rows.x.map((x, i) => paretoNbdPAliveOne(p, x, rows.tx[i]!, rows.T[i]!));
}

/** E[purchases in (T, T + t] | x, tx, T] of each row. */
export function paretoNbdExpected(p: ParetoNbdParams, t: number, rows: RfmRows): Float64Array {
  return rows.x.map((x, i) => paretoNbdExpectedOne(p, t, x, rows.tx[i]!, rows.T[i]!));
}

/** Median time to the next purchase of each row (Infinity: more likely never). */
export function paretoNbdNextPurchase(p: ParetoNbdParams, rows: RfmRows): Float64Array {
  return rows.x.map((x, i) => paretoNbdNextPurchaseOne(p, x, rows.tx[i]!, rows.T[i]!));
}

/** The parameters of a fit as the object the scoring functions take. */
export function paretoNbdParams(v: ArrayLike<number>): ParetoNbdParams {
  return { r: v[0]!, alpha: v[1]!, s: v[2]!, beta: v[3]! };
}
