/**
 * The classic 8-segment RFM (RFM 八类客户, as Chinese e-commerce platforms and their
 * analysts use it): recency, frequency and monetary value each high or low against a
 * cut-off (the population's mean, its median, or the user's values), and the 2 × 2 × 2
 * cells named 重要价值 … 一般挽留 (definitions in docs/value.md, "The 8-segment RFM").
 *
 * R is high when the last purchase is recent: recency days ≤ the cut-off. F and M are high
 * when ≥ their cut-off. A value exactly at the cut-off is therefore high in all three.
 * Every comparison is exact: a cut-off is a fraction num / den of integers (days, purchase
 * days, micro-units), and v is compared with it as v · den against num.
 */
import { ratio } from "./ranking.ts";

/** The eight segments, in code order: code = 4·(M low) + 2·(R low) + (F low). */
export const RFM8_SEGMENTS = [
  "important_value", // 重要价值客户: R high, F high, M high
  "important_development", // 重要发展客户: R high, F low, M high
  "important_retain", // 重要保持客户: R low, F high, M high
  "important_winback", // 重要挽留客户: R low, F low, M high
  "general_value", // 一般价值客户: R high, F high, M low
  "general_development", // 一般发展客户: R high, F low, M low
  "general_retain", // 一般保持客户: R low, F high, M low
  "general_winback", // 一般挽留客户: R low, F low, M low
] as const;

export type Rfm8Segment = (typeof RFM8_SEGMENTS)[number];

/** The suggested treatment of each segment (the web app and the HTML carry it in all three languages). */
export const RFM8_TREATMENT: Record<Rfm8Segment, string> = {
  important_value: "the best customers: keep them with personal service, early access and loyalty rewards",
  important_development: "recent and valuable but infrequent: raise frequency with membership, bundles and repurchase reminders",
  important_retain: "valuable and frequent but not recently: reach out personally before they leave",
  important_winback: "high value but lapsed and infrequent: personal win-back contact and an offer",
  general_value: "recent and frequent but low spend: raise the basket with cross-selling and upgrades",
  general_development: "new or occasional low spenders: welcome series and low-cost activation",
  general_retain: "frequent but lapsed low spenders: low-cost reminders and coupons",
  general_winback: "lapsed, infrequent, low value: cheapest channels only, or let go",
};

/** The segment of R, F and M each high (true) or low. */
export function rfm8Code(rHigh: boolean, fHigh: boolean, mHigh: boolean): number {
  return (mHigh ? 0 : 4) + (rHigh ? 0 : 2) + (fHigh ? 0 : 1);
}

/** A cut-off as an exact fraction of integers (den > 0): days, purchase days or micro-units. */
export interface Cutoff {
  num: bigint;
  den: bigint;
}

export interface Rfm8Cutoffs {
  r: Cutoff;
  f: Cutoff;
  m: Cutoff;
}

export type CutoffMethod = "mean" | "median" | "custom";

export interface Rfm8Input {
  /** Whole days from the last purchase to the as-of date. */
  recencyDays: Float64Array;
  /** Whole purchase days. */
  frequency: Float64Array;
  /** Monetary value in micro-units. */
  monetary: BigInt64Array;
}

function checkInput(input: Rfm8Input): number {
  const n = input.recencyDays.length;
  if (input.frequency.length !== n || input.monetary.length !== n) throw new RangeError("recency, frequency and monetary differ in length");
  for (let i = 0; i < n; i++) {
    if (!Number.isSafeInteger(input.recencyDays[i]!) || !Number.isSafeInteger(input.frequency[i]!)) {
      throw new RangeError(`customer ${i}: recency and frequency must be whole numbers`);
    }
  }
  return n;
}

/** The mean of integers as an exact fraction: their sum over their count. */
function meanOf(values: ArrayLike<number | bigint>): Cutoff {
  let sum = 0n;
  for (let i = 0; i < values.length; i++) sum += BigInt(values[i]!);
  return { num: sum, den: BigInt(values.length) };
}

/** The median of integers: the middle value, or the mean of the two middle values (den 2). */
function medianOf(values: Float64Array | BigInt64Array): Cutoff {
  const sorted = values.slice().sort();
  const n = sorted.length;
  if (n % 2 === 1) return { num: BigInt(sorted[(n - 1) / 2]!), den: 1n };
  return { num: BigInt(sorted[n / 2 - 1]!) + BigInt(sorted[n / 2]!), den: 2n };
}

/** The cut-offs of a population by its mean or its median; null for an empty population. */
export function rfm8Cutoffs(input: Rfm8Input, method: "mean" | "median"): Rfm8Cutoffs | null {
  const n = checkInput(input);
  if (n === 0) return null;
  const of = method === "mean" ? meanOf : medianOf;
  return { r: of(input.recencyDays), f: of(input.frequency), m: of(input.monetary) };
}

/** Whether R, F and M are high: recency days ≤ the cut-off, frequency and money ≥ theirs. */
export const isHigh = {
  r: (days: number, c: Cutoff) => BigInt(days) * c.den <= c.num,
  f: (count: number, c: Cutoff) => BigInt(count) * c.den >= c.num,
  m: (micros: bigint, c: Cutoff) => micros * c.den >= c.num,
};

/** Each customer's segment: an index into RFM8_SEGMENTS. */
export function rfm8Codes(input: Rfm8Input, cutoffs: Rfm8Cutoffs): Uint8Array {
  const n = checkInput(input);
  const code = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    code[i] = rfm8Code(isHigh.r(input.recencyDays[i]!, cutoffs.r), isHigh.f(input.frequency[i]!, cutoffs.f), isHigh.m(input.monetary[i]!, cutoffs.m));
  }
  return code;
}

export interface Rfm8Row {
  segment: Rfm8Segment;
  customers: number;
  /** customers / the population; 0 of an empty population. */
  customerShare: number;
  /** The segment's monetary sum (micro-units) and its share of the population's; null share of a zero total. */
  monetary: bigint;
  monetaryShare: number | null;
  /** Mean recency days, purchase days and money (micro-units, rounded half away from zero); null in an empty segment. */
  meanRecencyDays: number | null;
  meanFrequency: number | null;
  meanMonetary: bigint | null;
  treatment: string;
}

/** Each segment's size, money and means, in the order of RFM8_SEGMENTS (empty segments included). */
export function rfm8Summary(input: Rfm8Input, codes: Uint8Array): Rfm8Row[] {
  const n = checkInput(input);
  if (codes.length !== n) throw new RangeError("codes and customers differ in length");
  const customers = new Array<number>(8).fill(0);
  const days = new Array<number>(8).fill(0);
  const freq = new Array<number>(8).fill(0);
  const money = new Array<bigint>(8).fill(0n);
  let total = 0n;
  for (let i = 0; i < n; i++) {
    const s = codes[i]!;
    customers[s]!++;
    // Whole numbers: sums stay exact below 2⁵³.
    days[s]! += input.recencyDays[i]!;
    freq[s]! += input.frequency[i]!;
    money[s]! += input.monetary[i]!;
    total += input.monetary[i]!;
  }
  return RFM8_SEGMENTS.map((segment, s) => {
    const k = customers[s]!;
    return {
      segment,
      customers: k,
      customerShare: n ? k / n : 0,
      monetary: money[s]!,
      monetaryShare: ratio(money[s]!, total),
      meanRecencyDays: k ? days[s]! / k : null,
      meanFrequency: k ? freq[s]! / k : null,
      meanMonetary: k ? roundedQuotient(money[s]!, BigInt(k)) : null,
      treatment: RFM8_TREATMENT[segment],
    };
  });
}

/** a / b (b > 0) rounded half away from zero. */
export function roundedQuotient(a: bigint, b: bigint): bigint {
  const neg = a < 0n;
  const q = ((neg ? -a : a) * 2n + b) / (2n * b);
  return neg ? -q : q;
}

/** A cut-off's value as a number (days, purchase days, or micro-units), for display. */
export const cutoffValue = (c: Cutoff): number => Number(c.num) / Number(c.den);

/**
 * A decimal text ("30", "2.5", "199.99") as an exact cut-off in units of 1/scale (scale
 * 1 for days and purchase days, 10⁶ for money in micro-units); null when it is not a
 * plain decimal number.
 */
export function decimalCutoff(text: string, scale: bigint): Cutoff | null {
  const m = /^(-?)(\d{1,15})(?:\.(\d{1,12}))?$/.exec(text.trim());
  if (!m) return null;
  const frac = m[3] ?? "";
  const num = BigInt(m[2]! + frac) * scale;
  const den = 10n ** BigInt(frac.length);
  const g = gcd(num, den);
  return { num: (m[1] ? -num : num) / g, den: den / g };
}

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a === 0n ? 1n : a;
}
