/**
 * Customer satisfaction (CSAT): the share of answers in the top boxes of a rating scale,
 * with its interval (docs/surveys.md, "CSAT").
 */
import { wilson } from "../stats/proportions.ts";

export interface CsatScale {
  /** The lowest and highest answer of the scale (1 and 5 on a five-point scale). */
  min: number;
  max: number;
  /** The lowest answer that counts as satisfied. */
  satisfiedFrom: number;
}

/** Top-2 box on a 1–5 scale: 4 (satisfied) and 5 (very satisfied) count. */
export const DEFAULT_CSAT_SCALE: Readonly<CsatScale> = Object.freeze({ min: 1, max: 5, satisfiedFrom: 4 });

export interface Csat {
  /** Answers counted (NaN entries, the unanswered, are not). */
  n: number;
  /** Answers ≥ satisfiedFrom. */
  satisfied: number;
  /** satisfied ÷ n, null when n is 0. */
  share: number | null;
  /** Wilson's 95% interval for the share. */
  low: number | null;
  high: number | null;
  /** The mean answer, on the scale's own units. */
  mean: number | null;
}

/**
 * CSAT = #{answers ≥ satisfiedFrom} ÷ #{answers}, the "top-box" share, with Wilson's 95%
 * score interval (Wilson 1927, J. Am. Stat. Assoc. 22:209–212), and the mean answer. NaN
 * entries are unanswered and skipped; an answer outside [min, max] is a RangeError.
 */
export function csat(scores: ArrayLike<number>, scale: CsatScale = DEFAULT_CSAT_SCALE): Csat {
  const { min, max, satisfiedFrom } = scale;
  if (!(Number.isFinite(min) && Number.isFinite(max) && min < max && satisfiedFrom > min && satisfiedFrom <= max)) {
    throw new RangeError(`csat: the scale needs min < satisfiedFrom ≤ max (got ${min}, ${satisfiedFrom}, ${max})`);
  }
  let n = 0;
  let satisfied = 0;
  let sum = 0;
  for (let i = 0; i < scores.length; i++) {
    const x = scores[i] as number;
    if (Number.isNaN(x)) continue;
    if (!(x >= min && x <= max)) throw new RangeError(`csat: answer ${x} at ${i} lies outside the scale ${min}–${max}`);
    n++;
    sum += x;
    if (x >= satisfiedFrom) satisfied++;
  }
  const ci = wilson(satisfied, n);
  return { n, satisfied, share: n ? satisfied / n : null, low: ci ? ci[0] : null, high: ci ? ci[1] : null, mean: n ? sum / n : null };
}
