/**
 * What distinguishes two groups of customers (the churned from the active, the loyal from
 * the rest): per feature, the two means and the standardised mean difference, largest first.
 *
 * Cohen's d with the pooled standard deviation (Cohen 1988, "Statistical Power Analysis for
 * the Behavioral Sciences", 2nd ed., ch. 2):
 *   d = (x̄_A − x̄_B) / s,   s² = ((n_A − 1)s_A² + (n_B − 1)s_B²) / (n_A + n_B − 2),
 * with s_A, s_B the group sds (n − 1) and missing values left out. A 95% interval for d from
 * its large-sample variance (Hedges & Olkin 1985, "Statistical Methods for Meta-Analysis",
 * Academic Press, ch. 5; the same formula is eq. 4.20 of Borenstein, Hedges, Higgins &
 * Rothstein 2009, "Introduction to Meta-Analysis"):
 *   var(d) = (n_A + n_B)/(n_A·n_B) + d²/(2(n_A + n_B)),   d ± z₀.₉₇₅·√var(d).
 * A simple interval: good for the group sizes of a customer base, rough below ~20 a group.
 *
 * A feature whose observed values are all 0 or 1 (a flag: complained, has a referral) also
 * gets the two proportions and their difference, which read better than a d. A feature that
 * is constant within both groups has no pooled sd: d is null then (the means still say it).
 */

import { normalQuantile } from "../forecast/ets.ts";
import { checkMatrix, checkRows, type FeatureMatrix } from "./matrix.ts";

export interface FeatureContrast {
  feature: string;
  /** Observed (non-missing) values in each group. */
  nA: number;
  nB: number;
  meanA: number | null;
  meanB: number | null;
  sdA: number | null;
  sdB: number | null;
  /** meanA − meanB. */
  difference: number | null;
  pooledSd: number | null;
  /** Cohen's d, A against B; null without a pooled sd. */
  d: number | null;
  /** Standard error of d and the interval d ± z·se. */
  se: number | null;
  lower: number | null;
  upper: number | null;
  /** Every observed value is 0 or 1: then meanA and meanB are the proportions. */
  binary: boolean;
  proportionA: number | null;
  proportionB: number | null;
}

export interface ContrastOptions {
  /** Confidence level of the interval (default 0.95). */
  level?: number;
}

interface Moments {
  n: number;
  mean: number;
  ss: number;
  binary: boolean;
}

function moments(col: Float64Array, rows: ArrayLike<number>): Moments {
  let n = 0;
  let sum = 0;
  let binary = true;
  for (let r = 0; r < rows.length; r++) {
    const x = col[rows[r]!]!;
    if (Number.isNaN(x)) continue;
    n++;
    sum += x;
    if (x !== 0 && x !== 1) binary = false;
  }
  const mean = n > 0 ? sum / n : NaN;
  let ss = 0;
  for (let r = 0; r < rows.length; r++) {
    const x = col[rows[r]!]!;
    if (Number.isNaN(x)) continue;
    ss += (x - mean) * (x - mean);
  }
  return { n, mean, ss, binary };
}

/** Cohen's d of every feature, group A (rows `a`) against group B (rows `b`), largest |d| first. */
export function contrastGroups(m: FeatureMatrix, a: ArrayLike<number>, b: ArrayLike<number>, options: ContrastOptions = {}): FeatureContrast[] {
  checkMatrix(m);
  checkRows(a, m.n, "group A");
  checkRows(b, m.n, "group B");
  const level = options.level ?? 0.95;
  if (!(level > 0 && level < 1)) throw new RangeError(`level must lie in (0, 1), got ${level}`);
  const z = normalQuantile(0.5 + level / 2);
  const out = m.columns.map((col, j): FeatureContrast => {
    const A = moments(col, a);
    const B = moments(col, b);
    const has = A.n > 0 && B.n > 0;
    const sdA = A.n > 1 ? Math.sqrt(A.ss / (A.n - 1)) : null;
    const sdB = B.n > 1 ? Math.sqrt(B.ss / (B.n - 1)) : null;
    const df = A.n + B.n - 2;
    const pooledSd = has && df > 0 ? Math.sqrt((A.ss + B.ss) / df) : null;
    const difference = has ? A.mean - B.mean : null;
    const d = pooledSd && difference !== null ? difference / pooledSd : null;
    const se = d !== null ? Math.sqrt((A.n + B.n) / (A.n * B.n) + (d * d) / (2 * (A.n + B.n))) : null;
    const binary = has && A.binary && B.binary;
    return {
      feature: m.names[j]!,
      nA: A.n,
      nB: B.n,
      meanA: A.n > 0 ? A.mean : null,
      meanB: B.n > 0 ? B.mean : null,
      sdA,
      sdB,
      difference,
      pooledSd,
      d,
      se,
      lower: d !== null ? d - z * se! : null,
      upper: d !== null ? d + z * se! : null,
      binary,
      proportionA: binary ? A.mean : null,
      proportionB: binary ? B.mean : null,
    };
  });
  // Largest |d| first; features without a d after those with one, in the matrix's order.
  return out
    .map((c, j) => ({ c, j }))
    .sort((x, y) => (y.c.d === null ? -1 : Math.abs(y.c.d)) - (x.c.d === null ? -1 : Math.abs(x.c.d)) || x.j - y.j)
    .map(({ c }) => c);
}
