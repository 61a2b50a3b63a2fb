import { describe, expect, it } from "vitest";
import { incompleteBeta, tCdf, tQuantile } from "./student-t.ts";

describe("Student's t", () => {
  // Upper critical values t(0.975, df) and t(0.95, df), as printed in NIST/SEMATECH
  // e-Handbook of Statistical Methods, §1.3.6.7.2 "Critical Values of the Student's t
  // Distribution" (to three decimals there; the further digits are the exact values).
  it.each([
    [1, 12.706205], [2, 4.302653], [5, 2.570582], [10, 2.228139], [30, 2.042272], [100, 1.983972],
  ])("t(0.975, %i) = %f", (df, t) => {
    expect(tQuantile(0.975, df)).toBeCloseTo(t, 5);
  });

  it.each([[1, 6.313752], [10, 1.812461], [60, 1.670649]])("t(0.95, %i) = %f", (df, t) => {
    expect(tQuantile(0.95, df)).toBeCloseTo(t, 5);
  });

  it("tends to the normal as df grows, and is symmetric", () => {
    expect(tQuantile(0.975, 1e7)).toBeCloseTo(1.959964, 5);
    expect(tQuantile(0.025, 10)).toBeCloseTo(-2.228139, 5);
    expect(tCdf(0, 7)).toBe(0.5);
    expect(tCdf(2.228139, 10)).toBeCloseTo(0.975, 6);
  });

  it("has the incomplete beta's known values", () => {
    // I_x(1, 1) = x; I_x(a, 1) = x^a; I_0.5(a, a) = 0.5.
    expect(incompleteBeta(0.3, 1, 1)).toBeCloseTo(0.3, 12);
    expect(incompleteBeta(0.7, 3, 1)).toBeCloseTo(0.343, 12);
    expect(incompleteBeta(0.5, 4.5, 4.5)).toBeCloseTo(0.5, 12);
  });
});
