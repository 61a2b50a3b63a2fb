import { chooseK } from "../analytics/cluster/choose-k.ts";
import { kmeans } from "../analytics/cluster/kmeans.ts";
import { contrastGroups } from "../analytics/cluster/contrast.ts";
import { fitLookalike, scoreLookalike } from "../analytics/cluster/lookalike.ts";
import { clusterProfiles } from "../analytics/cluster/profiles.ts";
import { sampleRows, seededRandom } from "../analytics/cluster/random.ts";
import type { FeatureMatrix } from "./features.ts";

/**
 * What the customers look like (docs/prediction.md, "Clusters, profiles, look-alikes"):
 * k-means segments of the active customers with a profile of each, what sets the customers
 * who left apart from those who stayed, and how much each customer resembles the loyal ones.
 */

/** Customers k is chosen on at most (a seeded sample above it). */
export const CHOOSE_K_ROWS = 50_000;

/** The behaviour clustered: how recently, how often, how much, on what terms. */
export const CLUSTER_FEATURES = ["recencyDays", "purchaseDays365", "netSales365", "averagePurchase", "discountShare365", "returnShare", "tenureDays"] as const;
/** Compared on the log scale: non-negative and skewed. */
const LOG_FEATURES = ["recencyDays", "purchaseDays365", "netSales365", "averagePurchase", "tenureDays"];

/** What a loyal customer is like, whatever their age as a customer: spend per visit, terms, rhythm, contacts. */
export const LOOKALIKE_FEATURES = ["averagePurchase", "discountShare365", "returnShare", "meanGapDays", "complaints365", "contactsIn90"] as const;
const LOOKALIKE_LOG = ["averagePurchase", "meanGapDays", "complaints365", "contactsIn90"];

/** The matrix of the named features, rows `rows` (all when omitted); money and counts below 0 read as 0 for the log scale. */
export function pick(m: FeatureMatrix, names: readonly string[], rows?: ArrayLike<number>, nonNegative: readonly string[] = []): FeatureMatrix {
  const n = rows ? rows.length : m.n;
  const columns = names.map((name) => {
    const j = m.names.indexOf(name);
    if (j < 0) throw new RangeError(`no feature ${name}`);
    const src = m.columns[j]!;
    const clamp = nonNegative.includes(name);
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const v = src[rows ? rows[i]! : i]!;
      out[i] = clamp && v < 0 ? 0 : v;
    }
    return out;
  });
  return { n, names: [...names], columns };
}

export interface ClusterSummary {
  k: number;
  table: Array<{ k: number; silhouette: number; withinSS: number; betweenShare: number }>;
  silhouetteRows: number;
  /** Customers k was chosen on. */
  chosenOn: number;
  customers: number;
  clusters: Array<{
    cluster: number;
    customers: number;
    share: number;
    features: Array<{ feature: string; clusterMean: number | null; overallMean: number | null; d: number | null; direction: string | null; size: string | null }>;
    top: Array<{ feature: string; direction: string | null; size: string | null; d: number | null }>;
  }>;
}

/** Clusters the rows `rows` of m (the active customers); returns each row's cluster (−1 elsewhere) and the summary. */
export function clusterCustomers(m: FeatureMatrix, rows: Int32Array, seed: number): { cluster: Int16Array; summary: ClusterSummary | null } {
  const cluster = new Int16Array(m.n).fill(-1);
  if (rows.length < 50) return { cluster, summary: null };
  const data = pick(m, CLUSTER_FEATURES, rows, LOG_FEATURES);
  const random = seededRandom(seed);
  const scale = { log1p: LOG_FEATURES };
  // k is chosen on a sample (each k is a whole k-means run); the clustering of that k is then made on everyone.
  const sample = rows.length > CHOOSE_K_ROWS ? pick(data, CLUSTER_FEATURES, sampleRows(rows.length, CHOOSE_K_ROWS, random)) : data;
  const choice = chooseK(sample, { random, kMin: 2, kMax: 6, nstart: 5, scale });
  const fit = sample === data ? choice.fit : kmeans(data, choice.k, { random, nstart: 5, scale });
  for (let i = 0; i < rows.length; i++) cluster[rows[i]!] = fit.assignment[i]!;
  const profiles = clusterProfiles(data, fit.assignment, fit.k, { log1p: LOG_FEATURES, top: 3 });
  return {
    cluster,
    summary: {
      k: fit.k,
      table: choice.table.map((t) => ({ k: t.k, silhouette: t.silhouette, withinSS: t.withinSS, betweenShare: t.betweenShare })),
      silhouetteRows: choice.silhouetteRows,
      chosenOn: sample.n,
      customers: rows.length,
      clusters: profiles.map((p) => ({
        cluster: p.cluster,
        customers: p.size,
        share: p.share,
        features: p.features.map((f) => ({ feature: f.feature, clusterMean: f.clusterMean, overallMean: f.overallMean, d: f.d, direction: f.direction, size: f.size })),
        top: p.top.map((f) => ({ feature: f.feature, direction: f.direction, size: f.size, d: f.d })),
      })),
    },
  };
}

/** What sets group A (e.g. those who left) apart from group B (those who stayed): every feature by |d|. */
export function contrast(m: FeatureMatrix, a: ArrayLike<number>, b: ArrayLike<number>) {
  if (a.length < 2 || b.length < 2) return [];
  return contrastGroups(m, a, b).map((c) => ({
    feature: c.feature, meanA: c.meanA, meanB: c.meanB, d: c.d, lower: c.lower, upper: c.upper, binary: c.binary,
  }));
}

/** Each row's resemblance to the reference rows (the loyal customers), 0 … 1; NaN for all when the group is too small. */
export function lookalikeScores(m: FeatureMatrix, reference: Int32Array): { score: Float64Array; referenceCustomers: number } {
  if (reference.length < 30) return { score: new Float64Array(m.n).fill(NaN), referenceCustomers: reference.length };
  const model = fitLookalike(pick(m, LOOKALIKE_FEATURES, reference, LOOKALIKE_LOG), { log1p: LOOKALIKE_LOG });
  return { score: scoreLookalike(model, pick(m, LOOKALIKE_FEATURES, undefined, LOOKALIKE_LOG)).score, referenceCustomers: reference.length };
}
