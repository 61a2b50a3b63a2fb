import type { Kysely } from "kysely";
import { dayNumber } from "../domain/days.ts";
import { RetainError } from "../errors.ts";
import { orderDateRange } from "../store/series.repository.ts";
import { customerItems, itemLabels } from "../store/order-items.repository.ts";
import { applicableRules, latestRun } from "../store/pattern-runs.repository.ts";
import type { Database } from "../store/schema.ts";
import type { PatternItem } from "./baskets.service.ts";

/**
 * The next best offers for one customer (docs/patterns.md, "Next best offer"): the items
 * the latest saved basket and sequence runs say this customer is most likely to buy next,
 * given what they have bought, leaving out what they already have. Each offer carries its
 * reason: the rule behind it, in figures a person can check.
 */
export interface NextOffer {
  item: PatternItem;
  /** The rule's confidence: the share of baskets (or buyers) like this one that went on to it. */
  score: number;
  reason:
    | { kind: "basket"; because: PatternItem[]; confidence: number; lift: number | null; baskets: number; runId: number }
    | { kind: "sequence"; because: PatternItem; boughtOn: string; withinDays: number; share: number; buyers: number; meanDays: number | null; runId: number };
  /** The reason in English; the web app words it in the reader's language from `reason`. */
  text: string;
}

export interface NextOffers {
  customerId: number;
  offers: NextOffer[];
  runs: { baskets: { runId: number; createdAt: string; level: string } | null; sequences: { runId: number; createdAt: string; level: string } | null };
}

const pct = (x: number) => `${(x * 100).toFixed(x < 0.1 ? 1 : 0)}%`;

export async function nextOffers(db: Kysely<Database>, customerId: number, o: { limit?: number } = {}): Promise<NextOffers> {
  const limit = o.limit ?? 5;
  const exists = await db.selectFrom("customers").select("customer_id").where("customer_id", "=", customerId).executeTakeFirst();
  if (!exists) throw new RetainError("NOT_FOUND", `no customer ${customerId}.`, { field: "id" });
  const [basketRun, sequenceRun] = await Promise.all([latestRun(db, "baskets"), latestRun(db, "sequences")]);
  const best = new Map<string, NextOffer>();
  const consider = (offer: NextOffer) => {
    const had = best.get(offer.item.key);
    if (!had || offer.score > had.score) best.set(offer.item.key, offer);
  };

  // The sequence rules speak of the N days after a purchase of A: only purchases of A that
  // recent, counted back from the latest sale in the store.
  const latest = dayNumber((await orderDateRange(db))?.last ?? "1970-01-01");
  const labelsWanted: Array<{ level: "product" | "category"; keys: string[] }> = [];
  const pending: Array<() => void> = [];
  for (const run of [basketRun, sequenceRun]) {
    if (!run) continue;
    const owned = await customerItems(db, customerId, run.level);
    if (owned.size === 0) continue;
    const rules = await applicableRules(db, Number(run.run_id), [...owned.keys()], 200);
    const keys = new Set<string>();
    for (const r of rules) for (const k of [...r.antecedent, ...r.consequent]) keys.add(k);
    labelsWanted.push({ level: run.level, keys: [...keys] });
    pending.push(() => {
      for (const r of rules) {
        for (const k of r.consequent.filter((c) => !owned.has(c))) {
          if (run.kind === "baskets") {
            consider({
              item: item(k),
              score: r.confidence,
              reason: { kind: "basket", because: r.antecedent.map(item), confidence: r.confidence, lift: r.lift, baskets: r.count, runId: Number(run.run_id) },
              text: `Bought ${r.antecedent.map((a) => item(a).label).join(" and ")}; ${pct(r.confidence)} of baskets with ${r.antecedent.length > 1 ? "them" : "it"} also held ${item(k).label} (${r.lift?.toFixed(1) ?? "—"}× as often as baskets in general).`,
            });
          } else {
            const a = r.antecedent[0]!;
            // "Within N days" of a purchase long past has already not happened.
            if (dayNumber(owned.get(a)!) < latest - (r.within_days ?? 0)) continue;
            consider({
              item: item(k),
              score: r.confidence,
              reason: { kind: "sequence", because: item(a), boughtOn: owned.get(a)!, withinDays: r.within_days ?? 0, share: r.confidence, buyers: r.antecedent_count, meanDays: r.mean_days, runId: Number(run.run_id) },
              text: `Bought ${item(a).label} (last on ${owned.get(a)}); ${pct(r.confidence)} of its ${r.antecedent_count} buyers bought ${item(k).label} within ${r.within_days} days${r.mean_days === null ? "" : `, after ${Math.round(r.mean_days)} days on average`}.`,
            });
          }
        }
      }
    });
  }
  const labels = new Map<string, string>();
  for (const w of labelsWanted) for (const [k, v] of await itemLabels(db, w.level, w.keys)) labels.set(k, v);
  const item = (key: string): PatternItem => ({ key, label: labels.get(key) ?? key });
  for (const p of pending) p();

  const runInfo = (r: typeof basketRun) => (r ? { runId: Number(r.run_id), createdAt: r.created_at.toISOString(), level: r.level } : null);
  return {
    customerId,
    offers: [...best.values()].sort((a, b) => b.score - a.score || a.item.label.localeCompare(b.item.label)).slice(0, limit),
    runs: { baskets: runInfo(basketRun), sequences: runInfo(sequenceRun) },
  };
}
