import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { binOf, binRows, fitBinning, MISSING_BIN } from "./binning.ts";
import { boostedProbabilities, boostedRaw, fitBoostedClassifier, fitBoostedRegressor, fitBoosting } from "./boosting.ts";
import { interactionData, matrix, nonlinearRegressionData } from "./fixtures.ts";
import { fitLogistic, logisticLogOdds } from "./logistic.ts";
import { auc } from "./metrics.ts";
import { Random } from "./random.ts";

describe("quantile binning", () => {
  it("gives each of few distinct values its own bin, missing values bin 255", () => {
    const X = matrix({ a: [3, 1, 2, 3, NaN, 1, 2, 2] });
    const b = fitBinning(X, new Random(1));
    expect(b.counts[0]).toBe(3);
    expect(Array.from(binRows(b, X).codes.filter((_, i) => i % 4 === 0))).toEqual([2, 0, 1, 2, MISSING_BIN, 0, 1, 1]);
  });

  it("cuts many distinct values into at most maxBins bins of about equal counts", () => {
    const r = new Random(2);
    const x = Float64Array.from({ length: 100_000 }, () => Math.exp(2 * r.normal()));
    const X = matrix({ x });
    const b = fitBinning(X, r, 255, 50_000);
    expect(b.counts[0]).toBeLessThanOrEqual(255);
    expect(b.counts[0]).toBeGreaterThan(250);
    const counts = new Int32Array(256);
    const { codes, stride } = binRows(b, X);
    for (let i = 0; i < X.n; i++) counts[codes[i * stride]!]!++;
    // Equal shares of 100,000 rows, up to sampling error of the edges (from 50,000 rows).
    for (let k = 0; k < b.counts[0]!; k++) expect(Math.abs(counts[k]! - 100_000 / b.counts[0]!)).toBeLessThan(150);
  });

  it("puts a heavy tie in a bin of its own", () => {
    const x = Float64Array.from({ length: 10_000 }, (_, i) => (i < 4000 ? 0 : i));
    const b = fitBinning(matrix({ x }), new Random(3), 16);
    expect(b.counts[0]).toBeLessThanOrEqual(16);
    expect(b.edges[0]![0]).toBeGreaterThan(0);
    expect(b.edges[0]![0]).toBeLessThan(4000);
  });

  it("assigns through its lookup table exactly as a binary search over the edges would (property)", () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 400 }), fc.integer({ min: 2, max: 255 }), (values, maxBins) => {
        const X = matrix({ x: values });
        const b = fitBinning(X, new Random(1), maxBins);
        const probe = [...values, ...values.map((v) => v * 1.0000001), -2e6, 2e6, NaN];
        const { codes, stride } = binRows(b, matrix({ x: probe }));
        probe.forEach((v, i) => expect(codes[i * stride]).toBe(binOf(b.edges[0]!, v)));
      }),
      { numRuns: 200 },
    );
  });
});

describe("boosted trees, classification", () => {
  const train = interactionData(20_000, 1);
  const valid = interactionData(10_000, 2);
  const model = fitBoostedClassifier(train.X, train.y, { validation: { X: valid.X, y: valid.y }, trees: 300 });

  it("beat logistic regression on a truth with interactions and thresholds (validation AUC)", () => {
    const lr = fitLogistic(train.X, train.y);
    const fresh = interactionData(20_000, 3);
    const treesAuc = auc(fresh.y, boostedRaw(model, fresh.X));
    const lrAuc = auc(fresh.y, logisticLogOdds(lr, fresh.X));
    const trueAuc = auc(fresh.y, fresh.eta);
    expect(treesAuc).toBeGreaterThan(lrAuc + 0.08);
    expect(trueAuc - treesAuc).toBeLessThan(0.02);
  });

  it("stop early at the best validation round", () => {
    const v = model.validationLoss!;
    expect(v.length).toBeLessThan(300);
    const best = v.indexOf(Math.min(...v)) + 1;
    expect(model.trees).toHaveLength(best);
    expect(v.length - best).toBe(20);
  });

  it("give probabilities whose mean matches the base rate on the training rows", () => {
    const p = boostedProbabilities(model, train.X);
    const mean = p.reduce((a, b) => a + b, 0) / p.length;
    const rate = train.y.reduce((a, b) => a + b, 0) / train.y.length;
    expect(Math.abs(mean - rate)).toBeLessThan(0.01);
  });

  it("predict the same from bins during training as from values afterwards", () => {
    // The trainer's own running scores are rebuilt here from the bin codes: compare with
    // boostedRaw on the raw values, which follows the thresholds.
    const m = fitBoosting(train.X, train.y, "logistic", { trees: 10, subsample: 0.5, seed: 9 });
    const data = binRows(m.binning, train.X);
    const raw = boostedRaw(m, train.X);
    for (let i = 0; i < 2000; i++) {
      let F = m.base;
      for (const t of m.trees) {
        let node = 0;
        while (t.feature[node]! >= 0) {
          const code = data.codes[i * data.stride + t.feature[node]!]!;
          node = (code === MISSING_BIN ? t.missingLeft[node] === 1 : code <= t.bin[node]!) ? t.left[node]! : t.right[node]!;
        }
        F += t.value[node]!;
      }
      expect(raw[i]!).toBeCloseTo(F, 12);
    }
  });

  it("are deterministic for a seed, and the seed drives the subsample", () => {
    const a = fitBoosting(train.X, train.y, "logistic", { trees: 5, subsample: 0.7, seed: 4 });
    const b = fitBoosting(train.X, train.y, "logistic", { trees: 5, subsample: 0.7, seed: 4 });
    const c = fitBoosting(train.X, train.y, "logistic", { trees: 5, subsample: 0.7, seed: 5 });
    expect(Array.from(boostedRaw(a, valid.X))).toEqual(Array.from(boostedRaw(b, valid.X)));
    expect(Array.from(boostedRaw(a, valid.X))).not.toEqual(Array.from(boostedRaw(c, valid.X)));
  });

  it("respect the depth and the minimum rows per leaf", () => {
    const m = fitBoosting(train.X, train.y, "logistic", { trees: 3, maxDepth: 3, minSamplesLeaf: 500 });
    for (const t of m.trees) {
      expect(t.feature).toHaveLength(15);
      for (let j = 0; j < 15; j++) if (t.feature[j] === -1 && t.cover[j]! > 0) expect(t.cover[j]!).toBeGreaterThanOrEqual(500);
    }
  });

  it("learn where missing values go", () => {
    const r = new Random(6);
    const n = 20_000;
    const x = new Float64Array(n);
    const y = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      x[i] = r.normal();
      // Missing means high risk, higher than any observed value.
      const missing = r.uniform() < 0.15;
      const p = missing ? 0.8 : x[i]! > 0 ? 0.4 : 0.1;
      y[i] = r.uniform() < p ? 1 : 0;
      if (missing) x[i] = NaN;
    }
    const m = fitBoostedClassifier(matrix({ x }), y, { trees: 50 });
    const p = boostedProbabilities(m, matrix({ x: [NaN, 1, -1] }));
    expect(p[0]!).toBeGreaterThan(0.7);
    expect(p[1]!).toBeGreaterThan(0.3);
    expect(p[1]!).toBeLessThan(0.5);
    expect(p[2]!).toBeLessThan(0.15);
  });
});

describe("gradient-based one-side sampling (GOSS)", () => {
  const train = interactionData(20_000, 11);
  const fresh = interactionData(20_000, 12);

  it("keeps the covers unbiased and the accuracy of a fit on all rows", () => {
    const goss = fitBoosting(train.X, train.y, "logistic", { trees: 60, goss: { top: 0.2, other: 0.1 }, seed: 3 });
    const all = fitBoosting(train.X, train.y, "logistic", { trees: 60, goss: false });
    expect(goss.options.goss).toEqual({ top: 0.2, other: 0.1 });
    // The root's cover estimates the 20,000 training rows from about 6,000 reweighted ones
    // (relative sd ≈ 2% per tree): unbiased on average over the trees.
    const covers = goss.trees.map((t) => t.cover[0]! / 20_000);
    expect(Math.abs(covers.reduce((a, c) => a + c, 0) / covers.length - 1)).toBeLessThan(0.01);
    for (const c of covers) expect(Math.abs(c - 1)).toBeLessThan(0.08);
    const a = auc(fresh.y, boostedRaw(goss, fresh.X));
    const b = auc(fresh.y, boostedRaw(all, fresh.X));
    // No worse than a fit on all rows (here it is slightly better: sampling regularises).
    expect(a).toBeGreaterThan(b - 0.01);
  });

  it("is on by default only above 200,000 rows, and never with subsample", () => {
    expect(fitBoosting(train.X, train.y, "logistic", { trees: 1 }).options.goss).toBe(false);
    const r = new Random(5);
    const n = 200_001;
    const x = Float64Array.from({ length: n }, () => r.normal());
    const y = Uint8Array.from(x, (v) => (r.uniform() < 1 / (1 + Math.exp(-v)) ? 1 : 0));
    expect(fitBoosting(matrix({ x }), y, "logistic", { trees: 1 }).options.goss).toEqual({ top: 0.2, other: 0.1 });
    expect(fitBoosting(matrix({ x }), y, "logistic", { trees: 1, subsample: 0.5 }).options.goss).toBe(false);
    expect(() => fitBoosting(train.X, train.y, "logistic", { trees: 1, subsample: 0.5, goss: { top: 0.2, other: 0.1 } })).toThrow(/either/);
  });
});

describe("boosted trees, regression", () => {
  it("fit a known nonlinear mean to near the noise level", () => {
    const train = nonlinearRegressionData(30_000, 1, 1);
    const valid = nonlinearRegressionData(10_000, 2, 1);
    const m = fitBoostedRegressor(train.X, train.y, { validation: { X: valid.X, y: valid.y }, trees: 500 });
    const fresh = nonlinearRegressionData(10_000, 3, 1);
    const yhat = boostedRaw(m, fresh.X);
    let se = 0;
    let seMean = 0;
    for (let i = 0; i < fresh.X.n; i++) {
      se += (yhat[i]! - fresh.y[i]!) ** 2;
      seMean += (yhat[i]! - fresh.mu[i]!) ** 2;
    }
    // The noise alone gives RMSE 1; the distance to the true mean is a fraction of it.
    expect(Math.sqrt(se / fresh.X.n)).toBeLessThan(1.15);
    expect(Math.sqrt(seMean / fresh.X.n)).toBeLessThan(0.6);
  });

  it("uses row weights as repeated rows", () => {
    // Features rounded to one decimal have fewer than 255 values, so both fits bin alike
    // (bin edges come from row counts, not weights).
    const d0 = nonlinearRegressionData(3000, 4);
    const d = { ...d0, X: { ...d0.X, columns: d0.X.columns.map((c) => c.map((v) => Math.round(v * 10) / 10)) } };
    const w = Float64Array.from({ length: 3000 }, (_, i) => 1 + (i % 2));
    const rows = Array.from({ length: 3000 }, (_, i) => i).flatMap((i) => (i % 2 ? [i, i] : [i]));
    const a = fitBoostedRegressor(d.X, d.y, { weights: w, trees: 5, minSamplesLeaf: 1, minHessianLeaf: 40 });
    const X2 = { n: rows.length, names: d.X.names, columns: d.X.columns.map((c) => Float64Array.from(rows, (i) => c[i]!)) };
    const b = fitBoostedRegressor(X2, Float64Array.from(rows, (i) => d.y[i]!), { trees: 5, minSamplesLeaf: 1, minHessianLeaf: 40 });
    const pa = boostedRaw(a, d.X);
    const pb = boostedRaw(b, d.X);
    for (let i = 0; i < 3000; i += 7) expect(pa[i]!).toBeCloseTo(pb[i]!, 8);
  });
});
