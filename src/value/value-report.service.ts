import type { Kysely } from "kysely";
import { DEFAULT_TRANSACTION_RULE, valueReport, type Rfm8Choice, type TransactionRule, type ValueMeasure, type ValueReport } from "../analytics/value/report.ts";
import { RetainError } from "../errors.ts";
import type { Database } from "../store/schema.ts";
import { getSettings } from "../store/settings.repository.ts";
import { addMonths, dayNumber, dayText, isDay, monthStart } from "../domain/days.ts";
import { shareOfWallet, type ShareOfWallet } from "../analytics/value/segments.ts";
import { alignIds, walletBudgets } from "../store/segments.repository.ts";
import { customerValues, type CustomerValues } from "../store/value.repository.ts";
import { computeSegments, segmentInputs, segmentRules, summarizeSegments, takeSnapshot, type SegmentRules, type SegmentsSummary } from "./segments.service.ts";
import { microsText } from "../domain/decimal.ts";

export interface ValueReportOptions {
  /**
   * The window's last day, YYYY-MM-DD. Default: the last day of the last complete month in
   * the business's time zone, so the default report covers whole months and reads only the
   * aggregates (a day inside a month is exact too, and reads that month's order lines).
   */
  asOf?: string;
  /** Its length: 12m, 90d, 1y. */
  window: string;
  by: ValueMeasure;
  /** Who counts as a transaction customer; default DEFAULT_TRANSACTION_RULE. */
  transactionDiscount?: number;
  transactionDays?: number;
  /** The segmentations' rules, any part of them; the rest keep their defaults. */
  rules?: { profitGroups?: Partial<SegmentRules["profitGroups"]>; loyalty?: Partial<SegmentRules["loyalty"]>; ladder?: Partial<SegmentRules["ladder"]> };
  /** The 8-segment RFM's cut-offs (default: the means); rfm8.service.ts rfm8Choice reads them from fields. */
  rfm8?: Rfm8Choice;
}

/** The value report with its currency, the segments (three profitable groups, loyalty classes, the ladder) and share of wallet. */
export type FullValueReport = ValueReport & { currency: string; segments: SegmentsSummary; shareOfWallet: ShareOfWallet };

/** "12m", "90d", "1y" → the first day of a window ending on `asOf` (inclusive). */
export function windowStart(asOf: string, window: string): string {
  const m = /^(\d{1,4})([dmy])$/.exec(window.trim());
  if (!m || Number(m[1]) < 1) {
    throw new RetainError("BAD_INPUT", `window ${window}: give a length such as 12m, 90d or 1y.`, { field: "window" });
  }
  const n = Number(m[1]);
  const next = dayNumber(asOf) + 1;
  return dayText(m[2] === "d" ? next - n : addMonths(next, -(m[2] === "m" ? n : 12 * n)));
}

/** Today in a time zone, YYYY-MM-DD. */
export const todayIn = (timeZone: string, at: Date = new Date()): string =>
  new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(at);

/** The last day of the month before the one `day` is in. */
export const endOfPreviousMonth = (day: string): string => dayText(monthStart(dayNumber(day)) - 1);

/** The value report of the store as of a date (docs/value.md), with the base currency. */
export async function buildValueReport(db: Kysely<Database>, o: ValueReportOptions): Promise<FullValueReport> {
  const settings = await getSettings(db);
  const { from, to } = reportWindow(o, settings.timezone);
  const rule = transactionRule(o);
  const rules = segmentRules(o.rules);
  const columns = await customerValues(db, { from, to }, segmentInputs({ from, to, rules }));
  const [segments, budgets] = await Promise.all([
    computeSegments(db, { from, to, by: o.by, transactionRule: rule, rules, timezone: settings.timezone, rfm8: o.rfm8, columns }),
    walletBudgets(db),
  ]);
  return {
    currency: settings.baseCurrency,
    ...valueReport(columns, { from, to, toDay: dayNumber(to), by: o.by, rule, rfm8: o.rfm8 }),
    segments: summarizeSegments(segments),
    shareOfWallet: walletShare(columns, budgets, dayNumber(to) - dayNumber(from) + 1),
  };
}

/** Share of wallet of the customers with a recorded budget (those without a sale count with 0). */
function walletShare(c: CustomerValues, budgets: Map<number, bigint>, days: number): ShareOfWallet {
  // The few customers with a budget, found in the columns (sorted by id) in one merge:
  // a map of a million ids cost a second.
  const ids = [...budgets.keys()].sort((a, b) => a - b);
  const at = alignIds(Float64Array.from(ids), c.ids);
  const net = BigInt64Array.from(ids, (_id, k) => {
    const i = at[k]!;
    return i < 0 ? 0n : c.sales[i]! - c.returns[i]!;
  });
  return shareOfWallet(net, BigInt64Array.from(ids, (id) => budgets.get(id)!), days);
}

/** The window of a report or snapshot: ending on the as-of date (default: the end of the last complete month). */
export function reportWindow(o: Pick<ValueReportOptions, "asOf" | "window">, timezone: string): { from: string; to: string } {
  const to = o.asOf ?? endOfPreviousMonth(todayIn(timezone));
  if (!isDay(to)) {
    throw new RetainError("BAD_INPUT", `as-of ${to}: not a date; give it as YYYY-MM-DD.`, { field: "asOf" });
  }
  return { from: windowStart(to, o.window), to };
}

/**
 * Computes every customer's segments as of a date, with the report's window, measure and
 * rules, and saves them as that date's snapshot (docs/value.md, "Snapshots").
 */
export async function snapshotSegments(db: Kysely<Database>, o: ValueReportOptions, createdBy: number | null): Promise<{ asOf: string; customers: number }> {
  const settings = await getSettings(db);
  const { from, to } = reportWindow(o, settings.timezone);
  const segments = await computeSegments(db, { from, to, by: o.by, transactionRule: transactionRule(o), rules: segmentRules(o.rules), timezone: settings.timezone, rfm8: o.rfm8 });
  return takeSnapshot(db, segments, createdBy);
}

export function transactionRule(o: ValueReportOptions): TransactionRule {
  const rule = { minDiscountShare: o.transactionDiscount ?? DEFAULT_TRANSACTION_RULE.minDiscountShare, maxPurchaseDays: o.transactionDays ?? DEFAULT_TRANSACTION_RULE.maxPurchaseDays };
  if (!(rule.minDiscountShare >= 0 && rule.minDiscountShare <= 1)) {
    throw new RetainError("BAD_INPUT", `transaction discount ${rule.minDiscountShare}: give a share from 0 to 1 (0.3 for 30%).`, { field: "transactionDiscount" });
  }
  if (!Number.isInteger(rule.maxPurchaseDays) || rule.maxPurchaseDays < 1) {
    throw new RetainError("BAD_INPUT", `transaction days ${rule.maxPurchaseDays}: give a whole number of purchase days, 1 or more.`, { field: "transactionDays" });
  }
  return rule;
}

/** The report as plain JSON: money as exact decimal strings. */
export function valueReportJson(r: ValueReport & { currency: string }): unknown {
  return JSON.parse(JSON.stringify(r, (_k, v) => (typeof v === "bigint" ? microsText(v) : v)));
}

export { microsText };
