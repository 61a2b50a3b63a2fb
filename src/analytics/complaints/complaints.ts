/**
 * Complaint volumes and resolution over a period (docs/complaints.md). Days are whole
 * numbers (domain/days.ts), read in the business's time zone: a complaint's day is the
 * date it was opened there, its resolution day the date it was resolved (or closed).
 */
import { addMonths, dayNumber, dayText, monthStart, nextMonthStart } from "../../domain/days.ts";
import { quantileSorted } from "../stats/quantiles.ts";

export const COMPLAINT_STATUSES = ["open", "resolved", "closed"] as const;
export type ComplaintStatus = (typeof COMPLAINT_STATUSES)[number];
export const SEVERITIES = ["low", "normal", "high", "critical"] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Status codes in `ComplaintColumns.status`. */
export const OPEN = 0;
export const RESOLVED = 1;
export const CLOSED = 2;

/**
 * Complaints as columns, one entry per complaint, in the order they were opened (opening
 * time, then complaint id): the first entry of a customer is their first complaint.
 */
export interface ComplaintColumns {
  customer: Float64Array;
  /** The day the complaint was opened. */
  opened: Int32Array;
  /** OPEN, RESOLVED or CLOSED: the record's status today. */
  status: Uint8Array;
  /** The day of resolved_at (resolved, or closed, at); NaN when the record has none. */
  ended: Float64Array;
  category: ReadonlyArray<string | null>;
  channel: readonly string[];
  severity: readonly Severity[];
  /** The product named when it was opened, null for none. */
  product: ReadonlyArray<string | null>;
  /** The root-cause node recorded (a key of the settings' tree), null while not yet determined. */
  rootCause: ReadonlyArray<string | null>;
}

/** A range of days, first and last included. */
export interface DayRange {
  from: number;
  to: number;
}

export interface Count {
  /** The category, channel, severity, product or root cause; null for none (no category, not yet determined…). */
  key: string | null;
  complaints: number;
  /** Distinct customers with at least one such complaint. */
  customers: number;
  /** Complaints per month of the period, in the order of `byMonth`. */
  months: number[];
}

/** A root-cause node's count, with the top-level cause it belongs to (itself at the top). */
export interface RootCauseCount extends Count {
  top: string | null;
}

export interface ComplaintVolumes {
  complaints: number;
  customers: number;
  /** Most complaints first, then by key; no category last. */
  byCategory: Count[];
  byChannel: Count[];
  /** Low to critical, each severity listed even at zero. */
  bySeverity: Array<Count & { key: Severity }>;
  /** Most complaints first; no product named last. */
  byProduct: Count[];
  /** By top-level root cause, most complaints first; not yet determined (null) last. */
  byRootCause: Count[];
  /** By the root-cause node recorded (a leaf, or an inner node when no finer cause was given); not yet determined last. */
  byRootCauseNode: RootCauseCount[];
  /** Every month of the period, 'YYYY-MM', the months of no complaint at zero. */
  byMonth: Array<{ month: string; complaints: number }>;
}

/** The indices of the complaints opened in the range. */
export function inRange(c: ComplaintColumns, r: DayRange): number[] {
  const out: number[] = [];
  for (let i = 0; i < c.opened.length; i++) if ((c.opened[i] as number) >= r.from && (c.opened[i] as number) <= r.to) out.push(i);
  return out;
}

/** Counts by `key`, each with its months (`month(i)`: the index in byMonth); `fixed` lists keys in that order, zeros included. */
function countBy(c: ComplaintColumns, idx: readonly number[], months: number, month: (i: number) => number, key: (i: number) => string | null, fixed?: readonly string[]): Count[] {
  type Acc = { complaints: number; customers: Set<number>; months: number[] };
  const blank = (): Acc => ({ complaints: 0, customers: new Set(), months: new Array<number>(months).fill(0) });
  const m = new Map<string | null, Acc>((fixed ?? []).map((k) => [k, blank()]));
  for (const i of idx) {
    const k = key(i);
    let e = m.get(k);
    if (!e) m.set(k, (e = blank()));
    e.complaints++;
    e.customers.add(c.customer[i] as number);
    (e.months[month(i)] as number)++;
  }
  const rows = [...m].map(([k, e]) => ({ key: k, complaints: e.complaints, customers: e.customers.size, months: e.months }));
  if (fixed) return rows;
  return rows.sort((a, b) => (a.key === null ? 1 : 0) - (b.key === null ? 1 : 0) || b.complaints - a.complaints || String(a.key).localeCompare(String(b.key)));
}

/**
 * How many complaints were opened in the range, by category, channel, severity, product, root
 * cause and month opened, each count with its months. `rootCauseTop` maps a root-cause key to
 * its top-level cause; a key it does not know (a node since removed from the tree) is its own top.
 */
export function complaintVolumes(c: ComplaintColumns, r: DayRange, rootCauseTop: ReadonlyMap<string, string> = new Map()): ComplaintVolumes {
  const idx = inRange(c, r);
  const byMonth: ComplaintVolumes["byMonth"] = [];
  const monthIndex = new Map<number, number>();
  for (let m = monthStart(r.from); m <= r.to; m = nextMonthStart(m)) {
    monthIndex.set(m, byMonth.length);
    byMonth.push({ month: dayText(m).slice(0, 7), complaints: 0 });
  }
  const month = (i: number) => monthIndex.get(monthStart(c.opened[i] as number))!;
  for (const i of idx) (byMonth[month(i)] as { complaints: number }).complaints++;
  const by = (key: (i: number) => string | null, fixed?: readonly string[]) => countBy(c, idx, byMonth.length, month, key, fixed);
  const cause = (i: number) => c.rootCause[i] ?? null;
  const topOf = (k: string | null) => (k === null ? null : rootCauseTop.get(k) ?? k);
  return {
    complaints: idx.length,
    customers: new Set(idx.map((i) => c.customer[i])).size,
    byCategory: by((i) => c.category[i] ?? null),
    byChannel: by((i) => c.channel[i] as string),
    bySeverity: by((i) => c.severity[i] as string, SEVERITIES) as Array<Count & { key: Severity }>,
    byProduct: by((i) => c.product[i] ?? null),
    byRootCause: by((i) => topOf(cause(i))),
    byRootCauseNode: by(cause).map((x) => ({ ...x, top: topOf(x.key) })),
    byMonth,
  };
}

/**
 * A complaint's state on day `asOf`: resolved (or closed) when the record says so and its
 * resolved_at is on or before `asOf`, or unknown; otherwise still open on that day (a
 * record resolved after `asOf` was open then).
 */
export function stateOn(c: ComplaintColumns, i: number, asOf: number): ComplaintStatus {
  const s = c.status[i];
  const e = c.ended[i] as number;
  if (s === OPEN || e > asOf) return "open";
  return s === RESOLVED ? "resolved" : "closed";
}

export interface Resolution {
  complaints: number;
  /** States on the as-of day (`stateOn`). */
  resolved: number;
  closed: number;
  open: number;
  /** resolved / complaints; null without complaints. */
  resolvedShare: number | null;
  /** Resolved complaints whose record has no resolved_at: resolved, but not in the days below. */
  undated: number;
  /** Calendar days from opening to resolution (0: the same day), over the dated resolved ones (definition 7 quantiles), to 0.01 day. */
  medianDays: number | null;
  p90Days: number | null;
  meanDays: number | null;
}

/** Days to a hundredth: the interpolation's 2.7 is 2.7000000000000002 in floating point. */
const hundredths = (x: number | null): number | null => (x === null ? null : Math.round(x * 100) / 100);

/** Of the complaints opened in the range, how many were resolved by its last day, and how fast. */
export function resolution(c: ComplaintColumns, r: DayRange): Resolution {
  const counts = { resolved: 0, closed: 0, open: 0 };
  const days: number[] = [];
  let undated = 0;
  const idx = inRange(c, r);
  for (const i of idx) {
    const s = stateOn(c, i, r.to);
    counts[s]++;
    if (s !== "resolved") continue;
    const e = c.ended[i] as number;
    // A resolution dated before the opening is a data error: it took no time, not negative time.
    if (Number.isNaN(e)) undated++;
    else days.push(Math.max(0, e - (c.opened[i] as number)));
  }
  days.sort((a, b) => a - b);
  return {
    complaints: idx.length,
    ...counts,
    resolvedShare: idx.length ? counts.resolved / idx.length : null,
    undated,
    medianDays: hundredths(quantileSorted(days, 0.5)),
    p90Days: hundredths(quantileSorted(days, 0.9)),
    meanDays: hundredths(days.length ? days.reduce((s, d) => s + d, 0) / days.length : null),
  };
}

/** The period of `months` months ending on `asOf` (as value windows: 12 months to 2026-06-30 start on 2025-07-01). */
export function periodEnding(asOf: string, months: number): DayRange {
  const to = dayNumber(asOf);
  return { from: addMonths(to + 1, -months), to };
}
