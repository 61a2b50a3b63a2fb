import { describe, expect, it } from "vitest";
import { dateText, parseDate } from "./lunar.ts";
import { type Occasion, leadDays, occasionsInRange } from "./occasions.ts";

const range = (from: string, to: string, occasions: Occasion[], options = {}) => occasionsInRange(parseDate(from), parseDate(to), occasions, options);

describe("Gregorian birthdays and anniversaries", () => {
  it("moves a Feb 29 birthday to Feb 28 in common years, or to Mar 1 when asked, and says so", () => {
    const leapling: Occasion = { kind: "birthday", ref: "c1", date: "2000-02-29" };
    expect(range("2025-01-01", "2025-12-31", [leapling])).toEqual([
      { date: "2025-02-28", day: parseDate("2025-02-28"), kind: "birthday", labelKeys: ["occasion.birthday"], ref: "c1", years: 25, adjustments: ["feb29ToFeb28"] },
    ]);
    expect(range("2025-01-01", "2025-12-31", [leapling], { feb29: "mar1" }).map((d) => [d.date, d.adjustments])).toEqual([["2025-03-01", ["feb29ToMar1"]]]);
    expect(range("2025-01-01", "2025-12-31", [{ ...leapling, feb29: "mar1" }]).map((d) => d.date)).toEqual(["2025-03-01"]);
    expect(range("2028-01-01", "2028-12-31", [leapling]).map((d) => [d.date, d.years, d.adjustments])).toEqual([["2028-02-29", 28, []]]);
  });

  it("counts an anniversary's years and skips the origin date itself", () => {
    const wedding: Occasion = { kind: "weddingAnniversary", ref: "c2", date: "2015-06-20" };
    const firm: Occasion = { kind: "companyAnniversary", ref: "b7", date: "2024-03-15", basis: "contract" };
    const got = range("2024-01-01", "2025-12-31", [wedding, firm]);
    expect(got.map((d) => [d.date, d.ref, d.years, d.labelKeys])).toEqual([
      ["2024-06-20", "c2", 9, ["occasion.weddingAnniversary"]],
      ["2025-03-15", "b7", 1, ["occasion.companyAnniversary", "occasion.companyAnniversary.contract"]],
      ["2025-06-20", "c2", 10, ["occasion.weddingAnniversary"]],
    ]);
  });
});

describe("lunar birthdays", () => {
  it("falls on the month's last day when day 30 does not exist, and says so", () => {
    const o: Occasion = { kind: "lunarBirthday", ref: "c3", month: 1, day: 30, birthYear: 1990 };
    // 2024's 正月 has 29 days; 2025's has 30.
    expect(range("2024-01-01", "2025-12-31", [o]).map((d) => [d.date, d.years, d.adjustments])).toEqual([
      ["2024-03-09", 34, ["lastDayOfMonth"]],
      ["2025-02-27", 35, []],
    ]);
  });

  it("uses the leap month when the year has it and the ordinary month otherwise", () => {
    const o: Occasion = { kind: "lunarBirthday", ref: "c4", month: 6, day: 10, leap: true };
    expect(range("2025-01-01", "2026-12-31", [o]).map((d) => [d.date, d.adjustments, "years" in d])).toEqual([
      ["2025-08-03", [], false],
      ["2026-07-23", ["ordinaryMonth"], false],
    ]);
  });
});

describe("occasionsInRange", () => {
  const customer: Occasion[] = [
    { kind: "festival", ref: "c9", key: "springFestival" },
    { kind: "festival", ref: "c9", key: "newYearsEve" },
    { kind: "festival", ref: "c9", key: "laba" },
    { kind: "festival", ref: "c9", key: "xiaonian" },
    { kind: "festival", ref: "c9", key: "christmas" },
    { kind: "festival", ref: "c9", key: "newYear" },
    { kind: "lunarBirthday", ref: "c9", month: 12, day: 30 },
    { kind: "festival", ref: "c9", key: "springFestival" },
  ];

  it("spans two lunar years from December to February, each occasion once, sorted", () => {
    // Lunar year 2024 ends on 2025-01-28 (腊月廿九), lunar 2025 starts 2025-01-29.
    const got = range("2024-12-01", "2025-02-28", customer);
    expect(got.map((d) => [d.date, d.labelKeys.at(-1), d.adjustments])).toEqual([
      ["2024-12-25", "festival.christmas", []],
      ["2025-01-01", "festival.newYear", []],
      ["2025-01-07", "festival.laba", []],
      ["2025-01-22", "festival.xiaonian", []],
      ["2025-01-28", "festival.newYearsEve", []],
      ["2025-01-28", "occasion.lunarBirthday", ["lastDayOfMonth"]],
      ["2025-01-29", "festival.springFestival", []],
    ]);
    const days = got.map((d) => d.day);
    expect(days).toEqual([...days].sort((a, b) => a - b));
  });

  it("finds both lunar years' occasions in a range across two lunar new years", () => {
    const got = range("2024-12-01", "2026-02-28", customer).filter((d) => d.labelKeys.at(-1) === "festival.springFestival");
    expect(got.map((d) => d.date)).toEqual(["2025-01-29", "2026-02-17"]);
  });

  it("includes both ends of the range and returns nothing for an empty range", () => {
    expect(range("2025-01-29", "2025-01-29", customer).map((d) => d.date)).toEqual(["2025-01-29"]);
    expect(range("2025-02-01", "2025-01-01", customer)).toEqual([]);
  });

  it("passes the ref through and orders same-day occasions by ref", () => {
    const got = range("2025-10-06", "2025-10-06", [
      { kind: "festival", ref: "z", key: "midAutumn" },
      { kind: "festival", ref: "a", key: "midAutumn" },
    ]);
    expect(got.map((d) => d.ref)).toEqual(["a", "z"]);
  });
});

describe("leadDays", () => {
  it("puts the reminder N calendar days before the occasion", () => {
    expect(dateText(leadDays(parseDate("2025-01-29"), 7))).toBe("2025-01-22");
    expect(dateText(leadDays(parseDate("2025-03-01"), 1))).toBe("2025-02-28");
    expect(leadDays(100, 0)).toBe(100);
  });

  it("rejects negative or fractional lead times", () => {
    expect(() => leadDays(100, -1)).toThrow(RangeError);
    expect(() => leadDays(100, 1.5)).toThrow(RangeError);
  });
});
