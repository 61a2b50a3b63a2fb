/**
 * Maximum likelihood on log-parameters, shared by the BG/NBD, Pareto/NBD and Gamma-Gamma
 * fits. Every parameter of these models is positive, so the search runs on θ = ln(param)
 * (no bounds to handle, and the likelihood is closer to quadratic there).
 *
 * With an analytic gradient (BG/NBD, Gamma-Gamma): BFGS (Nocedal & Wright 2006, "Numerical
 * Optimization", 2nd ed., Algorithm 6.1, with the initial scaling of eq. 6.20) and a
 * backtracking Armijo line search, from the best of the starts; some 20–40 iterations,
 * where a simplex takes hundreds of evaluations: what makes a million customers fast.
 * Without one (Pareto/NBD, whose ₂F₁ terms have no handy derivatives in the parameters):
 * 1. Nelder–Mead (../forecast/optimize.ts) from each start; the best end wins;
 * 2. Newton steps on the numerical gradient and Hessian (central differences, step 1e-4
 *    in θ) while they improve the likelihood: the simplex stops at a relative tolerance,
 *    Newton takes the last digits cheaply.
 * Standard errors from the observed information: the Hessian H of −ℓ(θ) at the optimum by
 * central differences (of the analytic gradient, step 1e-4, or of ℓ itself, step 1e-3),
 * Cov(θ̂) = H⁻¹, and by the delta method (param = e^θ) Cov(param) = D H⁻¹ D with
 * D = diag(param), so se(param) = param·√(H⁻¹)ᵢᵢ. The log-scale covariance is kept for
 * drawing parameters (clv.ts), which stay positive that way.
 */

import { nelderMead } from "../forecast/optimize.ts";

export interface MleFit<Name extends string> {
  /** Estimates by name, natural scale. */
  params: Record<Name, number>;
  /** Standard errors by name, natural scale (NaN when the Hessian is not positive definite). */
  standardErrors: Record<Name, number>;
  names: readonly Name[];
  /** The estimates in `names` order, natural scale. */
  estimate: Float64Array;
  /** ln of the estimates. */
  logEstimate: Float64Array;
  /** Covariance of the estimates, natural scale, d×d row-major. */
  covariance: Float64Array;
  /** Covariance of ln(estimates), d×d row-major. */
  logCovariance: Float64Array;
  /** Maximised log-likelihood. */
  logLikelihood: number;
  /** Customers in the fit (sum of the weights). */
  customers: number;
  /** Likelihood evaluations. */
  evaluations: number;
  /** Whether the simplex met its tolerance and the Hessian is positive definite. */
  converged: boolean;
  hessianPositiveDefinite: boolean;
}

export interface FitOptions {
  /** Starting points, natural scale, in the model's parameter order (defaults per model); the gradient-based fits start from the first. */
  starts?: number[][];
  /** Budget of likelihood evaluations: per start for the simplex (default 3000), for BFGS (default 500). */
  maxEvaluations?: number;
}

/** The start with the highest likelihood: one simplex run instead of one per start. */
export function bestStart(candidates: number[][], ll: (theta: Float64Array) => number): number[] {
  let best = candidates[0]!;
  let bestValue = -Infinity;
  for (const c of candidates) {
    const v = ll(Float64Array.from(c.map(Math.log)));
    if (v > bestValue) {
      bestValue = v;
      best = c;
    }
  }
  return best;
}

/** Steps in θ: small for the gradient of the Newton polish, larger for the Hessian, whose
 * rounding error (ε·|ℓ|/h²) dominates below ~1e-3 (checked against lifetimes' exact Hessian). */
const GRADIENT_STEP = 1e-4;
const HESSIAN_STEP = 1e-3;

/** ℓ(θ), filling `gradient` with ∂ℓ/∂θ. */
export type LogLikWithGradient = (theta: Float64Array, gradient: Float64Array) => number;

/**
 * Maximises `logLik(θ)` (θ = ln params) from the given natural-scale starts; with
 * `withGradient`, by BFGS from the first start.
 */
export function maximiseLogLikelihood<Name extends string>(
  names: readonly Name[],
  logLik: (theta: Float64Array) => number,
  starts: number[][],
  customers: number,
  options: FitOptions = {},
  withGradient?: LogLikWithGradient,
): MleFit<Name> {
  const d = names.length;
  for (const start of options.starts ?? starts) {
    if (start.length !== d || start.some((v) => !(v > 0))) throw new RangeError(`a start must have ${d} positive values (${names.join(", ")}); got [${start.join(", ")}]`);
  }
  let evaluations = 0;
  const negLL = (theta: Float64Array) => {
    evaluations++;
    const v = -logLik(theta);
    return Number.isFinite(v) ? v : Infinity;
  };
  let theta: Float64Array;
  let value: number;
  let converged: boolean;
  let hessian: Float64Array;
  if (withGradient) {
    const grad = new Float64Array(d);
    const negWithGradient = (t: Float64Array, g: Float64Array) => {
      evaluations++;
      const v = -withGradient(t, grad);
      for (let i = 0; i < d; i++) g[i] = -grad[i]!;
      return Number.isFinite(v) && g.every(Number.isFinite) ? v : Infinity;
    };
    const r = bfgs(negWithGradient, Float64Array.from((options.starts ?? starts)[0]!, Math.log), options.maxEvaluations ?? 500);
    theta = r.x;
    value = r.value;
    converged = r.converged;
    hessian = gradientHessian(negWithGradient, theta);
  } else {
    let best: Float64Array | null = null;
    let bestValue = Infinity;
    converged = false;
    for (const start of options.starts ?? starts) {
      const r = nelderMead(negLL, start.map(Math.log), { steps: new Array<number>(d).fill(0.5), relTolerance: 1e-11, maxEvaluations: options.maxEvaluations ?? 3000, restarts: 3 });
      if (r.value < bestValue) {
        bestValue = r.value;
        best = r.x;
        converged = r.converged;
      }
    }
    if (best === null || !Number.isFinite(bestValue)) throw new RangeError(`the likelihood is not finite at any start: check the data`);
    theta = Float64Array.from(best);
    value = bestValue;
    for (let iter = 0; iter < 10; iter++) {
      const { gradient, hessian: h } = derivatives(negLL, theta, value, GRADIENT_STEP);
      const step = solveSpd(h, gradient, d);
      if (!step) break;
      let t = 1;
      let improved = false;
      for (let half = 0; half < 20; half++, t /= 2) {
        const trial = theta.map((v, i) => v - t * step[i]!);
        const tv = negLL(trial);
        if (tv < value) {
          theta.set(trial);
          const gain = value - tv;
          value = tv;
          improved = gain > 1e-12 * (1 + Math.abs(value));
          break;
        }
      }
      if (!improved) break;
    }
    hessian = derivatives(negLL, theta, value, HESSIAN_STEP).hessian;
  }
  const logCov = invertSpd(hessian, d);
  const estimate = theta.map(Math.exp);
  const covariance = new Float64Array(d * d).fill(NaN);
  const logCovariance = logCov ?? new Float64Array(d * d).fill(NaN);
  if (logCov) for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) covariance[i * d + j] = estimate[i]! * estimate[j]! * logCov[i * d + j]!;
  const params = {} as Record<Name, number>;
  const standardErrors = {} as Record<Name, number>;
  names.forEach((name, i) => {
    params[name] = estimate[i]!;
    standardErrors[name] = Math.sqrt(covariance[i * d + i]!);
  });
  return {
    params, standardErrors, names, estimate, logEstimate: theta, covariance, logCovariance,
    logLikelihood: -value, customers, evaluations, converged: converged && logCov !== null, hessianPositiveDefinite: logCov !== null,
  };
}

/** Minimises f (with its gradient) by BFGS with a backtracking Armijo line search. */
function bfgs(f: (x: Float64Array, g: Float64Array) => number, x0: Float64Array, maxEvaluations: number): { x: Float64Array; value: number; converged: boolean } {
  const d = x0.length;
  const x = Float64Array.from(x0);
  const g = new Float64Array(d);
  let fx = f(x, g);
  if (!Number.isFinite(fx)) throw new RangeError("the likelihood is not finite at the start: check the data");
  const hinv = new Float64Array(d * d);
  const identity = () => {
    hinv.fill(0);
    for (let i = 0; i < d; i++) hinv[i * d + i] = 1;
  };
  identity();
  let scaled = false;
  const p = new Float64Array(d);
  const xn = new Float64Array(d);
  const gn = new Float64Array(d);
  const s = new Float64Array(d);
  const y = new Float64Array(d);
  const hy = new Float64Array(d);
  let evaluations = 1;
  let stalls = 0;
  while (evaluations < maxEvaluations) {
    for (let i = 0; i < d; i++) {
      let v = 0;
      for (let j = 0; j < d; j++) v -= hinv[i * d + j]! * g[j]!;
      p[i] = v;
    }
    let slope = 0;
    for (let i = 0; i < d; i++) slope += g[i]! * p[i]!;
    if (!(slope < 0)) {
      identity();
      scaled = false;
      for (let i = 0; i < d; i++) p[i] = -g[i]!;
      slope = -g.reduce((a, v) => a + v * v, 0);
      if (slope === 0) return { x, value: fx, converged: true };
    }
    // The step's predicted gain −gᵀp/2 is below what f's rounding can show: done.
    if (scaled && -slope <= 1e-12 * (1 + Math.abs(fx))) return { x, value: fx, converged: true };
    // Steps of more than 2 in ln(param) (a factor e²) are cut back.
    const longest = p.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
    let t = Math.min(1, 2 / longest);
    let fn = Infinity;
    for (let k = 0; k < 40; k++) {
      for (let i = 0; i < d; i++) xn[i] = x[i]! + t * p[i]!;
      fn = f(xn, gn);
      evaluations++;
      if (fn <= fx + 1e-4 * t * slope) break;
      t *= 0.5;
    }
    if (!(fn <= fx + 1e-4 * t * slope)) return { x, value: fx, converged: -slope <= 1e-8 * (1 + Math.abs(fx)) };
    let sy = 0;
    let yy = 0;
    for (let i = 0; i < d; i++) {
      s[i] = xn[i]! - x[i]!;
      y[i] = gn[i]! - g[i]!;
      sy += s[i]! * y[i]!;
      yy += y[i]! * y[i]!;
    }
    const gain = fx - fn;
    x.set(xn);
    g.set(gn);
    fx = fn;
    const gmax = g.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
    stalls = gain <= 1e-15 * Math.abs(fx) ? stalls + 1 : 0;
    if (gmax <= 1e-9 * Math.max(1, Math.abs(fx)) || stalls >= 3) return { x, value: fx, converged: true };
    if (sy > 1e-12 * Math.sqrt(yy) * Math.sqrt(s.reduce((a, v) => a + v * v, 0))) {
      if (!scaled) {
        identity();
        for (let i = 0; i < d; i++) hinv[i * d + i] = sy / yy;
        scaled = true;
      }
      // H ← (I − ρsyᵀ)H(I − ρysᵀ) + ρssᵀ, ρ = 1/sᵀy.
      let yhy = 0;
      for (let i = 0; i < d; i++) {
        let v = 0;
        for (let j = 0; j < d; j++) v += hinv[i * d + j]! * y[j]!;
        hy[i] = v;
        yhy += y[i]! * v;
      }
      const rho = 1 / sy;
      for (let i = 0; i < d; i++) {
        for (let j = 0; j < d; j++) {
          hinv[i * d + j] = hinv[i * d + j]! - rho * (hy[i]! * s[j]! + s[i]! * hy[j]!) + (rho * rho * yhy + rho) * s[i]! * s[j]!;
        }
      }
    }
  }
  return { x, value: fx, converged: false };
}

/** Hessian of f by central differences of its analytic gradient (symmetrised). */
function gradientHessian(f: (x: Float64Array, g: Float64Array) => number, theta: Float64Array): Float64Array {
  const d = theta.length;
  const h = GRADIENT_STEP;
  const hess = new Float64Array(d * d);
  const p = Float64Array.from(theta);
  const gp = new Float64Array(d);
  const gm = new Float64Array(d);
  for (let j = 0; j < d; j++) {
    p.set(theta);
    p[j]! += h;
    f(p, gp);
    p[j]! -= 2 * h;
    f(p, gm);
    for (let i = 0; i < d; i++) hess[i * d + j] = (gp[i]! - gm[i]!) / (2 * h);
  }
  for (let i = 0; i < d; i++) {
    for (let j = 0; j < i; j++) {
      const v = (hess[i * d + j]! + hess[j * d + i]!) / 2;
      hess[i * d + j] = v;
      hess[j * d + i] = v;
    }
  }
  return hess;
}

/** Central-difference gradient and Hessian of f at θ (f(θ) = f0), step h. */
export function derivatives(f: (theta: Float64Array) => number, theta: Float64Array, f0: number, h: number): { gradient: Float64Array; hessian: Float64Array } {
  const d = theta.length;
  const gradient = new Float64Array(d);
  const hessian = new Float64Array(d * d);
  const p = Float64Array.from(theta);
  const at = (i: number, di: number, j: number, dj: number) => {
    p.set(theta);
    p[i]! += di;
    p[j]! += dj;
    return f(p);
  };
  for (let i = 0; i < d; i++) {
    const fp = at(i, h, i, 0);
    const fm = at(i, -h, i, 0);
    gradient[i] = (fp - fm) / (2 * h);
    hessian[i * d + i] = (fp - 2 * f0 + fm) / (h * h);
    for (let j = 0; j < i; j++) {
      const v = (at(i, h, j, h) - at(i, h, j, -h) - at(i, -h, j, h) + at(i, -h, j, -h)) / (4 * h * h);
      hessian[i * d + j] = v;
      hessian[j * d + i] = v;
    }
  }
  return { gradient, hessian };
}

/** Cholesky factor L (lower, row-major) of a symmetric positive definite matrix, or null. */
export function cholesky(a: Float64Array, d: number): Float64Array | null {
  const l = new Float64Array(d * d);
  for (let i = 0; i < d; i++) {
    for (let j = 0; j <= i; j++) {
      let s = a[i * d + j]!;
      for (let k = 0; k < j; k++) s -= l[i * d + k]! * l[j * d + k]!;
      if (i === j) {
        if (!(s > 0)) return null;
        l[i * d + i] = Math.sqrt(s);
      } else l[i * d + j] = s / l[j * d + j]!;
    }
  }
  return l;
}

function solveSpd(a: Float64Array, b: Float64Array, d: number): Float64Array | null {
  const l = cholesky(a, d);
  if (!l) return null;
  const y = new Float64Array(d);
  for (let i = 0; i < d; i++) {
    let s = b[i]!;
    for (let k = 0; k < i; k++) s -= l[i * d + k]! * y[k]!;
    y[i] = s / l[i * d + i]!;
  }
  const x = new Float64Array(d);
  for (let i = d - 1; i >= 0; i--) {
    let s = y[i]!;
    for (let k = i + 1; k < d; k++) s -= l[k * d + i]! * x[k]!;
    x[i] = s / l[i * d + i]!;
  }
  return x;
}

function invertSpd(a: Float64Array, d: number): Float64Array | null {
  const inv = new Float64Array(d * d);
  for (let j = 0; j < d; j++) {
    const e = new Float64Array(d);
    e[j] = 1;
    const col = solveSpd(a, e, d);
    if (!col) return null;
    for (let i = 0; i < d; i++) inv[i * d + j] = col[i]!;
  }
  return inv;
}
