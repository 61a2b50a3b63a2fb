/**
 * The Gamma-Gamma model of monetary value: Fader, Hardie & Lee (2005), "RFM and CLV: using
 * iso-value curves for customer base analysis", Journal of Marketing Research 42(4):
 * 415–430 (FHL-JMR, §2.1), derived in full in Fader & Hardie (2013), "The Gamma-Gamma model
 * of monetary value" (note 025, FH13, with its equation numbers). A customer's purchase
 * values are Gamma(p, ν) around their own mean p/ν; ν ~ Gamma(q, γ) across customers;
 * spend is independent of the purchase process. docs/btyd.md has the formulas.
 *
 * Data: the repeat buyers (x ≥ 1) with mx > 0, mx the mean value of their x repeat
 * purchase occasions. Likelihood (FH13 eq. 1a/6):
 *   f(mx | p, q, γ; x) = Γ(px + q)/(Γ(px)Γ(q)) · γ^q mx^(px−1) x^(px) / (γ + x·mx)^(px+q).
 * Expected mean purchase value (FH13 eq. 5):
 *   E(M | p, q, γ, mx, x) = p(γ + x·mx)/(px + q − 1)
 *     = (q − 1)/(px + q − 1) · pγ/(q − 1) + px/(px + q − 1) · mx,
 * a weighted mean of the population mean pγ/(q − 1) (FH13 eqs. 2–4) and the customer's own,
 * which for x = 0 is the population mean; both need q > 1 (otherwise the mean is
 * infinite and we return NaN).
 *
 * The independence check: Pearson's correlation between x and mx over the repeat buyers;
 * FHL-JMR (§2.2) found 0.11 on CDNOW's 946 repeat buyers and judged independence
 * reasonable. We flag |r| > 0.3, the conventional "medium" correlation (Cohen 1988,
 * "Statistical power analysis for the behavioral sciences", §3.2): beyond it the expected
 * values, and a CLV built on them, would be biased for frequent (or rare) buyers.
 */

import { bestStart, maximiseLogLikelihood, type FitOptions, type LogLikWithGradient, type MleFit } from "./fit.ts";
import { digamma, lnGamma } from "./special.ts";

export interface GammaGammaParams {
  p: number;
  q: number;
  gamma: number;
}
export const GAMMA_GAMMA_NAMES = ["p", "q", "gamma"] as const;
export type GammaGammaFit = MleFit<(typeof GAMMA_GAMMA_NAMES)[number]>;

/** The correlation threshold above which `spendFrequencyCorrelation` warns. */
export const INDEPENDENCE_THRESHOLD = 0.3;

/** Rows that take part: x ≥ 1 and mx > 0 (finite). */
function usable(x: number, mx: number): boolean {
  return x >= 1 && mx > 0 && Number.isFinite(mx) && Number.isFinite(x);
}

/**
 * The log-likelihood as a function of θ = ln(p, q, γ), and with its gradient ∂ℓ/∂θ: terms
 * in x alone are summed per distinct x, so each evaluation costs one logarithm per customer.
 * ∂ℓᵢ/∂p = x(ψ(px + q) − ψ(px) + ln mx + ln x − ln(γ + x·mx)),
 * ∂ℓᵢ/∂q = ψ(px + q) − ψ(q) + ln γ − ln(γ + x·mx),  ∂ℓᵢ/∂γ = q/γ − (px + q)/(γ + x·mx).
 */
export function gammaGammaLogLikelihoodFunction(x: Float64Array, mx: Float64Array, weight?: Float64Array): { ll: (theta: Float64Array) => number; llWithGradient: LogLikWithGradient; customers: number; meanSpend: number } {
  if (mx.length !== x.length || (weight && weight.length !== x.length)) throw new RangeError(`x, mx${weight ? " and weight" : ""} must have the same length`);
  const byX = new Map<number, { w: number; wLogM: number }>();
  const keepX: number[] = [];
  const keepM: number[] = [];
  const keepW: number[] = [];
  let customers = 0;
  let spend = 0;
  for (let i = 0; i < x.length; i++) {
    const xi = x[i]!;
    const mi = mx[i]!;
    const wi = weight ? weight[i]! : 1;
    if (!usable(xi, mi) || !(wi > 0)) continue;
    keepX.push(xi);
    keepM.push(mi);
    keepW.push(wi);
    customers += wi;
    spend += wi * mi;
    const g = byX.get(xi) ?? { w: 0, wLogM: 0 };
    g.w += wi;
    g.wLogM += wi * Math.log(mi);
    byX.set(xi, g);
  }
  if (customers === 0) throw new RangeError("no repeat buyers with a positive mean purchase value: the Gamma-Gamma model needs some");
  const gx = Float64Array.from(byX.keys());
  const groups = [...byX.values()];
  const kx = Float64Array.from(keepX);
  const km = Float64Array.from(keepM);
  const kw = Float64Array.from(keepW);
  const evaluate = (theta: Float64Array, gradient: Float64Array | null): number => {
    const p = Math.exp(theta[0]!);
    const q = Math.exp(theta[1]!);
    const gamma = Math.exp(theta[2]!);
    const lnGq = lnGamma(q);
    const lnG = Math.log(gamma);
    const psiQ = gradient ? digamma(q) : 0;
    let sum = 0;
    let gp = 0;
    let gq = 0;
    let gg = 0;
    for (let k = 0; k < gx.length; k++) {
      const xv = gx[k]!;
      const { w, wLogM } = groups[k]!;
      const px = p * xv;
      sum += w * (lnGamma(px + q) - lnGamma(px) - lnGq + q * lnG + px * Math.log(xv)) + (px - 1) * wLogM;
      if (gradient) {
        const psiPxQ = digamma(px + q);
        gp += w * xv * (psiPxQ - digamma(px) + Math.log(xv)) + xv * wLogM;
        gq += w * (psiPxQ - psiQ + lnG);
        gg += (w * q) / gamma;
      }
    }
    for (let i = 0; i < kx.length; i++) {
      const xi = kx[i]!;
      const wi = kw[i]!;
      const d = gamma + xi * km[i]!;
      const l = Math.log(d);
      sum -= wi * (p * xi + q) * l;
      if (gradient) {
        gp -= wi * xi * l;
        gq -= wi * l;
        gg -= (wi * (p * xi + q)) / d;
      }
    }
    if (gradient) {
      gradient[0] = p * gp;
      gradient[1] = q * gq;
      gradient[2] = gamma * gg;
    }
    return sum;
  };
  return { ll: (theta) => evaluate(theta, null), llWithGradient: (theta, gradient) => evaluate(theta, gradient), customers, meanSpend: spend / customers };
}

/** The Gamma-Gamma log-likelihood (FH13 eq. 6) over the repeat buyers with mx > 0. */
export function gammaGammaLogLikelihood(params: GammaGammaParams, x: Float64Array, mx: Float64Array, weight?: Float64Array): number {
  return gammaGammaLogLikelihoodFunction(x, mx, weight).ll(Float64Array.from([params.p, params.q, params.gamma].map(Math.log)));
}

/** Maximum-likelihood fit on the repeat buyers (x ≥ 1, mx > 0; others are ignored). */
export function fitGammaGamma(x: Float64Array, mx: Float64Array, weight?: Float64Array, options: FitOptions = {}): GammaGammaFit {
  const { ll, llWithGradient, customers, meanSpend } = gammaGammaLogLikelihoodFunction(x, mx, weight);
  // BTYD's default start is (1, 1, 1); the others put the population mean pγ/(q − 1) at the data's.
  const candidates = [[1, 1, 1], [1, 2, meanSpend], [5, 3, (2 * meanSpend) / 5]];
  const starts = options.starts ?? [bestStart(candidates, ll)];
  return maximiseLogLikelihood(GAMMA_GAMMA_NAMES, ll, starts, customers, { ...options, starts }, llWithGradient);
}

/** E(M | x, mx): expected mean purchase value; the population mean when x = 0 (FH13 eq. 5). */
export function gammaGammaExpectedSpendOne(params: GammaGammaParams, x: number, mx: number): number {
  const { p, q, gamma } = params;
  if (!(q > 1)) return NaN;
  if (!(x >= 1) || !(mx > 0)) return (p * gamma) / (q - 1);
  return (p * (gamma + x * mx)) / (p * x + q - 1);
}

/** E(M | x, mx) of each customer. */
export function gammaGammaExpectedSpend(params: GammaGammaParams, x: Float64Array, mx: Float64Array): Float64Array {
  return x.map((xi, i) => gammaGammaExpectedSpendOne(params, xi, mx[i]!));
}

export interface SpendFrequencyCheck {
  /** Pearson's r between x and mx over the repeat buyers with mx > 0. */
  correlation: number;
  /** Customers it was computed on (sum of weights). */
  customers: number;
  /** |r| > INDEPENDENCE_THRESHOLD: the model's independence assumption is doubtful. */
  warning: boolean;
}

/** The Gamma-Gamma independence check (FHL-JMR §2.2): correlation of frequency and mean value. */
export function spendFrequencyCorrelation(x: Float64Array, mx: Float64Array, weight?: Float64Array): SpendFrequencyCheck {
  let n = 0;
  let sx = 0;
  let sm = 0;
  for (let i = 0; i < x.length; i++) {
    const w = weight ? weight[i]! : 1;
    if (!usable(x[i]!, mx[i]!) || !(w > 0)) continue;
    n += w;
    sx += w * x[i]!;
    sm += w * mx[i]!;
  }
  const mxBar = sm / n;
  const xBar = sx / n;
  let cxx = 0;
  let cmm = 0;
  let cxm = 0;
  for (let i = 0; i < x.length; i++) {
    const w = weight ? weight[i]! : 1;
    if (!usable(x[i]!, mx[i]!) || !(w > 0)) continue;
    const dx = x[i]! - xBar;
    const dm = mx[i]! - mxBar;
    cxx += w * dx * dx;
    cmm += w * dm * dm;
    cxm += w * dx * dm;
  }
  const correlation = cxx > 0 && cmm > 0 ? cxm / Math.sqrt(cxx * cmm) : NaN;
  return { correlation, customers: n, warning: Math.abs(correlation) > INDEPENDENCE_THRESHOLD };
}

/** The parameters of a fit as the object the scoring functions take. */
export function gammaGammaParams(v: ArrayLike<number>): GammaGammaParams {
  return { p: v[0]!, q: v[1]!, gamma: v[2]! };
}
