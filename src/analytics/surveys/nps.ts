/**
 * The Net Promoter Score (docs/surveys.md, "NPS"): promoters minus detractors on the
 * 0–10 "would you recommend us" question, with its interval.
 */
import { Z95 } from "../stats/proportions.ts";

export interface Nps {
  /** Answers counted (NaN entries, the unanswered, are not). */
  n: number;
  /** Answers 9–10. */
  promoters: number;
  /** Answers 7–8. */
  passives: number;
  /** Answers 0–6. */
  detractors: number;
  /** 100 × (promoters − detractors) ÷ n, in −100..100; null when n is 0. */
  score: number | null;
  /** The 95% interval of the score, clipped to −100..100. */
  low: number | null;
  high: number | null;
}

/**
 * NPS = 100 × (P − D), P and D the shares of promoters (9–10) and detractors (0–6)
 * (Reichheld 2003, "The one number you need to grow", Harvard Business Review 81(12):46–54).
 * Interval: the Wald (normal) interval for a difference of two proportions of one
 * multinomial sample, Var(P̂ − D̂) = (P + D − (P − D)²)/n, since Cov(P̂, D̂) = −PD/n
 * (the Wald interval of Rocks 2016, "Interval estimation for the 'Net Promoter Score'", Am.
 * Stat. 70(4):365–372): 100 × (P̂ − D̂ ± z·√Var), clipped to −100..100. NaN entries are
 * skipped; any other answer that is not a whole number 0–10 is a RangeError.
 */
export function nps(scores: ArrayLike<number>): Nps {
  let promoters = 0;
  let passives = 0;
  let detractors = 0;
  for (let i = 0; i < scores.length; i++) {
    const x = scores[i] as number;
    if (Number.isNaN(x)) continue;
    if (!(Number.isInteger(x) && x >= 0 && x <= 10)) throw new RangeError(`nps: answer ${x} at ${i} is not a whole number 0–10`);
    if (x >= 9) promoters++;
    else if (x >= 7) passives++;
    else detractors++;
  }
  const n = promoters + passives + detractors;
  if (n === 0) return { n, promoters, passives, detractors, score: null, low: null, high: null };
  const P = promoters / n;
  const D = detractors / n;
  const half = Z95 * Math.sqrt(Math.max(0, P + D - (P - D) ** 2) / n);
  return {
    n, promoters, passives, detractors,
    score: 100 * (P - D),
    low: Math.max(-100, 100 * (P - D - half)),
    high: Math.min(100, 100 * (P - D + half)),
  };
}
