import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { purchaseEvents, type Orders } from "./purchase-events.ts";

function ordersOf(rows: Array<{ customer: number; day: number; items: number[] }>): Orders {
  const offsets = [0];
  const items: number[] = [];
  for (const r of rows) {
    items.push(...[...new Set(r.items)].sort((a, b) => a - b));
    offsets.push(items.length);
  }
  return {
    orders: rows.length,
    customer: Float64Array.from(rows.map((r) => r.customer)),
    day: Int32Array.from(rows.map((r) => r.day)),
    offsets: Uint32Array.from(offsets),
    items: Uint32Array.from(items),
  };
}

function eventsOf(e: ReturnType<typeof purchaseEvents>) {
  const out = new Map<number, Array<[number, number[]]>>();
  for (let c = 0; c < e.customerIds.length; c++) {
    const list: Array<[number, number[]]> = [];
    for (let k = e.customerOffsets[c]!; k < e.customerOffsets[c + 1]!; k++) {
      list.push([e.eventTimes[k]!, [...e.items.subarray(e.eventOffsets[k]!, e.eventOffsets[k + 1]!)]]);
    }
    out.set(e.customerIds[c]!, list);
  }
  return out;
}

describe("purchase events", () => {
  it("puts each customer's orders in date order and merges the orders of one day", () => {
    const e = purchaseEvents(ordersOf([
      { customer: 7, day: 30, items: [2] },
      { customer: 7, day: 10, items: [0, 3] },
      { customer: 7, day: 30, items: [1, 2] },
      { customer: 9, day: 5, items: [4] },
    ]), 5);
    expect(eventsOf(e)).toEqual(new Map([
      [7, [[10, [0, 3]], [30, [1, 2]]]],
      [9, [[5, [4]]]],
    ]));
  });

  it("keeps every (customer, day, item) once and nothing else", () => {
    const row = fc.record({ customer: fc.integer({ min: 1, max: 4 }), day: fc.integer({ min: 0, max: 6 }), items: fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 1, maxLength: 4 }) });
    fc.assert(fc.property(fc.array(row, { maxLength: 30 }), (rows) => {
      rows.sort((a, b) => a.customer - b.customer);
      const e = eventsOf(purchaseEvents(ordersOf(rows), 6));
      const expected = new Map<number, Map<number, Set<number>>>();
      for (const r of rows) {
        const days = expected.get(r.customer) ?? new Map<number, Set<number>>();
        expected.set(r.customer, days);
        const s = days.get(r.day) ?? new Set<number>();
        days.set(r.day, s);
        for (const i of r.items) s.add(i);
      }
      const want = new Map([...expected].map(([c, days]) => [c, [...days].sort((a, b) => a[0] - b[0]).map(([d, s]): [number, number[]] => [d, [...s].sort((a, b) => a - b)])]));
      expect(e).toEqual(want);
    }));
  });
});
