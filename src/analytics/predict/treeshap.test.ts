import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { BOOSTING_DEFAULTS, boostedRaw, fitBoosting, type BoostedTrees } from "./boosting.ts";
import { interactionData, nonlinearRegressionData } from "./fixtures.ts";
import { Random } from "./random.ts";
import type { Tree } from "./tree.ts";
import { treeShap } from "./treeshap.ts";

/** A random tree of depth ≤ maxDepth on M features (features repeat along paths), covers consistent. */
function randomTree(r: Random, M: number, maxDepth: number): Tree {
  const size = 2 ** (maxDepth + 1) - 1;
  const t: Tree = {
    feature: new Int32Array(size).fill(-1),
    threshold: new Float64Array(size),
    bin: new Uint8Array(size),
    missingLeft: new Uint8Array(size),
    left: new Int32Array(size).fill(-1),
    right: new Int32Array(size).fill(-1),
    value: new Float64Array(size),
    cover: new Float64Array(size),
  };
  let count = 1;
  const grow = (node: number, depth: number): number => {
    if (depth === maxDepth || (depth > 0 && r.uniform() < 0.3)) {
      t.value[node] = r.normal();
      t.cover[node] = 1 + r.int(20);
      return t.cover[node]!;
    }
    t.feature[node] = r.int(M);
    t.threshold[node] = r.normal();
    t.missingLeft[node] = r.uniform() < 0.5 ? 1 : 0;
    const l = count++;
    const rr = count++;
    t.left[node] = l;
    t.right[node] = rr;
    t.cover[node] = grow(l, depth + 1) + grow(rr, depth + 1);
    return t.cover[node]!;
  };
  grow(0, 0);
  return t;
}

function ensemble(trees: Tree[], M: number, base: number): BoostedTrees {
  const features = Array.from({ length: M }, (_, j) => `f${j}`);
  return { kind: "boosted-trees", loss: "logistic", features, base, trees, binning: { features, edges: [], counts: new Int32Array(M) }, validationLoss: null, options: { ...BOOSTING_DEFAULTS, seed: 0 } };
}

/** v(S): the tree path dependent expectation of the paper's algorithm 1, summed over trees. */
function value(model: BoostedTrees, x: Float64Array, S: number): number {
  const G = (t: Tree, j: number): number => {
    const f = t.feature[j]!;
    if (f < 0) return t.value[j]!;
    const l = t.left[j]!;
    const r = t.right[j]!;
    if (S & (1 << f)) {
      const v = x[f]!;
      return G(t, (Number.isNaN(v) ? t.missingLeft[j] === 1 : v <= t.threshold[j]!) ? l : r);
    }
    return (t.cover[l]! * G(t, l) + t.cover[r]! * G(t, r)) / t.cover[j]!;
  };
  return model.trees.reduce((s, t) => s + G(t, 0), model.base);
}

/** Shapley values of v by their definition: a sum over all subsets. */
function bruteForce(model: BoostedTrees, x: Float64Array): Float64Array {
  const M = model.features.length;
  const fact = (k: number): number => (k <= 1 ? 1 : k * fact(k - 1));
  const phi = new Float64Array(M);
  for (let i = 0; i < M; i++) {
    for (let S = 0; S < 1 << M; S++) {
      if (S & (1 << i)) continue;
      let size = 0;
      for (let b = S; b; b &= b - 1) size++;
      phi[i]! += ((fact(size) * fact(M - size - 1)) / fact(M)) * (value(model, x, S | (1 << i)) - value(model, x, S));
    }
  }
  return phi;
}

const rowOf = (X: { columns: Float64Array[] }, i: number) => Float64Array.from(X.columns, (c) => c[i]!);

describe("TreeSHAP (Lundberg, Erion & Lee 2018, algorithm 2)", () => {
  it("equals the brute-force Shapley values on random small ensembles, repeated features and missing values included (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 3 }), (seed, M, depth, nTrees) => {
        const r = new Random(seed);
        const model = ensemble(Array.from({ length: nTrees }, () => randomTree(r, M, depth)), M, r.normal());
        const columns = Array.from({ length: M }, () => Float64Array.from({ length: 3 }, () => (r.uniform() < 0.15 ? NaN : r.normal())));
        const X = { n: 3, names: model.features, columns };
        // Both algorithms: the per-leaf tables ("auto" at these depths) and algorithm 2.
        for (const shap of [treeShap(model, X), treeShap(model, X, undefined, "recursive")]) {
          for (let i = 0; i < 3; i++) {
            const want = bruteForce(model, rowOf(X, i));
            for (let j = 0; j < M; j++) expect(shap.values[i * M + j]!).toBeCloseTo(want[j]!, 10);
            expect(shap.base).toBeCloseTo(value(model, rowOf(X, i), 0), 10);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it("equals the brute-force Shapley values on a trained ensemble", () => {
    const d = interactionData(3000, 5);
    const m = fitBoosting(d.X, d.y, "logistic", { trees: 15, maxDepth: 4, subsample: 0.8, seed: 2 });
    for (const algorithm of ["auto", "recursive"] as const) {
      const shap = treeShap(m, d.X, [0, 1, 2, 3, 4], algorithm);
      for (let k = 0; k < 5; k++) {
        const want = bruteForce(m, rowOf(d.X, k));
        for (let j = 0; j < 5; j++) expect(shap.values[k * 5 + j]!).toBeCloseTo(want[j]!, 10);
      }
    }
  });

  it("adds up to the prediction minus the base value on the log-odds scale (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000 }), fc.constantFrom<"logistic" | "squared">("logistic", "squared"), fc.double({ min: 0, max: 0.3, noNaN: true }), (seed, loss, missing) => {
        const d = loss === "logistic" ? interactionData(1500, seed) : nonlinearRegressionData(1500, seed);
        const r = new Random(seed, 9);
        const X = { ...d.X, columns: d.X.columns.map((c) => c.map((v) => (r.uniform() < missing ? NaN : v))) };
        const m = fitBoosting(X, d.y, loss, { trees: 20, seed, subsample: 0.8, minSamplesLeaf: 5 });
        const rows = [0, 1, 2, 3, 4, 5, 6, 7];
        const shap = treeShap(m, X, rows);
        const F = boostedRaw(m, X);
        rows.forEach((i, k) => {
          let s = 0;
          for (let j = 0; j < 5; j++) s += shap.values[k * 5 + j]!;
          expect(s).toBeCloseTo(F[i]! - shap.base, 9);
          expect(shap.outputs[k]!).toBeCloseTo(F[i]!, 12);
        });
      }),
      { numRuns: 25 },
    );
  });

  it("gives the same values by both algorithms on deep trees (algorithm 2 alone past depth 6)", () => {
    const d = interactionData(4000, 6);
    const m = fitBoosting(d.X, d.y, "logistic", { trees: 5, maxDepth: 8, minSamplesLeaf: 3 });
    const rows = [0, 1, 2, 3, 4, 5];
    const a = treeShap(m, d.X, rows);
    const b = treeShap(m, d.X, rows, "recursive");
    for (let k = 0; k < a.values.length; k++) expect(a.values[k]!).toBeCloseTo(b.values[k]!, 10);
    const F = boostedRaw(m, d.X);
    rows.forEach((i, k) => expect(a.values.subarray(k * 5, k * 5 + 5).reduce((s, v) => s + v, 0)).toBeCloseTo(F[i]! - a.base, 9));
  });

  it("gives nothing to a feature no tree splits on", () => {
    const d = interactionData(2000, 3);
    const X = { ...d.X, names: [...d.X.names, "noise"], columns: [...d.X.columns, new Float64Array(2000).fill(7)] };
    const m = fitBoosting(X, d.y, "logistic", { trees: 10 });
    const shap = treeShap(m, X, [0, 1, 2]);
    for (let k = 0; k < 3; k++) expect(shap.values[k * 6 + 5]).toBe(0);
  });
});
