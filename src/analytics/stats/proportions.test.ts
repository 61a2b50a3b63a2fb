import { describe, expect, it } from "vitest";
import { newcombeDifference, wilson } from "./proportions.ts";

describe("intervals for shares", () => {
  // Newcombe 1998 (Stat. Med. 17:857–872), Table I: 81/263 has the score interval 0.2553–0.3662.
  it("gives Wilson's interval as Newcombe tabulates it", () => {
    const [lo, hi] = wilson(81, 263)!;
    expect(lo).toBeCloseTo(0.2553, 4);
    expect(hi).toBeCloseTo(0.3662, 4);
    expect(wilson(0, 10)![0]).toBe(0);
    expect(wilson(10, 10)![1]).toBe(1);
    expect(wilson(0, 0)).toBeNull();
  });

  // Newcombe 1998 (Stat. Med. 17:873–890), Table II, example (a): 56/70 − 48/80, method 10.
  it("gives Newcombe's hybrid score interval for a difference, as his example (a)", () => {
    const [lo, hi] = newcombeDifference(56, 70, 48, 80)!;
    expect(lo).toBeCloseTo(0.0524, 4);
    expect(hi).toBeCloseTo(0.3339, 4);
  });

  it("matches Newcombe's other published examples", () => {
    const r4 = (x: readonly [number, number] | null) => x!.map((v) => Math.round(v * 1e4) / 1e4);
    expect(r4(wilson(15, 148))).toEqual([0.0624, 0.1605]);
    expect(r4(wilson(0, 20))).toEqual([0, 0.1611]);
    expect(r4(newcombeDifference(9, 10, 3, 10))).toEqual([0.1705, 0.809]);
    expect(r4(newcombeDifference(5, 56, 0, 29))).toEqual([-0.0381, 0.1926]);
  });
});
