import { describe, expect, it } from "vitest";
import { interactionData, logisticData, nonlinearRegressionData, normalFeatures } from "./fixtures.ts";
import { auc } from "./metrics.ts";
import { Random } from "./random.ts";
import { predictSelected, predictSelectedValue, selectClassifier, selectRegressor } from "./select.ts";

describe("choosing a churn classifier", () => {
  it("picks the boosted trees on a nonlinear truth, with both models' validation metrics", () => {
    const train = interactionData(12_000, 21);
    const valid = interactionData(6000, 22);
    const s = selectClassifier(train, valid, { seed: 1 });
    expect(s.chosen).toBe("boosted-trees");
    expect(s.boostedTrees.validation.auc).toBeGreaterThan(s.logistic.validation.auc);
    expect(s.reason).toContain(s.boostedTrees.validation.auc.toFixed(3));
    expect(s.reason).toContain(s.logistic.validation.auc.toFixed(3));
    expect(s.rows).toEqual({ fit: 9600, holdout: 2400, validation: 6000 });
    for (const c of [s.logistic, s.boostedTrees]) {
      expect(c.validation.lift).toHaveLength(10);
      expect(c.validation.calibration.length).toBeGreaterThan(0);
      expect(c.calibration.candidates).toHaveLength(3);
    }
    const p = predictSelected(s, valid.X);
    expect(auc(valid.y, p)).toBeCloseTo(s.boostedTrees.validation.auc, 12);
  });

  it("keeps logistic regression when the truth is linear and the trees do no better", () => {
    const beta = [-1, 0.6, -0.6, 0.4, 0.3];
    const s = selectClassifier(logisticData(8000, beta, 31), logisticData(6000, beta, 32), { seed: 2 });
    expect(s.chosen).toBe("logistic");
    expect(s.logistic.validation.auc).toBeGreaterThanOrEqual(s.boostedTrees.validation.auc);
  });
});

describe("choosing a future-value regressor", () => {
  it("picks the boosted trees on a nonlinear mean, ridge on a linear one", () => {
    const s = selectRegressor(nonlinearRegressionData(8000, 41), nonlinearRegressionData(4000, 42), { seed: 3 });
    expect(s.chosen).toBe("boosted-trees");
    expect(s.boostedTrees.validation.rmse).toBeLessThan(s.ridge.validation.rmse);
    expect(predictSelectedValue(s, nonlinearRegressionData(10, 43).X)).toHaveLength(10);

    const linear = (n: number, seed: number) => {
      const r = new Random(seed);
      const X = normalFeatures(n, 4, r);
      return { X, y: Float64Array.from({ length: n }, (_, i) => 100 + 20 * X.columns[0]![i]! - 10 * X.columns[1]![i]! + 5 * r.normal()) };
    };
    const l = selectRegressor(linear(4000, 51), linear(4000, 52), { seed: 4 });
    expect(l.chosen).toBe("ridge");
    expect(Math.abs(l.ridge.validation.totalPredicted / l.ridge.validation.totalActual - 1)).toBeLessThan(0.01);
  });
});
