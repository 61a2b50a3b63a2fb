import { sql, type Kysely } from "kysely";

/**
 * The money of customer_month_aggregates as bigint micro-units (10⁻⁶ of the base currency)
 * instead of numeric, and two new columns: first_day_sales, the sales on the month's first
 * purchase day, and is_first_month, the customer's first month with a sale (definitions:
 * store/aggregates.ts). The value report sums these columns over millions of months, and
 * PostgreSQL sums bigint in 128-bit integers, far cheaper than numeric. items and
 * returned_items stay numeric, and customer_aggregates is unchanged.
 *
 * The stored months convert exactly: a month whose lines are all whole micro-units (at most
 * 6 decimals in the base currency, as every line in base-currency prices with at most 6
 * decimals is) has sums of whole micro-units, and x · 10⁶ is then an integer, no rounding.
 * A line in another currency or with a fractional quantity can carry more decimals (its
 * amount × rate is kept exactly); the months holding such a line are recomputed from their
 * lines, each line's money rounded to micro-units as the aggregates now define it, and the
 * totals of their customers follow. first_day_sales is summed from the sale lines on each
 * month's first purchase day.
 *
 * The table is rebuilt in one pass (a new table filled from the old, which is then dropped)
 * rather than updated in place: an update would leave a dead copy of every row, which PGlite,
 * having no autovacuum, would keep. The SQL below is the definitions as of this migration,
 * not a call into aggregates.ts, so that a later change there cannot change what it does.
 */
export async function up(db: Kysely<any>): Promise<void> {
  // Memory for the groupings over every order line: the setting ends with the migration's transaction.
  await sql`set local work_mem = '256MB'`.execute(db);
  await sql`alter table customer_month_aggregates rename to customer_month_aggregates_numeric`.execute(db);
  await sql`alter table customer_month_aggregates_numeric rename constraint customer_month_aggregates_pkey to customer_month_aggregates_numeric_pkey`.execute(db);
  await sql`create table customer_month_aggregates (
    customer_id bigint not null,
    month date not null,
    orders integer not null,
    purchase_days integer not null,
    lines integer not null,
    items numeric not null,
    gross bigint not null,
    discount bigint not null,
    sales bigint not null,
    returns bigint not null,
    returned_items numeric not null,
    cost bigint not null,
    costed_net_sales bigint not null,
    first_day_sales bigint not null,
    first_purchase date,
    last_purchase date,
    is_first_month boolean not null
  )`.execute(db);

  // The months holding a line that is not a whole number of micro-units.
  await sql`create temp table months_beyond_micros on commit drop as
    select distinct l.customer_id, date_trunc('month', l.order_date)::date as month from order_lines l
    where l.base_amount <> round(l.base_amount, 6) or l.base_discount <> round(l.base_discount, 6) or l.base_cost <> round(l.base_cost, 6)`.execute(db);

  await sql`insert into customer_month_aggregates
    select m.customer_id, m.month, m.orders, m.purchase_days, m.lines, m.items,
      (m.gross * 1000000)::bigint, (m.discount * 1000000)::bigint, (m.sales * 1000000)::bigint, (m.returns * 1000000)::bigint,
      m.returned_items, (m.cost * 1000000)::bigint, (m.costed_net_sales * 1000000)::bigint, coalesce(d.sales, 0),
      m.first_purchase, m.last_purchase, m.is_first_month
    from (
      select m.*, coalesce(m.first_purchase = min(m.first_purchase) over (partition by m.customer_id), false) as is_first_month
      from customer_month_aggregates_numeric m
    ) m
    left join (
      select l.customer_id, l.order_date, sum((l.base_amount * 1000000)::bigint) as sales
      from order_lines l where not l.is_return group by l.customer_id, l.order_date
    ) d on d.customer_id = m.customer_id and d.order_date = m.first_purchase
    where not exists (select 1 from months_beyond_micros b where b.customer_id = m.customer_id and b.month = m.month)`.execute(db);

  await sql`insert into customer_month_aggregates
    select l.customer_id, date_trunc('month', l.order_date)::date,
      count(distinct l.order_id) filter (where not l.is_return)::int,
      count(distinct l.order_date) filter (where not l.is_return)::int,
      (count(*) filter (where not l.is_return))::int,
      coalesce(sum(l.quantity) filter (where not l.is_return), 0),
      coalesce(sum(l.amount + l.discount) filter (where not l.is_return), 0)::bigint,
      coalesce(sum(l.discount) filter (where not l.is_return), 0)::bigint,
      coalesce(sum(l.amount) filter (where not l.is_return), 0)::bigint,
      coalesce(-sum(l.amount) filter (where l.is_return), 0)::bigint,
      coalesce(-sum(l.quantity) filter (where l.is_return), 0),
      coalesce(sum(l.cost), 0)::bigint,
      coalesce(sum(l.amount) filter (where l.cost is not null), 0)::bigint,
      coalesce(sum(l.amount) filter (where not l.is_return and l.order_date = l.first_day), 0)::bigint,
      min(l.order_date) filter (where not l.is_return),
      max(l.order_date) filter (where not l.is_return),
      coalesce(min(l.order_date) filter (where not l.is_return)
        = (select min(o.first_purchase) from customer_month_aggregates_numeric o where o.customer_id = l.customer_id), false)
    from (
      select l.customer_id, l.order_id, l.order_date, l.quantity, l.is_return,
        (l.base_amount * 1000000)::bigint as amount, (l.base_discount * 1000000)::bigint as discount, (l.base_cost * 1000000)::bigint as cost,
        min(l.order_date) filter (where not l.is_return) over (partition by l.customer_id, date_trunc('month', l.order_date)) as first_day
      from order_lines l
      where (l.customer_id, date_trunc('month', l.order_date)::date) in (select customer_id, month from months_beyond_micros)
    ) l
    group by l.customer_id, date_trunc('month', l.order_date)`.execute(db);

  // The totals of those customers: the sums of their months, in the base currency.
  const total = (c: string) => sql`trim_scale(sum(${sql.ref(`m.${c}`)}) * 0.000001)`;
  await sql`update customer_aggregates a set gross = t.gross, discount = t.discount, sales = t.sales, returns = t.returns,
      cost = t.cost, costed_net_sales = t.costed_net_sales
    from (
      select m.customer_id, ${total("gross")} as gross, ${total("discount")} as discount, ${total("sales")} as sales,
        ${total("returns")} as returns, ${total("cost")} as cost, ${total("costed_net_sales")} as costed_net_sales
      from customer_month_aggregates m
      where m.customer_id in (select customer_id from months_beyond_micros)
      group by m.customer_id
    ) t
    where a.customer_id = t.customer_id`.execute(db);

  await sql`drop table customer_month_aggregates_numeric`.execute(db);
  await sql`alter table customer_month_aggregates add primary key (customer_id, month)`.execute(db);
  // A new table has no statistics, and PGlite no autovacuum to take them.
  await sql`analyze customer_month_aggregates`.execute(db);
}
