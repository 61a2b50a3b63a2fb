import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { applyCaps, brokenCap, type Cap } from "./caps.ts";

/** Counts every window of `windowDays` days directly: the definition, without the shortcut. */
function worstWindow(days: number[], windowDays: number): number {
  let worst = 0;
  for (const start of days) worst = Math.max(worst, days.filter((d) => d >= start && d < start + windowDays).length);
  return worst;
}

const caps = fc.array(fc.record({ max: fc.integer({ min: 0, max: 4 }), windowDays: fc.integer({ min: 1, max: 40 }) }), { minLength: 1, maxLength: 3 });
const proposals = fc.array(fc.record({ customer: fc.integer({ min: 1, max: 5 }), day: fc.integer({ min: 0, max: 120 }), priority: fc.integer({ min: 0, max: 3 }) }), { maxLength: 60 });
const history = fc.array(fc.tuple(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 0, max: 120 })), { maxLength: 10 });

describe("frequency caps across plans", () => {
  it("never lets a customer's contacts exceed any cap in any window, counting the ones already sent", () => {
    fc.assert(fc.property(proposals, caps, history, (ps, cs, hs) => {
      // History that already breaks a cap is the user's past, not ours to judge: start from a clean one.
      const past = new Map<number, number[]>();
      for (const [c, d] of hs) if (!brokenCap(past.get(c) ?? [], d, cs)) past.set(c, [...(past.get(c) ?? []), d].sort((a, b) => a - b));
      const { kept } = applyCaps(ps, cs, past);
      const byCustomer = new Map<number, number[]>([...past].map(([c, d]) => [c, [...d]]));
      for (const i of kept) byCustomer.set(ps[i]!.customer, [...(byCustomer.get(ps[i]!.customer) ?? []), ps[i]!.day]);
      for (const days of byCustomer.values()) for (const cap of cs) expect(worstWindow(days, cap.windowDays)).toBeLessThanOrEqual(cap.max);
    }));
  });

  it("drops a contact only when keeping it would break a cap, and decides every proposal once", () => {
    fc.assert(fc.property(proposals, caps, (ps, cs) => {
      const { kept, dropped } = applyCaps(ps, cs);
      expect([...kept, ...dropped.map((d) => d.index)].sort((a, b) => a - b)).toEqual(ps.map((_, i) => i));
      const keptDays = new Map<number, number[]>();
      for (const i of kept) keptDays.set(ps[i]!.customer, [...(keptDays.get(ps[i]!.customer) ?? []), ps[i]!.day]);
      for (const { index, cap } of dropped) {
        const days = [...(keptDays.get(ps[index]!.customer) ?? []), ps[index]!.day];
        expect(worstWindow(days, cap.windowDays)).toBeGreaterThan(cap.max);
      }
    }));
  });

  it("keeps the higher-priority contact when two compete for the last room on a day", () => {
    const cap: Cap = { max: 1, windowDays: 7 };
    const { kept, dropped } = applyCaps([{ customer: 9, day: 100, priority: 1 }, { customer: 9, day: 100, priority: 5 }], [cap]);
    expect(kept).toEqual([1]);
    expect(dropped).toEqual([{ index: 0, cap }]);
  });

  it("counts a contact already scheduled after the proposed day", () => {
    // 2 in 30 days, with contacts scheduled on days 110 and 120: day 100 would make 3 in days 100–129.
    expect(applyCaps([{ customer: 1, day: 100 }], [{ max: 2, windowDays: 30 }], new Map([[1, [110, 120]]])).kept).toEqual([]);
    expect(applyCaps([{ customer: 1, day: 90 }], [{ max: 2, windowDays: 30 }], new Map([[1, [110, 120]]])).kept).toEqual([0]);
  });
});
