/**
 * Exact SHAP values of tree ensembles: TreeSHAP, Lundberg, Erion & Lee (2018), "Consistent
 * individualized feature attribution for tree ensembles", arXiv:1802.03888, algorithm 2
 * (the "tree path dependent" form; Lundberg et al. 2020, "From local explanations to global
 * understanding with explainable AI for trees", Nat. Mach. Intell. 2, calls it so).
 *
 * The value of a set S of known features is the model's expectation when the features
 * outside S are unknown, computed as in the paper's algorithm 1: at a split on a known
 * feature follow x; at a split on an unknown one take both children, weighted by the share
 * of training rows (cover) that went each way. The SHAP value of feature i is its Shapley
 * value in that game,
 *   φᵢ = Σ_{S ⊆ N∖{i}} |S|!(M − |S| − 1)!/M! · [v(S ∪ {i}) − v(S)],
 * which algorithm 2 computes in O(L·D²) per tree (L leaves, D depth) by carrying, down each
 * path, the weights of all subset sizes at once: EXTEND adds a feature with its "zero
 * fraction" (the share of cover going this way) and "one fraction" (1 if x goes this way),
 * UNWIND removes one, and at a leaf the weight of each feature on the path is the sum of
 * the path's weights with that feature unwound. A feature met twice on a path is unwound
 * and extended again with the product of its fractions.
 *
 * Trees of depth ≤ 6 (the default depth is 4) go through treeshap-fast.ts instead, which
 * gives the same values from per-leaf tables in O(L·D) per row (Yang 2021); algorithm 2
 * here serves deeper trees and stands as the reference the tests compare both against.
 *
 * The values are additive on the scale of F (log-odds for a classifier):
 *   Σᵢ φᵢ = F(x) − E[F],  E[F] = F₀ + Σ_trees Σ_leaves value·cover/cover(root).
 * A missing value follows the split's learned direction, like a prediction.
 */

import type { BoostedTrees } from "./boosting.ts";
import type { FeatureMatrix } from "./data.ts";
import { columnsByName } from "./design.ts";
import type { Tree } from "./tree.ts";
import { FAST_MAX_DEPTH, leafTables, leafTablesShap, treeDepth } from "./treeshap-fast.ts";

export interface ShapValues {
  features: string[];
  /** E[F]: the expected model output, on the scale of F. */
  base: number;
  /** Row-major: values[k·M + j] is φ of feature j for the k-th row explained. */
  values: Float64Array;
  /** F(x) of each row explained. */
  outputs: Float64Array;
}

/** E[F] of a tree: its leaf values weighted by cover. */
export function treeExpectation(tree: Tree): number {
  let s = 0;
  for (let j = 0; j < tree.feature.length; j++) if (tree.feature[j] === -1 && tree.left[j] === -1 && tree.cover[j]! > 0) s += tree.value[j]! * tree.cover[j]!;
  return tree.cover[0]! > 0 ? s / tree.cover[0]! : 0;
}

/**
 * The path buffers of algorithm 2, sized for trees up to a depth. The ratios (i + 1)/(d + 1)
 * and (d − i)/(d + 1) of EXTEND and UNWIND, and their inverses, depend on the depth only,
 * so they are tabulated (row d of each table) instead of divided out at every step.
 */
class Paths {
  readonly f: Int32Array;
  readonly z: Float64Array;
  readonly o: Float64Array;
  readonly w: Float64Array;
  /** up[d·S + i] = (i + 1)/(d + 1); down[d·S + i] = (d − i)/(d + 1); their inverses. */
  private readonly up: Float64Array;
  private readonly down: Float64Array;
  private readonly upInv: Float64Array;
  private readonly downInv: Float64Array;
  private readonly S: number;

  constructor(maxDepth: number) {
    const size = ((maxDepth + 2) * (maxDepth + 3)) / 2 + maxDepth + 4;
    this.f = new Int32Array(size);
    this.z = new Float64Array(size);
    this.o = new Float64Array(size);
    this.w = new Float64Array(size);
    const S = maxDepth + 3;
    this.S = S;
    this.up = new Float64Array(S * S);
    this.down = new Float64Array(S * S);
    this.upInv = new Float64Array(S * S);
    this.downInv = new Float64Array(S * S);
    for (let d = 0; d < S; d++) {
      for (let i = 0; i < S; i++) {
        this.up[d * S + i] = (i + 1) / (d + 1);
        this.down[d * S + i] = (d - i) / (d + 1);
        this.upInv[d * S + i] = (d + 1) / (i + 1);
        this.downInv[d * S + i] = d > i ? (d + 1) / (d - i) : 0;
      }
    }
  }

  /** EXTEND: adds (feature f, zero fraction z, one fraction o) as element d of the path at off. */
  extend(off: number, d: number, z: number, o: number, f: number): void {
    const { w, up, down } = this;
    const row = d * this.S;
    this.f[off + d] = f;
    this.z[off + d] = z;
    this.o[off + d] = o;
    w[off + d] = d === 0 ? 1 : 0;
    for (let i = d - 1; i >= 0; i--) {
      w[off + i + 1]! += o * w[off + i]! * up[row + i]!;
      w[off + i] = z * w[off + i]! * down[row + i]!;
    }
  }

  /** UNWIND: removes element k from the path of depth d at off. */
  unwind(off: number, d: number, k: number): void {
    const { w, down, upInv, downInv } = this;
    const row = d * this.S;
    const o = this.o[off + k]!;
    const z = this.z[off + k]!;
    let next = w[off + d]!;
    for (let i = d - 1; i >= 0; i--) {
      if (o !== 0) {
        const t = w[off + i]!;
        w[off + i] = (next * upInv[row + i]!) / o;
        next = t - w[off + i]! * z * down[row + i]!;
      } else {
        w[off + i] = (w[off + i]! * downInv[row + i]!) / z;
      }
    }
    for (let i = k; i < d; i++) {
      this.f[off + i] = this.f[off + i + 1]!;
      this.z[off + i] = this.z[off + i + 1]!;
      this.o[off + i] = this.o[off + i + 1]!;
    }
  }

  /** The total weight of the path with element k unwound, without changing it. */
  unwoundSum(off: number, d: number, k: number): number {
    const { w, down, upInv, downInv } = this;
    const row = d * this.S;
    const o = this.o[off + k]!;
    const z = this.z[off + k]!;
    let total = 0;
    if (o !== 0) {
      let next = w[off + d]!;
      for (let i = d - 1; i >= 0; i--) {
        const t = (next * upInv[row + i]!) / o;
        total += t;
        next = w[off + i]! - t * z * down[row + i]!;
      }
    } else if (z !== 0) {
      for (let i = d - 1; i >= 0; i--) total += w[off + i]! * downInv[row + i]!;
      total /= z;
    }
    return total;
  }
}

/** Algorithm 2's RECURSE for one tree and one row, adding into phi. */
class Recursion {
  tree!: Tree;
  cols!: Float64Array[];
  i = 0;
  phi!: Float64Array;
  constructor(readonly P: Paths) {}

  run(tree: Tree, cols: Float64Array[], i: number, phi: Float64Array): void {
    this.tree = tree;
    this.cols = cols;
    this.i = i;
    this.phi = phi;
    this.recurse(0, 0, 0, 1, 1, -1);
  }

  private recurse(node: number, d: number, parentOff: number, pz: number, po: number, pf: number): void {
    const P = this.P;
    const { feature, threshold, missingLeft, left, right, value, cover } = this.tree;
    // The path so far, copied after the parent's (its d + 1 elements; the last is overwritten).
    const off = parentOff + d + 1;
    for (let k = 0; k <= d; k++) {
      P.f[off + k] = P.f[parentOff + k]!;
      P.z[off + k] = P.z[parentOff + k]!;
      P.o[off + k] = P.o[parentOff + k]!;
      P.w[off + k] = P.w[parentOff + k]!;
    }
    P.extend(off, d, pz, po, pf);
    const f = feature[node]!;
    if (f < 0) {
      const v = value[node]!;
      for (let k = 1; k <= d; k++) {
        const w = P.unwoundSum(off, d, k);
        this.phi[P.f[off + k]!]! += w * (P.o[off + k]! - P.z[off + k]!) * v;
      }
      return;
    }
    const x = this.cols[f]![this.i]!;
    const goLeft = Number.isNaN(x) ? missingLeft[node] === 1 : x <= threshold[node]!;
    const hot = goLeft ? left[node]! : right[node]!;
    const cold = goLeft ? right[node]! : left[node]!;
    const c = cover[node]!;
    const hz = c > 0 ? cover[hot]! / c : 0.5;
    const cz = c > 0 ? cover[cold]! / c : 0.5;
    let iz = 1;
    let io = 1;
    let k = 0;
    while (k <= d && P.f[off + k] !== f) k++;
    if (k <= d) {
      // The feature was split on above: undo that split and redo it with both fractions.
      iz = P.z[off + k]!;
      io = P.o[off + k]!;
      P.unwind(off, d, k);
      d -= 1;
    }
    this.recurse(hot, d + 1, off, hz * iz, io, f);
    this.recurse(cold, d + 1, off, cz * iz, 0, f);
  }
}

/**
 * SHAP values of the rows `rows` of X (default: all) under a boosted-tree model. Trees of
 * depth ≤ 6 use the per-leaf tables of treeshap-fast.ts ("auto"), deeper ones algorithm 2;
 * both give the same values.
 */
export function treeShap(model: BoostedTrees, X: FeatureMatrix, rows?: ArrayLike<number>, algorithm: "auto" | "recursive" = "auto"): ShapValues {
  const cols = columnsByName(model.features, X);
  const M = cols.length;
  const which = rows ?? Int32Array.from({ length: X.n }, (_, i) => i);
  let depth = 1;
  for (const t of model.trees) depth = Math.max(depth, Math.ceil(Math.log2(t.feature.length + 1)) - 1);
  const R = new Recursion(new Paths(depth));
  const tables = model.trees.map((t) => (algorithm === "auto" && treeDepth(t) <= FAST_MAX_DEPTH ? leafTables(t) : null));
  let size = 1;
  for (const t of model.trees) size = Math.max(size, t.feature.length);
  const goLeft = new Uint8Array(size);
  let base = model.base;
  for (const t of model.trees) base += treeExpectation(t);
  const values = new Float64Array(which.length * M);
  const outputs = new Float64Array(which.length);
  for (let k = 0; k < which.length; k++) {
    const i = which[k]!;
    const phi = values.subarray(k * M, (k + 1) * M);
    let F = model.base;
    for (let t = 0; t < model.trees.length; t++) {
      const tree = model.trees[t]!;
      const table = tables[t];
      if (table) {
        F += leafTablesShap(tree, table, cols, i, phi, goLeft);
        continue;
      }
      R.run(tree, cols, i, phi);
      let node = 0;
      while (tree.feature[node]! >= 0) {
        const x = cols[tree.feature[node]!]![i]!;
        node = (Number.isNaN(x) ? tree.missingLeft[node] === 1 : x <= tree.threshold[node]!) ? tree.left[node]! : tree.right[node]!;
      }
      F += tree.value[node]!;
    }
    outputs[k] = F;
  }
  return { features: model.features.slice(), base, values, outputs };
}
