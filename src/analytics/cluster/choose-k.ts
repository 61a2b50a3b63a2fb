/**
 * Choosing the number of clusters by the average silhouette width (Rousseeuw 1987 §3;
 * Kaufman & Rousseeuw 1990, "Finding Groups in Data", ch. 2): k-means for each k in a range
 * (default 2–8), the average silhouette of each clustering, and the k with the highest one
 * (the smaller k on a tie). The whole table (k, silhouette, within-SS, between/total) is
 * returned so a page can draw the curve next to the "elbow" of within-SS.
 *
 * The features are prepared once; every k is judged on the same rows (all of them up to
 * `exactUpTo`, else one seeded sample drawn before any clustering), so the curve compares
 * like with like.
 */

import { kmeansResult, kmeansRows, DEFAULT_START_ROWS, type KMeansOptions, type KMeansResult } from "./kmeans.ts";
import { toRowMajor, type FeatureMatrix } from "./matrix.ts";
import { silhouetteRows, silhouetteSample, type SilhouetteOptions } from "./silhouette.ts";
import { standardize } from "./standardize.ts";

export interface ChooseKOptions extends KMeansOptions, Omit<SilhouetteOptions, "random"> {
  /** Smallest and largest k tried (default 2 and 8; kMax is cut to n − 1). */
  kMin?: number;
  kMax?: number;
}

export interface KChoice {
  k: number;
  /** Average silhouette width of the k-means clustering. */
  silhouette: number;
  /** Total within-cluster sum of squares, and between-SS / total-SS. */
  withinSS: number;
  betweenShare: number;
}

export interface ChooseKResult {
  /** The k with the highest average silhouette. */
  k: number;
  table: KChoice[];
  /** The clustering for that k. */
  fit: KMeansResult;
  /** Rows the silhouettes were computed on, and whether that was every row. */
  silhouetteRows: number;
  exact: boolean;
}

/** k-means for each k of the range, judged by the average silhouette. */
export function chooseK(m: FeatureMatrix, options: ChooseKOptions): ChooseKResult {
  const kMin = options.kMin ?? 2;
  const kMax = Math.min(options.kMax ?? 8, m.n - 1);
  if (!(Number.isInteger(kMin) && kMin >= 2)) throw new RangeError(`kMin must be a whole number ≥ 2 (a silhouette needs two clusters), got ${kMin}`);
  if (!(Number.isInteger(kMax) && kMax >= kMin)) throw new RangeError(`no k to try: kMin = ${kMin}, kMax = ${kMax} (at most n − 1 = ${m.n - 1})`);
  const scale = options.scale === "none" ? { zscore: false } : (options.scale ?? {});
  const { standardizer, data } = standardize(m, scale);
  const p = data.columns.length;
  if (p === 0) throw new RangeError("no feature varies (every column is constant or missing): nothing to cluster");
  const x = toRowMajor(data.columns, data.n);
  const rows = silhouetteSample(data.n, { exactUpTo: options.exactUpTo, sampleSize: options.sampleSize, random: options.random });
  const core = {
    random: options.random,
    nstart: options.nstart ?? 10,
    maxIterations: options.maxIterations ?? 100,
    startRows: options.startRows ?? DEFAULT_START_ROWS,
  };
  const table: KChoice[] = [];
  let best: { k: number; silhouette: number; fit: KMeansResult } | null = null;
  for (let k = kMin; k <= kMax; k++) {
    const run = kmeansRows(x, data.n, p, k, core);
    const sil = silhouetteRows(x, data.n, p, run.best.assignment, k, rows);
    const withinSS = run.best.withinSS.reduce((t, v) => t + v, 0);
    table.push({ k, silhouette: sil.average, withinSS, betweenShare: run.totalSS > 0 ? run.betweenSS / run.totalSS : 0 });
    if (!best || sil.average > best.silhouette) best = { k, silhouette: sil.average, fit: kmeansResult(run, k, p, standardizer) };
  }
  return { k: best!.k, table, fit: best!.fit, silhouetteRows: rows ? rows.length : data.n, exact: rows === null };
}
