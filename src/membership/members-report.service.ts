import type { Kysely } from "kysely";
import { addMonths, dayNumber, dayText, monthStart } from "../domain/days.ts";
import { RetainError } from "../errors.ts";
import { comparisonRows, countLiveCustomers, levelCounts } from "../store/membership.repository.ts";
import type { Database } from "../store/schema.ts";
import { getSettings } from "../store/settings.repository.ts";
import { endOfPreviousMonth, todayIn } from "../value/value-report.service.ts";
import { getProgramme } from "./membership.service.ts";

/**
 * The members report (docs/membership.md, "Members by level" and "Members against
 * non-members"): how many customers hold each level, and what customers of each level did
 * in the year after a reference day against those who held none.
 */
type Db = Kysely<Database>;

export interface LevelCount {
  level: string | null;
  name: string | null;
  members: number;
  balance: number;
}

export interface MembersSummary {
  /** The day the standings were computed (the last apply), or null before any. */
  asOf: string | null;
  customers: number;
  levels: LevelCount[];
}

/** Members per level of the programme (every level listed, with 0 when empty), from the last apply. */
export async function membersSummary(db: Db): Promise<MembersSummary> {
  const [rows, customers, { programme }] = await Promise.all([levelCounts(db), countLiveCustomers(db), getProgramme(db)]);
  const byLevel = new Map(rows.map((r) => [r.level, r]));
  const levels: LevelCount[] = programme.levels.map((l) => ({ level: l.key, name: l.name, members: byLevel.get(l.key)?.members ?? 0, balance: byLevel.get(l.key)?.balance ?? 0 }));
  for (const r of rows) if (!programme.levels.some((l) => l.key === r.level) && r.level !== null) levels.push({ level: r.level, name: r.level, members: r.members, balance: r.balance });
  const asOf = rows.reduce<string | null>((m, r) => (r.as_of && (!m || r.as_of > m) ? r.as_of : m), null);
  return { asOf, customers, levels };
}

export interface ComparisonGroup {
  /** null: no level on the reference day (non-members). */
  level: string | null;
  name: string | null;
  customers: number;
  /** Orders per customer in the base year. */
  ordersBefore: number;
  /** Net sales per customer in the base year (base currency, rounded to 0.01). */
  netBefore: string;
  /** Orders per customer in the year after the reference day. */
  frequency: number;
  /** Net sales per customer in the year after (base currency, rounded to 0.01). */
  netPerCustomer: string;
  /** How many bought again in the year after, and their share. */
  retained: number;
  retention: number;
}

export interface Comparison {
  /** The reference day: levels are read on it; the base year ends and the next year starts after it. */
  day: string;
  baseFrom: string;
  asOf: string;
  groups: ComparisonGroup[];
}

/** Micro-units divided by a count, rounded half away from zero to 0.01, as a decimal string. */
export function perCustomer(micros: bigint, n: number): string {
  if (n === 0) return "0.00";
  const den = BigInt(n) * 10_000n;
  const neg = micros < 0n;
  const a = neg ? -micros : micros;
  const cents = (a + den / 2n) / den;
  const s = `${cents / 100n}.${String(cents % 100n).padStart(2, "0")}`;
  return neg && cents !== 0n ? `-${s}` : s;
}

/**
 * Members against non-members: buyers of the 12 months ending on the reference day
 * (`asOf` − 12 months, a month's end), grouped by the level they held that day; for each
 * group, what they bought in the 12 months after (to `asOf`, the end of a month; default
 * the end of the last complete month).
 */
export async function compareMembers(db: Db, o: { asOf?: string } = {}): Promise<Comparison> {
  const asOf = o.asOf ?? endOfPreviousMonth(todayIn((await getSettings(db)).timezone));
  const n = dayNumber(asOf);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(asOf) || dayText(n) !== asOf || dayText(n + 1).slice(8) !== "01") {
    throw new RetainError("BAD_INPUT", `asOf: give the last day of a month, such as 2026-06-30 (got "${asOf}").`, { field: "asOf" });
  }
  const toMonth = monthStart(n);
  const nextFrom = addMonths(toMonth, -11);
  const baseFrom = addMonths(nextFrom, -12);
  const day = dayText(nextFrom - 1);
  const [rows, { programme }] = await Promise.all([
    comparisonRows(db, { baseFrom: dayText(baseFrom), day, nextFrom: dayText(nextFrom), toMonth: dayText(toMonth) }),
    getProgramme(db),
  ]);
  const groups = rows.map((r) => ({
    level: r.level,
    name: r.level === null ? null : (programme.levels.find((l) => l.key === r.level)?.name ?? r.level),
    customers: r.customers,
    ordersBefore: r.customers === 0 ? 0 : r.before_orders / r.customers,
    netBefore: perCustomer(BigInt(r.before_net), r.customers),
    frequency: r.customers === 0 ? 0 : r.after_orders / r.customers,
    netPerCustomer: perCustomer(BigInt(r.after_net), r.customers),
    retained: r.returned,
    retention: r.customers === 0 ? 0 : r.returned / r.customers,
  }));
  const order = (k: string | null) => (k === null ? -1 : programme.levels.findIndex((l) => l.key === k));
  groups.sort((a, b) => order(a.level) - order(b.level));
  return { day, baseFrom: dayText(baseFrom), asOf, groups };
}
