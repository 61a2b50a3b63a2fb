import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bgnbdExpectedOne, fitBgnbd, type BgnbdParams } from "./bgnbd.ts";
import { bgnbdTransactions, clvIntervals, customerClv, discountedPurchases, drawParameters, paretoNbdTransactions } from "./clv.ts";
import { groupTriples } from "./data.ts";
import { fitGammaGamma, gammaGammaExpectedSpendOne } from "./gamma-gamma.ts";
import { paretoNbdExpectedOne } from "./pareto-nbd.ts";
import { Random } from "./random.ts";
import { simulateBgnbd, simulateSpend } from "./simulate.test-util.ts";

const BG: BgnbdParams = { r: 0.6, alpha: 5, a: 0.8, b: 2.5 };
const bgVector = Float64Array.from([BG.r, BG.alpha, BG.a, BG.b]);
const GG = Float64Array.from([4, 3, 20]);

describe("discounted expected purchases and CLV", () => {
  const rows = { x: Float64Array.from([0, 3, 12]), tx: Float64Array.from([0, 10, 29]), T: Float64Array.from([30, 30, 30]) };

  it("without discount telescopes to E[purchases in (T, T + HΔ]]", () => {
    const d = discountedPurchases(bgnbdTransactions, bgVector, rows, { steps: 13, stepLength: 4, discountPerStep: 0, margin: 1 });
    rows.x.forEach((x, i) => expect(d[i]).toBeCloseTo(bgnbdExpectedOne(BG, 52, x, rows.tx[i]!, rows.T[i]!), 12));
    const pareto = Float64Array.from([0.8, 6, 0.7, 12]);
    const dp = discountedPurchases(paretoNbdTransactions, pareto, rows, { steps: 2, stepLength: 26, discountPerStep: 0, margin: 1 });
    rows.x.forEach((x, i) => expect(dp[i]).toBeCloseTo(paretoNbdExpectedOne({ r: 0.8, alpha: 6, s: 0.7, beta: 12 }, 52, x, rows.tx[i]!, rows.T[i]!), 12));
  });

  it("discounts step k's purchases by (1 + d)^k and multiplies by margin and expected spend", () => {
    const o = { steps: 2, stepLength: 26, discountPerStep: 0.05, margin: 0.3 };
    const customers = { ...rows, mx: Float64Array.from([NaN, 25, 60]) };
    const clv = customerClv(bgnbdTransactions, bgVector, GG, customers, o);
    rows.x.forEach((x, i) => {
      const e1 = bgnbdExpectedOne(BG, 26, x, rows.tx[i]!, rows.T[i]!);
      const e2 = bgnbdExpectedOne(BG, 52, x, rows.tx[i]!, rows.T[i]!);
      const spend = gammaGammaExpectedSpendOne({ p: 4, q: 3, gamma: 20 }, x, customers.mx[i]!);
      expect(clv[i]).toBeCloseTo(0.3 * spend * (e1 / 1.05 + (e2 - e1) / 1.05 ** 2), 12);
    });
  });

  it("grows with the horizon and shrinks with the discount rate (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 30 }), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 1, max: 100, noNaN: true }), fc.integer({ min: 1, max: 30 }), fc.double({ min: 0, max: 0.2, noNaN: true }), (x, f, T, steps, d) => {
        const r = { x: Float64Array.of(x), tx: Float64Array.of(x === 0 ? 0 : f * T), T: Float64Array.of(T) };
        const base = { steps, stepLength: 2, discountPerStep: d, margin: 1 };
        const v = discountedPurchases(bgnbdTransactions, bgVector, r, base)[0]!;
        const longer = discountedPurchases(bgnbdTransactions, bgVector, r, { ...base, steps: steps + 3 })[0]!;
        const dearer = discountedPurchases(bgnbdTransactions, bgVector, r, { ...base, discountPerStep: d + 0.05 })[0]!;
        return v >= 0 && longer >= v * (1 - 1e-12) && dearer <= v * (1 + 1e-12);
      }),
      { numRuns: 100 },
    );
  });

  it("rejects options without a unit or with an impossible discount", () => {
    const c = { ...rows, mx: Float64Array.from([NaN, 1, 1]) };
    expect(() => customerClv(bgnbdTransactions, bgVector, GG, c, { steps: 0, stepLength: 1, discountPerStep: 0, margin: 1 })).toThrow(/steps/);
    expect(() => customerClv(bgnbdTransactions, bgVector, GG, c, { steps: 5, stepLength: 0, discountPerStep: 0, margin: 1 })).toThrow(/stepLength/);
    expect(() => customerClv(bgnbdTransactions, bgVector, GG, c, { steps: 5, stepLength: 1, discountPerStep: -1, margin: 1 })).toThrow(/discountPerStep/);
  });
});

describe("CLV intervals from parameter uncertainty", () => {
  const sim = simulateBgnbd(BG, 3000, 20, 60, 0, 7);
  const rows = { x: sim.x, tx: sim.tx.map((t) => Math.round(t)), T: sim.T.map((t) => Math.round(t)) };
  const customers = { ...rows, mx: simulateSpend({ p: 4, q: 3, gamma: 20 }, sim.x, 7).mx };
  const txFit = fitBgnbd(groupTriples(rows.x, rows.tx, rows.T).rows);
  const spendFit = fitGammaGamma(customers.x, customers.mx);
  const groupOf = Int32Array.from(sim.x, (x) => (x === 0 ? 0 : x < 5 ? 1 : -1));
  const options = { steps: 13, stepLength: 4, discountPerStep: 0.01, margin: 0.25, draws: 150, seed: 3, groups: { of: groupOf, count: 2 } };
  const result = clvIntervals(bgnbdTransactions, txFit, spendFit, customers, options);

  it("brackets the point estimate per customer and per group", () => {
    expect(result.draws).toBe(150);
    for (let i = 0; i < customers.x.length; i++) {
      expect(result.lower[i]! <= result.point[i]! * (1 + 1e-6) && result.point[i]! <= result.upper[i]! * (1 + 1e-6), `customer ${i}`).toBe(true);
      expect(result.lower[i]! < result.upper[i]!).toBe(true);
    }
    const g = result.group!;
    for (let c = 0; c < 2; c++) {
      const members = Array.from(groupOf.keys()).filter((i) => groupOf[i] === c);
      expect(g.point[c]).toBeCloseTo(members.reduce((s, i) => s + result.point[i]!, 0), 6);
      expect(g.lower[c]! < g.point[c]! && g.point[c]! < g.upper[c]!).toBe(true);
    }
  });

  it("is reproducible from its seed", () => {
    const light = { ...options, draws: 40 };
    const once = clvIntervals(bgnbdTransactions, txFit, spendFit, customers, light);
    const again = clvIntervals(bgnbdTransactions, txFit, spendFit, customers, light);
    expect(Array.from(again.lower)).toEqual(Array.from(once.lower));
    const other = clvIntervals(bgnbdTransactions, txFit, spendFit, customers, { ...light, seed: 4, groups: undefined });
    expect(Array.from(other.lower)).not.toEqual(Array.from(once.lower));
    expect(other.group).toBeUndefined();
  });

  it("draws parameters with the fit's log-scale covariance", () => {
    const draws = drawParameters(txFit, 4000, new Random(9));
    const d = 4;
    for (let i = 0; i < d; i++) {
      const logs = draws.map((v) => Math.log(v[i]!));
      const mean = logs.reduce((a, b) => a + b, 0) / logs.length;
      const variance = logs.reduce((s, v) => s + (v - mean) ** 2, 0) / (logs.length - 1);
      expect(Math.abs(mean - txFit.logEstimate[i]!)).toBeLessThan(4 * Math.sqrt(txFit.logCovariance[i * d + i]! / logs.length));
      expect(variance / txFit.logCovariance[i * d + i]!).toBeGreaterThan(0.9);
      expect(variance / txFit.logCovariance[i * d + i]!).toBeLessThan(1.1);
    }
  });
});
