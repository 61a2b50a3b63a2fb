import { sql, type Kysely, type Transaction } from "kysely";
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
 * - first/last_purchase: first and last date with a sale line.
 * A customer's figures are the sums of their months (an order has one date, so one month).
 */
const MONTH_AGGREGATE_COLUMNS = sql`
  count(distinct l.order_id) filter (where not l.is_return)::int as orders,
  count(distinct l.order_date) filter (where not l.is_return)::int as purchase_days,
  (count(*) filter (where not l.is_return))::int as lines,
  coalesce(sum(l.quantity) filter (where not l.is_return), 0) as items,
  coalesce(sum(l.base_amount + l.base_discount) filter (where not l.is_return), 0) as gross,
  coalesce(sum(l.base_discount) filter (where not l.is_return), 0) as discount,
  coalesce(sum(l.base_amount) filter (where not l.is_return), 0) as sales,
  coalesce(-sum(l.base_amount) filter (where l.is_return), 0) as returns,
  coalesce(-sum(l.quantity) filter (where l.is_return), 0) as returned_items,
  coalesce(sum(l.base_cost), 0) as cost,
  coalesce(sum(l.base_amount) filter (where l.base_cost is not null), 0) as costed_net_sales,
  min(l.order_date) filter (where not l.is_return) as first_purchase,
  max(l.order_date) filter (where not l.is_return) as last_purchase`;

const CUSTOMER_AGGREGATE_COLUMNS = sql`
  sum(orders)::int as orders, sum(purchase_days)::int as purchase_days, sum(lines)::int as lines,
  sum(items) as items, sum(gross) as gross, sum(discount) as discount, sum(sales) as sales,
  sum(returns) as returns, sum(returned_items) as returned_items, sum(cost) as cost,
  sum(costed_net_sales) as costed_net_sales,
  min(first_purchase) as first_purchase, max(last_purchase) as last_purchase`;

const COLUMN_LIST = sql`orders, purchase_days, lines, items, gross, discount, sales, returns,
  returned_items, cost, costed_net_sales, first_purchase, last_purchase`;

/**
 * Per-customer aggregates of the order lines dated from … to (inclusive), by the same
 * definitions as the monthly ones: for the part of a month a window cuts.
 */
export function aggregatesOfLinesBetween(from: string, to: string) {
  return sql`select l.customer_id, ${MONTH_AGGREGATE_COLUMNS}
    from order_lines l where l.order_date between ${from}::date and ${to}::date
    group by l.customer_id`;
}

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
    const m = await sql`insert into customer_month_aggregates (customer_id, month, ${COLUMN_LIST})
      select l.customer_id, date_trunc('month', l.order_date)::date as month, ${MONTH_AGGREGATE_COLUMNS}
      from order_lines l where l.customer_id = any(${chunk}::bigint[])
      group by l.customer_id, date_trunc('month', l.order_date)`.execute(trx);
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
    const months = await sql`insert into customer_month_aggregates (customer_id, month, ${COLUMN_LIST})
      select l.customer_id, date_trunc('month', l.order_date)::date as month, ${MONTH_AGGREGATE_COLUMNS}
      from order_lines l group by l.customer_id, date_trunc('month', l.order_date)`.execute(trx);
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
