import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { auc, brier, calibrationTable, classificationMetrics, liftTable, logLoss, regressionMetrics, scoreDeciles } from "./metrics.ts";

/** AUC by counting every (positive, negative) pair: 1 when the positive scores higher, ½ on a tie. */
function pairCount(y: number[], s: number[], w?: number[]): number {
  let num = 0;
  let den = 0;
  for (let i = 0; i < y.length; i++) {
    if (y[i] !== 1) continue;
    for (let j = 0; j < y.length; j++) {
      if (y[j] !== 0) continue;
      const ww = (w ? w[i]! : 1) * (w ? w[j]! : 1);
      den += ww;
      num += ww * (s[i]! > s[j]! ? 1 : s[i] === s[j] ? 0.5 : 0);
    }
  }
  return num / den;
}

const labelled = fc.array(fc.tuple(fc.integer({ min: 0, max: 1 }), fc.integer({ min: 0, max: 6 }), fc.integer({ min: 1, max: 5 })), { minLength: 2, maxLength: 80 }).filter((rows) => rows.some((r) => r[0] === 1) && rows.some((r) => r[0] === 0));

describe("AUC", () => {
  it("equals the brute-force pair count, ties counted one half (property)", () => {
    fc.assert(
      fc.property(labelled, (rows) => {
        const y = rows.map((r) => r[0]);
        const s = rows.map((r) => r[1] / 3);
        expect(auc(Uint8Array.from(y), Float64Array.from(s))).toBeCloseTo(pairCount(y, s), 12);
      }),
      { numRuns: 500 },
    );
  });

  it("equals the weighted pair count with row weights (property)", () => {
    fc.assert(
      fc.property(labelled, (rows) => {
        const y = rows.map((r) => r[0]);
        const s = rows.map((r) => r[1]);
        const w = rows.map((r) => r[2]);
        expect(auc(Uint8Array.from(y), Float64Array.from(s), Float64Array.from(w))).toBeCloseTo(pairCount(y, s, w), 12);
      }),
      { numRuns: 300 },
    );
  });

  it("is 1 for a perfect ranking, 0 for a reversed one, ½ when all scores tie, NaN with one class", () => {
    const y = Uint8Array.from([0, 0, 1, 1]);
    expect(auc(y, [1, 2, 3, 4])).toBe(1);
    expect(auc(y, [4, 3, 2, 1])).toBe(0);
    expect(auc(y, [5, 5, 5, 5])).toBe(0.5);
    expect(auc(Uint8Array.from([1, 1]), [1, 2])).toBeNaN();
  });
});

describe("lift and capture by decile", () => {
  it("puts every row in exactly one decile, deciles of ⌊n/10⌋ or ⌈n/10⌉ rows ordered by score (property)", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 1 }), fc.integer({ min: 0, max: 20 })), { minLength: 10, maxLength: 300 }), (rows) => {
        const y = Uint8Array.from(rows.map((r) => r[0]));
        const s = Float64Array.from(rows.map((r) => r[1]));
        const decile = scoreDeciles(s);
        const n = rows.length;
        const size = new Array(11).fill(0);
        decile.forEach((d) => size[d]++);
        expect(size[0]).toBe(0);
        for (let d = 1; d <= 10; d++) {
          expect(size[d]).toBeGreaterThanOrEqual(Math.floor(n / 10));
          expect(size[d]).toBeLessThanOrEqual(Math.ceil(n / 10));
        }
        const table = liftTable(y, s);
        expect(table).toHaveLength(10);
        expect(table.reduce((a, r) => a + r.customers, 0)).toBe(n);
        expect(table.reduce((a, r) => a + r.positives, 0)).toBe(y.reduce((a, b) => a + b, 0));
        for (let d = 0; d < 9; d++) expect(table[d]!.minScore).toBeGreaterThanOrEqual(table[d + 1]!.maxScore);
        if (y.some((v) => v === 1)) expect(table[9]!.cumulativeCapture).toBeCloseTo(1, 12);
      }),
      { numRuns: 300 },
    );
  });

  it("reads lift as the decile's rate over the overall rate", () => {
    // 100 rows, scores 99 … 0; the top 10 hold 8 positives, the rest 2.
    const s = Float64Array.from({ length: 100 }, (_, i) => 99 - i);
    const y = Uint8Array.from({ length: 100 }, (_, i) => (i < 8 || i === 50 || i === 90 ? 1 : 0));
    const t = liftTable(y, s);
    expect(t[0]).toMatchObject({ decile: 1, customers: 10, positives: 8, rate: 0.8, cumulativeCapture: 0.8 });
    expect(t[0]!.lift).toBeCloseTo(8, 12);
    expect(t[5]!.cumulativeCapture).toBeCloseTo(0.9, 12);
  });
});

describe("calibration table, Brier score, log loss", () => {
  it("bins probabilities and reports mean predicted against observed rate", () => {
    const p = Float64Array.from([0.05, 0.07, 0.5, 0.55, 0.95, 1]);
    const y = Uint8Array.from([0, 0, 1, 0, 1, 1]);
    const t = calibrationTable(y, p);
    expect(t.map((r) => r.count)).toEqual([2, 2, 2]);
    expect(t[0]).toMatchObject({ lo: 0, hi: 0.1, observedRate: 0 });
    expect(t[0]!.meanPredicted).toBeCloseTo(0.06, 12);
    expect(t[1]!.observedRate).toBe(0.5);
    expect(t[2]!.hi).toBe(1);
    const q = calibrationTable(y, p, undefined, 3, "quantile");
    expect(q.map((r) => r.count)).toEqual([2, 2, 2]);
  });

  it("scores probabilities by their textbook definitions", () => {
    const y = Uint8Array.from([1, 0]);
    expect(brier(y, [0.8, 0.3])).toBeCloseTo((0.04 + 0.09) / 2, 12);
    expect(logLoss(y, [0.8, 0.3])).toBeCloseTo(-(Math.log(0.8) + Math.log(0.7)) / 2, 12);
    expect(logLoss(y, [1, 0])).toBeLessThan(1e-12);
    expect(Number.isFinite(logLoss(y, [0, 1]))).toBe(true);
    const m = classificationMetrics(y, [0.8, 0.3]);
    expect(m).toMatchObject({ n: 2, positives: 1, auc: 1 });
  });
});

describe("regression metrics", () => {
  it("computes MAE, RMSE, R² and the totals", () => {
    const y = Float64Array.from([1, 2, 3, 4]);
    const m = regressionMetrics(y, [1.5, 2, 2, 5]);
    expect(m.mae).toBeCloseTo((0.5 + 0 + 1 + 1) / 4, 12);
    expect(m.rmse).toBeCloseTo(Math.sqrt((0.25 + 0 + 1 + 1) / 4), 12);
    expect(m.r2).toBeCloseTo(1 - 2.25 / 5, 12);
    expect(m.totalActual).toBe(10);
    expect(m.totalPredicted).toBe(10.5);
  });
});
