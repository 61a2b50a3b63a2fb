import chineseDaysApi from "chinese-days";
import { afterEach, describe, expect, it } from "vitest";
import { addBusinessMinutes, businessMinutesBetween } from "./business-clock.ts";
import { CHINESE_DAYS_YEARS, STANDARD_HOURS, holidayCoverage, instantAt, localDay, mainlandChinaCalendar, weekdayCalendar, type WeekHours } from "./working-calendar.ts";

const cal = mainlandChinaCalendar();
const DAY_MS = 86_400_000;
const days = (from: string, to: string): string[] => {
  const out: string[] = [];
  for (let t = Date.parse(`${from}T00:00Z`); t <= Date.parse(`${to}T00:00Z`); t += DAY_MS) out.push(new Date(t).toISOString().slice(0, 10));
  return out;
};

describe("instants and local days", () => {
  it("places a local time at a fixed UTC offset, Beijing by default", () => {
    expect(instantAt(cal, "2026-09-25", "17:00")).toBe(Date.parse("2026-09-25T09:00:00Z"));
    expect(instantAt(weekdayCalendar(STANDARD_HOURS, -300), "2026-09-25", 540)).toBe(Date.parse("2026-09-25T14:00:00Z"));
    expect(localDay(cal, Date.parse("2026-09-30T16:00:00Z"))).toBe("2026-10-01");
    expect(localDay(cal, Date.parse("2026-09-30T15:59:59.999Z"))).toBe("2026-09-30");
  });

  it("rejects days and times that are not real", () => {
    expect(() => instantAt(cal, "2026-02-30", "09:00")).toThrow(RangeError);
    expect(() => instantAt(cal, "2026-02-03", "9:00")).toThrow(RangeError);
    expect(() => instantAt(cal, "2026-02-03", 1441)).toThrow(RangeError);
  });
});

describe("calendar validation", () => {
  const withMonday = (monday: WeekHours[1]): WeekHours => ({ ...STANDARD_HOURS, 1: monday });

  it("rejects overlapping, unsorted, empty or out-of-day intervals with the weekday named", () => {
    expect(() => weekdayCalendar(withMonday([[540, 720], [700, 800]]))).toThrow(/weekday 1/);
    expect(() => weekdayCalendar(withMonday([[780, 1080], [540, 720]]))).toThrow(RangeError);
    expect(() => weekdayCalendar(withMonday([[600, 600]]))).toThrow(RangeError);
    expect(() => weekdayCalendar(withMonday([[1000, 1500]]))).toThrow(RangeError);
    expect(() => weekdayCalendar(withMonday([[540.5, 600]]))).toThrow(RangeError);
  });

  it("accepts touching intervals and a whole day", () => {
    expect(() => weekdayCalendar(withMonday([[0, 720], [720, 1440]]))).not.toThrow();
  });

  it("rejects an offset of a day or more, and a malformed day off", () => {
    expect(() => weekdayCalendar(STANDARD_HOURS, 1440)).toThrow(/utcOffsetMinutes/);
    expect(() => mainlandChinaCalendar({ overrides: { 2026: { addDaysOff: ["2026-13-01"] } } })).toThrow(RangeError);
  });
});

describe("mainland China from chinese-days", () => {
  it("has data for 2004 through 2026, one year after another", () => {
    expect(CHINESE_DAYS_YEARS[0]).toBe(2004);
    expect(CHINESE_DAYS_YEARS).toContain(2026);
    CHINESE_DAYS_YEARS.forEach((y, i) => expect(y).toBe(2004 + i));
  });

  it("takes the 2026 National Day and Mid-Autumn arrangement: 9-25..27 and 10-01..07 off, Sunday 9-20 and Saturday 10-10 worked", () => {
    for (const d of [...days("2026-09-25", "2026-09-27"), ...days("2026-10-01", "2026-10-07")]) expect(cal.daysOff.has(d)).toBe(true);
    for (const d of ["2026-09-28", "2026-09-29", "2026-09-30", "2026-10-08", "2026-10-09"]) expect(cal.daysOff.has(d)).toBe(false);
    expect([...cal.extraWorkdays].filter(([d]) => d >= "2026-09-01" && d < "2026-11-01")).toEqual([["2026-09-20", 1], ["2026-10-10", 1]]);
  });

  it("takes the 2026 Spring Festival: 2-15..23 off, Saturdays 2-14 and 2-28 worked", () => {
    for (const d of days("2026-02-15", "2026-02-23")) expect(cal.daysOff.has(d)).toBe(true);
    expect(cal.extraWorkdays.get("2026-02-14")).toBe(1);
    expect(cal.extraWorkdays.get("2026-02-28")).toBe(1);
  });

  it("agrees with chinese-days' own getDayDetail on every day of every year it covers", () => {
    const disagreements: string[] = [];
    for (const d of days(`${CHINESE_DAYS_YEARS[0]}-01-01`, `${CHINESE_DAYS_YEARS.at(-1)}-12-31`)) {
      const start = instantAt(cal, d, "00:00");
      const ours = businessMinutesBetween(cal, start, start + DAY_MS) > 0;
      // Local midnight is the one input the library reads the same in every time zone.
      const theirs = chineseDaysApi.getDayDetail(new Date(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10)))).work;
      if (ours !== theirs) disagreements.push(d);
    }
    expect(disagreements).toEqual([]);
  });

  it("takes only the years asked for, and knows only those", () => {
    const only2026 = mainlandChinaCalendar({ years: [2026] });
    expect(only2026.daysOff.has("2026-10-01")).toBe(true);
    expect(only2026.daysOff.has("2025-10-01")).toBe(false);
    expect(holidayCoverage(only2026, instantAt(cal, "2025-12-30"), instantAt(cal, "2026-01-02")).missingYears).toEqual([2025]);
  });
});

describe("time zone independence", () => {
  const saved = process.env.TZ;
  afterEach(() => {
    process.env.TZ = saved;
  });

  it("gives the same due times whatever the machine's zone, where chinese-days' API does not", () => {
    const run = () => {
      const c = mainlandChinaCalendar();
      return [addBusinessMinutes(c, instantAt(c, "2026-09-30", "17:00"), 1440), businessMinutesBetween(c, instantAt(c, "2026-02-13"), instantAt(c, "2026-03-01")), localDay(c, 0)];
    };
    process.env.TZ = "Asia/Shanghai";
    const shanghai = run();
    const libraryInShanghai = chineseDaysApi.getDayDetail("2026-10-01").date;
    process.env.TZ = "America/New_York";
    expect(chineseDaysApi.getDayDetail("2026-10-01").date).not.toBe(libraryInShanghai); // the zone really changed
    expect(run()).toEqual(shanghai);
    process.env.TZ = "Pacific/Kiritimati";
    expect(run()).toEqual(shanghai);
  });
});

describe("overrides per year", () => {
  const monday = (d: string) => businessMinutesBetween(cal, instantAt(cal, d), instantAt(cal, d) + DAY_MS);

  it("adds a company day off and takes it out of the working time", () => {
    const c = mainlandChinaCalendar({ overrides: { 2026: { addDaysOff: ["2026-09-28"] } } });
    expect(monday("2026-09-28")).toBe(480);
    expect(businessMinutesBetween(c, instantAt(c, "2026-09-28"), instantAt(c, "2026-09-29"))).toBe(0);
    // Friday 9-25 17:00 + 8h now lands on Tuesday instead of Monday.
    expect(addBusinessMinutes(c, instantAt(c, "2026-09-25", "17:00"), 480)).toBe(instantAt(c, "2026-09-29", "18:00"));
  });

  it("removes a holiday the company works", () => {
    const c = mainlandChinaCalendar({ overrides: { 2026: { removeDaysOff: ["2026-10-08", "2026-10-07"] } } });
    expect(businessMinutesBetween(c, instantAt(c, "2026-10-07"), instantAt(c, "2026-10-08"))).toBe(480);
    expect(c.daysOff.has("2026-10-06")).toBe(true);
  });

  it("adds a make-up day with another weekday's hours, and drops one", () => {
    const friday = [[540, 720]] as const;
    const c = mainlandChinaCalendar({
      hours: { ...STANDARD_HOURS, 5: friday },
      overrides: { 2026: { addMakeUpDays: [{ day: "2026-11-07", hoursOf: 5 }], removeMakeUpDays: ["2026-10-10"] } },
    });
    expect(businessMinutesBetween(c, instantAt(c, "2026-11-07"), instantAt(c, "2026-11-08"))).toBe(180);
    expect(businessMinutesBetween(c, instantAt(c, "2026-10-10"), instantAt(c, "2026-10-11"))).toBe(0);
  });

  it("lets the latest word on a day win: a day added off is no longer a make-up day", () => {
    const c = mainlandChinaCalendar({ overrides: { 2026: { addDaysOff: ["2026-10-10"] } } });
    expect(c.extraWorkdays.has("2026-10-10")).toBe(false);
    expect(businessMinutesBetween(c, instantAt(c, "2026-10-10"), instantAt(c, "2026-10-11"))).toBe(0);
  });

  it("replaces a year the library lacks, which makes it known", () => {
    const missing = mainlandChinaCalendar();
    const span = [instantAt(cal, "2026-12-28"), instantAt(cal, "2027-01-08")] as const;
    expect(holidayCoverage(missing, ...span)).toEqual({ complete: false, missingYears: [2027] });
    const c = mainlandChinaCalendar({ overrides: { 2027: { replace: { daysOff: ["2027-01-01"], makeUpDays: ["2027-01-09"] } } } });
    expect(holidayCoverage(c, ...span)).toEqual({ complete: true, missingYears: [] });
    expect(businessMinutesBetween(c, instantAt(c, "2027-01-01"), instantAt(c, "2027-01-02"))).toBe(0);
    expect(businessMinutesBetween(missing, instantAt(c, "2027-01-01"), instantAt(c, "2027-01-02"))).toBe(480);
    expect(businessMinutesBetween(c, instantAt(c, "2027-01-09"), instantAt(c, "2027-01-10"))).toBe(480);
  });

  it("does not call a year known because of a few added days", () => {
    const c = mainlandChinaCalendar({ overrides: { 2027: { addDaysOff: ["2027-02-08"] } } });
    expect(c.daysOff.has("2027-02-08")).toBe(true);
    expect(holidayCoverage(c, instantAt(c, "2027-02-01"), instantAt(c, "2027-02-02")).missingYears).toEqual([2027]);
  });

  it("rejects an override day outside its year", () => {
    expect(() => mainlandChinaCalendar({ overrides: { 2026: { addDaysOff: ["2027-01-01"] } } })).toThrow(/2026/);
  });
});

describe("holiday coverage", () => {
  it("reports every missing year in a span, in local years", () => {
    // 2026-12-31 16:30 UTC is already 2027 in Beijing.
    expect(holidayCoverage(cal, Date.parse("2026-06-01T00:00Z"), Date.parse("2026-12-31T16:30Z")).missingYears).toEqual([2027]);
    expect(holidayCoverage(cal, Date.parse("2026-06-01T00:00Z"), Date.parse("2026-12-31T15:30Z")).complete).toBe(true);
    expect(holidayCoverage(cal, instantAt(cal, "2002-05-01"), instantAt(cal, "2004-05-01")).missingYears).toEqual([2002, 2003]);
  });

  it("never reports a plain weekday calendar, which claims no holidays", () => {
    expect(holidayCoverage(weekdayCalendar(), 0, instantAt(cal, "2099-01-01")).complete).toBe(true);
  });
});
