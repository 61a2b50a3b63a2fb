/**
 * The membership programme (会员计划): levels (会员等级) with their entry thresholds and
 * points multipliers, the earning rate, the rolling window, the review and the expiry of
 * points. Definitions and a worked example: docs/membership.md. Pure: validation returns
 * the list of problems, each naming its field, and the caller turns them into errors.
 */
import { isDay } from "../../domain/days.ts";

export interface MemberLevel {
  /** A stable key (letters, digits, `_`, `-`), kept in the ledger and the level history. */
  key: string;
  /** The name shown to people, in the business's own words (普通会员, 银卡, Gold …). */
  name: string;
  /** The rolling value needed to hold the level: an amount (basis spend) or whole points (basis points). */
  threshold: string;
  /** Points per point the rate gives: "1", "1.5" (at most 4 decimals). */
  multiplier: string;
}

export interface Programme {
  /** Orders dated before this day earn nothing and count for no level; null: every order counts. */
  startsOn: string | null;
  /** What the thresholds measure: net sales (returns deducted) or base points earned, over the window. */
  basis: "spend" | "points";
  /** The rolling window, in months, that ends on the day of evaluation. */
  windowMonths: number;
  /** When a level is reviewed for downgrade: on the 1st of every month, or every 12 months after it was reached. */
  review: "monthly" | "anniversary";
  /** Base points per 1 unit of the base currency paid (at most 4 decimals); points are rounded down. */
  pointsPerUnit: string;
  /** Points earned in year Y expire at the end of Y + expiryYears (0: the same year); null: never. */
  expiryYears: number | null;
  /** Ascending by threshold; the first is the entry level (threshold 0: every buyer joins). */
  levels: MemberLevel[];
}

export const DEFAULT_PROGRAMME: Programme = Object.freeze({
  startsOn: null,
  basis: "spend",
  windowMonths: 12,
  review: "monthly",
  pointsPerUnit: "1",
  expiryYears: 1,
  levels: [
    { key: "regular", name: "普通会员", threshold: "0", multiplier: "1" },
    { key: "silver", name: "银卡", threshold: "2000", multiplier: "1.2" },
    { key: "gold", name: "金卡", threshold: "10000", multiplier: "1.5" },
    { key: "diamond", name: "钻石", threshold: "50000", multiplier: "2" },
  ],
}) as Programme;

export interface ProgrammeIssue {
  field: string;
  message: string;
}

/** Rate and multiplier scale: both have at most 4 decimals. */
export const FACTOR_SCALE = 10_000n;
const FACTOR = /^\d{1,6}(\.\d{1,4})?$/;
const AMOUNT = /^\d{1,15}(\.\d{1,6})?$/;
const KEY = /^[A-Za-z0-9_-]{1,40}$/;

/** A decimal with at most `decimals` decimals as an integer scaled by 10^decimals. */
export function scaledInt(d: string, decimals: number): bigint {
  const [whole = "0", frac = ""] = d.split(".");
  return BigInt(whole + frac.padEnd(decimals, "0"));
}

/** What is wrong with a programme, each problem naming its field; empty when it is valid. */
export function programmeIssues(p: Programme): ProgrammeIssue[] {
  const issues: ProgrammeIssue[] = [];
  const add = (field: string, message: string) => issues.push({ field, message });
  if (p.startsOn !== null && !(typeof p.startsOn === "string" && isDay(p.startsOn))) add("startsOn", "give a date as YYYY-MM-DD, or null for every order");
  if (p.basis !== "spend" && p.basis !== "points") add("basis", 'give "spend" (net sales) or "points" (base points earned)');
  if (!Number.isInteger(p.windowMonths) || p.windowMonths < 1 || p.windowMonths > 60) add("windowMonths", "give a whole number of months from 1 to 60");
  if (p.review !== "monthly" && p.review !== "anniversary") add("review", 'give "monthly" or "anniversary"');
  if (typeof p.pointsPerUnit !== "string" || !FACTOR.test(p.pointsPerUnit) || scaledInt(p.pointsPerUnit, 4) === 0n) {
    add("pointsPerUnit", "give the points per 1 unit of currency, above 0 with at most 4 decimals, such as 1 or 0.5");
  }
  if (p.expiryYears !== null && (!Number.isInteger(p.expiryYears) || p.expiryYears < 0 || p.expiryYears > 10)) {
    add("expiryYears", "give a whole number of years from 0 to 10, or null for points that never expire");
  }
  if (!Array.isArray(p.levels) || p.levels.length === 0 || p.levels.length > 12) {
    add("levels", "give from 1 to 12 levels, lowest first");
    return issues;
  }
  const keys = new Set<string>();
  let previous: bigint | null = null;
  p.levels.forEach((l, i) => {
    const f = `levels[${i}]`;
    if (typeof l.key !== "string" || !KEY.test(l.key)) add(`${f}.key`, "give a key of letters, digits, _ or - (at most 40), such as gold");
    else if (keys.has(l.key)) add(`${f}.key`, `the key "${l.key}" is used twice: give each level its own key`);
    else keys.add(l.key);
    if (typeof l.name !== "string" || l.name.trim() === "" || l.name.length > 60) add(`${f}.name`, "give a name of 1 to 60 characters");
    const pattern = p.basis === "points" ? /^\d{1,15}$/ : AMOUNT;
    if (typeof l.threshold !== "string" || !pattern.test(l.threshold)) {
      add(`${f}.threshold`, p.basis === "points" ? "give a whole number of points, 0 or more" : "give an amount of 0 or more with at most 6 decimals");
      return;
    }
    const t = scaledInt(l.threshold, 6);
    if (previous !== null && t <= previous) add(`${f}.threshold`, "each level needs a higher threshold than the one before it");
    previous = t;
    if (typeof l.multiplier !== "string" || !FACTOR.test(l.multiplier) || scaledInt(l.multiplier, 4) === 0n) {
      add(`${f}.multiplier`, "give a multiplier above 0 with at most 4 decimals, such as 1 or 1.5");
    }
  });
  return issues;
}
