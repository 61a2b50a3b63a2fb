/**
 * TreeSHAP with per-leaf tables, for shallow trees: the same exact SHAP values as
 * algorithm 2 of Lundberg, Erion & Lee (2018) (treeshap.ts), computed as in "Fast TreeSHAP
 * v2" (Yang 2021, "Fast TreeSHAP: accelerating SHAP value computation for trees",
 * arXiv:2109.09847): what does not depend on the row is computed once per leaf.
 *
 * The tree path dependent value of a set S of known features is a sum over leaves l of
 *   v_l · Π_{j ∈ P_l} (j ∈ S ? o_j : z_j),
 * P_l the distinct features split on along l's path (m of them), z_j the product of the
 * cover shares of the path's splits on j, o_j = 1 if the row follows all of them, else 0.
 * Each term is a product game, and in it (features off the path being null players) the
 * Shapley value of i ∈ P_l is
 *   φᵢ = Σ_{S ⊆ P_l∖{i}} |S|!(m − |S| − 1)!/m! · (oᵢ − zᵢ) · Π_{j ∈ S} o_j · Π_{j ∈ P_l∖S∖{i}} z_j.
 * With H the path features the row follows (o_j = 1), only S ⊆ H survive, so
 *   φᵢ = v_l · (oᵢ − zᵢ) · Bᵢ(H ∖ {i}),  Bᵢ(T) = Σ_{S ⊆ T} |S|!(m − |S| − 1)!/m! · Π_{j ∈ P_l∖S∖{i}} z_j,
 * and Bᵢ(T) for every T ⊆ P_l∖{i} is tabulated per leaf (a subset-sum transform, m·2^m
 * values). A row then costs O(depth) per leaf instead of O(depth²). Tables grow as 2^depth
 * per leaf, so this serves trees of depth ≤ 6; deeper trees use algorithm 2.
 */

import type { Tree } from "./tree.ts";

/** The largest depth the tables are built for. */
export const FAST_MAX_DEPTH = 6;

export interface LeafTables {
  /** Depth bound D of the tables (slots per leaf). */
  D: number;
  leaves: Int32Array;
  /** Per leaf: its value, its number m of distinct path features. */
  value: Float64Array;
  m: Uint8Array;
  /** Per leaf and slot s < m: the feature and its zero fraction z. */
  feature: Int32Array;
  z: Float64Array;
  /** Per leaf: the path's splits (node, slot of its feature, 1 if the path goes left), and how many. */
  pathNode: Int32Array;
  pathSlot: Uint8Array;
  pathLeft: Uint8Array;
  pathLength: Uint8Array;
  /** Per leaf, slot i and subset mask T (bits = slots): Bᵢ(T). */
  B: Float64Array;
}

/** The depth of a tree (0 for a single leaf). */
export function treeDepth(tree: Tree): number {
  const depth = new Int32Array(tree.feature.length);
  let max = 0;
  for (let j = 0; j < tree.feature.length; j++) {
    if (tree.feature[j]! < 0) continue;
    for (const c of [tree.left[j]!, tree.right[j]!]) {
      depth[c] = depth[j]! + 1;
      max = Math.max(max, depth[c]!);
    }
  }
  return max;
}

/** The per-leaf tables of a tree of depth ≤ FAST_MAX_DEPTH. */
export function leafTables(tree: Tree): LeafTables {
  const D = Math.max(1, treeDepth(tree));
  const W = 1 << D;
  const leaves: number[] = [];
  const parent = new Int32Array(tree.feature.length).fill(-1);
  for (let j = 0; j < tree.feature.length; j++) {
    if (tree.feature[j]! >= 0) {
      parent[tree.left[j]!] = j;
      parent[tree.right[j]!] = j;
    } else if (j === 0 || parent[j]! >= 0) leaves.push(j);
  }
  const L = leaves.length;
  const t: LeafTables = {
    D,
    leaves: Int32Array.from(leaves),
    value: new Float64Array(L),
    m: new Uint8Array(L),
    feature: new Int32Array(L * D),
    z: new Float64Array(L * D),
    pathNode: new Int32Array(L * D),
    pathSlot: new Uint8Array(L * D),
    pathLeft: new Uint8Array(L * D),
    pathLength: new Uint8Array(L),
    B: new Float64Array(L * D * W),
  };
  // Shapley weights |S|!(m − |S| − 1)!/m! by (m, |S|).
  const fact = (k: number): number => (k <= 1 ? 1 : k * fact(k - 1));
  const g = new Float64Array(W);
  leaves.forEach((leaf, l) => {
    t.value[l] = tree.value[leaf]!;
    let m = 0;
    let len = 0;
    const z = t.z.subarray(l * D, (l + 1) * D);
    const feat = t.feature.subarray(l * D, (l + 1) * D);
    for (let child = leaf, node = parent[leaf]!; node >= 0; child = node, node = parent[node]!) {
      const f = tree.feature[node]!;
      let slot = 0;
      while (slot < m && feat[slot] !== f) slot++;
      if (slot === m) {
        feat[m] = f;
        z[m] = 1;
        m++;
      }
      const c = tree.cover[node]!;
      z[slot]! *= c > 0 ? tree.cover[child]! / c : 0.5;
      t.pathNode[l * D + len] = node;
      t.pathSlot[l * D + len] = slot;
      t.pathLeft[l * D + len] = tree.left[node] === child ? 1 : 0;
      len++;
    }
    t.m[l] = m;
    t.pathLength[l] = len;
    for (let i = 0; i < m; i++) {
      // g(S) = w(|S|, m)·Π_{j ∉ S, j ≠ i} z_j for S not holding i; then subset sums.
      const B = t.B.subarray((l * D + i) * W, (l * D + i + 1) * W);
      for (let S = 0; S < 1 << m; S++) {
        if (S & (1 << i)) {
          g[S] = 0;
          continue;
        }
        let size = 0;
        let prod = 1;
        for (let j = 0; j < m; j++) {
          if (S & (1 << j)) size++;
          else if (j !== i) prod *= z[j]!;
        }
        g[S] = (fact(size) * fact(m - size - 1)) / fact(m) * prod;
      }
      B.set(g.subarray(0, 1 << m));
      for (let j = 0; j < m; j++) for (let S = 0; S < 1 << m; S++) if (S & (1 << j)) B[S]! += B[S ^ (1 << j)]!;
    }
  });
  return t;
}

/**
 * Adds the SHAP values of one tree at row i of cols into phi, using its tables, and returns
 * the tree's output for the row; goLeft is scratch space of the tree's size.
 */
export function leafTablesShap(tree: Tree, t: LeafTables, cols: Float64Array[], i: number, phi: Float64Array, goLeft: Uint8Array): number {
  const { feature, threshold, missingLeft, left, right } = tree;
  for (let j = 0; j < feature.length; j++) {
    const f = feature[j]!;
    if (f < 0) continue;
    const x = cols[f]![i]!;
    goLeft[j] = x !== x ? missingLeft[j]! : x <= threshold[j]! ? 1 : 0;
  }
  const { D, m, pathNode, pathSlot, pathLeft, pathLength, value, B, z } = t;
  const slotFeature = t.feature;
  const W = 1 << D;
  for (let l = 0; l < t.leaves.length; l++) {
    // o_j for each slot: 1 unless some split on it goes the other way.
    const ml = m[l]!;
    let H = (1 << ml) - 1;
    const base = l * D;
    for (let k = base, end = base + pathLength[l]!; k < end; k++) {
      if (goLeft[pathNode[k]!] !== pathLeft[k]) H &= ~(1 << pathSlot[k]!);
    }
    const v = value[l]!;
    for (let s = 0; s < ml; s++) {
      const o = (H >> s) & 1;
      phi[slotFeature[base + s]!]! += v * (o - z[base + s]!) * B[(base + s) * W + (H & ~(1 << s))]!;
    }
  }
  let node = 0;
  while (feature[node]! >= 0) node = goLeft[node] === 1 ? left[node]! : right[node]!;
  return tree.value[node]!;
}
