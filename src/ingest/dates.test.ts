import { describe, expect, it } from "vitest";
import { RetainError } from "../errors.ts";
import { checkTimezone, parseDate, type DateOptions } from "./dates.ts";
import { parseGregorianKeyDate, parseLunarKeyDate } from "./key-dates.ts";

const date = (raw: string, opts: DateOptions = {}) => {
  const p = parseDate(raw, opts);
  return p.ok ? p.value : `! ${p.reason}`;
};

describe("parseDate", () => {
  it.each([
    ["2024-03-01", "2024-03-01"],
    ["2024/3/1", "2024-03-01"],
    ["2024.03.01", "2024-03-01"],
    ["2024-03-01 08:26", "2024-03-01T08:26:00"],
    ["2024-03-01T08:26:59", "2024-03-01T08:26:59"],
    ["2024-03-01T08:26:59.123Z", "2024-03-01T08:26:59Z"],
    ["2024-03-01 10:15:22 -0500", "2024-03-01T10:15:22-05:00"],
    ["2024-03-01T10:15:22+08:00", "2024-03-01T10:15:22+08:00"],
    ["2024-03-01 10:15 UTC", "2024-03-01T10:15:00Z"],
    ["20240301", "2024-03-01"],
    ["20240301101522", "2024-03-01T10:15:22"],
    ["2024年1月2日", "2024-01-02"],
    ["2024年1月2日 14:05", "2024-01-02T14:05:00"],
    ["2024年1月2日14时5分", "2024-01-02T14:05:00"],
    ["２０２４－０１－０２", "2024-01-02"],
    ["12/1/2010 8:26", "2010-12-01T08:26:00"],
    ["3/4/2024", "2024-03-04"],
    ["13/4/2024", "2024-04-13"],
    ["3/4/2024 2:05 PM", "2024-03-04T14:05:00"],
    ["12/1/2010 12:30 am", "2010-12-01T00:30:00"],
    ["01-Dec-2010", "2010-12-01"],
    ["Dec 1, 2010", "2010-12-01"],
    ["45292", "2024-01-01"],
    ["45292.5", "2024-01-01T12:00:00"],
  ])("%s → %s", (raw, expected) => {
    expect(date(raw)).toBe(expected);
  });

  it("reads day and month in the order asked for", () => {
    expect(date("3/4/2024", { order: "mdy" })).toBe("2024-03-04");
    expect(date("3/4/2024", { order: "dmy" })).toBe("2024-04-03");
    expect(date("13/4/2024", { order: "mdy" })).toBe("! no such date: 2024-13-04");
    expect(date("3/4/2024", { order: "ymd" })).toMatch(/^! not a date \(expected year first/);
    expect(date("2024-03-04", { order: "dmy" })).toBe("2024-03-04");
  });

  it.each([
    ["2023-02-30", "no such date: 2023-02-30"],
    ["2023-02-29", "no such date: 2023-02-29"],
    ["2024-13-01", "no such date: 2024-13-01"],
    ["2024-04-31", "no such date: 2024-04-31"],
    ["2024-01-01 24:00", "not a time of day: 24:00:00"],
    ["2024-01-01 10:61", "not a time of day: 10:61:00"],
    ["0024-01-01", "implausible year 24"],
    ["1/2/24", "two-digit year: write the year in full (e.g. 2024)"],
    ["yesterday", "not a date (expected e.g. 2024-03-01)"],
    ["2024", "not a date (expected e.g. 2024-03-01)"],
    ["123", "not a date (expected e.g. 2024-03-01)"],
    ["99999", "not a date (expected e.g. 2024-03-01)"],
  ])("rejects %s", (raw, reason) => {
    expect(date(raw)).toBe(`! ${reason}`);
  });

  it("accepts 29 February in a leap year", () => {
    expect(date("2024-02-29")).toBe("2024-02-29");
  });

  it("gives zoneless timestamps the offset of --timezone at that moment", () => {
    expect(date("2024-03-01 08:00", { timezone: "Asia/Shanghai" })).toBe("2024-03-01T08:00:00+08:00");
    expect(date("2024-01-15 08:00", { timezone: "America/New_York" })).toBe("2024-01-15T08:00:00-05:00");
    expect(date("2024-07-15 08:00", { timezone: "America/New_York" })).toBe("2024-07-15T08:00:00-04:00");
    expect(date("2024-07-15 08:00", { timezone: "UTC" })).toBe("2024-07-15T08:00:00Z");
    // A written zone wins; a date alone stays a date.
    expect(date("2024-07-15 08:00 +01:00", { timezone: "Asia/Shanghai" })).toBe("2024-07-15T08:00:00+01:00");
    expect(date("2024-07-15", { timezone: "Asia/Shanghai" })).toBe("2024-07-15");
  });

  it("rejects an unknown time zone up front", () => {
    expect(() => checkTimezone("Mars/Olympus")).toThrow(RetainError);
  });
});

describe("key dates", () => {
  it("reads gregorian birthdays with or without the year", () => {
    expect(parseGregorianKeyDate("1985-03-15", "birthday", "auto")).toEqual({
      ok: true,
      value: { kind: "birthday", calendar: "gregorian", year: 1985, month: 3, day: 15 },
    });
    expect(parseGregorianKeyDate("03-15", "birthday", "auto")).toEqual({ ok: true, value: { kind: "birthday", calendar: "gregorian", month: 3, day: 15 } });
    expect(parseGregorianKeyDate("2月29日", "birthday", "auto").ok).toBe(true);
    expect(parseGregorianKeyDate("02-30", "birthday", "auto").ok).toBe(false);
  });

  it.each([
    ["08-15", { month: 8, day: 15 }],
    ["1990-08-15", { year: 1990, month: 8, day: 15 }],
    ["闰04-12", { month: 4, day: 12, leapMonth: true }],
    ["1990年闰四月十二", { year: 1990, month: 4, day: 12, leapMonth: true }],
    ["正月初五", { month: 1, day: 5 }],
    ["腊月廿三", { month: 12, day: 23 }],
    ["冬月三十", { month: 11, day: 30 }],
    ["十一月初十", { month: 11, day: 10 }],
    ["八月十五", { month: 8, day: 15 }],
  ])("reads the lunar date %s", (raw, expected) => {
    expect(parseLunarKeyDate(raw, "birthday")).toEqual({ ok: true, value: { kind: "birthday", calendar: "lunar", ...expected } });
  });

  it.each(["08-31", "13-01", "正月卅五", "soon"])("rejects the lunar date %s", (raw) => {
    expect(parseLunarKeyDate(raw, "birthday").ok).toBe(false);
  });
});
