/**
 * The Chinese lunisolar calendar (农历) on top of tyme4ts, in our units: Gregorian days are
 * whole day numbers since 1970-01-01 (as in ../days.ts) and are written 'YYYY-MM-DD'.
 * tyme4ts does the astronomy; this file adds the conventions a reminder needs when a lunar
 * date does not exist in a given year (day 30 of a 29-day month, a leap month that does not
 * recur). Pure: no clock, no time zone, no Date.
 */
import { LunarDay, LunarMonth, LunarYear, SolarDay, SolarTerm } from "tyme4ts";
import { dayNumber, dayText, isDay } from "../days.ts";

// Day numbers count from tyme4ts's own 1970-01-01, so lunar conversions need no Date; a test
// pins them equal to ../days.ts's.
const EPOCH = SolarDay.fromYmd(1970, 1, 1);

/** A date in the lunar calendar; `leap` marks a leap month (闰月). */
export interface LunarDate {
  year: number;
  month: number;
  day: number;
  leap: boolean;
}

/** How a lunar date that does not exist in a year was moved to one that does. */
export type LunarFallback =
  /** Day 30 asked of a 29-day month: the month's last day (29) is used. */
  | "lastDayOfMonth"
  /** A leap-month date in a year without that leap month: the ordinary month of the same number. */
  | "ordinaryMonth";

const pad = (n: number): string => String(n).padStart(2, "0");

/** The day number of a tyme4ts solar day. */
export const solarDayNumber = (s: SolarDay): number => s.subtract(EPOCH);

/** The tyme4ts solar day of a day number. */
export const solarDayOf = (day: number): SolarDay => EPOCH.next(day);

/** 'YYYY-MM-DD' of a day number. */
export const dateText = dayText;

/** The day number of a Gregorian year, month, day; throws RangeError when there is no such date. */
export function gregorianDay(year: number, month: number, day: number): number {
  try {
    return solarDayNumber(SolarDay.fromYmd(year, month, day));
  } catch {
    throw new RangeError(`${year}-${pad(month)}-${pad(day)} is not a Gregorian date.`);
  }
}

/** The day number of 'YYYY-MM-DD'; throws RangeError for anything else (2023-02-29 included). */
export function parseDate(text: string): number {
  if (!isDay(text)) throw new RangeError(`"${text}" is not a date written YYYY-MM-DD.`);
  return dayNumber(text);
}

/** The Gregorian year, month (1–12), day of month and weekday (0 = Sunday) of a day number. */
export function gregorianParts(day: number): { year: number; month: number; day: number; weekday: number } {
  const s = solarDayOf(day);
  return { year: s.getYear(), month: s.getMonth(), day: s.getDay(), weekday: s.getWeek().getIndex() };
}

/** The lunar date of a day number. */
export function lunarDateOf(day: number): LunarDate {
  const l = solarDayOf(day).getLunarDay();
  const m = l.getLunarMonth();
  return { year: l.getYear(), month: m.getMonth(), day: l.getDay(), leap: m.isLeap() };
}

/** The leap month (1–12) of a lunar year, or 0 when it has none. */
export const leapMonthOf = (lunarYear: number): number => LunarYear.fromYear(lunarYear).getLeapMonth();

/** Days (29 or 30) in a lunar month; throws RangeError for a leap month the year does not have. */
export function lunarMonthLength(lunarYear: number, month: number, leap = false): number {
  if (leap && leapMonthOf(lunarYear) !== month) throw new RangeError(`Lunar year ${lunarYear} has no leap month ${month}.`);
  return LunarMonth.fromYm(lunarYear, leap ? -month : month).getDayCount();
}

/** The day number of an exact lunar date; throws RangeError when that date does not exist. */
export function lunarDay(date: LunarDate): number {
  const length = lunarMonthLength(date.year, date.month, date.leap);
  if (!Number.isInteger(date.day) || date.day < 1 || date.day > length) {
    throw new RangeError(`Lunar ${date.year}/${date.leap ? "闰" : ""}${date.month} has ${length} days, not a day ${date.day}.`);
  }
  return solarDayNumber(LunarDay.fromYmd(date.year, date.leap ? -date.month : date.month, date.day).getSolarDay());
}

/**
 * Where a recurring lunar date (a birthday, a festival) falls in `lunarYear`, with the fallbacks
 * used when it does not exist that year:
 * - a leap-month date in a year without that leap month falls in the ordinary month of the same
 *   number (闰四月 → 四月), the usual practice for people born in a leap month;
 * - day 30 in a 29-day month falls on that month's last day, day 29 (so 除夕, "the last day of
 *   the 12th month", is 12/29 in years whose 12th month is short).
 * Both are folk practice, not a standard: "闰月是附属于'需要置闰'的那个月的 … 就按同月的那一天
 * 过生日 … 如果这一年没有三十，就在大年二十九过生日" (https://gkw.gzzwz.com.cn/wenda/401904.html).
 * A date in an ordinary month never moves to the leap month of the same number.
 */
export function lunarRecurrence(
  lunarYear: number,
  month: number,
  day: number,
  leap = false,
): { day: number; fallbacks: LunarFallback[] } {
  if (!Number.isInteger(month) || month < 1 || month > 12) throw new RangeError(`Lunar month ${month} is not 1–12.`);
  if (!Number.isInteger(day) || day < 1 || day > 30) throw new RangeError(`Lunar day ${day} is not 1–30.`);
  const fallbacks: LunarFallback[] = [];
  const useLeap = leap && leapMonthOf(lunarYear) === month;
  if (leap && !useLeap) fallbacks.push("ordinaryMonth");
  const length = lunarMonthLength(lunarYear, month, useLeap);
  if (day > length) fallbacks.push("lastDayOfMonth");
  return { day: lunarDay({ year: lunarYear, month, day: Math.min(day, length), leap: useLeap }), fallbacks };
}

/** 除夕: the last day of the 12th month of `lunarYear` (12/29 or 12/30), the eve of the next lunar year. */
export function lunarYearEnd(lunarYear: number): number {
  return lunarDay({ year: lunarYear, month: 12, day: lunarMonthLength(lunarYear, 12), leap: false });
}

/** The day on which a solar term (by its Chinese name, e.g. "清明") begins in a Gregorian year. */
export function solarTermDay(year: number, name: string): number {
  return solarDayNumber(SolarTerm.fromName(year, name).getSolarDay());
}
