import { sql, type Kysely, type RawBuilder } from "kysely";
import { dayText } from "../../domain/days.ts";
import { aggregatesOfLinesBetween } from "../../store/aggregates.ts";
import type { Database } from "../../store/schema.ts";

/** The first instant of day `day` in the time zone, as a timestamptz. */
const startOf = (day: number, timezone: string): RawBuilder<Date> => sql<Date>`(${dayText(day)}::date::timestamp at time zone ${timezone})`;

export interface PeriodBuyers {
  /** Customers with a sale line in the period. */
  customers: number;
  /** … of whom opened a complaint in it (business time zone). */
  complained: number;
  /** … of whom also had a sale line in the previous period. */
  retained: number;
  /** Net sales (sales − returns) in the period, in micro-units of the base currency: of the retained, and of all buyers. */
  retainedNet: bigint;
  buyersNet: bigint;
}

/**
 * The sensitivity model's customer counts and sales over a period of days (from … to) and
 * the previous one: who bought, who of them complained, who had bought in the previous
 * period too, and their net sales. Sales by the aggregates' definitions (store/aggregates.ts).
 */
export async function periodBuyers(
  db: Kysely<Database>,
  o: { from: number; to: number; previousFrom: number; previousTo: number; timezone: string },
): Promise<PeriodBuyers> {
  const r = await sql<{ customers: number; complained: number; retained: number; retained_net: string; buyers_net: string }>`
    with buyers as (
      select a.customer_id, a.sales - a.returns as net,
        exists (select 1 from order_lines l where l.customer_id = a.customer_id and not l.is_return
          and l.order_date between ${dayText(o.previousFrom)}::date and ${dayText(o.previousTo)}::date) as before,
        exists (select 1 from complaints c where c.customer_id = a.customer_id
          and c.opened_at >= ${startOf(o.from, o.timezone)} and c.opened_at < ${startOf(o.to + 1, o.timezone)}) as complained
      from (${aggregatesOfLinesBetween(dayText(o.from), dayText(o.to))}) a
      where a.orders > 0
    )
    select count(*)::int as customers, count(*) filter (where complained)::int as complained, count(*) filter (where before)::int as retained,
      coalesce(sum(net) filter (where before), 0)::text as retained_net, coalesce(sum(net), 0)::text as buyers_net
    from buyers`.execute(db);
  const row = r.rows[0];
  return {
    customers: row?.customers ?? 0,
    complained: row?.complained ?? 0,
    retained: row?.retained ?? 0,
    retainedNet: BigInt(row?.retained_net ?? "0"),
    buyersNet: BigInt(row?.buyers_net ?? "0"),
  };
}
