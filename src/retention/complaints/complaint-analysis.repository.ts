import { sql, type Kysely, type RawBuilder } from "kysely";
import { CLOSED, OPEN, RESOLVED, type ComplaintColumns, type Severity } from "../../analytics/complaints/complaints.ts";
import { dayNumber, dayText } from "../../domain/days.ts";
import type { Database } from "../../store/schema.ts";

/** The first instant of day `day` in the time zone, as a timestamptz. */
const startOf = (day: number, timezone: string): RawBuilder<Date> => sql<Date>`(${dayText(day)}::date::timestamp at time zone ${timezone})`;
/** A timestamptz's date in the time zone, as 'YYYY-MM-DD'. */
const localDay = (col: RawBuilder<unknown>, timezone: string) => sql<string | null>`to_char((${col} at time zone ${timezone})::date, 'YYYY-MM-DD')`;

const STATUS_CODE = { open: OPEN, resolved: RESOLVED, closed: CLOSED } as const;

/**
 * The complaints opened from day `from` to day `to` (inclusive, in the business's time
 * zone), in the order they were opened (opened_at, then complaint_id), as columns.
 */
export async function complaintsOpened(db: Kysely<Database>, o: { from: number; to: number; timezone: string }): Promise<ComplaintColumns> {
  const rows = await sql<{ customer_id: string | number; opened: string; status: keyof typeof STATUS_CODE; ended: string | null; category: string | null; channel: string; severity: Severity; product: string | null; root_cause: string | null }>`
    select customer_id, ${localDay(sql`opened_at`, o.timezone)} as opened, status, ${localDay(sql`resolved_at`, o.timezone)} as ended,
      category, channel, severity, nullif(btrim(product), '') as product, root_cause
    from complaints
    where opened_at >= ${startOf(o.from, o.timezone)} and opened_at < ${startOf(o.to + 1, o.timezone)}
    order by opened_at, complaint_id`.execute(db);
  const r = rows.rows;
  return {
    customer: Float64Array.from(r, (x) => Number(x.customer_id)),
    opened: Int32Array.from(r, (x) => dayNumber(x.opened)),
    status: Uint8Array.from(r, (x) => STATUS_CODE[x.status]),
    ended: Float64Array.from(r, (x) => (x.ended === null ? NaN : dayNumber(x.ended))),
    category: r.map((x) => x.category),
    channel: r.map((x) => x.channel),
    severity: r.map((x) => x.severity),
    product: r.map((x) => x.product),
    rootCause: r.map((x) => x.root_cause),
  };
}

/**
 * For each (customer, day t): the first day in (t, t + windowDays] with a sale line (a
 * purchase, as the aggregates count one: not a return), NaN for none. Reads only these
 * customers' lines in their windows (the order lines' key starts with customer_id).
 */
export async function nextPurchaseDays(db: Kysely<Database>, customers: Float64Array, t: Int32Array, windowDays: number): Promise<Float64Array> {
  const out = new Float64Array(customers.length).fill(NaN);
  if (customers.length === 0) return out;
  const rows = await sql<{ k: number; day: string }>`
    select x.k, to_char(min(l.order_date), 'YYYY-MM-DD') as day
    from unnest(${Array.from(customers)}::bigint[], ${Array.from(t, dayText)}::date[]) with ordinality as x(c, t, k)
    join order_lines l on l.customer_id = x.c and l.order_date > x.t and l.order_date <= x.t + ${windowDays}::int and not l.is_return
    group by x.k`.execute(db);
  for (const r of rows.rows) out[Number(r.k) - 1] = dayNumber(r.day);
  return out;
}

/** Whether a customer-month (first and last purchase day f, l) has a purchase in [a, b]: exact at day level. */
function boughtIn(a: number, b: number): RawBuilder<boolean> {
  const [from, to] = [dayText(a), dayText(b)];
  // Decided by the month's first and last purchase day, except when both fall outside [a, b]
  // on either side (a range inside one month's gap): then the month's own lines say.
  return sql<boolean>`case
    when m.first_purchase between ${from}::date and ${to}::date or m.last_purchase between ${from}::date and ${to}::date then true
    when m.first_purchase < ${from}::date and m.last_purchase > ${to}::date then exists (
      select 1 from order_lines ol where ol.customer_id = m.customer_id and ol.order_date between ${from}::date and ${to}::date and not ol.is_return)
    else false end`;
}

/**
 * The no-complaint group (repurchase.ts baselineDays): customers with a purchase in
 * `bought`, no complaint opened up to day `asOf`, and how many of them bought in
 * `repurchase`. Read from the per-customer-month aggregates (first and last purchase of
 * each month), falling back to the order lines only for a month whose purchases straddle a
 * range that lies inside it; exact at day level.
 */
export async function noComplaintCounts(
  db: Kysely<Database>,
  o: { bought: { from: number; to: number }; repurchase: { from: number; to: number }; asOf: number; timezone: string },
): Promise<{ customers: number; repurchased: number }> {
  const firstMonth = `${dayText(o.bought.from).slice(0, 7)}-01`;
  const r = await sql<{ customers: number; repurchased: number }>`
    with per as (
      select m.customer_id, bool_or(${boughtIn(o.bought.from, o.bought.to)}) as bought, bool_or(${boughtIn(o.repurchase.from, o.repurchase.to)}) as again
      from customer_month_aggregates m
      where m.month >= ${firstMonth}::date and m.month <= ${dayText(o.repurchase.to)}::date and m.orders > 0
      group by m.customer_id
    )
    select count(*)::int as customers, count(*) filter (where again)::int as repurchased
    from per
    where bought and not exists (select 1 from complaints c where c.customer_id = per.customer_id and c.opened_at < ${startOf(o.asOf + 1, o.timezone)})`.execute(db);
  const row = r.rows[0];
  return { customers: row?.customers ?? 0, repurchased: row?.repurchased ?? 0 };
}
