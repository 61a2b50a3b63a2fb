import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { dateText, gregorianParts, leapMonthOf, lunarDateOf, lunarDay, lunarMonthLength, lunarRecurrence, lunarYearEnd, parseDate, solarTermDay } from "./lunar.ts";

// An independent day count (UTC, no tyme4ts) to check ours against.
const utcDay = (text: string): number => Date.parse(`${text}T00:00:00Z`) / 86_400_000;

describe("day numbers", () => {
  it("count days since 1970-01-01 like ../days.ts does", () => {
    for (const t of ["1970-01-01", "1969-12-31", "2000-02-29", "2024-02-09", "2030-12-31"]) {
      expect(parseDate(t)).toBe(utcDay(t));
      expect(dateText(utcDay(t))).toBe(t);
    }
  });

  it("reject dates that do not exist", () => {
    expect(() => parseDate("2023-02-29")).toThrow(RangeError);
    expect(() => parseDate("2024-2-9")).toThrow(RangeError);
  });

  it("know the weekday", () => {
    expect(gregorianParts(utcDay("2024-05-12")).weekday).toBe(new Date("2024-05-12T00:00:00Z").getUTCDay());
  });
});

describe("lunar dates", () => {
  // Xinhua, 2024-01-13 (星空有约): 2024-02-09 was the last 大年三十 before 2030; 2025's 除夕,
  // 2025-01-28, is 腊月二十九 (Purple Mountain Observatory via Xinhua, 2024-12-03).
  it("2024's 除夕 was 腊月三十 and 2025's was 腊月二十九", () => {
    expect(lunarDateOf(parseDate("2024-02-09"))).toEqual({ year: 2023, month: 12, day: 30, leap: false });
    expect(lunarDateOf(parseDate("2025-01-28"))).toEqual({ year: 2024, month: 12, day: 29, leap: false });
    expect(dateText(lunarYearEnd(2023))).toBe("2024-02-09");
    expect(dateText(lunarYearEnd(2024))).toBe("2025-01-28");
  });

  it("know leap months and month lengths", () => {
    expect(leapMonthOf(2025)).toBe(6);
    expect(leapMonthOf(2026)).toBe(0);
    expect(lunarMonthLength(2024, 1)).toBe(29);
    expect(lunarMonthLength(2025, 1)).toBe(30);
    expect(() => lunarMonthLength(2026, 6, true)).toThrow(RangeError);
    expect(() => lunarDay({ year: 2024, month: 1, day: 30, leap: false })).toThrow(RangeError);
  });

  it("finds the 清明 solar term on April 4 or 5", () => {
    expect(dateText(solarTermDay(2024, "清明"))).toBe("2024-04-04");
    expect(dateText(solarTermDay(2026, "清明"))).toBe("2026-04-05");
  });
});

describe("lunarRecurrence", () => {
  it("moves day 30 of a 29-day month to day 29, and says so", () => {
    // 2024's 正月 has 29 days, 2025's has 30.
    expect(lunarRecurrence(2024, 1, 30)).toEqual({ day: parseDate("2024-03-09"), fallbacks: ["lastDayOfMonth"] });
    expect(lunarRecurrence(2025, 1, 30)).toEqual({ day: parseDate("2025-02-27"), fallbacks: [] });
  });

  it("keeps a leap-month date in the leap month when the year has it, else uses the ordinary month", () => {
    // 2025 has 闰六月 (2025-07-25 to 2025-08-22); 2026 has no leap month; 2028 has 闰五月.
    expect(lunarRecurrence(2025, 6, 10, true)).toEqual({ day: parseDate("2025-08-03"), fallbacks: [] });
    expect(lunarRecurrence(2026, 6, 10, true)).toEqual({ day: parseDate("2026-07-23"), fallbacks: ["ordinaryMonth"] });
    expect(lunarRecurrence(2028, 6, 10, true)).toEqual({ day: parseDate("2028-07-31"), fallbacks: ["ordinaryMonth"] });
    // An ordinary-month date stays in the ordinary month even in a year with that leap month.
    expect(lunarRecurrence(2025, 6, 10)).toEqual({ day: parseDate("2025-07-04"), fallbacks: [] });
  });

  it("applies both fallbacks to 闰月三十 when needed", () => {
    // 2025's 闰六月 has 29 days.
    expect(lunarRecurrence(2025, 6, 30, true)).toEqual({ day: parseDate("2025-08-22"), fallbacks: ["lastDayOfMonth"] });
  });

  it("rejects months and days that are never lunar", () => {
    expect(() => lunarRecurrence(2025, 13, 1)).toThrow(RangeError);
    expect(() => lunarRecurrence(2025, 1, 31)).toThrow(RangeError);
  });

  it("lands on the same lunar month and day, or on the documented fallback", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1901, max: 2099 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 30 }),
        fc.boolean(),
        (year, month, day, leap) => {
          const r = lunarRecurrence(year, month, day, leap);
          const back = lunarDateOf(r.day);
          expect(back.year).toBe(year);
          expect(back.month).toBe(month);
          expect(back.leap).toBe(leap && !r.fallbacks.includes("ordinaryMonth"));
          expect(r.fallbacks.includes("ordinaryMonth")).toBe(leap && leapMonthOf(year) !== month);
          if (r.fallbacks.includes("lastDayOfMonth")) {
            expect(back.day).toBe(29);
            expect(day).toBe(30);
            expect(lunarMonthLength(year, month, back.leap)).toBe(29);
          } else {
            expect(back.day).toBe(day);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
