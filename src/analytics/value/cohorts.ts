/**
 * Cohorts by first-purchase month, and the retention KPIs, from the per-customer-month
 * aggregates (definitions in docs/value.md). As of a month, months after it are never read.
 *
 * Months are numbered year·12 + (month − 1), so consecutive months are consecutive numbers.
 */

import { ratio } from "./ranking.ts";

/** Customer-month rows (one per customer and month with any line), as the store keeps them. */
export interface MonthRows {
  /** The customer: any dense index or id. */
  customer: Float64Array;
  /** year·12 + (month − 1). */
  month: Int32Array;
  /** Orders with a sale line in the month. */
  orders: Uint32Array;
  /** Distinct days with a sale line in the month. */
  purchaseDays: Uint32Array;
  /** Net sales (sales − returns) of the month, in micro-units. */
  net: BigInt64Array;
}

/** "2024-03" → 24,290 (2024·12 + 2). */
export const monthNumber = (ym: string): number => {
  const m = /^(\d{4})-(\d{2})/.exec(ym);
  if (!m || Number(m[2]) < 1 || Number(m[2]) > 12) throw new RangeError(`not a month: "${ym}"`);
  return Number(m[1]) * 12 + Number(m[2]) - 1;
};

/** 24,290 → "2024-03". */
export const monthText = (n: number): string => `${Math.floor(n / 12)}-${String((n % 12) + 1).padStart(2, "0")}`;

export interface Cohort {
  /** The first-purchase month, as "YYYY-MM". */
  month: string;
  /** Customers whose first sale is in this month. */
  customers: number;
  /** For each month since (0 = the first month): customers of the cohort with a sale, their share of the cohort, and the cohort's net sales. */
  active: number[];
  retention: number[];
  revenue: bigint[];
}

/** The per-customer view of the rows up to a month: first sale month, and the months with a sale. */
function byCustomer(rows: MonthRows, asOf: number) {
  const first = new Map<number, number>();
  for (let i = 0; i < rows.month.length; i++) {
    if (rows.month[i]! > asOf || rows.orders[i] === 0) continue;
    const c = rows.customer[i]!;
    const f = first.get(c);
    if (f === undefined || rows.month[i]! < f) first.set(c, rows.month[i]!);
  }
  return first;
}

/**
 * The cohort table as of a month: every customer with a sale up to it, in the cohort of
 * their first sale month; for each later month up to the as-of month, how many of the
 * cohort bought and what the cohort spent (net of returns, which count in the month made).
 */
export function cohortTable(rows: MonthRows, asOfMonth: string): Cohort[] {
  const asOf = monthNumber(asOfMonth);
  const first = byCustomer(rows, asOf);
  const cohorts = new Map<number, { customers: number; active: number[]; revenue: bigint[] }>();
  for (const f of first.values()) {
    let c = cohorts.get(f);
    if (!c) {
      const span = asOf - f + 1;
      c = { customers: 0, active: new Array<number>(span).fill(0), revenue: new Array<bigint>(span).fill(0n) };
      cohorts.set(f, c);
    }
    c.customers++;
  }
  for (let i = 0; i < rows.month.length; i++) {
    const m = rows.month[i]!;
    if (m > asOf) continue;
    const f = first.get(rows.customer[i]!);
    // A customer's months before their first sale (only returns) belong to no cohort.
    if (f === undefined || m < f) continue;
    const c = cohorts.get(f)!;
    if (rows.orders[i]! > 0) c.active[m - f]!++;
    c.revenue[m - f]! += rows.net[i]!;
  }
  return [...cohorts]
    .sort((a, b) => a[0] - b[0])
    .map(([f, c]) => ({ month: monthText(f), customers: c.customers, active: c.active, retention: c.active.map((a) => a / c.customers), revenue: c.revenue }));
}

export interface RetentionKpis {
  /** The period: `months` months ending with the as-of month, and the same length before it. */
  period: { from: string; to: string; previousFrom: string };
  /** Customers with a sale in the previous period, and how many of them bought again in this one. */
  previousCustomers: number;
  retained: number;
  /** retained / previousCustomers; churn is its complement. Null without previous customers. */
  retentionRate: number | null;
  churnRate: number | null;
  /** Customers with a sale up to the as-of month, and how many of them bought on two or more days. */
  customers: number;
  repeatCustomers: number;
  repeatPurchaseRate: number | null;
  /** This period's net sales, and the part from customers whose first sale came before it. */
  periodNet: bigint;
  returningNet: bigint;
  returningShare: number | null;
}

/** Retention, churn, repeat purchase and revenue from returning customers, as of a month. */
export function retentionKpis(rows: MonthRows, asOfMonth: string, months = 12): RetentionKpis {
  if (!Number.isInteger(months) || months < 1) throw new RangeError(`not a number of months: ${months}`);
  const asOf = monthNumber(asOfMonth);
  const from = asOf - months + 1;
  const previousFrom = from - months;
  const first = byCustomer(rows, asOf);
  const inPrevious = new Set<number>();
  const inThis = new Set<number>();
  const days = new Map<number, number>();
  let periodNet = 0n;
  let returningNet = 0n;
  for (let i = 0; i < rows.month.length; i++) {
    const m = rows.month[i]!;
    if (m > asOf) continue;
    const c = rows.customer[i]!;
    if (rows.orders[i]! > 0) {
      if (m >= from) inThis.add(c);
      else if (m >= previousFrom) inPrevious.add(c);
      days.set(c, (days.get(c) ?? 0) + rows.purchaseDays[i]!);
    }
    if (m >= from) {
      periodNet += rows.net[i]!;
      const f = first.get(c);
      if (f !== undefined && f < from) returningNet += rows.net[i]!;
    }
  }
  let retained = 0;
  for (const c of inPrevious) if (inThis.has(c)) retained++;
  let repeat = 0;
  for (const d of days.values()) if (d >= 2) repeat++;
  const retentionRate = inPrevious.size ? retained / inPrevious.size : null;
  return {
    period: { from: monthText(from), to: monthText(asOf), previousFrom: monthText(previousFrom) },
    previousCustomers: inPrevious.size,
    retained,
    retentionRate,
    churnRate: retentionRate === null ? null : 1 - retentionRate,
    customers: first.size,
    repeatCustomers: repeat,
    repeatPurchaseRate: first.size ? repeat / first.size : null,
    periodNet,
    returningNet,
    returningShare: ratio(returningNet, periodNet),
  };
}
