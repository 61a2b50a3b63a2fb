import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { dayNumber, dayText } from "../../domain/days.ts";
import { periodOf } from "./period.ts";

describe("periods", () => {
  it("names a day's month and quarter", () => {
    expect(periodOf("2026-11-23", "month")).toBe("2026-11");
    expect(periodOf("2026-11-23", "quarter")).toBe("2026-Q4");
    expect(periodOf("2024-02-29", "month")).toBe("2024-02");
    const quarters = ["01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "11", "12"].map((m) => periodOf(`2025-${m}-15`, "quarter"));
    expect(quarters).toEqual(["2025-Q1", "2025-Q1", "2025-Q1", "2025-Q2", "2025-Q2", "2025-Q2", "2025-Q3", "2025-Q3", "2025-Q3", "2025-Q4", "2025-Q4", "2025-Q4"]);
    expect(periodOf("2025-03-31", "quarter")).toBe("2025-Q1");
    expect(periodOf("2025-04-01", "quarter")).toBe("2025-Q2");
  });

  it("sorts as text in time order", () => {
    const day = fc.integer({ min: dayNumber("2000-01-01"), max: dayNumber("2099-12-31") });
    fc.assert(fc.property(day, day, fc.constantFrom("month" as const, "quarter" as const), (a, b, grain) => {
      const [p, q] = [periodOf(dayText(Math.min(a, b)), grain), periodOf(dayText(Math.max(a, b)), grain)];
      expect(p <= q).toBe(true);
    }), { numRuns: 500 });
  });

  it("refuses what is not a date", () => {
    expect(() => periodOf("2026-02-30", "month")).toThrow(RangeError);
    expect(() => periodOf("2026-1-5", "quarter")).toThrow(/not a date/);
    expect(() => periodOf("2026-01-05", "week" as "month")).toThrow(/unknown grain/);
  });
});
