import { describe, expect, it } from "vitest";
import { dueDay, localDayAndTime } from "./nightly.ts";

describe("the nightly prediction run", () => {
  it("reads the clock in the business's time zone", () => {
    // 18:30 UTC is 02:30 the next day in Shanghai.
    expect(localDayAndTime(new Date("2026-11-22T18:30:00Z"), "Asia/Shanghai")).toEqual(["2026-11-23", "02:30"]);
    expect(localDayAndTime(new Date("2026-11-22T18:30:00Z"), "UTC")).toEqual(["2026-11-22", "18:30"]);
  });

  it("is due once a day, at or after its time", () => {
    const at = (iso: string, last: string | null) => dueDay(new Date(iso), "02:00", "Asia/Shanghai", last);
    expect(at("2026-11-22T17:59:00Z", null)).toBeNull(); // 01:59 local
    expect(at("2026-11-22T18:00:00Z", null)).toBe("2026-11-23"); // 02:00 local
    expect(at("2026-11-22T18:30:00Z", "2026-11-23")).toBeNull(); // already run that day
    expect(at("2026-11-23T18:00:30Z", "2026-11-23")).toBe("2026-11-24");
  });
});
