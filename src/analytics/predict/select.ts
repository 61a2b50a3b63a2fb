/**
 * Model selection between a linear model and boosted trees, on a training and a
 * validation split given by the caller (for churn, typically customers as of an earlier
 * cut-off date for training, a later one for validation).
 *
 * The training split is cut once more, at random (stratified by label for classification),
 * into a fitting part and an inner hold-out (default 20%). Both models are fitted on the
 * fitting part; the inner hold-out gives the boosted trees their early stopping and, for
 * classification, the held-out scores each model's calibration is fitted on (calibrate.ts,
 * chosen by cross-fitted log loss). The validation split is used for nothing but scoring,
 * so its metrics are honest for both models, and a report can show why one was chosen:
 * - classification: the model with the higher validation AUC of its calibrated
 *   probabilities (logistic regression on a tie, being the simpler);
 * - regression: the model with the lower validation RMSE (ridge on a tie).
 */

import { boostedRaw, fitBoosting, type BoostedTrees, type BoostingOptions } from "./boosting.ts";
import { calibrate, chooseCalibration, type CalibrationChoice } from "./calibrate.ts";
import { holdoutSplit, takeLabelled, type FeatureMatrix, type Labelled } from "./data.ts";
import { fitLogistic, logisticLogOdds, type LogisticModel, type LogisticOptions } from "./logistic.ts";
import { auc, classificationMetrics, regressionMetrics, type ClassificationMetrics, type RegressionMetrics } from "./metrics.ts";
import { DEFAULT_SEED, Random } from "./random.ts";
import { fitRidge, ridgePredict, type RidgeModel, type RidgeOptions } from "./ridge.ts";

export interface SelectionOptions {
  /** Share of the training split held out for early stopping and calibration. Default 0.2. */
  holdoutFraction?: number;
  seed?: number;
  boosting?: Omit<BoostingOptions, "validation" | "weights">;
}

export interface ClassifierCandidate<M> {
  model: M;
  calibration: CalibrationChoice;
  /** Metrics of the calibrated probabilities on the validation split. */
  validation: ClassificationMetrics;
  /** AUC of the uncalibrated scores on the validation split. */
  validationRawAuc: number;
}

export interface ClassifierSelection {
  chosen: "logistic" | "boosted-trees";
  reason: string;
  logistic: ClassifierCandidate<LogisticModel>;
  boostedTrees: ClassifierCandidate<BoostedTrees>;
  /** Rows in the fitting part, the inner hold-out and the validation split. */
  rows: { fit: number; holdout: number; validation: number };
}

export interface RegressorCandidate<M> {
  model: M;
  validation: RegressionMetrics;
}

export interface RegressorSelection {
  chosen: "ridge" | "boosted-trees";
  reason: string;
  ridge: RegressorCandidate<RidgeModel>;
  boostedTrees: RegressorCandidate<BoostedTrees>;
  rows: { fit: number; holdout: number; validation: number };
}

const f3 = (x: number) => x.toFixed(3);

/** Fits logistic regression and boosted trees, calibrates both, keeps the one with the better validation AUC. */
export function selectClassifier(
  train: Labelled<Uint8Array>,
  valid: Labelled<Uint8Array>,
  options: SelectionOptions & { logistic?: Omit<LogisticOptions, "weights"> } = {},
): ClassifierSelection {
  const seed = options.seed ?? DEFAULT_SEED;
  const split = holdoutSplit(train.X.n, options.holdoutFraction ?? 0.2, new Random(seed, 41), train.y);
  const fit = takeLabelled(train, split.fit);
  const hold = takeLabelled(train, split.holdout);

  const logistic = fitLogistic(fit.X, fit.y, { seed, ...options.logistic, ...(fit.weights ? { weights: fit.weights } : {}) });
  const trees = fitBoosting(fit.X, fit.y, "logistic", { seed, ...options.boosting, validation: hold, ...(fit.weights ? { weights: fit.weights } : {}) });

  const candidate = <M>(model: M, score: (X: FeatureMatrix) => Float64Array): ClassifierCandidate<M> => {
    const calibration = chooseCalibration(score(hold.X), hold.y, { seed, ...(hold.weights ? { weights: hold.weights } : {}) });
    const s = score(valid.X);
    return { model, calibration, validation: classificationMetrics(valid.y, calibrate(calibration.calibrator, s), valid.weights), validationRawAuc: auc(valid.y, s, valid.weights) };
  };
  const lr = candidate(logistic, (X) => logisticLogOdds(logistic, X));
  const bt = candidate(trees, (X) => boostedRaw(trees, X));
  const chosen = bt.validation.auc > lr.validation.auc ? "boosted-trees" : "logistic";
  const reason =
    chosen === "boosted-trees"
      ? `boosted trees: validation AUC ${f3(bt.validation.auc)} against ${f3(lr.validation.auc)} for logistic regression`
      : `logistic regression: validation AUC ${f3(lr.validation.auc)} against ${f3(bt.validation.auc)} for boosted trees${lr.validation.auc === bt.validation.auc ? " (a tie goes to the simpler model)" : ""}`;
  return { chosen, reason, logistic: lr, boostedTrees: bt, rows: { fit: split.fit.length, holdout: split.holdout.length, validation: valid.X.n } };
}

/** Calibrated P(y = 1) for the rows of X under the chosen classifier. */
export function predictSelected(selection: ClassifierSelection, X: FeatureMatrix): Float64Array {
  if (selection.chosen === "logistic") return calibrate(selection.logistic.calibration.calibrator, logisticLogOdds(selection.logistic.model, X));
  return calibrate(selection.boostedTrees.calibration.calibrator, boostedRaw(selection.boostedTrees.model, X));
}

/** Fits ridge regression and boosted trees, keeps the one with the lower validation RMSE. */
export function selectRegressor(
  train: Labelled<Float64Array>,
  valid: Labelled<Float64Array>,
  options: SelectionOptions & { ridge?: Omit<RidgeOptions, "weights"> } = {},
): RegressorSelection {
  const seed = options.seed ?? DEFAULT_SEED;
  const split = holdoutSplit(train.X.n, options.holdoutFraction ?? 0.2, new Random(seed, 42));
  const fit = takeLabelled(train, split.fit);
  const hold = takeLabelled(train, split.holdout);
  const ridge = fitRidge(fit.X, fit.y, { seed, ...options.ridge, ...(fit.weights ? { weights: fit.weights } : {}) });
  const trees = fitBoosting(fit.X, fit.y, "squared", { seed, ...options.boosting, validation: hold, ...(fit.weights ? { weights: fit.weights } : {}) });
  const rd = { model: ridge, validation: regressionMetrics(valid.y, ridgePredict(ridge, valid.X), valid.weights) };
  const bt = { model: trees, validation: regressionMetrics(valid.y, boostedRaw(trees, valid.X), valid.weights) };
  const chosen = bt.validation.rmse < rd.validation.rmse ? "boosted-trees" : "ridge";
  const reason =
    chosen === "boosted-trees"
      ? `boosted trees: validation RMSE ${bt.validation.rmse.toPrecision(4)} against ${rd.validation.rmse.toPrecision(4)} for ridge regression`
      : `ridge regression: validation RMSE ${rd.validation.rmse.toPrecision(4)} against ${bt.validation.rmse.toPrecision(4)} for boosted trees${rd.validation.rmse === bt.validation.rmse ? " (a tie goes to the simpler model)" : ""}`;
  return { chosen, reason, ridge: rd, boostedTrees: bt, rows: { fit: split.fit.length, holdout: split.holdout.length, validation: valid.X.n } };
}

/** Predicted values for the rows of X under the chosen regressor. */
export function predictSelectedValue(selection: RegressorSelection, X: FeatureMatrix): Float64Array {
  return selection.chosen === "ridge" ? ridgePredict(selection.ridge.model, X) : boostedRaw(selection.boostedTrees.model, X);
}
