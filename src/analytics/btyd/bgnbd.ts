/**
 * The BG/NBD model of Fader, Hardie & Lee (2005), "'Counting your customers' the easy way:
 * an alternative to the Pareto/NBD model", Marketing Science 24(2): 275–284 (FHL below,
 * with its equation numbers). While alive a customer buys as a Poisson process with rate
 * λ ~ Gamma(r, α); after each purchase they die with probability p ~ Beta(a, b).
 * docs/btyd.md has the formulas with the data set-up; times are in the caller's unit.
 *
 * Likelihood (FHL §3), computed in log space as the sum of two terms:
 *   L = B(a, b + x)/B(a, b) · Γ(r + x)αʳ / (Γ(r)(α + T)^(r+x))
 *     + [x > 0] B(a + 1, b + x − 1)/B(a, b) · Γ(r + x)αʳ / (Γ(r)(α + tx)^(r+x)).
 * P(alive) (Fader, Hardie & Lee 2008, note "Computing P(alive) using the BG/NBD model"):
 *   P(alive | x, tx, T) = 1 / (1 + [x > 0] a/(b + x − 1) · ((α + T)/(α + tx))^(r+x)).
 * Expected purchases in (T, T + t] (FHL eq. 10):
 *   E[Y(t) | x, tx, T] = (a + b + x − 1)/(a − 1)
 *     · [1 − ((α + T)/(α + T + t))^(r+x) ₂F₁(r + x, b + x; a + b + x − 1; t/(α + T + t))] · P(alive),
 * evaluated through Euler's transformation (DLMF 15.8.1) as in Fader & Hardie's note
 * "Overcoming the BG/NBD model's #NUM! error problem" (2013):
 *   ((α+T)/(α+T+t))^(r+x) ₂F₁(…) = (1 − z)^(a−1) ₂F₁(a + b − 1 − r, a − 1; a + b + x − 1; z),
 * z = t/(α + T + t); writing ₂F₁(A, a − 1; c; z) = 1 + (a − 1)H, the bracket over (a − 1) is
 * −((1 − z)^(a−1) − 1)/(a − 1) − (1 − z)^(a−1) H, finite at a = 1 and free of overflow for
 * any x. For z > 0.9 (a horizon many times α + T) the same expectation is the posterior
 * integral E[(1 − e^(−λpt))/p] over λ ~ Gamma(r + x, α + T), p ~ Beta(a, b + x), i.e.
 *   ∫₀¹ (1 − (1 + pt/(α + T))^−(r+x)) / p · Beta(p; a, b + x) dp,
 * taken by tanh-sinh quadrature. The unconditional E[X(t)] (FHL eq. 9) is the case x = 0,
 * T = 0. P(X(t) = x) (FHL eq. 8):
 *   B(a, b + x)/B(a, b) · Γ(r + x)/(Γ(r)x!) (α/(α+t))ʳ (t/(α+t))ˣ
 *   + [x > 0] B(a + 1, b + x − 1)/B(a, b) · [1 − (α/(α+t))ʳ Σⱼ₌₀ˣ⁻¹ Γ(r + j)/(Γ(r)j!) (t/(α+t))ʲ].
 * Time to the next purchase: given alive, the customer is alive until their next purchase,
 * so P(no purchase in (T, T + τ] | alive) = ((α + T)/(α + T + τ))^(r+x), and the median τ
 * at which P(at least one purchase in (T, T + τ]) = P(alive)·(1 − that) reaches ½ is
 *   τ½ = (α + T)·((1 − 1/(2 P(alive)))^(−1/(r+x)) − 1),   none when P(alive) ≤ ½.
 */

import { checkRows, type RfmRows } from "./data.ts";
import { bestStart, maximiseLogLikelihood, type FitOptions, type LogLikWithGradient, type MleFit } from "./fit.ts";
import { digamma, expm1Ratio, lnBeta, lnGamma, logistic, tanhSinhLog01 } from "./special.ts";

export interface BgnbdParams {
  r: number;
  alpha: number;
  a: number;
  b: number;
}
export const BGNBD_NAMES = ["r", "alpha", "a", "b"] as const;
export type BgnbdFit = MleFit<(typeof BGNBD_NAMES)[number]>;

/** Index of each value in its list of distinct values. */
function distinct(values: Float64Array): { values: Float64Array; index: Uint32Array } {
  const map = new Map<number, number>();
  const index = new Uint32Array(values.length);
  const list: number[] = [];
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    let k = map.get(v);
    if (k === undefined) {
      k = list.length;
      map.set(v, k);
      list.push(v);
    }
    index[i] = k;
  }
  return { values: Float64Array.from(list), index };
}

/**
 * The log-likelihood as a function of θ = ln(r, α, a, b), and the same with its gradient
 * ∂ℓ/∂θ (for BFGS), with the work that does not depend on θ done once: terms in x alone per
 * distinct x, logs per distinct T and tx. Writing ℓᵢ = ln(e^A + e^B) with
 * A = c_A(x) − (r + x) ln(α + T) and B = c_B(x) − (r + x) ln(α + tx), the gradient is
 * w_A ∂A + w_B ∂B with w_A = 1/(1 + e^(B−A)), and ∂c/∂(r, a, b) are digamma differences.
 */
export function bgnbdLogLikelihoodFunction(rows: RfmRows): { ll: (theta: Float64Array) => number; llWithGradient: LogLikWithGradient } {
  checkRows(rows);
  const { x, tx, T } = rows;
  const w = rows.weight ?? new Float64Array(x.length).fill(1);
  const ux = distinct(x);
  const uT = distinct(T);
  const utx = distinct(tx);
  const nx = ux.values.length;
  const cA = new Float64Array(nx);
  const cB = new Float64Array(nx);
  const dGr = new Float64Array(nx);
  const dAa = new Float64Array(nx);
  const dAb = new Float64Array(nx);
  const dBa = new Float64Array(nx);
  const dBb = new Float64Array(nx);
  const lT = new Float64Array(uT.values.length);
  const iT = new Float64Array(uT.values.length);
  const ltx = new Float64Array(utx.values.length);
  const itx = new Float64Array(utx.values.length);
  const evaluate = (theta: Float64Array, gradient: Float64Array | null): number => {
    const r = Math.exp(theta[0]!);
    const alpha = Math.exp(theta[1]!);
    const a = Math.exp(theta[2]!);
    const b = Math.exp(theta[3]!);
    const lnB0 = lnBeta(a, b);
    const base = r * Math.log(alpha) - lnGamma(r);
    const psiR = gradient ? Math.log(alpha) - digamma(r) : 0;
    const psiAB = gradient ? digamma(a + b) : 0;
    const psiA = gradient ? digamma(a) : 0;
    const psiB = gradient ? digamma(b) : 0;
    for (let k = 0; k < nx; k++) {
      const xv = ux.values[k]!;
      const g = base + lnGamma(r + xv);
      cA[k] = g + lnBeta(a, b + xv) - lnB0;
      cB[k] = xv > 0 ? g + lnBeta(a + 1, b + xv - 1) - lnB0 : -Infinity;
      if (gradient) {
        const psiABX = digamma(a + b + xv);
        dGr[k] = psiR + digamma(r + xv);
        dAa[k] = psiAB - psiABX;
        dAb[k] = digamma(b + xv) - psiABX - psiB + psiAB;
        dBa[k] = xv > 0 ? digamma(a + 1) - psiABX - psiA + psiAB : 0;
        dBb[k] = xv > 0 ? digamma(b + xv - 1) - psiABX - psiB + psiAB : 0;
      }
    }
    for (let k = 0; k < lT.length; k++) {
      lT[k] = Math.log(alpha + uT.values[k]!);
      iT[k] = 1 / (alpha + uT.values[k]!);
    }
    for (let k = 0; k < ltx.length; k++) {
      ltx[k] = Math.log(alpha + utx.values[k]!);
      itx[k] = 1 / (alpha + utx.values[k]!);
    }
    let ll = 0;
    let gr = 0;
    let gAlpha = 0;
    let ga = 0;
    let gb = 0;
    let sw = 0;
    for (let i = 0; i < x.length; i++) {
      const kx = ux.index[i]!;
      const kT = uT.index[i]!;
      const ktx = utx.index[i]!;
      const n = r + x[i]!;
      const A = cA[kx]! - n * lT[kT]!;
      const B = cB[kx]! - n * ltx[ktx]!;
      const wi = w[i]!;
      if (B === -Infinity) {
        ll += wi * A;
        if (gradient) {
          sw += wi;
          gr += wi * (dGr[kx]! - lT[kT]!);
          gAlpha -= wi * n * iT[kT]!;
          ga += wi * dAa[kx]!;
          gb += wi * dAb[kx]!;
        }
        continue;
      }
      const e = Math.exp(-Math.abs(A - B));
      ll += wi * (Math.max(A, B) + Math.log1p(e));
      if (gradient) {
        const wA = A >= B ? 1 / (1 + e) : e / (1 + e);
        const wB = 1 - wA;
        sw += wi;
        gr += wi * (dGr[kx]! - wA * lT[kT]! - wB * ltx[ktx]!);
        gAlpha -= wi * n * (wA * iT[kT]! + wB * itx[ktx]!);
        ga += wi * (wA * dAa[kx]! + wB * dBa[kx]!);
        gb += wi * (wA * dAb[kx]! + wB * dBb[kx]!);
      }
    }
    if (gradient) {
      // ∂/∂θ = param·∂/∂param; c_A and c_B both carry r ln α, whence r/α per customer.
      gradient[0] = r * gr;
      gradient[1] = alpha * ((r / alpha) * sw + gAlpha);
      gradient[2] = a * ga;
      gradient[3] = b * gb;
    }
    return ll;
  };
  return { ll: (theta) => evaluate(theta, null), llWithGradient: (theta, gradient) => evaluate(theta, gradient) };
}

/** The BG/NBD log-likelihood of the data at the given parameters (FHL §3). */
export function bgnbdLogLikelihood(params: BgnbdParams, rows: RfmRows): number {
  return bgnbdLogLikelihoodFunction(rows).ll(Float64Array.from([params.r, params.alpha, params.a, params.b].map(Math.log)));
}

/** Maximum-likelihood fit with standard errors (fit.ts); pass grouped rows for speed. */
export function fitBgnbd(rows: RfmRows, options: FitOptions = {}): BgnbdFit {
  const { ll, llWithGradient } = bgnbdLogLikelihoodFunction(rows);
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
  // BTYD's default start (1, 3, 1, 3) is in weeks; the others scale α to the data's unit.
  const rate = sx > 0 && sT > 0 ? sx / sT : 1;
  const candidates = [[1, 3, 1, 3], [1, 1 / rate, 1, 3], [0.5, 0.5 / rate, 0.5, 2]];
  const starts = options.starts ?? [bestStart(candidates, ll)];
  return maximiseLogLikelihood(BGNBD_NAMES, ll, starts, customers, { ...options, starts }, llWithGradient);
}

/** ln of the odds a dead customer would have produced this history: P(alive) = logistic(−that). */
function logDeadOdds(p: BgnbdParams, x: number, tx: number, T: number): number {
  if (x === 0) return -Infinity;
  return Math.log(p.a) - Math.log(p.b + x - 1) + (p.r + x) * (Math.log(p.alpha + T) - Math.log(p.alpha + tx));
}

/** P(alive at T | x, tx, T). */
export function bgnbdPAliveOne(p: BgnbdParams, x: number, tx: number, T: number): number {
  return logistic(-logDeadOdds(p, x, tx, T));
}

/** E[purchases in (T, T + t] | x, tx, T] (FHL eq. 10). */
export function bgnbdExpectedOne(p: BgnbdParams, t: number, x: number, tx: number, T: number): number {
  const out = new Float64Array(1);
  bgnbdExpectedCurve(p, x, tx, T, [t], out);
  return out[0]!;
}

/**
 * E[purchases in (T, T + tₖ] | x, tx, T] for several horizons tₖ at once (out[k]): P(alive)
 * and the series coefficients, which do not depend on t, are computed once.
 */
export function bgnbdExpectedCurve(p: BgnbdParams, x: number, tx: number, T: number, times: ArrayLike<number>, out: Float64Array): void {
  const { r, alpha, a, b } = p;
  const pAlive = bgnbdPAliveOne(p, x, tx, T);
  const c = a + b + x - 1;
  const A = a + b - 1 - r;
  // Coefficients of H(z) = Σⱼ≥₁ hⱼ zʲ, hⱼ = (A)ⱼ (a)ⱼ₋₁ / ((c)ⱼ j!), grown as needed, four
  // at a time (the sum takes four terms a step; the stop test sees the last of them).
  COEF[1] = A / c;
  let filled = 1;
  const jMin = Math.abs(A) + 1;
  const last = COEF.length - 4;
  for (let k = 0; k < times.length; k++) {
    const t = times[k]!;
    if (!(t > 0)) {
      out[k] = 0;
      continue;
    }
    const z = t / (alpha + T + t);
    if (z > 0.9) {
      out[k] = pAlive * posteriorIntegral(p, x, t / (alpha + T));
      continue;
    }
    let H = 0;
    let zj = z;
    const stop = 1e-16 * (1 - z);
    let converged = false;
    for (let j = 1; j < last; j += 4) {
      while (filled < j + 3) {
        filled++;
        COEF[filled] = COEF[filled - 1]! * (((A + filled - 1) * (a + filled - 2)) / ((c + filled - 1) * filled));
      }
      const t1 = COEF[j]! * zj;
      zj *= z;
      const t2 = COEF[j + 1]! * zj;
      zj *= z;
      const t3 = COEF[j + 2]! * zj;
      zj *= z;
      const t4 = COEF[j + 3]! * zj;
      zj *= z;
      H += t1 + t2 + t3 + t4;
      if (j + 3 > jMin && Math.abs(t4) <= stop * Math.abs(H)) {
        converged = true;
        break;
      }
    }
    const L = -Math.log1p(t / (alpha + T));
    const e = pAlive * c * (-expm1Ratio(a - 1, L) - Math.exp((a - 1) * L) * H);
    // With a and b in the hundreds of thousands (drop-out nearly the same for everyone) the
    // series needs millions of terms and its sum cancels: integrate over p instead.
    out[k] = converged && Number.isFinite(e) ? e : pAlive * (a + b > 1e4 ? concentratedIntegral(p, x, t / (alpha + T)) : posteriorIntegral(p, x, t / (alpha + T)));
  }
}

/** Scratch for the series coefficients (z ≤ 0.9 needs fewer than 400 terms). */
const COEF = new Float64Array(2000);

/** E[(1 − e^(−λpt))/p] over the posterior given alive, by quadrature (κ = t/(α + T)). */
function posteriorIntegral(p: BgnbdParams, x: number, kappa: number): number {
  // (1 + pκ)^−n has its branch point at p = −1/κ, near 0: the step follows its distance.
  const n = p.r + x;
  const bx = p.b + x;
  const a = p.a;
  const lnB = lnBeta(a, bx);
  const d = 1 / Math.sqrt(1 + (Math.log(kappa) / Math.PI) ** 2);
  const logK = tanhSinhLog01(
    (lp, l1p) => Math.log(-Math.expm1(-n * Math.log1p(Math.exp(lp) * kappa))) + (a - 2) * lp + (bx - 1) * l1p - lnB,
    Math.min(a, bx),
    Math.min(1 / 16, (2 * Math.PI * d) / 44),
  );
  return Math.exp(logK);
}

/**
 * The same expectation E[(1 − (1 + pκ)^−(r+x))/p] when p's posterior Beta(a, b + x) is
 * narrow (a + b large): Simpson's rule over its mean ± 12 sd, 400 panels, on the log density
 * normalised over the grid.
 */
function concentratedIntegral(p: BgnbdParams, x: number, kappa: number): number {
  const n = p.r + x;
  const a = p.a;
  const bx = p.b + x;
  const mean = a / (a + bx);
  const atMean = -Math.expm1(-n * Math.log1p(mean * kappa)) / mean;
  const sd = Math.sqrt((a * bx) / ((a + bx) ** 2 * (a + bx + 1)));
  // b + x below 1 puts a pole at p = 1, where the mass then sits: p is its mean.
  if (bx < 1 || !(sd > 0)) return atMean;
  const lo = Math.max(mean - 12 * sd, mean * 1e-6);
  const hi = Math.min(mean + 12 * sd, 1 - 1e-12);
  const m = 400;
  const h = (hi - lo) / m;
  const logDensity = (q: number) => (a - 1) * Math.log(q) + (bx - 1) * Math.log1p(-q);
  const peak = logDensity(Math.min(Math.max(mean, lo), hi));
  let num = 0;
  let den = 0;
  for (let i = 0; i <= m; i++) {
    const q = lo + i * h;
    const w = (i === 0 || i === m ? 1 : i % 2 === 1 ? 4 : 2) * Math.exp(logDensity(q) - peak);
    num += w * (-Math.expm1(-n * Math.log1p(q * kappa)) / q);
    den += w;
  }
  const e = num / den;
  return Number.isFinite(e) ? e : atMean;
}

/** E[X(t)]: repeat purchases in (0, t] of a customer just acquired (FHL eq. 9). */
export function bgnbdExpectedNew(p: BgnbdParams, t: number): number {
  return bgnbdExpectedOne(p, t, 0, 0, 0);
}

/** P(X(t) = x) for a customer just acquired (FHL eq. 8). */
export function bgnbdPmf(p: BgnbdParams, t: number, x: number): number {
  const { r, alpha, a, b } = p;
  if (!(t > 0)) return x === 0 ? 1 : 0;
  const lp0 = -r * Math.log1p(t / alpha); // ln (α/(α+t))^r
  const lq = Math.log(t / (alpha + t));
  const lnB0 = lnBeta(a, b);
  const term1 = Math.exp(lnBeta(a, b + x) - lnB0 + lnGamma(r + x) - lnGamma(r) - lnGamma(x + 1) + lp0 + x * lq);
  if (x === 0) return term1;
  return term1 + Math.exp(lnBeta(a + 1, b + x - 1) - lnB0) * negBinTail(r, lp0, lq, x);
}

/** P(N ≥ x) for N negative binomial with pmf Γ(r+j)/(Γ(r)j!) p₀ʳ(1 − p₀)ʲ (logs of p₀ʳ and 1 − p₀ given). */
function negBinTail(r: number, lp0: number, lq: number, x: number): number {
  let lj = lp0; // ln pmf(0)
  let head = 0;
  for (let j = 0; j < x; j++) {
    head += Math.exp(lj);
    lj += Math.log((r + j) / (j + 1)) + lq;
  }
  if (head <= 0.5) return 1 - head;
  // The head is most of the mass: sum the tail itself (terms shrink by (r+j)/(j+1)·q → q).
  let tail = 0;
  for (let j = x; j < x + 100000; j++) {
    const term = Math.exp(lj);
    tail += term;
    if (j > r && term <= 1e-17 * tail) break;
    lj += Math.log((r + j) / (j + 1)) + lq;
  }
  return tail;
}

/**
 * Median time to the next purchase from T: the τ at which P(at least one purchase in
 * (T, T + τ]) reaches ½; Infinity when it never does (P(alive) ≤ ½).
 */
export function bgnbdNextPurchaseOne(p: BgnbdParams, x: number, tx: number, T: number): number {
  const pAlive = bgnbdPAliveOne(p, x, tx, T);
  if (!(pAlive > 0.5)) return Infinity;
  return (p.alpha + T) * Math.expm1(-Math.log1p(-1 / (2 * pAlive)) / (p.r + x));
}

/** P(alive) of each row. */
export function bgnbdPAlive(p: BgnbdParams, rows: RfmRows): Float64Array {
  return rows.x.map((x, i) => bgnbdPAliveOne(p, x, rows.tx[i]!, rows.T[i]!));
}

/** E[purchases in (T, T + t] | x, tx, T] of each row. */
export function bgnbdExpected(p: BgnbdParams, t: number, rows: RfmRows): Float64Array {
  return rows.x.map((x, i) => bgnbdExpectedOne(p, t, x, rows.tx[i]!, rows.T[i]!));
}

/** Median time to the next purchase of each row (Infinity: more likely never). */
export function bgnbdNextPurchase(p: BgnbdParams, rows: RfmRows): Float64Array {
  return rows.x.map((x, i) => bgnbdNextPurchaseOne(p, x, rows.tx[i]!, rows.T[i]!));
}

/** The parameters of a fit as the object the scoring functions take. */
export function bgnbdParams(v: ArrayLike<number>): BgnbdParams {
  return { r: v[0]!, alpha: v[1]!, a: v[2]!, b: v[3]! };
}
