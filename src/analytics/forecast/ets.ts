/**
 * Exponential smoothing state space models, ETS(error, trend, season), as in Hyndman,
 * Koehler, Snyder & Grose (2002), "A state space framework for automatic forecasting using
 * exponential smoothing methods", Int. J. Forecasting 18(3): 439–454, and Hyndman, Koehler,
 * Ord & Snyder (2008), "Forecasting with Exponential Smoothing: the state space approach",
 * Springer (cited below as HKOS, with chapter and table). docs/forecast.md has the formulas.
 *
 * Models: error A or M; trend N, A, Ad (damped), and for explicit requests M, Md
 * (multiplicative, as R's forecast::ets with allow.multiplicative.trend = FALSE keeps them
 * out of the automatic search); season N, A or M, period m. With the one-step forecast
 * μₜ = q ⊕ sₜ₋ₘ (q = ℓ + φb, or ℓ·b^φ; ⊕ is + or ·) and the error εₜ = yₜ − μₜ (A) or
 * (yₜ − μₜ)/μₜ (M), the states update, for every error type, as (HKOS table 2.3 in
 * error-correction form, which is R's C code):
 *   ℓₜ = q + α(pₜ − q),   pₜ = yₜ ⊖ sₜ₋ₘ (− or ÷)
 *   bₜ = φb + β(pₜ − q)          (additive trend; multiplicative: b^φ + β(pₜ − q)/ℓₜ₋₁)
 *   sₜ = sₜ₋ₘ + γ(yₜ ⊘ q − sₜ₋ₘ)  (⊘ is − for an additive season, ÷ for a multiplicative one)
 * so that with an additive error ℓₜ = q + αεₜ, bₜ = φb + βεₜ, sₜ = sₜ₋ₘ + γεₜ, and with a
 * multiplicative one, e.g. ETS(M,A,M), ℓₜ = q(1 + αεₜ), bₜ = b + βqεₜ, sₜ = sₜ₋ₘ(1 + γεₜ).
 *
 * Estimation maximises the likelihood through R's criterion ("lik" of forecast::ets):
 *   lik = n·log Σεₜ² (+ 2·Σ log|μₜ| for a multiplicative error),
 * minimised by our Nelder–Mead (optimize.ts) over the smoothing parameters and the initial
 * states ℓ₀, b₀, s₀ … s₋ₘ₊₂ (s₋ₘ₊₁ follows from Σs = 0, or = m for a multiplicative season).
 * Usual bounds (R's defaults): 1e-4 ≤ α ≤ 0.9999, 1e-4 ≤ β ≤ α, 1e-4 ≤ γ ≤ 1 − α,
 * 0.8 ≤ φ ≤ 0.98; the optimiser works on u with v = lo + (hi − lo)·sin²u for each, so every
 * point it tries is inside them. (R's default also imposes the admissible region of HKOS
 * ch. 10; we keep only the usual region.) Initial states: Hyndman's heuristic (HKOS
 * §2.6.1), a classical decomposition of the first three seasonal cycles (two when that is
 * all there is) for the seasonal indices, then a regression line through the first
 * max(10, 2m) seasonally adjusted values for ℓ₀ and b₀; with four cycles or more, the same
 * on all cycles as a second heuristic. The likelihood has local optima, so the simplex
 * starts from the best of R's starting point and a small grid of smoothing parameters at
 * each heuristic's states (one model alone: from three such points, the best end wins; in
 * "auto" once per candidate, the other candidates' optima also competing as starts, to a
 * looser tolerance, and the winner refined).
 *
 * Information criteria (R's): logLik = −lik/2, AIC = lik + 2k, AICc = AIC + 2k(k+1)/(n−k−1),
 * BIC = lik + k·log n, with k = the estimated parameters and initial states, plus one for σ.
 * σ² = Σεₜ²/(n − p), p counting every smoothing parameter and initial state (R's sigma2).
 *
 * Automatic selection by AICc over ETS(A,N,N), (A,A,N), (A,Ad,N), (A,N,A), (A,A,A), (A,Ad,A),
 * (M,N,N), (M,A,N), (M,Ad,N), (M,N,A), (M,A,A), (M,Ad,A), (M,N,M), (M,A,M), (M,Ad,M): R's
 * default set, which leaves out the additive-error models with a multiplicative season or
 * trend (their forecast variance can be infinite, HKOS §15.2) and multiplicative trends.
 * Multiplicative errors and seasons only for strictly positive data; seasonal models only
 * for 2 ≤ m ≤ 24 with at least two full cycles (n ≥ 2m); every model only when n exceeds
 * its estimated parameters and states by more than 4 (R's rule for tiny data).
 *
 * Prediction intervals: for the linear models (class 1 of HKOS ch. 6: ANN, AAN, AAdN, ANA,
 * AAA, AAdA) the exact normal ones, vₕ = σ²(1 + Σⱼ₌₁ʰ⁻¹ cⱼ²) with cⱼ = α + β·(j, or φ + … + φʲ
 * when damped) + γ·[j mod m = 0] (HKOS table 6.1); for all other models the quantiles
 * (R's type 7) of 5,000 simulated sample paths with normal errors from a seeded generator.
 */

import { nelderMead, type NelderMeadResult } from "./optimize.ts";

export type ErrorType = "A" | "M";
export type TrendType = "N" | "A" | "Ad" | "M" | "Md";
export type SeasonType = "N" | "A" | "M";

export interface EtsSpec {
  error: ErrorType;
  trend: TrendType;
  season: SeasonType;
}

export interface EtsParams {
  alpha: number;
  /** Null without a trend. */
  beta: number | null;
  /** Null without a season. */
  gamma: number | null;
  /** Null without a damped trend. */
  phi: number | null;
}

/** States at one time: season[j] is the seasonal index of the (j + 1)-th next period. */
export interface EtsStates {
  level: number;
  trend: number | null;
  season: Float64Array | null;
}

export interface EtsOptions {
  /** Smoothing parameters taken as given (not estimated, not counted in k). */
  fixed?: Partial<Record<"alpha" | "beta" | "gamma" | "phi", number>>;
  /** Initial states taken as given (all of the model's, then none is estimated). */
  initial?: EtsStates;
  /** Criterion for "auto" (default "aicc"). */
  ic?: "aicc" | "aic" | "bic";
  /** Budget of likelihood evaluations per simplex run (default 200 per estimated parameter or state). */
  maxEvaluations?: number;
  /**
   * The optimiser's relative tolerance on lik (default 1e-6, about 0.001 on an AICc near
   * 1,000; in "auto" 1e-5 for each candidate, then 1e-6 for the winner).
   */
  tolerance?: number;
  /** Fresh simplexes after convergence (default 0: the start grid matters more, see docs/forecast.md). */
  restarts?: number;
  /**
   * Separate simplex runs, from that many of the best starting points (default 3 for one
   * model; 1 for each candidate of "auto", which also starts from the other candidates' optima).
   */
  starts?: number;
}

export interface EtsCandidate {
  model: string;
  aicc: number | null;
  aic: number | null;
  bic: number | null;
  /** Likelihood evaluations spent on it. */
  evaluations: number;
  /** Why the model was not fitted. */
  skipped?: string;
}

export interface EtsFit {
  spec: EtsSpec;
  /** "ETS(M,Ad,M)". */
  model: string;
  /** The seasonal period the model uses (1 without a season). */
  period: number;
  n: number;
  params: EtsParams;
  initial: EtsStates;
  /** States after the last observation. */
  final: EtsStates;
  /** Level and trend after each observation, index 0 the initial state (n + 1 values). */
  levels: Float64Array;
  trends: Float64Array | null;
  /** One-step forecasts μₜ and errors εₜ (relative for a multiplicative error). */
  fitted: Float64Array;
  residuals: Float64Array;
  /** Σεₜ²/(n − p). */
  sigma2: number;
  sigma: number;
  /** Mean squared one-step error yₜ − μₜ. */
  mse: number;
  /** R's criterion lik and −lik/2. */
  lik: number;
  logLik: number;
  /** Parameters counted in the criteria (estimated ones and σ). */
  k: number;
  aic: number;
  aicc: number;
  bic: number;
  /** Likelihood evaluations spent. */
  evaluations: number;
  /** For "auto", every model considered; otherwise just this one. */
  candidates: EtsCandidate[];
}

export interface EtsForecast {
  mean: Float64Array;
  levels: number[];
  /** lower[i], upper[i]: the bounds at levels[i] percent. */
  lower: Float64Array[];
  upper: Float64Array[];
  intervals: "analytic" | "simulated";
}

// ---------------------------------------------------------------------------------------
// Specs

const LETTERS: Record<string, TrendType> = { N: "N", A: "A", AD: "Ad", M: "M", MD: "Md" };

/** "MAdM", "M,Ad,M" or "ETS(M,Ad,M)" as a spec. */
export function parseEtsSpec(text: string): EtsSpec {
  const s = text.trim().toUpperCase().replace(/^ETS\((.*)\)$/, "$1").replace(/[\s,]/g, "");
  const m = /^([AM])(N|AD|A|MD|M)([NAM])$/.exec(s);
  if (!m) throw new RangeError(`not an ETS model: "${text}" (write it like "MAdM" or "ETS(A,N,N)")`);
  return { error: m[1] as ErrorType, trend: LETTERS[m[2]!]!, season: m[3] as SeasonType };
}

export function etsName(spec: EtsSpec): string {
  return `ETS(${spec.error},${spec.trend},${spec.season})`;
}

/** R's default automatic set (see the header): 15 models, fewer for short or non-positive data. */
export function etsCandidates(seasonal: boolean, positive: boolean): EtsSpec[] {
  const out: EtsSpec[] = [];
  for (const error of ["A", "M"] as const) {
    if (error === "M" && !positive) continue;
    for (const trend of ["N", "A", "Ad"] as const) {
      for (const season of ["N", "A", "M"] as const) {
        if (season !== "N" && !seasonal) continue;
        if (season === "M" && (error === "A" || !positive)) continue;
        out.push({ error, trend, season });
      }
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// The filter: one pass over the data from given parameters and initial states.

interface Kind {
  e: 0 | 1;
  t: 0 | 1 | 2;
  s: 0 | 1 | 2;
  damped: boolean;
  m: number;
}

function kindOf(spec: EtsSpec, period: number): Kind {
  return {
    e: spec.error === "A" ? 0 : 1,
    t: spec.trend === "N" ? 0 : spec.trend === "A" || spec.trend === "Ad" ? 1 : 2,
    s: spec.season === "N" ? 0 : spec.season === "A" ? 1 : 2,
    damped: spec.trend === "Ad" || spec.trend === "Md",
    m: spec.season === "N" ? 1 : period,
  };
}

interface Trace {
  fitted: Float64Array;
  residuals: Float64Array;
  levels: Float64Array;
  trends: Float64Array | null;
  sse: number;
  final: EtsStates;
}

/**
 * R's criterion lik of the model on y, or NaN when a state or forecast leaves the model's
 * domain (a non-positive forecast with a multiplicative error, a non-positive seasonal index
 * or level with a multiplicative season or trend). par: α, β, γ, φ (1 undamped), ℓ₀, b₀;
 * `ring` is scratch of length m. This is
 * the optimiser's inner loop: one division per step (1/μ), and Σ log μₜ as the log of a
 * running product, taken whenever the product nears the limits of a double.
 */
function filter(y: Float64Array, k: Kind, par: Float64Array, season0: Float64Array | null, ring: Float64Array, trace: Trace | null): number {
  const n = y.length;
  const { e: et, t: tt, s: st } = k;
  // Without a season, one additive index of 0 that never changes; without a trend, b = 0.
  const m = st === 0 ? 1 : k.m;
  if (st === 0) ring[0] = 0;
  else for (let j = 0; j < m; j++) ring[j] = season0![j]!;
  const multSeason = st === 2;
  // Numbers read from a Float64Array stay unboxed doubles in optimised code; arguments that
  // may be small integers would make the loop's states boxed (an allocation per step).
  const alpha = par[0]!;
  const bt = tt === 0 ? 0 : par[1]!;
  const g = st === 0 ? 0 : par[2]!;
  const phi = par[3]!;
  let l = par[4]!;
  let b = tt === 0 ? 0 : par[5]!;
  let sse = 0;
  let logSum = 0;
  let prod = 1;
  let j = 0;
  if (trace) {
    trace.levels[0] = l;
    if (trace.trends) trace.trends[0] = b;
  }
  for (let t = 0; t < n; t++) {
    let phib: number;
    let q: number;
    if (tt !== 2) {
      phib = phi * b;
      q = l + phib;
    } else {
      if (!(b > 0 && l > 0)) return NaN;
      phib = phi === 1 ? b : Math.pow(b, phi);
      q = l * phib;
    }
    const s = ring[j]!;
    const yt = y[t]!;
    let mu: number;
    let err: number;
    // p = y ⊖ s (the deseasonalised value), r = y ⊘ q (the seasonal signal).
    let p: number;
    let r: number;
    if (multSeason) {
      if (!(s > 0)) return NaN;
      mu = q * s;
      if (!(mu > 0)) return NaN;
      const inv = 1 / mu;
      p = yt * q * inv;
      r = yt * s * inv;
      err = et === 0 ? yt - mu : yt * inv - 1;
    } else {
      mu = q + s;
      p = yt - s;
      r = yt - q;
      if (et === 0) err = yt - mu;
      else {
        if (!(mu > 0)) return NaN;
        err = yt / mu - 1;
      }
    }
    if (et === 1) {
      prod *= mu;
      if (prod > 1e150 || prod < 1e-150) {
        logSum += Math.log(prod);
        prod = 1;
      }
    }
    sse += err * err;
    const d = p - q;
    const lNew = q + alpha * d;
    b = tt === 2 ? phib + (bt * d) / l : phib + bt * d;
    ring[j] = s + g * (r - s);
    l = lNew;
    if (++j === m) j = 0;
    if (trace) {
      trace.fitted[t] = mu;
      trace.residuals[t] = err;
      trace.levels[t + 1] = l;
      if (trace.trends) trace.trends[t + 1] = b;
    }
  }
  if (!Number.isFinite(sse)) return NaN;
  logSum += Math.log(prod);
  if (trace) {
    trace.sse = sse;
    let season: Float64Array | null = null;
    if (st !== 0) {
      // After n observations the next period's index sits at n mod m.
      season = new Float64Array(m);
      for (let i = 0; i < m; i++) season[i] = ring[(j + i) % m]!;
    }
    trace.final = { level: l, trend: tt === 0 ? null : b, season };
  }
  // R clamps a perfect fit's log 0.
  return Math.max(n * Math.log(sse) + 2 * logSum, -1e10);
}

// ---------------------------------------------------------------------------------------
// Initial states: Hyndman's heuristic (HKOS §2.6.1).

/** Classical decomposition's seasonal indices (time order, length m) of the first `cycles` cycles of y. */
function seasonalIndices(y: Float64Array, m: number, multiplicative: boolean, cycles: number): Float64Array {
  const len = cycles * m;
  const sum = new Float64Array(m);
  const count = new Float64Array(m);
  const half = Math.floor(m / 2);
  for (let t = half; t + half <= len - 1; t++) {
    // Centred moving average: 2×m for even m, m for odd m.
    let ma = 0;
    if (m % 2 === 0) {
      ma = 0.5 * y[t - half]! + 0.5 * y[t + half]!;
      for (let i = t - half + 1; i < t + half; i++) ma += y[i]!;
    } else {
      for (let i = t - half; i <= t + half; i++) ma += y[i]!;
    }
    ma /= m;
    sum[t % m]! += multiplicative ? y[t]! / ma : y[t]! - ma;
    count[t % m]!++;
  }
  const figure = new Float64Array(m);
  let mean = 0;
  for (let i = 0; i < m; i++) {
    figure[i] = count[i]! > 0 ? sum[i]! / count[i]! : multiplicative ? 1 : 0;
    mean += figure[i]! / m;
  }
  for (let i = 0; i < m; i++) {
    if (multiplicative) figure[i] = Math.max(figure[i]! / mean, 1e-2);
    else figure[i]! -= mean;
  }
  if (multiplicative) {
    let s = 0;
    for (let i = 0; i < m; i++) s += figure[i]!;
    for (let i = 0; i < m; i++) figure[i]! *= m / s;
  }
  return figure;
}

/**
 * The heuristic starting states of a model on y, the seasonal indices from the first
 * `cycles` full cycles (default three, or two when that is all there is).
 */
export function heuristicStates(y: Float64Array, spec: EtsSpec, period: number, cycles = 3): EtsStates {
  const k = kindOf(spec, period);
  const n = y.length;
  let season: Float64Array | null = null;
  const sa = Float64Array.from(y);
  if (k.s !== 0) {
    season = seasonalIndices(y, k.m, k.s === 2, Math.max(1, Math.min(cycles, Math.floor(n / k.m))));
    for (let t = 0; t < n; t++) sa[t] = k.s === 2 ? y[t]! / season[t % k.m]! : y[t]! - season[t % k.m]!;
  }
  const maxn = Math.min(Math.max(10, 2 * k.m), n);
  if (k.t === 0) {
    let mean = 0;
    for (let t = 0; t < maxn; t++) mean += sa[t]! / maxn;
    return { level: mean, trend: null, season };
  }
  // Least squares line through (1, sa₀) … (maxn, sa_{maxn−1}): the intercept is the level at time 0.
  let sx = 0;
  let sy = 0;
  let sxx = 0;
  let sxy = 0;
  for (let t = 0; t < maxn; t++) {
    const x = t + 1;
    sx += x;
    sy += sa[t]!;
    sxx += x * x;
    sxy += x * sa[t]!;
  }
  const slope = maxn > 1 ? (maxn * sxy - sx * sy) / (maxn * sxx - sx * sx) : 0;
  const intercept = (sy - slope * sx) / maxn;
  if (k.t === 1) {
    let l0 = intercept;
    let b0 = slope;
    // A multiplicative error needs l₀ + b₀ ≠ 0 (R perturbs the same way).
    if (Math.abs(l0 + b0) < 1e-8) {
      l0 *= 1 + 1e-3;
      b0 *= 1 - 1e-3;
    }
    return { level: l0, trend: b0, season };
  }
  // Multiplicative trend: the ratio of the line's first two values (R's initstate).
  let first = intercept + slope;
  if (Math.abs(first) < 1e-8) first = 1e-7;
  let b0 = (intercept + 2 * slope) / first;
  let l0 = first / b0;
  if (Math.abs(b0) > 1e10) b0 = Math.sign(b0) * 1e10;
  if (!(l0 >= 1e-8 && b0 >= 1e-8)) {
    l0 = Math.max(sa[0]!, 1e-3);
    b0 = Math.max((sa[1] ?? sa[0]!) / sa[0]!, 1e-3);
  }
  return { level: l0, trend: b0, season };
}

// ---------------------------------------------------------------------------------------
// Fitting one model

const LO = 1e-4;
const HI = 0.9999;
const PHI_LO = 0.8;
const PHI_HI = 0.98;
/** The optimiser's relative tolerance for each candidate of "auto" (the winner is refined to 1e-6). */
const AUTO_TOLERANCE = 1e-5;

/**
 * A bounded parameter v = lo + (hi − lo)·sin²u: every real u is inside the bounds, and unlike
 * a logistic the bounds themselves are reached at finite u (β and γ often sit on 1e-4), so
 * the simplex does not crawl towards them. (On bench-like series this found better optima
 * than logits, with fewer evaluations.)
 */
const squash = (u: number) => Math.sin(u) ** 2;
const unsquash = (v: number, lo: number, hi: number) => Math.asin(Math.sqrt(Math.min(Math.max((v - lo) / (hi - lo), 0), 1)));
/** The simplex's initial step of a squashed parameter. */
const PARAM_STEP = 0.5;

interface Ranges {
  betaLo: number;
  betaHi: number;
  gammaLo: number;
  gammaHi: number;
}
/** β ∈ [1e-4, α], γ ∈ [1e-4, 1 − α], never an empty range. */
function ranges(alpha: number): Ranges {
  const betaHi = Math.min(alpha, HI);
  const gammaHi = Math.min(HI, 1 - alpha);
  return { betaLo: Math.min(LO, betaHi), betaHi, gammaLo: Math.min(LO, gammaHi), gammaHi };
}

/** Number of initial states: ℓ, b, and m − 1 free seasonal indices. */
function stateCount(k: Kind): number {
  return 1 + (k.t !== 0 ? 1 : 0) + (k.s !== 0 ? k.m - 1 : 0);
}

function checkFixed(name: string, v: number | undefined, lo: number, hi: number) {
  if (v !== undefined && !(v >= lo && v <= hi)) throw new RangeError(`${name} = ${v} is outside [${lo}, ${hi}]`);
}

function fitOne(y: Float64Array, spec: EtsSpec, period: number, options: EtsOptions, warm: EtsFit[] = []): EtsFit {
  const k = kindOf(spec, period);
  const n = y.length;
  const m = k.m;
  const fixed = options.fixed ?? {};
  checkFixed("alpha", fixed.alpha, 0, 1);
  checkFixed("beta", fixed.beta, 0, 1);
  checkFixed("gamma", fixed.gamma, 0, 1);
  checkFixed("phi", fixed.phi, 0, 1);
  const hasBeta = k.t !== 0;
  const hasGamma = k.s !== 0;
  const estAlpha = fixed.alpha === undefined;
  const estBeta = hasBeta && fixed.beta === undefined;
  const estGamma = hasGamma && fixed.gamma === undefined;
  const estPhi = k.damped && fixed.phi === undefined;
  const init = options.initial;
  if (init) {
    if (!Number.isFinite(init.level)) throw new RangeError("initial.level must be a number");
    if (hasBeta && !Number.isFinite(init.trend ?? NaN)) throw new RangeError(`${etsName(spec)} needs initial.trend`);
    if (hasGamma && init.season?.length !== m) throw new RangeError(`${etsName(spec)} needs initial.season of length ${m}`);
  }
  const estStates = init === undefined;
  // Two heuristic starts: the seasonal indices of the first three cycles (HKOS §2.6.1), and of
  // all of them (as R's initstate now does), when there are more.
  const bases = init ? [init] : [heuristicStates(y, spec, period)];
  if (!init && hasGamma && n >= 4 * m) bases.push(heuristicStates(y, spec, period, Infinity));
  const start = bases[0]!;

  // Layout of the optimiser's vector.
  const iAlpha = estAlpha ? 0 : -1;
  let next = estAlpha ? 1 : 0;
  const iBeta = estBeta ? next++ : -1;
  const iGamma = estGamma ? next++ : -1;
  const iPhi = estPhi ? next++ : -1;
  const iState = estStates ? next : -1;
  const dim = next + (estStates ? stateCount(k) : 0);

  // Starting values (R's initparam): α₀ = 1e-4 + 0.2·(0.9999 − 1e-4)/m, β₀ 10% and γ₀ 5% into their ranges, φ₀ = 0.978.
  const alpha0 = fixed.alpha ?? LO + (0.2 * (HI - LO)) / m;
  const r0 = ranges(alpha0);
  const x0 = new Float64Array(dim);
  const steps = new Float64Array(dim);
  if (estAlpha) x0[iAlpha] = unsquash(alpha0, LO, HI);
  if (estBeta) x0[iBeta] = unsquash(r0.betaLo + 0.1 * (r0.betaHi - r0.betaLo), r0.betaLo, r0.betaHi);
  if (estGamma) x0[iGamma] = unsquash(r0.gammaLo + 0.05 * (r0.gammaHi - r0.gammaLo), r0.gammaLo, r0.gammaHi);
  if (estPhi) x0[iPhi] = unsquash(PHI_LO + 0.99 * (PHI_HI - PHI_LO), PHI_LO, PHI_HI);
  for (let i = 0; i < next; i++) steps[i] = PARAM_STEP;
  let scale = 0;
  for (let t = 0; t < Math.min(n, 2 * m + 10); t++) scale = Math.max(scale, Math.abs(y[t]!));
  if (scale === 0) scale = 1;
  const putStates = (x: Float64Array, st: EtsStates) => {
    let i = iState;
    x[i++] = st.level;
    if (hasBeta) x[i++] = st.trend!;
    if (hasGamma) for (let j = 1; j < m; j++) x[i++] = st.season![j]!;
  };
  if (estStates) {
    putStates(x0, start);
    let i = iState;
    steps[i++] = Math.max(0.05 * Math.abs(start.level), 0.01 * scale);
    if (hasBeta) steps[i++] = k.t === 2 ? 0.01 : Math.max(0.2 * Math.abs(start.trend!), 0.005 * scale);
    if (hasGamma) for (let j = 1; j < m; j++) steps[i++] = k.s === 2 ? 0.02 : 0.02 * scale;
  }

  const ring = new Float64Array(m);
  const season0 = hasGamma ? new Float64Array(m) : null;
  const par = new Float64Array(6);
  const decode = (x: Float64Array): void => {
    // The ranges of β and γ follow α (as ranges() gives them; inlined, this runs per evaluation).
    const alpha = estAlpha ? LO + (HI - LO) * squash(x[iAlpha]!) : fixed.alpha!;
    const betaHi = Math.min(alpha, HI);
    const betaLo = Math.min(LO, betaHi);
    const gammaHi = Math.min(HI, 1 - alpha);
    const gammaLo = Math.min(LO, gammaHi);
    par[0] = alpha;
    par[1] = !hasBeta ? 0 : estBeta ? betaLo + (betaHi - betaLo) * squash(x[iBeta]!) : fixed.beta!;
    par[2] = !hasGamma ? 0 : estGamma ? gammaLo + (gammaHi - gammaLo) * squash(x[iGamma]!) : fixed.gamma!;
    par[3] = !k.damped ? 1 : estPhi ? PHI_LO + (PHI_HI - PHI_LO) * squash(x[iPhi]!) : fixed.phi!;
    par[4] = estStates ? x[iState]! : start.level;
    par[5] = hasBeta ? (estStates ? x[iState + 1]! : start.trend!) : 0;
    if (hasGamma) {
      if (estStates) {
        const base = iState + (hasBeta ? 2 : 1);
        let sum = 0;
        for (let j = 1; j < m; j++) {
          season0![j] = x[base + j - 1]!;
          sum += season0![j]!;
        }
        season0![0] = (k.s === 2 ? m : 0) - sum;
      } else season0!.set(start.season!);
    }
  };
  const lik = (x: Float64Array): number => {
    decode(x);
    return filter(y, k, par, season0, ring, null);
  };

  // The likelihood has local optima: the candidate starting points are R's, a small grid
  // (α in 0.1 … 0.9, β and γ at 5% or 30% of their ranges, φ at 0.9 or 0.98) at each
  // heuristic's states, and in "auto" the other candidates' optima.
  let spent = 0;
  const starts: { x: Float64Array; v: number; group: number }[] = [];
  let group = 0;
  const consider = (x: Float64Array) => {
    spent++;
    starts.push({ x: Float64Array.from(x), v: lik(x), group });
  };
  consider(x0);
  const trial = Float64Array.from(x0);
  const gridAt = (base: EtsStates) => {
    group++;
    if (estStates) putStates(trial, base);
    for (const a of estAlpha ? [0.1, 0.3, 0.5, 0.7, 0.9] : [alpha0]) {
      const rr = ranges(a);
      if (estAlpha) trial[iAlpha] = unsquash(a, LO, HI);
      for (const bf of estBeta ? [0.05, 0.3] : [0]) {
        if (estBeta) trial[iBeta] = unsquash(rr.betaLo + bf * (rr.betaHi - rr.betaLo), rr.betaLo, rr.betaHi);
        for (const gf of estGamma ? [0.05, 0.3] : [0]) {
          if (estGamma) trial[iGamma] = unsquash(rr.gammaLo + gf * (rr.gammaHi - rr.gammaLo), rr.gammaLo, rr.gammaHi);
          for (const ph of estPhi ? [0.9, 0.98] : [0]) {
            if (estPhi) trial[iPhi] = unsquash(ph, PHI_LO, PHI_HI);
            consider(trial);
          }
        }
      }
    }
  };
  if (next > 0) for (const base of bases) gridAt(base);
  if (estStates && starts.every((st) => Number.isNaN(st.v))) {
    // Every start leaves the model's domain (a heuristic trend can take a multiplicative
    // model's forecasts below zero): a flat start too, the mean level, no trend, no season.
    let mean = 0;
    for (let t = 0; t < Math.min(n, 2 * m + 10); t++) mean += y[t]! / Math.min(n, 2 * m + 10);
    const flat: EtsStates = { level: mean, trend: k.t === 2 ? 1 : 0, season: hasGamma ? new Float64Array(m).fill(k.s === 2 ? 1 : 0) : null };
    if (next > 0) gridAt(flat);
    else {
      putStates(trial, flat);
      consider(trial);
    }
  }
  group++;
  if (next > 0) {
    // The optima of the models already fitted with a season of either kind (an additive index
    // s is the multiplicative 1 + s/ℓ₀) or, for a model without a season, without one.
    for (const w of warm) {
      if ((w.spec.season === "N") !== (spec.season === "N")) continue;
      const a = w.params.alpha;
      const rr = ranges(a);
      if (estAlpha) trial[iAlpha] = unsquash(a, LO, HI);
      if (estBeta) trial[iBeta] = unsquash(w.params.beta ?? rr.betaLo + 0.1 * (rr.betaHi - rr.betaLo), rr.betaLo, rr.betaHi);
      if (estGamma) trial[iGamma] = unsquash(w.params.gamma!, rr.gammaLo, rr.gammaHi);
      if (estPhi) trial[iPhi] = unsquash(w.params.phi ?? PHI_HI, PHI_LO, PHI_HI);
      if (estStates) {
        let i = iState;
        const l = w.initial.level;
        trial[i++] = l;
        if (hasBeta) {
          // A growth rate b is the slope (b − 1)·ℓ₀, and back.
          const b = w.initial.trend;
          const fromMult = w.spec.trend === "M" || w.spec.trend === "Md";
          trial[i++] = b === null ? (k.t === 2 ? 1 : 0) : (k.t === 2) === fromMult ? b : k.t === 2 ? 1 + b / l : (b - 1) * l;
        }
        if (hasGamma) {
          const from = w.spec.season;
          for (let j = 1; j < m; j++) {
            const sj = w.initial.season![j]!;
            trial[i++] = from === spec.season ? sj : spec.season === "M" ? 1 + sj / l : (sj - 1) * l;
          }
        }
      }
      consider(trial);
    }
  }
  // The simplex runs from `starts` starting points: the best (a NaN, outside the model's
  // domain, last), then the best of each other group (one heuristic's grid, the other's, the
  // other candidates' optima), then the next best.
  starts.sort((p, q) => (Number.isNaN(p.v) ? 1 : Number.isNaN(q.v) ? -1 : p.v - q.v));
  const chosen: typeof starts = [];
  const want = Math.max(1, options.starts ?? 3);
  for (const st of starts) if (chosen.length < want && !chosen.some((c) => c.group === st.group)) chosen.push(st);
  for (const st of starts) if (chosen.length < want && !chosen.includes(st)) chosen.push(st);
  let opt: NelderMeadResult | null = null;
  for (const st of chosen) {
    const run = nelderMead(lik, st.x, { steps, relTolerance: options.tolerance ?? 1e-6, restarts: options.restarts ?? 0, maxEvaluations: options.maxEvaluations ?? Math.max(200, 200 * dim) });
    spent += run.evaluations;
    if (opt === null || run.value < opt.value) opt = run;
    if (dim === 0) break;
  }
  if (opt === null) throw new Error("unreachable: no starting point");
  decode(opt.x);
  const l0 = par[4]!;
  const b0 = par[5]!;
  const trace: Trace = {
    fitted: new Float64Array(n),
    residuals: new Float64Array(n),
    levels: new Float64Array(n + 1),
    trends: hasBeta ? new Float64Array(n + 1) : null,
    sse: NaN,
    final: { level: NaN, trend: null, season: null },
  };
  const L = filter(y, k, par, season0, ring, trace);
  if (!Number.isFinite(L)) throw new RangeError(`${etsName(spec)} cannot be fitted to these data: a forecast or state left the model's domain`);

  const estimated = dim;
  const kk = estimated + 1;
  const p = 1 + (hasBeta ? 1 : 0) + (hasGamma ? 1 : 0) + (k.damped ? 1 : 0) + stateCount(k);
  let mse = 0;
  for (let t = 0; t < n; t++) mse += (y[t]! - trace.fitted[t]!) ** 2 / n;
  const sigma2 = n > p ? trace.sse / (n - p) : NaN;
  const aic = L + 2 * kk;
  const fit: EtsFit = {
    spec,
    model: etsName(spec),
    period: m,
    n,
    params: { alpha: par[0]!, beta: hasBeta ? par[1]! : null, gamma: hasGamma ? par[2]! : null, phi: k.damped ? par[3]! : null },
    initial: { level: l0, trend: hasBeta ? b0 : null, season: season0 ? Float64Array.from(season0) : null },
    final: trace.final,
    levels: trace.levels,
    trends: trace.trends,
    fitted: trace.fitted,
    residuals: trace.residuals,
    sigma2,
    sigma: Math.sqrt(sigma2),
    mse,
    lik: L,
    logLik: -0.5 * L,
    k: kk,
    aic,
    aicc: n - kk - 1 > 0 ? aic + (2 * kk * (kk + 1)) / (n - kk - 1) : Infinity,
    bic: L + Math.log(n) * kk,
    evaluations: spent,
    candidates: [],
  };
  fit.candidates = [{ model: fit.model, aicc: fit.aicc, aic: fit.aic, bic: fit.bic, evaluations: fit.evaluations }];
  return fit;
}

/** Why a model cannot be fitted to n values with period m, or null. */
function unfit(spec: EtsSpec, y: Float64Array, period: number, estimatesStates: boolean, fixedCount: number): string | null {
  const k = kindOf(spec, period);
  const n = y.length;
  if (spec.error === "A" && (k.s === 2 || k.t === 2)) return "forbidden combination: an additive error with a multiplicative season or trend can have an infinite forecast variance (R's restrict)";
  if (spec.error === "M" && k.t === 2 && k.s === 1) return "forbidden combination: a multiplicative trend with an additive season (R's restrict)";
  if (k.s !== 0) {
    if (!(period >= 2 && period <= 24)) return `a seasonal model needs a period from 2 to 24 (got ${period})`;
    if (n < 2 * period) return `a seasonal model needs two full cycles (${2 * period} values, got ${n})`;
  }
  if (spec.error === "M" || spec.season === "M" || k.t === 2) {
    for (let t = 0; t < n; t++) if (!(y[t]! > 0)) return "multiplicative components need strictly positive data";
  }
  const params = 1 + (k.t !== 0 ? 1 : 0) + (k.s !== 0 ? 1 : 0) + (k.damped ? 1 : 0) - fixedCount;
  const estimated = params + (estimatesStates ? stateCount(k) : 0);
  if (estimatesStates && n <= estimated + 4) return `${estimated} parameters and states need more than ${estimated + 4} values (got ${n})`;
  return null;
}

/** The given parameters that a model has (a fixed β means nothing to a model without trend). */
function fixedFor(spec: EtsSpec, period: number, options: EtsOptions): EtsOptions["fixed"] {
  const k = kindOf(spec, period);
  const f = options.fixed ?? {};
  return { alpha: f.alpha, beta: k.t !== 0 ? f.beta : undefined, gamma: k.s !== 0 ? f.gamma : undefined, phi: k.damped ? f.phi : undefined };
}

/**
 * Fits one ETS model (a spec, or its text like "MAdM") or, with "auto", every admissible model,
 * returning the one with the least AICc (or options.ic) and all candidates with theirs.
 */
export function fitEts(y: Float64Array, period: number, spec: EtsSpec | string | "auto", options: EtsOptions = {}): EtsFit {
  if (y.length === 0) throw new RangeError("no data");
  for (let t = 0; t < y.length; t++) if (!Number.isFinite(y[t]!)) throw new RangeError(`y[${t}] is not a finite number`);
  if (!(Number.isInteger(period) && period >= 1)) throw new RangeError(`period must be a whole number ≥ 1 (got ${period})`);
  const fixedCount = Object.values(options.fixed ?? {}).filter((v) => v !== undefined).length;
  if (spec !== "auto") {
    const s = typeof spec === "string" ? parseEtsSpec(spec) : spec;
    const why = unfit(s, y, period, options.initial === undefined, fixedCount);
    if (why) throw new RangeError(`${etsName(s)}: ${why}`);
    return fitOne(y, s, period, options);
  }
  let positive = true;
  for (let t = 0; t < y.length; t++) if (!(y[t]! > 0)) positive = false;
  const seasonal = period >= 2 && period <= 24 && y.length >= 2 * period;
  const ic = options.ic ?? "aicc";
  const candidates: EtsCandidate[] = [];
  let best: EtsFit | null = null;
  const fitted: EtsFit[] = [];
  for (const s of etsCandidates(seasonal, positive)) {
    const why = unfit(s, y, period, options.initial === undefined, 0);
    if (why) {
      candidates.push({ model: etsName(s), aicc: null, aic: null, bic: null, evaluations: 0, skipped: why });
      continue;
    }
    const fixed = fixedFor(s, period, options);
    let fit: EtsFit;
    try {
      fit = fitOne(y, s, period, { ...options, fixed, initial: undefined, starts: options.starts ?? 1, tolerance: options.tolerance ?? AUTO_TOLERANCE }, fitted);
    } catch (e) {
      candidates.push({ model: etsName(s), aicc: null, aic: null, bic: null, evaluations: 0, skipped: (e as Error).message });
      continue;
    }
    candidates.push(fit.candidates[0]!);
    fitted.push(fit);
    if (best === null || fit[ic] < best[ic]) best = fit;
  }
  if (best === null) throw new RangeError(`no ETS model can be fitted to ${y.length} values: ${candidates.map((c) => `${c.model}: ${c.skipped}`).join("; ")}`);
  // The winner again, from its own optimum, to the tolerance of a single fit.
  const refined = fitOne(y, best.spec, period, { ...options, fixed: fixedFor(best.spec, period, options), initial: undefined, starts: 1 }, [best]);
  const chosen = refined[ic] < best[ic] ? refined : best;
  const entry = candidates.find((c) => c.model === chosen.model)!;
  Object.assign(entry, { aicc: chosen.aicc, aic: chosen.aic, bic: chosen.bic, evaluations: entry.evaluations + refined.evaluations });
  chosen.candidates = candidates;
  return chosen;
}

// ---------------------------------------------------------------------------------------
// Forecasts

/** Point forecasts μₙ₊ₕ, h = 1 … H, from the final states (HKOS table 2.1). */
function pointForecasts(fit: EtsFit, h: number): Float64Array {
  const k = kindOf(fit.spec, fit.period);
  const { level: l, trend, season } = fit.final;
  const b = trend ?? 0;
  const phi = fit.params.phi ?? 1;
  const out = new Float64Array(h);
  let phiH = 0;
  let pow = 1;
  for (let i = 1; i <= h; i++) {
    pow *= phi;
    phiH += pow;
    const q = k.t === 0 ? l : k.t === 1 ? l + phiH * b : l * Math.pow(b, phiH);
    const s = season ? season[(i - 1) % k.m]! : 0;
    out[i - 1] = k.s === 0 ? q : k.s === 1 ? q + s : q * s;
  }
  return out;
}

/**
 * Inverse standard normal CDF, Acklam's rational approximation (relative error < 1.2e-9),
 * refined by one Halley step on the complementary error function below.
 */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`p must lie in (0, 1) (got ${p})`);
  const a = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
  const b = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
  const c = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
  const plow = 0.02425;
  let x: number;
  if (p < plow) {
    const q = Math.sqrt(-2 * Math.log(p));
    x = (((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) / ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1);
  } else if (p <= 1 - plow) {
    const q = p - 0.5;
    const r = q * q;
    x = ((((((a[0]! * r + a[1]!) * r + a[2]!) * r + a[3]!) * r + a[4]!) * r + a[5]!) * q) / (((((b[0]! * r + b[1]!) * r + b[2]!) * r + b[3]!) * r + b[4]!) * r + 1);
  } else {
    const q = Math.sqrt(-2 * Math.log(1 - p));
    x = -(((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) / ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1);
  }
  const e = 0.5 * erfc(-x / Math.SQRT2) - p;
  const u = e * Math.sqrt(2 * Math.PI) * Math.exp((x * x) / 2);
  return x - u / (1 + (x * u) / 2);
}

/** Complementary error function: the Maclaurin series of erf for |x| < 2.5, Laplace's continued fraction beyond (both to double precision). */
function erfc(x: number): number {
  const z = Math.abs(x);
  let r: number;
  if (z < 2.5) {
    // erf by its Maclaurin series: erf z = 2/√π Σ (−1)ⁿ z^(2n+1) / (n! (2n+1)).
    let term = z;
    let sum = z;
    for (let n = 1; n < 200; n++) {
      term *= (-z * z) / n;
      const add = term / (2 * n + 1);
      sum += add;
      if (Math.abs(add) < 1e-17 * Math.abs(sum)) break;
    }
    r = 1 - (2 / Math.sqrt(Math.PI)) * sum;
  } else {
    // Lentz's evaluation of erfc z = exp(−z²)/√π · 1/(z + (1/2)/(z + 1/(z + (3/2)/(z + …)))).
    let f = z;
    let C = z;
    let D = 0;
    for (let i = 1; i < 300; i++) {
      const an = i / 2;
      D = z + an * D;
      D = D === 0 ? 1e-300 : 1 / D;
      C = z + an / C;
      if (C === 0) C = 1e-300;
      const delta = C * D;
      f *= delta;
      if (Math.abs(delta - 1) < 1e-16) break;
    }
    r = Math.exp(-z * z) / Math.sqrt(Math.PI) / f;
  }
  return x >= 0 ? r : 2 - r;
}

/** Class 1 of HKOS ch. 6: additive error, no multiplicative component. */
export function isLinear(spec: EtsSpec): boolean {
  return spec.error === "A" && (spec.trend === "N" || spec.trend === "A" || spec.trend === "Ad") && spec.season !== "M";
}

/** A small seeded generator: mulberry32 (Tommy Ettinger, 2017, public domain) and Box–Muller normals. */
export function normalGenerator(seed: number): () => number {
  let a = seed >>> 0;
  let spare = NaN;
  const uniform = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return (((t ^ (t >>> 14)) >>> 0) + 0.5) / 4294967296;
  };
  return () => {
    if (!Number.isNaN(spare)) {
      const z = spare;
      spare = NaN;
      return z;
    }
    const r = Math.sqrt(-2 * Math.log(uniform()));
    const th = 2 * Math.PI * uniform();
    spare = r * Math.sin(th);
    return r * Math.cos(th);
  };
}

/**
 * Runs a model forward from `state` with the given errors εₜ (used as they are: yₜ = μₜ + εₜ,
 * or μₜ(1 + εₜ) with a multiplicative error), as R's simulate.ets with `innov`.
 */
export function simulateEts(spec: EtsSpec | string, period: number, params: EtsParams, state: EtsStates, errors: Float64Array): Float64Array {
  const s = typeof spec === "string" ? parseEtsSpec(spec) : spec;
  const k = kindOf(s, period);
  const h = errors.length;
  const out = new Float64Array(h);
  const ring = new Float64Array(k.m);
  if (k.s !== 0) {
    if (state.season?.length !== k.m) throw new RangeError(`${etsName(s)} needs a season of length ${k.m}`);
    ring.set(state.season);
  }
  const alpha = params.alpha;
  const beta = params.beta ?? 0;
  const gamma = params.gamma ?? 0;
  const phi = params.phi ?? 1;
  let l = state.level;
  let b = state.trend ?? 0;
  let j = 0;
  for (let i = 0; i < h; i++) {
    let phib = 0;
    let q = l;
    if (k.t === 1) {
      phib = phi * b;
      q = l + phib;
    } else if (k.t === 2) {
      phib = phi === 1 ? b : Math.pow(b, phi);
      q = l * phib;
    }
    const sv = k.s === 0 ? 0 : ring[j]!;
    const mu = k.s === 0 ? q : k.s === 1 ? q + sv : q * sv;
    const yt = k.e === 0 ? mu + errors[i]! : mu * (1 + errors[i]!);
    out[i] = yt;
    const p = k.s === 0 ? yt : k.s === 1 ? yt - sv : yt / sv;
    const lNew = q + alpha * (p - q);
    if (k.t === 1) b = phib + beta * (p - q);
    else if (k.t === 2) b = phib + (beta * (p - q)) / l;
    if (k.s === 1) ring[j] = sv + gamma * (yt - q - sv);
    else if (k.s === 2) ring[j] = sv + gamma * (yt / q - sv);
    l = lNew;
    if (++j === k.m) j = 0;
  }
  return out;
}

/** R's default quantile (type 7) of sorted values. */
function quantileSorted(sorted: Float64Array, p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

export interface ForecastOptions {
  /** Simulate the intervals even for a linear model. */
  simulate?: boolean;
  /** Sample paths for simulated intervals (default 5,000, as R). */
  paths?: number;
  /** Seed of the simulation (default 1). */
  seed?: number;
}

/** Point forecasts for h periods ahead and prediction intervals at the given levels (percent). */
export function forecastEts(fit: EtsFit, h: number, levels: number[] = [80, 95], options: ForecastOptions = {}): EtsForecast {
  if (!(Number.isInteger(h) && h >= 1)) throw new RangeError(`h must be a whole number ≥ 1 (got ${h})`);
  for (const lv of levels) if (!(lv > 0 && lv < 100)) throw new RangeError(`levels are percentages in (0, 100) (got ${lv})`);
  const mean = pointForecasts(fit, h);
  const lower = levels.map(() => new Float64Array(h));
  const upper = levels.map(() => new Float64Array(h));
  const sigma = fit.sigma;
  if (isLinear(fit.spec) && !options.simulate) {
    const { alpha } = fit.params;
    const beta = fit.params.beta ?? 0;
    const gamma = fit.params.gamma ?? 0;
    const phi = fit.params.phi ?? 1;
    const damped = fit.params.phi !== null;
    const hasTrend = fit.params.beta !== null;
    const m = fit.period;
    let sumC2 = 0;
    let phiJ = 0;
    let pow = 1;
    const z = levels.map((lv) => normalQuantile(0.5 + lv / 200));
    for (let i = 1; i <= h; i++) {
      // vₕ uses c₁ … cₕ₋₁ (HKOS table 6.1).
      const v = sigma * sigma * (1 + sumC2);
      const sd = Math.sqrt(v);
      for (let li = 0; li < levels.length; li++) {
        lower[li]![i - 1] = mean[i - 1]! - z[li]! * sd;
        upper[li]![i - 1] = mean[i - 1]! + z[li]! * sd;
      }
      const j = i;
      pow *= phi;
      phiJ += pow;
      const c = alpha + (hasTrend ? beta * (damped ? phiJ : j) : 0) + (fit.params.gamma !== null && j % m === 0 ? gamma : 0);
      sumC2 += c * c;
    }
    return { mean, levels: [...levels], lower, upper, intervals: "analytic" };
  }
  const paths = options.paths ?? 5000;
  const draw = normalGenerator(options.seed ?? 1);
  const sims = new Float64Array(paths * h);
  const errors = new Float64Array(h);
  for (let r = 0; r < paths; r++) {
    for (let i = 0; i < h; i++) errors[i] = sigma * draw();
    const path = simulateEts(fit.spec, fit.period, fit.params, fit.final, errors);
    for (let i = 0; i < h; i++) sims[i * paths + r] = path[i]!;
  }
  for (let i = 0; i < h; i++) {
    const col = sims.subarray(i * paths, (i + 1) * paths).sort();
    for (let li = 0; li < levels.length; li++) {
      const tail = (100 - levels[li]!) / 200;
      lower[li]![i] = quantileSorted(col, tail);
      upper[li]![i] = quantileSorted(col, 1 - tail);
    }
  }
  return { mean, levels: [...levels], lower, upper, intervals: "simulated" };
}
