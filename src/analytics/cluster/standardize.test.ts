import { describe, expect, it } from "vitest";
import type { FeatureMatrix } from "./matrix.ts";
import { applyStandardizer, fitStandardizer, standardize, toOriginalScale } from "./standardize.ts";

const m: FeatureMatrix = {
  n: 5,
  names: ["orders", "sales", "flat", "share", "never"],
  columns: [
    Float64Array.from([1, 2, 3, 4, NaN]),
    Float64Array.from([0, 9, 99, 999, 9999]),
    Float64Array.from([7, 7, NaN, 7, 7]),
    Float64Array.from([0.1, 0.2, 0.3, 0.2, 0.2]),
    Float64Array.from([NaN, NaN, NaN, NaN, NaN]),
  ],
};

describe("standardisation", () => {
  it("gives z-scores with the training mean and sd (n − 1), dropping constant and empty columns", () => {
    const { standardizer: s, data, imputed } = standardize(m);
    expect(s.names).toEqual(["orders", "sales", "share"]);
    expect(s.dropped).toEqual([
      { feature: "flat", reason: "constant" },
      { feature: "never", reason: "missing" },
    ]);
    // orders: observed 1, 2, 3, 4 → mean 2.5, sd √(5/3); the missing value becomes the mean (z = 0).
    expect(s.mean[0]).toBe(2.5);
    expect(s.sd[0]).toBeCloseTo(Math.sqrt(5 / 3), 14);
    expect(Array.from(data.columns[0]!)).toEqual([-1.5, -0.5, 0.5, 1.5].map((v) => v / Math.sqrt(5 / 3)).concat(0).map((v) => expect.closeTo(v, 14)));
    expect(imputed).toEqual([1, 0, 0]);
    expect(s.imputed).toEqual([1, 0, 0]);
    for (const col of data.columns.slice(1)) {
      const mean = col.reduce((a, b) => a + b, 0) / col.length;
      const sd = Math.sqrt(col.reduce((a, b) => a + (b - mean) ** 2, 0) / (col.length - 1));
      expect(mean).toBeCloseTo(0, 14);
      expect(sd).toBeCloseTo(1, 14);
    }
  });

  it("log1p-transforms the columns the caller names, and maps centres back with expm1", () => {
    const { standardizer: s, data } = standardize(m, { log1p: ["sales"] });
    // log1p of 0, 9, 99, 999, 9999 is ln 1, ln 10, …, ln 10⁴: equally spaced, mean 2·ln 10.
    expect(s.mean[1]).toBeCloseTo(2 * Math.LN10, 13);
    expect(data.columns[1]![2]!).toBeCloseTo(0, 13);
    expect(s.rawMean[1]).toBe((0 + 9 + 99 + 999 + 9999) / 5);
    const back = toOriginalScale(s, [0, 0, 0]);
    expect(back[0]).toBe(2.5);
    expect(back[1]).toBeCloseTo(99, 10);
    expect(back[2]).toBeCloseTo(0.2, 14);
    expect(() => standardize({ n: 2, names: ["x"], columns: [Float64Array.from([1, -2])] }, { log1p: ["x"] })).toThrow(/non-negative/);
    expect(() => standardize(m, { log1p: ["nope"] })).toThrow(/not a feature/);
  });

  it("applies the training scale to new rows by feature name, imputing their missing values", () => {
    const s = fitStandardizer(m);
    const fresh: FeatureMatrix = { n: 2, names: ["share", "sales", "orders"], columns: [Float64Array.from([0.2, NaN]), Float64Array.from([2221.2, 0]), Float64Array.from([NaN, 2.5])] };
    const { data, imputed } = applyStandardizer(s, fresh);
    expect(data.names).toEqual(["orders", "sales", "share"]);
    expect(Array.from(data.columns[0]!)).toEqual([0, 0]);
    expect(data.columns[1]![0]!).toBeCloseTo(0, 12);
    expect(imputed).toEqual([1, 0, 1]);
    expect(() => applyStandardizer(s, { n: 1, names: ["orders"], columns: [Float64Array.of(1)] })).toThrow(/no feature "sales"/);
  });

  it("keeps the values as they are (only imputed) with zscore: false", () => {
    const { data } = standardize(m, { zscore: false });
    expect(Array.from(data.columns[0]!)).toEqual([1, 2, 3, 4, 2.5]);
  });

  it("rejects a malformed matrix", () => {
    expect(() => standardize({ n: 3, names: ["a"], columns: [Float64Array.of(1, 2)] })).toThrow(/not n = 3/);
    expect(() => standardize({ n: 1, names: ["a", "a"], columns: [Float64Array.of(1), Float64Array.of(2)] })).toThrow(/twice/);
    expect(() => standardize({ n: 1, names: ["a"], columns: [Float64Array.of(Infinity)] })).toThrow(/infinite/);
  });
});
