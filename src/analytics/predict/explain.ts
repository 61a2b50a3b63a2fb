/**
 * Why a row got its score: per feature, a signed contribution, on the model's own scale
 * (log-odds for a classifier, the predicted value for a regressor), such that
 *   base + Σ contributions = the row's prediction on that scale.
 *
 * - Linear models (logistic, ridge): contributionⱼ = βⱼ·(xⱼ − meanⱼ)/sdⱼ = bⱼ·(xⱼ − meanⱼ),
 *   the coefficient times the distance from the training mean, plus, for a feature with
 *   missing values, its missing indicator's term γⱼ·(indicator − its mean)/its sd (so a
 *   missing value counts as the mean plus whatever missingness itself says). The base is
 *   β₀, the prediction at the mean of every design column. Exact, since the model is
 *   additive.
 * - Boosted trees: SHAP values by exact TreeSHAP (treeshap.ts); the base is E[F] over the
 *   training rows (cover-weighted leaf values).
 *
 * Reading them: a positive contribution pushes towards "will churn" (or a higher value),
 * a negative one away; the sizes compare within a row. On the log-odds scale +0.7 roughly
 * doubles the odds. They explain the model, not the world: two correlated features share
 * or trade credit.
 */

import type { BoostedTrees } from "./boosting.ts";
import type { FeatureMatrix } from "./data.ts";
import { columnsByName, designColumns } from "./design.ts";
import type { LogisticModel } from "./logistic.ts";
import type { RidgeModel } from "./ridge.ts";
import { treeShap } from "./treeshap.ts";

export interface Explanations {
  /** "log-odds" for a classifier, "value" for a regressor. */
  scale: "log-odds" | "value";
  /** The prediction every row starts from. */
  base: number;
  features: string[];
  /** The rows of X explained. */
  rows: Int32Array;
  /** Row-major: contributions[k·M + j], feature j of the k-th row explained. */
  contributions: Float64Array;
  /** Each row's prediction on the scale: base + Σ contributions. */
  outputs: Float64Array;
}

export interface Contribution {
  feature: string;
  /** The row's value of the feature (NaN when missing). */
  value: number;
  contribution: number;
}

export interface RowExplanation {
  row: number;
  base: number;
  output: number;
  /** The largest contributions by size, largest first. */
  top: Contribution[];
  /** The sum of the other features' contributions. */
  rest: number;
}

type Model = LogisticModel | RidgeModel | BoostedTrees;

function allRows(n: number): Int32Array {
  const r = new Int32Array(n);
  for (let i = 0; i < n; i++) r[i] = i;
  return r;
}

function explainLinear(model: LogisticModel | RidgeModel, X: FeatureMatrix, rows: Int32Array): Explanations {
  const std = model.standardizer;
  const M = std.features.length;
  const sub: FeatureMatrix = { n: rows.length, names: std.features, columns: columnsByName(std.features, X).map((c) => Float64Array.from(rows, (i) => c[i]!)) };
  const Z = designColumns(std, sub);
  const contributions = new Float64Array(rows.length * M);
  const outputs = new Float64Array(rows.length).fill(model.beta[0]!);
  for (let k = 0; k < Z.length; k++) {
    const j = std.source[k]!;
    const b = model.beta[k + 1]!;
    const z = Z[k]!;
    for (let r = 0; r < rows.length; r++) {
      contributions[r * M + j]! += b * z[r]!;
      outputs[r]! += b * z[r]!;
    }
  }
  return { scale: model.kind === "logistic" ? "log-odds" : "value", base: model.beta[0]!, features: std.features.slice(), rows, contributions, outputs };
}

/** Contributions of every feature for the rows `rows` of X (default: all). */
export function explain(model: Model, X: FeatureMatrix, rows?: ArrayLike<number>): Explanations {
  const which = rows ? Int32Array.from(rows) : allRows(X.n);
  if (model.kind !== "boosted-trees") return explainLinear(model, X, which);
  const s = treeShap(model, X, which);
  return { scale: model.loss === "logistic" ? "log-odds" : "value", base: s.base, features: s.features, rows: which, contributions: s.values, outputs: s.outputs };
}

/** Each explained row's `k` largest contributions (by size) with the feature values. */
export function topContributions(e: Explanations, X: FeatureMatrix, k = 5): RowExplanation[] {
  const M = e.features.length;
  const cols = columnsByName(e.features, X);
  return Array.from(e.rows, (row, r) => {
    const c = e.contributions.subarray(r * M, (r + 1) * M);
    const order = Array.from({ length: M }, (_, j) => j).sort((a, b) => Math.abs(c[b]!) - Math.abs(c[a]!) || a - b);
    const top = order.slice(0, k).map((j) => ({ feature: e.features[j]!, value: cols[j]![row]!, contribution: c[j]! }));
    let rest = 0;
    for (const j of order.slice(k)) rest += c[j]!;
    return { row, base: e.base, output: e.outputs[r]!, top, rest };
  });
}
