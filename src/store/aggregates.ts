import { sql, type Kysely, type RawBuilder, type Transaction } from "kysely";
import type { Database } from "./schema.ts";

/**
 * The per-customer-month and per-customer aggregates. This file is the one place that
 * defines them; writers only say which (customer, month) pairs they touched.
 *
 * Definitions (all money in the base currency):
 * - orders, purchase_days, lines, items, gross, discount, sales: over sale lines only
 *   (not returns); purchase_days counts distinct order dates; gross = sales + discount.
 * - returns: the refunded amount of return lines, positive; returned_items likewise.
 * - cost: cost of the lines whose cost is known, net of returned cost.
 * - costed_net_sales: net amount (sales − returns) of the lines whose cost is known, so
 *   margin = costed_net_sales − cost covers exactly the costed lines and never guesses.
 * - first_day_sales: the sales (as `sales`) on the first purchase day of the month, or of
 *   the range for aggregatesOfLinesBetween.
 * - is_first_month (months only): the customer's first month with a sale, so that a reader
 *   summing months finds the first-ever purchase day's sales (its first_day_sales) with a
 *   filter rather than by comparing months.
 * - first/last_purchase: first and last date with a sale line.
 * A customer's figures are the sums of their months (an order has one date, so one month).
 *
 * Money in the month aggregates is bigint micro-units (10⁻⁶ of the base currency): each
 * line's base amount, discount and cost rounded to micro-units (half away from zero; only a
 * line in another currency or with a fractional quantity can carry more decimals), then
 * summed exactly, so a range of days sums to the same figure however it is cut into months.
 * PostgreSQL sums bigint in 128-bit integers, far cheaper than numeric. The per-customer
 * totals stay `numeric` in the base currency (the customer list filters and sorts on them):
 * the same sums, divided by 10⁶ exactly. items and returned_items stay exact `numeric`.
 */
const micros = (e: RawBuilder<unknown>) => sql`(${e} * 1000000)::bigint`;

/**
 * The order lines of `where`, each with its money in micro-units and `first_day`: the first
 * date with a sale line among the lines of its partition (a customer's month, or a customer).
 */
function linesInMicros(where: RawBuilder<unknown>, partition: RawBuilder<unknown>) {
  return sql`select l.customer_id, l.order_id, l.order_date, l.quantity, l.is_return,
      ${micros(sql`l.base_amount`)} as amount, ${micros(sql`l.base_discount`)} as discount, ${micros(sql`l.base_cost`)} as cost,
      min(l.order_date) filter (where not l.is_return) over (partition by ${partition}) as first_day
    from order_lines l where ${where}`;
}

// Sums are cast back to bigint: sum(bigint) is numeric, and a numeric part in the value
// report's union would turn every sum over it into a numeric one.
const MONTH_AGGREGATE_COLUMNS = sql`
  count(distinct l.order_id) filter (where not l.is_return)::int as orders,
  count(distinct l.order_date) filter (where not l.is_return)::int as purchase_days,
  (count(*) filter (where not l.is_return))::int as lines,
  coalesce(sum(l.quantity) filter (where not l.is_return), 0) as items,
  coalesce(sum(l.amount + l.discount) filter (where not l.is_return), 0)::bigint as gross,
  coalesce(sum(l.discount) filter (where not l.is_return), 0)::bigint as discount,
  coalesce(sum(l.amount) filter (where not l.is_return), 0)::bigint as sales,
  coalesce(-sum(l.amount) filter (where l.is_return), 0)::bigint as returns,
  coalesce(-sum(l.quantity) filter (where l.is_return), 0) as returned_items,
  coalesce(sum(l.cost), 0)::bigint as cost,
  coalesce(sum(l.amount) filter (where l.cost is not null), 0)::bigint as costed_net_sales,
  coalesce(sum(l.amount) filter (where not l.is_return and l.order_date = l.first_day), 0)::bigint as first_day_sales,
  min(l.order_date) filter (where not l.is_return) as first_purchase,
  max(l.order_date) filter (where not l.is_return) as last_purchase`;

/** Micro-units summed over months → the exact numeric in the base currency ("12.5", "0"). */
const baseOf = (c: string) => sql`trim_scale(sum(${sql.ref(c)}) * 0.000001) as ${sql.ref(c)}`;

const CUSTOMER_AGGREGATE_COLUMNS = sql`
  sum(orders)::int as orders, sum(purchase_days)::int as purchase_days, sum(lines)::int as lines,
  sum(items) as items, ${baseOf("gross")}, ${baseOf("discount")}, ${baseOf("sales")},
  ${baseOf("returns")}, sum(returned_items) as returned_items, ${baseOf("cost")},
  ${baseOf("costed_net_sales")},
  min(first_purchase) as first_purchase, max(last_purchase) as last_purchase`;

const COLUMN_LIST = sql`orders, purchase_days, lines, items, gross, discount, sales, returns,
  returned_items, cost, costed_net_sales, first_purchase, last_purchase`;
const MONTH_COLUMN_LIST = sql`orders, purchase_days, lines, items, gross, discount, sales, returns,
  returned_items, cost, costed_net_sales, first_day_sales, first_purchase, last_purchase`;

/**
 * Per-customer aggregates of the order lines dated from … to (inclusive), by the same
 * definitions as the monthly ones (money in bigint micro-units): for the part of a month a
 * window cuts. Its first_day_sales is the sales of the range's first purchase day.
 */
export function aggregatesOfLinesBetween(from: string, to: string) {
  return sql`select l.customer_id, ${MONTH_AGGREGATE_COLUMNS}
    from (${linesInMicros(sql`l.order_date between ${from}::date and ${to}::date`, sql`l.customer_id`)}) l
    group by l.customer_id`;
}

/** Inserts the month aggregates of the order lines of `where`, which selects whole customers. */
function insertMonthAggregates(where: RawBuilder<unknown>) {
  const month = sql`date_trunc('month', l.order_date)`;
  const firstPurchase = sql`min(l.order_date) filter (where not l.is_return)`;
  return sql`insert into customer_month_aggregates (customer_id, month, ${MONTH_COLUMN_LIST}, is_first_month)
    select l.customer_id, ${month}::date as month, ${MONTH_AGGREGATE_COLUMNS},
      coalesce(${firstPurchase} = min(${firstPurchase}) over (partition by l.customer_id), false) as is_first_month
    from (${linesInMicros(where, sql`l.customer_id, ${month}`)}) l
    group by l.customer_id, ${month}`;
}

/** The money columns of customer_month_aggregates: bigint micro-units. */
export const MONTH_MONEY = ["gross", "discount", "sales", "returns", "cost", "costed_net_sales", "first_day_sales"] as const;

/**
 * A money column of customer_month_aggregates as the exact decimal text of the base currency
 * ("12.5", "0"), as the customer totals and the order lines give money: for readers that
 * show months rather than compute over them.
 */
export const monthMoneyText = (column: (typeof MONTH_MONEY)[number]) => sql<string>`trim_scale(${sql.ref(column)} * 0.000001)::text`.as(column);

/** Customers per refresh statement: bounds the size of one statement's parameters and work. */
const REFRESH_CHUNK = 20_000;

/**
 * Recomputes all monthly and total aggregates of the given customers from their order
 * lines (read through the primary key's customer_id prefix). Writers call this, inside
 * their transaction, for every customer whose lines they changed.
 */
export async function refreshCustomers(
  trx: Transaction<Database>,
  customerIds: Iterable<number>,
): Promise<{ customers: number; months: number }> {
  const ids = [...customerIds].sort((a, b) => a - b);
  let customers = 0;
  let months = 0;
  for (let i = 0; i < ids.length; i += REFRESH_CHUNK) {
    const chunk = ids.slice(i, i + REFRESH_CHUNK);
    await sql`delete from customer_month_aggregates where customer_id = any(${chunk}::bigint[])`.execute(trx);
    await sql`delete from customer_aggregates where customer_id = any(${chunk}::bigint[])`.execute(trx);
    const m = await insertMonthAggregates(sql`l.customer_id = any(${chunk}::bigint[])`).execute(trx);
    const c = await sql`insert into customer_aggregates (customer_id, ${COLUMN_LIST})
      select m.customer_id, ${CUSTOMER_AGGREGATE_COLUMNS}
      from customer_month_aggregates m where m.customer_id = any(${chunk}::bigint[])
      group by m.customer_id`.execute(trx);
    months += Number(m.numAffectedRows ?? 0);
    customers += Number(c.numAffectedRows ?? 0);
  }
  return { customers, months };
}

/** Recomputes every aggregate from all order lines (`retain rebuild-aggregates`). */
export async function rebuildAggregates(db: Kysely<Database>): Promise<{ customers: number; months: number }> {
  const counts = await db.transaction().execute(async (trx) => {
    await sql`truncate customer_month_aggregates, customer_aggregates`.execute(trx);
    const months = await insertMonthAggregates(sql`true`).execute(trx);
    const customers = await sql`insert into customer_aggregates (customer_id, ${COLUMN_LIST})
      select m.customer_id, ${CUSTOMER_AGGREGATE_COLUMNS} from customer_month_aggregates m
      group by m.customer_id`.execute(trx);
    return { customers: Number(customers.numAffectedRows ?? 0), months: Number(months.numAffectedRows ?? 0) };
  });
  await analyzeAggregates(db);
  return counts;
}

/**
 * Refreshes the planner's statistics of the order and aggregate tables. PGlite runs no
 * autovacuum, so without this a store filled by imports keeps the estimates of an empty one,
 * and a grouping over a million customers is planned for a few hundred and spills to disk.
 * Run after a large import commits (a sample of 30,000 rows per table: about a second).
 */
export async function analyzeAggregates(db: Kysely<Database>): Promise<void> {
  await sql`analyze orders, order_lines, customer_month_aggregates, customer_aggregates`.execute(db);
}
