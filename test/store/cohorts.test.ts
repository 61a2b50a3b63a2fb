import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { monthNumber } from "../../src/analytics/value/cohorts.ts";
import type { OrderLineInput } from "../../src/domain/inputs.ts";
import type { Store } from "../../src/store/connect.ts";
import { customerMonths } from "../../src/store/cohorts.repository.ts";
import { buildChurnCost } from "../../src/value/churn-cost.service.ts";
import { buildCohortReport, lastWholeMonth, moneyJson } from "../../src/value/cohorts.service.ts";
import { importLines } from "../support/import-rows.ts";
import { freshStore, STORE_KINDS } from "../support/stores.ts";

const line = (o: Partial<OrderLineInput> & Pick<OrderLineInput, "customerRef" | "orderedAt" | "quantity">): OrderLineInput => o;

/**
 * A buys in January (twice), February and April; B in February, and returns part of it in
 * March; C returns something in December, then first buys in March; E buys twice on the
 * last day of April; D only in May, after every as-of date below.
 */
const LINES: OrderLineInput[] = [
  line({ customerRef: "A", orderNo: "A1", orderedAt: "2024-01-10", quantity: "1", amount: "100", unitCost: "60" }),
  line({ customerRef: "A", orderNo: "A2", orderedAt: "2024-01-20", quantity: "1", amount: "50" }),
  line({ customerRef: "A", orderNo: "A3", orderedAt: "2024-02-05", quantity: "1", amount: "80", unitCost: "50" }),
  line({ customerRef: "A", orderNo: "A4", orderedAt: "2024-04-15", quantity: "1", amount: "40" }),
  line({ customerRef: "B", orderNo: "B1", orderedAt: "2024-02-29", quantity: "1", amount: "200", unitCost: "150" }),
  line({ customerRef: "B", orderNo: "B2", orderedAt: "2024-03-10", quantity: "-1", amount: "-30", unitCost: "22.5" }),
  line({ customerRef: "C", orderNo: "C0", orderedAt: "2023-12-31", quantity: "-1", amount: "-5" }),
  line({ customerRef: "C", orderNo: "C1", orderedAt: "2024-03-01", quantity: "1", amount: "10" }),
  line({ customerRef: "E", orderNo: "E1", orderedAt: "2024-04-30", quantity: "1", amount: "20.50" }),
  line({ customerRef: "E", orderNo: "E2", orderedAt: "2024-04-30", quantity: "1", amount: "9.50" }),
  line({ customerRef: "D", orderNo: "D1", orderedAt: "2024-05-01", quantity: "1", amount: "999" }),
];

describe.each(STORE_KINDS)("cohorts, retention and the churn cost from the monthly aggregates on %s", (kind) => {
  let store: Store;
  beforeAll(async () => {
    store = await freshStore(kind);
    await importLines(store.db, LINES);
  });
  afterAll(async () => {
    await store?.close();
  });

  it("reads the customer-month rows up to a month and none after it", async () => {
    const rows = await customerMonths(store.db, "2024-04");
    const want = await sql<{ n: number }>`select count(*)::int as n from customer_month_aggregates where month <= '2024-04-01'`.execute(store.db);
    expect(rows.month.length).toBe(want.rows[0]!.n);
    expect(Math.max(...rows.month)).toBe(monthNumber("2024-04"));
    // B's March: a return only, no order, net −30 with its known cost of −22.5.
    const ids = await store.db.selectFrom("customers").select(["customer_id", "external_id"]).execute();
    const b = ids.find((r) => r.external_id === "B")!.customer_id;
    const i = [...rows.month].findIndex((m, j) => m === monthNumber("2024-03") && rows.customer[j] === b);
    expect([rows.orders[i], rows.purchaseDays[i], rows.net[i], rows.costedNet[i], rows.cost[i]]).toEqual([0, 0, -30_000_000n, -30_000_000n, -22_500_000n]);
    await expect(customerMonths(store.db, "2024-13")).rejects.toThrow(RangeError);
  });

  it("gives the hand-computed cohort table and KPIs as of the end of April", async () => {
    const r = moneyJson(await buildCohortReport(store.db, { asOf: "2024-04-30", months: 2 }));
    expect(r).toEqual({
      currency: "CNY", asOf: "2024-04-30", month: "2024-04",
      cohorts: [
        { month: "2024-01", customers: 1, active: [1, 1, 0, 1], retention: [1, 1, 0, 1], revenue: ["150", "80", "0", "40"] },
        { month: "2024-02", customers: 1, active: [1, 0, 0], retention: [1, 0, 0], revenue: ["200", "-30", "0"] },
        // C's December return came before their first purchase: no cohort holds it.
        { month: "2024-03", customers: 1, active: [1, 0], retention: [1, 0], revenue: ["10", "0"] },
        { month: "2024-04", customers: 1, active: [1], retention: [1], revenue: ["30"] },
      ],
      kpis: {
        period: { from: "2024-03", to: "2024-04", previousFrom: "2024-01", previousTo: "2024-02" },
        // January–February's buyers A and B; A bought again.
        previousCustomers: 2, retained: 1, retentionRate: 0.5, churnRate: 0.5,
        // A bought on 4 days; B, C and E on one each (E's two orders share a day).
        customers: 4, repeatCustomers: 1, repeatPurchaseRate: 0.25,
        // March–April: B −30, C 10, A 40, E 30; A and B first bought before March.
        periodNet: "50", returningNet: "10", returningShare: 0.2,
      },
    });
  });

  it("reads whole months only: as of a day inside a month, the table ends with the month before", async () => {
    expect(lastWholeMonth("2024-04-15")).toBe("2024-03");
    expect(lastWholeMonth("2024-02-29")).toBe("2024-02");
    expect(lastWholeMonth("2024-01-01")).toBe("2023-12");
    const r = await buildCohortReport(store.db, { asOf: "2024-04-15", months: 1 });
    expect(r.month).toBe("2024-03");
    expect(r.cohorts.map((c) => [c.month, c.active])).toEqual([["2024-01", [1, 1, 0]], ["2024-02", [1, 0]], ["2024-03", [1]]]);
    expect(r.kpis.period).toEqual({ from: "2024-03", to: "2024-03", previousFrom: "2024-02", previousTo: "2024-02" });
    await expect(buildCohortReport(store.db, { asOf: "2024-02-30" })).rejects.toMatchObject({ code: "BAD_INPUT", details: { field: "asOf" } });
    await expect(buildCohortReport(store.db, { months: 0 })).rejects.toMatchObject({ code: "BAD_INPUT", details: { field: "months" } });
  });

  it("measures the churn-cost inputs on the lost customers and works the cost out exactly", async () => {
    const r = moneyJson(await buildChurnCost(store.db, { asOf: "2024-04-30", period: 2 })) as Record<string, unknown>;
    // Lost: B, who bought in January–February and not in March–April: 1 order of 200 at a cost of 150 over two months.
    expect(r).toMatchObject({
      period: { from: "2024-03", to: "2024-04", previousFrom: "2024-01", previousTo: "2024-02", months: 2 },
      measured: { previousCustomers: 2, retained: 1, lost: 1, churnRate: 0.5, basis: "lost", customers: 1, orders: 1, netSales: "200", costedNetSales: "200", cost: "150", costedShare: 1 },
      inputs: {
        lostCustomers: { value: "1", measured: "1", source: "measured" },
        ordersPerMonth: { value: "0.5", measured: "0.5", source: "measured" },
        orderValue: { value: "200", measured: "200", source: "measured" },
        marginRate: { value: "0.25", measured: "0.25", source: "measured" },
        fxRate: { value: "1", measured: null, source: "default" },
        months: { value: "12", measured: null, source: "default" },
      },
      missing: [],
      churnCost: { monthlySales: "100.0", monthlyMargin: "25.000", monthlyMarginBase: "25.000", total: "300.000" },
      formula: "1 × 0.5 × 200 × 0.25 × 1 × 12 = 300.000",
      sensitivityIssue: null,
    });
    // A customer's margin per two-month period: 0.5 × 200 × 0.25 × 2 = 50; churn 50% → 45% at 10%: 50·0.5/0.6 → 50·0.55/0.55.
    const s = r.sensitivity as Record<string, number | string>;
    expect(s).toMatchObject({ churnRate: 0.5, churnSource: "measured", reduction: 0.05, discountRate: 0.1, marginPerPeriod: "50.000", lifetimeMarginAfter: 50 });
    expect(s.lifetimeMarginBefore).toBeCloseTo(125 / 3, 10);
    expect(s.increase).toBeCloseTo(0.2, 10);
  });

  it("takes each input the user gives instead of the measured one, and says which inputs are missing", async () => {
    // One month: C, who bought in March only, is lost; their 10 had no known cost, so there is no margin rate.
    const bare = await buildChurnCost(store.db, { asOf: "2024-04-30", period: 1 });
    expect(bare).toMatchObject({ missing: ["marginRate"], churnCost: null, formula: null, sensitivity: null, sensitivityIssue: "missingInputs" });
    expect(bare.inputs.marginRate).toEqual({ value: null, measured: null, source: "default" });
    const given = await buildChurnCost(store.db, { asOf: "2024-04-30", period: 1, marginRate: "0.3" });
    expect(given.formula).toBe("1 × 1 × 10 × 0.3 × 1 × 12 = 36.0");
    // Seed 001's example, every input given.
    const seed = await buildChurnCost(store.db, { asOf: "2024-04-30", lostCustomers: "7", ordersPerMonth: "10", orderValue: "150", marginRate: "0.20", fxRate: "6.3", months: "12", churnRate: 0.2, discountRate: 0.1 });
    expect(seed.churnCost?.total).toBe("158760.000");
    expect(Object.values(seed.inputs).every((i) => i.source === "given")).toBe(true);
    expect(seed.sensitivity).toMatchObject({ churnSource: "given", churnRate: 0.2 });
    expect(seed.sensitivity?.increase).toBeCloseTo(0.275, 10);
    expect((await buildChurnCost(store.db, { asOf: "2024-04-30", churnRate: 0.04 })).sensitivityIssue).toBe("reductionTooLarge");
    await expect(buildChurnCost(store.db, { orderValue: "1e3" })).rejects.toMatchObject({ code: "BAD_INPUT", details: { field: "orderValue" } });
    await expect(buildChurnCost(store.db, { fxRate: "0" })).rejects.toMatchObject({ code: "BAD_INPUT", details: { field: "fxRate" } });
    await expect(buildChurnCost(store.db, { reduction: 1 })).rejects.toMatchObject({ code: "BAD_INPUT", details: { field: "reduction" } });
  });

  it("never reads a month after the as-of month: later orders change nothing", async () => {
    const before = await Promise.all([
      buildCohortReport(store.db, { asOf: "2024-04-30", months: 2 }),
      buildCohortReport(store.db, { asOf: "2024-04-15", months: 1 }),
      buildChurnCost(store.db, { asOf: "2024-04-30", period: 2 }),
    ]);
    // B comes back in May (so B would no longer be lost), C and a new customer buy in June.
    await importLines(store.db, [
      line({ customerRef: "B", orderNo: "B3", orderedAt: "2024-05-02", quantity: "1", amount: "70" }),
      line({ customerRef: "C", orderNo: "C2", orderedAt: "2024-06-30", quantity: "1", amount: "12" }),
      line({ customerRef: "F", orderNo: "F1", orderedAt: "2024-06-01", quantity: "1", amount: "5" }),
    ]);
    const after = await Promise.all([
      buildCohortReport(store.db, { asOf: "2024-04-30", months: 2 }),
      buildCohortReport(store.db, { asOf: "2024-04-15", months: 1 }),
      buildChurnCost(store.db, { asOf: "2024-04-30", period: 2 }),
    ]);
    expect(after).toEqual(before);
    // As of May (February–March before April–May), B is back: of A, B and C, only C is lost.
    expect((await buildChurnCost(store.db, { asOf: "2024-05-31", period: 2 })).measured).toMatchObject({ previousCustomers: 3, retained: 2, lost: 1, basis: "lost", orders: 1 });
  });
});
