import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OrderLineInput } from "../../src/domain/inputs.ts";
import { analyzeBaskets, saveBasketRun } from "../../src/patterns/baskets.service.ts";
import { nextOffers } from "../../src/patterns/next-offers.service.ts";
import { analyzeSequences, saveSequenceRun } from "../../src/patterns/sequences.service.ts";
import type { Store } from "../../src/store/connect.ts";
import { listRuns } from "../../src/store/pattern-runs.repository.ts";
import { importLines } from "../support/import-rows.ts";
import { freshStore, STORE_KINDS } from "../support/stores.ts";

const line = (customerRef: string, orderNo: string, orderedAt: string, sku: string): OrderLineInput => ({ customerRef, orderNo, orderedAt, sku, description: sku.toLowerCase(), quantity: "1", amount: "10" });

/**
 * Seven baskets: {TEA, CUP} twice, {TEA}, {CUP}, {POT} three times. By hand, at 2 baskets:
 * TEA 3, CUP 3, POT 3, {TEA, CUP} 2; TEA ⇒ CUP has confidence 2/3 and lift (2/7)/((3/7)·(3/7)) = 14/9.
 * Sequences, as of 2024-06-30, within 90 days (purchases of A by 2024-04-01): TEA's buyers
 * A, B, C; A bought POT 27 days after, B 10 days after, C 138 days after (too late): 2 of 3,
 * 18.5 days on average. CUP's buyers A, B, D: A and B went on to POT. The latest sale is
 * C's, on 2024-06-01: D's CUP (2024-03-20) is within 90 days of it.
 */
const LINES = [
  line("A", "A1", "2024-01-05", "TEA"), line("A", "A1", "2024-01-05", "CUP"), line("A", "A2", "2024-02-01", "POT"),
  line("B", "B1", "2024-01-10", "TEA"), line("B", "B1", "2024-01-10", "CUP"), line("B", "B2", "2024-01-20", "POT"),
  line("C", "C1", "2024-01-15", "TEA"), line("C", "C2", "2024-06-01", "POT"),
  line("D", "D1", "2024-03-20", "CUP"),
];
const scope = { asOf: "2024-06-30", window: "all" };

describe.each(STORE_KINDS)("baskets, sequences and next best offers on %s", (kind) => {
  let store: Store;
  const idOf = new Map<string, number>();
  beforeAll(async () => {
    store = await freshStore(kind);
    await importLines(store.db, LINES);
    for (const r of await store.db.selectFrom("customers").select(["customer_id", "external_id"]).execute()) idOf.set(r.external_id!, Number(r.customer_id));
  });
  afterAll(async () => {
    await store?.close();
  });

  it("finds the rules of the baskets with their measures, named by product", async () => {
    const { report } = await analyzeBaskets(store.db, { ...scope, minCount: 2, minConfidence: 0.5 });
    expect(report).toMatchObject({ baskets: 7, items: 3, itemsets: 4, rulesFound: 2, thresholds: { minCount: 2, minConfidence: 0.5 } });
    expect(report.topItems.map((i) => [i.label, i.count]).sort()).toEqual([["cup", 3], ["pot", 3], ["tea", 3]]);
    const teaCup = report.rules.find((r) => r.antecedent[0]!.label === "tea")!;
    expect(teaCup.consequent.map((i) => i.label)).toEqual(["cup"]);
    expect(teaCup).toMatchObject({ count: 2, antecedentCount: 3, consequentCount: 3 });
    expect(teaCup.support).toBeCloseTo(2 / 7, 12);
    expect(teaCup.confidence).toBeCloseTo(2 / 3, 12);
    expect(teaCup.lift).toBeCloseTo(14 / 9, 12);
    expect(teaCup.leverage).toBeCloseTo(2 / 7 - 9 / 49, 12);
  });

  it("states the minimum count a share gives, and refuses thresholds out of range", async () => {
    const { report } = await analyzeBaskets(store.db, { ...scope, minSupport: 0.3, minConfidence: 0.5 });
    expect(report.thresholds.minCount).toBe(3); // 0.3 · 7 = 2.1 → 3 baskets
    expect(report.rulesFound).toBe(0);
    await expect(analyzeBaskets(store.db, { ...scope, minSupport: 0 })).rejects.toMatchObject({ code: "BAD_INPUT", details: { field: "minSupport" } });
    await expect(analyzeBaskets(store.db, { ...scope, minSupport: 0.1, minCount: 2 })).rejects.toMatchObject({ code: "BAD_INPUT" });
    await expect(analyzeBaskets(store.db, { ...scope, segment: "rfm:champions" })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("says what share of A's buyers bought B within N days, and how long it took", async () => {
    const { report } = await analyzeSequences(store.db, { ...scope, minCount: 2, withinDays: 90, binDays: 7 });
    expect(report).toMatchObject({ customers: 4, events: 7 });
    const teaPot = report.pairs.find((p) => p.a.label === "tea" && p.b.label === "pot")!;
    expect(teaPot).toMatchObject({ buyers: 3, followers: 2, meanDays: 18.5 });
    expect(teaPot.share).toBeCloseTo(2 / 3, 12);
    // 10 days → bin 1 (8–14), 27 days → bin 3 (22–28); 90 days make 13 bins.
    expect(teaPot.histogram).toEqual([0, 1, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(report.patterns.map((p) => p.elements.map((e) => e.map((i) => i.label).join("+")).join(" → "))).toContain("tea → pot");
  });

  it("offers each customer what the saved runs say comes next, leaving out what they have, with the reason", async () => {
    expect((await nextOffers(store.db, idOf.get("D")!)).offers).toEqual([]);
    const baskets = await analyzeBaskets(store.db, { ...scope, minCount: 2, minConfidence: 0.5 });
    const sequences = await analyzeSequences(store.db, { ...scope, minCount: 2, withinDays: 90 });
    await saveBasketRun(store.db, baskets, null);
    await saveSequenceRun(store.db, sequences, null);
    expect((await listRuns(store.db)).map((r) => r.kind)).toEqual(["sequences", "baskets"]);

    const d = await nextOffers(store.db, idOf.get("D")!);
    expect(d.offers.map((o) => [o.item.label, o.reason.kind])).toEqual([["pot", "sequence"], ["tea", "basket"]]);
    expect(d.offers[1]!.score).toBeCloseTo(2 / 3, 12);
    expect(d.offers[1]!.text).toBe("Bought cup; 67% of baskets with it also held tea (1.6× as often as baskets in general).");
    expect(d.offers[0]!.text).toBe("Bought cup (last on 2024-03-20); 67% of its 3 buyers bought pot within 90 days, after 19 days on average.");
    // Once the store's latest sale is more than 90 days after D's CUP, the sequence no longer speaks for D.
    await importLines(store.db, [line("A", "A3", "2024-09-01", "TEA")]);
    expect((await nextOffers(store.db, idOf.get("D")!)).offers.map((o) => o.item.label)).toEqual(["tea"]);
    // A has everything the rules name: nothing to offer.
    expect((await nextOffers(store.db, idOf.get("A")!)).offers).toEqual([]);
    await expect(nextOffers(store.db, 999_999)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
