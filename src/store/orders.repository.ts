import { sql, type Transaction } from "kysely";
import { decMul, decSign, decSub } from "../domain/decimal.ts";
import { copyInto, nextIds, type CopyRow } from "./copy.ts";
import { localTimestamp } from "./sql-fragments.ts";
import type { Database } from "./schema.ts";

/** An order line ready for the store: customer resolved, identity fixed, currency rated. */
export interface PreparedLine {
  customerId: number;
  orderNo: string;
  lineNo: number;
  /** As read: 'YYYY-MM-DD', or a timestamp with (`zoned`) or without a zone. */
  orderedAt: string;
  zoned: boolean;
  sku: string | null;
  description: string | null;
  category: string | null;
  quantity: string;
  unitPrice: string | null;
  /** Null: computed as quantity × unit price − sign(quantity) × discount. */
  amount: string | null;
  discount: string;
  unitCost: string | null;
  currency: string;
  fxRate: string;
  channel: string | null;
  status: string | null;
  isReturn: boolean;
  /** The line's order, when this run created it in an earlier batch. */
  order?: OrderRef;
}

export interface WriteResult {
  landed: number;
  updated: number;
  /** Each line's order, in the order of the lines. */
  orders: OrderRef[];
}

/** What one import run remembers across its batches. */
export interface OrderWriteContext {
  importId: number | null;
  timezone: string;
  /** SKU → product, for every SKU the run has met. */
  products: Map<string, ProductRef>;
  /** Customers this run created: none of their orders can exist before it. */
  newCustomers: ReadonlySet<number>;
}

interface ProductRef {
  productId: number;
  unitCost: string | null;
  category: string | null;
}

export interface OrderRef {
  orderId: number;
  orderDate: string;
  /** Created by this run: none of its lines can be stored yet. */
  newThisRun: boolean;
}

const LINE_COLUMNS = [
  "customer_id", "order_id", "line_no", "order_date", "product_id", "sku", "description", "category", "quantity",
  "unit_price", "discount", "unit_cost", "amount", "base_amount", "base_discount", "base_cost", "is_return",
] as const;
const STAGE = "stage_order_lines";
const staged = new WeakSet<object>();
const HEAD_STAGE = "stage_orders";
const ORDER_COLUMNS = ["customer_id", "order_id", "order_no", "ordered_at", "order_date", "channel", "currency", "fx_rate", "status", "import_id"] as const;
const stagedHeads = new WeakSet<object>();

/**
 * Writes one batch of order lines with their order headers and products. Lines are
 * identified by (customer, order number, line number), so writing a batch twice changes
 * nothing. Orders of customers this run created cannot exist yet: their headers are COPYed
 * straight into orders (see insertNewOrders); other headers are upserted. Lines of orders
 * created by this run cannot exist yet either: they are COPYed straight into order_lines,
 * with their derived money (amount, base-currency amounts, cost) computed exactly here. Only
 * lines of older orders go through a stage and an upsert that writes what changed. The
 * caller refreshes the aggregates of the batch's customers before its transaction commits
 * (see aggregates.ts).
 */
export async function writeOrderLines(
  trx: Transaction<Database>,
  lines: readonly PreparedLine[],
  ctx: OrderWriteContext,
): Promise<WriteResult> {
  if (lines.length === 0) return { landed: 0, updated: 0, orders: [] };
  await resolveProducts(trx, lines, ctx.products);
  // Each order of the batch not known yet goes one way, decided by its first line.
  const direct = new Map<string, PreparedLine>();
  const upserted = new Set<string>();
  const toUpsert: PreparedLine[] = [];
  for (const l of lines) {
    if (l.order) continue;
    const key = orderKey(l);
    if (direct.has(key)) continue;
    if (upserted.has(key) || l.zoned || !ctx.newCustomers.has(l.customerId)) {
      upserted.add(key);
      toUpsert.push(l);
    } else {
      direct.set(key, l);
    }
  }
  const created = await insertNewOrders(trx, [...direct.values()], ctx);
  const existing = toUpsert.length > 0 ? await upsertOrders(trx, toUpsert, ctx) : new Map<string, OrderRef>();
  const orders = lines.map((l) => l.order ?? created.get(orderKey(l)) ?? existing.get(orderKey(l))!);
  const fresh: CopyRow[] = [];
  const older: CopyRow[] = [];
  lines.forEach((l, i) => {
    const order = orders[i]!;
    (order.newThisRun ? fresh : older).push(lineRow(l, order, l.sku ? ctx.products.get(l.sku) : undefined));
  });
  await copyInto(trx, "order_lines", LINE_COLUMNS, fresh);
  if (older.length === 0) return { landed: fresh.length, updated: 0, orders };

  if (!staged.has(trx)) {
    await sql`create temp table if not exists ${sql.table(STAGE)} (like order_lines) on commit drop`.execute(trx);
    staged.add(trx);
  } else {
    await sql`truncate ${sql.table(STAGE)}`.execute(trx);
  }
  await copyInto(trx, STAGE, LINE_COLUMNS, older);
  const res = await sql<{ inserted: number; updated: number }>`
    with up as (
      insert into order_lines (${sql.raw(LINE_COLUMNS.join(", "))})
      select ${sql.raw(LINE_COLUMNS.join(", "))} from ${sql.table(STAGE)}
      on conflict (customer_id, order_id, line_no) do update set
        order_date = excluded.order_date, product_id = excluded.product_id, sku = excluded.sku,
        description = excluded.description, category = excluded.category, quantity = excluded.quantity,
        unit_price = excluded.unit_price, discount = excluded.discount, unit_cost = excluded.unit_cost,
        amount = excluded.amount, base_amount = excluded.base_amount, base_discount = excluded.base_discount,
        base_cost = excluded.base_cost, is_return = excluded.is_return
      where (order_lines.order_date, order_lines.product_id, order_lines.sku, order_lines.description,
             order_lines.category, order_lines.quantity, order_lines.unit_price, order_lines.discount,
             order_lines.unit_cost, order_lines.amount, order_lines.base_amount, order_lines.base_discount,
             order_lines.base_cost, order_lines.is_return)
        is distinct from (excluded.order_date, excluded.product_id, excluded.sku, excluded.description,
             excluded.category, excluded.quantity, excluded.unit_price, excluded.discount, excluded.unit_cost,
             excluded.amount, excluded.base_amount, excluded.base_discount, excluded.base_cost, excluded.is_return)
      returning (xmax = 0) as inserted
    )
    select (count(*) filter (where inserted))::int as inserted, (count(*) filter (where not inserted))::int as updated from up`.execute(trx);
  const r = res.rows[0]!;
  return { landed: fresh.length + r.inserted, updated: r.updated, orders };
}

/**
 * Writes the headers of orders that cannot exist yet (their customer is new this run, each
 * header given as its order's first line) with one COPY: ids from the orders' sequence, and
 * the order time read by PostgreSQL in the business time zone, exactly as upsertOrders'
 * `ts::timestamp at time zone` reads it. Only times without a zone come here, so the order
 * date is the date they were written with.
 */
async function insertNewOrders(trx: Transaction<Database>, heads: readonly PreparedLine[], ctx: OrderWriteContext): Promise<Map<string, OrderRef>> {
  const refs = new Map<string, OrderRef>();
  if (heads.length === 0) return refs;
  const ids = await nextIds(trx, "orders_order_id_seq", heads.length);
  const rows: CopyRow[] = heads.map((h, i) => {
    const orderId = ids[i]!;
    const orderDate = h.orderedAt.slice(0, 10);
    refs.set(orderKey(h), { orderId, orderDate, newThisRun: true });
    return [h.customerId, orderId, h.orderNo, h.orderedAt, orderDate, h.channel, h.currency, h.fxRate, h.status, ctx.importId];
  });
  const zone = await sql<{ prev: string }>`select current_setting('TimeZone') as prev`.execute(trx);
  await sql`select set_config('TimeZone', ${ctx.timezone}, true)`.execute(trx);
  try {
    await copyInto(trx, "orders", ORDER_COLUMNS, rows);
  } finally {
    await sql`select set_config('TimeZone', ${zone.rows[0]!.prev}, true)`.execute(trx);
  }
  return refs;
}

/**
 * The stored form of a line. Money follows the definitions in aggregates.ts:
 * amount = quantity × unit price − sign(quantity) × discount (when the file gives none);
 * base amounts are × the order's rate; cost is quantity × (the line's unit cost × rate, or
 * the product's unit cost, which is in the base currency), null when neither is known.
 */
function lineRow(l: PreparedLine, order: OrderRef, product: ProductRef | undefined): CopyRow {
  const amount = l.amount ?? decSub(decMul(l.quantity, l.unitPrice!), decSign(l.quantity) < 0 ? `-${l.discount}` : l.discount);
  // In the base currency (rate 1) a base amount is the amount itself.
  const rated = l.fxRate === "1" ? (v: string) => v : (v: string) => decMul(v, l.fxRate);
  const cost = l.unitCost !== null ? rated(l.unitCost) : (product?.unitCost ?? null);
  return [
    l.customerId, order.orderId, l.lineNo, order.orderDate, product?.productId ?? null, l.sku, l.description,
    l.category ?? product?.category ?? null, l.quantity, l.unitPrice, l.discount, l.unitCost, amount,
    rated(amount), rated(l.discount), cost === null ? null : decMul(l.quantity, cost), l.isReturn,
  ];
}

/** Looks up (or creates, named by the line) every product the batch names that the run has not met. */
async function resolveProducts(trx: Transaction<Database>, lines: readonly PreparedLine[], known: Map<string, ProductRef>) {
  const unseen = new Map<string, PreparedLine>();
  for (const l of lines) if (l.sku && !known.has(l.sku) && !unseen.has(l.sku)) unseen.set(l.sku, l);
  if (unseen.size === 0) return;
  const ps = [...unseen.values()];
  await sql`insert into products (sku, name, category)
    select * from unnest(${ps.map((p) => p.sku)}::text[], ${ps.map((p) => p.description)}::text[], ${ps.map((p) => p.category)}::text[])
    on conflict (sku) do nothing`.execute(trx);
  const rows = await sql<{ sku: string; product_id: number; unit_cost: string | null; category: string | null }>`
    select p.sku, p.product_id, p.unit_cost, p.category from unnest(${[...unseen.keys()]}::text[]) as s(sku)
    join products p on p.sku = s.sku`.execute(trx);
  for (const r of rows.rows) known.set(r.sku, { productId: r.product_id, unitCost: r.unit_cost, category: r.category });
}

const orderKey = (l: { customerId: number; orderNo: string }) => `${l.customerId}\u0000${l.orderNo}`;

/**
 * Upserts the batch's order headers (each order's first line in the batch) and returns every
 * order's id and date. A header whose date changed moves the order's stored lines that this
 * batch does not rewrite itself.
 */
async function upsertOrders(trx: Transaction<Database>, lines: readonly PreparedLine[], ctx: OrderWriteContext): Promise<Map<string, OrderRef>> {
  const heads = new Map<string, PreparedLine>();
  for (const l of lines) if (!heads.has(orderKey(l))) heads.set(orderKey(l), l);
  const hs = [...heads.values()];
  if (!stagedHeads.has(trx)) {
    await sql`create temp table if not exists ${sql.table(HEAD_STAGE)} (
        customer_id bigint, order_no text, ts text, zoned bool, channel text, currency text, fx_rate numeric, status text
      ) on commit drop`.execute(trx);
    stagedHeads.add(trx);
  } else {
    await sql`truncate ${sql.table(HEAD_STAGE)}`.execute(trx);
  }
  await copyInto(trx, HEAD_STAGE, ["customer_id", "order_no", "ts", "zoned", "channel", "currency", "fx_rate", "status"],
    hs.map((h) => [h.customerId, h.orderNo, h.orderedAt, h.zoned, h.channel, h.currency, h.fxRate, h.status]));
  const written = await sql<{ customer_id: number; order_id: number; order_no: string; order_date: string; import_id: number | null; inserted: boolean }>`
    with y as (
      select x.*, ${localTimestamp(sql`ts`, sql`zoned`, ctx.timezone)} as ordered_at
      from ${sql.table(HEAD_STAGE)} x
    )
    insert into orders (customer_id, order_no, ordered_at, order_date, channel, currency, fx_rate, status, import_id)
    select customer_id, order_no, ordered_at, (ordered_at at time zone ${ctx.timezone})::date, channel, currency,
      fx_rate, status, ${ctx.importId}::bigint
    from y
    on conflict (customer_id, order_no) do update set ordered_at = excluded.ordered_at, order_date = excluded.order_date,
      channel = excluded.channel, currency = excluded.currency, fx_rate = excluded.fx_rate, status = excluded.status
    where (orders.ordered_at, orders.channel, orders.currency, orders.fx_rate, orders.status)
      is distinct from (excluded.ordered_at, excluded.channel, excluded.currency, excluded.fx_rate, excluded.status)
    returning customer_id, order_id, order_no, order_date::text, import_id, (xmax = 0) as inserted`.execute(trx);

  const refs = new Map<string, OrderRef>();
  const isNew = (importId: number | null) => ctx.importId !== null && importId === ctx.importId;
  const redated: number[] = [];
  for (const r of written.rows) {
    refs.set(orderKey({ customerId: r.customer_id, orderNo: r.order_no }), { orderId: r.order_id, orderDate: r.order_date, newThisRun: isNew(r.import_id) });
    if (!r.inserted) redated.push(r.order_id);
  }
  const rest = hs.filter((h) => !refs.has(orderKey(h)));
  if (rest.length > 0) {
    const existing = await sql<{ customer_id: number; order_id: number; order_no: string; order_date: string; import_id: number | null }>`
      select o.customer_id, o.order_id, o.order_no, o.order_date::text, o.import_id
      from unnest(${rest.map((h) => h.customerId)}::bigint[], ${rest.map((h) => h.orderNo)}::text[]) as k(customer_id, order_no)
      join orders o on o.customer_id = k.customer_id and o.order_no = k.order_no`.execute(trx);
    for (const r of existing.rows) {
      refs.set(orderKey({ customerId: r.customer_id, orderNo: r.order_no }), { orderId: r.order_id, orderDate: r.order_date, newThisRun: isNew(r.import_id) });
    }
  }
  if (redated.length > 0) {
    const inBatch = lines.filter((l) => redated.includes(refs.get(orderKey(l))!.orderId));
    await sql`update order_lines l set order_date = o.order_date from orders o
      where o.order_id = any(${redated}::bigint[]) and l.customer_id = o.customer_id and l.order_id = o.order_id
        and l.order_date <> o.order_date
        and not exists (select 1 from unnest(${inBatch.map((b) => refs.get(orderKey(b))!.orderId)}::bigint[], ${inBatch.map((b) => b.lineNo)}::int[])
                        as b(order_id, line_no) where b.order_id = l.order_id and b.line_no = l.line_no)`.execute(trx);
  }
  return refs;
}
