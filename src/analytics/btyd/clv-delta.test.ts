import { describe, expect, it } from "vitest";
import { fitBgnbd } from "./bgnbd.ts";
import { loadCdnow } from "./cdnow.test-util.ts";
import { bgnbdTransactions, clvIntervals } from "./clv.ts";
import { clvDeltaIntervals } from "./clv-delta.ts";
import { groupTriples } from "./data.ts";
import { fitGammaGamma } from "./gamma-gamma.ts";

describe("CLV intervals by the delta method, on CDNOW", () => {
  const c = loadCdnow();
  const customers = { x: c.x, tx: c.tx, T: c.T, mx: c.mx };
  const txFit = fitBgnbd(groupTriples(c.x, c.tx, c.T).rows);
  const spendFit = fitGammaGamma(c.x, c.mx);
  const groupOf = Int32Array.from(c.x, (x) => (x === 0 ? 0 : x < 3 ? 1 : 2));
  // 52 weeks in 13 steps of 4 weeks, 10% a year, a 30% margin.
  const o = { steps: 13, stepLength: 4, discountPerStep: Math.pow(1.1, 4 / 52) - 1, margin: 0.3, groups: { of: groupOf, count: 3 } };
  const delta = clvDeltaIntervals(bgnbdTransactions, txFit, spendFit, customers, o);
  const draws = clvIntervals(bgnbdTransactions, txFit, spendFit, customers, { ...o, draws: 2000, seed: 5 });

  it("has the same point estimates as the draws' computation", () => {
    for (let i = 0; i < c.x.length; i += 97) expect(delta.point[i]).toBeCloseTo(draws.point[i]!, 9);
  });

  it("agrees with 2,000 parameter draws on each customer's and each group's 90% interval", () => {
    // The two differ by the linearisation and the draws' own noise: within 10% of the interval's width.
    const close = (a: number, b: number, width: number) => Math.abs(a - b) <= 0.1 * width + 1e-9;
    let checked = 0;
    for (let i = 0; i < c.x.length; i += 13) {
      const width = draws.upper[i]! - draws.lower[i]!;
      if (!(width > 0)) continue;
      expect(close(delta.lower[i]!, draws.lower[i]!, width), `customer ${i} lower`).toBe(true);
      expect(close(delta.upper[i]!, draws.upper[i]!, width), `customer ${i} upper`).toBe(true);
      checked++;
    }
    expect(checked).toBeGreaterThan(100);
    for (let g = 0; g < 3; g++) {
      const width = draws.group!.upper[g]! - draws.group!.lower[g]!;
      expect(delta.group!.point[g]).toBeCloseTo(draws.group!.point[g]!, 6);
      expect(close(delta.group!.lower[g]!, draws.group!.lower[g]!, width), `group ${g} lower`).toBe(true);
      expect(close(delta.group!.upper[g]!, draws.group!.upper[g]!, width), `group ${g} upper`).toBe(true);
    }
  });

  it("brackets every point estimate and stays positive", () => {
    for (let i = 0; i < c.x.length; i++) {
      expect(delta.lower[i]!).toBeGreaterThan(0);
      expect(delta.lower[i]! <= delta.point[i]! && delta.point[i]! <= delta.upper[i]!).toBe(true);
    }
  });
});
