import { sql, type Kysely, type RawBuilder } from "kysely";
import { addMonths, dayNumber, dayText } from "../domain/days.ts";
import { SEGMENT_SCHEMES, type SegmentScheme } from "./segments.repository.ts";
import type { Database } from "./schema.ts";

/**
 * The business's totals per week or month, for forecasting (docs/patterns.md, "The
 * forecast's series"): net sales (sales − returns, in the base currency), orders, active customers
 * (with a sale in the period) and new customers (first sale in the period). Months come
 * from the per-customer-month aggregates; weeks (Monday to Sunday) from the order lines
 * and, for new customers, the per-customer aggregates. Periods without a sale are zeros.
 */
export type SeriesName = "sales" | "orders" | "active" | "new";
export type SeriesPeriod = "week" | "month";
export const SERIES_NAMES: readonly SeriesName[] = ["sales", "orders", "active", "new"];

export interface SeriesQuery {
  series: SeriesName;
  period: SeriesPeriod;
  /** The first day of the first period and the last day of the last, inclusive. */
  from: string;
  to: string;
  segment?: { asOf: string; scheme: SegmentScheme; segment: string };
}

export interface Series {
  /** Each period's first day, 'YYYY-MM-DD'. */
  starts: string[];
  values: Float64Array;
}

/** The first day of the period `day` falls in: the month's first day, or the week's Monday. */
export function periodStart(period: SeriesPeriod, day: number): number {
  if (period === "month") return dayNumber(`${dayText(day).slice(0, 7)}-01`);
  return day - ((day + 3) % 7); // 1970-01-01 was a Thursday: (day + 3) % 7 is 0 on Mondays.
}

export function nextPeriod(period: SeriesPeriod, start: number): number {
  return period === "month" ? addMonths(start, 1) : start + 7;
}

export async function periodSeries(db: Kysely<Database>, q: SeriesQuery): Promise<Series> {
  const from = dayNumber(q.from);
  const to = dayNumber(q.to);
  const member = (alias: string): RawBuilder<unknown> => {
    if (!q.segment) return sql`true`;
    const col = SEGMENT_SCHEMES[q.segment.scheme];
    const value = col === "decile" ? sql`${Number(q.segment.segment)}::smallint` : sql`${q.segment.segment}::text`;
    return sql`${sql.ref(`${alias}.customer_id`)} in (select s.customer_id from customer_segments s
      where s.as_of = ${q.segment.asOf}::date and ${sql.ref(`s.${col}`)} = ${value})`;
  };
  let query: RawBuilder<{ p: number; v: string }>;
  if (q.series === "new") {
    const trunc = q.period === "month" ? sql`date_trunc('month', a.first_purchase)::date` : sql`date_trunc('week', a.first_purchase)::date`;
    query = sql`select ${trunc} - date '1970-01-01' as p, count(*)::text as v from customer_aggregates a
      where a.first_purchase between ${q.from}::date and ${q.to}::date and ${member("a")} group by 1`;
  } else if (q.period === "month") {
    // Money is bigint micro-units: scaled back to the base currency exactly before the text.
    const v = { sales: sql`(sum(m.sales - m.returns) * 0.000001)::text`, orders: sql`sum(m.orders)::text`, active: sql`(count(*) filter (where m.orders > 0))::text` }[q.series];
    query = sql`select m.month - date '1970-01-01' as p, ${v} as v from customer_month_aggregates m
      where m.month between ${q.from}::date and ${q.to}::date and ${member("m")} group by m.month`;
  } else {
    const v = {
      sales: sql`sum(l.base_amount)::text`,
      orders: sql`(count(distinct (l.customer_id, l.order_id)) filter (where not l.is_return))::text`,
      active: sql`(count(distinct l.customer_id) filter (where not l.is_return))::text`,
    }[q.series];
    query = sql`select date_trunc('week', l.order_date)::date - date '1970-01-01' as p, ${v} as v from order_lines l
      where l.order_date between ${q.from}::date and ${q.to}::date and ${member("l")} group by 1`;
  }
  const rows = (await query.execute(db)).rows;
  const byStart = new Map(rows.map((r) => [Number(r.p), Number(r.v)]));
  const starts: string[] = [];
  const values: number[] = [];
  for (let s = periodStart(q.period, from); s <= to; s = nextPeriod(q.period, s)) {
    starts.push(dayText(s));
    values.push(byStart.get(s) ?? 0);
  }
  return { starts, values: Float64Array.from(values) };
}

/** The first and last order date in the store, or null when there is none. */
export async function orderDateRange(db: Kysely<Database>): Promise<{ first: string; last: string } | null> {
  const r = await sql<{ first: string | null; last: string | null }>`
    select min(first_purchase)::text as first, max(last_purchase)::text as last from customer_aggregates`.execute(db);
  const row = r.rows[0];
  return row?.first && row.last ? { first: row.first, last: row.last } : null;
}
