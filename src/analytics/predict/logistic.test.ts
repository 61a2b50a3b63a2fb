import { describe, expect, it } from "vitest";
import { takeRows, takeValues } from "./data.ts";
import { logisticData, matrix, mtcars } from "./fixtures.ts";
import { fitLogistic, logisticLogOdds, logisticProbabilities } from "./logistic.ts";
import { auc } from "./metrics.ts";
import { Random } from "./random.ts";

describe("logistic regression with λ = 0 reproduces R's glm", () => {
  // summary(glm(am ~ wt + hp, family = binomial, data = mtcars)) in R prints
  //   (Intercept) 18.86630  7.44356;  wt −8.08348  3.06868;  hp 0.03626  0.01773
  //   Null deviance: 43.230 on 31 df; Residual deviance: 10.059 on 29 df
  // (as shown, for example, in the blog post "Plotting the fit of regression models in R",
  // which fits am ~ hp + wt, and in the testthat snapshot of an R package's glm summary).
  // R stops its IRLS at a relative deviance change of 1e-8, so its estimates differ from
  // the exact maximum in the sixth significant digit: agreement is to 1e-5.
  const X = matrix({ wt: mtcars.wt, hp: mtcars.hp });
  const y = Uint8Array.from(mtcars.am);
  const m = fitLogistic(X, y, { lambda: 0 });

  it("has glm's coefficients and standard errors on the original scale", () => {
    const want = [
      ["(Intercept)", 18.8663, 7.44356],
      ["wt", -8.08348, 3.06868],
      ["hp", 0.03626, 0.01773],
    ] as const;
    expect(m.converged).toBe(true);
    expect(m.coefficients.map((c) => c.name)).toEqual(want.map((w) => w[0]));
    want.forEach(([, est, se], j) => {
      expect(Math.abs(m.coefficients[j]!.estimate - est)).toBeLessThan(1e-5);
      expect(Math.abs(m.coefficients[j]!.standardError - se)).toBeLessThan(1e-5);
    });
  });

  it("has glm's deviances", () => {
    expect(m.nullDeviance).toBeCloseTo(43.23, 3);
    expect(m.deviance).toBeCloseTo(10.059, 3);
  });

  it("predicts from the original-scale coefficients", () => {
    const [b0, b1, b2] = m.coefficients.map((c) => c.estimate) as [number, number, number];
    const eta = logisticLogOdds(m, X);
    for (let i = 0; i < 32; i++) expect(eta[i]!).toBeCloseTo(b0 + b1 * mtcars.wt[i]! + b2 * mtcars.hp[i]!, 10);
  });
});

describe("logistic regression on simulated data with known coefficients", () => {
  const beta = [-1, 0.8, -0.5, 0.3, 0];
  const train = logisticData(20_000, beta, 7, 0.3);
  const m = fitLogistic(train.X, train.y, { lambda: 0 });

  it("recovers every coefficient within 3 standard errors", () => {
    beta.forEach((b, j) => {
      const c = m.coefficients[j]!;
      expect(Math.abs(c.estimate - b), `${c.name}: ${c.estimate} ± ${c.standardError}`).toBeLessThan(3 * c.standardError);
    });
  });

  it("ranks fresh rows nearly as well as the true probabilities", () => {
    const fresh = logisticData(20_000, beta, 8, 0.3);
    const fitted = auc(fresh.y, logisticProbabilities(m, fresh.X));
    const truth = auc(fresh.y, fresh.eta);
    expect(Math.abs(fitted - truth)).toBeLessThan(0.003);
  });

  it("gives the same fit for integer weights as for repeated rows", () => {
    const rows = Int32Array.from({ length: 2000 }, (_, i) => i);
    const w = Float64Array.from(rows, (i) => 1 + (i % 3));
    const repeated = Array.from(rows).flatMap((i) => Array.from({ length: 1 + (i % 3) }, () => i));
    const a = fitLogistic(takeRows(train.X, rows), takeValues(train.y, rows), { lambda: 0, weights: w });
    const b = fitLogistic(takeRows(train.X, repeated), takeValues(train.y, repeated), { lambda: 0 });
    a.coefficients.forEach((c, j) => {
      expect(c.estimate).toBeCloseTo(b.coefficients[j]!.estimate, 8);
      expect(c.standardError).toBeCloseTo(b.coefficients[j]!.standardError, 8);
    });
  });
});

describe("the L2 penalty", () => {
  const data = logisticData(400, [0.5, 1, -1, 0, 0, 0, 0, 0, 0], 3);

  it("shrinks the slopes as λ grows, never the intercept towards 0", () => {
    let previous = Infinity;
    for (const lambda of [0, 0.01, 0.1, 1, 10]) {
      const m = fitLogistic(data.X, data.y, { lambda });
      const norm = Math.hypot(...Array.from(m.beta.subarray(1)));
      expect(norm).toBeLessThan(previous);
      previous = norm;
    }
    // With a huge penalty every slope is ~0 and the intercept is the log-odds of the mean.
    const m = fitLogistic(data.X, data.y, { lambda: 1e6 });
    const ybar = data.y.reduce((a, b) => a + b, 0) / data.y.length;
    expect(m.beta[0]!).toBeCloseTo(Math.log(ybar / (1 - ybar)), 4);
    expect(Math.max(...Array.from(m.beta.subarray(1), Math.abs))).toBeLessThan(1e-4);
  });

  it("is chosen by cross-validation as the grid's lowest held-out log loss", () => {
    const m = fitLogistic(data.X, data.y, { seed: 5 });
    expect(m.cv).not.toBeNull();
    expect(m.cv!).toHaveLength(11);
    const best = m.cv!.reduce((a, b) => (b.logLoss < a.logLoss ? b : a));
    expect(m.lambda).toBe(best.lambda);
    // Deterministic for a seed.
    expect(fitLogistic(data.X, data.y, { seed: 5 }).cv).toEqual(m.cv);
  });
});

describe("missing values", () => {
  it("get the mean and an indicator column whose coefficient recovers the effect of missingness", () => {
    const r = new Random(11);
    const n = 20_000;
    const x = new Float64Array(n);
    const eta = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      x[i] = r.normal();
      const missing = r.uniform() < 0.2;
      eta[i] = -0.5 + (missing ? 1 : 0.7 * x[i]!);
      if (missing) x[i] = NaN;
    }
    const y = Uint8Array.from(eta, (e) => (r.uniform() < 1 / (1 + Math.exp(-e)) ? 1 : 0));
    const m = fitLogistic(matrix({ x }), y, { lambda: 0 });
    expect(m.standardizer.names).toEqual(["x", "x (missing)"]);
    const [b0, bx, bm] = m.coefficients as [(typeof m.coefficients)[0], (typeof m.coefficients)[0], (typeof m.coefficients)[0]];
    // The missing x is taken at its mean (≈ 0 here), so the indicator carries the +1.5 shift
    // from −0.5 + 0.7·mean to −0.5 + 1.
    expect(Math.abs(bx.estimate - 0.7)).toBeLessThan(3 * bx.standardError);
    expect(Math.abs(b0.estimate + 0.5)).toBeLessThan(3 * b0.standardError + 0.01);
    const shift = 1 - 0.7 * m.standardizer.mean[0]!;
    expect(Math.abs(bm.estimate - shift)).toBeLessThan(3 * bm.standardError);
    const p = logisticProbabilities(m, matrix({ x: [NaN, 0] }));
    expect(p[0]!).toBeGreaterThan(p[1]!);
  });

  it("leaves out a feature without variation", () => {
    const m = fitLogistic(matrix({ wt: mtcars.wt, one: mtcars.wt.map(() => 1) }), Uint8Array.from(mtcars.am), { lambda: 0 });
    expect(m.standardizer.dropped).toEqual(["one"]);
    expect(m.coefficients.map((c) => c.name)).toEqual(["(Intercept)", "wt"]);
  });
});
