import { describe, expect, it } from "vitest";
import { matrix, mtcars, nonlinearRegressionData, normalFeatures } from "./fixtures.ts";
import { Random } from "./random.ts";
import { fitRidge, ridgePredict } from "./ridge.ts";

describe("ridge regression with λ = 0 reproduces R's lm", () => {
  // summary(lm(mpg ~ wt + hp, data = mtcars)) in R prints
  //   (Intercept) 37.22727 1.59879;  wt −3.87783 0.63273;  hp −0.03177 0.00903
  //   Residual standard error: 2.593 on 29 degrees of freedom; Multiple R-squared: 0.8268
  // (printed in many public R tutorials, e.g. with lm(formula = mpg ~ wt + hp, data = mtcars)).
  const m = fitRidge(matrix({ wt: mtcars.wt, hp: mtcars.hp }), Float64Array.from(mtcars.mpg), { lambda: 0 });

  it("has lm's coefficients and standard errors to the printed digits", () => {
    const want = [
      [37.22727, 1.59879],
      [-3.87783, 0.63273],
      [-0.03177, 0.00903],
    ] as const;
    want.forEach(([est, se], j) => {
      expect(Math.abs(m.coefficients[j]!.estimate - est)).toBeLessThan(5e-6);
      expect(Math.abs(m.coefficients[j]!.standardError - se)).toBeLessThan(5e-6);
    });
    expect(m.sigma).toBeCloseTo(2.593, 3);
    expect(m.r2).toBeCloseTo(0.8268, 4);
  });
});

describe("ridge regression", () => {
  it("recovers a linear truth and shrinks it under a penalty", () => {
    const r = new Random(4);
    const X = normalFeatures(5000, 3, r, 0.5);
    const y = Float64Array.from({ length: 5000 }, (_, i) => 2 + 1.5 * X.columns[0]![i]! - 0.5 * X.columns[1]![i]! + r.normal());
    const m = fitRidge(X, y, { lambda: 0 });
    [2, 1.5, -0.5, 0].forEach((b, j) => expect(Math.abs(m.coefficients[j]!.estimate - b)).toBeLessThan(3 * m.coefficients[j]!.standardError));
    const shrunk = fitRidge(X, y, { lambda: 1 });
    expect(Math.abs(shrunk.coefficients[1]!.estimate)).toBeLessThan(Math.abs(m.coefficients[1]!.estimate));
    // The intercept is not penalised: under a huge λ the prediction is the mean of y.
    const flat = fitRidge(X, y, { lambda: 1e9 });
    const ybar = y.reduce((a, b) => a + b, 0) / y.length;
    expect(flat.beta[0]!).toBeCloseTo(ybar, 10);
    expect(Math.abs(flat.beta[1]!)).toBeLessThan(1e-8);
  });

  it("chooses λ by cross-validated squared error, deterministically for a seed", () => {
    const d = nonlinearRegressionData(600, 2);
    const a = fitRidge(d.X, d.y, { seed: 3 });
    const best = a.cv!.reduce((p, c) => (c.mse < p.mse ? c : p));
    expect(a.lambda).toBe(best.lambda);
    expect(fitRidge(d.X, d.y, { seed: 3 }).cv).toEqual(a.cv);
    expect(ridgePredict(a, d.X)).toHaveLength(600);
  });
});
