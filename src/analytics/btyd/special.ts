/**
 * Special functions for the buy-till-you-die models, in log space so that customers with a
 * thousand purchases or a long life neither overflow nor lose their digits.
 *
 * - lnΓ: the Lanczos approximation with g = 7 and nine coefficients (Lanczos 1964, "A
 *   precision approximation of the gamma function", SIAM J. Numer. Anal. B 1: 86–96; the
 *   coefficients as tabulated by Godfrey), relative error about 1e-15 for x > 0.
 * - ₂F₁(1, b; c; z) for 0 ≤ z < 1 and c > b > 0: the Gauss series Σⱼ (b)ⱼ/(c)ⱼ zʲ, whose
 *   terms are all positive and shrink by at least z each (no cancellation), up to z = 0.9;
 *   beyond, where the series needs thousands of terms, Euler's integral (DLMF 15.6.1)
 *   ₂F₁(1, b; c; z) = ∫₀¹ tᵇ⁻¹(1 − t)ᶜ⁻ᵇ⁻¹ / (1 − zt) dt / B(b, c − b)
 *   by tanh-sinh quadrature (Takahasi & Mori 1974, "Double exponential formulas for
 *   numerical integration", Publ. RIMS 9: 721–741), whose nodes crowd the end points where
 *   tᵇ⁻¹, (1 − t)ᶜ⁻ᵇ⁻¹ and the pole at t = 1/z just beyond 1 live. The step shrinks as the
 *   pole nears 1, so the error stays near e⁻⁴⁰ for any z < 1.
 * - The tail integral J(u) = ∫ᵤ^∞ (α + v)⁻ᵖ (β + v)⁻ᑫ dv (p, q > 0, p + q > 1) behind the
 *   Pareto/NBD likelihood, P(alive) and time to the next purchase: with a = p + q − 1 and
 *   z = |α − β| / (max(α, β) + u) < 1,
 *   α ≥ β:  J(u) = (α + u)⁻ᵖ (β + u)¹⁻ᑫ ₂F₁(1, p; p + q; z) / a,
 *   α < β:  J(u) = (β + u)⁻ᑫ (α + u)¹⁻ᵖ ₂F₁(1, q; p + q; z) / a.
 *   These are Fader & Hardie's ₂F₁(a, ·; a + 1; z) forms (note "A note on deriving the
 *   Pareto/NBD model and related expressions", 2005, eqs. 19–20) after Euler's
 *   transformation ₂F₁(a, b; c; z) = (1 − z)ᶜ⁻ᵃ⁻ᵇ ₂F₁(c − a, c − b; c; z) (DLMF 15.8.1),
 *   which turns them into the positive series above: the α ≥ β case with b = s + 1 and the
 *   α < β case with b = r + x, whose direct series grows like (1 − z)⁻⁽ʳ⁺ˣ⁾ first and
 *   overflows for x = 1000, both become ₂F₁(1, ·; ·; z) ≤ 1/(1 − z).
 */

const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];
const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

/** ln Γ(x) for x > 0 (and by reflection for non-integer x < 0.5). */
export function lnGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - lnGamma(1 - x);
  const y = x - 1;
  let sum = LANCZOS[0]!;
  for (let i = 1; i < 9; i++) sum += LANCZOS[i]! / (y + i);
  const t = y + 7.5;
  return HALF_LOG_2PI + (y + 0.5) * Math.log(t) - t + Math.log(sum);
}

/**
 * The digamma function ψ(x) = d ln Γ(x)/dx for x > 0: the recurrence ψ(x) = ψ(x + 1) − 1/x up
 * to x ≥ 6, then the asymptotic series ln x − 1/(2x) − Σ B₂ₖ/(2k x²ᵏ) (DLMF 5.5.2, 5.11.2).
 */
export function digamma(x: number): number {
  let acc = 0;
  while (x < 6) {
    acc -= 1 / x;
    x += 1;
  }
  const f = 1 / (x * x);
  const series = f * (1 / 12 - f * (1 / 120 - f * (1 / 252 - f * (1 / 240 - f * (1 / 132 - f * (691 / 32760 - f / 12))))));
  return acc + Math.log(x) - 0.5 / x - series;
}

/** ln B(a, b). */
export function lnBeta(a: number, b: number): number {
  return lnGamma(a) + lnGamma(b) - lnGamma(a + b);
}

/** ln(eᵃ + eᵇ) without overflow. */
export function logAddExp(a: number, b: number): number {
  if (a === -Infinity) return b;
  if (b === -Infinity) return a;
  return a > b ? a + Math.log1p(Math.exp(b - a)) : b + Math.log1p(Math.exp(a - b));
}

/** ln(1 − eˣ) for x ≤ 0 (Mächler 2012, "Accurately computing log(1 − exp(−|a|))"). */
export function log1mExp(x: number): number {
  return x > -Math.LN2 ? Math.log(-Math.expm1(x)) : Math.log1p(-Math.exp(x));
}

/** ln(1 + eˣ). */
export function softplus(x: number): number {
  return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
}

/** (eᵏᴸ − 1)/k, with its limit L as k → 0. */
export function expm1Ratio(k: number, L: number): number {
  const kl = k * L;
  return Math.abs(kl) < 1e-10 ? L * (1 + kl / 2) : Math.expm1(kl) / k;
}

/** The logistic 1/(1 + e⁻ˣ), exact to the last bit at both ends. */
export function logistic(x: number): number {
  return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
}

/** Above this z the series needs more than ~350 terms: quadrature takes over. */
const SERIES_MAX_Z = 0.9;

/**
 * ln ₂F₁(1, b; c; z) for c > b > 0 and 0 ≤ z < 1; `oneMinusZ` is 1 − z computed by the
 * caller without cancellation (it matters when z is within 1e-8 of 1).
 */
export function log2F1One(b: number, c: number, z: number, oneMinusZ = 1 - z): number {
  if (!(z >= 0 && oneMinusZ > 0 && c > b && b > 0)) return NaN;
  if (z === 0) return 0;
  if (z <= SERIES_MAX_Z) {
    // Terms shrink by (b + j)/(c + j)·z < z, so the tail after term tⱼ is below tⱼ/(1 − z).
    let term = 1;
    let sum = 1;
    const stop = 1e-17 * oneMinusZ;
    for (let j = 0; j < 1000; j++) {
      term *= ((b + j) / (c + j)) * z;
      sum += term;
      if (term <= stop * sum) break;
    }
    return Math.log(sum);
  }
  const m = c - b;
  const lz = Math.log(z);
  const l1z = Math.log(oneMinusZ);
  // The pole t = 1/z sits at distance δ = (1 − z)/z past t = 1; in the tanh-sinh variable
  // it lies about 1/√(1 + (ln(1/δ)/π)²) off the real axis, and the error is ~exp(−2π·that/h).
  const lnInvDelta = Math.max(0, lz - l1z);
  const d = Math.min(1, 1 / Math.sqrt(1 + (lnInvDelta / Math.PI) ** 2));
  const h = Math.min(1 / 16, (2 * Math.PI * d) / 44);
  const logI = tanhSinhLog01((lt, l1t) => (b - 1) * lt + (m - 1) * l1t - logAddExp(l1z, lz + l1t), Math.min(b, m), h);
  return logI - lnBeta(b, m);
}

/**
 * ln ∫₀¹ f(t) dt by tanh-sinh quadrature, f given as ln f(t) from (ln t, ln(1 − t)), both
 * exact near the end points; `minPower` is the smallest exponent of t or 1 − t in f near
 * the ends (it sets how far out the nodes must go), `h` the step.
 */
export function tanhSinhLog01(logF: (lt: number, l1t: number) => number, minPower: number, h: number): number {
  // Nodes beyond xMax carry less than e⁻⁴⁵ of f·(weight) for end behaviour t^minPower.
  const xMax = Math.min(12, Math.asinh(48 / (Math.PI * Math.min(1, Math.max(minPower, 1e-6)))) + 0.5);
  const n = Math.ceil(xMax / h);
  const logTerms = new Float64Array(2 * n + 1);
  let max = -Infinity;
  const logBase = Math.log(h * Math.PI);
  for (let k = -n; k <= n; k++) {
    const x = k * h;
    const u = (Math.PI / 2) * Math.sinh(x);
    const lt = -softplus(-2 * u);
    const l1t = -softplus(2 * u);
    // dt/dx = 2t(1 − t)·(π/2)cosh x.
    const v = logF(lt, l1t) + logBase + lt + l1t + Math.log(Math.cosh(x));
    logTerms[k + n] = v;
    if (v > max) max = v;
  }
  if (max === -Infinity || Number.isNaN(max)) return max;
  let sum = 0;
  for (let i = 0; i < logTerms.length; i++) sum += Math.exp(logTerms[i]! - max);
  return max + Math.log(sum);
}

/**
 * ln J(u) = ln ∫ᵤ^∞ (α + v)⁻ᵖ (β + v)⁻ᑫ dv for p, q > 0 with p + q > 1 (see the header).
 */
export function logTailIntegral(p: number, q: number, alpha: number, beta: number, u: number): number {
  const a = p + q - 1;
  if (alpha >= beta) {
    const m = alpha + u;
    const n = beta + u;
    return -p * Math.log(m) + (1 - q) * Math.log(n) - Math.log(a) + log2F1One(p, p + q, (alpha - beta) / m, n / m);
  }
  const m = beta + u;
  const n = alpha + u;
  return -q * Math.log(m) + (1 - p) * Math.log(n) - Math.log(a) + log2F1One(q, p + q, (beta - alpha) / m, n / m);
}

/** ln(J(u₁) − J(u₂)) = ln ∫ᵤ₁^ᵘ² …, u₁ ≤ u₂; −∞ when the interval is empty. */
export function logIntervalIntegral(p: number, q: number, alpha: number, beta: number, u1: number, u2: number): number {
  if (!(u2 > u1)) return -Infinity;
  const j1 = logTailIntegral(p, q, alpha, beta, u1);
  const j2 = logTailIntegral(p, q, alpha, beta, u2);
  const diff = j2 - j1;
  return diff >= 0 ? -Infinity : j1 + log1mExp(diff);
}
