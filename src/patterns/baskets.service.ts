import type { Kysely } from "kysely";
import { associationRules, type ConsequentMode } from "../analytics/patterns/association-rules.ts";
import { fpGrowth, minCountFor } from "../analytics/patterns/fpgrowth.ts";
import { RetainError } from "../errors.ts";
import { itemLabels, orderItems, type OrderItemsQuery } from "../store/order-items.repository.ts";
import { saveRun } from "../store/pattern-runs.repository.ts";
import type { Database } from "../store/schema.ts";
import { resolveScope, type Scope, type ScopeOptions } from "./scope.ts";

/**
 * Basket analysis over the store's orders (docs/baskets.md): each sale order is a basket,
 * its frequent itemsets by FP-growth and the association rules among them, with every
 * threshold stated in the answer.
 */
export interface BasketOptions extends ScopeOptions {
  level?: OrderItemsQuery["level"];
  /** Minimum support as a share of the baskets (default 0.01) — or give minCount. */
  minSupport?: number;
  minCount?: number;
  /** Minimum confidence (default 0.5). */
  minConfidence?: number;
  /** Longest itemset (default 4). */
  maxLength?: number;
  consequents?: ConsequentMode;
  /** Rules returned, best first by `sort` (default 100; all are counted). */
  limit?: number;
  sort?: "lift" | "confidence" | "support";
}

export interface PatternItem {
  key: string;
  label: string;
}

export interface BasketRule {
  antecedent: PatternItem[];
  consequent: PatternItem[];
  /** Baskets with every item of the rule, with the antecedent's, with the consequent's. */
  count: number;
  antecedentCount: number;
  consequentCount: number;
  support: number;
  confidence: number;
  lift: number;
  leverage: number;
  /** null when the confidence is 1 (an infinite conviction). */
  conviction: number | null;
}

export interface BasketReport {
  level: OrderItemsQuery["level"];
  scope: Scope;
  baskets: number;
  items: number;
  thresholds: { minSupport: number; minCount: number; minConfidence: number; maxLength: number; consequents: ConsequentMode };
  itemsets: number;
  rulesFound: number;
  sort: NonNullable<BasketOptions["sort"]>;
  /** The most frequent single items. */
  topItems: Array<PatternItem & { count: number; support: number }>;
  rules: BasketRule[];
}

/** The baskets' rules, all of them (the saved runs keep every rule), and the report's view of them. */
export async function analyzeBaskets(
  db: Kysely<Database>,
  o: BasketOptions,
  onProgress?: (orders: number) => void,
): Promise<{ report: BasketReport; all: BasketRule[] }> {
  const level = o.level ?? "product";
  const minConfidence = o.minConfidence ?? 0.5;
  const maxLength = o.maxLength ?? 4;
  const consequents = o.consequents ?? "single";
  const sort = o.sort ?? "lift";
  if (o.minSupport !== undefined && o.minCount !== undefined) {
    throw new RetainError("BAD_INPUT", "give a minimum support as a share (minSupport) or as a count of baskets (minCount), not both.", { field: "minCount" });
  }
  if (o.minSupport !== undefined && !(o.minSupport > 0 && o.minSupport <= 1)) {
    throw new RetainError("BAD_INPUT", `minimum support ${o.minSupport}: give a share of the baskets above 0 and at most 1, such as 0.01 for 1%.`, { field: "minSupport" });
  }
  if (o.minCount !== undefined && !(Number.isInteger(o.minCount) && o.minCount >= 1)) {
    throw new RetainError("BAD_INPUT", `minimum count ${o.minCount}: give a whole number of baskets, 1 or more.`, { field: "minCount" });
  }
  if (!(minConfidence >= 0 && minConfidence <= 1)) throw new RetainError("BAD_INPUT", `minimum confidence ${minConfidence}: give a share from 0 to 1, such as 0.5.`, { field: "minConfidence" });
  if (!(Number.isInteger(maxLength) && maxLength >= 2 && maxLength <= 10)) throw new RetainError("BAD_INPUT", `longest itemset ${maxLength}: give a whole number from 2 to 10.`, { field: "maxLength" });

  const scope = await resolveScope(db, o);
  const orders = await orderItems(db, { level, from: scope.from, to: scope.to, ...(scope.segment ? { segment: scope.segment } : {}) }, onProgress);
  const n = orders.orders;
  const minCount = o.minCount ?? minCountFor(o.minSupport ?? 0.01, n);
  const sets = fpGrowth({ itemCount: orders.keys.length, offsets: orders.offsets, items: orders.items }, { minCount, maxLength });
  const rules = associationRules(sets, { minConfidence, consequents, minLength: 2 });

  // Labels of the items the answer names.
  const named = new Set<number>();
  for (let r = 0; r < rules.size; r++) {
    for (let j = rules.lhsOffsets[r]!; j < rules.lhsOffsets[r + 1]!; j++) named.add(rules.lhsItems[j]!);
    for (let j = rules.rhsOffsets[r]!; j < rules.rhsOffsets[r + 1]!; j++) named.add(rules.rhsItems[j]!);
  }
  const singles: Array<{ id: number; count: number }> = [];
  for (let i = 0; i < sets.size; i++) if (sets.offsets[i + 1]! - sets.offsets[i]! === 1) singles.push({ id: sets.items[sets.offsets[i]!]!, count: sets.counts[i]! });
  singles.sort((a, b) => b.count - a.count || a.id - b.id);
  const top = singles.slice(0, 20);
  for (const s of top) named.add(s.id);
  const labels = await itemLabels(db, level, [...named].map((id) => orders.keys[id]!));
  const item = (id: number): PatternItem => {
    const key = orders.keys[id]!;
    return { key, label: labels.get(key) ?? key };
  };

  const all: BasketRule[] = [];
  for (let r = 0; r < rules.size; r++) {
    all.push({
      antecedent: Array.from(rules.lhsItems.subarray(rules.lhsOffsets[r]!, rules.lhsOffsets[r + 1]!), item),
      consequent: Array.from(rules.rhsItems.subarray(rules.rhsOffsets[r]!, rules.rhsOffsets[r + 1]!), item),
      count: rules.count[r]!,
      antecedentCount: rules.lhsCount[r]!,
      consequentCount: rules.rhsCount[r]!,
      support: rules.support[r]!,
      confidence: rules.confidence[r]!,
      lift: rules.lift[r]!,
      leverage: rules.leverage[r]!,
      conviction: Number.isFinite(rules.conviction[r]!) ? rules.conviction[r]! : null,
    });
  }
  // The miner's order is lift first; by confidence or support, ties keep it.
  const ordered = sort === "lift" ? all : [...all].sort((a, b) => b[sort] - a[sort]);
  const report: BasketReport = {
    level,
    scope,
    baskets: n,
    items: orders.keys.length,
    thresholds: { minSupport: o.minSupport ?? (o.minCount === undefined ? 0.01 : minCount / Math.max(n, 1)), minCount, minConfidence, maxLength, consequents },
    itemsets: sets.size,
    rulesFound: rules.size,
    sort,
    topItems: top.map((s) => ({ ...item(s.id), count: s.count, support: n ? s.count / n : 0 })),
    rules: ordered.slice(0, o.limit ?? 100),
  };
  return { report, all };
}

/** Saves a basket analysis's rules as a run, for the next best offers; returns the run's id. */
export async function saveBasketRun(db: Kysely<Database>, r: { report: BasketReport; all: BasketRule[] }, createdBy: number | null): Promise<number> {
  const { report } = r;
  return saveRun(db, {
    kind: "baskets",
    level: report.level,
    params: { scope: report.scope, thresholds: report.thresholds },
    summary: { baskets: report.baskets, items: report.items, itemsets: report.itemsets, rules: report.rulesFound },
    createdBy,
  }, r.all.map((x) => ({
    antecedent: x.antecedent.map((i) => i.key), consequent: x.consequent.map((i) => i.key),
    support: x.support, confidence: x.confidence, lift: x.lift, leverage: x.leverage, conviction: x.conviction,
    count: x.count, antecedent_count: x.antecedentCount, within_days: null, mean_days: null,
  })));
}
