import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sensitivity } from "../../src/analytics/complaints/sensitivity.ts";
import { buildComplaintAnalysis } from "../../src/retention/complaints/complaint-analysis.service.ts";
import { buildComplaintSensitivity } from "../../src/retention/complaints/sensitivity.service.ts";
import type { Store } from "../../src/store/connect.ts";
import { importComplaints, importLines } from "../support/import-rows.ts";
import { WORKED_COMPLAINTS, WORKED_LINES } from "../support/complaint-worked-example.ts";
import { freshStore, STORE_KINDS } from "../support/stores.ts";

const values = (r: Awaited<ReturnType<typeof buildComplaintSensitivity>>) => Object.fromEntries(Object.entries(r.inputs).map(([n, x]) => [n, x.value]));
const sources = (r: Awaited<ReturnType<typeof buildComplaintSensitivity>>) => Object.fromEntries(Object.entries(r.inputs).map(([n, x]) => [n, x.source]));

describe.each(STORE_KINDS)("the complaint sensitivity model's inputs from the store on %s", (kind) => {
  let store: Store;
  beforeAll(async () => {
    store = await freshStore(kind);
    await importLines(store.db, WORKED_LINES);
    expect((await importComplaints(store.db, WORKED_COMPLAINTS)).rejected).toBe(0);
  });
  afterAll(async () => {
    await store?.close();
  });

  it("as of 2024-06-30 with a 30-day window: each default from the worked example, with its source", async () => {
    const r = await buildComplaintSensitivity(store.db, { asOf: "2024-06-30", windowDays: 30 });
    expect(r.period).toEqual({ from: "2023-07-01", to: "2024-06-30", months: 12 });
    expect(r.previousPeriod).toEqual({ from: "2022-07-01", to: "2023-06-30" });
    // 16 buyers in the period (not 7, who last bought in 2023-04, nor B2); 8 of them complained
    // in it (1 … 6, 8 and B10, whose complaint is on 2024-06-26 in Shanghai; B9's is in 2022).
    // Only B1 bought in the previous period too: 10 net in this one. All buyers: 230 (B6's
    // sale and return cancel out, as do 8's first sale and return).
    expect(r.measured).toMatchObject({
      customers: 16, complained: 8, complainedShare: "0.5", problemShareCapped: true,
      retained: 1, retainedNetSales: "10", netSales: "230", salesBasis: "retained",
    });
    // q ÷ c = 0.5 ÷ 0.25 = 2: capped at 1. The repurchase groups as the complaint analysis
    // counts them: resolved 2 of 3, unresolved 2 of 4, no complaint 2 of 4.
    expect(values(r)).toEqual({
      customers: "16", problemShare: "1", complainShare: "0.25", resolvedShare: "0.4286",
      rNone: "0.5", rSilent: "0.5", rResolved: "0.6667", rUnresolved: "0.5", salesPerCustomer: "10",
    });
    expect(sources(r)).toEqual({
      customers: "measured", problemShare: "derived", complainShare: "assumed", resolvedShare: "measured",
      rNone: "measured", rSilent: "assumed", rResolved: "measured", rUnresolved: "measured", salesPerCustomer: "measured",
    });
    expect(r.inputs.rResolved.basis).toBe("2 of 3 resolved complainers bought again within 30 days");
    expect(r.inputs.problemShare.basis).toMatch(/8 of 16 \(50%\) ÷ the complaint share c 25%, capped at 1/);
    expect(r.inputs.salesPerCustomer.basis).toBe("net sales in 2023-07-01 … 2024-06-30 per customer, over the customers who bought in it and in 2022-07-01 … 2023-06-30: 1");
    const a = await buildComplaintAnalysis(store.db, { asOf: "2024-06-30", windowDays: 30 });
    expect(r.measured.groups).toEqual(a.repurchase.groups);
    expect(r.missing).toEqual([]);
    // Here resolved complainers buy again more than customers without a complaint, so the
    // problems' loss is negative, and fewer problems lose sales: the model says so plainly.
    expect(r.programmes).toEqual([
      { name: "A", problemShare: "0.9" },
      { name: "B", problemShare: "0.9", complainShare: "0.50", resolvedShare: "0.71430" },
    ]);
    expect(r.result).toEqual(sensitivity(values(r) as Record<string, string>, r.programmes));
    expect(r.result!.baseline.lostSales).toEqual({ silent: "0", resolved: "-2.86", unresolved: "0", total: "-2.86" });
    expect(r.result!.programmes[0]!.recoveredSales).toBe("-0.29");
  });

  it("derives p from the complaint share the user gives, and follows their r_unresolved for r_silent", async () => {
    const r = await buildComplaintSensitivity(store.db, { asOf: "2024-06-30", windowDays: 30, inputs: { complainShare: "0.8", rUnresolved: "0.4", salesPerCustomer: "150" } });
    expect(values(r)).toMatchObject({ problemShare: "0.625", complainShare: "0.8", rSilent: "0.4", rUnresolved: "0.4", salesPerCustomer: "150" });
    expect(sources(r)).toMatchObject({ problemShare: "derived", complainShare: "given", rSilent: "assumed", rUnresolved: "given", salesPerCustomer: "given" });
    expect(r.measured.problemShareCapped).toBe(false);
    expect(r.inputs.salesPerCustomer.basis).toMatch(/^given; net sales in .*: 10$/);
    // 16 × 0.625 = 10 with a problem: 2 silent lose 0.1 each; 8 complainers, 3.4288 resolved
    // gain 0.1667, 4.5712 unresolved lose 0.1.
    expect(r.result!.baseline.lostCustomers).toEqual({ silent: "0.2", resolved: "-0.57", unresolved: "0.46", total: "0.09" });
  });

  it("falls back to the mean over all buyers when none bought in the period before, and lists what it cannot measure", async () => {
    const r = await buildComplaintSensitivity(store.db, { asOf: "2023-08-31", months: 2, windowDays: 30 });
    expect(r.measured).toMatchObject({ customers: 1, retained: 0, salesBasis: "buyers", netSales: "10" });
    expect(r.inputs.salesPerCustomer).toMatchObject({ value: "10", source: "measured" });

    const empty = await buildComplaintSensitivity(store.db, { asOf: "2020-12-31", windowDays: 30 });
    expect(empty.measured).toMatchObject({ customers: 0, complainedShare: null, salesBasis: "none" });
    expect(empty.missing).toEqual(["problemShare", "resolvedShare", "rNone", "rSilent", "rResolved", "rUnresolved", "salesPerCustomer"]);
    expect(empty.programmes).toEqual([]);
    expect(empty.result).toBeNull();
  });

  it("names a given figure that is not one", async () => {
    await expect(buildComplaintSensitivity(store.db, { asOf: "2024-06-30", inputs: { rNone: "1.5" } })).rejects.toMatchObject({ code: "BAD_INPUT", details: { field: "inputs.rNone" } });
    await expect(buildComplaintSensitivity(store.db, { asOf: "2024-06-30", inputs: { customers: "many" } })).rejects.toMatchObject({ code: "BAD_INPUT", details: { field: "inputs.customers" } });
  });
});
