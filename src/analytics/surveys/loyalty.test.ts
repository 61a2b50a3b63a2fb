import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DEFAULT_LOYALTY_WEIGHTS, loyaltyIndex, type LoyaltyInput, type LoyaltyWeights } from "./loyalty.ts";

const NONE: LoyaltyInput = { repeatPurchase: null, frequencyPercentile: null, shareOfWallet: null, recommend: null, priceSensitivity: null };

describe("loyalty index", () => {
  it("combines behaviour and attitude with the default weights", () => {
    // behaviour 0.4 × 1 + 0.3 × 0.8 + 0.3 × 0.5 = 0.79; attitude 0.6 × 0.9 + 0.4 × (5 − 2)/4 = 0.84
    const r = loyaltyIndex({ repeatPurchase: true, frequencyPercentile: 0.8, shareOfWallet: 0.5, recommend: 9, priceSensitivity: 2 });
    expect(r.behaviour).toBeCloseTo(0.79, 12);
    expect(r.attitude).toBeCloseTo(0.84, 12);
    expect(r.index).toBeCloseTo(81.5, 10);
    expect(r.components).toEqual({ repeatPurchase: 1, frequencyPercentile: 0.8, shareOfWallet: 0.5, recommend: 0.9, priceSensitivity: 0.75 });
  });

  it("drops unknown components and renormalises the rest", () => {
    expect(loyaltyIndex({ ...NONE, recommend: 8 })).toMatchObject({ behaviour: null, attitude: 0.8, index: 80 });
    // (0.4 × 0 + 0.3 × 0.5) / 0.7
    const b = loyaltyIndex({ ...NONE, repeatPurchase: false, frequencyPercentile: 0.5, recommend: NaN });
    expect(b.behaviour).toBeCloseTo(0.15 / 0.7, 12);
    expect(b.attitude).toBeNull();
    expect(b.index).toBeCloseTo((100 * 0.15) / 0.7, 10);
    expect(loyaltyIndex(NONE)).toMatchObject({ index: null, behaviour: null, attitude: null });
  });

  it("uses the given weights", () => {
    const w: LoyaltyWeights = { behaviour: 1, attitude: 0, components: { ...DEFAULT_LOYALTY_WEIGHTS.components } };
    expect(loyaltyIndex({ ...NONE, repeatPurchase: true, recommend: 0 }, w).index).toBe(100);
    expect(loyaltyIndex({ ...NONE, recommend: 10 }, w).index).toBeNull();
  });

  it("refuses values outside their ranges", () => {
    expect(() => loyaltyIndex({ ...NONE, recommend: 11 })).toThrow(/recommend 11/);
    expect(() => loyaltyIndex({ ...NONE, priceSensitivity: 0 })).toThrow(RangeError);
    expect(() => loyaltyIndex({ ...NONE, frequencyPercentile: 1.2 })).toThrow(RangeError);
    expect(() => loyaltyIndex({ ...NONE, shareOfWallet: -0.1 })).toThrow(RangeError);
    expect(() => loyaltyIndex(NONE, { ...DEFAULT_LOYALTY_WEIGHTS, behaviour: -1 })).toThrow(RangeError);
  });

  const input: fc.Arbitrary<LoyaltyInput> = fc.record({
    repeatPurchase: fc.option(fc.boolean()),
    frequencyPercentile: fc.option(fc.double({ min: 0, max: 1, noNaN: true })),
    shareOfWallet: fc.option(fc.double({ min: 0, max: 1, noNaN: true })),
    recommend: fc.option(fc.integer({ min: 0, max: 10 })),
    priceSensitivity: fc.option(fc.double({ min: 1, max: 5, noNaN: true })),
  });
  const w = fc.double({ min: 0, max: 10, noNaN: true });
  const weights: fc.Arbitrary<LoyaltyWeights> = fc.record({
    behaviour: w, attitude: w,
    components: fc.record({ repeatPurchase: w, frequencyPercentile: w, shareOfWallet: w, recommend: w, priceSensitivity: w }),
  });

  it("stays within 0–100, and is null only when nothing is known", () => {
    fc.assert(fc.property(input, (x) => {
      const r = loyaltyIndex(x);
      if (Object.values(x).every((v) => v === null)) expect(r.index).toBeNull();
      else expect(r.index! >= 0 && r.index! <= 100).toBe(true);
    }), { numRuns: 1000 });
  });

  it("never falls when one component improves", () => {
    // "Improves": repeat false → true, frequency, share of wallet or recommendation up, price sensitivity down.
    const better = (x: LoyaltyInput, k: keyof LoyaltyInput, t: number): LoyaltyInput => {
      const v = x[k];
      if (v === null) return x;
      if (k === "repeatPurchase") return { ...x, repeatPurchase: true };
      if (k === "recommend") return { ...x, recommend: Math.round((v as number) + t * (10 - (v as number))) };
      if (k === "priceSensitivity") return { ...x, priceSensitivity: (v as number) - t * ((v as number) - 1) };
      return { ...x, [k]: (v as number) + t * (1 - (v as number)) };
    };
    const key = fc.constantFrom<keyof LoyaltyInput>("repeatPurchase", "frequencyPercentile", "shareOfWallet", "recommend", "priceSensitivity");
    fc.assert(fc.property(input, key, fc.double({ min: 0, max: 1, noNaN: true }), fc.option(weights, { nil: undefined }), (x, k, t, ws) => {
      const before = loyaltyIndex(x, ws).index;
      const after = loyaltyIndex(better(x, k, t), ws).index;
      if (before === null) expect(after).toBeNull();
      else expect(after!).toBeGreaterThanOrEqual(before);
    }), { numRuns: 2000 });
  });
});
