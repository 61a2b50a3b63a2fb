/**
 * Customers' purchase sequences from their orders (docs/patterns.md, "What is a sequence"):
 * each customer's orders in date order, the orders of one day merged into one event whose
 * items are the union of theirs, as the sequence miners take them (one element per
 * customer and time, as SPADE's input has). Pure: the orders come in as typed columns.
 */

/** Orders grouped by customer (every order of a customer adjacent), items ascending within each order. */
export interface Orders {
  orders: number;
  customer: Float64Array;
  day: Int32Array;
  offsets: Uint32Array;
  items: Uint32Array;
}

export interface PurchaseEvents {
  itemCount: number;
  /** Customers' ids, in the order they came. */
  customerIds: Float64Array;
  /** Events of customer c: customerOffsets[c] … customerOffsets[c + 1]. */
  customerOffsets: Uint32Array;
  /** Per event: its day (days since 1970-01-01), ascending within a customer. */
  eventTimes: Int32Array;
  /** Items of event e: items[eventOffsets[e] … eventOffsets[e + 1]), distinct, ascending. */
  eventOffsets: Uint32Array;
  items: Uint32Array;
}

export function purchaseEvents(o: Orders, itemCount: number): PurchaseEvents {
  const n = o.orders;
  let customers = 0;
  for (let i = 0; i < n; i++) if (i === 0 || o.customer[i] !== o.customer[i - 1]) customers++;
  const customerIds = new Float64Array(customers);
  const customerOffsets = new Uint32Array(customers + 1);
  // At most one event per order and no more items than the orders have.
  const times = new Int32Array(n);
  const eventOffsets = new Uint32Array(n + 1);
  const items = new Uint32Array(o.offsets[n] ?? 0);
  const seen = new Int32Array(itemCount).fill(-1);
  let c = 0;
  let e = 0;
  let m = 0;
  let order: number[] = [];
  for (let first = 0; first < n; ) {
    let last = first;
    while (last + 1 < n && o.customer[last + 1] === o.customer[first]) last++;
    customerIds[c] = o.customer[first]!;
    order = [];
    for (let i = first; i <= last; i++) order.push(i);
    order.sort((a, b) => o.day[a]! - o.day[b]! || a - b);
    for (let k = 0; k < order.length; ) {
      const day = o.day[order[k]!]!;
      const start = m;
      for (; k < order.length && o.day[order[k]!] === day; k++) {
        const i = order[k]!;
        for (let p = o.offsets[i]!; p < o.offsets[i + 1]!; p++) {
          const it = o.items[p]!;
          if (seen[it] !== e) {
            seen[it] = e;
            items[m++] = it;
          }
        }
      }
      if (m === start) continue;
      items.subarray(start, m).sort();
      times[e] = day;
      eventOffsets[++e] = m;
    }
    customerOffsets[++c] = e;
    first = last + 1;
  }
  return {
    itemCount,
    customerIds,
    customerOffsets,
    eventTimes: times.slice(0, e),
    eventOffsets: eventOffsets.slice(0, e + 1),
    items: items.slice(0, m),
  };
}
