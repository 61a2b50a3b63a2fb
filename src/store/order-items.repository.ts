import { sql, type Kysely } from "kysely";
import { copyOut } from "./copy.ts";
import { SEGMENT_SCHEMES, type SegmentScheme } from "./segments.repository.ts";
import type { Database } from "./schema.ts";

/**
 * The items of every sale order in a window, streamed from the order lines, for the
 * pattern miners (docs/patterns.md, "What is a basket"): one entry per order with at least
 * one item, its customer, its date and its distinct items, as typed columns. An item is a
 * product (the line's product, else its description) or a category (the line's category,
 * which the import takes from the product when the file has none). Return lines are not
 * items; lines without a product, description or category at the level asked are skipped.
 * Orders come by customer, then order id; an order's date is the earliest of its lines'.
 *
 * The lines are read with COPY in the primary key's order, ungrouped, and grouped here: on
 * 10M lines that is about 2.5× faster than grouping them on the server (string_agg per order),
 * on PostgreSQL and PGlite alike (bench/README.md, "Baskets and sequences").
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
  /** Customer-id ranges to read one after another (default: about a million lines each). */
  ranges?: number;
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
  // COPY takes no parameters, so the values are inlined as literals (sql.lit quotes them).
  const conditions = [sql`not l.is_return`];
  if (q.from) conditions.push(sql`l.order_date >= ${sql.lit(q.from)}::date`);
  if (q.to) conditions.push(sql`l.order_date <= ${sql.lit(q.to)}::date`);
  if (q.customerIds) {
    if (!q.customerIds.every((id) => Number.isSafeInteger(id))) throw new RangeError("orderItems: customer ids must be whole numbers");
    conditions.push(sql`l.customer_id = any(${sql.lit(`{${q.customerIds.join(",")}}`)}::bigint[])`);
  }
  if (q.segment) {
    const col = SEGMENT_SCHEMES[q.segment.scheme];
    const value = col === "decile" ? sql`${sql.lit(Number(q.segment.segment))}::smallint` : sql`${sql.lit(q.segment.segment)}::text`;
    conditions.push(sql`l.customer_id in (select s.customer_id from customer_segments s
      where s.as_of = ${sql.lit(q.segment.asOf)}::date and ${sql.ref(`s.${col}`)} = ${value})`);
  }
  const key = itemKey(q.level);

  const parser = new LineParser();
  // One snapshot for every range; the lines come in the primary key's order, so an order's
  // lines are adjacent and nothing is sorted or grouped on the server.
  await db.transaction().setIsolationLevel("repeatable read").execute(async (trx) => {
    const b = await sql<{ lo: number | null; hi: number | null; n: number }>`
      select min(customer_id)::float8 as lo, max(customer_id)::float8 as hi,
        (select greatest(reltuples, 0)::float8 from pg_class where relname = 'order_lines') as n
      from order_lines`.execute(trx);
    const { lo, hi, n } = b.rows[0] ?? { lo: null, hi: null, n: 0 };
    if (lo === null || hi === null) return;
    // Ranges of customer ids, about a million lines each: progress as they land, and at most
    // one range's output in memory at once (PGlite hands over a COPY's output whole).
    const ranges = q.ranges ?? Math.min(64, Math.max(1, Math.ceil(Number(n) / 1_000_000)));
    const span = hi - lo + 1;
    for (let r = 0; r < ranges; r++) {
      const a = lo + Math.floor((r * span) / ranges);
      const z = r === ranges - 1 ? hi + 1 : lo + Math.floor(((r + 1) * span) / ranges);
      if (a >= z) continue;
      const select = sql`select l.customer_id, l.order_id, l.order_date - date '1970-01-01', k from (
          select l.customer_id, l.order_id, l.order_date, ${key} as k from order_lines l
          where l.customer_id >= ${sql.lit(a)} and l.customer_id < ${sql.lit(z)} and ${sql.join(conditions, sql` and `)}) l
        where k is not null
        order by l.customer_id, l.order_id`.compile(trx);
      await copyOut(trx, select, (chunk) => parser.write(chunk));
      parser.end();
      onProgress?.(parser.orders);
    }
  });
  return parser.done();
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

/** Per-order columns that grow as orders come in; items deduplicated within each order. */
class Builder {
  orders = 0;
  #cap = 1 << 16;
  #customer = new Float64Array(this.#cap);
  #day = new Int32Array(this.#cap);
  #offsets = new Uint32Array(this.#cap + 1);
  #items = new Uint32Array(1 << 18);
  #n = 0;
  /** Item ids by key: product ids and other all-digit keys by their number, the rest by their text. */
  #byNumber = new Map<number, number>();
  #byText = new Map<string, number>();
  #keys: string[] = [];
  /** The last order each item was seen in, + 1: dedupes an order's items without a set. */
  #seen = new Uint32Array(1024);
  /** The order being read: its customer and order id (NaN: none). */
  #openCustomer = NaN;
  #openOrder = NaN;

  /** A line of customer's order on a day with an item; lines of one order come together. */
  line(customer: number, order: number, day: number, item: number): void {
    if (order !== this.#openOrder || customer !== this.#openCustomer) {
      this.endOrder();
      this.#openCustomer = customer;
      this.#openOrder = order;
      if (this.orders === this.#cap) this.#growOrders();
      this.#customer[this.orders] = customer;
      this.#day[this.orders] = day;
    } else if (day < this.#day[this.orders]!) this.#day[this.orders] = day;
    const o = this.orders;
    if (this.#seen[item] !== o + 1) {
      this.#seen[item] = o + 1;
      if (this.#n === this.#items.length) this.#growItems();
      this.#items[this.#n++] = item;
    }
  }

  /** Closes the order being read, if any. */
  endOrder(): void {
    if (Number.isNaN(this.#openOrder)) return;
    const o = this.orders;
    this.#items.subarray(this.#offsets[o], this.#n).sort();
    this.orders = o + 1;
    this.#offsets[o + 1] = this.#n;
    this.#openCustomer = NaN;
    this.#openOrder = NaN;
  }

  itemOfNumber(k: number): number {
    let id = this.#byNumber.get(k);
    if (id === undefined) {
      id = this.#newItem(String(k));
      this.#byNumber.set(k, id);
    }
    return id;
  }

  itemOfText(k: string): number {
    let id = this.#byText.get(k);
    if (id === undefined) {
      id = this.#newItem(k);
      this.#byText.set(k, id);
    }
    return id;
  }

  #newItem(key: string): number {
    const id = this.#keys.push(key) - 1;
    if (id >= this.#seen.length) {
      const s = new Uint32Array(this.#seen.length * 2);
      s.set(this.#seen);
      this.#seen = s;
    }
    return id;
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

/** COPY text of (customer id, order id, day number, item key) rows into orders: for tests of the split points. */
export function orderItemsFromCopy(chunks: Iterable<Uint8Array>): OrderItems {
  const parser = new LineParser();
  for (const c of chunks) parser.write(c);
  parser.end();
  return parser.done();
}

const TAB = 9;
const NL = 10;
const BACKSLASH = 92;
const MINUS = 45;
const ZERO = 48;
const decoder = new TextDecoder();

/**
 * COPY's text output of (customer id, order id, day number, item key) rows, in chunks that may
 * split a row, grouped into orders. Numbers are read digit by digit; an item key of digits (a
 * product id) is looked up by its number, any other is decoded and unescaped.
 */
class LineParser {
  #carry: Uint8Array | null = null;
  readonly #out = new Builder();

  /** Orders read so far. */
  get orders(): number {
    return this.#out.orders;
  }

  /** The orders read, the last one closed. */
  done(): OrderItems {
    this.#out.endOrder();
    return this.#out.done();
  }

  write(chunk: Uint8Array): void {
    let start = 0;
    if (this.#carry) {
      const nl = chunk.indexOf(NL);
      if (nl < 0) {
        this.#carry = concat(this.#carry, chunk);
        return;
      }
      const row = concat(this.#carry, chunk.subarray(0, nl + 1));
      this.#carry = null;
      this.#rows(row, 0, row.length);
      start = nl + 1;
    }
    const last = chunk.lastIndexOf(NL);
    if (last < start) {
      if (start < chunk.length) this.#carry = chunk.slice(start);
      return;
    }
    this.#rows(chunk, start, last + 1);
    if (last + 1 < chunk.length) this.#carry = chunk.slice(last + 1);
  }

  /** The end of one COPY's output: it ends with a whole row. */
  end(): void {
    if (this.#carry) throw new Error("orderItems: COPY output ended inside a row");
  }

  /** Whole rows in b[from, to), each ending with a newline. */
  #rows(b: Uint8Array, from: number, to: number): void {
    const out = this.#out;
    let i = from;
    while (i < to) {
      let c = b[i]!;
      let neg = c === MINUS;
      if (neg) c = b[++i]!;
      let customer = 0;
      for (; c !== TAB; c = b[++i]!) customer = customer * 10 + (c - ZERO);
      if (neg) customer = -customer;
      c = b[++i]!;
      neg = c === MINUS;
      if (neg) c = b[++i]!;
      let order = 0;
      for (; c !== TAB; c = b[++i]!) order = order * 10 + (c - ZERO);
      if (neg) order = -order;
      c = b[++i]!;
      neg = c === MINUS;
      if (neg) c = b[++i]!;
      let day = 0;
      for (; c !== TAB; c = b[++i]!) day = day * 10 + (c - ZERO);
      if (neg) day = -day;
      const k0 = ++i;
      let digits = true;
      let escaped = false;
      let num = 0;
      for (c = b[i]!; c !== NL; c = b[++i]!) {
        if (c >= ZERO && c <= ZERO + 9) num = num * 10 + (c - ZERO);
        else {
          digits = false;
          if (c === BACKSLASH) escaped = true;
        }
      }
      const len = i - k0;
      // A number's text is its key only without a leading zero and within exact doubles.
      const item = digits && len > 0 && len <= 15 && (len === 1 || b[k0] !== ZERO)
        ? out.itemOfNumber(num)
        : out.itemOfText(escaped ? unescapeCopy(decoder.decode(b.subarray(k0, i))) : decoder.decode(b.subarray(k0, i)));
      out.line(customer, order, day, item);
      i++;
    }
  }
}

const concat = (a: Uint8Array, b: Uint8Array): Uint8Array => {
  const c = new Uint8Array(a.length + b.length);
  c.set(a);
  c.set(b, a.length);
  return c;
};

const ESCAPES: Record<string, string> = { b: "\b", f: "\f", n: "\n", r: "\r", t: "\t", v: "\v", "\\": "\\" };

/** COPY text format's backslash escapes (keys never hold \N, a null: those lines are skipped). */
function unescapeCopy(s: string): string {
  return s.replace(/\\(?:([0-7]{1,3})|x([0-9a-fA-F]{1,2})|(.))/g, (_, oct: string | undefined, hex: string | undefined, ch: string) =>
    oct !== undefined ? String.fromCharCode(parseInt(oct, 8)) : hex !== undefined ? String.fromCharCode(parseInt(hex, 16)) : (ESCAPES[ch] ?? ch));
}
