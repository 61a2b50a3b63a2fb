import { sql, type Transaction } from "kysely";
import { copyInto } from "./copy.ts";
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
}

export interface WriteResult {
  landed: number;
  updated: number;
}

const STAGE = "stage_order_lines";
const STAGE_COLUMNS = [
  "seq", "customer_id", "order_no", "line_no", "ts", "zoned", "sku", "description", "category", "quantity",
  "unit_price", "discount", "unit_cost", "amount", "currency", "fx", "channel", "status", "is_return",
] as const;
const staged = new WeakSet<object>();
const LINE_COLUMNS = sql`customer_id, order_id, line_no, order_date, product_id, sku, description, category,
  quantity, unit_price, discount, unit_cost, amount, base_amount, base_discount, base_cost, is_return`;
const LINE_VALUES = sql`customer_id, order_id, line_no, order_date, product_id, sku, description, category, quantity,
  unit_price, discount, unit_cost, amt, amt * fx, discount * fx, quantity * coalesce(unit_cost * fx, product_cost), is_return`;

/**
 * Upserts one batch of order lines with their order headers and products: the batch is
 * COPYed into a temporary stage, and three set-based statements derive products, orders and
 * lines from it. Lines are identified by (customer, order number, line number): writing the
 * same batch twice changes nothing. The caller refreshes the aggregates of the customers in
 * the batch before its transaction commits (see aggregates.ts).
 */
export async function writeOrderLines(
  trx: Transaction<Database>,
  lines: readonly PreparedLine[],
  ctx: { importId: number | null; timezone: string },
): Promise<WriteResult> {
  if (lines.length === 0) return { landed: 0, updated: 0 };
  if (!staged.has(trx)) {
    await sql`create temp table if not exists ${sql.table(STAGE)} (
        seq int, customer_id bigint, order_no text, line_no int, ts text, zoned bool, sku text, description text,
        category text, quantity numeric, unit_price numeric, discount numeric, unit_cost numeric, amount numeric,
        currency text, fx numeric, channel text, status text, is_return bool
      ) on commit drop`.execute(trx);
    staged.add(trx);
  } else {
    await sql`truncate ${sql.table(STAGE)}`.execute(trx);
  }
  await copyInto(trx, STAGE, STAGE_COLUMNS, lines.map((l, i) => [
    i, l.customerId, l.orderNo, l.lineNo, l.orderedAt, l.zoned, l.sku, l.description, l.category, l.quantity,
    l.unitPrice, l.discount, l.unitCost, l.amount, l.currency, l.fxRate, l.channel, l.status, l.isReturn,
  ]));
  const stage = sql.table(STAGE);

  await sql`insert into products (sku, name, category)
    select distinct on (sku) sku, description, category from ${stage} where sku is not null order by sku, seq
    on conflict (sku) do nothing`.execute(trx);

  // Order headers come from each order's first line in the batch. A header whose date
  // changed moves the order's stored lines that this batch does not rewrite itself.
  await sql`with h as (
      select distinct on (customer_id, order_no) customer_id, order_no, channel, currency, fx, status,
        case when zoned then ts::timestamptz else ts::timestamp at time zone ${ctx.timezone} end as ordered_at
      from ${stage} order by customer_id, order_no, seq
    ), up as (
      insert into orders (customer_id, order_no, ordered_at, order_date, channel, currency, fx_rate, status, import_id)
      select customer_id, order_no, ordered_at, (ordered_at at time zone ${ctx.timezone})::date, channel, currency, fx,
        status, ${ctx.importId}::bigint
      from h
      on conflict (customer_id, order_no) do update set ordered_at = excluded.ordered_at, order_date = excluded.order_date,
        channel = excluded.channel, currency = excluded.currency, fx_rate = excluded.fx_rate, status = excluded.status
      where (orders.ordered_at, orders.channel, orders.currency, orders.fx_rate, orders.status)
        is distinct from (excluded.ordered_at, excluded.channel, excluded.currency, excluded.fx_rate, excluded.status)
      returning customer_id, order_id, order_no, order_date, (xmax = 0) as inserted
    )
    update order_lines l set order_date = up.order_date from up
    where not up.inserted and l.customer_id = up.customer_id and l.order_id = up.order_id
      and l.order_date <> up.order_date
      and not exists (select 1 from ${stage} s where s.customer_id = up.customer_id and s.order_no = up.order_no
                      and s.line_no = l.line_no)`.execute(trx);

  // Lines of orders this run created cannot exist yet (the sink refuses a line twice), so
  // they take a plain insert; only lines of older orders pay for conflict handling.
  const res = await sql<{ landed: number; inserted: number; updated: number }>`
    with y as (
      select s.customer_id, o.order_id, s.line_no, o.order_date, p.product_id, s.sku, s.description,
        coalesce(s.category, p.category) as category, s.quantity, s.unit_price, s.discount, s.unit_cost, s.fx,
        s.is_return, p.unit_cost as product_cost, o.import_id is not distinct from ${ctx.importId}::bigint as new_order,
        coalesce(s.amount, s.quantity * s.unit_price - sign(s.quantity) * s.discount) as amt
      from ${stage} s
      join orders o on o.customer_id = s.customer_id and o.order_no = s.order_no
      left join products p on p.sku = s.sku
    ), fresh as (
      insert into order_lines (${LINE_COLUMNS})
      select ${LINE_VALUES} from y where new_order
      returning 1
    ), up as (
      insert into order_lines (${LINE_COLUMNS})
      select ${LINE_VALUES} from y where not new_order
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
    select (select count(*) from fresh)::int as landed,
      (select count(*) filter (where inserted) from up)::int as inserted,
      (select count(*) filter (where not inserted) from up)::int as updated`.execute(trx);
  const r = res.rows[0]!;
  return { landed: r.landed + r.inserted, updated: r.updated };
}
