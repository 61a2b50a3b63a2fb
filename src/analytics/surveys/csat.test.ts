import { describe, expect, it } from "vitest";
import { csat, DEFAULT_CSAT_SCALE } from "./csat.ts";

describe("CSAT", () => {
  it("counts the top two boxes of a 1–5 scale and skips the unanswered", () => {
    const r = csat([5, 4, 3, 2, 1, 4, NaN, 5], DEFAULT_CSAT_SCALE);
    expect(r.n).toBe(7);
    expect(r.satisfied).toBe(4);
    expect(r.share).toBeCloseTo(4 / 7, 12);
    expect(r.mean).toBeCloseTo(24 / 7, 12);
    expect(r.low! < r.share! && r.share! < r.high!).toBe(true);
  });

  // Newcombe 1998 (Stat. Med. 17:857–872), Table I: 81 of 263 has the score interval 0.2553–0.3662.
  it("gives the Wilson interval of the satisfied share", () => {
    const answers = [...Array<number>(81).fill(5), ...Array<number>(182).fill(2)];
    const r = csat(answers, DEFAULT_CSAT_SCALE);
    expect(r.low).toBeCloseTo(0.2553, 4);
    expect(r.high).toBeCloseTo(0.3662, 4);
  });

  it("uses the given scale's threshold", () => {
    const r = csat([10, 9, 8, 7, 6, 0], { min: 0, max: 10, satisfiedFrom: 8 });
    expect([r.n, r.satisfied]).toEqual([6, 3]);
    expect(csat([1, 2, 3], { min: 1, max: 3, satisfiedFrom: 3 }).satisfied).toBe(1);
  });

  it("has no share without answers", () => {
    expect(csat([NaN, NaN], DEFAULT_CSAT_SCALE)).toEqual({ n: 0, satisfied: 0, share: null, low: null, high: null, mean: null });
    expect(csat(new Float64Array(0), DEFAULT_CSAT_SCALE).share).toBeNull();
  });

  it("refuses answers off the scale and scales that make no sense", () => {
    expect(() => csat([3, 6], DEFAULT_CSAT_SCALE)).toThrow(RangeError);
    expect(() => csat([0], DEFAULT_CSAT_SCALE)).toThrow(/outside the scale 1–5/);
    expect(() => csat([3], { min: 5, max: 1, satisfiedFrom: 4 })).toThrow(RangeError);
    expect(() => csat([3], { min: 1, max: 5, satisfiedFrom: 6 })).toThrow(RangeError);
  });
});
