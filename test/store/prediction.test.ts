import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OrderLineInput } from "../../src/domain/inputs.ts";
import { dayNumber } from "../../src/domain/days.ts";
import { loadDemo } from "../../src/ingest/load-demo.ts";
import { btydInputs } from "../../src/prediction/btyd.service.ts";
import { customerFeatures, FEATURES, purchaseHistory } from "../../src/prediction/features.ts";
import { buildModels, runModels } from "../../src/prediction/models.service.ts";
import type { Store } from "../../src/store/connect.ts";
import { atRiskCustomers, customerScore, KEEP_RUNS, listModelRuns, modelRun } from "../../src/store/model-runs.repository.ts";
import { importLines } from "../support/import-rows.ts";
import { freshStore, STORE_KINDS } from "../support/stores.ts";

const line = (customerRef: string, orderNo: string, orderedAt: string, amount: string, extra: Partial<OrderLineInput> = {}): OrderLineInput =>
  ({ customerRef, orderNo, orderedAt, sku: "SKU", description: "thing", quantity: "1", amount, ...extra });

/**
 * Three customers, by hand, as of 2024-06-30:
 * - A: purchase days 2024-01-05 (two orders: 10 + 5), 2024-03-01 (20), 2024-06-01 (30, and a
 *   return of 6 on 2024-06-10): x = 2, tx = 148 days, T = 177 days, mx = (65 − 15)/2 = 25;
 *   net sales 59; in the last 90 days (from 2024-04-02) one purchase day, net 24.
 * - B: one purchase 2023-12-01 (40): x = 0, T = 212 days.
 * - C: buys after the date (2024-07-15) only: not in the history on 2024-06-30.
 */
const LINES = [
  line("A", "A1", "2024-01-05T10:00:00", "10"), line("A", "A2", "2024-01-05T15:00:00", "5"),
  line("A", "A3", "2024-03-01", "20"), line("A", "A4", "2024-06-01", "30"),
  line("A", "A4-R", "2024-06-10", "-6", { quantity: "-1" }),
  line("B", "B1", "2023-12-01", "40"),
  line("C", "C1", "2024-07-15", "50"),
];

describe.each(STORE_KINDS)("prediction inputs on %s", (kind) => {
  let store: Store;
  beforeAll(async () => {
    store = await freshStore(kind);
    await importLines(store.db, LINES);
  });
  afterAll(async () => store?.close());

  it("reads each customer's purchase occasions, recency, age and repeat spend as of a date, and nothing after it", async () => {
    const h = await purchaseHistory(store.db, "2024-06-30", "2023-01-01");
    expect(h.ids).toHaveLength(2);
    const names = await store.db.selectFrom("customers").select(["customer_id", "external_id"]).execute();
    const ref = (id: number) => names.find((n) => Number(n.customer_id) === id)!.external_id;
    const a = [...h.ids].findIndex((id) => ref(id) === "A");
    const b = [...h.ids].findIndex((id) => ref(id) === "B");
    const days = btydInputs(h, "day");
    expect([days.rows.x[a], days.rows.tx[a], days.rows.T[a], days.mx[a]]).toEqual([2, 148, 177, 25]);
    expect([days.rows.x[b], days.rows.tx[b], days.rows.T[b]]).toEqual([0, 0, 212]);
    expect(Number.isNaN(days.mx[b]!)).toBe(true);
    const weeks = btydInputs(h, "week");
    expect(weeks.rows.T[a]).toBeCloseTo(177 / 7, 12);
    expect(h.netSales[a]).toBe(59);
    expect(h.firstDaySales[a]).toBe(15);

    const F = await customerFeatures(store.db, h, "UTC");
    expect(F.names).toEqual([...FEATURES]);
    const v = (name: string, row: number) => F.columns[F.names.indexOf(name)]![row];
    expect(v("recencyDays", a)).toBe(dayNumber("2024-06-30") - dayNumber("2024-06-01"));
    expect(v("purchaseDays", a)).toBe(3);
    expect(v("purchaseDays90", a)).toBe(1);
    expect(v("netSales90", a)).toBe(24);
    expect(v("meanGapDays", a)).toBe(74);
    expect(v("returnShare", a)).toBeCloseTo(6 / 65, 12);
    expect(Number.isNaN(v("meanGapDays", b)!)).toBe(true);
    expect(v("purchaseDays365", b)).toBe(1);
  });
});

describe.each(STORE_KINDS)("a prediction run on a small shop on %s", (kind) => {
  let store: Store;
  beforeAll(async () => {
    store = await freshStore(kind);
    // 40 customers: 35 bought once, 5 came back; too few repeat buyers for the spend model.
    const lines: OrderLineInput[] = [];
    for (let c = 0; c < 40; c++) {
      const day = String(1 + (c % 28)).padStart(2, "0");
      lines.push(line(`S${c}`, `S${c}-1`, `2024-0${1 + (c % 5)}-${day}`, String(20 + c)));
      if (c < 5) lines.push(line(`S${c}`, `S${c}-2`, `2024-0${6 + (c % 3)}-${day}`, String(30 + c)));
    }
    await importLines(store.db, lines, { batchSize: 100 });
  });
  afterAll(async () => store?.close());

  it("still scores everyone, with CLV from each customer's own mean purchase and the models it cannot fit said so", async () => {
    const r = await runModels(store.db, { asOf: "2024-09-30" });
    expect(r.customers).toBe(40);
    expect(r.report.btyd.gammaGamma).toBeNull();
    expect(r.report.clv.skipped).toMatch(/^fewer than 30 repeat buyers/);
    expect(r.report.churn).toHaveProperty("skipped");
    expect(r.report.value).toHaveProperty("skipped");
    const bad = await sql<{ n: number }>`select count(*)::int as n from customer_scores where run_id = ${r.runId} and not (clv >= 0 and clv_low = clv and clv_high = clv)`.execute(store.db);
    expect(bad.rows[0]!.n).toBe(0);
  });
});

describe.each(STORE_KINDS)("prediction runs on %s", (kind) => {
  let store: Store;
  beforeAll(async () => {
    store = await freshStore(kind);
    await loadDemo(store.db, { customers: 700, seed: 3, end: "2026-06-30", months: 24 });
  }, 240_000);
  afterAll(async () => store?.close());

  it("fits, back-tests and scores every customer who has bought, and saves the run whole", async () => {
    const steps: string[] = [];
    const r = await runModels(store.db, { asOf: "2026-06-30" }, (s) => steps.push(s));
    expect(steps).toEqual(["history", "btyd", "churn", "value", "clusters", "saving", "saving"]);
    const buyers = await sql<{ n: number }>`select count(*)::int as n from customer_aggregates where first_purchase <= '2026-06-30'`.execute(store.db);
    expect(r.customers).toBe(buyers.rows[0]!.n);
    const scored = await sql<{ n: number; bad: number }>`select count(*)::int as n,
      (count(*) filter (where p_alive < 0 or p_alive > 1 or expected_purchases < 0 or clv_low > clv or clv > clv_high
        or (churn_probability is not null and (churn_probability < 0 or churn_probability > 1))))::int as bad
      from customer_scores where run_id = ${r.runId}`.execute(store.db);
    expect(scored.rows[0]).toEqual({ n: r.customers, bad: 0 });

    const run = (await modelRun(store.db))!;
    expect(run.run_id).toBe(r.runId);
    expect(run.as_of).toBe("2026-06-30");
    const report = r.report;
    expect(report.btyd.bgnbd.converged).toBe(true);
    expect(report.btyd.frequency.reduce((s, f) => s + f.actual, 0)).toBe(r.customers);
    // The churn model is judged on customers nobody chose it on, next to BG/NBD alone.
    expect("skipped" in report.churn).toBe(false);
    if (!("skipped" in report.churn)) {
      expect(report.churn.candidates.map((c) => c.model).sort()).toEqual(["bgnbd", "boosted-trees", "logistic"]);
      expect(report.churn.candidates[0]!.auc).toBeGreaterThan(0.6);
      expect(report.churn.lift.reduce((s, l) => s + l.customers, 0)).toBe(report.churn.rows.test);
    }
    expect(report.clv.bySegment.reduce((s, g) => s + g.customers, 0)).toBe(r.customers);
    for (const g of report.clv.bySegment) expect(g.low).toBeLessThanOrEqual(g.high);
  }, 240_000);

  it("lists the customers at risk by value at risk, each with reasons that raise their odds of leaving", async () => {
    const run = (await modelRun(store.db))!;
    const { rows, total } = await atRiskCustomers(store.db, run.run_id, { order: "valueAtRisk", limit: 20, offset: 0 });
    expect(total).toBeGreaterThan(20);
    const risk = rows.map((x) => Number(x.value_at_risk));
    expect(risk).toEqual([...risk].sort((p, q) => q - p));
    const top = rows[0]!;
    expect(top.churn_reasons).not.toBeNull();
    for (const reason of top.churn_reasons as Array<{ contribution: number }>) expect(reason.contribution).toBeGreaterThan(0);
    const one = await customerScore(store.db, run.run_id, top.customer_id);
    expect(one?.churn_probability).toBe(top.churn_probability);
    const byP = await atRiskCustomers(store.db, run.run_id, { order: "churnProbability", limit: 20, offset: 0, minProbability: 0.5 });
    for (const x of byP.rows) expect(x.churn_probability).toBeGreaterThanOrEqual(0.5);
  });

  it("lets the event loop turn while it fits, so a server keeps answering during a run", async () => {
    let step = "";
    let finished = false;
    let seen: { step: string; finished: boolean } | null = null;
    const run = buildModels(store.db, { asOf: "2026-06-30" }, (s) => (step = s)).then(() => (finished = true));
    setTimeout(() => (seen = { step, finished }), 0);
    await run;
    // On PGlite every query answers in this process: without turns, the timer (like a
    // request's socket) would wait for the whole run.
    expect(seen).toMatchObject({ finished: false });
  }, 240_000);

  it("scores as of an earlier date only the customers who had bought by then, and keeps the latest runs only", async () => {
    const { report, scores } = await buildModels(store.db, { asOf: "2025-12-31", unit: "day" });
    const buyers = await sql<{ n: number }>`select count(*)::int as n from customer_aggregates where first_purchase <= '2025-12-31'`.execute(store.db);
    expect(scores.ids).toHaveLength(buyers.rows[0]!.n);
    expect(report.unit).toBe("day");
    await expect(buildModels(store.db, { asOf: "2020-01-01" })).rejects.toMatchObject({ code: "BAD_INPUT", details: { field: "asOf" } });
    await expect(buildModels(store.db, { horizonDays: 3 })).rejects.toMatchObject({ code: "BAD_INPUT", details: { field: "horizonDays" } });
    for (let i = 0; i < KEEP_RUNS; i++) await runModels(store.db, { asOf: "2026-06-30", horizonDays: 60 });
    expect(await listModelRuns(store.db, 50)).toHaveLength(KEEP_RUNS);
  }, 400_000);
});
