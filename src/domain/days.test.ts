import { describe, expect, it } from "vitest";
import { addMonths, dayNumber, dayText, isDay, monthStart, nextMonthStart } from "./days.ts";

describe("calendar days", () => {
  it("numbers days so that the next day is one more, across months, leap days and years", () => {
    expect(dayNumber("1970-01-01")).toBe(0);
    expect(dayText(dayNumber("2024-02-28") + 1)).toBe("2024-02-29");
    expect(dayText(dayNumber("2024-12-31") + 1)).toBe("2025-01-01");
  });

  it("knows a real date from a malformed or impossible one", () => {
    expect(isDay("2024-02-29")).toBe(true);
    expect(isDay("2023-02-29")).toBe(false);
    expect(isDay("2024-2-1")).toBe(false);
    expect(isDay("soon")).toBe(false);
  });

  it("finds month starts and moves by months, clamped to the shorter month's last day", () => {
    expect(dayText(monthStart(dayNumber("2024-03-17")))).toBe("2024-03-01");
    expect(dayText(nextMonthStart(dayNumber("2024-12-31")))).toBe("2025-01-01");
    expect(dayText(addMonths(dayNumber("2024-03-31"), -1))).toBe("2024-02-29");
    expect(dayText(addMonths(dayNumber("2024-01-31"), 13))).toBe("2025-02-28");
    expect(dayText(addMonths(dayNumber("2026-07-01"), -12))).toBe("2025-07-01");
  });
});
