/**
 * Customer lifetime value over a horizon, discounted, from a transaction model (BG/NBD or
 * Pareto/NBD) and the Gamma-Gamma spend model (docs/btyd.md, "CLV"):
 *
 *   CLV = margin · E(M | x, mx) · Σₖ₌₁ᴴ [E(kΔ) − E((k − 1)Δ)] / (1 + d)ᵏ,
 *
 * with E(t) = E[purchases in (T, T + t] | x, tx, T] of the transaction model, Δ the step
 * length in the model's time unit, H the number of steps, d the discount rate per step, and
 * purchases of step k discounted as if made at its end. This is the discrete form of the
 * "discounted expected residual transactions" of Fader, Hardie & Lee (2005), "RFM and CLV",
 * JMR 42(4), as lifetimes' customer_lifetime_value computes it; spend and purchases are independent in
 * the model, so the expectation of the product is the product of the expectations.
 *
 * The interval reflects the uncertainty of the estimated parameters only (not the
 * customer's own randomness): draws of ln(parameters) from the asymptotic normal
 * N(θ̂, H⁻¹) of each fit (independent fits, independent draws), the CLV recomputed for
 * each draw, and the 5% and 95% quantiles (type 7) of the draws taken per customer and, for
 * groups, of the per-draw sums over each group's members.
 */

import { bgnbdExpectedCurve, bgnbdParams } from "./bgnbd.ts";
import { groupTriples, type GroupedRfm, type RfmRows } from "./data.ts";
import { cholesky, type MleFit } from "./fit.ts";
import { gammaGammaExpectedSpendOne, gammaGammaParams } from "./gamma-gamma.ts";
import { paretoNbdExpectedCurve, paretoNbdParams } from "./pareto-nbd.ts";
import { Random } from "./random.ts";

/**
 * A transaction model as CLV needs it: out[k] = E[purchases in (T, T + times[k]] | x, tx, T]
 * at parameters v (natural scale, in the fit's order).
 */
export interface TransactionModel {
  name: string;
  expectedCurve(v: Float64Array, x: number, tx: number, T: number, times: Float64Array, out: Float64Array): void;
}

export const bgnbdTransactions: TransactionModel = {
  name: "BG/NBD",
  expectedCurve: (v, x, tx, T, times, out) => bgnbdExpectedCurve(bgnbdParams(v), x, tx, T, times, out),
};

export const paretoNbdTransactions: TransactionModel = {
  name: "Pareto/NBD",
  expectedCurve: (v, x, tx, T, times, out) => paretoNbdExpectedCurve(paretoNbdParams(v), x, tx, T, times, out),
};

export interface ClvOptions {
  /** Number of steps H. */
  steps: number;
  /** Length Δ of a step, in the transaction model's time unit (e.g. 1 for weekly steps of a model in weeks). */
  stepLength: number;
  /** Discount rate d per step (e.g. 0.10^(1/52) − 1 … for 10% a year in weekly steps); 0 for none. */
  discountPerStep: number;
  /** Margin as a fraction of purchase value (1 for revenue). */
  margin: number;
}

export interface Customers extends Required<Omit<RfmRows, "weight">> {
  /** Mean value of the repeat purchases; NaN (or anything) when x = 0. */
  mx: Float64Array;
}

function checkOptions(o: ClvOptions): void {
  if (!(Number.isInteger(o.steps) && o.steps >= 1)) throw new RangeError(`steps must be a whole number ≥ 1 (got ${o.steps})`);
  if (!(o.stepLength > 0)) throw new RangeError(`stepLength must be > 0 in the model's time unit (got ${o.stepLength})`);
  if (!(o.discountPerStep > -1)) throw new RangeError(`discountPerStep must be > −1 (got ${o.discountPerStep})`);
  if (!Number.isFinite(o.margin)) throw new RangeError(`margin must be a number (got ${o.margin})`);
}

/** The step ends kΔ and discount factors (1 + d)⁻ᵏ, k = 1 … H. */
function horizon(o: ClvOptions): { times: Float64Array; factors: Float64Array } {
  const times = new Float64Array(o.steps);
  const factors = new Float64Array(o.steps);
  let f = 1;
  for (let k = 0; k < o.steps; k++) {
    times[k] = (k + 1) * o.stepLength;
    f /= 1 + o.discountPerStep;
    factors[k] = f;
  }
  return { times, factors };
}

/** Discounted expected purchases over the horizon, per row (run it on grouped rows). */
export function discountedPurchases(model: TransactionModel, v: Float64Array, rows: RfmRows, o: ClvOptions): Float64Array {
  checkOptions(o);
  const { times, factors } = horizon(o);
  const curve = new Float64Array(o.steps);
  const out = new Float64Array(rows.x.length);
  for (let i = 0; i < out.length; i++) {
    model.expectedCurve(v, rows.x[i]!, rows.tx[i]!, rows.T[i]!, times, curve);
    let sum = 0;
    let prev = 0;
    for (let k = 0; k < o.steps; k++) {
      sum += (curve[k]! - prev) * factors[k]!;
      prev = curve[k]!;
    }
    out[i] = sum;
  }
  return out;
}

/**
 * CLV of each customer at the given parameters (natural scale: the transaction fit's
 * `estimate` and the Gamma-Gamma fit's). Pass `grouped` when the triples are already grouped.
 */
export function customerClv(model: TransactionModel, txParams: Float64Array, spendParams: Float64Array, customers: Customers, o: ClvOptions, grouped?: GroupedRfm): Float64Array {
  checkOptions(o);
  const g = grouped ?? groupTriples(customers.x, customers.tx, customers.T);
  const dep = discountedPurchases(model, txParams, g.rows, o);
  const gg = gammaGammaParams(spendParams);
  const out = new Float64Array(customers.x.length);
  for (let i = 0; i < out.length; i++) out[i] = o.margin * gammaGammaExpectedSpendOne(gg, customers.x[i]!, customers.mx[i]!) * dep[g.index[i]!]!;
  return out;
}

export interface IntervalOptions extends ClvOptions {
  /** Parameter draws (default 400). */
  draws?: number;
  /** Seed of the draws (default 1). */
  seed?: number;
  /** Lower and upper quantile (default 0.05 and 0.95). */
  quantiles?: [number, number];
  /** Groups: the group of each customer (−1 for none) and the number of groups. */
  groups?: { of: Int32Array; count: number };
}

export interface Interval {
  point: Float64Array;
  lower: Float64Array;
  upper: Float64Array;
}

export interface ClvIntervals extends Interval {
  /** Per group: the CLV sum at the estimates and the quantiles of the per-draw sums. */
  group?: Interval;
  /** Draws used (draws with an infinite mean spend, q ≤ 1, are left out). */
  draws: number;
}

/** Draws of the natural-scale parameters from N(ln θ̂, Cov(ln θ̂)). */
export function drawParameters(fit: MleFit<string>, draws: number, rng: Random): Float64Array[] {
  const d = fit.logEstimate.length;
  const l = cholesky(fit.logCovariance, d);
  if (!l) throw new RangeError("the fit's covariance is not positive definite: no interval can be drawn");
  const out: Float64Array[] = [];
  const z = new Float64Array(d);
  for (let k = 0; k < draws; k++) {
    for (let i = 0; i < d; i++) z[i] = rng.normal();
    const v = new Float64Array(d);
    for (let i = 0; i < d; i++) {
      let s = fit.logEstimate[i]!;
      for (let j = 0; j <= i; j++) s += l[i * d + j]! * z[j]!;
      v[i] = Math.exp(s);
    }
    out.push(v);
  }
  return out;
}

/** Type-7 quantile of sorted values. */
function quantileSorted(v: Float64Array, p: number, n: number): number {
  if (n === 0) return NaN;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, n - 1);
  return v[lo]! + (h - lo) * (v[hi]! - v[lo]!);
}

/**
 * CLV with intervals from parameter uncertainty, per customer and per group. Memory grows
 * with distinct (x, tx, T) × draws (4 bytes each): group customers' triples first when
 * there are millions.
 */
export function clvIntervals(model: TransactionModel, txFit: MleFit<string>, spendFit: MleFit<string>, customers: Customers, o: IntervalOptions): ClvIntervals {
  checkOptions(o);
  const draws = o.draws ?? 400;
  const [qLo, qHi] = o.quantiles ?? [0.05, 0.95];
  const rng = new Random(o.seed ?? 1);
  const txDraws = drawParameters(txFit, draws, rng);
  const spendDraws = drawParameters(spendFit, draws, rng).filter((v) => v[1]! > 1);
  const used = Math.min(txDraws.length, spendDraws.length);
  const g = groupTriples(customers.x, customers.tx, customers.T);
  const rows = g.rows.x.length;
  const dep = new Float32Array(rows * used);
  for (let k = 0; k < used; k++) {
    const d = discountedPurchases(model, txDraws[k]!, g.rows, o);
    for (let i = 0; i < rows; i++) dep[i * used + k] = d[i]!;
  }
  const point = customerClv(model, txFit.estimate, spendFit.estimate, customers, o, g);
  const n = customers.x.length;
  const lower = new Float64Array(n);
  const upper = new Float64Array(n);
  const groups = o.groups;
  const groupSums = groups ? new Float64Array(groups.count * used) : null;
  const spendParams = spendDraws.slice(0, used).map(gammaGammaParams);
  const values = new Float64Array(used);
  for (let i = 0; i < n; i++) {
    const row = g.index[i]!;
    for (let k = 0; k < used; k++) values[k] = o.margin * gammaGammaExpectedSpendOne(spendParams[k]!, customers.x[i]!, customers.mx[i]!) * dep[row * used + k]!;
    const gi = groups ? groups.of[i]! : -1;
    if (groupSums && gi >= 0) for (let k = 0; k < used; k++) groupSums[gi * used + k]! += values[k]!;
    values.sort();
    lower[i] = quantileSorted(values, qLo, used);
    upper[i] = quantileSorted(values, qHi, used);
  }
  const result: ClvIntervals = { point, lower, upper, draws: used };
  if (groups && groupSums) {
    const gp = new Float64Array(groups.count);
    for (let i = 0; i < n; i++) if (groups.of[i]! >= 0) gp[groups.of[i]!]! += point[i]!;
    const gl = new Float64Array(groups.count);
    const gu = new Float64Array(groups.count);
    for (let c = 0; c < groups.count; c++) {
      const s = groupSums.subarray(c * used, (c + 1) * used).sort();
      gl[c] = quantileSorted(s, qLo, used);
      gu[c] = quantileSorted(s, qHi, used);
    }
    result.group = { point: gp, lower: gl, upper: gu };
  }
  return result;
}
