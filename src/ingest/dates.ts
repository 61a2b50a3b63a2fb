/**
 * Dates and timestamps as spreadsheets write them → 'YYYY-MM-DD' or
 * 'YYYY-MM-DDTHH:mm:ss' (plus the zone when one was written or --timezone is given).
 */
import { RetainError } from "../errors.ts";
import { fail, normalizeText, ok, type Parsed } from "./values.ts";

/**
 * Order of day and month in dates like 3/4/2024; year-first dates are always read as
 * year-month-day. "auto" reads month first (as US exports and the UCI Online Retail data
 * do) unless the first number is over 12; a day-first file should say --date-format dmy,
 * since 3/4/2024 alone cannot tell. "ymd" accepts year-first dates only.
 */
export type DateOrder = "auto" | "ymd" | "mdy" | "dmy";

export interface DateParts {
  year: number;
  month: number;
  day: number;
  time?: { hour: number; minute: number; second: number };
  /** "Z" or "+08:00". */
  zone?: string;
}

export interface DateOptions {
  order?: DateOrder;
  /** IANA zone (Asia/Shanghai) that timestamps without a zone are in. */
  timezone?: string;
}

const NOT_A_DATE = "not a date (expected e.g. 2024-03-01)";
const TIME = String.raw`(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?(?:\s*([AaPp])\.?[Mm]\.?)?`;
const CN_TIME = String.raw`(\d{1,2})[时点:](?:(\d{1,2})分?(?:(\d{1,2})秒?)?)?`;
const ZONE = String.raw`(Z|(?:UTC|GMT)?[+-]\d{1,2}(?::?\d{2})?|UTC|GMT)`;
const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const MON = String.raw`([A-Za-z]{3,9})\.?`;

const YMD = new RegExp(String.raw`^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:(?:T|\s+)${TIME})?\s*${ZONE}?$`);
const COMPACT = /^(\d{4})(\d{2})(\d{2})(?:(\d{2})(\d{2})(\d{2}))?$/;
const CHINESE = new RegExp(String.raw`^(\d{4})年(\d{1,2})月(\d{1,2})[日号]?(?:\s*(?:${TIME}|${CN_TIME}))?$`);
const XXY = new RegExp(String.raw`^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})(?:\s+${TIME})?\s*${ZONE}?$`);
const TWO_DIGIT_YEAR = /^\d{1,2}[-/.]\d{1,2}[-/.]\d{2}(?:\s|$)/;
const D_MON_Y = new RegExp(String.raw`^(\d{1,2})[-\s]${MON}[-\s](\d{4})(?:\s+${TIME})?$`);
const MON_D_Y = new RegExp(String.raw`^${MON}\s+(\d{1,2}),?\s+(\d{4})(?:\s+${TIME})?$`);
/** Excel serial days for 1950-01-01 … 2100-01-01: a bare number outside that is not a date. */
const SERIAL = /^\d{5}(?:\.\d+)?$/;
const SERIAL_MIN = 18264;
const SERIAL_MAX = 73051;

const daysIn = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
const n = (s: string | undefined) => (s === undefined || s === "" ? 0 : Number(s));
const pad = (v: number, w = 2) => String(v).padStart(w, "0");

function monthNumber(name: string): number | undefined {
  const i = MONTHS.indexOf(name.slice(0, 3).toLowerCase());
  return i === -1 ? undefined : i + 1;
}

function zoneOf(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  if (/^(Z|UTC|GMT)$/i.test(raw)) return "Z";
  const m = /^(?:UTC|GMT)?([+-])(\d{1,2})(?::?(\d{2}))?$/.exec(raw)!;
  const total = n(m[2]) * 60 + n(m[3]);
  return total === 0 ? "Z" : `${m[1]}${pad(n(m[2]))}:${pad(n(m[3]))}`;
}

/** Builds checked parts; `t` = [hour, minute, second, am/pm] strings when a time was written. */
function build(y: number, mo: number, d: number, t?: (string | undefined)[], zone?: string): Parsed<DateParts> {
  if (y < 1800 || y > 2200) return fail(`implausible year ${y}`);
  if (mo < 1 || mo > 12 || d < 1 || d > daysIn(y, mo)) return fail(`no such date: ${y}-${pad(mo)}-${pad(d)}`);
  const parts: DateParts = { year: y, month: mo, day: d };
  if (t && t[0] !== undefined) {
    let hour = n(t[0]);
    const [minute, second, ampm] = [n(t[1]), n(t[2]), t[3]?.toLowerCase()];
    if (ampm !== undefined) {
      if (hour < 1 || hour > 12) return fail(`not a time: hour ${hour} with ${ampm}m`);
      hour = (hour % 12) + (ampm === "p" ? 12 : 0);
    }
    if (hour > 23 || minute > 59 || second > 59) return fail(`not a time of day: ${pad(hour)}:${pad(minute)}:${pad(second)}`);
    parts.time = { hour, minute, second };
  }
  const z = zoneOf(zone);
  if (z !== undefined && parts.time) parts.zone = z;
  return ok(parts);
}

/** Parses a date or timestamp into checked parts (no time zone conversion). */
export function parseDateParts(raw: string, order: DateOrder = "auto"): Parsed<DateParts> {
  const s = normalizeText(raw);
  if (s === "") return fail("empty");
  let m: RegExpExecArray | null;
  if ((m = YMD.exec(s))) return build(n(m[1]), n(m[2]), n(m[3]), m.slice(4, 8), m[8]);
  if ((m = COMPACT.exec(s))) return build(n(m[1]), n(m[2]), n(m[3]), m[4] !== undefined ? m.slice(4, 7) : undefined);
  if ((m = CHINESE.exec(s))) {
    const t = m[4] !== undefined ? m.slice(4, 8) : m[8] !== undefined ? m.slice(8, 11) : undefined;
    return build(n(m[1]), n(m[2]), n(m[3]), t);
  }
  if ((m = XXY.exec(s))) {
    if (order === "ymd") return fail("not a date (expected year first, e.g. 2024-03-01)");
    const [a, b] = [n(m[1]), n(m[2])];
    const dayFirst = order === "dmy" || (order === "auto" && a > 12);
    return build(n(m[3]), dayFirst ? b : a, dayFirst ? a : b, m.slice(4, 8), m[8]);
  }
  if ((m = D_MON_Y.exec(s)) || (m = MON_D_Y.exec(s))) {
    const monthFirst = /^[A-Za-z]/.test(s);
    const mo = monthNumber(monthFirst ? m[1]! : m[2]!);
    if (mo === undefined) return fail(NOT_A_DATE);
    return build(n(m[3]), mo, n(monthFirst ? m[2] : m[1]), m.slice(4, 8));
  }
  if ((m = SERIAL.exec(s))) {
    const serial = Number(s);
    if (serial < SERIAL_MIN || serial > SERIAL_MAX) return fail(NOT_A_DATE);
    // Serial 25569 is 1970-01-01 in Excel's 1900 date system.
    const d = new Date(Math.round((serial - 25569) * 86_400) * 1000);
    const t = d.getTime() % 86_400_000 !== 0 ? [String(d.getUTCHours()), String(d.getUTCMinutes()), String(d.getUTCSeconds())] : undefined;
    return build(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), t);
  }
  if (TWO_DIGIT_YEAR.test(s)) return fail("two-digit year: write the year in full (e.g. 2024)");
  return fail(NOT_A_DATE);
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Checks an IANA zone name once, up front; throws BAD_INPUT when the runtime does not know it. */
export function checkTimezone(tz: string): void {
  try {
    zoneFormatter(tz);
  } catch (e) {
    throw new RetainError("BAD_INPUT", `Unknown time zone '${tz}'.`, { field: "timezone", hint: "Use an IANA name such as Asia/Shanghai or America/New_York." }, { cause: e });
  }
}

function zoneFormatter(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone: tz, hourCycle: "h23", year: "numeric", month: "numeric", day: "numeric", hour: "numeric", minute: "numeric", second: "numeric",
    });
    formatters.set(tz, f);
  }
  return f;
}

/** Offset in minutes of `tz` at UTC instant `t`. */
function offsetAt(tz: string, t: number): number {
  const p = Object.fromEntries(zoneFormatter(tz).formatToParts(new Date(t)).map((x) => [x.type, x.value]));
  const wall = Date.UTC(n(p.year), n(p.month) - 1, n(p.day), n(p.hour), n(p.minute), n(p.second));
  return Math.round((wall - t) / 60_000);
}

/** The zone suffix of a wall-clock time in `tz` (the offset in force at that moment). */
function offsetSuffix(tz: string, d: DateParts): string {
  const wall = Date.UTC(d.year, d.month - 1, d.day, d.time?.hour ?? 0, d.time?.minute ?? 0, d.time?.second ?? 0);
  const off = offsetAt(tz, wall - offsetAt(tz, wall) * 60_000);
  if (off === 0) return "Z";
  const a = Math.abs(off);
  return `${off < 0 ? "-" : "+"}${pad(Math.floor(a / 60))}:${pad(a % 60)}`;
}

export function formatDate(d: DateParts, timezone?: string): string {
  const date = `${pad(d.year, 4)}-${pad(d.month)}-${pad(d.day)}`;
  if (!d.time) return date;
  const zone = d.zone ?? (timezone ? offsetSuffix(timezone, d) : "");
  return `${date}T${pad(d.time.hour)}:${pad(d.time.minute)}:${pad(d.time.second)}${zone}`;
}

/** Parses a date or timestamp into its output form. */
export function parseDate(raw: string, opts: DateOptions = {}): Parsed<string> {
  const p = parseDateParts(raw, opts.order);
  return p.ok ? ok(formatDate(p.value, opts.timezone)) : p;
}
