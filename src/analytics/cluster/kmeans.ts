/**
 * k-means clustering of customers: the features are prepared (standardize.ts: log1p where
 * asked, z-scores, mean imputation), then k-means++ seeding and Lloyd's iterations
 * (lloyd.ts) run from `nstart` seeds and the run with the lowest total within-cluster sum of
 * squares is kept, as R's `kmeans(x, k, nstart)` and scikit-learn's `n_init` do (Lloyd's
 * algorithm stops at a local optimum; several starts make the global one likely).
 *
 * Sums of squares, on the scale clustered (x̄ the overall mean, cⱼ the centre of cluster j,
 * nⱼ its size):
 *   total-SS = Σᵢ ‖xᵢ − x̄‖²,  within-SSⱼ = Σ over i in j of ‖xᵢ − cⱼ‖²,
 *   between-SS = Σⱼ nⱼ‖cⱼ − x̄‖²,
 * so that total = within + between when each centre is its cluster's mean (the König–Huygens
 * decomposition of a sum of squares, as in a one-way analysis of variance). between-SS is
 * computed from the centres, not as the difference, so the identity is a check.
 *
 * Large data: above `startRows` rows (default 50,000) the nstart starts are run and compared
 * on one seeded sample of that many rows, and only the winner's centres are iterated on all
 * rows, to convergence. This is the idea of Bradley & Fayyad (1998), "Refining initial points
 * for k-means clustering", Proc. 15th ICML, 91–99 (cluster samples, keep the best solution
 * as the start for the full data): which start leads to the better optimum shows on 50,000
 * rows, and one run on a million rows costs as much as all the starts on the sample.
 */

import { lloyd, seedPlusPlus, type LloydRun } from "./lloyd.ts";
import { toRowMajor, type FeatureMatrix } from "./matrix.ts";
import { sampleRows, type Random } from "./random.ts";
import { standardize, toOriginalScale, type ScaleOptions, type Standardizer } from "./standardize.ts";

export interface KMeansOptions {
  /** The seeded generator every random choice is drawn from. */
  random: Random;
  /** Runs from different k-means++ seeds; the lowest within-SS wins (default 10). */
  nstart?: number;
  /** Lloyd iterations per run at most (default 100). */
  maxIterations?: number;
  /**
   * Above this many rows the starts are run and compared on a seeded sample of this many
   * rows, and only the best is then iterated on all rows (default 50,000; Infinity: every
   * start on all rows).
   */
  startRows?: number;
  /** Preparation of the features (default: z-scores, no log1p); "none" clusters the values as given (missing → mean). */
  scale?: ScaleOptions | "none";
}

export interface KMeansResult {
  k: number;
  /** Features clustered (those kept by the preparation), the order of each centre's values. */
  names: string[];
  standardizer: Standardizer;
  /** Centre of each cluster on the scale clustered (z-scores unless scale = "none"). */
  centers: Float64Array[];
  /** The same centres on the original scale of each feature (expm1 for a log1p feature). */
  centersOriginal: Float64Array[];
  /** Each row's cluster, 0 … k − 1. */
  assignment: Uint16Array | Uint32Array;
  sizes: number[];
  /** Within-cluster sum of squares, per cluster. */
  withinSS: number[];
  totWithinSS: number;
  totalSS: number;
  betweenSS: number;
  /** Lloyd iterations of the winning run, and whether it stopped with no point moving. */
  iterations: number;
  converged: boolean;
  /** Total within-SS reached by each start, in order (on the sample of `startRows` rows when there is one). */
  starts: number[];
  /** Rows each start was run on: n, or the sample's size. */
  startRows: number;
}

export const DEFAULT_START_ROWS = 50_000;

/** Options once the data are prepared and row-major (the form chooseK reuses). */
export interface KMeansCoreOptions {
  random: Random;
  nstart: number;
  maxIterations: number;
  startRows: number;
}

export interface KMeansCore {
  best: LloydRun;
  starts: number[];
  startRows: number;
  totalSS: number;
  betweenSS: number;
}

/** Total sum of squares of row-major x about its mean, and that mean. */
export function totalSumOfSquares(x: Float64Array, n: number, p: number): { totalSS: number; mean: Float64Array } {
  const mean = new Float64Array(p);
  for (let i = 0, o = 0; i < n; i++) for (let f = 0; f < p; f++, o++) mean[f]! += x[o]!;
  for (let f = 0; f < p; f++) mean[f]! /= n;
  let totalSS = 0;
  for (let i = 0, o = 0; i < n; i++)
    for (let f = 0; f < p; f++, o++) {
      const e = x[o]! - mean[f]!;
      totalSS += e * e;
    }
  return { totalSS, mean };
}

/** k-means on a row-major n × p matrix, best of nstart k-means++ starts. */
export function kmeansRows(x: Float64Array, n: number, p: number, k: number, options: KMeansCoreOptions): KMeansCore {
  if (!(Number.isInteger(k) && k >= 1)) throw new RangeError(`k must be a whole number ≥ 1, got ${k}`);
  if (k > n) throw new RangeError(`k = ${k} clusters need at least ${k} rows, got ${n}`);
  if (!(Number.isInteger(options.nstart) && options.nstart >= 1)) throw new RangeError(`nstart must be a whole number ≥ 1, got ${options.nstart}`);
  if (!(Number.isInteger(options.maxIterations) && options.maxIterations >= 1)) throw new RangeError(`maxIterations must be a whole number ≥ 1, got ${options.maxIterations}`);
  if (!(options.startRows >= 1)) throw new RangeError(`startRows must be ≥ 1, got ${options.startRows}`);
  let best: LloydRun;
  let starts: number[];
  let startRows = n;
  const sampled = n > options.startRows ? startsOnSample(x, n, p, k, options) : null;
  if (sampled) {
    best = lloyd(x, n, p, sampled.best.centers, options.maxIterations);
    starts = sampled.starts;
    startRows = sampled.rows;
  } else ({ best, starts } = bestOfStarts(x, n, p, k, options));
  const { totalSS, mean } = totalSumOfSquares(x, n, p);
  let betweenSS = 0;
  for (let j = 0; j < k; j++) {
    let d = 0;
    for (let f = 0; f < p; f++) {
      const e = best.centers[j * p + f]! - mean[f]!;
      d += e * e;
    }
    betweenSS += best.sizes[j]! * d;
  }
  return { best, starts, startRows, totalSS, betweenSS };
}

/** Bradley & Fayyad's idea: the starts judged on a sample; null if the sample has fewer than k distinct rows. */
function startsOnSample(x: Float64Array, n: number, p: number, k: number, options: KMeansCoreOptions): { best: LloydRun; starts: number[]; rows: number } | null {
  const rows = sampleRows(n, Math.floor(options.startRows), options.random);
  const xs = new Float64Array(rows.length * p);
  rows.forEach((i, r) => xs.set(x.subarray(i * p, i * p + p), r * p));
  try {
    return { ...bestOfStarts(xs, rows.length, p, k, options), rows: rows.length };
  } catch (e) {
    if (e instanceof RangeError) return null; // too few distinct rows in the sample: use all rows
    throw e;
  }
}

/** nstart k-means++ starts, each iterated to convergence; the lowest within-SS wins (the first on a tie). */
function bestOfStarts(x: Float64Array, n: number, p: number, k: number, options: KMeansCoreOptions): { best: LloydRun; starts: number[] } {
  let best: LloydRun | null = null;
  let bestSS = Infinity;
  const starts: number[] = [];
  for (let s = 0; s < options.nstart; s++) {
    const run = lloyd(x, n, p, seedPlusPlus(x, n, p, k, options.random), options.maxIterations);
    const ss = run.withinSS.reduce((t, v) => t + v, 0);
    starts.push(ss);
    if (ss < bestSS) {
      bestSS = ss;
      best = run;
    }
  }
  return { best: best!, starts };
}

/** The compact label array: 16 bits while k allows it. */
export function labelArray(a: Uint32Array, k: number): Uint16Array | Uint32Array {
  return k <= 65536 ? Uint16Array.from(a) : a;
}

/** Assembles the public result of a core run. */
export function kmeansResult(core: KMeansCore, k: number, p: number, standardizer: Standardizer): KMeansResult {
  const { best } = core;
  const centers = Array.from({ length: k }, (_, j) => best.centers.slice(j * p, j * p + p));
  const withinSS = Array.from(best.withinSS);
  return {
    k,
    names: [...standardizer.names],
    standardizer,
    centers,
    centersOriginal: centers.map((c) => toOriginalScale(standardizer, c)),
    assignment: labelArray(best.assignment, k),
    sizes: Array.from(best.sizes),
    withinSS,
    totWithinSS: withinSS.reduce((t, v) => t + v, 0),
    totalSS: core.totalSS,
    betweenSS: core.betweenSS,
    iterations: best.iterations,
    converged: best.converged,
    starts: core.starts,
    startRows: core.startRows,
  };
}

/** Standardises the features (unless scale = "none") and clusters the rows into k groups. */
export function kmeans(m: FeatureMatrix, k: number, options: KMeansOptions): KMeansResult {
  const scale = options.scale === "none" ? { zscore: false } : (options.scale ?? {});
  const { standardizer, data } = standardize(m, scale);
  const p = data.columns.length;
  if (p === 0) throw new RangeError("no feature varies (every column is constant or missing): nothing to cluster");
  const x = toRowMajor(data.columns, data.n);
  const core = kmeansRows(x, data.n, p, k, {
    random: options.random,
    nstart: options.nstart ?? 10,
    maxIterations: options.maxIterations ?? 100,
    startRows: options.startRows ?? DEFAULT_START_ROWS,
  });
  return kmeansResult(core, k, p, standardizer);
}

/** Each row's nearest centre (ties to the lower cluster), for rows prepared with the same standardizer. */
export function assignToCenters(data: FeatureMatrix, centers: readonly Float64Array[]): Uint16Array | Uint32Array {
  const p = data.columns.length;
  const k = centers.length;
  const out = new Uint32Array(data.n);
  for (let i = 0; i < data.n; i++) {
    let best = 0;
    let bestD = Infinity;
    for (let j = 0; j < k; j++) {
      const c = centers[j]!;
      let d = 0;
      for (let f = 0; f < p; f++) {
        const e = data.columns[f]![i]! - c[f]!;
        d += e * e;
      }
      if (d < bestD) {
        bestD = d;
        best = j;
      }
    }
    out[i] = best;
  }
  return labelArray(out, k);
}
