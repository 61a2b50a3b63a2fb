import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { boostedRaw, fitBoosting } from "./boosting.ts";
import { explain, topContributions } from "./explain.ts";
import { interactionData, logisticData, matrix, nonlinearRegressionData } from "./fixtures.ts";
import { fitLogistic, logisticLogOdds } from "./logistic.ts";
import { Random } from "./random.ts";
import { fitRidge, ridgePredict } from "./ridge.ts";

describe("explanations of the linear models", () => {
  it("are βⱼ·(xⱼ − meanⱼ) on the log-odds scale and add up to the log-odds minus the base (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1000 }), fc.double({ min: 0, max: 0.3, noNaN: true }), (seed, missing) => {
        const d = logisticData(600, [-0.5, 1, -1, 0.5], seed);
        const r = new Random(seed, 3);
        const X = { ...d.X, columns: d.X.columns.map((c, j) => (j === 0 ? c.map((v) => (r.uniform() < missing ? NaN : v)) : c)) };
        const m = fitLogistic(X, d.y, { lambda: 0.01 });
        const e = explain(m, X, [0, 1, 2, 3]);
        const eta = logisticLogOdds(m, X);
        expect(e.scale).toBe("log-odds");
        e.rows.forEach((i, k) => {
          const c = e.contributions.subarray(k * 3, k * 3 + 3);
          expect(c.reduce((a, b) => a + b, 0)).toBeCloseTo(eta[i]! - e.base, 10);
          expect(e.outputs[k]!).toBeCloseTo(eta[i]!, 10);
          // Features without missing values: coefficient (original scale) times distance from the mean.
          for (const j of [1, 2]) {
            const k2 = m.standardizer.names.indexOf(`x${j}`);
            const b = m.coefficients[k2 + 1]!.estimate;
            expect(c[j]!).toBeCloseTo(b * (X.columns[j]![i]! - m.standardizer.mean[k2]!), 10);
          }
        });
      }),
      { numRuns: 30 },
    );
  });

  it("count a missing value's indicator in its feature's contribution", () => {
    const x = Float64Array.from({ length: 400 }, (_, i) => (i % 5 === 0 ? NaN : (i % 7) - 3));
    const y = Uint8Array.from({ length: 400 }, (_, i) => (i % 5 === 0 || (i % 7) - 3 > 1 ? 1 : 0));
    const X = matrix({ x, z: Float64Array.from({ length: 400 }, (_, i) => (i * 37) % 11) });
    const m = fitLogistic(X, y, { lambda: 0.1 });
    const e = explain(m, X, [0]);
    expect(e.features).toEqual(["x", "z"]);
    const top = topContributions(e, X, 1)[0]!;
    expect(top.top[0]!.feature).toBe("x");
    expect(top.top[0]!.value).toBeNaN();
    expect(top.top[0]!.contribution).toBeGreaterThan(0);
  });

  it("work on the value scale for ridge regression", () => {
    const d = nonlinearRegressionData(500, 3);
    const m = fitRidge(d.X, d.y, { lambda: 0 });
    const e = explain(m, d.X, [7]);
    expect(e.scale).toBe("value");
    expect(e.contributions.reduce((a, b) => a + b, 0) + e.base).toBeCloseTo(ridgePredict(m, d.X)[7]!, 10);
  });
});

describe("explanations of boosted trees", () => {
  it("add up to the prediction on the model's scale, and list the largest first", () => {
    const d = interactionData(4000, 8);
    const m = fitBoosting(d.X, d.y, "logistic", { trees: 30 });
    const e = explain(m, d.X, [3, 9]);
    const F = boostedRaw(m, d.X);
    const rows = topContributions(e, d.X, 2);
    rows.forEach((r, k) => {
      expect(r.row).toBe(e.rows[k]);
      expect(r.base + r.top.reduce((a, c) => a + c.contribution, 0) + r.rest).toBeCloseTo(F[r.row]!, 10);
      expect(Math.abs(r.top[0]!.contribution)).toBeGreaterThanOrEqual(Math.abs(r.top[1]!.contribution));
      expect(r.top[0]!.value).toBe(d.X.columns[d.X.names.indexOf(r.top[0]!.feature)]![r.row]);
    });
  });
});
