import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { assignHoldout, holdoutBalance } from "./holdout.ts";

const audience = fc.uniqueArray(fc.integer({ min: 1, max: 2 ** 40 }), { minLength: 0, maxLength: 300 }).chain((ids) =>
  fc.tuple(fc.constant(ids), fc.array(fc.integer({ min: 0, max: 4 }), { minLength: ids.length, maxLength: ids.length }), fc.double({ min: 0, max: 1, noNaN: true }), fc.integer()),
);

describe("the holdout of a campaign", () => {
  it("holds out round(share × n) of every stratum, halves to even", () => {
    fc.assert(fc.property(audience, ([ids, strata, share, seed]) => {
      const control = assignHoldout(ids, strata, share, seed);
      for (const { n, control: held } of holdoutBalance(strata, control).values()) {
        const x = share * n;
        expect(Math.abs(held - x)).toBeLessThanOrEqual(0.5);
        if (x - Math.floor(x) === 0.5) expect(held % 2).toBe(0);
      }
    }));
  });

  it("gives the same draw for the same seed, whatever order the audience is listed in", () => {
    fc.assert(fc.property(audience, fc.integer(), ([ids, strata, share, seed], shift) => {
      const control = assignHoldout(ids, strata, share, seed);
      const order = ids.map((_, i) => i);
      // A rotation and a reversal of the list.
      const k = ids.length ? ((shift % ids.length) + ids.length) % ids.length : 0;
      const moved = [...order.slice(k), ...order.slice(0, k)].reverse();
      const again = assignHoldout(moved.map((i) => ids[i]!), moved.map((i) => strata[i]!), share, seed);
      const byId = new Map(moved.map((i, j) => [ids[i]!, again[j]!]));
      ids.forEach((id, i) => expect(byId.get(id)).toBe(control[i]));
    }));
  });

  it("draws independently for another seed, and holds out each customer about share of the time", () => {
    const ids = Array.from({ length: 1000 }, (_, i) => 5000 + i * 7);
    const strata = ids.map((_, i) => i % 3);
    const a = assignHoldout(ids, strata, 0.1, 1);
    const b = assignHoldout(ids, strata, 0.1, 2);
    const both = a.reduce((s, v, i) => s + (v & b[i]!), 0);
    // Independent 10% draws share about 1% of the audience (10 of 1,000), not 100.
    expect(both).toBeGreaterThanOrEqual(1);
    expect(both).toBeLessThanOrEqual(25);
    // Over many seeds, every customer is held out about 10% of the time: no one is always spared.
    const times = new Uint16Array(ids.length);
    for (let seed = 0; seed < 400; seed++) assignHoldout(ids, strata, 0.1, seed).forEach((v, i) => (times[i] = times[i]! + v));
    expect(Math.min(...times)).toBeGreaterThan(15);
    expect(Math.max(...times)).toBeLessThan(70);
  });

  it("keeps a covariate balanced between the groups: the mean spend of control and contacted agree", () => {
    // Spend rises with the id; a draw that favoured low or high ids would show in the means.
    const ids = Array.from({ length: 20_000 }, (_, i) => i + 1);
    const spend = ids.map((id) => id % 997);
    const control = assignHoldout(ids, ids.map(() => 0), 0.2, 42);
    const mean = (g: number) => {
      let s = 0;
      let n = 0;
      control.forEach((v, i) => { if (v === g) { s += spend[i]!; n++; } });
      return s / n;
    };
    // The standard error of the difference is about 288/√(4000·0.8) ≈ 5; allow four of them.
    expect(Math.abs(mean(1) - mean(0))).toBeLessThan(20);
  });

  it("refuses a customer listed twice, a share outside [0, 1], and mismatched lengths", () => {
    expect(() => assignHoldout([1, 2, 1], [0, 0, 0], 0.5, 1)).toThrow(/listed twice/);
    expect(() => assignHoldout([1], [0], 1.5, 1)).toThrow(/\[0, 1\]/);
    expect(() => assignHoldout([1, 2], [0], 0.5, 1)).toThrow(/2 ids but 1 strata/);
  });
});
