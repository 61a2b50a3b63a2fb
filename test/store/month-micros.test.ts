import fc from "fast-check";
import { sql, type Kysely } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OrderLineInput } from "../../src/domain/inputs.ts";
import { dayNumber, dayText } from "../../src/domain/days.ts";
import { rebuildAggregates } from "../../src/store/aggregates.ts";
import type { Store } from "../../src/store/connect.ts";
import { migrateToLatest, migrateUpTo } from "../../src/store/migrate.ts";
import type { Database } from "../../src/store/schema.ts";
import { customerValues } from "../../src/store/value.repository.ts";
import { importLines } from "../support/import-rows.ts";
import { freshStore, STORE_KINDS } from "../support/stores.ts";

/** The last migration with numeric money in customer_month_aggregates. */
const BEFORE_MICROS = "2026_11_22_0006_pattern_runs";

/**
 * Order lines as stored (customer, order, date, base amount, discount, cost, return), for a
 * store at the numeric schema. A: several orders a month, two on the first day, a return, a
 * month of returns only. B: lines with more than 6 decimals (an amount × rate kept exactly)
 * in January, whole micro-units in February. C: a return before the first sale.
 */
const STORED: Array<[string, string, string, string, string, string | null, boolean]> = [
  ["A", "A1", "2024-01-10", "100.00", "10", "40", false],
  ["A", "A1", "2024-01-10", "5.5", "0", null, false],
  ["A", "A2", "2024-01-10", "20", "0", "8", false],
  ["A", "A3", "2024-01-20", "50", "2.5", null, false],
  ["A", "A4", "2024-01-25", "-30", "0", "-12", true],
  ["A", "A5", "2024-02-05", "-8", "0", null, true],
  ["A", "A6", "2024-03-15", "12.345678", "0.000001", "6.1", false],
  ["B", "B1", "2024-01-31", "63.393332211", "0", "31.6783945", false],
  ["B", "B1", "2024-01-31", "1.0000004", "0", null, false],
  ["B", "B2", "2024-01-31", "1.0000004", "0.0000005", null, false],
  ["B", "B3", "2024-01-31", "-2.0000005", "0", null, true],
  ["B", "B4", "2024-02-10", "3", "0", null, false],
  ["C", "C0", "2023-12-31", "-5", "0", null, true],
  ["C", "C1", "2024-03-01", "10", "0", null, false],
];

/** The month aggregates as the first migration defined them (numeric sums of the lines), for the store at the old schema. */
async function numericAggregates(db: Kysely<Database>) {
  await sql`insert into customer_month_aggregates (customer_id, month, orders, purchase_days, lines, items, gross, discount, sales, returns,
      returned_items, cost, costed_net_sales, first_purchase, last_purchase)
    select l.customer_id, date_trunc('month', l.order_date)::date,
      count(distinct l.order_id) filter (where not l.is_return)::int, count(distinct l.order_date) filter (where not l.is_return)::int,
      (count(*) filter (where not l.is_return))::int, coalesce(sum(l.quantity) filter (where not l.is_return), 0),
      coalesce(sum(l.base_amount + l.base_discount) filter (where not l.is_return), 0), coalesce(sum(l.base_discount) filter (where not l.is_return), 0),
      coalesce(sum(l.base_amount) filter (where not l.is_return), 0), coalesce(-sum(l.base_amount) filter (where l.is_return), 0),
      coalesce(-sum(l.quantity) filter (where l.is_return), 0), coalesce(sum(l.base_cost), 0),
      coalesce(sum(l.base_amount) filter (where l.base_cost is not null), 0),
      min(l.order_date) filter (where not l.is_return), max(l.order_date) filter (where not l.is_return)
    from order_lines l group by l.customer_id, date_trunc('month', l.order_date)`.execute(db);
  await sql`insert into customer_aggregates (customer_id, orders, purchase_days, lines, items, gross, discount, sales, returns, returned_items,
      cost, costed_net_sales, first_purchase, last_purchase)
    select customer_id, sum(orders), sum(purchase_days), sum(lines), sum(items), sum(gross), sum(discount), sum(sales), sum(returns),
      sum(returned_items), sum(cost), sum(costed_net_sales), min(first_purchase), max(last_purchase)
    from customer_month_aggregates group by customer_id`.execute(db);
}

const MONTH_ROW = sql<Record<string, string>>`select c.external_id as who, m.month::text, m.orders, m.purchase_days, m.lines, trim_scale(m.items)::text as items,
    m.gross::text, m.discount::text, m.sales::text, m.returns::text, trim_scale(m.returned_items)::text as returned_items, m.cost::text,
    m.costed_net_sales::text, m.first_day_sales::text, m.first_purchase::text, m.last_purchase::text, m.is_first_month
  from customer_month_aggregates m join customers c using (customer_id) order by 1, 2`;
const TOTAL_ROW = sql<Record<string, string>>`select c.external_id as who, a.orders, a.purchase_days, a.lines, trim_scale(a.items)::text as items,
    trim_scale(a.gross)::text as gross, trim_scale(a.discount)::text as discount, trim_scale(a.sales)::text as sales, trim_scale(a.returns)::text as returns,
    trim_scale(a.returned_items)::text as returned_items, trim_scale(a.cost)::text as cost, trim_scale(a.costed_net_sales)::text as costed_net_sales,
    a.first_purchase::text, a.last_purchase::text
  from customer_aggregates a join customers c using (customer_id) order by 1`;

describe.each(STORE_KINDS)("month money in micro-units on %s", (kind) => {
  describe("the migration from numeric", () => {
    let store: Store;
    let before: { months: Record<string, string>[]; totals: Record<string, string>[] };
    let migrated: { months: Record<string, string>[]; totals: Record<string, string>[] };
    beforeAll(async () => {
      store = await freshStore(kind, { migrate: false });
      const db = store.db;
      await migrateUpTo(db, BEFORE_MICROS);
      for (const who of ["A", "B", "C"]) await sql`insert into customers (external_id, name) values (${who}, ${who})`.execute(db);
      let lineNo = 0;
      for (const [who, orderNo, day, amount, discount, cost, isReturn] of STORED) {
        const c = sql`(select customer_id from customers where external_id = ${who})`;
        await sql`insert into orders (customer_id, order_no, ordered_at, order_date, currency, fx_rate)
          values (${c}, ${orderNo}, ${day}::timestamptz, ${day}::date, 'CNY', 1) on conflict do nothing`.execute(db);
        await sql`insert into order_lines (customer_id, order_id, line_no, order_date, quantity, amount, base_amount, base_discount, base_cost, is_return)
          select o.customer_id, o.order_id, ${++lineNo}, ${day}::date, ${isReturn ? -1 : 1}, ${amount}::numeric, ${amount}::numeric,
            ${discount}::numeric, ${cost}::numeric, ${isReturn}
          from orders o where o.customer_id = ${c} and o.order_no = ${orderNo}`.execute(db);
      }
      await numericAggregates(db);
      // The money of the old months times 10⁶, exactly (numeric arithmetic), beside the rest as it was.
      before = {
        months: (await sql<Record<string, string>>`select c.external_id as who, m.month::text, m.orders, m.purchase_days, m.lines,
            trim_scale(m.items)::text as items, trim_scale(m.gross * 1000000)::text as gross, trim_scale(m.discount * 1000000)::text as discount,
            trim_scale(m.sales * 1000000)::text as sales, trim_scale(m.returns * 1000000)::text as returns,
            trim_scale(m.returned_items)::text as returned_items, trim_scale(m.cost * 1000000)::text as cost,
            trim_scale(m.costed_net_sales * 1000000)::text as costed_net_sales, m.first_purchase::text, m.last_purchase::text
          from customer_month_aggregates m join customers c using (customer_id) order by 1, 2`.execute(db)).rows,
        totals: (await TOTAL_ROW.execute(db)).rows,
      };
      await migrateToLatest(db);
      migrated = { months: (await MONTH_ROW.execute(db)).rows, totals: (await TOTAL_ROW.execute(db)).rows };
    });
    afterAll(async () => {
      await store?.close();
    });

    it("converts the months of whole micro-units exactly, and leaves everything else as it was", () => {
      const whole = (r: Record<string, string>) => !(r.who === "B" && r.month === "2024-01-01");
      const old = ({ first_day_sales: _f, is_first_month: _m, ...r }: Record<string, unknown>) => r;
      expect(Object.keys(before.months[0]!).sort()).toEqual(Object.keys(old(migrated.months[0]!)).sort());
      expect(migrated.months.filter(whole).map(old)).toEqual(before.months.filter(whole));
      expect(migrated.months.map((r) => `${r.who} ${r.month}`)).toEqual(before.months.map((r) => `${r.who} ${r.month}`));
      // A's January by hand: 100 + 5.5 + 20 + 50 of sales, 30 returned, 12.5 of discount.
      expect(migrated.months[0]).toMatchObject({ who: "A", month: "2024-01-01", sales: "175500000", returns: "30000000", discount: "12500000", gross: "188000000", cost: "36000000", costed_net_sales: "90000000" });
      expect(migrated.totals.filter((r) => r.who !== "B")).toEqual(before.totals.filter((r) => r.who !== "B"));
    });

    it("fills the sales of each month's first purchase day from the lines, and marks each customer's first month with a sale", () => {
      const fds = Object.fromEntries(migrated.months.map((r) => [`${r.who} ${r.month}`, [r.first_day_sales, r.is_first_month]]));
      expect(fds).toEqual({
        // Two orders on 10 January: 100 + 5.5 + 20. February: returns only. March: one line.
        "A 2024-01-01": ["125500000", true], "A 2024-02-01": ["0", false], "A 2024-03-01": ["12345678", false],
        "B 2024-01-01": ["65393332", true], "B 2024-02-01": ["3000000", false],
        // C's return in December is not a purchase: March is its first month.
        "C 2023-12-01": ["0", false], "C 2024-03-01": ["10000000", true],
      });
    });

    it("recomputes from the lines a month holding lines beyond micro-units, each line rounded, and its customer's totals", () => {
      const b = migrated.months.find((r) => r.who === "B" && r.month === "2024-01-01")!;
      // 63.393332211 → 63.393332; 1.0000004 → 1 twice (their exact sum, 2.0000008, would round to 2.000001);
      // the return −2.0000005 → −2.000001 (half away from zero); the discount 0.0000005 → 0.000001.
      expect(b).toMatchObject({ sales: "65393332", returns: "2000001", discount: "1", gross: "65393333", cost: "31678395", costed_net_sales: "63393332" });
      expect(migrated.totals.find((r) => r.who === "B")).toMatchObject({ sales: "68.393332", returns: "2.000001", gross: "68.393333", cost: "31.678395" });
    });

    it("gives what the aggregates computed afresh from the lines give", async () => {
      await rebuildAggregates(store.db);
      expect((await MONTH_ROW.execute(store.db)).rows).toEqual(migrated.months);
      expect((await TOTAL_ROW.execute(store.db)).rows).toEqual(migrated.totals);
      const columns = await sql<{ column_name: string; data_type: string }>`select column_name, data_type from information_schema.columns
        where table_name = 'customer_month_aggregates' and data_type in ('bigint', 'numeric') order by ordinal_position`.execute(store.db);
      expect(columns.rows.map((c) => `${c.column_name} ${c.data_type}`)).toEqual([
        "customer_id bigint", "items numeric", "gross bigint", "discount bigint", "sales bigint", "returns bigint", "returned_items numeric",
        "cost bigint", "costed_net_sales bigint", "first_day_sales bigint",
      ]);
    });
  });

  describe("the first purchase day's sales", () => {
    const line = (o: Partial<OrderLineInput> & Pick<OrderLineInput, "customerRef" | "orderedAt" | "quantity">): OrderLineInput => o;
    /**
     * P: two orders on 10 January and a return that day, more in January and March. Q: a return
     * in December, a first purchase on 31 January. R: one line of 0.1234567 in another currency.
     */
    const LINES: OrderLineInput[] = [
      line({ customerRef: "P", orderNo: "P1", orderedAt: "2024-01-10", quantity: "2", unitPrice: "50", discount: "5" }),
      line({ customerRef: "P", orderNo: "P2", orderedAt: "2024-01-10T18:00:00", quantity: "1", amount: "25.25" }),
      line({ customerRef: "P", orderNo: "P3", orderedAt: "2024-01-10", quantity: "-1", amount: "-20" }),
      line({ customerRef: "P", orderNo: "P4", orderedAt: "2024-01-20", quantity: "1", amount: "40" }),
      line({ customerRef: "P", orderNo: "P5", orderedAt: "2024-03-05", quantity: "1", amount: "7" }),
      line({ customerRef: "P", orderNo: "P5", orderedAt: "2024-03-05", quantity: "1", amount: "3" }),
      line({ customerRef: "Q", orderNo: "Q0", orderedAt: "2023-12-15", quantity: "-1", amount: "-9" }),
      line({ customerRef: "Q", orderNo: "Q1", orderedAt: "2024-01-31", quantity: "1", amount: "60" }),
      line({ customerRef: "Q", orderNo: "Q2", orderedAt: "2024-02-01", quantity: "1", amount: "70" }),
      line({ customerRef: "R", orderNo: "R1", orderedAt: "2024-02-14", quantity: "1", amount: "0.1234567", currency: "USD" }),
    ];
    let store: Store;
    let id: Record<string, number>;
    beforeAll(async () => {
      store = await freshStore(kind);
      await sql`insert into fx_rates (currency, valid_from, rate) values ('USD', '2024-01-01', 7)`.execute(store.db);
      await importLines(store.db, LINES);
      id = Object.fromEntries((await store.db.selectFrom("customers").select(["external_id", "customer_id"]).execute()).map((r) => [r.external_id!, r.customer_id]));
    });
    afterAll(async () => {
      await store?.close();
    });

    it("is kept per month: the sale lines of the month's first purchase day, returns apart", async () => {
      const rows = await sql<{ who: string; month: string; first_day_sales: string; sales: string; is_first_month: boolean }>`
        select c.external_id as who, m.month::text, m.first_day_sales::text, m.sales::text, m.is_first_month
        from customer_month_aggregates m join customers c using (customer_id) order by 1, 2`.execute(store.db);
      expect(rows.rows).toEqual([
        { who: "P", month: "2024-01-01", first_day_sales: "120250000", sales: "160250000", is_first_month: true },
        { who: "P", month: "2024-03-01", first_day_sales: "10000000", sales: "10000000", is_first_month: false },
        { who: "Q", month: "2023-12-01", first_day_sales: "0", sales: "0", is_first_month: false },
        { who: "Q", month: "2024-01-01", first_day_sales: "60000000", sales: "60000000", is_first_month: true },
        { who: "Q", month: "2024-02-01", first_day_sales: "70000000", sales: "70000000", is_first_month: false },
        // 0.1234567 × 7 = 0.8641969, rounded to micro-units half away from zero.
        { who: "R", month: "2024-02-01", first_day_sales: "864197", sales: "864197", is_first_month: true },
      ]);
    });

    /** Each customer's first purchase day's sales in the values of a window, by external id; absent: not listed. */
    async function firstDaySales(from: string, to: string) {
      const v = await customerValues(store.db, { from, to });
      const byId = new Map([...v.ids].map((c, i) => [c, [v.firstDaySales[i]!, v.firstPurchase[i]!] as const]));
      return Object.fromEntries(Object.entries(id).filter(([, c]) => byId.has(c)).map(([who, c]) => {
        const [sales, first] = byId.get(c)!;
        return [who, { sales, first: first < 0 ? null : dayText(first) }];
      }));
    }

    it("gives each customer's first purchase day's sales up to the window's end, whole months or cut", async () => {
      const all = { P: { sales: 120_250_000n, first: "2024-01-10" }, Q: { sales: 60_000_000n, first: "2024-01-31" }, R: { sales: 864_197n, first: "2024-02-14" } };
      expect(await firstDaySales("2024-01-01", "2024-03-31")).toEqual(all);
      // The first purchase is history, not the window: a window after it still has it.
      expect(await firstDaySales("2024-03-01", "2024-03-31")).toEqual(all);
      // A window ending inside the first month (read from the lines): its first day is there.
      expect(await firstDaySales("2023-06-01", "2024-01-15")).toEqual({ P: { sales: 120_250_000n, first: "2024-01-10" }, Q: { sales: 0n, first: null } });
      // Q's return in December is not a purchase: 0 and no first purchase until 31 January.
      expect(await firstDaySales("2024-01-01", "2024-01-30")).toEqual({ P: { sales: 120_250_000n, first: "2024-01-10" }, Q: { sales: 0n, first: null } });
      expect(await firstDaySales("2024-01-11", "2024-01-31")).toEqual({ P: { sales: 120_250_000n, first: "2024-01-10" }, Q: { sales: 60_000_000n, first: "2024-01-31" } });
      // Cut at both ends, and the first purchase on the window's last day.
      expect(await firstDaySales("2024-01-20", "2024-02-14")).toEqual(all);
      expect(await firstDaySales("2024-01-05", "2024-01-10")).toEqual({ P: { sales: 120_250_000n, first: "2024-01-10" }, Q: { sales: 0n, first: null } });
    });

    it("agrees with one aggregation of all the lines to any window's end (property)", async () => {
      const start = dayNumber("2023-12-01");
      await fc.assert(fc.asyncProperty(fc.integer({ min: 0, max: 110 }), fc.integer({ min: 0, max: 60 }), async (a, len) => {
        const to = dayText(start + a + len);
        const want = await sql<{ id: number; first_day_sales: string }>`
          with l as (select customer_id, order_date, (base_amount * 1000000)::bigint as m, is_return from order_lines where order_date <= ${to}::date),
            f as (select customer_id, min(order_date) filter (where not is_return) as d from l group by customer_id)
          select f.customer_id::float8 as id, coalesce(sum(l.m) filter (where not l.is_return and l.order_date = f.d), 0)::text as first_day_sales
          from f join l using (customer_id) group by f.customer_id`.execute(store.db);
        const v = await customerValues(store.db, { from: dayText(start + a), to });
        expect(new Map([...v.ids].map((c, i) => [c, String(v.firstDaySales[i])]))).toEqual(new Map(want.rows.map((r) => [r.id, r.first_day_sales])));
      }), { numRuns: 20 });
    });

    it("follows new orders: another order on the first day adds to its sales, an earlier purchase moves the first month", async () => {
      await importLines(store.db, [
        line({ customerRef: "Q", orderNo: "Q3", orderedAt: "2024-01-31T20:00:00", quantity: "1", amount: "5" }),
        line({ customerRef: "R", orderNo: "R0", orderedAt: "2023-11-30", quantity: "1", amount: "1.5" }),
      ]);
      const months = async (who: string) => (await sql<{ month: string; first_day_sales: string; is_first_month: boolean }>`
        select m.month::text, m.first_day_sales::text, m.is_first_month from customer_month_aggregates m join customers c using (customer_id)
        where c.external_id = ${who} order by 1`.execute(store.db)).rows;
      expect(await months("Q")).toEqual([
        { month: "2023-12-01", first_day_sales: "0", is_first_month: false },
        { month: "2024-01-01", first_day_sales: "65000000", is_first_month: true },
        { month: "2024-02-01", first_day_sales: "70000000", is_first_month: false },
      ]);
      expect(await months("R")).toEqual([
        { month: "2023-11-01", first_day_sales: "1500000", is_first_month: true },
        { month: "2024-02-01", first_day_sales: "864197", is_first_month: false },
      ]);
      const v = await customerValues(store.db, { from: "2024-01-01", to: "2024-02-14" });
      expect(v.firstDaySales[[...v.ids].indexOf(id.R!)]).toBe(1_500_000n);
      expect(v.firstDaySales[[...v.ids].indexOf(id.Q!)]).toBe(65_000_000n);
    });
  });

  describe("rounding to micro-units", () => {
    let store: Store;
    beforeAll(async () => {
      store = await freshStore(kind);
    });
    afterAll(async () => {
      await store?.close();
    });

    /** round(x, 6) · 10⁶ of a numeric's text in bigint arithmetic only: half away from zero. */
    function reference(text: string): bigint {
      const neg = text.startsWith("-");
      const [int, frac = ""] = (neg ? text.slice(1) : text).split(".");
      let m = BigInt(int!) * 1_000_000n + BigInt(frac.slice(0, 6).padEnd(6, "0"));
      if (frac.length > 6 && Number(frac[6]) >= 5) m += 1n;
      return neg ? -m : m;
    }

    it("rounds a line's money at the sixth decimal half away from zero, exactly at any size (property)", async () => {
      const numeric = fc.tuple(fc.boolean(), fc.bigInt({ min: 0n, max: 10n ** 12n }), fc.option(fc.stringMatching(/^\d{1,9}$/), { nil: undefined }))
        .map(([neg, int, frac]) => `${neg ? "-" : ""}${int}${frac === undefined ? "" : `.${frac}`}`);
      const texts = ["12.3456785", "-12.3456785", "12.3456784999", "7", "0.5", "-0.0000004", "9007199254.740993", "-123456789012.1234567", ...fc.sample(numeric, { numRuns: 2000, seed: 7 })];
      const got = await sql<{ m: string }>`select ((x * 1000000)::bigint)::text as m from unnest(${texts}::numeric[]) with ordinality as t(x, i) order by i`.execute(store.db);
      expect(got.rows.map((r) => BigInt(r.m))).toEqual(texts.map(reference));
    });
  });
});
