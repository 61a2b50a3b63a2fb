import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fitGammaGamma, gammaGammaExpectedSpend, gammaGammaExpectedSpendOne, gammaGammaLogLikelihood, INDEPENDENCE_THRESHOLD, spendFrequencyCorrelation, type GammaGammaParams } from "./gamma-gamma.ts";
import { Random } from "./random.ts";
import { simulateSpend } from "./simulate.test-util.ts";

const TRUE: GammaGammaParams = { p: 4, q: 3, gamma: 20 };

/** Repeat buyers' frequencies: 1 + a geometric-ish count, as in purchase data. */
function frequencies(n: number, seed: number): Float64Array {
  const rng = new Random(seed, 9);
  return new Float64Array(n).map(() => 1 + Math.floor(rng.exponential(0.4)));
}

describe("Gamma-Gamma on simulated customers", () => {
  it("recovers the parameters within 3 standard errors", () => {
    const x = frequencies(4000, 1);
    const { mx } = simulateSpend(TRUE, x, 1);
    const fit = fitGammaGamma(x, mx);
    expect(fit.customers).toBe(4000);
    for (const name of ["p", "q", "gamma"] as const) {
      const z = (fit.params[name] - TRUE[name]) / fit.standardErrors[name];
      expect(Math.abs(z), `${name}: ${fit.params[name]} ± ${fit.standardErrors[name]} vs ${TRUE[name]}`).toBeLessThan(3);
    }
  });

  it("E(M | x, mx) matches the customers' true mean values on average, by decile of the prediction", () => {
    const x = frequencies(30_000, 2);
    const { mx, trueMean } = simulateSpend(TRUE, x, 2);
    const e = gammaGammaExpectedSpend(TRUE, x, mx);
    const order = Array.from(e.keys()).sort((i, j) => e[i]! - e[j]!);
    for (let d = 0; d < 10; d++) {
      const group = order.slice(Math.floor((d * order.length) / 10), Math.floor(((d + 1) * order.length) / 10));
      const predicted = group.reduce((s, i) => s + e[i]!, 0) / group.length;
      const actual = group.reduce((s, i) => s + trueMean[i]!, 0) / group.length;
      const sd = Math.sqrt(group.reduce((s, i) => s + (trueMean[i]! - e[i]!) ** 2, 0) / group.length);
      expect(Math.abs(actual - predicted), `decile ${d}: ${actual} vs ${predicted}`).toBeLessThan((4 * sd) / Math.sqrt(group.length));
    }
  });

  it("the independence check is quiet on independent data and warns on dependent data", () => {
    const x = frequencies(5000, 3);
    const { mx } = simulateSpend(TRUE, x, 3);
    const quiet = spendFrequencyCorrelation(x, mx);
    expect(Math.abs(quiet.correlation)).toBeLessThan(0.05);
    expect(quiet.warning).toBe(false);
    // Frequent buyers spending more per purchase.
    const dependent = mx.map((m, i) => m * (1 + 0.5 * x[i]!));
    const loud = spendFrequencyCorrelation(x, dependent);
    expect(loud.correlation).toBeGreaterThan(INDEPENDENCE_THRESHOLD);
    expect(loud.warning).toBe(true);
    // Weights count as repeated customers.
    const w = spendFrequencyCorrelation(Float64Array.from([1, 2, 3]), Float64Array.from([10, 12, 20]), Float64Array.from([2, 1, 1]));
    const expanded = spendFrequencyCorrelation(Float64Array.from([1, 1, 2, 3]), Float64Array.from([10, 10, 12, 20]));
    expect(w.correlation).toBeCloseTo(expanded.correlation, 14);
    expect(w.customers).toBe(4);
  });
});

describe("Gamma-Gamma expectations", () => {
  it("gives the population mean pγ/(q − 1) without repeat purchases, and NaN when q ≤ 1", () => {
    expect(gammaGammaExpectedSpendOne(TRUE, 0, NaN)).toBe(40);
    expect(gammaGammaExpectedSpendOne({ ...TRUE, q: 1 }, 2, 30)).toBeNaN();
  });

  it("shrinks each customer's mean towards the population mean, less as x grows (property)", () => {
    fc.assert(
      fc.property(
        fc.record({ p: fc.double({ min: 0.1, max: 50, noNaN: true }), q: fc.double({ min: 1.01, max: 50, noNaN: true }), gamma: fc.double({ min: 0.01, max: 1e4, noNaN: true }) }),
        fc.integer({ min: 1, max: 1000 }),
        fc.double({ min: 0.01, max: 1e5, noNaN: true }),
        (p, x, m) => {
          const pop = (p.p * p.gamma) / (p.q - 1);
          const e = gammaGammaExpectedSpendOne(p, x, m);
          const e2 = gammaGammaExpectedSpendOne(p, x + 1, m);
          const lo = Math.min(pop, m) * (1 - 1e-12);
          const hi = Math.max(pop, m) * (1 + 1e-12);
          return e >= lo && e <= hi && Math.abs(e2 - m) <= Math.abs(e - m) * (1 + 1e-12);
        },
      ),
    );
  });

  it("ignores customers without repeat purchases or with a non-positive mean in the likelihood", () => {
    const x = Float64Array.from([1, 2, 0, 3]);
    const mx = Float64Array.from([10, 20, NaN, -5]);
    expect(gammaGammaLogLikelihood(TRUE, x, mx)).toBeCloseTo(gammaGammaLogLikelihood(TRUE, x.slice(0, 2), mx.slice(0, 2)), 12);
    expect(() => fitGammaGamma(Float64Array.from([0]), Float64Array.from([NaN]))).toThrow(/no repeat buyers/);
  });

  it("stays finite for a customer with a thousand purchases of large value", () => {
    const x = Float64Array.from([1000, 1, 2]);
    const mx = Float64Array.from([1e6, 0.01, 35]);
    expect(Number.isFinite(gammaGammaLogLikelihood(TRUE, x, mx))).toBe(true);
    for (let i = 0; i < 3; i++) expect(Number.isFinite(gammaGammaExpectedSpendOne(TRUE, x[i]!, mx[i]!))).toBe(true);
  });
});
