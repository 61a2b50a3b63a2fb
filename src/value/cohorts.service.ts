import type { Kysely } from "kysely";
import { cohortTable, retentionKpis, type Cohort, type RetentionKpis } from "../analytics/value/cohorts.ts";
import { dayNumber, dayText, isDay, monthStart, nextMonthStart } from "../domain/days.ts";
import { RetainError } from "../errors.ts";
import { customerMonths } from "../store/cohorts.repository.ts";
import type { Database } from "../store/schema.ts";
import { getSettings } from "../store/settings.repository.ts";
import { endOfPreviousMonth, microsText, todayIn } from "./value-report.service.ts";

export interface CohortReportOptions {
  /** YYYY-MM-DD; default: the end of the last complete month in the business's time zone. */
  asOf?: string;
  /** The KPIs' period, in months ending with the as-of month (default 12). */
  months?: number;
}

export interface CohortReport {
  currency: string;
  asOf: string;
  /** The last month read, 'YYYY-MM': the as-of date's month when the date ends it, else the month before. */
  month: string;
  cohorts: Cohort[];
  kpis: RetentionKpis & { period: RetentionKpis["period"] & { previousTo: string } };
}

/** The as-of date (default: the end of the last complete month) and the last whole month up to it. */
export async function reportMonth(db: Kysely<Database>, asOf: string | undefined): Promise<{ currency: string; asOf: string; month: string }> {
  const settings = await getSettings(db);
  const day = asOf ?? endOfPreviousMonth(todayIn(settings.timezone));
  if (!isDay(day)) throw new RetainError("BAD_INPUT", `as-of ${day}: not a date; give it as YYYY-MM-DD.`, { field: "asOf" });
  return { currency: settings.baseCurrency, asOf: day, month: lastWholeMonth(day) };
}

/**
 * The month a monthly figure as of `day` ends with: `day`'s own month when `day` is its last
 * day, otherwise the month before. Cohorts are read from whole months only, so a date inside
 * a month never brings in the days after it.
 */
export function lastWholeMonth(day: string): string {
  const d = dayNumber(day);
  return dayText(nextMonthStart(d) === d + 1 ? monthStart(d) : monthStart(d) - 1).slice(0, 7);
}

/** A number of months for a period: a whole number from 1 to 120. */
export function periodMonths(months: number | undefined, field: string): number {
  const n = months ?? 12;
  if (!Number.isInteger(n) || n < 1 || n > 120) throw new RetainError("BAD_INPUT", `${field} ${n}: give a whole number of months from 1 to 120.`, { field });
  return n;
}

/** The cohort table and the retention KPIs of the store as of a date (docs/value.md, "Cohorts and retention"). */
export async function buildCohortReport(db: Kysely<Database>, o: CohortReportOptions = {}): Promise<CohortReport> {
  const months = periodMonths(o.months, "months");
  const { currency, asOf, month } = await reportMonth(db, o.asOf);
  const rows = await customerMonths(db, month);
  const k = retentionKpis(rows, month, months);
  const previousTo = lastWholeMonth(dayText(dayNumber(`${k.period.from}-01`) - 1));
  return { currency, asOf, month, cohorts: cohortTable(rows, month), kpis: { ...k, period: { ...k.period, previousTo } } };
}

/** A report as plain JSON: money (bigint micro-units) as exact decimal strings. */
export function moneyJson<T>(r: T): unknown {
  return JSON.parse(JSON.stringify(r, (_k, v: unknown) => (typeof v === "bigint" ? microsText(v) : v)));
}
