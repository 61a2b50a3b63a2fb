import { sql, type Kysely } from "kysely";
import { SEGMENT_SCHEMES, type SegmentScheme } from "./segments.repository.ts";
import type { Database } from "./schema.ts";

/**
 * The items of every sale order in a window, streamed from the order lines, for the
 * pattern miners (docs/patterns.md, "What is a basket"): one entry per order with at least
 * one item, its customer, its date and its distinct items, as typed columns. An item is a
 * product (the line's product, else its description) or a category (the line's category,
 * which the import takes from the product when the file has none). Return lines are not
 * items; lines without a product, description or category at the level asked are skipped.
 * Orders come by customer, then order id.
 */
export interface OrderItemsQuery {
  level: "product" | "category";
  /** First and last order date, inclusive: 'YYYY-MM-DD' (default: all). */
  from?: string;
  to?: string;
  /** Only the members of this segment on a snapshot's date. */
  segment?: { asOf: string; scheme: SegmentScheme; segment: string };
  /** Only these customers. */
  customerIds?: readonly number[];
}

export interface OrderItems {
  /** Orders read. */
  orders: number;
  /** Per order: the customer, the order date (days since 1970-01-01). */
  customer: Float64Array;
  day: Int32Array;
  /** Per order, its items: items[offsets[o] … offsets[o + 1]), distinct, ascending. */
  offsets: Uint32Array;
  items: Uint32Array;
  /** Item id → its key: a product id ("123"), "d:" + a description, or a category. */
  keys: string[];
}

const FIELD = "\u001f";
const ITEM = "\u001e";

/** An estimate of the orders a read will see, for a progress bar: the planner's count. */
export async function estimatedOrders(db: Kysely<Database>): Promise<number> {
  const r = await sql<{ n: number }>`select greatest(reltuples, 0)::float8 as n from pg_class where relname = 'orders'`.execute(db);
  return Math.round(r.rows[0]?.n ?? 0);
}

/** A line's item key at a level (null: the line has none). */
const itemKey = (level: OrderItemsQuery["level"]) =>
  level === "category" ? sql<string | null>`l.category` : sql<string | null>`coalesce(l.product_id::text, 'd:' || nullif(btrim(l.description), ''))`;

/** The items one customer has bought (sale lines) at a level, with the last date of each. */
export async function customerItems(db: Kysely<Database>, customerId: number, level: OrderItemsQuery["level"]): Promise<Map<string, string>> {
  const rows = await sql<{ k: string; last: string }>`
    select k, max(order_date)::text as last from (select ${itemKey(level)} as k, l.order_date from order_lines l
      where l.customer_id = ${customerId} and not l.is_return) x
    where k is not null group by k`.execute(db);
  return new Map(rows.rows.map((r) => [r.k, r.last]));
}

export async function orderItems(db: Kysely<Database>, q: OrderItemsQuery, onProgress?: (orders: number) => void): Promise<OrderItems> {
  const key = itemKey(q.level);
  const conditions = [sql`not l.is_return`];
  if (q.from) conditions.push(sql`l.order_date >= ${q.from}::date`);
  if (q.to) conditions.push(sql`l.order_date <= ${q.to}::date`);
  if (q.customerIds) conditions.push(sql`l.customer_id = any(${[...q.customerIds]}::bigint[])`);
  if (q.segment) {
    const col = SEGMENT_SCHEMES[q.segment.scheme];
    const value = col === "decile" ? sql`${Number(q.segment.segment)}::smallint` : sql`${q.segment.segment}::text`;
    conditions.push(sql`l.customer_id in (select s.customer_id from customer_segments s
      where s.as_of = ${q.segment.asOf}::date and ${sql.ref(`s.${col}`)} = ${value})`);
  }
  // One text field per order, split here: decoding three fields and an array per row costs
  // more than the grouping itself over millions of orders.
  const query = sql<{ r: string }>`
    select concat_ws(${FIELD}, customer_id, order_date - date '1970-01-01', string_agg(k, ${ITEM})) as r
    from (select l.customer_id, l.order_id, l.order_date, ${key} as k from order_lines l
          where ${sql.join(conditions, sql` and `)}) x
    where k is not null
    group by customer_id, order_id, order_date
    order by customer_id, order_id`;

  const out = new Builder();
  await db.transaction().execute(async (trx) => {
    // One grouping of every sale line: in memory rather than spilled to disk in batches,
    // and without JIT compilation, which took PostgreSQL 3–4 s of the 10M-line read.
    await sql`set local work_mem = '256MB'`.execute(trx);
    await sql`set local jit = off`.execute(trx);
    for await (const chunk of trx.getExecutor().stream<{ r: string }>(query.compile(trx), 10_000)) {
      for (const row of chunk.rows) out.push(row.r);
      onProgress?.(out.orders);
    }
  });
  return out.done();
}

/** Labels for item keys: a product's name (else its SKU), a description, a category. */
export async function itemLabels(db: Kysely<Database>, level: OrderItemsQuery["level"], keys: readonly string[]): Promise<Map<string, string>> {
  const labels = new Map<string, string>();
  if (level === "category") {
    for (const k of keys) labels.set(k, k);
    return labels;
  }
  const ids: number[] = [];
  for (const k of keys) {
    if (k.startsWith("d:")) labels.set(k, k.slice(2));
    else ids.push(Number(k));
  }
  if (ids.length > 0) {
    const rows = await db.selectFrom("products").select(["product_id", "sku", "name"]).where("product_id", "in", ids).execute();
    for (const p of rows) labels.set(String(p.product_id), p.name ?? p.sku);
  }
  return labels;
}

/** Per-order columns that grow as rows stream in; items deduplicated within each order. */
class Builder {
  orders = 0;
  #cap = 1 << 16;
  #customer = new Float64Array(this.#cap);
  #day = new Int32Array(this.#cap);
  #offsets = new Uint32Array(this.#cap + 1);
  #items = new Uint32Array(1 << 18);
  #n = 0;
  #ids = new Map<string, number>();
  #keys: string[] = [];
  /** The last order each item was seen in, + 1: dedupes an order's items without a set. */
  #seen = new Uint32Array(1024);

  push(r: string): void {
    const a = r.indexOf(FIELD);
    const b = r.indexOf(FIELD, a + 1);
    const o = this.orders;
    if (o === this.#cap) this.#growOrders();
    this.#customer[o] = Number(r.slice(0, a));
    this.#day[o] = Number(r.slice(a + 1, b));
    const start = this.#n;
    for (let i = b + 1; i <= r.length; ) {
      let j = r.indexOf(ITEM, i);
      if (j < 0) j = r.length;
      const k = r.slice(i, j);
      let id = this.#ids.get(k);
      if (id === undefined) {
        id = this.#keys.length;
        this.#ids.set(k, id);
        this.#keys.push(k);
        if (id >= this.#seen.length) {
          const s = new Uint32Array(this.#seen.length * 2);
          s.set(this.#seen);
          this.#seen = s;
        }
      }
      if (this.#seen[id] !== o + 1) {
        this.#seen[id] = o + 1;
        if (this.#n === this.#items.length) this.#growItems();
        this.#items[this.#n++] = id;
      }
      i = j + 1;
    }
    this.#items.subarray(start, this.#n).sort();
    this.orders = o + 1;
    this.#offsets[o + 1] = this.#n;
  }

  #growOrders(): void {
    this.#cap *= 2;
    const c = new Float64Array(this.#cap);
    c.set(this.#customer);
    this.#customer = c;
    const d = new Int32Array(this.#cap);
    d.set(this.#day);
    this.#day = d;
    const f = new Uint32Array(this.#cap + 1);
    f.set(this.#offsets);
    this.#offsets = f;
  }

  #growItems(): void {
    const i = new Uint32Array(this.#items.length * 2);
    i.set(this.#items);
    this.#items = i;
  }

  done(): OrderItems {
    const n = this.orders;
    return {
      orders: n,
      customer: this.#customer.slice(0, n),
      day: this.#day.slice(0, n),
      offsets: this.#offsets.slice(0, n + 1),
      items: this.#items.slice(0, this.#n),
      keys: this.#keys,
    };
  }
}
