import { describe, expect, it } from "vitest";
import { RetainError } from "../errors.ts";
import { endOfPreviousMonth, microsText, windowStart } from "./value-report.service.ts";

describe("report windows", () => {
  it("starts a window on the same day of the month, months or years before the day after its end", () => {
    expect(windowStart("2026-06-30", "12m")).toBe("2025-07-01");
    expect(windowStart("2026-06-15", "12m")).toBe("2025-06-16");
    expect(windowStart("2026-06-30", "1y")).toBe("2025-07-01");
    // 90 days: 2–30 April (29), May (31), June (30).
    expect(windowStart("2026-06-30", "90d")).toBe("2026-04-02");
    // 31 March + 1 day is 1 April: one month before is 1 March. From 30 March, clamped to February's end.
    expect(windowStart("2024-03-31", "1m")).toBe("2024-03-01");
    expect(windowStart("2024-03-30", "1m")).toBe("2024-02-29");
    expect(() => windowStart("2026-06-30", "3x")).toThrow(RetainError);
    expect(() => windowStart("2026-06-30", "0m")).toThrow(/12m, 90d or 1y/);
  });

  it("ends the default window with the last complete month", () => {
    expect(endOfPreviousMonth("2026-11-23")).toBe("2026-10-31");
    expect(endOfPreviousMonth("2024-03-01")).toBe("2024-02-29");
    expect(endOfPreviousMonth("2026-01-15")).toBe("2025-12-31");
  });

  it("writes micro-units as exact decimals", () => {
    expect(microsText(12_500_000n)).toBe("12.5");
    expect(microsText(-1n)).toBe("-0.000001");
    expect(microsText(0n)).toBe("0");
    expect(microsText(-3_000_000n)).toBe("-3");
  });
});
