import { bgnbdExpectedOne, bgnbdNextPurchaseOne, bgnbdPAliveOne, bgnbdParams, bgnbdPmf, fitBgnbd, type BgnbdFit, type BgnbdParams } from "../analytics/btyd/bgnbd.ts";
import { groupTriples, type RfmRows } from "../analytics/btyd/data.ts";
import { fitGammaGamma, gammaGammaExpectedSpendOne, gammaGammaParams, spendFrequencyCorrelation, type GammaGammaFit } from "../analytics/btyd/gamma-gamma.ts";
import { dayNumber } from "../domain/days.ts";
import type { PurchaseHistory } from "./features.ts";

/**
 * The buy-till-you-die models on a purchase history (docs/prediction.md, "Alive, next
 * purchase, value"): BG/NBD for who is still a customer and how often they will buy,
 * Gamma-Gamma for how much per purchase (docs/btyd.md for the models).
 */
export type TimeUnit = "day" | "week";
export const DAYS_PER_UNIT: Readonly<Record<TimeUnit, number>> = { day: 1, week: 7 };

/** Each customer's (x, tx, T) in the unit, and mx: the mean sales of the repeat occasions. */
export interface BtydInputs {
  rows: Required<Pick<RfmRows, "x" | "tx" | "T">>;
  mx: Float64Array;
}

export function btydInputs(h: PurchaseHistory, unit: TimeUnit): BtydInputs {
  const n = h.ids.length;
  const d = DAYS_PER_UNIT[unit];
  const t = dayNumber(h.asOf);
  const x = new Float64Array(n);
  const tx = new Float64Array(n);
  const T = new Float64Array(n);
  const mx = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    x[i] = h.purchaseDays[i]! - 1;
    tx[i] = (h.lastPurchase[i]! - h.firstPurchase[i]!) / d;
    T[i] = (t - h.firstPurchase[i]!) / d;
    mx[i] = x[i]! > 0 ? (h.sales[i]! - h.firstDaySales[i]!) / x[i]! : NaN;
  }
  return { rows: { x, tx, T }, mx };
}

export interface ParamEstimate {
  name: string;
  value: number;
  se: number | null;
}

const estimates = (f: BgnbdFit | GammaGammaFit): ParamEstimate[] =>
  f.names.map((name) => ({ name, value: (f.params as Record<string, number>)[name]!, se: Number.isFinite((f.standardErrors as Record<string, number>)[name]!) ? (f.standardErrors as Record<string, number>)[name]! : null }));

export interface BtydFit {
  unit: TimeUnit;
  bgnbd: BgnbdFit;
  params: BgnbdParams;
  /** Null when fewer than MIN_REPEAT_BUYERS repeat buyers have a positive mean spend. */
  gammaGamma: GammaGammaFit | null;
  spendCheck: ReturnType<typeof spendFrequencyCorrelation>;
}

/** Fewest repeat buyers the spend model is fitted on; below it, each customer's own mean (or the overall one) is used. */
export const MIN_REPEAT_BUYERS = 30;

/** Fits BG/NBD on every customer and Gamma-Gamma on the repeat buyers, each on unique (x, tx, T) rows. */
export function fitBtyd(inputs: BtydInputs, unit: TimeUnit): BtydFit {
  const g = groupTriples(inputs.rows.x, inputs.rows.tx, inputs.rows.T);
  const bgnbd = fitBgnbd(g.rows);
  const repeat = inputs.mx.reduce((n, m, i) => (inputs.rows.x[i]! > 0 && m > 0 ? n + 1 : n), 0);
  const gammaGamma = repeat >= MIN_REPEAT_BUYERS ? fitGammaGamma(inputs.rows.x, inputs.mx) : null;
  return { unit, bgnbd, params: bgnbdParams(bgnbd.estimate), gammaGamma, spendCheck: spendFrequencyCorrelation(inputs.rows.x, inputs.mx) };
}

export function fitSummary(f: BtydFit) {
  return {
    unit: f.unit,
    bgnbd: { params: estimates(f.bgnbd), logLikelihood: f.bgnbd.logLikelihood, customers: f.bgnbd.customers, converged: f.bgnbd.converged },
    gammaGamma: f.gammaGamma
      ? { params: estimates(f.gammaGamma), logLikelihood: f.gammaGamma.logLikelihood, customers: f.gammaGamma.customers, converged: f.gammaGamma.converged }
      : null,
    spendCheck: { correlation: Number.isFinite(f.spendCheck.correlation) ? f.spendCheck.correlation : null, customers: f.spendCheck.customers, warning: f.spendCheck.warning },
  };
}

/** Per customer: P(alive), expected purchases in the next `horizon` units, and the median units to the next purchase. */
export interface AliveScores {
  pAlive: Float64Array;
  expectedPurchases: Float64Array;
  /** In days; Infinity: more likely never than not. */
  nextPurchaseDays: Float64Array;
  /** P(at least one purchase in the next `horizon` units). */
  pPurchase: Float64Array;
}

/** Scores computed once per unique (x, tx, T) and spread to the customers. */
export function aliveScores(f: BtydFit, inputs: BtydInputs, horizonDays: number): AliveScores {
  const g = groupTriples(inputs.rows.x, inputs.rows.tx, inputs.rows.T);
  const d = DAYS_PER_UNIT[f.unit];
  const horizon = horizonDays / d;
  const p = f.params;
  const u = g.rows.x.length;
  const ua = new Float64Array(u);
  const ue = new Float64Array(u);
  const un = new Float64Array(u);
  const up = new Float64Array(u);
  for (let k = 0; k < u; k++) {
    const x = g.rows.x[k]!;
    const tx = g.rows.tx[k]!;
    const T = g.rows.T[k]!;
    ua[k] = bgnbdPAliveOne(p, x, tx, T);
    ue[k] = bgnbdExpectedOne(p, horizon, x, tx, T);
    un[k] = bgnbdNextPurchaseOne(p, x, tx, T) * d;
    // BG/NBD: no drop-out without a purchase, so P(none in (T, T + t] | alive) = ((α + T)/(α + T + t))^(r + x).
    up[k] = ua[k]! * -Math.expm1((p.r + x) * (Math.log(p.alpha + T) - Math.log(p.alpha + T + horizon)));
  }
  const spread = (a: Float64Array) => Float64Array.from(g.index, (k) => a[k]!);
  return { pAlive: spread(ua), expectedPurchases: spread(ue), nextPurchaseDays: spread(un), pPurchase: spread(up) };
}

/** Expected mean sales per purchase: Gamma-Gamma's, or each customer's own mean (the overall for one-time buyers) without it. */
export function expectedOrderValues(f: BtydFit, inputs: BtydInputs, h: PurchaseHistory): Float64Array {
  const n = inputs.mx.length;
  const out = new Float64Array(n);
  let total = 0;
  let days = 0;
  for (let i = 0; i < n; i++) {
    total += h.sales[i]!;
    days += h.purchaseDays[i]!;
  }
  const overall = days > 0 ? total / days : 0;
  const gg = f.gammaGamma ? gammaGammaParams(f.gammaGamma.estimate) : null;
  for (let i = 0; i < n; i++) {
    const x = inputs.rows.x[i]!;
    const mx = inputs.mx[i]!;
    out[i] = gg ? gammaGammaExpectedSpendOne(gg, x, mx) : x > 0 && mx > 0 ? mx : overall;
  }
  return out;
}

/**
 * The model's fit to the data it was fitted on: customers by number of repeat purchases
 * (0 … 6, and 7 or more), as observed and as BG/NBD expects them (Σ P(X(T_i) = x)).
 */
export function frequencyFit(f: BtydFit, inputs: BtydInputs): Array<{ repeat: string; actual: number; expected: number }> {
  const top = 7;
  const actual = new Float64Array(top + 1);
  const ages = new Map<number, number>();
  for (let i = 0; i < inputs.rows.x.length; i++) {
    actual[Math.min(top, inputs.rows.x[i]!)]!++;
    const T = inputs.rows.T[i]!;
    ages.set(T, (ages.get(T) ?? 0) + 1);
  }
  const expected = new Float64Array(top + 1);
  for (const [T, count] of ages) {
    let below = 0;
    for (let x = 0; x < top; x++) {
      const pr = bgnbdPmf(f.params, T, x);
      expected[x]! += count * pr;
      below += pr;
    }
    expected[top]! += count * Math.max(0, 1 - below);
  }
  return Array.from({ length: top + 1 }, (_, x) => ({ repeat: x === top ? `${top}+` : String(x), actual: actual[x]!, expected: expected[x]! }));
}
