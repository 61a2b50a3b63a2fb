import { describe, expect, it } from "vitest";
import { Sfc32 } from "../sfc32.ts";
import { deriveWeights, satisfactionIndex } from "./satisfaction-index.ts";

describe("derived factor weights", () => {
  it("matches a regression worked by hand", () => {
    // x = 1, 2, 3, 4; y = 2, 3, 5, 4: Sxy = 4, Sxx = 5, b = 0.8, b₀ = 3.5 − 0.8 × 2.5 = 1.5,
    // R² = b²Sxx / Syy = 3.2 / 5 = 0.64.
    const r = deriveWeights([[1], [2], [3], [4]], [2, 3, 5, 4]);
    expect(r.coefficients[0]).toBeCloseTo(0.8, 12);
    expect(r.intercept).toBeCloseTo(1.5, 12);
    expect(r.r2).toBeCloseTo(0.64, 12);
    expect(r).toMatchObject({ weights: [1], n: 4, method: "regression" });
  });

  it("recovers an exact linear relation and normalises its slopes", () => {
    const x = [[1, 2], [2, 1], [3, 3], [4, 2], [5, 5], [NaN, 4], [2, 2]];
    const y = x.map(([a, b]) => 1 + 0.5 * a! + 0.25 * b!);
    y[6] = NaN; // unanswered overall: the row drops out
    const r = deriveWeights(x, y);
    expect(r.n).toBe(5);
    expect(r.coefficients[0]).toBeCloseTo(0.5, 10);
    expect(r.coefficients[1]).toBeCloseTo(0.25, 10);
    expect(r.intercept).toBeCloseTo(1, 10);
    expect(r.r2).toBeCloseTo(1, 10);
    expect(r.weights[0]).toBeCloseTo(2 / 3, 10);
    expect(r.weights[1]).toBeCloseTo(1 / 3, 10);
  });

  it("gives a negative slope no weight, and falls back to equal weights when none is positive", () => {
    const x = [[1, 2], [2, 1], [3, 3], [4, 2], [5, 5]];
    const mixed = deriveWeights(x, x.map(([a, b]) => 2 * a! - 0.5 * b!));
    expect(mixed.coefficients[1]).toBeCloseTo(-0.5, 10);
    expect(mixed.weights).toEqual([1, 0]);
    expect(mixed.method).toBe("regression");
    const none = deriveWeights(x, x.map(([a, b]) => 10 - a! - b!));
    expect(none).toMatchObject({ weights: [0.5, 0.5], method: "equal" });
  });

  it("refuses what it cannot estimate", () => {
    const x = [[1, 2], [2, 1], [3, 3], [4, 2]];
    expect(() => deriveWeights(x.slice(0, 3), [1, 2, 3])).toThrow(/more than 3 complete answers, got 3/);
    expect(() => deriveWeights(x, [1, 2, 3])).toThrow(RangeError);
    expect(() => deriveWeights([[1, 2], [2], [3, 3], [4, 2]], [1, 2, 3, 4])).toThrow(/row 1/);
    expect(() => deriveWeights(x.map(([a]) => [a!, 3]), [1, 2, 3, 4])).toThrow(/factor 1 has the same score/);
    expect(() => deriveWeights(x.map(([a]) => [a!, 2 * a! + 1]), [1, 2, 4, 3])).toThrow(/collinear/);
  });

  it("recovers known weights from simulated answers", () => {
    // Five correlated factors (a shared halo plus each factor's own part) on a 1–5-like
    // scale; overall = 0.5 + 0.9 × Σ wⱼ·factorⱼ + noise (sd 0.3). With 3,000 answers each
    // weight's standard error is about 0.009: the tolerance 0.03 is over three of them.
    const truth = [0.35, 0.25, 0.2, 0.12, 0.08];
    const rng = new Sfc32(1996, 7, 18);
    const normal = () => Math.sqrt(-2 * Math.log(rng.uniform())) * Math.cos(2 * Math.PI * rng.uniform());
    const factors: number[][] = [];
    const overall: number[] = [];
    for (let i = 0; i < 3000; i++) {
      const halo = normal();
      const f = truth.map(() => 3.5 + 0.6 * halo + 0.7 * normal());
      factors.push(f);
      overall.push(0.5 + 0.9 * f.reduce((a, x, j) => a + truth[j]! * x, 0) + 0.3 * normal());
    }
    const r = deriveWeights(factors, overall);
    expect(r.method).toBe("regression");
    r.weights.forEach((w, j) => expect(Math.abs(w - truth[j]!)).toBeLessThan(0.03));
    // Var(signal) = 0.81 × (0.36 + 0.49 Σw²) = 0.389, noise 0.09: R² = 0.812.
    expect(r.r2).toBeCloseTo(0.812, 1);
  });
});

describe("satisfaction index", () => {
  it("rescales each factor's mean to 0–1 and weights them, on 0–100", () => {
    // 0.5 × 0.75 + 0.3 × 0.625 + 0.2 × 0.25 = 0.6125
    expect(satisfactionIndex([4, 3.5, 2], [0.5, 0.3, 0.2], { min: 1, max: 5 })).toBeCloseTo(61.25, 10);
    expect(satisfactionIndex([5, 5], [0.4, 0.6], { min: 1, max: 5 })).toBe(100);
    expect(satisfactionIndex([1, 1], [0.4, 0.6], { min: 1, max: 5 })).toBe(0);
    expect(satisfactionIndex([0.8], [1], { min: 0, max: 1 })).toBeCloseTo(80, 10);
  });

  it("refuses weights that do not sum to 1 and means off the scale", () => {
    expect(() => satisfactionIndex([3, 3], [0.5, 0.4], { min: 1, max: 5 })).toThrow(/sum to 0.9/);
    expect(() => satisfactionIndex([3, 3], [1.2, -0.2], { min: 1, max: 5 })).toThrow(RangeError);
    expect(() => satisfactionIndex([3, 6], [0.5, 0.5], { min: 1, max: 5 })).toThrow(/outside the scale/);
    expect(() => satisfactionIndex([3], [0.5, 0.5], { min: 1, max: 5 })).toThrow(RangeError);
    expect(() => satisfactionIndex([3], [1], { min: 5, max: 5 })).toThrow(RangeError);
  });
});
