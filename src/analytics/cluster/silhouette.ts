/**
 * Silhouettes (Rousseeuw 1987, "Silhouettes: a graphical aid to the interpretation and
 * validation of cluster analysis", J. Comput. Appl. Math. 20: 53–65): how well each row sits
 * in its cluster. For row i of cluster A, with d the Euclidean distance on the scale
 * clustered:
 *   a(i) = mean d(i, j) over the other rows j of A,
 *   b(i) = min over clusters C ≠ A of the mean d(i, j) over the rows j of C,
 *   s(i) = (b(i) − a(i)) / max(a(i), b(i))   ∈ [−1, 1]
 * and s(i) = 0 when A holds i alone (his convention, also R's `cluster::silhouette` and
 * scikit-learn's). The average s(i) over all rows, the "average silhouette width", is used
 * to choose k (Rousseeuw 1987 §3; Kaufman & Rousseeuw 1990, "Finding Groups in Data",
 * Wiley, ch. 2, read above 0.5 as a reasonable structure and above 0.7 as a strong one).
 *
 * Exact for n ≤ `exactUpTo` (default 5,000 rows: n²/2 distances). Larger data are judged
 * on a seeded uniform sample of `sampleSize` rows (default 2,000), each sampled row's a and
 * b computed against all rows of the sample, as scikit-learn's `silhouette_score(…,
 * sample_size=…)` does. With the whole data as the sample this is the exact value.
 */

import { checkAssignment, type FeatureMatrix } from "./matrix.ts";
import { sampleRows, type Random } from "./random.ts";

export interface SilhouetteOptions {
  /** Every row is used up to this many rows (default 5,000). */
  exactUpTo?: number;
  /** Rows sampled above that (default 2,000). */
  sampleSize?: number;
  /** Draws the sample; needed only when n > exactUpTo. */
  random?: Random;
}

export interface SilhouetteResult {
  /** Mean s(i) over the rows evaluated. */
  average: number;
  /** Whether every row was evaluated (else a sample). */
  exact: boolean;
  /** The rows evaluated, ascending. */
  rows: Uint32Array;
  /** s(i) of each evaluated row, in the order of `rows`. */
  widths: Float64Array;
  /** The cluster that gave b(i) for each evaluated row (R's "neighbor"); −1 when there is none. */
  neighbor: Int32Array;
  /** Mean s(i) per cluster over the rows evaluated (NaN for a cluster with none). */
  clusterAverage: Float64Array;
}

export const DEFAULT_EXACT_UP_TO = 5000;
export const DEFAULT_SAMPLE_SIZE = 2000;

/** The rows a silhouette is computed on: all of them, or a seeded sample. */
export function silhouetteSample(n: number, options: SilhouetteOptions): Uint32Array | null {
  const exactUpTo = options.exactUpTo ?? DEFAULT_EXACT_UP_TO;
  if (n <= exactUpTo) return null;
  if (!options.random) throw new RangeError(`${n} rows is more than exactUpTo = ${exactUpTo}: pass a seeded random to draw the sample`);
  return sampleRows(n, Math.min(n, options.sampleSize ?? DEFAULT_SAMPLE_SIZE), options.random);
}

/** Silhouettes of the m rows of y (row-major m × p, labels 0 … k − 1), each against all the others. */
function silhouetteOf(y: Float64Array, m: number, p: number, label: Uint32Array, k: number, rows: Uint32Array, exact: boolean): SilhouetteResult {
  const counts = new Float64Array(k);
  for (let r = 0; r < m; r++) counts[label[r]!]!++;
  // Sum of distances from each row to each cluster: every pair once, added to both ends.
  const sums = new Float64Array(m * k);
  for (let r = 0; r < m; r++) {
    const lr = label[r]!;
    for (let t = r + 1; t < m; t++) {
      let d = 0;
      for (let f = 0, a = r * p, b = t * p; f < p; f++, a++, b++) {
        const e = y[a]! - y[b]!;
        d += e * e;
      }
      d = Math.sqrt(d);
      sums[r * k + label[t]!]! += d;
      sums[t * k + lr]! += d;
    }
  }
  const widths = new Float64Array(m);
  const neighbor = new Int32Array(m).fill(-1);
  const clusterSum = new Float64Array(k);
  const clusterCount = new Float64Array(k);
  let total = 0;
  for (let r = 0; r < m; r++) {
    const own = label[r]!;
    let b = Infinity;
    for (let c = 0; c < k; c++) {
      if (c === own || counts[c]! === 0) continue;
      const mean = sums[r * k + c]! / counts[c]!;
      if (mean < b) {
        b = mean;
        neighbor[r] = c;
      }
    }
    let s = 0;
    if (counts[own]! > 1 && b < Infinity) {
      const a = sums[r * k + own]! / (counts[own]! - 1);
      const top = Math.max(a, b);
      s = top > 0 ? (b - a) / top : 0;
    }
    widths[r] = s;
    total += s;
    clusterSum[own]! += s;
    clusterCount[own]!++;
  }
  const clusterAverage = clusterSum.map((v, c) => (clusterCount[c]! > 0 ? v / clusterCount[c]! : NaN));
  return { average: m > 0 ? total / m : NaN, exact, rows, widths, neighbor, clusterAverage };
}

/** Silhouettes of row-major x (n × p) on the given rows (null: all), each against the others given. */
export function silhouetteRows(x: Float64Array, n: number, p: number, assignment: ArrayLike<number>, k: number, rows: Uint32Array | null): SilhouetteResult {
  const idx = rows ?? Uint32Array.from({ length: n }, (_, i) => i);
  const m = idx.length;
  // A compact copy of the rows, so the m²/2 distances read neighbouring memory.
  const y = rows ? new Float64Array(m * p) : x;
  if (rows) for (let r = 0; r < m; r++) y.set(x.subarray(idx[r]! * p, idx[r]! * p + p), r * p);
  const label = Uint32Array.from(idx, (i) => assignment[i]!);
  return silhouetteOf(y, m, p, label, k, idx, rows === null);
}

/**
 * Silhouettes of a clustering of the prepared data (the matrix that was clustered, e.g.
 * `standardize(…).data`): exact up to `exactUpTo` rows, else on a seeded sample.
 */
export function silhouette(data: FeatureMatrix, assignment: ArrayLike<number>, k: number, options: SilhouetteOptions = {}): SilhouetteResult {
  checkAssignment(assignment, data.n, k);
  const rows = silhouetteSample(data.n, options);
  const idx = rows ?? Uint32Array.from({ length: data.n }, (_, i) => i);
  const p = data.columns.length;
  const y = new Float64Array(idx.length * p);
  data.columns.forEach((col, f) => {
    for (let r = 0; r < idx.length; r++) {
      const v = col[idx[r]!]!;
      if (Number.isNaN(v)) throw new RangeError("the data hold missing values: pass the prepared matrix (standardize(…).data), where they are imputed");
      y[r * p + f] = v;
    }
  });
  return silhouetteOf(y, idx.length, p, Uint32Array.from(idx, (i) => assignment[i]!), k, idx, rows === null);
}
