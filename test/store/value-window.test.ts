import fc from "fast-check";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OrderLineInput } from "../../src/domain/inputs.ts";
import { aggregatesOfLinesBetween } from "../../src/store/aggregates.ts";
import type { Store } from "../../src/store/connect.ts";
import { dayNumber, dayText } from "../../src/domain/days.ts";
import { customerValues, type CustomerValues } from "../../src/store/value.repository.ts";
import { importLines } from "../support/import-rows.ts";
import { freshStore, STORE_KINDS } from "../support/stores.ts";

const line = (o: Partial<OrderLineInput> & Pick<OrderLineInput, "customerRef" | "orderedAt" | "quantity">): OrderLineInput => o;

/** Lines on and around month ends, with returns, discounts and costs, and some after every window. */
const LINES: OrderLineInput[] = [
  line({ customerRef: "A", orderNo: "A1", orderedAt: "2024-01-31", quantity: "1", unitPrice: "100", discount: "10", unitCost: "40" }),
  line({ customerRef: "A", orderNo: "A2", orderedAt: "2024-02-01", quantity: "2", unitPrice: "30" }),
  line({ customerRef: "A", orderNo: "A3", orderedAt: "2024-02-15", quantity: "-1", unitPrice: "30" }),
  line({ customerRef: "A", orderNo: "A4", orderedAt: "2024-02-29", quantity: "1", amount: "55.55", unitCost: "20" }),
  line({ customerRef: "A", orderNo: "A5", orderedAt: "2024-03-01", quantity: "1", amount: "12.34" }),
  line({ customerRef: "B", orderNo: "B1", orderedAt: "2024-02-10", quantity: "3", unitPrice: "9.99", discount: "1.5" }),
  line({ customerRef: "B", orderNo: "B1", orderedAt: "2024-02-10", sku: "X", quantity: "1", unitPrice: "5" }),
  line({ customerRef: "B", orderNo: "B2", orderedAt: "2024-03-31", quantity: "1", amount: "70" }),
  line({ customerRef: "C", orderNo: "C1", orderedAt: "2023-12-31", quantity: "1", amount: "8" }),
  line({ customerRef: "C", orderNo: "C2", orderedAt: "2024-02-20", quantity: "-1", amount: "-8" }),
  line({ customerRef: "D", orderNo: "D1", orderedAt: "2024-04-02", quantity: "1", amount: "999" }),
];

describe.each(STORE_KINDS)("customer value over a window of dates on %s", (kind) => {
  let store: Store;
  beforeAll(async () => {
    store = await freshStore(kind);
    await importLines(store.db, LINES);
  });
  afterAll(async () => {
    await store?.close();
  });

  /** The same figures straight from all the lines in the window and to its end: one definition, no months. */
  async function direct(from: string, to: string) {
    const micro = (c: string) => sql`${sql.ref(c)}::text as ${sql.ref(c)}`;
    const win = await sql<Record<string, string | number>>`select customer_id::float8 as id, orders, purchase_days,
        ${sql.join(["gross", "discount", "sales", "returns", "cost", "costed_net_sales"].map(micro))}
      from (${aggregatesOfLinesBetween(from, to)}) x`.execute(store.db);
    const hist = await sql<{ id: number; first_purchase: string | null; last_purchase: string | null; purchase_days: number; first_day_sales: string }>`
      select customer_id::float8 as id, first_purchase::text, last_purchase::text, purchase_days, first_day_sales::text
      from (${aggregatesOfLinesBetween("1900-01-01", to)}) y`.execute(store.db);
    return { win: new Map(win.rows.map((r) => [r.id, r])), hist: new Map(hist.rows.map((r) => [r.id, r])) };
  }

  function byId(v: CustomerValues) {
    return new Map([...v.ids].map((id, i) => [id, {
      orders: v.orders[i], purchase_days: v.purchaseDays[i], gross: String(v.gross[i]), discount: String(v.discount[i]),
      sales: String(v.sales[i]), returns: String(v.returns[i]), cost: String(v.cost[i]), costed_net_sales: String(v.costedNetSales[i]),
      first_purchase: v.firstPurchase[i] === -1 ? null : dayText(v.firstPurchase[i]!), last_purchase: v.lastPurchase[i] === -1 ? null : dayText(v.lastPurchase[i]!),
      purchase_days_to_date: v.purchaseDaysToDate[i], first_day_sales: String(v.firstDaySales[i]),
    }]));
  }

  async function check(from: string, to: string) {
    const got = byId(await customerValues(store.db, { from, to }));
    const want = await direct(from, to);
    // Everyone with a line up to the end is listed; nobody else.
    expect([...got.keys()].sort()).toEqual([...want.hist.keys()].sort());
    for (const [id, g] of got) {
      const w = want.win.get(id);
      const h = want.hist.get(id)!;
      expect({ ...g, window: from + " … " + to }).toEqual({
        orders: w?.orders ?? 0, purchase_days: w?.purchase_days ?? 0,
        gross: w?.gross ?? "0", discount: w?.discount ?? "0", sales: w?.sales ?? "0", returns: w?.returns ?? "0", cost: w?.cost ?? "0", costed_net_sales: w?.costed_net_sales ?? "0",
        first_purchase: h.first_purchase, last_purchase: h.last_purchase, purchase_days_to_date: h.purchase_days,
        first_day_sales: h.first_day_sales, window: from + " … " + to,
      });
    }
    return got;
  }

  it("sums whole months and the cut parts of months exactly as all the window's lines would", async () => {
    const feb = await check("2024-02-01", "2024-02-29");
    // A in February: 2 × 30 + 55.55 of sales, a return of 30; B: 3 × 9.99 − 1.5 + 5.
    expect(feb.get(1)).toMatchObject({ orders: 2, purchase_days: 2, sales: "115550000", returns: "30000000", first_purchase: "2024-01-31", last_purchase: "2024-02-29" });
    expect(feb.get(2)).toMatchObject({ sales: "33470000", discount: "1500000" });
    await check("2024-02-15", "2024-03-31");
    await check("2024-01-31", "2024-02-15");
    await check("2024-02-10", "2024-02-20");
    await check("2024-03-01", "2024-03-01");
    await check("2023-01-01", "2024-12-31");
  });

  it("never reads past the window's end: D, who first bought after it, is not there", async () => {
    const got = await check("2024-01-01", "2024-03-31");
    expect([...got.keys()]).toHaveLength(3);
  });

  it("agrees with the lines for any window (property)", async () => {
    const start = dayNumber("2023-12-20");
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 120 }), fc.integer({ min: 0, max: 70 }), async (a, len) => {
        await check(dayText(start + a), dayText(start + a + len));
      }),
      { numRuns: 25 },
    );
  });

  it("counts the ladder's purchase periods as the lines give them, for any end, period length and recent count (property)", async () => {
    const start = dayNumber("2023-12-20");
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 120 }), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 5 }), async (a, periodMonths, recent) => {
        const to = dayText(start + a);
        const asOfMonth = Number(to.slice(0, 4)) * 12 + Number(to.slice(5, 7)) - 1;
        const want = await sql<{ id: number; periods: number; recent: number }>`
          with l as (
            select customer_id, (${asOfMonth}::int - (extract(year from order_date)::int * 12 + extract(month from order_date)::int - 1)) / ${periodMonths}::int as p
            from order_lines where order_date <= ${to}::date and not is_return
          )
          select c.customer_id::float8 as id, least(count(distinct l.p), 2)::int as periods, (count(distinct l.p) filter (where l.p < ${recent}::int))::int as recent
          from (select distinct customer_id from order_lines where order_date <= ${to}::date) c left join l using (customer_id)
          group by c.customer_id`.execute(store.db);
        const from = dayText(start + a - 30);
        const v = await customerValues(store.db, { from, to }, { previous: { from: dayText(start + a - 60), to: dayText(start + a - 31) }, periodMonths, recent });
        const got = new Map([...v.ids].map((id, i) => [id, [v.purchasePeriods[i], v.recentPeriods[i]]]));
        expect({ to, periodMonths, recent, got }).toEqual({ to, periodMonths, recent, got: new Map(want.rows.map((r) => [r.id, [r.periods, r.recent]])) });
      }),
      { numRuns: 25 },
    );
  });

  it("refuses a window that is not one", async () => {
    await expect(customerValues(store.db, { from: "2024-02-30", to: "2024-03-01" })).rejects.toThrow(RangeError);
    await expect(customerValues(store.db, { from: "2024-03-02", to: "2024-03-01" })).rejects.toThrow(/starts after it ends/);
  });
});
