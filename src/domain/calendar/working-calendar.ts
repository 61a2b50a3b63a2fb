/**
 * Working calendars: which minutes of which local days count as working time, for clocks
 * that run in business hours (complaint SLAs). A calendar is plain data; local days are
 * those of a fixed UTC offset (mainland China has had no daylight saving since 1991), so
 * nothing here reads the machine's time zone or the current time.
 */
// The holiday data of chinese-days, read as data. Its query functions (isWorkday,
// getDayDetail, …) go through local-time Date methods and answer for the wrong day west of
// UTC (getDayDetail("2026-10-01") says 2026-09-30 under TZ=America/New_York), and the package
// is a UMD bundle whose named exports Node's ESM loader cannot see. Loaded with require, not
// `import … with { type: "json" }`: the CLI bundle (esbuild, target node20) drops the
// attribute and Node then refuses the import.
import { createRequire } from "node:module";
import { dayNumber, dayText, isDay } from "../days.ts";

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;
/** Working time within a local day, in minutes since midnight: [start, end), 0 ≤ start < end ≤ 1440. */
export type Interval = readonly [start: number, end: number];
/** Working intervals per ISO weekday, each list sorted and non-overlapping. */
export type WeekHours = Readonly<Record<IsoWeekday, readonly Interval[]>>;

/** A value: build it, then leave it alone (its compiled form is cached per object). */
export interface WorkingCalendar {
  /** Local time = UTC + this many minutes (China: 480). */
  readonly utcOffsetMinutes: number;
  readonly hours: WeekHours;
  /** Local days 'YYYY-MM-DD' with no working time (holidays, including those on weekends). */
  readonly daysOff: ReadonlySet<string>;
  /** Make-up workdays (调休上班) → the weekday whose hours apply. A day in daysOff stays off. */
  readonly extraWorkdays: ReadonlyMap<string, IsoWeekday>;
  /** Years whose holidays are known; "all" when the calendar claims no holidays at all. */
  readonly knownYears: ReadonlySet<number> | "all";
}

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;
const WEEKDAYS: readonly IsoWeekday[] = [1, 2, 3, 4, 5, 6, 7];
const EMPTY: readonly Interval[] = Object.freeze([]);

const office: readonly Interval[] = Object.freeze([Object.freeze([540, 720] as const), Object.freeze([780, 1080] as const)]);
/** Monday to Friday 09:00–12:00 and 13:00–18:00, weekends off. */
export const STANDARD_HOURS: WeekHours = Object.freeze({ 1: office, 2: office, 3: office, 4: office, 5: office, 6: EMPTY, 7: EMPTY });

/** ISO weekday of a day number (1970-01-01 was a Thursday). */
export const weekdayOf = (day: number): IsoWeekday => ((((day + 3) % 7) + 7) % 7 + 1) as IsoWeekday;
const yearOf = (day: number): number => new Date(day * DAY_MS).getUTCFullYear();

/** The local day number an instant (epoch ms) falls on. */
export const localDayNumber = (cal: WorkingCalendar, instant: number): number => Math.floor((instant + cal.utcOffsetMinutes * MINUTE_MS) / DAY_MS);

/** The local day 'YYYY-MM-DD' an instant (epoch ms) falls on. */
export const localDay = (cal: WorkingCalendar, instant: number): string => dayText(localDayNumber(cal, instant));

/** The instant (epoch ms) of local `day` ('YYYY-MM-DD') at `time` ('HH:MM' or minutes since midnight). */
export function instantAt(cal: WorkingCalendar, day: string, time: string | number = 0): number {
  if (!isDay(day)) throw new RangeError(`not a day: "${day}" (expected YYYY-MM-DD)`);
  const m = typeof time === "number" ? time : /^(\d{2}):(\d{2})$/.exec(time);
  const minute = typeof m === "number" ? m : m ? Number(m[1]) * 60 + Number(m[2]) : NaN;
  if (!Number.isInteger(minute) || minute < 0 || minute > 1440) throw new RangeError(`not a time of day: "${time}" (expected HH:MM)`);
  return (dayNumber(day) * 1440 + minute - cal.utcOffsetMinutes) * MINUTE_MS;
}

/** A calendar with the same hours every week and no holidays. */
export function weekdayCalendar(hours: WeekHours = STANDARD_HOURS, utcOffsetMinutes = 480): WorkingCalendar {
  return frozen({ utcOffsetMinutes, hours, daysOff: new Set(), extraWorkdays: new Map(), knownYears: "all" });
}

interface ChineseDaysData {
  holidays: Readonly<Record<string, string>>;
  workdays: Readonly<Record<string, string>>;
}
const data = createRequire(import.meta.url)("chinese-days/dist/chinese-days.json") as ChineseDaysData;
if (typeof data.holidays !== "object" || typeof data.workdays !== "object") throw new Error("chinese-days/dist/chinese-days.json no longer has { holidays, workdays }: check the chinese-days upgrade");
const libraryYears = (): number[] => [...new Set(Object.keys(data.holidays).map((d) => Number(d.slice(0, 4))))].sort((a, b) => a - b);
/** The years for which chinese-days has the State Council's holiday arrangement (2004–2026 in v1.5.7). */
export const CHINESE_DAYS_YEARS: readonly number[] = Object.freeze(libraryYears());

/** A make-up workday, with the weekday whose hours apply when it is not the calendar's default. */
export type MakeUpDay = string | { readonly day: string; readonly hoursOf: IsoWeekday };

/** Corrections to one year's holiday data. Removing a day that is not listed does nothing. */
export interface YearOverride {
  /** Replaces the library's list for the year and marks the year known (use it for a year the library lacks). */
  readonly replace?: { readonly daysOff: readonly string[]; readonly makeUpDays: readonly MakeUpDay[] };
  readonly addDaysOff?: readonly string[];
  readonly removeDaysOff?: readonly string[];
  readonly addMakeUpDays?: readonly MakeUpDay[];
  readonly removeMakeUpDays?: readonly string[];
}

export interface MainlandChinaOptions {
  /** Years to take from chinese-days; default all it has. Years in `overrides` are added. */
  readonly years?: readonly number[];
  readonly hours?: WeekHours;
  readonly utcOffsetMinutes?: number;
  /** Whose hours a make-up workday keeps; default Monday's. */
  readonly makeUpWeekday?: IsoWeekday;
  readonly overrides?: Readonly<Record<number, YearOverride>>;
}

/**
 * The mainland China calendar: the given weekly hours, minus public holidays, plus the
 * make-up workdays on weekends, from chinese-days and the user's corrections per year.
 */
export function mainlandChinaCalendar(options: MainlandChinaOptions = {}): WorkingCalendar {
  const makeUpWeekday = options.makeUpWeekday ?? 1;
  const overrides = options.overrides ?? {};
  const years = new Set([...(options.years ?? CHINESE_DAYS_YEARS), ...Object.keys(overrides).map(Number)]);
  const daysOff = new Set<string>();
  const extraWorkdays = new Map<string, IsoWeekday>();
  const knownYears = new Set<number>();
  const inYear = (year: number, d: string): string => {
    if (!isDay(d) || Number(d.slice(0, 4)) !== year) throw new RangeError(`override for ${year}: "${d}" is not a day of ${year} (expected YYYY-MM-DD)`);
    return d;
  };
  const makeUp = (year: number, m: MakeUpDay): [string, IsoWeekday] => (typeof m === "string" ? [inYear(year, m), makeUpWeekday] : [inYear(year, m.day), m.hoursOf]);

  for (const year of [...years].sort((a, b) => a - b)) {
    if (!Number.isInteger(year)) throw new RangeError(`not a year: ${year}`);
    const o = overrides[year] ?? {};
    const off = new Set<string>();
    const work = new Map<string, IsoWeekday>();
    if (o.replace) {
      for (const d of o.replace.daysOff) off.add(inYear(year, d));
      for (const m of o.replace.makeUpDays) work.set(...makeUp(year, m));
      knownYears.add(year);
    } else if (CHINESE_DAYS_YEARS.includes(year)) {
      const mine = (d: string): boolean => d.startsWith(`${year}-`);
      for (const d of Object.keys(data.holidays).filter(mine)) off.add(d);
      for (const d of Object.keys(data.workdays).filter(mine)) work.set(d, makeUpWeekday);
      knownYears.add(year);
    }
    for (const d of o.removeDaysOff ?? []) off.delete(inYear(year, d));
    for (const d of o.removeMakeUpDays ?? []) work.delete(inYear(year, d));
    // A day is either off or a make-up workday: the latest word on it wins.
    for (const d of o.addDaysOff ?? []) {
      off.add(inYear(year, d));
      work.delete(d);
    }
    for (const m of o.addMakeUpDays ?? []) {
      const [d, wd] = makeUp(year, m);
      work.set(d, wd);
      off.delete(d);
    }
    for (const d of off) daysOff.add(d);
    for (const [d, wd] of work) extraWorkdays.set(d, wd);
  }
  return frozen({ utcOffsetMinutes: options.utcOffsetMinutes ?? 480, hours: options.hours ?? STANDARD_HOURS, daysOff, extraWorkdays, knownYears });
}

/** The local years in [from, to] (epoch ms) whose holidays the calendar does not know. */
export function holidayCoverage(cal: WorkingCalendar, from: number, to: number): { complete: boolean; missingYears: number[] } {
  const missingYears: number[] = [];
  const known = cal.knownYears;
  if (known !== "all") {
    const [a, b] = [localDayNumber(cal, Math.min(from, to)), localDayNumber(cal, Math.max(from, to))];
    for (let y = yearOf(a); y <= yearOf(b); y++) if (!known.has(y)) missingYears.push(y);
  }
  return { complete: missingYears.length === 0, missingYears };
}

function frozen(cal: WorkingCalendar): WorkingCalendar {
  compiled(cal); // validate now, so a bad calendar fails where it is made
  return Object.freeze(cal);
}

/** [start, end) in ms since local midnight. */
export type Span = readonly [start: number, end: number];

/** A calendar in the form the clock walks: working spans in ms of the local day. */
export interface CompiledCalendar {
  readonly offsetMs: number;
  /** Index 1..7 (ISO weekday); 0 unused. */
  readonly week: readonly (readonly Span[])[];
  /** Working ms in a week without exceptions. */
  readonly weekMs: number;
  /** Days off and make-up days, by day number. */
  readonly exceptions: ReadonlyMap<number, readonly Span[]>;
  /** The keys of `exceptions`, ascending. */
  readonly exceptionDays: readonly number[];
}

// Calendars are immutable values, so their compiled form is computed once per object.
const cache = new WeakMap<WorkingCalendar, CompiledCalendar>();

/** The compiled form of a calendar (validated; RangeError on bad hours, days or offset). */
export function compiled(cal: WorkingCalendar): CompiledCalendar {
  const hit = cache.get(cal);
  if (hit) return hit;
  const off = cal.utcOffsetMinutes;
  if (!Number.isInteger(off) || Math.abs(off) >= 1440) throw new RangeError(`utcOffsetMinutes must be a whole number of minutes within ±24h, not ${off}`);
  const week: (readonly Span[])[] = [EMPTY];
  let weekMs = 0;
  for (const wd of WEEKDAYS) {
    const ms = intervalsMs(cal.hours[wd], wd);
    week.push(ms);
    for (const [s, e] of ms) weekMs += e - s;
  }
  const exceptions = new Map<number, readonly Span[]>();
  for (const [d, wd] of cal.extraWorkdays) {
    if (!WEEKDAYS.includes(wd)) throw new RangeError(`make-up day ${d}: ${wd} is not an ISO weekday 1..7`);
    exceptions.set(checkedDay(d), week[wd] ?? EMPTY);
  }
  for (const d of cal.daysOff) exceptions.set(checkedDay(d), EMPTY);
  const result: CompiledCalendar = { offsetMs: off * MINUTE_MS, week, weekMs, exceptions, exceptionDays: [...exceptions.keys()].sort((a, b) => a - b) };
  cache.set(cal, result);
  return result;
}

function checkedDay(d: string): number {
  if (!isDay(d)) throw new RangeError(`not a day: "${d}" (expected YYYY-MM-DD)`);
  return dayNumber(d);
}

function intervalsMs(list: readonly Interval[] | undefined, wd: IsoWeekday): readonly Span[] {
  if (!Array.isArray(list)) throw new RangeError(`hours for weekday ${wd} missing: give a list of [startMinute, endMinute) intervals, [] for none`);
  let last = 0;
  return list.map(([s, e]) => {
    if (!Number.isInteger(s) || !Number.isInteger(e) || s < last || e <= s || e > 1440) {
      throw new RangeError(`hours for weekday ${wd}: [${s}, ${e}) must be whole minutes within 0..1440, start before end, sorted and not overlapping`);
    }
    last = e;
    return [s * MINUTE_MS, e * MINUTE_MS] as const;
  });
}
