/**
 * Care occasions of a customer (birthdays, lunar birthdays, wedding and company anniversaries,
 * holidays) and the Gregorian days they fall on in a window of days. Pure date rules: the
 * later contact-plan feature stores occasions and turns these dates into reminder tasks.
 */
import { type FestivalKey, type FestivalOptions, festival, festivalDays } from "./festivals.ts";
import { type LunarFallback, dateText, gregorianDay, gregorianParts, lunarDateOf, lunarRecurrence, parseDate } from "./lunar.ts";

/** What to do with a Feb 29 date in a common year: Feb 28 (default) or Mar 1. */
export type Feb29Rule = "feb28" | "mar1";

export type Occasion =
  /** A Gregorian birthday; `date` is the birth date 'YYYY-MM-DD'. */
  | { kind: "birthday"; ref: string; date: string; feb29?: Feb29Rule }
  /**
   * A lunar birthday (农历生日): lunar month, day and whether the month was a leap month.
   * `birthYear` is the lunar year of birth; give it to get `years`.
   */
  | { kind: "lunarBirthday"; ref: string; month: number; day: number; leap?: boolean; birthYear?: number }
  /** A wedding anniversary; `date` is the wedding day. */
  | { kind: "weddingAnniversary"; ref: string; date: string; feb29?: Feb29Rule }
  /** A company anniversary; `date` is the founding or contract date. */
  | { kind: "companyAnniversary"; ref: string; date: string; basis: "founding" | "contract"; feb29?: Feb29Rule }
  | { kind: "festival"; ref: string; key: FestivalKey };

export type OccasionKind = Occasion["kind"];

/** A date moved because the occasion's own date does not exist that year. */
export type Adjustment = LunarFallback | "feb29ToFeb28" | "feb29ToMar1";

export interface OccasionDate {
  date: string;
  day: number;
  kind: OccasionKind;
  /** i18n keys for the label, most general first, e.g. ["occasion.festival", "festival.midAutumn"]. */
  labelKeys: string[];
  ref: string;
  /** Age turned, or years since the wedding/founding/contract; absent for festivals. */
  years?: number;
  /** Empty unless the date was moved (see Adjustment). */
  adjustments: Adjustment[];
}

export interface OccasionOptions extends FestivalOptions {
  /** Default for occasions that do not set their own `feb29`. */
  feb29?: Feb29Rule;
}

function gregorianAnniversaries(o: Extract<Occasion, { date: string }>, fromDay: number, toDay: number, rule: Feb29Rule): OccasionDate[] {
  const origin = gregorianParts(parseDate(o.date));
  const labelKeys = o.kind === "companyAnniversary" ? [`occasion.${o.kind}`, `occasion.${o.kind}.${o.basis}`] : [`occasion.${o.kind}`];
  const out: OccasionDate[] = [];
  for (let y = gregorianParts(fromDay).year; y <= gregorianParts(toDay).year; y++) {
    const years = y - origin.year;
    // The date itself is the origin, not an anniversary of it.
    if (years < 1) continue;
    const adjustments: Adjustment[] = [];
    let day: number;
    if (origin.month === 2 && origin.day === 29 && !isLeapYear(y)) {
      day = rule === "mar1" ? gregorianDay(y, 3, 1) : gregorianDay(y, 2, 28);
      adjustments.push(rule === "mar1" ? "feb29ToMar1" : "feb29ToFeb28");
    } else {
      day = gregorianDay(y, origin.month, origin.day);
    }
    if (day >= fromDay && day <= toDay) out.push({ date: dateText(day), day, kind: o.kind, labelKeys, ref: o.ref, years, adjustments });
  }
  return out;
}

const isLeapYear = (y: number): boolean => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

function lunarBirthdays(o: Extract<Occasion, { kind: "lunarBirthday" }>, fromDay: number, toDay: number): OccasionDate[] {
  const out: OccasionDate[] = [];
  for (let y = lunarDateOf(fromDay).year; y <= lunarDateOf(toDay).year; y++) {
    const years = o.birthYear === undefined ? undefined : y - o.birthYear;
    if (years !== undefined && years < 1) continue;
    const { day, fallbacks } = lunarRecurrence(y, o.month, o.day, o.leap ?? false);
    if (day < fromDay || day > toDay) continue;
    const d: OccasionDate = { date: dateText(day), day, kind: o.kind, labelKeys: ["occasion.lunarBirthday"], ref: o.ref, adjustments: fallbacks };
    if (years !== undefined) d.years = years;
    out.push(d);
  }
  return out;
}

function occurrences(o: Occasion, fromDay: number, toDay: number, options: OccasionOptions): OccasionDate[] {
  switch (o.kind) {
    case "birthday":
    case "weddingAnniversary":
    case "companyAnniversary":
      return gregorianAnniversaries(o, fromDay, toDay, o.feb29 ?? options.feb29 ?? "feb28");
    case "lunarBirthday":
      return lunarBirthdays(o, fromDay, toDay);
    case "festival": {
      const labelKeys = ["occasion.festival", `festival.${festival(o.key).key}`];
      return festivalDays(o.key, fromDay, toDay, options).map((day) => ({ date: dateText(day), day, kind: o.kind, labelKeys, ref: o.ref, adjustments: [] }));
    }
  }
}

/**
 * Every occasion date from `fromDay` to `toDay` (day numbers, inclusive), sorted by day, then
 * ref, then label. A range may span lunar years (Dec–Feb): each occurrence appears once.
 */
export function occasionsInRange(fromDay: number, toDay: number, occasions: readonly Occasion[], options: OccasionOptions = {}): OccasionDate[] {
  if (toDay < fromDay) return [];
  const all = occasions.flatMap((o) => occurrences(o, fromDay, toDay, options));
  const key = (d: OccasionDate): string => `${d.day}\u0000${d.ref}\u0000${d.labelKeys.join("\u0000")}`;
  // The same occasion listed twice (e.g. a festival added by two plans for one customer) is one reminder.
  const unique = [...new Map(all.map((d) => [key(d), d])).values()];
  return unique.sort((a, b) => a.day - b.day || cmp(a.ref, b.ref) || cmp(a.labelKeys.join(), b.labelKeys.join()));
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The day a reminder is due: `days` calendar days before the occasion's day (0 = on the day). */
export function leadDays(occasionDay: number, days: number): number {
  if (!Number.isInteger(days) || days < 0) throw new RangeError(`Lead time must be a whole number of days ≥ 0, not ${days}.`);
  return occasionDay - days;
}
