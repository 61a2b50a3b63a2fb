import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { purchaseEvents } from "../../src/analytics/patterns/purchase-events.ts";
import { dayText } from "../../src/domain/days.ts";
import type { OrderLineInput } from "../../src/domain/inputs.ts";
import type { Store } from "../../src/store/connect.ts";
import { itemLabels, orderItems, orderItemsFromCopy } from "../../src/store/order-items.repository.ts";
import { periodSeries, periodStart } from "../../src/store/series.repository.ts";
import { importLines } from "../support/import-rows.ts";
import { freshStore, STORE_KINDS } from "../support/stores.ts";

const line = (o: Partial<OrderLineInput> & Pick<OrderLineInput, "customerRef" | "orderedAt" | "quantity">): OrderLineInput => o;

const LINES: OrderLineInput[] = [
  line({ customerRef: "A", orderNo: "A1", orderedAt: "2024-01-01", sku: "TEA", description: "Sencha", category: "Tea", quantity: "1", amount: "10" }),
  line({ customerRef: "A", orderNo: "A1", orderedAt: "2024-01-01", sku: "CUP", category: "Ware", quantity: "2", amount: "6" }),
  line({ customerRef: "A", orderNo: "A1", orderedAt: "2024-01-01", sku: "TEA", quantity: "1", amount: "10" }),
  line({ customerRef: "A", orderNo: "A2", orderedAt: "2024-01-09", description: "Gift wrap", quantity: "1", amount: "2" }),
  line({ customerRef: "A", orderNo: "A0", orderedAt: "2024-01-09", sku: "POT", category: "Ware", quantity: "1", amount: "30" }),
  line({ customerRef: "A", orderNo: "A3", orderedAt: "2024-02-05", sku: "TEA", quantity: "-1", amount: "-10" }),
  line({ customerRef: "B", orderNo: "B1", orderedAt: "2024-01-10", sku: "CUP", quantity: "1", amount: "3" }),
  line({ customerRef: "B", orderNo: "B2", orderedAt: "2024-03-01", sku: "TEA", quantity: "1", amount: "10" }),
  line({ customerRef: "C", orderNo: "C1", orderedAt: "2024-03-02", description: "礼盒\t\\ \"双层\"", category: "茶\n具", quantity: "1", amount: "5" }),
];

describe.each(STORE_KINDS)("order items and period series on %s", (kind) => {
  let store: Store;
  beforeAll(async () => {
    store = await freshStore(kind);
    await importLines(store.db, LINES);
  });
  afterAll(async () => {
    await store?.close();
  });

  async function basketsOf(level: "product" | "category", w: { from?: string; to?: string } = {}) {
    const o = await orderItems(store.db, { level, ...w });
    const labels = await itemLabels(store.db, level, o.keys);
    return Array.from({ length: o.orders }, (_, i) => ({
      day: dayText(o.day[i]!),
      items: [...o.items.subarray(o.offsets[i]!, o.offsets[i + 1]!)].map((id) => labels.get(o.keys[id]!)).sort(),
    }));
  }

  it("reads one basket per sale order with its distinct items, returns left out", async () => {
    expect(await basketsOf("product")).toEqual([
      { day: "2024-01-01", items: ["CUP", "Sencha"] },
      { day: "2024-01-09", items: ["Gift wrap"] },
      { day: "2024-01-09", items: ["POT"] },
      { day: "2024-01-10", items: ["CUP"] },
      { day: "2024-03-01", items: ["Sencha"] },
      { day: "2024-03-02", items: ["礼盒\t\\ \"双层\""] },
    ]);
  });

  it("reads the same orders in many customer-id ranges as in one", async () => {
    const one = await orderItems(store.db, { level: "product" });
    for (const ranges of [2, 3, 7]) expect(await orderItems(store.db, { level: "product", ranges })).toEqual(one);
  });

  it("reads categories, skipping lines without one, and keeps to the window", async () => {
    expect(await basketsOf("category", { from: "2024-01-02", to: "2024-02-29" })).toEqual([
      { day: "2024-01-09", items: ["Ware"] },
      { day: "2024-01-10", items: ["Ware"] },
    ]);
  });

  it("turns orders into each customer's events by day, same-day orders merged", async () => {
    const o = await orderItems(store.db, { level: "category" });
    const e = purchaseEvents(o, o.keys.length);
    expect(e.customerIds.length).toBe(3);
    expect([...e.eventTimes].map(dayText)).toEqual(["2024-01-01", "2024-01-09", "2024-01-10", "2024-03-01", "2024-03-02"]);
    expect(o.keys[o.items[o.offsets[o.orders - 1]!]!]).toBe("茶\n具");
    expect(e.items.subarray(e.eventOffsets[0]!, e.eventOffsets[1]!).length).toBe(2);
  });

  it("sums net sales, orders, active and new customers by month and by week", async () => {
    const month = (series: "sales" | "orders" | "active" | "new") => periodSeries(store.db, { series, period: "month", from: "2024-01-01", to: "2024-03-31" });
    expect(await month("sales")).toEqual({ starts: ["2024-01-01", "2024-02-01", "2024-03-01"], values: Float64Array.from([61, -10, 15]) });
    expect((await month("orders")).values).toEqual(Float64Array.from([4, 0, 2]));
    expect((await month("active")).values).toEqual(Float64Array.from([2, 0, 2]));
    expect((await month("new")).values).toEqual(Float64Array.from([2, 0, 1]));
    const week = (series: "sales" | "orders" | "active" | "new") => periodSeries(store.db, { series, period: "week", from: "2024-01-01", to: "2024-01-21" });
    // 2024-01-01 is a Monday: weeks 01-01, 01-08, 01-15.
    expect(await week("sales")).toEqual({ starts: ["2024-01-01", "2024-01-08", "2024-01-15"], values: Float64Array.from([26, 35, 0]) });
    expect((await week("orders")).values).toEqual(Float64Array.from([1, 3, 0]));
    expect((await week("active")).values).toEqual(Float64Array.from([1, 2, 0]));
    expect((await week("new")).values).toEqual(Float64Array.from([1, 1, 0]));
  });
});

describe("period starts", () => {
  it("starts weeks on Mondays and months on their first day", () => {
    const d = (s: string) => Date.UTC(+s.slice(0, 4), +s.slice(5, 7) - 1, +s.slice(8, 10)) / 86_400_000;
    expect(dayText(periodStart("week", d("2024-01-07")))).toBe("2024-01-01");
    expect(dayText(periodStart("week", d("2024-01-08")))).toBe("2024-01-08");
    expect(dayText(periodStart("month", d("2024-02-29")))).toBe("2024-02-01");
  });
});

describe("order items from COPY's text", () => {
  // customer, order, day, key: escapes as COPY writes them, a split anywhere.
  const text = [
    "7\t70\t19700\t123",
    "7\t70\t19700\td:Tea\\tcup \\\\ 茶杯\\n",
    "7\t70\t19699\t123",
    "7\t71\t19710\t007",
    "7\t71\t19710\t0",
    "8\t70\t-3\t999999999999999",
    "8\t70\t-3\t1000000000000000",
    "",
  ].join("\n");
  const bytes = new TextEncoder().encode(text);

  it("groups adjacent lines into orders, dedupes and unescapes keys, at any split of the bytes", () => {
    for (let cut = 0; cut <= bytes.length; cut++) {
      for (const [a, b] of [[cut, cut], [cut, Math.min(bytes.length, cut + 3)]] as const) {
        const o = orderItemsFromCopy([bytes.subarray(0, a), bytes.subarray(a, b), bytes.subarray(b)]);
        expect(o.orders).toBe(3);
        expect([...o.customer]).toEqual([7, 7, 8]);
        // An order's date is its earliest line's.
        expect([...o.day]).toEqual([19699, 19710, -3]);
        const basket = (i: number) => [...o.items.subarray(o.offsets[i]!, o.offsets[i + 1]!)].map((id) => o.keys[id]!).sort();
        expect(basket(0)).toEqual(["123", "d:Tea\tcup \\ 茶杯\n"]);
        expect(basket(1)).toEqual(["0", "007"]);
        expect(basket(2)).toEqual(["1000000000000000", "999999999999999"]);
      }
    }
  });

  it("refuses output that ends inside a row", () => {
    expect(() => orderItemsFromCopy([bytes.subarray(0, 5)])).toThrow(/inside a row/);
  });
});
