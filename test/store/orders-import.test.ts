import fc from "fast-check";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OrderLineInput } from "../../src/domain/inputs.ts";
import { rebuildAggregates } from "../../src/store/aggregates.ts";
import type { Store } from "../../src/store/connect.ts";
import { getSettings, setFxRate, setSetting } from "../../src/store/settings.repository.ts";
import { aggregateSnapshot, importLines } from "../support/import-rows.ts";
import { freshStore, STORE_KINDS } from "../support/stores.ts";

const line = (o: Partial<OrderLineInput> & Pick<OrderLineInput, "customerRef" | "orderedAt" | "quantity">): OrderLineInput => o;

describe.each(STORE_KINDS)("order import and aggregates on %s", (kind) => {
  let store: Store;
  beforeAll(async () => {
    store = await freshStore(kind);
  });
  afterAll(async () => {
    await store?.close();
  });

  it("lands lines, creates unknown customers, and keeps exact aggregates", async () => {
    await setFxRate(store.db, "USD", "2024-01-01", "7.1");
    const lines = [
      line({ customerRef: "A", orderNo: "1", orderedAt: "2024-01-05", sku: "S1", quantity: "2", unitPrice: "10.10", discount: "1.20", unitCost: "6" }),
      line({ customerRef: "A", orderNo: "1", orderedAt: "2024-01-05", sku: "S2", quantity: "1", unitPrice: "0.10" }),
      line({ customerRef: "A", orderNo: "2", orderedAt: "2024-01-05T18:30:00", sku: "S1", quantity: "1", unitPrice: "10.10", unitCost: "6" }),
      line({ customerRef: "A", orderNo: "3", orderedAt: "2024-02-01", sku: "S1", quantity: "-1", unitPrice: "10.10", unitCost: "6" }),
      line({ customerRef: "B", orderNo: "4", orderedAt: "2024-03-10", amount: "100", quantity: "1", currency: "USD" }),
    ];
    const s = await importLines(store.db, lines);
    expect(s).toMatchObject({ landed: 5, updated: 0, unchanged: 0, rejected: 0, customersCreated: 2 });
    const snap = await aggregateSnapshot(store.db);
    const a = snap.totals.find((t) => t.external_id === "A")!;
    // Sale lines: 2×10.10−1.20 = 19.00, 0.10, 10.10 → 29.20; one return of 10.10.
    expect(a).toMatchObject({ orders: 2, purchase_days: 1, lines: 3, sales: "29.200000", discount: "1.200000", gross: "30.400000", returns: "10.100000", returned_items: "1.000000", first_purchase: "2024-01-05", last_purchase: "2024-01-05" });
    // Costed lines: 19.00 + 10.10 − 10.10 = 19.00 of net sales against 12 + 6 − 6 = 12 of cost.
    expect(a).toMatchObject({ cost: "12.000000", costed_net_sales: "19.000000" });
    const b = snap.totals.find((t) => t.external_id === "B")!;
    expect(b).toMatchObject({ sales: "710.000000", cost: "0.000000", costed_net_sales: "0.000000" });
    expect(snap.months.filter((m) => m.external_id === "A").map((m) => m.month)).toEqual(["2024-01-01", "2024-02-01"]);
  });

  it("re-importing changes nothing; a changed line is updated and its aggregates follow", async () => {
    const base = [
      line({ customerRef: "C", orderNo: "10", orderedAt: "2024-04-01", sku: "S1", quantity: "1", unitPrice: "5" }),
      line({ customerRef: "C", orderNo: "10", orderedAt: "2024-04-01", sku: "S2", quantity: "2", unitPrice: "5" }),
    ];
    expect(await importLines(store.db, base)).toMatchObject({ landed: 2 });
    expect(await importLines(store.db, base)).toMatchObject({ landed: 0, updated: 0, unchanged: 2 });
    const moved = [{ ...base[0]!, orderedAt: "2024-05-02" }, { ...base[1]!, orderedAt: "2024-05-02", quantity: "3" }];
    expect(await importLines(store.db, moved)).toMatchObject({ landed: 0, updated: 2 });
    const c = (await aggregateSnapshot(store.db)).months.filter((m) => m.external_id === "C");
    expect(c).toHaveLength(1);
    expect(c[0]).toMatchObject({ month: "2024-05-01", sales: "20.000000" });
  });

  it("reads order times in the business time zone alike for new and existing customers; an order's lines share its date", async () => {
    const before = await sql<{ tz: string }>`select current_setting('TimeZone') as tz`.execute(store.db);
    const businessZone = (await getSettings(store.db)).timezone;
    await setSetting(store.db, "timezone", "America/New_York");
    try {
      const orders = (ref: string) => [
        line({ customerRef: ref, orderNo: `${ref}-summer`, orderedAt: "2024-07-15T08:00:00", quantity: "1", amount: "1" }),
        line({ customerRef: ref, orderNo: `${ref}-winter`, orderedAt: "2024-01-15", quantity: "1", amount: "1" }),
        line({ customerRef: ref, orderNo: `${ref}-zoned`, orderedAt: "2024-07-15T23:30:00+01:00", quantity: "1", amount: "1" }),
        // Written with two dates, over two batches: the order's first line sets its date.
        line({ customerRef: ref, orderNo: `${ref}-split`, orderedAt: "2024-03-01", quantity: "1", amount: "1" }),
        line({ customerRef: ref, orderNo: `${ref}-split`, orderedAt: "2024-03-02", quantity: "1", amount: "2" }),
      ];
      // TZ-new's orders are new with their customer; TZ-old's customer existed before the run.
      await importLines(store.db, [line({ customerRef: "TZ-old", orderNo: "TZ-old-first", orderedAt: "2024-01-01", quantity: "1", amount: "1" })]);
      expect(await importLines(store.db, [...orders("TZ-new"), ...orders("TZ-old")], { batchSize: 4 })).toMatchObject({ landed: 10, rejected: 0 });
      const rows = await sql<{ order_no: string; at: string; order_date: string; lines: number; line_dates: string }>`
        select o.order_no, to_char(o.ordered_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI"Z"') as at, o.order_date::text,
          count(l.*)::int as lines, string_agg(distinct l.order_date::text, ',') as line_dates
        from orders o join order_lines l on l.customer_id = o.customer_id and l.order_id = o.order_id
        where o.order_no like 'TZ-%' and o.order_no <> 'TZ-old-first' group by o.order_no, o.ordered_at, o.order_date order by o.order_no`.execute(store.db);
      const expected = (ref: string) => [
        { order_no: `${ref}-split`, at: "2024-03-01T05:00Z", order_date: "2024-03-01", lines: 2, line_dates: "2024-03-01" },
        { order_no: `${ref}-summer`, at: "2024-07-15T12:00Z", order_date: "2024-07-15", lines: 1, line_dates: "2024-07-15" },
        { order_no: `${ref}-winter`, at: "2024-01-15T05:00Z", order_date: "2024-01-15", lines: 1, line_dates: "2024-01-15" },
        { order_no: `${ref}-zoned`, at: "2024-07-15T22:30Z", order_date: "2024-07-15", lines: 1, line_dates: "2024-07-15" },
      ];
      expect(rows.rows).toEqual([...expected("TZ-new"), ...expected("TZ-old")]);
      // The import set the session's zone for its own writes only.
      expect((await sql<{ tz: string }>`select current_setting('TimeZone') as tz`.execute(store.db)).rows[0]!.tz).toBe(before.rows[0]!.tz);
    } finally {
      await setSetting(store.db, "timezone", businessZone);
    }
  });

  it("refuses lines it cannot store and lands the rest", async () => {
    const s = await importLines(store.db, [
      line({ customerRef: "D", orderNo: "20", orderedAt: "2024-01-01", quantity: "1", unitPrice: "1", currency: "EUR" }),
      line({ customerRef: "D", orderNo: "21", orderedAt: "2024-01-01", quantity: "1", unitPrice: "1" }),
      line({ customerRef: "E", orderNo: "21", orderedAt: "2024-01-01", quantity: "1", unitPrice: "1" }),
      line({ customerRef: "D", orderNo: "22", lineNo: 1, orderedAt: "2024-01-01", quantity: "1", unitPrice: "1" }),
      line({ customerRef: "D", orderNo: "22", lineNo: 1, orderedAt: "2024-01-01", quantity: "1", unitPrice: "2" }),
      line({ customerRef: "D", orderNo: "23", orderedAt: "2024-01-01", quantity: "1", unitPrice: "2" }),
      line({ customerRef: "D", orderNo: "23", lineNo: 1, orderedAt: "2024-01-01", quantity: "1", unitPrice: "3" }),
      line({ customerRef: "D", orderNo: "24", lineNo: 40, orderedAt: "2024-01-01", quantity: "1", unitPrice: "3" }),
      line({ customerRef: "D", orderNo: "24", lineNo: 40, orderedAt: "2024-01-01", quantity: "1", unitPrice: "3" }),
      line({ customerRef: "D", orderNo: "25", orderedAt: "2024-01-01", quantity: "1" }),
    ]);
    expect(s).toMatchObject({ landed: 4, rejected: 6 });
    expect(s.refused[5]).toBe("no amount or unit price");
    expect(s.refused[0]).toMatch(/no exchange rate for EUR/);
    expect(s.refused[1]).toMatch(/order 21 belongs to customer D/);
    expect(s.refused[2]).toMatch(/line 1 of order 22 appears twice/);
    expect(s.refused[3]).toMatch(/line 1 of order 23 appears twice/); // its first line took number 1
    expect(s.refused[4]).toMatch(/line 40 of order 24 appears twice/);
  });

  it("a file without order numbers gets stable identities, so identical lines stay two lines once", async () => {
    const twin = line({ customerRef: "F", orderedAt: "2024-06-01", sku: "S1", quantity: "1", unitPrice: "3" });
    expect(await importLines(store.db, [twin, twin, { ...twin, orderedAt: "2024-06-02" }])).toMatchObject({ landed: 3 });
    expect(await importLines(store.db, [twin, twin, { ...twin, orderedAt: "2024-06-02" }])).toMatchObject({ landed: 0, unchanged: 3 });
    const f = (await aggregateSnapshot(store.db)).totals.find((t) => t.external_id === "F")!;
    expect(f).toMatchObject({ orders: 3, purchase_days: 2, sales: "9.000000" });
  });

  it("a dry run counts the real outcome and stores nothing", async () => {
    const before = await aggregateSnapshot(store.db);
    const s = await importLines(store.db, [line({ customerRef: "G", orderNo: "30", orderedAt: "2024-01-01", quantity: "1", unitPrice: "9" })], { dryRun: true });
    expect(s).toMatchObject({ landed: 1, dryRun: true, importId: null });
    expect(await aggregateSnapshot(store.db)).toEqual(before);
    expect(await store.db.selectFrom("customer_identities").select("customer_id").where("external_id", "=", "G").execute()).toHaveLength(0);
  });

  it("streams order lines through a cursor without loading them whole (as mining reads them)", async () => {
    const total = await store.db.selectFrom("order_lines").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
    const seen = await store.db.transaction().execute(async (trx) => {
      let n = 0;
      for await (const _ of trx.selectFrom("order_lines").select(["customer_id", "order_id", "line_no"]).orderBy("customer_id").stream(3)) n++;
      return n;
    });
    expect(total.n).toBeGreaterThan(3);
    expect(seen).toBe(total.n);
  });

  it("maintained aggregates equal a full recomputation after any sequence of imports (property)", async () => {
    const arbLine = fc.record({
      customerRef: fc.constantFrom("p1", "p2", "p3", "p4"),
      orderNo: fc.option(fc.constantFrom("o1", "o2", "o3", "o4", "o5", "o6"), { nil: undefined }),
      orderedAt: fc.constantFrom("2023-12-31", "2024-01-01", "2024-01-31", "2024-02-01", "2024-02-29T23:59:00", "2024-03-15"),
      sku: fc.option(fc.constantFrom("S1", "S2", "S3"), { nil: undefined }),
      quantity: fc.constantFrom("1", "2", "0.5", "-1"),
      unitPrice: fc.constantFrom("9.99", "0.01", "100"),
      discount: fc.option(fc.constantFrom("0", "0.50"), { nil: undefined }),
      unitCost: fc.option(fc.constantFrom("1", "4.25"), { nil: undefined }),
    });
    // Each order number belongs to one customer: derive it from the number.
    const fix = (l: OrderLineInput): OrderLineInput => (l.orderNo ? { ...l, customerRef: `p${(Number(l.orderNo.slice(1)) % 4) + 1}` } : l);
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(arbLine, { maxLength: 8 }), { minLength: 1, maxLength: 4 }), async (runs) => {
        for (const run of runs) await importLines(store.db, run.map(fix), { batchSize: 2 });
        const maintained = await aggregateSnapshot(store.db);
        await rebuildAggregates(store.db);
        expect(await aggregateSnapshot(store.db)).toEqual(maintained);
      }),
      { numRuns: kind === "pglite" ? 25 : 40 },
    );
  });
});
