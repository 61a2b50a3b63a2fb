/**
 * The holidays a care reminder can be planned around: Gregorian fixed dates, nth-weekday
 * holidays, Chinese lunar festivals and the solar term 清明. Keys are stable (stored in plans
 * and used as label keys); names are for display in zh-CN, zh-TW and en.
 */
import { gregorianDay, gregorianParts, lunarDateOf, lunarRecurrence, lunarYearEnd, solarTermDay } from "./lunar.ts";

export type FestivalKey =
  | "newYear" | "valentines" | "womensDay" | "labourDay" | "childrensDay" | "teachersDay" | "nationalDay" | "christmas"
  | "mothersDay" | "fathersDay"
  | "springFestival" | "lantern" | "dragonHeadRaising" | "dragonBoat" | "qixi" | "ghostFestival" | "midAutumn"
  | "doubleNinth" | "laba" | "xiaonian" | "newYearsEve"
  | "qingming";

/** How a festival's date is found each year. */
export type FestivalRule =
  | { calendar: "gregorian"; month: number; day: number }
  /** The nth given weekday (0 = Sunday) of a Gregorian month. */
  | { calendar: "nthWeekday"; month: number; weekday: number; nth: number }
  /** A day of an ordinary (never leap) lunar month. */
  | { calendar: "lunar"; month: number; day: number }
  /** 除夕: the last day of the 12th lunar month, 29 or 30. */
  | { calendar: "lunarYearEnd" }
  /** 小年: 12/23 in the north, 12/24 in the south; see FestivalOptions.xiaonian. */
  | { calendar: "xiaonian" }
  | { calendar: "solarTerm"; term: string };

export interface Festival {
  key: FestivalKey;
  names: { "zh-CN": string; "zh-TW": string; en: string };
  rule: FestivalRule;
}

export interface FestivalOptions {
  /** 小年 is 腊月廿三 in northern China and 腊月廿四 in the south; default north. */
  xiaonian?: "north" | "south";
}

const g = (month: number, day: number): FestivalRule => ({ calendar: "gregorian", month, day });
const l = (month: number, day: number): FestivalRule => ({ calendar: "lunar", month, day });

/** Every festival, in calendar order within each group. */
export const FESTIVALS: readonly Festival[] = Object.freeze([
  { key: "newYear", names: { "zh-CN": "元旦", "zh-TW": "元旦", en: "New Year's Day" }, rule: g(1, 1) },
  { key: "valentines", names: { "zh-CN": "情人节", "zh-TW": "情人節", en: "Valentine's Day" }, rule: g(2, 14) },
  { key: "womensDay", names: { "zh-CN": "妇女节", "zh-TW": "婦女節", en: "International Women's Day" }, rule: g(3, 8) },
  { key: "labourDay", names: { "zh-CN": "劳动节", "zh-TW": "勞動節", en: "Labour Day" }, rule: g(5, 1) },
  { key: "childrensDay", names: { "zh-CN": "儿童节", "zh-TW": "兒童節", en: "Children's Day" }, rule: g(6, 1) },
  { key: "teachersDay", names: { "zh-CN": "教师节", "zh-TW": "教師節", en: "Teachers' Day" }, rule: g(9, 10) },
  { key: "nationalDay", names: { "zh-CN": "国庆节", "zh-TW": "國慶節", en: "National Day" }, rule: g(10, 1) },
  { key: "christmas", names: { "zh-CN": "圣诞节", "zh-TW": "聖誕節", en: "Christmas Day" }, rule: g(12, 25) },
  { key: "mothersDay", names: { "zh-CN": "母亲节", "zh-TW": "母親節", en: "Mother's Day" }, rule: { calendar: "nthWeekday", month: 5, weekday: 0, nth: 2 } },
  { key: "fathersDay", names: { "zh-CN": "父亲节", "zh-TW": "父親節", en: "Father's Day" }, rule: { calendar: "nthWeekday", month: 6, weekday: 0, nth: 3 } },
  { key: "springFestival", names: { "zh-CN": "春节", "zh-TW": "春節", en: "Spring Festival" }, rule: l(1, 1) },
  { key: "lantern", names: { "zh-CN": "元宵节", "zh-TW": "元宵節", en: "Lantern Festival" }, rule: l(1, 15) },
  { key: "dragonHeadRaising", names: { "zh-CN": "龙抬头", "zh-TW": "龍抬頭", en: "Dragon Head-Raising Day" }, rule: l(2, 2) },
  { key: "dragonBoat", names: { "zh-CN": "端午节", "zh-TW": "端午節", en: "Dragon Boat Festival" }, rule: l(5, 5) },
  { key: "qixi", names: { "zh-CN": "七夕", "zh-TW": "七夕", en: "Qixi Festival" }, rule: l(7, 7) },
  { key: "ghostFestival", names: { "zh-CN": "中元节", "zh-TW": "中元節", en: "Ghost Festival" }, rule: l(7, 15) },
  { key: "midAutumn", names: { "zh-CN": "中秋节", "zh-TW": "中秋節", en: "Mid-Autumn Festival" }, rule: l(8, 15) },
  { key: "doubleNinth", names: { "zh-CN": "重阳节", "zh-TW": "重陽節", en: "Double Ninth Festival" }, rule: l(9, 9) },
  { key: "laba", names: { "zh-CN": "腊八节", "zh-TW": "臘八節", en: "Laba Festival" }, rule: l(12, 8) },
  { key: "xiaonian", names: { "zh-CN": "小年", "zh-TW": "小年", en: "Little New Year" }, rule: { calendar: "xiaonian" } },
  { key: "newYearsEve", names: { "zh-CN": "除夕", "zh-TW": "除夕", en: "Chinese New Year's Eve" }, rule: { calendar: "lunarYearEnd" } },
  { key: "qingming", names: { "zh-CN": "清明节", "zh-TW": "清明節", en: "Qingming Festival" }, rule: { calendar: "solarTerm", term: "清明" } },
] satisfies Festival[]);

const BY_KEY = new Map(FESTIVALS.map((f) => [f.key, f]));

/** The festival with this key; throws RangeError for an unknown key (e.g. one read from storage). */
export function festival(key: string): Festival {
  const f = BY_KEY.get(key as FestivalKey);
  if (!f) throw new RangeError(`Unknown festival "${key}".`);
  return f;
}

function nthWeekday(year: number, month: number, weekday: number, nth: number): number {
  const first = gregorianDay(year, month, 1);
  return first + ((weekday - gregorianParts(first).weekday + 7) % 7) + 7 * (nth - 1);
}

/** Whether the rule counts years in the lunar calendar (its date is found per lunar year). */
export const isLunarRule = (rule: FestivalRule): boolean =>
  rule.calendar === "lunar" || rule.calendar === "lunarYearEnd" || rule.calendar === "xiaonian";

/**
 * The festival's day in `year`: a Gregorian year for Gregorian and solar-term rules, a lunar
 * year for lunar rules (so 除夕 of lunar year 2024 is 2025-01-28).
 */
export function festivalDayInYear(f: Festival, year: number, options: FestivalOptions = {}): number {
  const r = f.rule;
  switch (r.calendar) {
    case "gregorian": return gregorianDay(year, r.month, r.day);
    case "nthWeekday": return nthWeekday(year, r.month, r.weekday, r.nth);
    case "solarTerm": return solarTermDay(year, r.term);
    // Festivals keep to ordinary months, and none of them is on day 30, so no fallback applies.
    case "lunar": return lunarRecurrence(year, r.month, r.day).day;
    case "xiaonian": return lunarRecurrence(year, 12, options.xiaonian === "south" ? 24 : 23).day;
    case "lunarYearEnd": return lunarYearEnd(year);
  }
}

/** Every day from `fromDay` to `toDay` (inclusive) on which the festival falls, ascending. */
export function festivalDays(key: FestivalKey, fromDay: number, toDay: number, options: FestivalOptions = {}): number[] {
  const f = festival(key);
  if (toDay < fromDay) return [];
  const lunar = isLunarRule(f.rule);
  const first = lunar ? lunarDateOf(fromDay).year : gregorianParts(fromDay).year;
  const last = lunar ? lunarDateOf(toDay).year : gregorianParts(toDay).year;
  const days: number[] = [];
  for (let y = first; y <= last; y++) {
    const d = festivalDayInYear(f, y, options);
    if (d >= fromDay && d <= toDay) days.push(d);
  }
  return days;
}
