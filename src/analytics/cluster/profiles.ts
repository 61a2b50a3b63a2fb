/**
 * What each cluster looks like, as data first and words second. Per cluster and feature:
 * the cluster's mean and the overall mean (original scale, missing values left out), their
 * ratio, and the standardised difference
 *   d = (mean of t(x) in the cluster − overall mean of t(x)) / overall sd of t(x),
 * t = log1p for the features the caller names (as for the clustering, so one very large
 * customer does not make a money feature's d), else the identity; sd with n − 1.
 *
 * Sizes follow Cohen's conventions for a standardised mean difference (Cohen 1988,
 * "Statistical Power Analysis for the Behavioral Sciences", 2nd ed., ch. 2: d = 0.2 small,
 * 0.5 medium, 0.8 large): |d| ≥ 0.8 "much", ≥ 0.5 "somewhat", ≥ 0.2 "slightly", below that
 * not a distinguishing feature. Cohen states them for two groups and a pooled sd; here one
 * group is set against everyone, in units of everyone's sd — the same reading.
 *
 * The words (describeProfile) are English and come from the structured form alone; the UI
 * builds its own sentences from `direction` and `size` with its translation catalogues.
 */

import { checkAssignment, checkMatrix, type FeatureMatrix } from "./matrix.ts";

export type Direction = "higher" | "lower";
export type EffectSize = "much" | "somewhat" | "slightly";

/** Cohen's (1988) large, medium and small standardised differences. */
export const EFFECT_THRESHOLDS: Readonly<Record<EffectSize, number>> = Object.freeze({ much: 0.8, somewhat: 0.5, slightly: 0.2 });

/** The word for a standardised difference's size, or null below 0.2. */
export function effectSize(d: number): EffectSize | null {
  const a = Math.abs(d);
  if (a >= EFFECT_THRESHOLDS.much) return "much";
  if (a >= EFFECT_THRESHOLDS.somewhat) return "somewhat";
  if (a >= EFFECT_THRESHOLDS.slightly) return "slightly";
  return null;
}

export interface FeatureProfile {
  feature: string;
  /** Mean in the cluster and overall, original scale (null: no value observed). */
  clusterMean: number | null;
  overallMean: number | null;
  /** Standardised difference (null when the cluster has no value of it). */
  d: number | null;
  /** clusterMean / overallMean (null when the overall mean is 0 or a mean is missing). */
  ratio: number | null;
  direction: Direction | null;
  size: EffectSize | null;
}

export interface ClusterProfile {
  cluster: number;
  size: number;
  /** size / n. */
  share: number;
  /** Every feature, in the matrix's order. */
  features: FeatureProfile[];
  /** The distinguishing features (|d| ≥ minEffect), largest |d| first, at most `top`. */
  top: FeatureProfile[];
}

export interface ProfileOptions {
  /** Features compared on the log1p scale (non-negative and skewed: money, counts). */
  log1p?: readonly string[];
  /** Distinguishing features kept per cluster (default 3). */
  top?: number;
  /** Smallest |d| that counts as distinguishing (default 0.2, Cohen's "small"). */
  minEffect?: number;
}

/** Profiles of the k clusters of the rows of m (assignment[i] = row i's cluster). */
export function clusterProfiles(m: FeatureMatrix, assignment: ArrayLike<number>, k: number, options: ProfileOptions = {}): ClusterProfile[] {
  checkMatrix(m);
  checkAssignment(assignment, m.n, k);
  const logSet = new Set(options.log1p ?? []);
  const top = options.top ?? 3;
  const minEffect = options.minEffect ?? EFFECT_THRESHOLDS.slightly;
  const sizes = new Float64Array(k);
  for (let i = 0; i < m.n; i++) sizes[assignment[i]!]!++;
  const perFeature = m.columns.map((col, j) => {
    const log = logSet.has(m.names[j]!);
    const count = new Float64Array(k);
    const raw = new Float64Array(k);
    const t = new Float64Array(k);
    let all = 0;
    let allRaw = 0;
    let allT = 0;
    for (let i = 0; i < m.n; i++) {
      const x = col[i]!;
      if (Number.isNaN(x)) continue;
      if (log && x < 0) throw new RangeError(`feature "${m.names[j]}" is ${x} at row ${i}: log1p is only for non-negative features`);
      const c = assignment[i]!;
      const v = log ? Math.log1p(x) : x;
      count[c]!++;
      raw[c]! += x;
      t[c]! += v;
      all++;
      allRaw += x;
      allT += v;
    }
    const meanT = allT / all;
    let ss = 0;
    for (let i = 0; i < m.n; i++) {
      const x = col[i]!;
      if (Number.isNaN(x)) continue;
      const e = (log ? Math.log1p(x) : x) - meanT;
      ss += e * e;
    }
    const sd = all > 1 ? Math.sqrt(ss / (all - 1)) : 0;
    return { count, raw, t, all, overallMean: all > 0 ? allRaw / all : null, meanT, sd };
  });
  return Array.from({ length: k }, (_, c) => {
    const features = perFeature.map((s, j): FeatureProfile => {
      const feature = m.names[j]!;
      if (!(s.count[c]! > 0)) return { feature, clusterMean: null, overallMean: s.overallMean, d: null, ratio: null, direction: null, size: null };
      const clusterMean = s.raw[c]! / s.count[c]!;
      const d = s.sd > 0 ? (s.t[c]! / s.count[c]! - s.meanT) / s.sd : 0;
      return {
        feature,
        clusterMean,
        overallMean: s.overallMean,
        d,
        ratio: s.overallMean ? clusterMean / s.overallMean : null,
        direction: d > 0 ? "higher" : d < 0 ? "lower" : null,
        size: effectSize(d),
      };
    });
    const distinguishing = features
      .filter((f) => f.d !== null && Math.abs(f.d) >= minEffect && f.d !== 0)
      .sort((a, b) => Math.abs(b.d!) - Math.abs(a.d!))
      .slice(0, top);
    return { cluster: c, size: sizes[c]!, share: m.n > 0 ? sizes[c]! / m.n : 0, features, top: distinguishing };
  });
}

/**
 * An English sentence from a profile's distinguishing features, e.g. "Much higher order
 * count, somewhat lower discount share than average". `labels` maps a feature's name to the
 * words for it (the name itself when absent); a feature below "slightly" gets no words.
 */
export function describeProfile(profile: Pick<ClusterProfile, "top">, labels: Readonly<Record<string, string>> = {}, options: { max?: number } = {}): string {
  const parts = profile.top
    .filter((f) => f.size !== null && f.direction !== null)
    .slice(0, options.max ?? profile.top.length)
    .map((f) => `${f.size} ${f.direction} ${labels[f.feature] ?? f.feature}`);
  if (parts.length === 0) return "Close to average on every feature";
  const sentence = `${parts.join(", ")} than average`;
  return sentence.charAt(0).toUpperCase() + sentence.slice(1);
}
