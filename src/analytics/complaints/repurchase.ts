/**
 * Do complainers whose complaint was resolved buy again more than those whose complaint was
 * not, and more than customers who never complained? (seed 000: resolved complainers 90%,
 * customers who never had a problem 83%; DOMAIN.md §6.) Definitions: docs/complaints.md,
 * "Repurchase after a complaint". Days are whole numbers in the business's time zone.
 */
import { addMonths } from "../../domain/days.ts";
import { RESOLVED, type ComplaintColumns, type DayRange } from "./complaints.ts";
import { newcombeDifference, wilson, type Interval } from "../stats/proportions.ts";

export const GROUPS = ["resolved", "unresolved", "noComplaint"] as const;
export type RepurchaseGroup = (typeof GROUPS)[number];

/** Group codes in `ComplainerWindows.group`. */
export const G_RESOLVED = 0;
export const G_UNRESOLVED = 1;
/** The window t … t + W runs past the as-of day: not counted in any group. */
export const G_INCOMPLETE = 2;

/** Each customer with a complaint in the period, by their first complaint there. */
export interface ComplainerWindows {
  customer: Float64Array;
  /** Index of that first complaint in the columns. */
  complaint: Int32Array;
  /** t: the day it was opened. */
  t: Int32Array;
  group: Uint8Array;
}

/**
 * Splits the period's complainers by their first complaint in the period, opened on day t:
 * - incomplete when t + W > the period's last day (the as-of day): too recent to tell;
 * - resolved when the record is resolved and its resolved_at falls on or before t + W
 *   (or is unknown): the customer had their fix within the window their purchases are
 *   watched in;
 * - unresolved otherwise: still open, closed without a fix, or resolved only after t + W.
 */
export function complainerWindows(c: ComplaintColumns, period: DayRange, windowDays: number): ComplainerWindows {
  checkWindow(windowDays);
  const seen = new Set<number>();
  const first: number[] = [];
  for (let i = 0; i < c.opened.length; i++) {
    const t = c.opened[i] as number;
    const id = c.customer[i] as number;
    if (t < period.from || t > period.to || seen.has(id)) continue;
    seen.add(id);
    first.push(i);
  }
  const w: ComplainerWindows = {
    customer: new Float64Array(first.length), complaint: new Int32Array(first), t: new Int32Array(first.length), group: new Uint8Array(first.length),
  };
  first.forEach((i, k) => {
    const t = c.opened[i] as number;
    w.customer[k] = c.customer[i] as number;
    w.t[k] = t;
    const end = t + windowDays;
    const ended = c.ended[i] as number;
    w.group[k] = end > period.to ? G_INCOMPLETE : c.status[i] === RESOLVED && !(ended > end) ? G_RESOLVED : G_UNRESOLVED;
  });
  return w;
}

/**
 * The no-complaint group's days for an as-of day A and window W: the reference day
 * r = A − W; its members bought in the 12 months ending on r ([addMonths(r + 1, −12), r])
 * and never complained up to A; they repurchased with a purchase in (r, r + W] = (r, A].
 */
export function baselineDays(asOf: number, windowDays: number): { reference: number; bought: DayRange; repurchase: DayRange } {
  checkWindow(windowDays);
  const r = asOf - windowDays;
  return { reference: r, bought: { from: addMonths(r + 1, -12), to: r }, repurchase: { from: r + 1, to: asOf } };
}

export interface GroupFigures {
  group: RepurchaseGroup;
  customers: number;
  repurchased: number;
  /** repurchased / customers; null for an empty group. */
  rate: number | null;
  /** Wilson's 95% interval of the rate. */
  interval: Interval | null;
}

export interface RateDifference {
  a: RepurchaseGroup;
  b: RepurchaseGroup;
  /** rate(a) − rate(b). */
  difference: number | null;
  /** Newcombe's 95% hybrid score interval of the difference. */
  interval: Interval | null;
}

export interface RepurchaseComparison {
  windowDays: number;
  /** Customers with a complaint in the period. */
  complainers: number;
  /** … of whom too recent for a whole window: in no group. */
  incomplete: number;
  /** In the unresolved group because resolved only after t + W. */
  resolvedLate: number;
  /** In the resolved group with no resolved_at on record. */
  undatedResolved: number;
  groups: GroupFigures[];
  differences: RateDifference[];
}

/** The pairs compared: the seed's claim is resolved > no complaint, and resolved > unresolved. */
export const PAIRS: ReadonlyArray<readonly [RepurchaseGroup, RepurchaseGroup]> = [["resolved", "unresolved"], ["resolved", "noComplaint"], ["unresolved", "noComplaint"]];

/**
 * The comparison. `nextPurchase[k]` is complainer k's first purchase day after t (NaN for
 * none); they repurchased when it is in (t, t + W]. The no-complaint group comes counted
 * (`baselineDays` defines it; the store counts it over its whole customer base).
 */
export function repurchaseComparison(
  c: ComplaintColumns,
  w: ComplainerWindows,
  nextPurchase: Float64Array,
  windowDays: number,
  noComplaint: { customers: number; repurchased: number },
): RepurchaseComparison {
  if (nextPurchase.length !== w.t.length) throw new RangeError(`nextPurchase has ${nextPurchase.length} entries for ${w.t.length} complainers`);
  const n = [0, 0];
  const k = [0, 0];
  let incomplete = 0;
  let resolvedLate = 0;
  let undatedResolved = 0;
  for (let j = 0; j < w.t.length; j++) {
    const g = w.group[j] as number;
    if (g === G_INCOMPLETE) {
      incomplete++;
      continue;
    }
    const t = w.t[j] as number;
    const p = nextPurchase[j] as number;
    n[g]!++;
    if (p > t && p <= t + windowDays) k[g]!++;
    const i = w.complaint[j] as number;
    if (g === G_UNRESOLVED && c.status[i] === RESOLVED) resolvedLate++;
    if (g === G_RESOLVED && Number.isNaN(c.ended[i] as number)) undatedResolved++;
  }
  const figures = (group: RepurchaseGroup, customers: number, repurchased: number): GroupFigures => ({
    group, customers, repurchased, rate: customers ? repurchased / customers : null, interval: wilson(repurchased, customers),
  });
  const groups = [figures("resolved", n[0]!, k[0]!), figures("unresolved", n[1]!, k[1]!), figures("noComplaint", noComplaint.customers, noComplaint.repurchased)];
  const by = new Map(groups.map((g) => [g.group, g]));
  const differences = PAIRS.map(([a, b]): RateDifference => {
    const [x, y] = [by.get(a)!, by.get(b)!];
    return {
      a, b,
      difference: x.rate === null || y.rate === null ? null : x.rate - y.rate,
      interval: newcombeDifference(x.repurchased, x.customers, y.repurchased, y.customers),
    };
  });
  return { windowDays, complainers: w.t.length, incomplete, resolvedLate, undatedResolved, groups, differences };
}

function checkWindow(windowDays: number): void {
  if (!(Number.isInteger(windowDays) && windowDays >= 1)) throw new RangeError(`the window must be a whole number of days, 1 or more: ${windowDays}`);
}
