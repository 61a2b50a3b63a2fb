/**
 * Gradient-boosted trees (Friedman 2001, "Greedy function approximation: a gradient
 * boosting machine", Ann. Stat. 29(5); stochastic row subsampling from Friedman 2002,
 * "Stochastic gradient boosting", Comput. Stat. Data Anal. 38(4)): F₀ is the best constant,
 * then for m = 1 … M a tree fₘ is fitted to the gradients and hessians of the loss at Fₘ₋₁
 * (tree.ts) and Fₘ = Fₘ₋₁ + ν·fₘ, ν the shrinkage (learning rate).
 *
 * Losses, per row with weight w (Friedman 2001 §4.1 and §4.5; Chen & Guestrin 2016 §2.2):
 *   logistic (classification, F on the log-odds scale): p = 1/(1 + e^−F),
 *     g = w(p − y), h = w·p(1 − p), F₀ = log(ȳ/(1 − ȳ));
 *   squared (regression): g = w(F − y), h = w, F₀ = ȳ (weighted means).
 *
 * Rows per tree: all of them; or a Bernoulli sample (`subsample`, Friedman 2002); or, by
 * default above 200,000 rows, gradient-based one-side sampling (GOSS; Ke et al. 2017,
 * "LightGBM", NeurIPS, §3 and algorithm 2): the rows with the largest |g| (share `top`,
 * default 0.2) are all kept, and of the others each is kept with probability
 * q = other/(1 − top) (default other = 0.1) and its g and h multiplied by 1/q, so gradient
 * sums stay unbiased while a tree is grown on about 30% of the rows. The cut for "largest"
 * is the (1 − top) quantile of |g| in a random sample of 16,384 rows (an exact selection
 * would cost another pass for no gain), and rows with |g| at or above it are all kept.
 * Covers (for TreeSHAP) weight the sampled rows by 1/q too, so they estimate the training
 * counts. Whatever the rows a tree was grown on, its leaves are applied to every row.
 *
 * Early stopping: with a validation set, its loss (mean log loss or mean squared error) is
 * computed after every tree; training stops when it has not improved for
 * `earlyStoppingRounds` trees, and the model keeps the trees up to the best round.
 *
 * Every random choice (the binning sample, the rows of each tree) comes from a generator
 * seeded by `seed`, so a fit is reproducible.
 */

import { binRows, fitBinning, type Binning } from "./binning.ts";
import { checkData, sigmoid, softplus, type FeatureMatrix } from "./data.ts";
import { columnsByName } from "./design.ts";
import { DEFAULT_SEED, Random } from "./random.ts";
import { fillCovers, growTree, leavesOfCodes, leavesOfValues, newWorkspace, type Tree } from "./tree.ts";

export type BoostingLoss = "logistic" | "squared";

export interface BoostingOptions {
  /** Trees at most. Default 100. */
  trees?: number;
  /** Shrinkage ν. Default 0.1. */
  learningRate?: number;
  /** Depth of each tree. Default 4 (at most 16 leaves). */
  maxDepth?: number;
  /** Training rows each leaf needs at least. Default 20. */
  minSamplesLeaf?: number;
  /** Hessian sum each leaf needs at least. Default 1e-3. */
  minHessianLeaf?: number;
  /** L2 penalty λ on leaf values. Default 1. */
  l2?: number;
  /** Share of rows each tree is grown on (Bernoulli sample per row). Default 1. */
  subsample?: number;
  /**
   * Gradient-based one-side sampling: keep the share `top` of rows with the largest |g| and
   * a random share `other` of all rows from the rest. "auto" (default): { top: 0.2,
   * other: 0.1 } above 200,000 rows when subsample is 1, otherwise off. false: off.
   */
  goss?: { top: number; other: number } | "auto" | false;
  /** Value bins per feature, 2 … 255. Default 255. */
  maxBins?: number;
  /** Rows the bin edges are computed from. Default 200,000. */
  binSampleSize?: number;
  /** Validation rows for early stopping. */
  validation?: { X: FeatureMatrix; y: Uint8Array | Float64Array; weights?: Float64Array };
  /** Stop after this many trees without a better validation loss. Default 20. */
  earlyStoppingRounds?: number;
  weights?: Float64Array;
  seed?: number;
}

export interface BoostedTrees {
  kind: "boosted-trees";
  loss: BoostingLoss;
  features: string[];
  /** F₀: on the log-odds scale for the logistic loss. */
  base: number;
  trees: Tree[];
  binning: Binning;
  /** Validation loss after each tree grown (null without a validation set). */
  validationLoss: Float64Array | null;
  /** The options used, defaults filled in and goss "auto" resolved. */
  options: Required<Omit<BoostingOptions, "validation" | "weights" | "seed">> & { seed: number };
}

export const BOOSTING_DEFAULTS = {
  trees: 100,
  learningRate: 0.1,
  maxDepth: 4,
  minSamplesLeaf: 20,
  minHessianLeaf: 1e-3,
  l2: 1,
  subsample: 1,
  goss: "auto" as { top: number; other: number } | "auto" | false,
  maxBins: 255,
  binSampleSize: 200_000,
  earlyStoppingRounds: 20,
} satisfies BoostingOptions;

function meanLoss(loss: BoostingLoss, F: Float64Array, y: Uint8Array | Float64Array, w: Float64Array | undefined): number {
  let s = 0;
  let W = 0;
  for (let i = 0; i < F.length; i++) {
    const wi = w ? w[i]! : 1;
    s += wi * (loss === "logistic" ? softplus(F[i]!) - (y[i] === 1 ? F[i]! : 0) : (F[i]! - y[i]!) ** 2);
    W += wi;
  }
  return s / W;
}

/** Fits boosted trees with the given loss (labels 0/1 for "logistic"). */
export function fitBoosting(X: FeatureMatrix, y: Uint8Array | Float64Array, loss: BoostingLoss, options: BoostingOptions = {}): BoostedTrees {
  checkData(X, y, options.weights);
  if (loss === "logistic" && !(y instanceof Uint8Array)) throw new RangeError("the logistic loss takes labels as a Uint8Array of 0/1");
  const o = { ...BOOSTING_DEFAULTS, ...stripUndefined(options), seed: options.seed ?? DEFAULT_SEED };
  if (!(o.subsample > 0 && o.subsample <= 1)) throw new RangeError(`subsample must be in (0, 1] (got ${o.subsample})`);
  if (!(Number.isInteger(o.maxDepth) && o.maxDepth >= 1 && o.maxDepth <= 12)) throw new RangeError(`maxDepth must be a whole number from 1 to 12 (got ${o.maxDepth})`);
  if (!(o.learningRate > 0)) throw new RangeError(`learningRate must be positive (got ${o.learningRate})`);
  const n = X.n;
  const goss = o.goss === "auto" ? (n > GOSS_AUTO_ROWS && o.subsample === 1 ? { top: 0.2, other: 0.1 } : null) : o.goss || null;
  if (goss && !(goss.top > 0 && goss.other > 0 && goss.top + goss.other < 1)) throw new RangeError(`goss needs top > 0, other > 0 and top + other < 1 (got ${goss.top}, ${goss.other})`);
  if (goss && o.subsample < 1) throw new RangeError("use either goss or subsample, not both");
  if (!(Number.isInteger(o.minSamplesLeaf) && o.minSamplesLeaf >= 1)) throw new RangeError(`minSamplesLeaf must be a whole number ≥ 1 (got ${o.minSamplesLeaf})`);
  // The model records what was used: "auto" resolved.
  o.goss = goss ?? false;
  const w = options.weights;
  let W = 0;
  let S = 0;
  for (let i = 0; i < n; i++) {
    const wi = w ? w[i]! : 1;
    W += wi;
    S += wi * y[i]!;
  }
  if (!(W > 0)) throw new RangeError("boosting needs rows with positive weight");
  let base = S / W;
  if (loss === "logistic") {
    if (!(S > 0 && S < W)) throw new RangeError("boosting a classifier needs both classes among the weighted training rows");
    base = Math.log(base / (1 - base));
  }

  const random = new Random(o.seed, 21);
  const binning = fitBinning(X, random, o.maxBins, o.binSampleSize);
  const data = binRows(binning, X);
  const ws = newWorkspace(data, binning.counts, binning.edges);
  const F = new Float64Array(n).fill(base);
  // For the logistic loss, e^−F per row, updated by the leaf's factor e^−v after each tree:
  // p = 1/(1 + e^−F) then costs a division instead of an exponential.
  const expNegF = loss === "logistic" ? new Float64Array(n).fill(Math.exp(-base)) : null;

  const valid = options.validation;
  let vData: ReturnType<typeof binRows> | null = null;
  let vF: Float64Array | null = null;
  const vLoss: number[] = [];
  if (valid) {
    checkData(valid.X, valid.y, valid.weights);
    vData = binRows(binning, valid.X);
    vF = new Float64Array(valid.X.n).fill(base);
  }
  let best = Infinity;
  let bestRound = 0;

  const trees: Tree[] = [];
  const sampled = o.subsample < 1 || goss ? new Uint8Array(n) : null;
  const coverWeights = goss ? new Float64Array(n) : w;
  const leaf = new Int32Array(n);
  const gh = ws.gh;
  const params = { maxDepth: o.maxDepth, minSamplesLeaf: o.minSamplesLeaf, minHessianLeaf: o.minHessianLeaf, l2: o.l2, learningRate: o.learningRate };
  for (let t = 0; t < o.trees; t++) {
    // Gradients and hessians at the current F.
    if (expNegF) {
      for (let i = 0; i < n; i++) {
        const p = 1 / (1 + expNegF[i]!);
        const wi = w ? w[i]! : 1;
        gh[2 * i] = wi * (p - y[i]!);
        gh[2 * i + 1] = wi * Math.max(p * (1 - p), 1e-16);
      }
    } else {
      for (let i = 0; i < n; i++) {
        const wi = w ? w[i]! : 1;
        gh[2 * i] = wi * (F[i]! - y[i]!);
        gh[2 * i + 1] = wi;
      }
    }
    let m = 0;
    if (goss && coverWeights && sampled) {
      const sample = new Float64Array(Math.min(n, 16_384));
      for (let k = 0; k < sample.length; k++) sample[k] = Math.abs(gh[2 * (sample.length === n ? k : random.int(n))]!);
      sample.sort();
      const cut = sample[Math.min(sample.length - 1, Math.floor((1 - goss.top) * sample.length))]!;
      const q = goss.other / (1 - goss.top);
      const below = Math.floor(q * 4294967296);
      for (let i = 0; i < n; i++) {
        const wi = w ? w[i]! : 1;
        if (Math.abs(gh[2 * i]!) >= cut) {
          ws.rows[m++] = i;
          sampled[i] = 1;
          coverWeights[i] = wi;
        } else if (random.next32() < below) {
          ws.rows[m++] = i;
          sampled[i] = 1;
          gh[2 * i] = gh[2 * i]! / q;
          gh[2 * i + 1] = gh[2 * i + 1]! / q;
          coverWeights[i] = wi / q;
        } else sampled[i] = 0;
      }
    } else if (sampled) {
      const below = Math.floor(o.subsample * 4294967296);
      for (let i = 0; i < n; i++) {
        const inside = random.next32() < below ? 1 : 0;
        sampled[i] = inside;
        if (inside) ws.rows[m++] = i;
      }
    } else {
      for (let i = 0; i < n; i++) ws.rows[i] = i;
      m = n;
    }
    const tree = growTree(ws, m, params);
    trees.push(tree);
    // Every row's leaf, in row order: the scores move by the leaf's value, and the rows
    // the tree was grown on make up the leaves' covers.
    leavesOfCodes(tree, data, null, leaf);
    const { value, cover } = tree;
    const factor = value.map((v) => Math.exp(-v));
    for (let i = 0; i < n; i++) {
      const l = leaf[i]!;
      F[i]! += value[l]!;
      if (expNegF) expNegF[i]! *= factor[l]!;
      if (!sampled || sampled[i] === 1) cover[l]! += coverWeights ? coverWeights[i]! : 1;
    }
    fillCovers(tree);
    if (valid && vData && vF) {
      const vLeaf = leavesOfCodes(tree, vData, null);
      for (let i = 0; i < vData.n; i++) vF[i]! += value[vLeaf[i]!]!;
      const l = meanLoss(loss, vF, valid.y, valid.weights);
      vLoss.push(l);
      if (bestRound === 0 || l < best - 1e-12 * Math.abs(best)) {
        best = l;
        bestRound = t + 1;
      } else if (t + 1 - bestRound >= o.earlyStoppingRounds) break;
    }
  }
  return {
    kind: "boosted-trees",
    loss,
    features: X.names.slice(),
    base,
    trees: valid ? trees.slice(0, Math.max(bestRound, 1)) : trees,
    binning,
    validationLoss: valid ? Float64Array.from(vLoss) : null,
    options: o,
  };
}

/** Rows above which GOSS is on by default. */
export const GOSS_AUTO_ROWS = 200_000;

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([k, v]) => v !== undefined && k !== "validation" && k !== "weights")) as Partial<T>;
}

/** Boosted trees for a 0/1 label (logistic loss, Newton leaves). */
export function fitBoostedClassifier(X: FeatureMatrix, y: Uint8Array, options: BoostingOptions = {}): BoostedTrees {
  return fitBoosting(X, y, "logistic", options);
}

/** Boosted trees for a numeric label (squared loss). */
export function fitBoostedRegressor(X: FeatureMatrix, y: Float64Array, options: BoostingOptions = {}): BoostedTrees {
  return fitBoosting(X, y, "squared", options);
}

/** F(x) for each row of X: log-odds for a classifier, the predicted value for a regressor. */
export function boostedRaw(model: BoostedTrees, X: FeatureMatrix, trees = model.trees.length): Float64Array {
  const cols = columnsByName(model.features, X);
  const F = new Float64Array(X.n).fill(model.base);
  const leaf = new Int32Array(X.n);
  for (let t = 0; t < trees; t++) {
    const tree = model.trees[t]!;
    leavesOfValues(tree, cols, leaf);
    for (let i = 0; i < X.n; i++) F[i]! += tree.value[leaf[i]!]!;
  }
  return F;
}

/** P(y = 1) for each row of X (a classifier). */
export function boostedProbabilities(model: BoostedTrees, X: FeatureMatrix): Float64Array {
  if (model.loss !== "logistic") throw new RangeError("probabilities need a classifier (logistic loss)");
  return boostedRaw(model, X).map(sigmoid);
}
