/**
 * RFM: recency, frequency and monetary value scored 1–5 by quintile, and the named
 * segments of the recency × frequency grid (definitions in docs/value.md).
 *
 * Positions count from the best customer, as the deciles do: q = 0 (best) … n − 1, and
 * without ties the score is 5 − ⌊5·q / n⌋, five groups whose sizes differ by at most one
 * customer, the best customer always scoring 5. Ties: customers with equal values always
 * get equal scores, whatever their ids. A block of equal values takes the score of its
 * average position, as statistics ranks ties ("average rank"): a block spanning positions
 * first … last scores 5 − ⌊5·(first + last) / (2n)⌋.
 */

import { ratio, stableOrder } from "./ranking.ts";

type Values = Float64Array | BigInt64Array;

/**
 * Quintile scores 1–5 of each value; `higherIsBetter` false for recency (fewer days since
 * the last purchase is better).
 */
export function quintileScores(values: Values, higherIsBetter: boolean): Uint8Array {
  const n = values.length;
  const score = new Uint8Array(n);
  // No comparator sort of indexes (seconds for a million customers). Money: a radix order,
  // best first, then each block of equal values scored together.
  if (values instanceof BigInt64Array) {
    const order = stableOrder(values, higherIsBetter);
    for (let first = 0; first < n; ) {
      let last = first;
      while (last + 1 < n && values[order[last + 1]!] === values[order[first]!]) last++;
      const s = 5 - Math.floor((5 * (first + last)) / (2 * n));
      for (let p = first; p <= last; p++) score[order[p]!] = s;
      first = last + 1;
    }
    return score;
  }
  // Numbers: with `below` values lower than v and `notAbove` not higher, v's block spans
  // positions first … last from the best; counted when the values are small whole numbers
  // (days, purchase days), else found by binary search in the values sorted natively.
  const counts = smallCounts(values);
  const sorted = counts ? null : values.slice().sort();
  for (let i = 0; i < n; i++) {
    let below: number;
    let notAbove: number;
    if (counts) {
      const k = values[i]! - counts.min;
      below = counts.cumulative[k]!;
      notAbove = counts.cumulative[k + 1]!;
    } else {
      below = lowerBound(sorted!, values[i]!);
      notAbove = upperBound(sorted!, values[i]!, below);
    }
    const first = higherIsBetter ? n - notAbove : below;
    const last = higherIsBetter ? n - below - 1 : notAbove - 1;
    score[i] = 5 - Math.floor((5 * (first + last)) / (2 * n));
  }
  return score;
}

/** For whole numbers spanning a range no wider than about the count: how many fall below each. */
function smallCounts(keys: Float64Array): { min: number; cumulative: Uint32Array } | null {
  let min = Infinity;
  let max = -Infinity;
  for (const k of keys) {
    if (!Number.isInteger(k)) return null;
    if (k < min) min = k;
    if (k > max) max = k;
  }
  if (keys.length === 0 || max - min > Math.max(4 * keys.length, 1 << 16)) return null;
  const cumulative = new Uint32Array(max - min + 2);
  for (const k of keys) cumulative[k - min + 1]!++;
  for (let j = 1; j < cumulative.length; j++) cumulative[j]! += cumulative[j - 1]!;
  return { min, cumulative };
}

/** The number of sorted values below v. */
function lowerBound(sorted: Float64Array, v: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The number of sorted values not above v, searching from `from` (≤ the answer). */
function upperBound(sorted: Float64Array, v: number, from: number): number {
  let lo = from;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! <= v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export interface RfmInput {
  /** Days from the last purchase to the as-of date. */
  recencyDays: Float64Array;
  /** Purchase days (or orders) in the window. */
  frequency: Float64Array;
  /** Net sales (or margin) in the window, in micro-units. */
  monetary: BigInt64Array;
}

export interface RfmScores {
  r: Uint8Array;
  f: Uint8Array;
  m: Uint8Array;
}

export function rfmScores(input: RfmInput): RfmScores {
  const n = input.recencyDays.length;
  if (input.frequency.length !== n || input.monetary.length !== n) throw new RangeError("recency, frequency and monetary differ in length");
  return {
    r: quintileScores(input.recencyDays, false),
    f: quintileScores(input.frequency, true),
    m: quintileScores(input.monetary, true),
  };
}

/**
 * The named segments, each a set of cells of the recency (rows) × frequency (columns) grid.
 * The ten segments cover the 25 cells exactly once, so every customer is in one segment. A widely used map (as in the RFM analyses of Putler and the `rfm` packages):
 * recency says whether the customer is still here, frequency how much of a habit it is.
 */
export const RFM_SEGMENTS = [
  { segment: "champions", r: [5], f: [4, 5] },
  { segment: "loyal", r: [3, 4], f: [4, 5] },
  { segment: "potential_loyalists", r: [4, 5], f: [2, 3] },
  { segment: "new", r: [5], f: [1] },
  { segment: "promising", r: [4], f: [1] },
  { segment: "need_attention", r: [3], f: [3] },
  { segment: "about_to_sleep", r: [3], f: [1, 2] },
  { segment: "cannot_lose", r: [1, 2], f: [5] },
  { segment: "at_risk", r: [1, 2], f: [3, 4] },
  { segment: "hibernating", r: [1, 2], f: [1, 2] },
] as const;

export type RfmSegment = (typeof RFM_SEGMENTS)[number]["segment"];

const GRID: RfmSegment[] = (() => {
  const grid: RfmSegment[] = [];
  for (const s of RFM_SEGMENTS) for (const r of s.r) for (const f of s.f) grid[(r - 1) * 5 + (f - 1)] = s.segment;
  return grid;
})();

/** The segment of a recency and a frequency score (1–5 each). */
export function rfmSegment(r: number, f: number): RfmSegment {
  const s = GRID[(r - 1) * 5 + (f - 1)];
  if (s === undefined) throw new RangeError(`not RFM scores: r=${r}, f=${f}`);
  return s;
}

export interface SegmentRow {
  segment: RfmSegment;
  customers: number;
  /** The segment's monetary sum (micro-units) and its share of the total; null share of a zero total. */
  value: bigint;
  valueShare: number | null;
  customerShare: number;
}

/** Each segment's size and value, in the order of RFM_SEGMENTS (empty segments included). */
export function segmentSummary(scores: RfmScores, monetary: BigInt64Array): SegmentRow[] {
  const n = scores.r.length;
  const rows = new Map<RfmSegment, { customers: number; value: bigint }>(RFM_SEGMENTS.map((s) => [s.segment, { customers: 0, value: 0n }]));
  let totalValue = 0n;
  for (let i = 0; i < n; i++) {
    const row = rows.get(rfmSegment(scores.r[i]!, scores.f[i]!))!;
    row.customers++;
    row.value += monetary[i]!;
    totalValue += monetary[i]!;
  }
  return [...rows].map(([segment, { customers, value }]) => ({
    segment,
    customers,
    value,
    valueShare: ratio(value, totalValue),
    customerShare: n ? customers / n : 0,
  }));
}
