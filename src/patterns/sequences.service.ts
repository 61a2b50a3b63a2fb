import type { Kysely } from "kysely";
import { purchaseEvents } from "../analytics/patterns/purchase-events.ts";
import { followRates, sequenceRules } from "../analytics/patterns/sequence-rules.ts";
import { mineSequences, sequenceElements } from "../analytics/patterns/sequences.ts";
import { dayNumber } from "../domain/days.ts";
import { RetainError } from "../errors.ts";
import { minCountFor } from "../analytics/patterns/fpgrowth.ts";
import { itemLabels, orderItems, type OrderItemsQuery } from "../store/order-items.repository.ts";
import { saveRun } from "../store/pattern-runs.repository.ts";
import type { Database } from "../store/schema.ts";
import type { PatternItem } from "./baskets.service.ts";
import { resolveScope, type Scope, type ScopeOptions } from "./scope.ts";

/**
 * Sequence discovery over customers' purchase histories (docs/sequences.md): what they buy
 * one after another, and the documents' "x% of the buyers of A buy B within N days" for
 * every pair of items, with the days it took.
 */
export interface SequenceOptions extends ScopeOptions {
  level?: OrderItemsQuery["level"];
  /** Minimum support as a share of the customers (default 0.01) — or give minCount. */
  minSupport?: number;
  minCount?: number;
  /** Most days between consecutive purchases of a pattern (default none). */
  maxGap?: number;
  /** Fewest days between them (default 1: a later day). */
  minGap?: number;
  /** Most days from a pattern's first purchase to its last (default none). */
  maxWindow?: number;
  /** Most purchases (elements) in a pattern (default 4). */
  maxLength?: number;
  /** Most items bought together in one element (default 2). */
  maxSize?: number;
  /** Minimum confidence of the rules (default 0.1). */
  minConfidence?: number;
  /** "A then B within N days": the N (default 90). */
  withinDays?: number;
  /** Days per bin of the timing histograms (default 7). */
  binDays?: number;
  /** Rows returned per list (default 100). */
  limit?: number;
}

export interface SequencePattern {
  elements: PatternItem[][];
  customers: number;
  support: number;
}

export interface SequenceRule {
  antecedent: PatternItem[][];
  consequent: PatternItem[][];
  customers: number;
  support: number;
  confidence: number;
  lift: number;
}

export interface FollowPair {
  a: PatternItem;
  b: PatternItem;
  /** Customers who bought A early enough to be watched for N days, and of them those who bought B 1…N days after. */
  buyers: number;
  followers: number;
  share: number;
  meanDays: number | null;
  /** Followers by days from A to B: bin k holds k·binDays + 1 … (k + 1)·binDays. */
  histogram: number[];
}

export interface SequenceReport {
  level: OrderItemsQuery["level"];
  scope: Scope;
  customers: number;
  events: number;
  thresholds: {
    minSupport: number; minCount: number; maxGap: number | null; minGap: number; maxWindow: number | null; maxLength: number; maxSize: number;
    minConfidence: number; withinDays: number; binDays: number;
  };
  patternsFound: number;
  rulesFound: number;
  pairsFound: number;
  patterns: SequencePattern[];
  rules: SequenceRule[];
  pairs: FollowPair[];
}

const whole = (v: number | undefined, min: number, field: string, what: string): void => {
  if (v !== undefined && !(Number.isInteger(v) && v >= min && v <= 3650)) {
    throw new RetainError("BAD_INPUT", `${what} ${v}: give a whole number of days from ${min} to 3650.`, { field });
  }
};

export async function analyzeSequences(
  db: Kysely<Database>,
  o: SequenceOptions,
  onProgress?: (orders: number) => void,
): Promise<{ report: SequenceReport; allPairs: FollowPair[] }> {
  const level = o.level ?? "product";
  if (o.minSupport !== undefined && o.minCount !== undefined) {
    throw new RetainError("BAD_INPUT", "give a minimum support as a share (minSupport) or as a count of customers (minCount), not both.", { field: "minCount" });
  }
  if (o.minSupport !== undefined && !(o.minSupport > 0 && o.minSupport <= 1)) {
    throw new RetainError("BAD_INPUT", `minimum support ${o.minSupport}: give a share of the customers above 0 and at most 1, such as 0.01 for 1%.`, { field: "minSupport" });
  }
  if (o.minCount !== undefined && !(Number.isInteger(o.minCount) && o.minCount >= 1)) {
    throw new RetainError("BAD_INPUT", `minimum count ${o.minCount}: give a whole number of customers, 1 or more.`, { field: "minCount" });
  }
  whole(o.maxGap, 1, "maxGap", "longest gap");
  whole(o.minGap, 1, "minGap", "shortest gap");
  whole(o.maxWindow, 1, "maxWindow", "longest window");
  whole(o.withinDays, 1, "withinDays", "within");
  whole(o.binDays, 1, "binDays", "days per bin");
  const maxLength = o.maxLength ?? 4;
  const maxSize = o.maxSize ?? 2;
  if (!(Number.isInteger(maxLength) && maxLength >= 2 && maxLength <= 10)) throw new RetainError("BAD_INPUT", `longest pattern ${maxLength}: give a whole number of purchases from 2 to 10.`, { field: "maxLength" });
  if (!(Number.isInteger(maxSize) && maxSize >= 1 && maxSize <= 10)) throw new RetainError("BAD_INPUT", `items per purchase ${maxSize}: give a whole number from 1 to 10.`, { field: "maxSize" });
  const minConfidence = o.minConfidence ?? 0.1;
  if (!(minConfidence >= 0 && minConfidence <= 1)) throw new RetainError("BAD_INPUT", `minimum confidence ${minConfidence}: give a share from 0 to 1, such as 0.1.`, { field: "minConfidence" });
  const minGap = o.minGap ?? 1;
  if (o.maxGap !== undefined && o.maxGap < minGap) throw new RetainError("BAD_INPUT", `the longest gap (${o.maxGap} days) is shorter than the shortest (${minGap}).`, { field: "maxGap" });
  const withinDays = o.withinDays ?? 90;
  const binDays = o.binDays ?? 7;
  const limit = o.limit ?? 100;

  const scope = await resolveScope(db, o);
  const orders = await orderItems(db, { level, from: scope.from, to: scope.to, ...(scope.segment ? { segment: scope.segment } : {}) }, onProgress);
  const events = purchaseEvents(orders, orders.keys.length);
  const customers = events.customerIds.length;
  const minCount = o.minCount ?? minCountFor(o.minSupport ?? 0.01, customers);
  const found = mineSequences(events, {
    minCount, maxlen: maxLength, maxsize: maxSize, mingap: minGap,
    ...(o.maxGap !== undefined ? { maxgap: o.maxGap } : {}),
    ...(o.maxWindow !== undefined ? { maxwin: o.maxWindow } : {}),
  });
  const rules = sequenceRules(found, minConfidence);
  // Only purchases of A with their whole N days inside the window count (asOf).
  // A pair is frequent as a pattern is: at least minCount customers bought A and then B.
  const pairs = followRates(events, withinDays, { asOf: dayNumber(scope.to), binDays, minBuyers: minCount, minFollowers: minCount });

  // Patterns of two or more purchases, by customers; rules by confidence.
  const multi: number[] = [];
  for (let i = 0; i < found.count; i++) if (found.prefix[i]! >= 0) multi.push(i);
  multi.sort((a, b) => found.support[b]! - found.support[a]! || a - b);
  const ruleOrder = Array.from({ length: rules.count }, (_, r) => r).sort((a, b) => rules.confidence[b]! - rules.confidence[a]! || rules.support[b]! - rules.support[a]! || a - b);
  const shownPatterns = multi.slice(0, limit);
  const shownRules = ruleOrder.slice(0, limit);

  const named = new Set<number>();
  for (const i of [...shownPatterns, ...shownRules.map((r) => rules.sequence[r]!)]) for (const el of sequenceElements(found, i)) for (const y of el) named.add(y);
  for (let p = 0; p < pairs.count; p++) {
    named.add(pairs.a[p]!);
    named.add(pairs.b[p]!);
  }
  const labels = await itemLabels(db, level, [...named].map((id) => orders.keys[id]!));
  const item = (id: number): PatternItem => {
    const key = orders.keys[id]!;
    return { key, label: labels.get(key) ?? key };
  };
  const elementsOf = (i: number) => sequenceElements(found, i).map((el) => el.map(item));

  const allPairs: FollowPair[] = [];
  for (let p = 0; p < pairs.count; p++) {
    allPairs.push({
      a: item(pairs.a[p]!),
      b: item(pairs.b[p]!),
      buyers: pairs.buyers[p]!,
      followers: pairs.followers[p]!,
      share: pairs.share[p]!,
      meanDays: Number.isFinite(pairs.meanDays[p]!) ? pairs.meanDays[p]! : null,
      histogram: Array.from(pairs.histograms.subarray(p * pairs.bins, (p + 1) * pairs.bins)),
    });
  }
  const report: SequenceReport = {
    level,
    scope,
    customers,
    events: events.eventTimes.length,
    thresholds: {
      minSupport: o.minSupport ?? (o.minCount === undefined ? 0.01 : minCount / Math.max(customers, 1)), minCount,
      maxGap: o.maxGap ?? null, minGap, maxWindow: o.maxWindow ?? null, maxLength, maxSize, minConfidence, withinDays, binDays,
    },
    patternsFound: multi.length,
    rulesFound: rules.count,
    pairsFound: pairs.count,
    patterns: shownPatterns.map((i) => ({ elements: elementsOf(i), customers: found.support[i]!, support: found.support[i]! / Math.max(customers, 1) })),
    rules: shownRules.map((r) => {
      const i = rules.sequence[r]!;
      const el = elementsOf(i);
      return { antecedent: el.slice(0, -1), consequent: el.slice(-1), customers: found.support[i]!, support: rules.support[r]!, confidence: rules.confidence[r]!, lift: rules.lift[r]! };
    }),
    pairs: allPairs.slice(0, limit),
  };
  return { report, allPairs };
}

/** Saves the "A then B within N days" pairs of an analysis as a run, for the next best offers. */
export async function saveSequenceRun(db: Kysely<Database>, r: { report: SequenceReport; allPairs: FollowPair[] }, createdBy: number | null): Promise<number> {
  const { report } = r;
  const customers = Math.max(report.customers, 1);
  return saveRun(db, {
    kind: "sequences",
    level: report.level,
    params: { scope: report.scope, thresholds: report.thresholds },
    summary: { customers: report.customers, events: report.events, patterns: report.patternsFound, rules: report.rulesFound, pairs: report.pairsFound },
    createdBy,
  }, r.allPairs.map((p) => ({
    antecedent: [p.a.key], consequent: [p.b.key],
    support: p.followers / customers, confidence: p.share, lift: null, leverage: null, conviction: null,
    count: p.followers, antecedent_count: p.buyers, within_days: report.thresholds.withinDays, mean_days: p.meanDays,
  })));
}
