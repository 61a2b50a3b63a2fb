/** Quantiles of a sample (days to resolve a complaint, and the like). */

/**
 * The p-quantile of sorted values by linear interpolation between order statistics
 * (Hyndman & Fan 1996, Am. Stat. 50:361–365, definition 7; R's default, Excel's
 * PERCENTILE.INC): h = (n − 1)p, x⌊h⌋ + (h − ⌊h⌋)(x⌊h⌋+1 − x⌊h⌋). Null for no values.
 */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number | null {
  const n = sorted.length;
  if (n === 0) return null;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const x = sorted[lo] as number;
  return lo + 1 < n ? x + (h - lo) * ((sorted[lo + 1] as number) - x) : x;
}
