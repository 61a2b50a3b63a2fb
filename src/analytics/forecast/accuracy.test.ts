import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { holdoutBacktest, mae, mase, naiveScale, rmse, scores, seasonalNaive, smape } from "./accuracy.ts";

const f64 = (xs: number[]) => Float64Array.from(xs);

describe("seasonal naive forecast", () => {
  it("repeats the last observed cycle", () => {
    expect([...seasonalNaive(f64([1, 2, 3, 4, 5, 6, 7, 8]), 4, 6)]).toEqual([5, 6, 7, 8, 5, 6]);
    // m = 1: the naive forecast, the last value.
    expect([...seasonalNaive(f64([3, 9, 4]), 1, 3)]).toEqual([4, 4, 4]);
    expect(() => seasonalNaive(f64([1, 2]), 4, 1)).toThrow(RangeError);
  });
});

describe("accuracy measures", () => {
  it("scores a forecast by hand", () => {
    const actual = f64([100, 200]);
    const forecast = f64([110, 180]);
    // |e| = 10, 20: MAE 15; RMSE √((100 + 400)/2) = √250.
    expect(mae(actual, forecast)).toBe(15);
    expect(rmse(actual, forecast)).toBeCloseTo(Math.sqrt(250), 12);
    // sMAPE = (200·10/210 + 200·20/380)/2 = (9.5238095 + 10.5263158)/2 = 10.0250627.
    expect(smape(actual, forecast)).toBeCloseTo(10.0250627, 6);
  });

  it("scales MASE by the in-sample (seasonal) naive MAE", () => {
    // m = 1: |3−1|, |2−3|, |4−2|, |3−4|, |5−3| = 2, 1, 2, 1, 2: Q = 8/5 = 1.6; |6 − 5|/1.6 = 0.625.
    const train = f64([1, 3, 2, 4, 3, 5]);
    expect(naiveScale(train, 1)).toBeCloseTo(1.6, 12);
    expect(mase(f64([6]), f64([5]), train, 1)).toBeCloseTo(0.625, 12);
    // m = 2: |12−10|, |22−20|, |14−12|, |24−22| = 2 each: Q = 2; errors 1 and 3: MASE (1 + 3)/2/2 = 1.
    const seasonal = f64([10, 20, 12, 22, 14, 24]);
    expect(naiveScale(seasonal, 2)).toBe(2);
    expect(mase(f64([17, 27]), f64([16, 24]), seasonal, 2)).toBe(1);
    // A constant training series has no scale.
    expect(mase(f64([1]), f64([2]), f64([5, 5, 5]), 1)).toBeNaN();
  });

  it("back-tests on a hold-out against the seasonal naive forecast", () => {
    const y = f64([10, 20, 12, 22, 14, 24, 16, 26]);
    // Hold out 16, 26; the seasonal naive forecast from the six before is 14, 24.
    const bt = holdoutBacktest(y, 2, 2, (train, h) => Float64Array.from({ length: h }, (_, j) => train[train.length - 2 + (j % 2)]! + 2));
    expect([...bt.actual]).toEqual([16, 26]);
    expect([...bt.naive]).toEqual([14, 24]);
    expect(bt.model.mae).toBe(0);
    expect(bt.model.mase).toBe(0);
    expect(bt.seasonalNaive.mae).toBe(2);
    expect(bt.seasonalNaive.mase).toBe(1);
    expect(() => holdoutBacktest(y, 2, 6, (_, h) => new Float64Array(h))).toThrow(RangeError);
    expect(() => holdoutBacktest(y, 2, 2, () => new Float64Array(1))).toThrow(RangeError);
  });
});

describe("accuracy measures (property)", () => {
  const positive = fc.array(fc.double({ min: 1, max: 1e4, noNaN: true }), { minLength: 14, maxLength: 60 });

  it("the in-sample one-step seasonal naive forecast has MASE 1, by definition", () => {
    fc.assert(
      fc.property(positive, fc.integer({ min: 1, max: 6 }), (values, m) => {
        const y = f64(values);
        const actual = y.slice(m);
        const forecast = y.slice(0, y.length - m);
        const q = naiveScale(y, m);
        if (q > 0) expect(mase(actual, forecast, y, m)).toBeCloseTo(1, 9);
      }),
    );
  });

  it("the seasonal naive forecast back-tested scores as it should: the baseline's, and its MASE by brute force", () => {
    fc.assert(
      fc.property(positive, fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 8 }), (values, m, h) => {
        const y = f64(values);
        if (y.length - h <= m) return;
        const bt = holdoutBacktest(y, m, h, (train, hh) => seasonalNaive(train, m, hh));
        expect(bt.model).toEqual(bt.seasonalNaive);
        const n = y.length - h;
        let q = 0;
        for (let i = m; i < n; i++) q += Math.abs(y[i]! - y[i - m]!) / (n - m);
        let e = 0;
        // The forecast of period n + j repeats the last cycle of the training data.
        for (let j = 0; j < h; j++) e += Math.abs(y[n + j]! - y[n - m + (j % m)]!) / h;
        if (q > 0) expect(bt.model.mase).toBeCloseTo(e / q, 9);
      }),
    );
  });

  it("MASE and sMAPE ignore the unit, MAE and RMSE scale with it; RMSE ≥ MAE; sMAPE is symmetric and within 0–200", () => {
    fc.assert(
      fc.property(positive, fc.double({ min: 0.01, max: 100, noNaN: true }), (values, c) => {
        const y = f64(values);
        const h = 4;
        const train = y.slice(0, y.length - h);
        const actual = y.slice(y.length - h);
        const forecast = train.slice(train.length - h).map((v, i) => v * (1 + 0.1 * i));
        const s = scores(actual, forecast, train, 1);
        const t = scores(actual.map((v) => v * c), forecast.map((v) => v * c), train.map((v) => v * c), 1);
        expect(t.mase).toBeCloseTo(s.mase, 9);
        expect(t.smape).toBeCloseTo(s.smape, 9);
        expect(t.mae / c).toBeCloseTo(s.mae, 6);
        expect(t.rmse / c).toBeCloseTo(s.rmse, 6);
        expect(s.rmse).toBeGreaterThanOrEqual(s.mae - 1e-12);
        expect(smape(forecast, actual)).toBeCloseTo(s.smape, 12);
        expect(s.smape).toBeGreaterThanOrEqual(0);
        expect(s.smape).toBeLessThanOrEqual(200);
      }),
    );
  });
});
