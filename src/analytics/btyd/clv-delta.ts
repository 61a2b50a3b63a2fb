/**
 * CLV intervals by the delta method (Casella & Berger 2002, "Statistical Inference", §5.5.4;
 * Oehlert 1992, "A note on the delta method", Am. Stat. 46(1)): the same parameter
 * uncertainty as clvIntervals' draws (each fit's asymptotic normal on the log scale,
 * independent fits), linearised, so it costs a handful of evaluations per distinct history
 * instead of one per draw — a million customers in seconds rather than minutes.
 *
 * With CLVᵢ = m · Sᵢ(φ) · Dᵢ(θ) (docs/btyd.md, "CLV"): Dᵢ the discounted expected purchases
 * at the transaction model's ln-parameters θ, Sᵢ the expected spend at the Gamma-Gamma
 * ln-parameters φ, m the margin,
 *
 *   Var(ln CLVᵢ) ≈ ∇θ ln Dᵢᵀ Σθ ∇θ ln Dᵢ + ∇φ ln Sᵢᵀ Σφ ∇φ ln Sᵢ,
 *
 * and the interval is CLVᵢ · exp(± z · sd): on the log scale, so it stays positive and is
 * skewed as the draws' interval is. A group's sum G = Σ CLVᵢ has ∇θ G = Σ m Sᵢ ∇θ Dᵢ and
 * ∇φ G = Σ m Dᵢ ∇φ Sᵢ, and the same form with Var(ln G) = Var(G)/G². The gradients are
 * central differences with step h = 10⁻⁴ on the log scale.
 */

import { groupTriples } from "./data.ts";
import type { MleFit } from "./fit.ts";
import { gammaGammaExpectedSpendOne, gammaGammaParams } from "./gamma-gamma.ts";
import { discountedPurchases, type ClvOptions, type Customers, type Interval, type TransactionModel } from "./clv.ts";
import { normalQuantile } from "../forecast/ets.ts";

const H = 1e-4;

export interface DeltaIntervalOptions extends ClvOptions {
  /** Two-sided level of the interval (default 0.90: the 5% and 95% points). */
  level?: number;
  /** Groups: the group of each customer (−1 for none) and the number of groups. */
  groups?: { of: Int32Array; count: number };
}

export interface DeltaIntervals extends Interval {
  /** Per group: the CLV sum and its interval. */
  group?: Interval;
}

const shifted = (logEstimate: Float64Array, j: number, by: number) => {
  const v = Float64Array.from(logEstimate, Math.exp);
  v[j] = Math.exp(logEstimate[j]! + by);
  return v;
};

/** d·Σ·d for a d-vector and a row-major d×d covariance. */
function quadratic(g: ArrayLike<number>, cov: Float64Array): number {
  const d = g.length;
  let s = 0;
  for (let a = 0; a < d; a++) for (let b = 0; b < d; b++) s += g[a]! * cov[a * d + b]! * g[b]!;
  return s;
}

export function clvDeltaIntervals(model: TransactionModel, txFit: MleFit<string>, spendFit: MleFit<string>, customers: Customers, o: DeltaIntervalOptions): DeltaIntervals {
  const z = normalQuantile(0.5 + (o.level ?? 0.9) / 2);
  const g = groupTriples(customers.x, customers.tx, customers.T);
  const dTx = txFit.logEstimate.length;
  const dSp = spendFit.logEstimate.length;
  // D at the estimate and ∂D/∂θⱼ per distinct history.
  const D = discountedPurchases(model, txFit.estimate, g.rows, o);
  const dD = Array.from({ length: dTx }, (_, j) => {
    const up = discountedPurchases(model, shifted(txFit.logEstimate, j, H), g.rows, o);
    const down = discountedPurchases(model, shifted(txFit.logEstimate, j, -H), g.rows, o);
    return up.map((u, i) => (u - down[i]!) / (2 * H));
  });
  const spend = gammaGammaParams(spendFit.estimate);
  const spendUp = Array.from({ length: dSp }, (_, j) => gammaGammaParams(shifted(spendFit.logEstimate, j, H)));
  const spendDown = Array.from({ length: dSp }, (_, j) => gammaGammaParams(shifted(spendFit.logEstimate, j, -H)));
  const n = customers.x.length;
  const point = new Float64Array(n);
  const lower = new Float64Array(n);
  const upper = new Float64Array(n);
  const groups = o.groups;
  const gTx = groups ? new Float64Array(groups.count * dTx) : null;
  const gSp = groups ? new Float64Array(groups.count * dSp) : null;
  const gPoint = groups ? new Float64Array(groups.count) : null;
  const gradTx = new Float64Array(dTx);
  const gradSp = new Float64Array(dSp);
  for (let i = 0; i < n; i++) {
    const row = g.index[i]!;
    const x = customers.x[i]!;
    const mx = customers.mx[i]!;
    const S = gammaGammaExpectedSpendOne(spend, x, mx);
    const Di = D[row]!;
    const clv = o.margin * S * Di;
    point[i] = clv;
    for (let j = 0; j < dTx; j++) gradTx[j] = dD[j]![row]!;
    for (let j = 0; j < dSp; j++) gradSp[j] = (gammaGammaExpectedSpendOne(spendUp[j]!, x, mx) - gammaGammaExpectedSpendOne(spendDown[j]!, x, mx)) / (2 * H);
    // Var(ln CLV) = Var(ln D) + Var(ln S).
    const v = (Di > 0 ? quadratic(gradTx, txFit.logCovariance) / (Di * Di) : 0) + (S > 0 ? quadratic(gradSp, spendFit.logCovariance) / (S * S) : 0);
    const sd = Math.sqrt(Math.max(0, v));
    lower[i] = clv * Math.exp(-z * sd);
    upper[i] = clv * Math.exp(z * sd);
    const c = groups ? groups.of[i]! : -1;
    if (c >= 0) {
      gPoint![c]! += clv;
      for (let j = 0; j < dTx; j++) gTx![c * dTx + j]! += o.margin * S * gradTx[j]!;
      for (let j = 0; j < dSp; j++) gSp![c * dSp + j]! += o.margin * Di * gradSp[j]!;
    }
  }
  const result: DeltaIntervals = { point, lower, upper };
  if (groups) {
    const gl = new Float64Array(groups.count);
    const gu = new Float64Array(groups.count);
    for (let c = 0; c < groups.count; c++) {
      const G = gPoint![c]!;
      const v = G > 0 ? (quadratic(gTx!.subarray(c * dTx, (c + 1) * dTx), txFit.logCovariance) + quadratic(gSp!.subarray(c * dSp, (c + 1) * dSp), spendFit.logCovariance)) / (G * G) : 0;
      const sd = Math.sqrt(Math.max(0, v));
      gl[c] = G * Math.exp(-z * sd);
      gu[c] = G * Math.exp(z * sd);
    }
    result.group = { point: gPoint!, lower: gl, upper: gu };
  }
  return result;
}
