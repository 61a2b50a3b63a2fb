/**
 * Birthdays and other yearly dates, gregorian or lunar, with or without the year.
 */
import type { KeyDateInput, KeyDateKind } from "../domain/inputs.ts";
import { parseDateParts, type DateOrder } from "./dates.ts";
import { fail, normalizeText, ok, type Parsed } from "./values.ts";

const MONTH_DAY = /^(\d{1,2})[-/.月](\d{1,2})[日号]?$/;
const LUNAR_NUMERIC = /^(?:(\d{4})[-/.年])?(闰)?(\d{1,2})[-/.月](\d{1,2})日?$/;
const CN_MONTHS: Record<string, number> = {
  正: 1, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10, 十一: 11, 冬: 11, 十二: 12, 腊: 12,
};
const CN_DIGITS = "一二三四五六七八九";
const digit = (c: string) => CN_DIGITS.indexOf(c) + 1;
/** 初一 … 初十, 十一 … 十九, 二十, 廿一 (or 二十一) … 廿九, 三十. */
function cnDay(s: string): number | undefined {
  let m: RegExpExecArray | null;
  if ((m = /^初([一二三四五六七八九十])$/.exec(s))) return m[1] === "十" ? 10 : digit(m[1]!);
  if ((m = /^十([一二三四五六七八九])$/.exec(s))) return 10 + digit(m[1]!);
  if ((m = /^(?:廿|二十)([一二三四五六七八九])$/.exec(s))) return 20 + digit(m[1]!);
  if (s === "二十") return 20;
  if (s === "三十") return 30;
  return undefined;
}
const LUNAR_CHINESE = /^(?:(\d{4})年)?(闰)?(正|十一|十二|[一二三四五六七八九十冬腊])月(.+)$/;

/** A gregorian yearly date: a full date (the year kept) or month and day alone ("03-15", "3月15日"). */
export function parseGregorianKeyDate(raw: string, kind: KeyDateKind, order: DateOrder): Parsed<KeyDateInput> {
  const s = normalizeText(raw);
  const md = MONTH_DAY.exec(s);
  if (md) {
    const [month, day] = [Number(md[1]), Number(md[2])];
    // Checked against a leap year so 02-29 birthdays pass.
    if (month < 1 || month > 12 || day < 1 || day > new Date(Date.UTC(2024, month, 0)).getUTCDate()) {
      return fail(`no such date: month ${month}, day ${day}`);
    }
    return ok({ kind, calendar: "gregorian", month, day });
  }
  const p = parseDateParts(s, order);
  if (!p.ok) return p;
  return ok({ kind, calendar: "gregorian", year: p.value.year, month: p.value.month, day: p.value.day });
}

/**
 * A lunar yearly date: "MM-DD", "YYYY-MM-DD", "闰MM-DD" (leap month), or written out as
 * "正月初五", "1990年闰四月十二", "腊月廿三".
 */
export function parseLunarKeyDate(raw: string, kind: KeyDateKind): Parsed<KeyDateInput> {
  const s = normalizeText(raw);
  let year: number | undefined;
  let leap = false;
  let month: number | undefined;
  let day: number | undefined;
  let m = LUNAR_NUMERIC.exec(s);
  if (m) {
    year = m[1] !== undefined ? Number(m[1]) : undefined;
    leap = m[2] !== undefined;
    [month, day] = [Number(m[3]), Number(m[4])];
  } else if ((m = LUNAR_CHINESE.exec(s))) {
    year = m[1] !== undefined ? Number(m[1]) : undefined;
    leap = m[2] !== undefined;
    month = CN_MONTHS[m[3]!];
    day = cnDay(m[4]!);
  }
  if (month === undefined || day === undefined) return fail("not a lunar date (expected e.g. 08-15, 闰04-12 or 正月初五)");
  // Lunar months have 29 or 30 days.
  if (month < 1 || month > 12 || day < 1 || day > 30) return fail(`no such lunar date: month ${month}, day ${day}`);
  if (year !== undefined && (year < 1800 || year > 2200)) return fail(`implausible year ${year}`);
  return ok({ kind, calendar: "lunar", ...(year !== undefined ? { year } : {}), month, day, ...(leap ? { leapMonth: true } : {}) });
}
