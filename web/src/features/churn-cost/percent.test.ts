import { describe, expect, it } from "vitest";
import { shiftPoint, toFraction, toPercent } from "./percent";

describe("percentages as exact decimal text", () => {
  it("moves the point and keeps every digit", () => {
    expect(toPercent("0.3736")).toBe("37.36");
    expect(toPercent("0.2")).toBe("20");
    expect(toPercent("1")).toBe("100");
    expect(toPercent("-0.05")).toBe("-5");
    expect(toFraction("37.36")).toBe("0.3736");
    expect(toFraction("5")).toBe("0.05");
    expect(toFraction("0.125")).toBe("0.00125");
    expect(toFraction("-12.5")).toBe("-0.125");
    expect(toFraction("0")).toBe("0");
    expect(shiftPoint("12.", 1)).toBe("120");
    expect(shiftPoint("not a number", 2)).toBe("not a number");
  });
});
