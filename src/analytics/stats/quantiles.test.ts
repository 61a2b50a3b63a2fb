import { describe, expect, it } from "vitest";
import { quantileSorted } from "./quantiles.ts";

describe("quantiles", () => {
  it("interpolates between order statistics (Hyndman & Fan definition 7)", () => {
    expect(quantileSorted([], 0.5)).toBeNull();
    expect(quantileSorted([4], 0.9)).toBe(4);
    expect(quantileSorted([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantileSorted([1, 5, 10, 40], 0.9)).toBeCloseTo(31, 10);
  });
});
