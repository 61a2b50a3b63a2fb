import { describe, expect, it } from "vitest";
import { decSub } from "./decimal";

describe("decSub", () => {
  it("subtracts exactly at the larger scale", () => {
    expect(decSub("1200.50", "30")).toBe("1170.50");
    expect(decSub("0.1", "0.3")).toBe("-0.2");
    expect(decSub("99999999999999999.99", "0.01")).toBe("99999999999999999.98");
    expect(decSub("5", "-2.5")).toBe("7.5");
  });
  it("refuses what is not a decimal", () => {
    expect(() => decSub("abc", "1")).toThrow(RangeError);
  });
});
