import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ComplaintInput } from "../../src/domain/inputs.ts";
import { runImport } from "../../src/ingest/run.ts";
import { ComplaintSink } from "../../src/ingest/sinks/complaints.ts";
import { getSettings } from "../../src/store/settings.repository.ts";
import { testApp, type TestApp } from "../support/app.ts";
import { importLines } from "../support/import-rows.ts";
import { STORE_KINDS } from "../support/stores.ts";

/** The hand-worked case of docs/complaints.md, "Sensitivity model". */
const HAND = { customers: "1000", problemShare: "0.2", complainShare: "0.25", resolvedShare: "0.6", rNone: "0.8", rSilent: "0.5", rResolved: "0.9", rUnresolved: "0.4", salesPerCustomer: "100" };

/**
 * The complaint sensitivity model over HTTP (docs/complaints.md, "Sensitivity model"), on
 * every store. As of 2030-06-30, 12 months, W = 30: A and B bought in the period before and
 * again in this one; A complained on 2030-03-01 (resolved on the 2nd) and bought again on
 * the 20th; B complained on 2030-04-01 (still open) and did not; C never complained, bought
 * in 2029-09 and again on 2030-06-10; D bought once, on 2030-06-05.
 */
describe.each(STORE_KINDS)("the complaint sensitivity API (%s)", (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp(kind);
    await importLines(t.store.db, [
      { customerRef: "A", orderNo: "A-0", orderedAt: "2029-05-01", quantity: "1", amount: "50" },
      { customerRef: "A", orderNo: "A-1", orderedAt: "2030-02-20", quantity: "1", amount: "100" },
      { customerRef: "A", orderNo: "A-2", orderedAt: "2030-03-20", quantity: "1", amount: "200" },
      { customerRef: "B", orderNo: "B-0", orderedAt: "2029-06-01", quantity: "1", amount: "80" },
      { customerRef: "B", orderNo: "B-1", orderedAt: "2030-03-25", quantity: "1", amount: "100" },
      { customerRef: "C", orderNo: "C-1", orderedAt: "2029-09-01", quantity: "1", amount: "40" },
      { customerRef: "C", orderNo: "C-2", orderedAt: "2030-06-10", quantity: "1", amount: "60" },
      { customerRef: "D", orderNo: "D-1", orderedAt: "2030-06-05", quantity: "1", amount: "30" },
    ]);
    const settings = await getSettings(t.store.db);
    const rows: ComplaintInput[] = [
      { customerRef: "A", openedAt: "2030-03-01T09:00:00", status: "resolved", resolvedAt: "2030-03-02T09:00:00", channel: "phone", externalRef: "A-c" },
      { customerRef: "B", openedAt: "2030-04-01T09:00:00", status: "open", channel: "web", externalRef: "B-c" },
    ];
    const run = await runImport(t.store.db, {
      kind: "complaints", fileName: "test", source: "default",
      batches: (async function* () {
        yield rows.map((value, i) => ({ line: i + 2, ok: true as const, value }));
      })(),
      makeSink: (importId) => new ComplaintSink({ source: "default", importId, settings, reason: "test" }),
    });
    expect(run.rejected).toBe(0);
  });
  afterAll(async () => t?.close());

  it("gives the defaults from the data, each with its source, programmes A and B, and the baseline", async () => {
    const res = await t.as.analyst.get("/api/complaints/sensitivity?asOf=2030-06-30&windowDays=30&complainShare=0.8");
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json();
    // N = 4 (A, B, C and D bought in the period); 2 complained: q = 0.5, p = 0.5 ÷ 0.8 = 0.625.
    // Resolved 1 of 1 bought again, unresolved 0 of 1; no complaint: C (bought in the 12
    // months to 2030-05-31) bought again, D bought only after it. Retained: A and B, whose net
    // sales in the period are 300 and 100: 200 each.
    expect(Object.fromEntries(Object.entries(r.inputs).map(([n, x]) => [n, [(x as { value: string }).value, (x as { source: string }).source]]))).toEqual({
      customers: ["4", "measured"], problemShare: ["0.625", "derived"], complainShare: ["0.8", "given"], resolvedShare: ["0.5", "measured"],
      rNone: ["1", "measured"], rSilent: ["0", "assumed"], rResolved: ["1", "measured"], rUnresolved: ["0", "measured"], salesPerCustomer: ["200", "measured"],
    });
    expect(r.measured).toMatchObject({ customers: 4, complained: 2, complainedShare: "0.5", retained: 2, retainedNetSales: "400", netSales: "530", salesBasis: "retained" });
    expect(r.programmes.map((p: { name: string }) => p.name)).toEqual(["A", "B"]);
    // 2.5 customers with a problem: 0.5 silent lose 1 each, 1 resolved lose 0, 1 unresolved lose 1.
    expect(r.result.baseline.lostCustomers).toEqual({ silent: "0.5", resolved: "0", unresolved: "1", total: "1.5" });
    expect(r.result.baseline.lostSales.total).toBe("300");
    const post = await t.as.manager.post("/api/complaints/sensitivity", { inputs: Object.fromEntries(Object.entries(r.inputs).map(([n, x]) => [n, (x as { value: string }).value])), programmes: r.programmes });
    expect(post.statusCode, post.body).toBe(200);
    expect(post.json()).toEqual(r.result);
  });

  it("models the caller's inputs and programmes, with the return on each programme's cost", async () => {
    const res = await t.as.analyst.post("/api/complaints/sensitivity", {
      inputs: HAND,
      programmes: [{ name: "Fewer problems", problemShare: "0.18", cost: "200" }, { name: "Hear and solve", problemShare: "0.18", complainShare: "0.5", resolvedShare: "0.8", cost: null }],
    });
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json();
    expect(r.baseline.lostSales).toEqual({ silent: "4500", resolved: "-300", unresolved: "800", total: "5000" });
    expect(r.programmes[0]).toMatchObject({ name: "Fewer problems", recoveredSales: "500", recoveredShare: 0.1, net: "300", returnOnCost: 1.5 });
    expect(r.programmes[1]).toMatchObject({ name: "Hear and solve", recoveredSales: "2300", cost: null, returnOnCost: null });
  });

  it("names the figure it refuses", async () => {
    const bad = await t.as.analyst.post("/api/complaints/sensitivity", { inputs: { ...HAND, rNone: "1.2" } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: "BAD_INPUT", field: "body.inputs.rNone" });
    const cost = await t.as.analyst.post("/api/complaints/sensitivity", { inputs: HAND, programmes: [{ name: "A", cost: "-5" }] });
    expect(cost.json()).toMatchObject({ code: "BAD_INPUT", field: "body.programmes.0.cost" });
    const share = await t.as.analyst.get("/api/complaints/sensitivity?asOf=2030-06-30&complainShare=0");
    expect(share.json()).toMatchObject({ code: "BAD_INPUT", field: "query.complainShare" });
    expect((await t.as.agent.get("/api/complaints/sensitivity?asOf=2030-06-30")).statusCode).toBe(403);
  });

  it("is described in the OpenAPI document", async () => {
    const doc = (await t.app.inject({ method: "GET", url: "/api/openapi.json" })).json();
    expect(Object.keys(doc.paths["/api/complaints/sensitivity"]).sort()).toEqual(["get", "post"]);
  });
});
