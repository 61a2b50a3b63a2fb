import { describe, expect, it } from "vitest";
import { Sfc32 } from "../sfc32.ts";
import { nps } from "./nps.ts";

describe("NPS", () => {
  it("sorts answers into Reichheld's detractors (0–6), passives (7–8) and promoters (9–10)", () => {
    const r = nps([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, NaN]);
    expect([r.n, r.detractors, r.passives, r.promoters]).toEqual([11, 7, 2, 2]);
    expect(r.score).toBeCloseTo((100 * (2 - 7)) / 11, 10);
  });

  it("gives the normal interval with the multinomial variance of P − D", () => {
    // P = 0.5, D = 0.2, n = 10: Var = (0.7 − 0.09)/10 = 0.061, half-width 1.96 × 0.24698 = 0.48407.
    const r = nps([9, 10, 9, 10, 9, 7, 8, 7, 0, 6]);
    expect(r.score).toBeCloseTo(30, 10);
    expect(r.low).toBeCloseTo(-18.4075, 3);
    expect(r.high).toBeCloseTo(78.4075, 3);
  });

  it("clips the interval to −100..100", () => {
    const r = nps([10, 10, 10, 0]);
    expect(r.score).toBe(50);
    expect(r.high).toBe(100);
    expect(r.low).toBeCloseTo(50 - 100 * 1.959964 * Math.sqrt(0.75 / 4), 3);
    expect(nps([10, 9, 10])).toMatchObject({ score: 100, low: 100, high: 100 });
    expect(nps([0, 3])).toMatchObject({ score: -100, low: -100, high: -100 });
  });

  it("has no score without answers", () => {
    expect(nps([NaN])).toEqual({ n: 0, promoters: 0, passives: 0, detractors: 0, score: null, low: null, high: null });
  });

  it("refuses answers that are not whole numbers 0–10", () => {
    expect(() => nps([7.5])).toThrow(RangeError);
    expect(() => nps([11])).toThrow(/not a whole number 0–10/);
    expect(() => nps([-1])).toThrow(RangeError);
    expect(() => nps([Infinity])).toThrow(RangeError);
  });

  it("covers the true score about 95% of the time", () => {
    // 2,000 surveys of 400 from a population with P = 0.45, D = 0.25 (NPS 20). With the
    // covariance term left out the interval would be too narrow and cover about 89%.
    const rng = new Sfc32(20031201, 46, 54);
    let covered = 0;
    const runs = 2000;
    const answers = new Float64Array(400);
    for (let k = 0; k < runs; k++) {
      for (let i = 0; i < answers.length; i++) {
        const u = rng.uniform();
        answers[i] = u < 0.45 ? 10 : u < 0.75 ? 7 : 3;
      }
      const r = nps(answers);
      if (r.low! <= 20 && 20 <= r.high!) covered++;
    }
    expect(covered / runs).toBeGreaterThan(0.93);
    expect(covered / runs).toBeLessThan(0.97);
  });
});
