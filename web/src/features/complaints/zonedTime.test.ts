import { describe, expect, it } from "vitest";
import { wallOf, zonedInstant } from "./zonedTime";

describe("zonedInstant", () => {
  it("reads the wall clock in the business's zone", () => {
    expect(zonedInstant([2026, 11, 26, 18, 0], "Asia/Shanghai")).toBe("2026-11-26T18:00:00+08:00");
    expect(zonedInstant([2026, 7, 1, 9, 30], "America/New_York")).toBe("2026-07-01T09:30:00-04:00");
    expect(zonedInstant([2026, 1, 1, 9, 30], "America/New_York")).toBe("2026-01-01T09:30:00-05:00");
    expect(zonedInstant([2026, 3, 1, 0, 0], "UTC")).toBe("2026-03-01T00:00:00+00:00");
    expect(zonedInstant([2026, 3, 1, 0, 0], "Asia/Kolkata")).toBe("2026-03-01T00:00:00+05:30");
  });

  it("gives back the wall clock it was made from", () => {
    for (const tz of ["Asia/Shanghai", "America/New_York", "Europe/London"]) {
      expect(wallOf(zonedInstant([2026, 10, 25, 18, 45], tz), tz)).toEqual([2026, 10, 25, 18, 45]);
    }
  });
});
