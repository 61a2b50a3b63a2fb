/**
 * Kano's classification of a feature from a pair of questions: "how would you feel if it
 * had X?" (functional) and "…if it did not have X?" (dysfunctional), each answered
 * 1 = I like it, 2 = I expect it (must-be), 3 = I am neutral, 4 = I can live with it,
 * 5 = I dislike it (Kano, Seraku, Takahashi & Tsuji 1984, "Attractive quality and must-be
 * quality", J. Japanese Society for Quality Control 14(2):39–48; Berger et al. 1993,
 * "Kano's methods for understanding customer-defined quality", Center for Quality
 * Management Journal 2(4):3–36). See docs/surveys.md, "Kano".
 */

export type KanoAnswer = 1 | 2 | 3 | 4 | 5;
/** Attractive, one-dimensional, must-be, indifferent, reverse, questionable. */
export type KanoCategory = "A" | "O" | "M" | "I" | "R" | "Q";
export const KANO_CATEGORIES: readonly KanoCategory[] = ["A", "O", "M", "I", "R", "Q"];

/**
 * Berger et al.'s evaluation table: row = the functional answer, column = the
 * dysfunctional answer, both in the order like, must-be, neutral, live with, dislike.
 */
const TABLE: readonly (readonly KanoCategory[])[] = [
  ["Q", "A", "A", "A", "O"],
  ["R", "I", "I", "I", "M"],
  ["R", "I", "I", "I", "M"],
  ["R", "I", "I", "I", "M"],
  ["R", "R", "R", "R", "Q"],
];

/**
 * When two categories are equally frequent, the one whose neglect costs most wins:
 * M > O > A > I (Berger et al. 1993); reverse and questionable answers come last.
 */
const PRECEDENCE: readonly KanoCategory[] = ["M", "O", "A", "I", "R", "Q"];

const isAnswer = (x: number): x is KanoAnswer => Number.isInteger(x) && x >= 1 && x <= 5;

/** One respondent's category for a feature, from Berger et al.'s (1993) evaluation table. */
export function kanoCategory(functional: KanoAnswer, dysfunctional: KanoAnswer): KanoCategory {
  if (!isAnswer(functional) || !isAnswer(dysfunctional)) throw new RangeError(`kanoCategory: answers must be whole numbers 1–5 (got ${functional}, ${dysfunctional})`);
  return TABLE[functional - 1]![dysfunctional - 1]!;
}

export interface KanoFeature {
  /** Answer pairs counted. */
  n: number;
  counts: Record<KanoCategory, number>;
  /** The most frequent category (ties: M > O > A > I > R > Q); null without answers. */
  category: KanoCategory | null;
  /** Better = (A + O)/(A + O + M + I), 0..1: how much having the feature raises satisfaction. */
  better: number | null;
  /** Worse = −(O + M)/(A + O + M + I), −1..0: how much lacking it lowers satisfaction. */
  worse: number | null;
}

/**
 * A feature's Kano result over its respondents' answer pairs [functional, dysfunctional]:
 * the count per category, the most frequent category (Berger et al. 1993, ties broken
 * M > O > A > I), and Timko's customer-satisfaction coefficients (Timko 1993, "An
 * experiment in continuous analysis", in Berger et al. 1993, CQM Journal 2(4)):
 * Better = (A + O)/(A + O + M + I), Worse = −(O + M)/(A + O + M + I); both null when no
 * answer falls in A, O, M or I. A pair that is not two whole numbers 1–5 is a RangeError.
 */
export function kanoFeature(pairs: ReadonlyArray<readonly [number, number]>): KanoFeature {
  const counts: Record<KanoCategory, number> = { A: 0, O: 0, M: 0, I: 0, R: 0, Q: 0 };
  pairs.forEach(([f, d], i) => {
    if (!isAnswer(f) || !isAnswer(d)) throw new RangeError(`kanoFeature: pair ${i} is [${f}, ${d}], answers must be whole numbers 1–5`);
    counts[kanoCategory(f, d)]++;
  });
  const n = pairs.length;
  let category: KanoCategory | null = null;
  for (const c of PRECEDENCE) if (counts[c] > 0 && (category === null || counts[c] > counts[category])) category = c;
  const { A, O, M, I } = counts;
  const base = A + O + M + I;
  return { n, counts, category, better: base ? (A + O) / base : null, worse: base ? -(O + M) / base : null };
}
