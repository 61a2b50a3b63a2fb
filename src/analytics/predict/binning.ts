/**
 * Quantile binning of features for histogram-based split finding, as in LightGBM (Ke et al.
 * 2017, "LightGBM: a highly efficient gradient boosting decision tree", NeurIPS, §2.1 and
 * its algorithm 1) and XGBoost's "hist" method (Chen & Guestrin 2016, "XGBoost: a scalable
 * tree boosting system", KDD, §3.2–3.3): each feature's values are cut into at most 255
 * bins of about equal counts, and every split is searched among the bins' boundaries only.
 *
 * The cuts come from a seeded sample of rows (LightGBM samples 200,000 by default, its
 * bin_construct_sample_cnt): with at most `maxBins` distinct values each value is a bin;
 * otherwise the sorted distinct values are walked, closing a bin once it holds its share of
 * the rows still to place (remaining / bins left), so a very frequent value gets a bin of
 * its own. A bin's upper edge is halfway to the next distinct value; x falls in the first
 * bin whose edge is ≥ x, the last bin is open above. Missing values (NaN) get a bin of their
 * own, code 255, whose direction each split learns.
 *
 * Codes are stored row-major, one byte per (row, feature), each row padded to a multiple of
 * four bytes: a histogram pass reads a row's codes as a few 32-bit words.
 *
 * Assigning bins: a binary search over 254 edges mispredicts about every other branch, so
 * each feature gets a lookup table over 2,048 equal cells between its first and last edge,
 * holding the bin at each cell's start; x then needs one table read and a step or two
 * (a binary search within the cell when the edges are dense there).
 */

import type { FeatureMatrix } from "./data.ts";
import { columnsByName } from "./design.ts";
import type { Random } from "./random.ts";

/** The code of a missing value. */
export const MISSING_BIN = 255;

export interface Binning {
  features: string[];
  /** Per feature, the upper edges of bins 0 … count − 2 (the last bin is open above). */
  edges: Float64Array[];
  /** Per feature, the number of value bins (1 … 255). */
  counts: Int32Array;
}

export interface BinnedRows {
  n: number;
  /** Features per row. */
  F: number;
  /** Bytes per row: F rounded up to a multiple of 4. */
  stride: number;
  /** codes[i·stride + j]: the bin of feature j in row i. */
  codes: Uint8Array;
  /** The same bytes as 32-bit words (stride/4 per row). */
  words: Uint32Array;
}

/** Cuts every feature of X into at most maxBins (≤ 255) quantile bins, from a sample of sampleSize rows. */
export function fitBinning(X: FeatureMatrix, random: Random, maxBins = 255, sampleSize = 200_000): Binning {
  if (!(Number.isInteger(maxBins) && maxBins >= 2 && maxBins <= 255)) throw new RangeError(`maxBins must be a whole number from 2 to 255 (got ${maxBins})`);
  let sample: Int32Array | null = null;
  if (X.n > sampleSize) {
    // A partial Fisher–Yates shuffle of the row indices.
    const idx = new Int32Array(X.n);
    for (let i = 0; i < X.n; i++) idx[i] = i;
    for (let k = 0; k < sampleSize; k++) {
      const j = k + random.int(X.n - k);
      const t = idx[k]!;
      idx[k] = idx[j]!;
      idx[j] = t;
    }
    sample = idx.slice(0, sampleSize).sort();
  }
  const edges: Float64Array[] = [];
  const counts = new Int32Array(X.columns.length);
  X.columns.forEach((col, j) => {
    const m = sample ? sample.length : X.n;
    const v = new Float64Array(m);
    let k = 0;
    for (let s = 0; s < m; s++) {
      const x = col[sample ? sample[s]! : s]!;
      if (!Number.isNaN(x)) v[k++] = x;
    }
    const e = cutPoints(v.subarray(0, k).sort(), maxBins);
    edges.push(e);
    counts[j] = e.length + 1;
  });
  return { features: X.names.slice(), edges, counts };
}

/** Upper bin edges for sorted values. */
function cutPoints(sorted: Float64Array, maxBins: number): Float64Array {
  // Distinct values and their counts.
  const values = new Float64Array(sorted.length);
  const freq = new Int32Array(sorted.length);
  let d = 0;
  for (let i = 0; i < sorted.length; i++) {
    if (d > 0 && sorted[i] === values[d - 1]) freq[d - 1]!++;
    else {
      values[d] = sorted[i]!;
      freq[d++] = 1;
    }
  }
  const mid = (a: number, b: number) => {
    const m = a + (b - a) / 2;
    return m < b ? m : a;
  };
  const edges: number[] = [];
  if (d <= maxBins) {
    for (let i = 0; i + 1 < d; i++) edges.push(mid(values[i]!, values[i + 1]!));
    return Float64Array.from(edges);
  }
  let remaining = sorted.length;
  let acc = 0;
  for (let i = 0; i + 1 < d && edges.length < maxBins - 1; i++) {
    acc += freq[i]!;
    const target = remaining / (maxBins - edges.length);
    // Close the bin here, or before a value that alone would overfill it by more.
    if (acc >= target || acc + freq[i + 1]! - target > target - acc) {
      edges.push(mid(values[i]!, values[i + 1]!));
      remaining -= acc;
      acc = 0;
    }
  }
  return Float64Array.from(edges);
}

/** The bin of x among edges (count − 1 edges): the first edge ≥ x, or the last bin. */
export function binOf(edges: Float64Array, x: number): number {
  if (Number.isNaN(x)) return MISSING_BIN;
  let lo = 0;
  let hi = edges.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (x <= edges[mid]!) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

const CELLS = 2048;

/** Writes the bins of col into out[offset + i·stride] (same result as binOf). */
function binColumn(edges: Float64Array, col: Float64Array, out: Uint8Array, offset: number, stride: number): void {
  const E = edges.length;
  const n = col.length;
  if (E === 0) {
    for (let i = 0, c = offset; i < n; i++, c += stride) out[c] = Number.isNaN(col[i]!) ? MISSING_BIN : 0;
    return;
  }
  const e0 = edges[0]!;
  const eLast = edges[E - 1]!;
  const width = (eLast - e0) / CELLS;
  // table[k] = number of edges < e0 + k·width: the bin of a value at the start of cell k.
  const table = new Int32Array(CELLS + 1);
  if (width > 0) {
    for (let k = 0, b = 0; k <= CELLS; k++) {
      const g = k === CELLS ? eLast : e0 + k * width;
      while (b < E && edges[b]! < g) b++;
      table[k] = b;
    }
  }
  for (let i = 0, c = offset; i < n; i++, c += stride) {
    const x = col[i]!;
    let b: number;
    if (Number.isNaN(x)) b = MISSING_BIN;
    else if (x <= e0) b = 0;
    else if (x > eLast) b = E;
    else {
      const k = Math.min(CELLS - 1, Math.floor((x - e0) / width));
      b = table[k]!;
      let hi = table[k + 1]!;
      if (hi - b > 4) {
        while (b < hi) {
          const mid = (b + hi) >>> 1;
          if (x <= edges[mid]!) hi = mid;
          else b = mid + 1;
        }
      } else while (b < hi && edges[b]! < x) b++;
      // Rounding in the cell arithmetic can land one cell off: check, and search if so.
      if (!((b === 0 || edges[b - 1]! < x) && (b === E || x <= edges[b]!))) b = binOf(edges, x);
    }
    out[c] = b;
  }
}

/** The codes of X's rows under a binning (features matched by name). */
export function binRows(binning: Binning, X: FeatureMatrix): BinnedRows {
  const cols = columnsByName(binning.features, X);
  const F = cols.length;
  const stride = Math.max(4, Math.ceil(F / 4) * 4);
  const buffer = new ArrayBuffer(X.n * stride);
  const codes = new Uint8Array(buffer);
  for (let j = 0; j < F; j++) binColumn(binning.edges[j]!, cols[j]!, codes, j, stride);
  return { n: X.n, F, stride, codes, words: new Uint32Array(buffer) };
}
