/**
 * Association rules X ⇒ Y from frequent itemsets (Agrawal, Imieliński & Swami 1993, "Mining
 * association rules between sets of items in large databases", SIGMOD; Agrawal & Srikant
 * 1994, "Fast algorithms for mining association rules", VLDB, §3 for the rule generation).
 * Definitions in docs/baskets.md.
 *
 * For disjoint itemsets X (left-hand side, antecedent) and Y (right-hand side, consequent,
 * non-empty), with n transactions and count(·) the number of transactions holding a set
 * (count(∅) = n), Z = X ∪ Y, supp(·) = count(·) / n:
 *
 *   support    = supp(Z)                         the rule's own support: Z must be frequent
 *   confidence = count(Z) / count(X)             kept when ≥ minConfidence (compared in double)
 *   lift       = confidence / supp(Y)            (Brin, Motwani, Ullman & Tsur 1997)
 *   leverage   = supp(Z) − supp(X) · supp(Y)     (Piatetsky-Shapiro 1991)
 *   conviction = (1 − supp(Y)) / (1 − confidence) (Brin, Motwani, Ullman & Tsur 1997),
 *                Infinity when confidence = 1 (count(Z) = count(X)), as mlxtend reports it;
 *                arules' interestMeasure computes the same ratio, f1x·fx0 / (N·f10), but
 *                turns every non-finite value into NA
 *
 * Which rules (Z ranges over the frequent itemsets):
 * - "single" (default): Y is one item, as arules' apriori(): for every frequent Z with
 *   |Z| ≥ minLength and every y ∈ Z, the rule Z \ {y} ⇒ {y}. With arules' default
 *   minlen = 1 this includes {} ⇒ {y}, of confidence supp(y), whenever supp(y) ≥
 *   minConfidence (arules' own test: 7 transactions, supp 0.25, conf 0 give 18 rules, five of
 *   them with an empty left-hand side); minLength = 2 drops them (arules' minlen = 2).
 * - "all": every non-empty proper subset X of Z as the left-hand side, Y = Z \ X, as
 *   mlxtend's association_rules(metric = "confidence"); the left-hand side is never empty.
 *
 * Order: lift descending, then confidence descending, then support descending, then the
 * left-hand side's item ids, then the right-hand side's (lexicographically, ascending).
 */

import type { FrequentItemsets } from "./fpgrowth.ts";

export type ConsequentMode = "single" | "all";

export interface RuleOptions {
  /** Minimum confidence in [0, 1]; 0.8 by default, as in arules and mlxtend. */
  minConfidence?: number;
  /** "single" (one item on the right, arules; default) or "all" (any split, mlxtend). */
  consequents?: ConsequentMode;
  /** Minimum number of items in X ∪ Y (arules' minlen); 1 by default. */
  minLength?: number;
}

/** Rules, flat: rule r is lhsItems[lhsOffsets[r] … lhsOffsets[r + 1]) ⇒ rhsItems[rhsOffsets[r] …], ids ascending. */
export interface AssociationRules {
  readonly transactionCount: number;
  readonly size: number;
  readonly lhsOffsets: Uint32Array;
  readonly lhsItems: Uint32Array;
  readonly rhsOffsets: Uint32Array;
  readonly rhsItems: Uint32Array;
  /** count(X ∪ Y), count(X), count(Y). */
  readonly count: Uint32Array;
  readonly lhsCount: Uint32Array;
  readonly rhsCount: Uint32Array;
  readonly support: Float64Array;
  readonly confidence: Float64Array;
  readonly lift: Float64Array;
  readonly leverage: Float64Array;
  readonly conviction: Float64Array;
}

/** One rule as a plain object. */
export interface Rule {
  lhs: number[];
  rhs: number[];
  count: number;
  lhsCount: number;
  rhsCount: number;
  support: number;
  confidence: number;
  lift: number;
  leverage: number;
  conviction: number;
}

class Growable {
  data: Uint32Array;
  length = 0;
  constructor(size = 1024) {
    this.data = new Uint32Array(size);
  }
  push(x: number): void {
    if (this.length === this.data.length) {
      const data = new Uint32Array(2 * this.data.length);
      data.set(this.data);
      this.data = data;
    }
    this.data[this.length++] = x;
  }
}

/** The rules of the frequent itemsets that reach minConfidence (definitions in the header). */
export function associationRules(sets: FrequentItemsets, options: RuleOptions = {}): AssociationRules {
  const { minConfidence = 0.8, consequents = "single", minLength = 1 } = options;
  if (!(minConfidence >= 0 && minConfidence <= 1)) throw new RangeError(`minConfidence must lie in [0, 1], got ${minConfidence}`);
  if (consequents !== "single" && consequents !== "all") throw new RangeError(`consequents must be "single" or "all", got ${String(consequents)}`);
  if (!Number.isInteger(minLength) || minLength < 1) throw new RangeError(`minLength must be a whole number ≥ 1, got ${minLength}`);
  const n = sets.transactionCount;
  const { offsets, items, counts } = sets;

  // Candidates: the itemset Z, which of its positions form X (a bit mask in "all" mode, the
  // position of the single consequent otherwise), count(X) and count(Y).
  const src = new Growable();
  const pick = new Growable();
  const lhsC = new Growable();
  const rhsC = new Growable();
  let longest = 0;
  for (let i = 0; i < sets.size; i++) longest = Math.max(longest, offsets[i + 1]! - offsets[i]!);
  const lhsBuf = new Uint32Array(longest);
  const rhsBuf = new Uint32Array(longest);

  if (consequents === "single") {
    const single = new Int32Array(sets.itemCount).fill(-1);
    for (let i = 0; i < sets.size; i++) if (offsets[i + 1]! - offsets[i]! === 1) single[items[offsets[i]!]!] = counts[i]!;
    for (let i = 0; i < sets.size; i++) {
      const s = offsets[i]!;
      const len = offsets[i + 1]! - s;
      if (len < minLength) continue;
      const cZ = counts[i]!;
      for (let p = 0; p < len; p++) {
        let cX = n;
        if (len > 1) {
          for (let q = 0, w = 0; q < len; q++) if (q !== p) lhsBuf[w++] = items[s + q]!;
          cX = sets.indexOfRange(lhsBuf, 0, len - 1);
          if (cX < 0) throw new RangeError("the itemsets are not closed under subsets: mine them with fpGrowth");
          cX = counts[cX]!;
        }
        if (cZ / cX >= minConfidence) {
          src.push(i);
          pick.push(p);
          lhsC.push(cX);
          rhsC.push(single[items[s + p]!]!);
        }
      }
    }
  } else {
    for (let i = 0; i < sets.size; i++) {
      const s = offsets[i]!;
      const len = offsets[i + 1]! - s;
      if (len < 2 || len < minLength) continue;
      if (len > 30) throw new RangeError(`an itemset of ${len} items has too many splits for consequents: "all"`);
      const cZ = counts[i]!;
      const full = 2 ** len - 1;
      for (let mask = 1; mask < full; mask++) {
        let a = 0;
        let b = 0;
        for (let q = 0; q < len; q++) {
          if (mask & (1 << q)) lhsBuf[a++] = items[s + q]!;
          else rhsBuf[b++] = items[s + q]!;
        }
        const x = sets.indexOfRange(lhsBuf, 0, a);
        const y = sets.indexOfRange(rhsBuf, 0, b);
        if (x < 0 || y < 0) throw new RangeError("the itemsets are not closed under subsets: mine them with fpGrowth");
        if (cZ / counts[x]! >= minConfidence) {
          src.push(i);
          pick.push(mask);
          lhsC.push(counts[x]!);
          rhsC.push(counts[y]!);
        }
      }
    }
  }

  // Materialise the candidates, then reorder them.
  const m = src.length;
  const lhsOff = new Uint32Array(m + 1);
  const rhsOff = new Uint32Array(m + 1);
  for (let r = 0; r < m; r++) {
    const len = offsets[src.data[r]! + 1]! - offsets[src.data[r]!]!;
    const lhsLen = consequents === "single" ? len - 1 : popcount(pick.data[r]!);
    lhsOff[r + 1] = lhsOff[r]! + lhsLen;
    rhsOff[r + 1] = rhsOff[r]! + len - lhsLen;
  }
  const lhsIt = new Uint32Array(lhsOff[m]!);
  const rhsIt = new Uint32Array(rhsOff[m]!);
  for (let r = 0; r < m; r++) {
    const s = offsets[src.data[r]!]!;
    const len = offsets[src.data[r]! + 1]! - s;
    let a = lhsOff[r]!;
    let b = rhsOff[r]!;
    for (let q = 0; q < len; q++) {
      const inLhs = consequents === "single" ? q !== pick.data[r] : (pick.data[r]! & (1 << q)) !== 0;
      if (inLhs) lhsIt[a++] = items[s + q]!;
      else rhsIt[b++] = items[s + q]!;
    }
  }
  const cnt = new Uint32Array(m);
  const support = new Float64Array(m);
  const confidence = new Float64Array(m);
  const lift = new Float64Array(m);
  const leverage = new Float64Array(m);
  const conviction = new Float64Array(m);
  for (let r = 0; r < m; r++) {
    const cZ = counts[src.data[r]!]!;
    const cX = lhsC.data[r]!;
    const suppY = rhsC.data[r]! / n;
    cnt[r] = cZ;
    support[r] = cZ / n;
    confidence[r] = cZ / cX;
    lift[r] = confidence[r]! / suppY;
    leverage[r] = support[r]! - (cX / n) * suppY;
    conviction[r] = cZ === cX ? Infinity : (1 - suppY) / (1 - confidence[r]!);
  }
  // A plain array: V8 sorts it with a comparator faster than a typed array.
  const order = Array.from({ length: m }, (_, r) => r);
  const compareItems = (it: Uint32Array, off: Uint32Array, a: number, b: number): number => {
    const la = off[a + 1]! - off[a]!;
    const lb = off[b + 1]! - off[b]!;
    for (let q = 0; q < Math.min(la, lb); q++) {
      const d = it[off[a]! + q]! - it[off[b]! + q]!;
      if (d !== 0) return d;
    }
    return la - lb;
  };
  order.sort(
    (a, b) =>
      lift[b]! - lift[a]! ||
      confidence[b]! - confidence[a]! ||
      cnt[b]! - cnt[a]! ||
      compareItems(lhsIt, lhsOff, a, b) ||
      compareItems(rhsIt, rhsOff, a, b),
  );

  const gather = <T extends Uint32Array | Float64Array>(a: T): T => {
    const out = new (a.constructor as new (size: number) => T)(m);
    for (let r = 0; r < m; r++) out[r] = a[order[r]!]!;
    return out;
  };
  const regroup = (it: Uint32Array, off: Uint32Array): [Uint32Array, Uint32Array] => {
    const o = new Uint32Array(m + 1);
    const out = new Uint32Array(it.length);
    for (let r = 0, w = 0; r < m; r++) {
      const k = order[r]!;
      for (let q = off[k]!; q < off[k + 1]!; q++) out[w++] = it[q]!;
      o[r + 1] = w;
    }
    return [o, out];
  };
  const [lhsOffsets, lhsItems] = regroup(lhsIt, lhsOff);
  const [rhsOffsets, rhsItems] = regroup(rhsIt, rhsOff);
  return {
    transactionCount: n,
    size: m,
    lhsOffsets,
    lhsItems,
    rhsOffsets,
    rhsItems,
    count: gather(cnt),
    lhsCount: gather(lhsC.data.subarray(0, m)),
    rhsCount: gather(rhsC.data.subarray(0, m)),
    support: gather(support),
    confidence: gather(confidence),
    lift: gather(lift),
    leverage: gather(leverage),
    conviction: gather(conviction),
  };
}

function popcount(x: number): number {
  let c = 0;
  for (; x !== 0; x &= x - 1) c++;
  return c;
}

/** Rule r as a plain object. */
export function ruleAt(rules: AssociationRules, r: number): Rule {
  return {
    lhs: Array.from(rules.lhsItems.subarray(rules.lhsOffsets[r]!, rules.lhsOffsets[r + 1]!)),
    rhs: Array.from(rules.rhsItems.subarray(rules.rhsOffsets[r]!, rules.rhsOffsets[r + 1]!)),
    count: rules.count[r]!,
    lhsCount: rules.lhsCount[r]!,
    rhsCount: rules.rhsCount[r]!,
    support: rules.support[r]!,
    confidence: rules.confidence[r]!,
    lift: rules.lift[r]!,
    leverage: rules.leverage[r]!,
    conviction: rules.conviction[r]!,
  };
}
