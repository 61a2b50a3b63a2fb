import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { measureEffect } from "../../src/retention/campaigns/outcomes.ts";
import type { Store } from "../../src/store/connect.ts";
import { importLines } from "../support/import-rows.ts";
import { freshStore, STORE_KINDS } from "../support/stores.ts";

/**
 * The measured outcome of a campaign by hand: four contacted customers and three held out,
 * with purchases, a return, uncosted lines and lines outside the window.
 */
describe.each(STORE_KINDS)("campaign outcomes on %s", (kind) => {
  let store: Store;
  const id: Record<string, number> = {};
  const W = { from: "2026-07-01", to: "2026-09-28" };

  beforeAll(async () => {
    store = await freshStore(kind);
    const line = (customerRef: string, orderNo: string, orderedAt: string, amount: string, unitCost?: string, isReturn = false) => ({
      customerRef, customerName: customerRef, orderNo, orderedAt, sku: "S1", quantity: isReturn ? "-1" : "1", amount, ...(unitCost ? { unitCost } : {}), ...(isReturn ? { isReturn } : {}),
    });
    await importLines(store.db, [
      line("T1", "o1", "2026-07-05", "100.00", "60.00"),
      line("T1", "o2", "2026-08-05", "50.00"), // no cost: revenue, not margin
      line("T2", "o3", "2026-09-28", "200.00", "120.00"), // last day of the window
      line("T2", "o4", "2026-09-30", "-80.00", "48.00", true), // a return after the window: not counted
      line("T3", "o5", "2026-06-30", "300.00", "100.00"), // the day before: not counted
      line("T4", "o6", "2026-05-01", "10.00", "5.00"),
      line("T4", "o7", "2026-07-10", "-10.00", "5.00", true), // a return in the window, no purchase
      line("C1", "o8", "2026-07-20", "40.00", "30.00"),
      line("C2", "o9", "2026-06-01", "500.00", "100.00"),
      line("C3", "o10", "2026-08-01", "0.01", "0.01"),
    ]);
    const rows = await store.db.selectFrom("customers").select(["customer_id", "external_id"]).execute();
    for (const r of rows) id[r.external_id!] = Number(r.customer_id);
  });
  afterAll(async () => {
    await store?.close();
  });

  it("counts what each group bought in the window, exactly, and compares them", async () => {
    const e = await measureEffect(store.db, [id.T1!, id.T2!, id.T3!, id.T4!], [id.C1!, id.C2!, id.C3!], W, "20");
    // T1 150 (margin 40 on the costed line), T2 200 (margin 80), T3 0, T4 −10 (margin −5); purchasers T1, T2.
    expect(e.contactedTotals).toEqual({ customers: 4, purchasers: 2, revenue: "340", margin: "115" });
    // C1 40 (margin 10), C3 0.01 (margin 0); purchasers C1, C3.
    expect(e.controlTotals).toEqual({ customers: 3, purchasers: 2, revenue: "40.01", margin: "10" });
    expect(e.response.treated).toBeCloseTo(0.5, 12);
    expect(e.response.control).toBeCloseTo(2 / 3, 12);
    expect(e.revenue.treated).toBeCloseTo(85, 9);
    expect(e.revenue.control).toBeCloseTo(40.01 / 3, 9);
    expect(e.revenue.incremental).toBeCloseTo(4 * (85 - 40.01 / 3), 6);
    expect(e.margin!.treated).toBeCloseTo(115 / 4, 9);
    expect(e.margin!.incremental).toBeCloseTo(4 * (115 / 4 - 10 / 3), 6);
    expect(e.roi!.value).toBeCloseTo((4 * (115 / 4 - 10 / 3) - 20) / 20, 6);
    // costed revenue: T1 100 + T2 200 + T4 −10 + C1 40 + C3 0.01 of 380.01
    expect(e.marginCoverage).toBeCloseTo(330.01 / 380.01, 5);
    expect(e.window).toEqual(W);
  });

  it("has no margin when no line in the window has a cost, and refuses a customer in both groups", async () => {
    const e = await measureEffect(store.db, [id.T1!], [id.C2!], { from: "2026-08-01", to: "2026-08-31" }, "0");
    expect(e.margin).toBeNull();
    expect(e.contactedTotals.margin).toBeNull();
    expect(e.roi).toBeNull();
    await expect(measureEffect(store.db, [id.T1!], [id.T1!], W, "0")).rejects.toThrow(/both groups/);
    await expect(measureEffect(store.db, [id.T1!], [id.C1!], { from: "2026-09-01", to: "2026-08-01" }, "0")).rejects.toThrow(/before it starts/);
  });
});
