/**
 * Intervals for a share (k of n) and for the difference of two independent shares: a
 * campaign's response against its control group's, complainers' repurchase against
 * non-complainers'.
 */

/** The standard normal quantile for a two-sided 95% interval. */
export const Z95 = 1.959963984540054;

export type Interval = [lo: number, hi: number];

/**
 * Wilson's score interval for k successes in n trials (Wilson 1927, J. Am. Stat. Assoc.
 * 22:209–212; Newcombe 1998, Stat. Med. 17:857–872, method 3):
 * (p̂ + z²/2n ± z·√(p̂(1−p̂)/n + z²/4n²)) / (1 + z²/n). Null when n is 0.
 */
export function wilson(k: number, n: number, z = Z95): Interval | null {
  if (!(Number.isInteger(k) && Number.isInteger(n) && k >= 0 && k <= n)) throw new RangeError(`wilson: need whole 0 ≤ k ≤ n, got ${k} of ${n}`);
  if (n === 0) return null;
  const p = k / n;
  const z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z / (1 + z2 / n)) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  // The ends are exactly 0 and 1 at k = 0 and k = n; rounding must not push them past.
  return [k === 0 ? 0 : Math.max(0, centre - half), k === n ? 1 : Math.min(1, centre + half)];
}

/**
 * Newcombe's hybrid score interval for p₁ − p₂ of two independent shares (Newcombe 1998,
 * Stat. Med. 17:873–890, method 10), from each share's Wilson interval (l, u):
 * d − √((p₁−l₁)² + (u₂−p₂)²) … d + √((u₁−p₁)² + (p₂−l₂)²). Null when either n is 0.
 */
export function newcombeDifference(k1: number, n1: number, k2: number, n2: number, z = Z95): Interval | null {
  const a = wilson(k1, n1, z);
  const b = wilson(k2, n2, z);
  if (!a || !b) return null;
  const [p1, p2] = [k1 / n1, k2 / n2];
  const d = p1 - p2;
  return [d - Math.sqrt((p1 - a[0]) ** 2 + (b[1] - p2) ** 2), d + Math.sqrt((a[1] - p1) ** 2 + (p2 - b[0]) ** 2)];
}
