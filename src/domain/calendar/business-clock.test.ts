import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addBusinessMinutes, addBusinessMs, businessMinutesBetween, businessMsBetween, type Pause } from "./business-clock.ts";
import { STANDARD_HOURS, instantAt, mainlandChinaCalendar, weekdayCalendar, type Interval, type IsoWeekday, type WeekHours, type WorkingCalendar } from "./working-calendar.ts";

const cal = mainlandChinaCalendar();
const at = (day: string, time: string): number => instantAt(cal, day, time);
const MIN = 60_000;
const DAY_MS = 86_400_000;
const HOUR = 60;

describe("due times on real 2026 dates (Beijing time, Mon–Fri 09:00–12:00 and 13:00–18:00)", () => {
  // chinese-days 1.5.7, after the State Council notice of November 2025: Mid-Autumn Fri 9-25
  // to Sun 9-27 off; National Day Thu 10-01 to Wed 10-07 off, made up on Sun 9-20 and Sat 10-10.
  // Mon 9-28 to Wed 9-30 are ordinary workdays between the two holidays.
  it("Friday 9-25 17:00 is Mid-Autumn already: 8 business hours run all of Monday 9-28", () => {
    expect(addBusinessMinutes(cal, at("2026-09-25", "17:00"), 8 * HOUR)).toBe(at("2026-09-28", "18:00"));
  });

  it("Wednesday 9-30 17:00: one hour before National Day, the rest on Thursday 10-08", () => {
    expect(addBusinessMinutes(cal, at("2026-09-30", "17:00"), 8 * HOUR)).toBe(at("2026-10-08", "17:00"));
  });

  it("three business days from 9-30 17:00 end on the make-up Saturday 10-10", () => {
    expect(addBusinessMinutes(cal, at("2026-09-30", "17:00"), 24 * HOUR)).toBe(at("2026-10-10", "17:00"));
    expect(businessMinutesBetween(cal, at("2026-09-30", "17:00"), at("2026-10-10", "17:00"))).toBe(24 * HOUR);
  });

  it("a complaint on Saturday 9-19 is due on the make-up Sunday 9-20", () => {
    expect(addBusinessMinutes(cal, at("2026-09-19", "10:00"), 8 * HOUR)).toBe(at("2026-09-20", "18:00"));
  });

  // Spring Festival 2026: Sun 2-15 to Mon 2-23 off, made up on Sat 2-14 and Sat 2-28.
  it("Spring Festival: Friday 2-13 16:00 + 16 hours runs through make-up Saturday 2-14 to Tuesday 2-24", () => {
    expect(addBusinessMinutes(cal, at("2026-02-13", "16:00"), 16 * HOUR)).toBe(at("2026-02-24", "16:00"));
    expect(businessMinutesBetween(cal, at("2026-02-14", "00:00"), at("2026-02-24", "00:00"))).toBe(8 * HOUR);
  });

  it("skips the lunch break, and lands at 12:00 rather than 13:00 when the morning is enough", () => {
    expect(addBusinessMinutes(cal, at("2026-06-02", "11:30"), 60)).toBe(at("2026-06-02", "13:30"));
    expect(addBusinessMinutes(cal, at("2026-06-02", "11:00"), 60)).toBe(at("2026-06-02", "12:00"));
    expect(businessMinutesBetween(cal, at("2026-06-02", "11:30"), at("2026-06-02", "13:30"))).toBe(60);
    expect(businessMinutesBetween(cal, at("2026-06-02", "12:10"), at("2026-06-02", "12:50"))).toBe(0);
  });

  it("starts counting at the next opening when opened outside working hours", () => {
    expect(addBusinessMinutes(cal, at("2026-06-01", "07:00"), 30)).toBe(at("2026-06-01", "09:30"));
    expect(addBusinessMinutes(cal, at("2026-06-05", "19:00"), 30)).toBe(at("2026-06-08", "09:30"));
    expect(addBusinessMinutes(cal, at("2026-06-06", "10:00"), 30)).toBe(at("2026-06-08", "09:30"));
  });

  it("moves the due time by exactly the working minutes spent waiting for the customer", () => {
    const start = at("2026-06-01", "10:00");
    expect(addBusinessMinutes(cal, start, 8 * HOUR)).toBe(at("2026-06-02", "10:00"));
    // Waiting 11:00–14:00 on Monday covers 1 h of morning and 1 h of afternoon: 120 working minutes.
    const waiting: Pause[] = [{ from: at("2026-06-01", "11:00"), to: at("2026-06-01", "14:00") }];
    expect(addBusinessMinutes(cal, start, 8 * HOUR, waiting)).toBe(at("2026-06-02", "12:00"));
    expect(businessMinutesBetween(cal, start, at("2026-06-02", "12:00"), waiting)).toBe(8 * HOUR);
    // A wait that is still going on holds the clock: no due time yet.
    expect(addBusinessMinutes(cal, start, 8 * HOUR, [{ from: at("2026-06-01", "11:00") }])).toBeNull();
    // …unless the target is reached before the wait began.
    expect(addBusinessMinutes(cal, start, 30, [{ from: at("2026-06-01", "11:00") }])).toBe(at("2026-06-01", "10:30"));
  });

  it("keeps seconds and reports whole elapsed minutes", () => {
    const start = at("2026-06-01", "09:00") + 30_000;
    expect(addBusinessMinutes(cal, start, 1)).toBe(at("2026-06-01", "09:01") + 30_000);
    expect(businessMinutesBetween(cal, at("2026-06-01", "09:00"), at("2026-06-01", "09:00") + 59_999)).toBe(0);
    expect(businessMsBetween(cal, at("2026-06-01", "09:00"), at("2026-06-01", "09:00") + 59_999)).toBe(59_999);
  });

  it("counts nothing backwards: end before start is 0", () => {
    expect(businessMinutesBetween(cal, at("2026-06-02", "10:00"), at("2026-06-01", "10:00"))).toBe(0);
  });
});

describe("calendars without working time and long targets", () => {
  const none: WeekHours = { 1: [], 2: [], 3: [], 4: [], 5: [], 6: [], 7: [] };

  it("throws a RangeError instead of looping when no working time is left", () => {
    const c = weekdayCalendar(none);
    expect(businessMinutesBetween(c, 0, DAY_MS * 365)).toBe(0);
    expect(addBusinessMinutes(c, 0, 0)).toBe(0);
    expect(() => addBusinessMinutes(c, 0, 1)).toThrow(/no working hours/);
  });

  it("gives a make-up day its weekday's hours, and an empty week stays empty even with make-up days", () => {
    const mondayOnly: WorkingCalendar = { ...weekdayCalendar({ ...none, 1: [[540, 600]] }), extraWorkdays: new Map([["2026-10-10", 1 as IsoWeekday]]) };
    expect(addBusinessMinutes(mondayOnly, at("2026-10-09", "12:00"), 30)).toBe(at("2026-10-10", "09:30"));
    expect(addBusinessMinutes(mondayOnly, at("2026-10-09", "12:00"), 90)).toBe(at("2026-10-12", "09:30"));
    const empty: WorkingCalendar = { ...weekdayCalendar(none), extraWorkdays: new Map([["2026-10-10", 1 as IsoWeekday]]) };
    expect(() => addBusinessMinutes(empty, at("2026-10-09", "12:00"), 1)).toThrow(RangeError);
  });

  it("rejects negative or fractional minutes and fractional instants", () => {
    expect(() => addBusinessMinutes(cal, 0, -1)).toThrow(RangeError);
    expect(() => addBusinessMinutes(cal, 0, 1.5)).toThrow(RangeError);
    expect(() => businessMinutesBetween(cal, 0.5, 10)).toThrow(RangeError);
    expect(() => businessMinutesBetween(cal, 0, 10, [{ from: 5, to: 4 }])).toThrow(/before it starts/);
  });

  it("skips whole weeks past the holiday data: 100 weeks of 40 hours from a Monday end on the 100th Friday", () => {
    const monday = at("2030-01-07", "09:00");
    const friday = instantAt(cal, new Date(Date.parse("2030-01-11T00:00Z") + 99 * 7 * DAY_MS).toISOString().slice(0, 10), "18:00");
    expect(addBusinessMinutes(cal, monday, 100 * 40 * HOUR)).toBe(friday);
    expect(businessMinutesBetween(cal, monday, friday)).toBe(100 * 40 * HOUR);
    // From the Sunday before, the whole target is whole weeks: it must still end on a Friday evening.
    expect(addBusinessMinutes(cal, at("2030-01-06", "10:00"), 100 * 40 * HOUR)).toBe(friday);
  });

  it("computes a 30-business-day target in microseconds, across the 2026 holidays", () => {
    const starts = Array.from({ length: 2000 }, (_, i) => at("2026-01-05", "10:00") + i * 17 * 60 * MIN);
    let sum = 0;
    const t0 = performance.now();
    for (const s of starts) sum += addBusinessMinutes(cal, s, 30 * 8 * HOUR);
    const perCallMs = (performance.now() - t0) / starts.length;
    expect(sum).toBeGreaterThan(0);
    expect(perCallMs).toBeLessThan(0.1); // ~3 µs here; a minute-by-minute walk takes milliseconds
  });
});

// Properties. Instants are in Beijing 2025–2027 (the last year has no holiday data, so the
// week skipping past the data is exercised too), at ms resolution unless stated.
const T0 = Date.parse("2024-12-31T16:00:00Z");
const T1 = Date.parse("2027-06-30T16:00:00Z");
const instant = fc.integer({ min: T0, max: T1 });
const minuteInstant = fc.integer({ min: T0 / MIN, max: T1 / MIN }).map((m) => m * MIN);
const sorted3 = fc.tuple(instant, instant, instant).map((xs) => xs.sort((a, b) => a - b));
const pause = fc.record({ from: instant, length: fc.integer({ min: 0, max: 5 * DAY_MS }), open: fc.boolean() }).map(({ from, length, open }): Pause => (open ? { from } : { from, to: from + length }));
const minutes = fc.integer({ min: 0, max: 60 * 8 * HOUR });

/** Working ms in [a, b), walked day by day straight from the calendar's fields: the oracle. */
function oracleMs(c: WorkingCalendar, a: number, b: number): number {
  const off = c.utcOffsetMinutes * MIN;
  let total = 0;
  for (let day = Math.floor((a + off) / DAY_MS); day * DAY_MS - off < b; day++) {
    const text = new Date(day * DAY_MS).toISOString().slice(0, 10);
    const iso = (((new Date(day * DAY_MS).getUTCDay() + 6) % 7) + 1) as IsoWeekday;
    const hours: readonly Interval[] = c.daysOff.has(text) ? [] : c.hours[c.extraWorkdays.get(text) ?? iso];
    for (const [s, e] of hours) total += Math.max(0, Math.min(b, day * DAY_MS - off + e * MIN) - Math.max(a, day * DAY_MS - off + s * MIN));
  }
  return total;
}

describe("clock arithmetic properties", () => {
  it("agrees with a day-by-day oracle on the mainland calendar", () => {
    fc.assert(fc.property(instant, fc.integer({ min: 0, max: 400 * DAY_MS }), (a, span) => businessMsBetween(cal, a, a + span) === oracleMs(cal, a, a + span)));
  });

  it("agrees with the oracle on random calendars: any offset, hours, days off and make-up days", () => {
    const intervals = fc.uniqueArray(fc.integer({ min: 0, max: 1440 }), { minLength: 0, maxLength: 6 }).map((xs) => {
      const s = xs.sort((a, b) => a - b);
      const out: Interval[] = [];
      for (let i = 0; i + 1 < s.length; i += 2) out.push([s[i] ?? 0, s[i + 1] ?? 0]);
      return out;
    });
    const dayIn2026 = fc.integer({ min: 0, max: 364 }).map((n) => new Date(Date.parse("2026-01-01T00:00Z") + n * DAY_MS).toISOString().slice(0, 10));
    const calendar = fc
      .record({
        offset: fc.integer({ min: -720, max: 840 }),
        week: fc.tuple(intervals, intervals, intervals, intervals, intervals, intervals, intervals),
        off: fc.array(dayIn2026, { maxLength: 30 }),
        extra: fc.array(fc.tuple(dayIn2026, fc.integer({ min: 1, max: 7 })), { maxLength: 10 }),
      })
      .map(({ offset, week, off, extra }): WorkingCalendar => ({
        ...weekdayCalendar({ 1: week[0], 2: week[1], 3: week[2], 4: week[3], 5: week[4], 6: week[5], 7: week[6] }, offset),
        daysOff: new Set(off),
        extraWorkdays: new Map(extra.map(([d, w]) => [d, w as IsoWeekday])),
      }));
    const span = fc.tuple(fc.integer({ min: Date.parse("2025-11-01T00:00Z"), max: Date.parse("2027-02-01T00:00Z") }), fc.integer({ min: 0, max: 200 * DAY_MS }));
    fc.assert(
      fc.property(calendar, span, minutes, (c, [a, len], m) => {
        expect(businessMsBetween(c, a, a + len)).toBe(oracleMs(c, a, a + len));
        const weekMs = oracleMs(c, Date.parse("2030-01-07T00:00Z"), Date.parse("2030-01-14T00:00Z"));
        if (weekMs > 0) expect(businessMsBetween(c, a, addBusinessMinutes(c, a, m))).toBe(m * MIN);
      }),
      { numRuns: 300 },
    );
  });

  it("is additive: between(a, b) + between(b, c) = between(a, c), with or without pauses", () => {
    fc.assert(
      fc.property(sorted3, fc.array(pause, { maxLength: 4 }), ([a, b, c], ps) => {
        expect(businessMsBetween(cal, a, b) + businessMsBetween(cal, b, c)).toBe(businessMsBetween(cal, a, c));
        expect(businessMsBetween(cal, a, b, ps) + businessMsBetween(cal, b, c, ps)).toBe(businessMsBetween(cal, a, c, ps));
      }),
    );
  });

  it("inverts: between(s, add(s, m)) = m, and add is the earliest such instant", () => {
    fc.assert(
      fc.property(instant, minutes, (s, m) => {
        const due = addBusinessMinutes(cal, s, m);
        expect(businessMsBetween(cal, s, due)).toBe(m * MIN);
        expect(businessMinutesBetween(cal, s, due)).toBe(m);
        if (m > 0) expect(businessMsBetween(cal, s, due - 1)).toBeLessThan(m * MIN);
        else expect(due).toBe(s);
      }),
    );
  });

  it("inverts with pauses too, when the clock is not held", () => {
    fc.assert(
      fc.property(instant, minutes, fc.array(pause, { maxLength: 4 }), (s, m, ps) => {
        const due = addBusinessMinutes(cal, s, m, ps);
        if (due === null) {
          // Held only by a pause that never ends, starting before the target was reached.
          const open = ps.filter((p) => p.to == null).map((p) => p.from);
          expect(open.length).toBeGreaterThan(0);
          expect(businessMsBetween(cal, s, Math.min(...open), ps)).toBeLessThan(m * MIN);
          return;
        }
        expect(businessMsBetween(cal, s, due, ps)).toBe(m * MIN);
        if (m > 0) expect(businessMsBetween(cal, s, due - 1, ps)).toBeLessThan(m * MIN);
      }),
    );
  });

  it("is monotonic in the target and in the end instant", () => {
    fc.assert(
      fc.property(instant, minutes, minutes, sorted3, (s, m1, m2, [a, b, c]) => {
        const [lo, hi] = m1 <= m2 ? [m1, m2] : [m2, m1];
        expect(addBusinessMinutes(cal, s, lo)).toBeLessThanOrEqual(addBusinessMinutes(cal, s, hi));
        expect(businessMsBetween(cal, a, b)).toBeLessThanOrEqual(businessMsBetween(cal, a, c));
      }),
    );
  });

  it("never counts more than the wall clock, and pauses never add time", () => {
    fc.assert(
      fc.property(instant, instant, fc.array(pause, { maxLength: 4 }), (a, b, ps) => {
        const plain = businessMsBetween(cal, a, b);
        expect(plain).toBeLessThanOrEqual(Math.max(0, b - a));
        const paused = businessMsBetween(cal, a, b, ps);
        expect(paused).toBeGreaterThanOrEqual(0);
        expect(paused).toBeLessThanOrEqual(plain);
      }),
    );
  });

  it("treats overlapping and repeated pauses as their union, and an open pause as one running to the end", () => {
    fc.assert(
      fc.property(instant, instant, instant, fc.integer({ min: 0, max: 3 * DAY_MS }), fc.integer({ min: 0, max: 3 * DAY_MS }), (a, b, f, l1, l2) => {
        const longer = Math.max(l1, l2);
        const union = businessMsBetween(cal, a, b, [{ from: f, to: f + longer }]);
        expect(businessMsBetween(cal, a, b, [{ from: f, to: f + l1 }, { from: f, to: f + l2 }, { from: f, to: f + l1 }])).toBe(union);
        expect(businessMsBetween(cal, a, b, [{ from: f }])).toBe(businessMsBetween(cal, a, b, [{ from: f, to: Math.max(f, b) }]));
      }),
    );
  });

  it("moves a due time by exactly the working time of a pause that ends before it", () => {
    fc.assert(
      fc.property(minuteInstant, minutes, pause, (s, m, p) => {
        if (p.to == null || p.from < s) return;
        const due = addBusinessMinutes(cal, s, m, [p]);
        if (due === null || p.to >= due) return;
        expect(due).toBe(addBusinessMs(cal, s, m * MIN + businessMsBetween(cal, p.from, p.to)));
      }),
    );
  });

  it("gives holidays no working time and make-up days a full Monday", () => {
    const off = [...cal.daysOff].filter((d) => d >= "2025");
    const extra = [...cal.extraWorkdays.keys()].filter((d) => d >= "2025");
    fc.assert(
      fc.property(fc.constantFrom(...off), fc.constantFrom(...extra), (d, w) => {
        expect(businessMinutesBetween(cal, at(d, "00:00"), at(d, "00:00") + DAY_MS)).toBe(0);
        expect(businessMinutesBetween(cal, at(w, "00:00"), at(w, "00:00") + DAY_MS)).toBe(8 * HOUR);
      }),
    );
  });

  it("gives the standard week 40 hours wherever it starts, away from holidays", () => {
    const plain = weekdayCalendar(STANDARD_HOURS);
    fc.assert(fc.property(instant, (a) => businessMinutesBetween(plain, a, a + 7 * DAY_MS) === 40 * HOUR));
  });
});
