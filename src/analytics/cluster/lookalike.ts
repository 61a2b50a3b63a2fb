/**
 * Look-alike score: how much a customer or prospect "resembles our loyal customers"
 * (DOMAIN §3, good-customer selection), in a form a user can check.
 *
 * Fit once on the reference group (e.g. the loyal customers): each feature is prepared on
 * the reference alone (standardize.ts: log1p where asked, z-scores with the reference's mean
 * and sd, a missing value → the reference mean). A row's distance to the reference centroid
 * is the diagonal Mahalanobis distance (Mahalanobis 1936, "On the generalised distance in
 * statistics", Proc. Natl Inst. Sci. India 2: 49–55, with the covariance matrix replaced by
 * its diagonal):
 *   D(x)² = Σⱼ zⱼ²,   zⱼ = (tⱼ(xⱼ) − mean_ref,j) / sd_ref,j.
 * Why diagonal: D² is then a sum of one term per feature, so zⱼ² / D² is exactly the share of
 * the distance a feature makes ("unlike the loyal customers mainly by their discount share"),
 * and nothing needs inverting, so a small reference group or two nearly collinear features
 * cannot make it unstable. The price: correlated features (orders and net sales) count their
 * common part twice; the full-covariance distance would not, but its contributions have
 * cross terms and it needs a regularised (shrunk) inverse. Choose features that are not near
 * copies of each other.
 *
 * The score is the share of reference customers farther from the centroid than this row:
 *   score(x) = #{r in the reference : D(r) > D(x)} / n_ref,
 * 1 at the heart of the group (nearer than every reference customer), 0 farther than all
 * of them. It is the reference's own empirical distribution of D read at D(x) — a rank, free
 * of any assumption that D² follows a χ² law — and each reference customer, ranked among the
 * others, gets a distinct score (0, 1/n, …, (n − 1)/n without ties): uniform on the group.
 */

import { checkMatrix, type FeatureMatrix } from "./matrix.ts";
import { applyStandardizer, fitStandardizer, type DroppedFeature, type Standardizer } from "./standardize.ts";

export interface LookalikeModel {
  standardizer: Standardizer;
  /** The reference rows' distances to their centroid, ascending. */
  referenceDistances: Float64Array;
  /** Features left out because they do not vary in the reference (or are never observed). */
  dropped: DroppedFeature[];
}

export interface LookalikeScores {
  /** Diagonal Mahalanobis distance to the reference centroid. */
  distance: Float64Array;
  /** Share of reference customers farther away, in [0, 1]. */
  score: Float64Array;
  /** z² of each kept feature for each row (its contribution to D²), when asked for. */
  contributions: Float64Array[] | null;
  /** Missing values replaced by the reference mean, per kept feature. */
  imputed: number[];
}

export interface FeatureContribution {
  feature: string;
  /** The row's value and the reference's arithmetic mean, original scale (value null when missing). */
  value: number | null;
  referenceMean: number;
  /** Signed standardised deviation, its square, and that square's share of D². */
  z: number;
  contribution: number;
  share: number;
  direction: "higher" | "lower" | null;
}

export interface LookalikeExplanation {
  distance: number;
  score: number;
  /** Features by contribution, largest first. */
  features: FeatureContribution[];
}

/** Fits the look-alike model on the reference rows (log1p for the named features first). */
export function fitLookalike(reference: FeatureMatrix, options: { log1p?: readonly string[] } = {}): LookalikeModel {
  if (reference.n < 2) throw new RangeError(`the reference group has ${reference.n} rows: a spread needs at least 2`);
  const standardizer = fitStandardizer(reference, { log1p: options.log1p ?? [] });
  if (standardizer.names.length === 0) throw new RangeError("no feature varies within the reference group: there is nothing to measure a distance on");
  const { data } = applyStandardizer(standardizer, reference);
  const referenceDistances = distances(data).sort();
  return { standardizer, referenceDistances, dropped: standardizer.dropped };
}

function distances(data: FeatureMatrix): Float64Array {
  const d = new Float64Array(data.n);
  for (const col of data.columns) for (let i = 0; i < data.n; i++) d[i]! += col[i]! * col[i]!;
  for (let i = 0; i < data.n; i++) d[i] = Math.sqrt(d[i]!);
  return d;
}

/** Share of the sorted reference distances strictly greater than d. */
function scoreOf(sorted: Float64Array, d: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! <= d) lo = mid + 1;
    else hi = mid;
  }
  return (sorted.length - lo) / sorted.length;
}

/** Distances and look-alike scores of any rows (features found by name). */
export function scoreLookalike(model: LookalikeModel, m: FeatureMatrix, options: { contributions?: boolean } = {}): LookalikeScores {
  checkMatrix(m);
  const { data, imputed } = applyStandardizer(model.standardizer, m);
  const distance = distances(data);
  const score = new Float64Array(m.n);
  for (let i = 0; i < m.n; i++) score[i] = scoreOf(model.referenceDistances, distance[i]!);
  const contributions = options.contributions ? data.columns.map((col) => col.map((z) => z * z)) : null;
  return { distance, score, contributions, imputed };
}

/** One row's distance, score and each feature's part in the distance, largest first. */
export function explainLookalike(model: LookalikeModel, m: FeatureMatrix, row: number): LookalikeExplanation {
  if (!(Number.isInteger(row) && row >= 0 && row < m.n)) throw new RangeError(`row ${row} is not one of the ${m.n} rows`);
  const s = model.standardizer;
  const one: FeatureMatrix = { n: 1, names: [...m.names], columns: m.columns.map((c) => Float64Array.of(c[row]!)) };
  const { data } = applyStandardizer(s, one);
  const d2 = data.columns.reduce((t, c) => t + c[0]! * c[0]!, 0);
  const distance = Math.sqrt(d2);
  const features = s.names.map((feature, f): FeatureContribution => {
    const z = data.columns[f]![0]!;
    const raw = m.columns[m.names.indexOf(feature)]![row]!;
    return {
      feature,
      value: Number.isNaN(raw) ? null : raw,
      referenceMean: s.rawMean[f]!,
      z,
      contribution: z * z,
      share: d2 > 0 ? (z * z) / d2 : 0,
      direction: z > 0 ? "higher" : z < 0 ? "lower" : null,
    };
  });
  features.sort((a, b) => b.contribution - a.contribution);
  return { distance, score: scoreOf(model.referenceDistances, distance), features };
}
