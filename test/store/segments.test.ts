import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OrderLineInput } from "../../src/domain/inputs.ts";
import type { Store } from "../../src/store/connect.ts";
import { customerSegmentHistory, listSnapshots, segmentMembers } from "../../src/store/segments.repository.ts";
import { customerValues } from "../../src/store/value.repository.ts";
import { windowValue } from "../../src/analytics/value/segments.ts";
import { computeSegments, DEFAULT_SEGMENT_RULES, previousWindow, summarizeSegments, takeSnapshot } from "../../src/value/segments.service.ts";
import { DEFAULT_TRANSACTION_RULE } from "../../src/analytics/value/report.ts";
import { importCustomers, importLines } from "../support/import-rows.ts";
import { freshStore, STORE_KINDS } from "../support/stores.ts";

const order = (customerRef: string, orderNo: string, orderedAt: string, amount: string): OrderLineInput => ({ customerRef, orderNo, orderedAt, quantity: "1", amount, unitCost: "0" });

/**
 * As of 2024-06-30, with 3-month periods counted back from June 2024 (0: Apr–Jun 2024,
 * 1: Jan–Mar, 2: Oct–Dec 2023, …):
 * L bought in periods 0, 1, 2 (and long ago): loyal. O in two periods, first 2022: old.
 * R in two periods, first 2024: regular. N once, on 06-29: new. F only after the date.
 */
const LINES = [
  order("L", "L1", "2022-01-05", "100"), order("L", "L2", "2023-11-10", "100"), order("L", "L3", "2024-02-10", "100"), order("L", "L4", "2024-05-10", "400"),
  order("O", "O1", "2022-03-01", "900"), order("O", "O2", "2024-06-01", "100"),
  order("R", "R1", "2024-01-05", "50"), order("R", "R2", "2024-06-20", "60"),
  order("N", "N1", "2024-06-29", "30"),
  order("F", "F1", "2024-07-05", "5000"),
];

describe.each(STORE_KINDS)("segments and their snapshots on %s", (kind) => {
  let store: Store;
  const opts = { by: "sales" as const, transactionRule: DEFAULT_TRANSACTION_RULE, rules: DEFAULT_SEGMENT_RULES, timezone: "Asia/Shanghai" };
  const idOf = new Map<string, number>();
  beforeAll(async () => {
    store = await freshStore(kind);
    await importLines(store.db, LINES);
    await importCustomers(store.db, [{ externalId: "P", name: "Prospect" }, { externalId: "Q", name: "Walk-in" }]);
    const rows = await store.db.selectFrom("customers").select(["customer_id", "external_id"]).execute();
    for (const r of rows) idOf.set(r.external_id!, Number(r.customer_id));
  });
  afterAll(async () => {
    await store?.close();
  });

  it("reads the window before's net sales and margin, in the same pass, as the value columns of that window give them", async () => {
    for (const [from, to] of [["2023-07-01", "2024-06-30"], ["2024-02-10", "2024-06-15"], ["2024-06-02", "2024-06-25"], ["2023-01-01", "2024-12-31"], ["2024-02-01", "2024-02-29"]] as const) {
      const previous = previousWindow(from, to);
      const v = await customerValues(store.db, { from, to }, { previous, periodMonths: 3, recent: 3 });
      const before = await customerValues(store.db, previous);
      const at = new Map([...before.ids].map((id, j) => [id, j]));
      const expected = [...v.ids].map((id) => {
        const j = at.get(id);
        return [id, j === undefined ? 0n : windowValue(before, j, "sales"), j === undefined ? 0n : windowValue(before, j, "margin")];
      });
      expect([...v.ids].map((id, i) => [id, v.previousNet[i], v.previousMargin[i]]), `${from} … ${to}`).toEqual(expected);
    }
  });

  it("steps back a whole window for the trend", () => {
    expect(previousWindow("2023-07-01", "2024-06-30")).toEqual({ from: "2022-07-01", to: "2023-06-30" });
    expect(previousWindow("2024-03-10", "2024-03-19")).toEqual({ from: "2024-02-29", to: "2024-03-09" });
  });

  it("puts each customer on the ladder from their purchase periods, never reading after the date", async () => {
    const s = await computeSegments(store.db, { ...opts, from: "2023-07-01", to: "2024-06-30" });
    const rung = (ref: string) => {
      const i = [...s.columns.ids].indexOf(idOf.get(ref)!);
      return i < 0 ? undefined : s.ladder[i];
    };
    expect(["L", "O", "R", "N"].map((r) => ["potential", "new", "regular", "old", "loyal"][rung(r)!])).toEqual(["loyal", "old", "regular", "new"]);
    expect(rung("F")).toBeUndefined();
    // Without a sale by the date: the prospects, and F, whose first sale came after it.
    expect([...s.withoutSale]).toEqual(["F", "P", "Q"].map((r) => idOf.get(r)).sort((a, b) => a! - b!));
    const summary = summarizeSegments(s);
    expect(summary.ladder.rungs.map((r) => [r.rung, r.customers])).toEqual([["potential", 3], ["new", 1], ["regular", 1], ["old", 1], ["loyal", 1]]);
    // O is worth 100 now and 0 in the window before (2022-07 … 2023-06): the trend has it rising or on top.
    expect(summary.profitGroups.groups.reduce((n, g) => n + g.customers, 0)).toBe(4);

    // Mid-month: as of 2024-06-15, R's June purchase and N are not there yet.
    const mid = await computeSegments(store.db, { ...opts, from: "2023-06-16", to: "2024-06-15" });
    const ids = [...mid.columns.ids];
    expect(ids).not.toContain(idOf.get("N"));
    expect(mid.ladder[ids.indexOf(idOf.get("R")!)]).toBe(1); // new
    expect(mid.ladder[ids.indexOf(idOf.get("L")!)]).toBe(4); // loyal: May, February, November
  });

  it("saves a snapshot per customer and date, replaces it when taken again, and keeps the history", async () => {
    const s = await computeSegments(store.db, { ...opts, from: "2023-07-01", to: "2024-06-30" });
    expect(await takeSnapshot(store.db, s, null)).toEqual({ asOf: "2024-06-30", customers: 7 });
    expect(await takeSnapshot(store.db, s, null)).toEqual({ asOf: "2024-06-30", customers: 7 });
    const earlier = await computeSegments(store.db, { ...opts, from: "2023-04-01", to: "2024-03-31" });
    await takeSnapshot(store.db, earlier, null);
    expect((await listSnapshots(store.db)).map((x) => [x.as_of, x.customers])).toEqual([["2024-06-30", 7], ["2024-03-31", 7]]); // by 2024-03-31: L, O, R bought; N, F, P and Q not yet

    const history = await customerSegmentHistory(store.db, idOf.get("L")!);
    expect(history.map((h) => [h.as_of, h.ladder])).toEqual([["2024-06-30", "loyal"], ["2024-03-31", "old"]]); // on 2024-03-31: Feb and Nov, not Jul–Sep 2023; first bought in 2022
    expect(history[0]).toMatchObject({ net_sales: "600.000000", decile: 1, tier: "key", customer_type: "relationship", rfm_segment: expect.any(String) });

    const potential = await segmentMembers(store.db, { asOf: "2024-06-30", scheme: "ladder", segment: "potential", limit: 10 });
    expect(potential.map((m) => m.name ?? m.external_id)).toEqual(["F", "Prospect", "Walk-in"]);
    const top = await segmentMembers(store.db, { asOf: "2024-06-30", scheme: "decile", segment: "1", limit: 10 });
    expect(top.map((m) => Number(m.customer_id))).toEqual([idOf.get("L")]);
    const page = await segmentMembers(store.db, { asOf: "2024-06-30", scheme: "ladder", segment: "loyal", after: idOf.get("L")!, limit: 10 });
    expect(page).toEqual([]);
  });
});
