import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { STORE_KINDS } from "../support/stores.ts";
import { testApp, type TestApp } from "../support/app.ts";
import { importLines } from "../support/import-rows.ts";

/**
 * The 8-segment RFM through the API (docs/value.md, "The 8-segment RFM"), on every store.
 * As of 2030-12-31, 12 months: R days 1, 30, 274, 350; F 2, 1, 3, 1; M 600, 50, 600, 20.
 * Means: R 655/4 = 163.75, F 7/4, M 1270/4 = 317.5. Medians: R 152, F 1.5, M 325.
 */
describe.each(STORE_KINDS)("the 8-segment RFM API (%s)", (kind) => {
  let t: TestApp;
  const ids: Record<string, number> = {};
  beforeAll(async () => {
    t = await testApp(kind);
    await importLines(t.store.db, [
      { customerRef: "A", customerName: "Ann", orderNo: "A-1", orderedAt: "2030-06-01", quantity: "1", amount: "100" },
      { customerRef: "A", orderNo: "A-2", orderedAt: "2030-12-30", quantity: "1", amount: "500" },
      { customerRef: "B", customerName: "Bo", orderNo: "B-1", orderedAt: "2030-12-01", quantity: "1", amount: "50" },
      { customerRef: "C", customerName: "Cy", orderNo: "C-1", orderedAt: "2030-02-01", quantity: "1", amount: "400" },
      { customerRef: "C", orderNo: "C-2", orderedAt: "2030-03-01", quantity: "1", amount: "100" },
      { customerRef: "C", orderNo: "C-3", orderedAt: "2030-04-01", quantity: "1", amount: "100" },
      { customerRef: "D", customerName: "Di", orderNo: "D-1", orderedAt: "2030-01-15", quantity: "1", amount: "20" },
      // Bought only before the window: not in the population.
      { customerRef: "E", customerName: "Ed", orderNo: "E-1", orderedAt: "2029-05-01", quantity: "1", amount: "1000" },
    ]);
    for (const r of await t.store.db.selectFrom("customers").select(["customer_id", "external_id"]).execute()) ids[r.external_id!] = Number(r.customer_id);
  });
  afterAll(async () => t?.close());

  const counts = (r: { rfm8: { segments: Array<{ segment: string; customers: number }> } }) =>
    Object.fromEntries(r.rfm8.segments.filter((s) => s.customers > 0).map((s) => [s.segment, s.customers]));

  it("gives the eight segments in the value report, with mean cut-offs by default", async () => {
    const res = await t.as.analyst.get("/api/reports/value?asOf=2030-12-31&window=12m");
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json();
    expect(r.rfm8).toMatchObject({ method: "mean", customers: 4, cutoffs: { recencyDays: 163.75, frequency: 1.75, monetary: "317.5" } });
    expect(r.rfm8.segments).toHaveLength(8);
    expect(counts(r)).toEqual({ important_value: 1, general_development: 1, important_retain: 1, general_winback: 1 });
    const value = r.rfm8.segments.find((s: { segment: string }) => s.segment === "important_value");
    expect(value).toMatchObject({ monetary: "600", monetaryShare: 600 / 1270, customerShare: 0.25, meanRecencyDays: 1, meanFrequency: 2, meanMonetary: "600" });
    expect(value.treatment).toMatch(/personal/);
  });

  it("cuts at the median or at the caller's values", async () => {
    const median = (await t.as.analyst.get("/api/reports/value?asOf=2030-12-31&rfm8Cutoff=median")).json();
    expect(median.rfm8.cutoffs).toEqual({ recencyDays: 152, frequency: 1.5, monetary: "325" });
    // A value at the cut-off is high: B's 30 days, 1 purchase day and 50 all sit on it.
    const custom = (await t.as.analyst.get("/api/reports/value?asOf=2030-12-31&rfm8Cutoff=custom&rfm8R=30&rfm8F=1&rfm8M=50")).json();
    expect(custom.rfm8).toMatchObject({ method: "custom", cutoffs: { recencyDays: 30, frequency: 1, monetary: "50" } });
    expect(counts(custom)).toEqual({ important_value: 2, important_retain: 1, general_retain: 1 });
  });

  it("lists and exports a segment's customers, matching its count", async () => {
    const page1 = (await t.as.manager.get("/api/reports/value/rfm8/members?asOf=2030-12-31&rfm8Cutoff=custom&rfm8R=30&rfm8F=1&rfm8M=50&segment=important_value&limit=1")).json();
    expect(page1).toMatchObject({ window: { from: "2030-01-01", to: "2030-12-31" }, segment: "important_value", method: "custom", customers: 2 });
    expect(page1.items).toEqual([{ id: ids.A, name: "Ann", state: expect.any(String), recencyDays: 1, frequency: 2, monetary: "600" }]);
    expect(page1.nextAfter).toBe(ids.A);
    const page2 = (await t.as.manager.get(`/api/reports/value/rfm8/members?asOf=2030-12-31&rfm8Cutoff=custom&rfm8R=30&rfm8F=1&rfm8M=50&segment=important_value&limit=1&after=${page1.nextAfter}`)).json();
    expect(page2.items.map((m: { id: number }) => m.id)).toEqual([ids.B]);
    expect(page2.nextAfter).toBeNull();
    const csv = await t.as.analyst.get("/api/reports/value/rfm8/members/export?asOf=2030-12-31&segment=general_winback");
    expect(csv.statusCode, csv.body).toBe(200);
    expect(csv.headers["content-type"]).toContain("text/csv");
    expect(csv.body.replace(/^\uFEFF/, "").trim().split("\r\n")).toEqual(["id,name,state,recency_days,frequency,monetary,segment", expect.stringMatching(new RegExp(`^${ids.D},Di,\\w+,350,1,20,general_winback$`))]);
    const audit = await t.store.db.selectFrom("audit_log").select(["action"]).where("action", "=", "rfm8.exported").execute();
    expect(audit).toHaveLength(1);
  });

  it("saves each customer's segment in a snapshot, with the cut-offs, as a scheme the member lists and exports know", async () => {
    const snap = await t.as.analyst.post("/api/segments/snapshots", { asOf: "2030-12-31", rfm8Cutoff: "custom", rfm8R: "30", rfm8F: "1", rfm8M: "50" });
    expect(snap.statusCode, snap.body).toBe(200);
    const listed = (await t.as.analyst.get("/api/segments/snapshots")).json().items.find((x: { asOf: string }) => x.asOf === "2030-12-31");
    expect(listed.rules.rfm8).toEqual({ method: "custom", cutoffs: { recencyDays: 30, frequency: 1, monetary: "50" } });
    const summary = (await t.as.analyst.get("/api/segments/summary?asOf=2030-12-31")).json();
    const rfm8 = Object.fromEntries(summary.groups.filter((g: { scheme: string }) => g.scheme === "rfm8").map((g: { segment: string; customers: number }) => [g.segment, g.customers]));
    // The report's counts with the same cut-offs; E (no purchase in the window) has none.
    expect(rfm8).toEqual({ important_value: 2, important_retain: 1, general_retain: 1 });
    const members = (await t.as.analyst.get("/api/segments/members?asOf=2030-12-31&scheme=rfm8&segment=important_value")).json();
    expect(members.items.map((m: { id: number }) => m.id)).toEqual([ids.A!, ids.B!].sort((a, b) => a - b));
    expect(members.items[0].segments.rfm8).toBe("important_value");
    const csv = (await t.as.analyst.get("/api/segments/members/export?asOf=2030-12-31&scheme=rfm8&segment=general_retain")).body.replace(/^\uFEFF/, "").trim().split("\r\n");
    expect(csv[0]).toMatch(/,rfm8_segment$/);
    expect(csv.slice(1)).toEqual([expect.stringMatching(new RegExp(`^${ids.D},.*,general_retain$`))]);
    const history = (await t.as.manager.get(`/api/customers/${ids.E}/value?asOf=2030-12-31`)).json();
    expect(history.history[0]).toMatchObject({ asOf: "2030-12-31", ladder: "new", rfm8: null });
    // The default snapshot cuts at the means, as the report does.
    await t.as.analyst.post("/api/segments/snapshots", { asOf: "2030-12-31" });
    const again = (await t.as.analyst.get("/api/segments/summary?asOf=2030-12-31")).json();
    expect(again.snapshot.rules.rfm8).toEqual({ method: "mean", cutoffs: { recencyDays: 163.75, frequency: 1.75, monetary: "317.5" } });
    expect((await t.as.analyst.post("/api/segments/snapshots", { asOf: "2030-12-31", rfm8Cutoff: "custom", rfm8R: "30" })).json()).toMatchObject({ code: "BAD_INPUT", field: "rfm8F" });
  });

  it("refuses bad cut-offs and segments, naming the field", async () => {
    const get = async (q: string) => {
      const res = await t.as.analyst.get(`/api/reports/value?asOf=2030-12-31&${q}`);
      expect(res.statusCode).toBe(400);
      return res.json();
    };
    expect(await get("rfm8Cutoff=custom&rfm8R=30&rfm8F=1")).toMatchObject({ code: "BAD_INPUT", field: "rfm8M" });
    expect(await get("rfm8R=30")).toMatchObject({ code: "BAD_INPUT", field: "rfm8R" });
    expect(await get("rfm8Cutoff=custom&rfm8R=-3&rfm8F=1&rfm8M=1")).toMatchObject({ code: "BAD_INPUT", field: "rfm8R" });
    expect(await get("rfm8Cutoff=custom&rfm8R=3&rfm8F=1&rfm8M=ten")).toMatchObject({ code: "BAD_INPUT", field: "rfm8M" });
    expect(await get("rfm8Cutoff=mode")).toMatchObject({ code: "BAD_INPUT", field: "query.rfm8Cutoff" });
    const seg = await t.as.analyst.get("/api/reports/value/rfm8/members?segment=champions");
    expect(seg.json()).toMatchObject({ code: "BAD_INPUT", field: "query.segment" });
    expect((await t.as.agent.get("/api/reports/value/rfm8/members?segment=important_value")).statusCode).toBe(403);
  });
});
