/**
 * Data for the tests of predict/: R's mtcars columns, and simulators whose truth is known.
 *
 * mtcars (Henderson & Velleman 1981, "Building multiple regression models interactively",
 * Biometrics 37(2), from Motor Trend 1974; public domain), in R's row order: am
 * (transmission, 1 = manual), wt (weight, 1000 lb), hp (gross horsepower), mpg (miles per
 * US gallon).
 */

import { sigmoid, type FeatureMatrix } from "./data.ts";
import { Random } from "./random.ts";

export const mtcars = {
  am: [1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1],
  wt: [2.62, 2.875, 2.32, 3.215, 3.44, 3.46, 3.57, 3.19, 3.15, 3.44, 3.44, 4.07, 3.73, 3.78, 5.25, 5.424, 5.345, 2.2, 1.615, 1.835, 2.465, 3.52, 3.435, 3.84, 3.845, 1.935, 2.14, 1.513, 3.17, 2.77, 3.57, 2.78],
  hp: [110, 110, 93, 110, 175, 105, 245, 62, 95, 123, 123, 180, 180, 180, 205, 215, 230, 66, 52, 65, 97, 150, 150, 245, 175, 66, 91, 113, 264, 175, 335, 109],
  mpg: [21, 21, 22.8, 21.4, 18.7, 18.1, 14.3, 24.4, 22.8, 19.2, 17.8, 16.4, 17.3, 15.2, 10.4, 10.4, 14.7, 32.4, 30.4, 33.9, 21.5, 15.5, 15.2, 13.3, 19.2, 27.3, 26, 30.4, 15.8, 19.7, 15, 21.4],
};

/** A matrix from named columns. */
export function matrix(columns: Record<string, ArrayLike<number>>): FeatureMatrix {
  const names = Object.keys(columns);
  const cols = names.map((k) => Float64Array.from(columns[k]!));
  return { n: cols[0]?.length ?? 0, names, columns: cols };
}

/** n rows of p standard normal features (x0 … x{p−1}), feature j correlated ρ with feature j − 1. */
export function normalFeatures(n: number, p: number, random: Random, rho = 0): FeatureMatrix {
  const columns = Array.from({ length: p }, () => new Float64Array(n));
  const s = Math.sqrt(1 - rho * rho);
  for (let i = 0; i < n; i++) {
    let prev = 0;
    for (let j = 0; j < p; j++) {
      const z = j === 0 ? random.normal() : rho * prev + s * random.normal();
      columns[j]![i] = z;
      prev = z;
    }
  }
  return { n, names: columns.map((_, j) => `x${j}`), columns };
}

/** 0/1 labels drawn with P(y = 1) = sigmoid(eta). */
export function drawLabels(eta: Float64Array, random: Random): Uint8Array {
  return Uint8Array.from(eta, (e) => (random.uniform() < sigmoid(e) ? 1 : 0));
}

/** Data from a logistic model: η = beta[0] + Σ beta[j + 1]·xⱼ on standard normal features. */
export function logisticData(n: number, beta: number[], seed: number, rho = 0) {
  const random = new Random(seed, 1);
  const X = normalFeatures(n, beta.length - 1, random, rho);
  const eta = new Float64Array(n).fill(beta[0]!);
  for (let j = 1; j < beta.length; j++) for (let i = 0; i < n; i++) eta[i]! += beta[j]! * X.columns[j - 1]![i]!;
  return { X, y: drawLabels(eta, random), eta };
}

/**
 * A nonlinear truth a linear model cannot fit: on five standard normal features,
 * η = −0.5 + 2·[x0 > 0]·[x1 > 0] − 1.5·[|x2| > 1] + 0.8·x3·x4.
 */
export function interactionData(n: number, seed: number) {
  const random = new Random(seed, 2);
  const X = normalFeatures(n, 5, random);
  const [x0, x1, x2, x3, x4] = X.columns as [Float64Array, Float64Array, Float64Array, Float64Array, Float64Array];
  const eta = Float64Array.from({ length: n }, (_, i) => -0.5 + 2 * (x0[i]! > 0 && x1[i]! > 0 ? 1 : 0) - 1.5 * (Math.abs(x2[i]!) > 1 ? 1 : 0) + 0.8 * x3[i]! * x4[i]!);
  return { X, y: drawLabels(eta, random), eta };
}

/** Regression with a nonlinear mean μ = 10 + 5·sin(x0) + 3·x1² − 4·[x2 > 0.5] + 2·x3 and noise sd `noise`. */
export function nonlinearRegressionData(n: number, seed: number, noise = 1) {
  const random = new Random(seed, 3);
  const X = normalFeatures(n, 5, random);
  const [x0, x1, x2, x3] = X.columns as [Float64Array, Float64Array, Float64Array, Float64Array];
  const mu = Float64Array.from({ length: n }, (_, i) => 10 + 5 * Math.sin(x0[i]!) + 3 * x1[i]! ** 2 - 4 * (x2[i]! > 0.5 ? 1 : 0) + 2 * x3[i]!);
  return { X, y: mu.map((m) => m + noise * random.normal()), mu };
}
