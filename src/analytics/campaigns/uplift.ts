/**
 * What a campaign returned, measured against its control group (DOMAIN §5): the customers
 * who were contacted against those held out, over the same period after the campaign began.
 * Because the control group was drawn at random from the same audience (holdout.ts), the
 * difference between the groups is the campaign's effect, and its interval says how sure
 * that effect is.
 *
 * - Response (bought at all, or was still active): difference of two shares with Newcombe's
 *   hybrid score interval (stats/proportions.ts).
 * - Revenue and margin per customer: difference of means with Welch's t interval (Welch
 *   1947, Biometrika 34:28–35; Welch–Satterthwaite degrees of freedom), which does not
 *   assume the groups' spreads are equal — a campaign changes the spread too.
 * - Incremental totals are the per-customer difference times the number contacted; ROI is
 *   (incremental margin − cost) / cost, its interval from the margin's (the cost is known).
 *
 * Amounts are in the base currency as numbers: these are statistical estimates, rounded for
 * display; the exact sums of what was bought stay in the store.
 */
import { newcombeDifference, Z95, type Interval } from "../stats/proportions.ts";
import { tQuantile } from "../stats/student-t.ts";

export interface GroupOutcome {
  /** Customers in the group. */
  n: number;
  /** How many responded (bought in the measurement period, or were retained). */
  responded: number;
  /** Per customer, revenue in the period (base currency); length n. */
  revenue: Float64Array;
  /** Per customer, contribution margin in the period; length n. Omit when unknown. */
  margin?: Float64Array;
}

export interface MeanDifference {
  treated: number;
  control: number;
  /** treated − control, per customer. */
  difference: number;
  interval: Interval | null;
  /** The difference times the number contacted, with its interval. */
  incremental: number;
  incrementalInterval: Interval | null;
}

export interface CampaignEffect {
  contacted: number;
  control: number;
  response: { treated: number; control: number; difference: number; interval: Interval | null; incremental: number; incrementalInterval: Interval | null };
  revenue: MeanDifference;
  margin: MeanDifference | null;
  cost: number;
  /** (incremental margin − cost) / cost; null without margins or without a cost. */
  roi: { value: number; interval: Interval | null } | null;
}

function meanAndVariance(x: Float64Array): { mean: number; variance: number } {
  let mean = 0;
  let m2 = 0;
  // Welford's one-pass update: stable for large sums of money.
  for (let i = 0; i < x.length; i++) {
    const d = x[i]! - mean;
    mean += d / (i + 1);
    m2 += d * (x[i]! - mean);
  }
  return { mean, variance: x.length > 1 ? m2 / (x.length - 1) : NaN };
}

/** Welch's interval for mean(a) − mean(b) at 95%; null when either group has fewer than 2. */
export function welchDifference(a: Float64Array, b: Float64Array): { difference: number; interval: Interval | null; df: number | null } {
  const [x, y] = [meanAndVariance(a), meanAndVariance(b)];
  const difference = x.mean - y.mean;
  if (a.length < 2 || b.length < 2) return { difference, interval: null, df: null };
  const [va, vb] = [x.variance / a.length, y.variance / b.length];
  const se = Math.sqrt(va + vb);
  if (se === 0) return { difference, interval: [difference, difference], df: null };
  const df = (va + vb) ** 2 / (va ** 2 / (a.length - 1) + vb ** 2 / (b.length - 1));
  const t = tQuantile(0.975, df);
  return { difference, interval: [difference - t * se, difference + t * se], df };
}

const scale = (i: Interval | null, k: number): Interval | null => (i ? [i[0] * k, i[1] * k] : null);

function meanEffect(treated: Float64Array, control: Float64Array, contacted: number): MeanDifference {
  const w = welchDifference(treated, control);
  return {
    treated: meanAndVariance(treated).mean, control: meanAndVariance(control).mean,
    difference: w.difference, interval: w.interval,
    incremental: w.difference * contacted, incrementalInterval: scale(w.interval, contacted),
  };
}

/** The campaign's effect: contacted (`treated`) against the held-out control group. */
export function campaignEffect(treated: GroupOutcome, control: GroupOutcome, cost: number): CampaignEffect {
  for (const [g, name] of [[treated, "contacted"], [control, "control"]] as const) {
    if (g.revenue.length !== g.n || (g.margin && g.margin.length !== g.n)) throw new RangeError(`campaignEffect: the ${name} group has ${g.n} customers but ${g.revenue.length} revenues`);
    if (!(g.responded >= 0 && g.responded <= g.n)) throw new RangeError(`campaignEffect: ${g.responded} of ${g.n} responded in the ${name} group`);
  }
  if (!(cost >= 0)) throw new RangeError(`campaignEffect: the cost must be 0 or more (got ${cost})`);
  const [pt, pc] = [treated.n ? treated.responded / treated.n : NaN, control.n ? control.responded / control.n : NaN];
  const interval = newcombeDifference(treated.responded, treated.n, control.responded, control.n, Z95);
  const margin = treated.margin && control.margin ? meanEffect(treated.margin, control.margin, treated.n) : null;
  const roi = margin && cost > 0
    ? { value: (margin.incremental - cost) / cost, interval: margin.incrementalInterval ? ([(margin.incrementalInterval[0] - cost) / cost, (margin.incrementalInterval[1] - cost) / cost] as Interval) : null }
    : null;
  return {
    contacted: treated.n, control: control.n,
    response: { treated: pt, control: pc, difference: pt - pc, interval, incremental: (pt - pc) * treated.n, incrementalInterval: scale(interval, treated.n) },
    revenue: meanEffect(treated.revenue, control.revenue, treated.n),
    margin, cost, roi,
  };
}
