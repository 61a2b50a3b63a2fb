import { sql, type Kysely } from "kysely";
import { dayNumber, dayText, monthStart, nextMonthStart } from "../domain/days.ts";
import { aggregatesOfLinesBetween } from "./aggregates.ts";
import { copyInto, type CopyRow } from "./copy.ts";
import type { CustomerSegmentsTable, Database } from "./schema.ts";

/**
 * What the segmentations read beyond the window's values (docs/value.md, "Segments"), and
 * the saved snapshots of them. Nothing dated after the as-of date is read.
 */

const monthIndex = (day: number): number => {
  const t = dayText(day);
  return Number(t.slice(0, 4)) * 12 + Number(t.slice(5, 7)) - 1;
};

/**
 * Per customer with a sale by `to`, sorted by id: whether they bought in one period of
 * `periodMonths` months or in two or more (periods are counted back from `to`'s month,
 * which is period 0), and in how many of the last `recent` periods (at most 60) they
 * bought. Whole months come from customer_month_aggregates; when `to` ends inside a month,
 * that month's part up to `to` is read from its order lines. Plain aggregates (min, max and
 * a bit per recent period), no count(distinct): one pass over a million customers' months.
 */
export async function purchasePeriods(
  db: Kysely<Database>,
  o: { to: string; periodMonths: number; recent: number },
): Promise<{ ids: Float64Array; purchasePeriods: Uint32Array; recentPeriods: Uint32Array }> {
  if (!Number.isInteger(o.recent) || o.recent < 1 || o.recent > 60) throw new RangeError(`recent periods must be 1 to 60 (got ${o.recent})`);
  const to = dayNumber(o.to);
  const asOfMonth = monthIndex(to);
  const toIsMonthEnd = nextMonthStart(to) === to + 1;
  const lastWholeMonth = dayText(toIsMonthEnd ? monthStart(to) : monthStart(to) - 1);
  // date_part, not extract: extract returns numeric (PostgreSQL 14 on), a third slower over millions of months.
  const period = sql`((${asOfMonth}::int - (date_part('year', month)::int * 12 + date_part('month', month)::int - 1)) / ${o.periodMonths}::int)`;
  const parts = [sql`select customer_id, ${period} as p from customer_month_aggregates where orders > 0 and month <= ${lastWholeMonth}::date`];
  if (!toIsMonthEnd) {
    parts.push(sql`select customer_id, 0 as p from (${aggregatesOfLinesBetween(dayText(monthStart(to)), o.to)}) b where orders > 0`);
  }
  const query = sql<{ r: string }>`
    select concat_ws(',', customer_id, case when min(p) = max(p) then 1 else 2 end,
      coalesce(bit_count(int8send(bit_or(1::bigint << p) filter (where p < ${o.recent}::int))), 0)) as r
    from (${sql.join(parts, sql` union all `)}) x
    group by customer_id order by customer_id`;
  const ids: number[] = [];
  const periods: number[] = [];
  const recent: number[] = [];
  await db.transaction().execute(async (trx) => {
    for await (const chunk of trx.getExecutor().stream<{ r: string }>(query.compile(trx), 10_000)) {
      for (const row of chunk.rows) {
        const [id, n, k] = row.r.split(",");
        ids.push(Number(id));
        periods.push(Number(n));
        recent.push(Number(k));
      }
    }
  });
  return { ids: Float64Array.from(ids), purchasePeriods: Uint32Array.from(periods), recentPeriods: Uint32Array.from(recent) };
}

/**
 * Per customer with a line in the window (inclusive dates), sorted by id: net sales and
 * contribution margin in micro-units, by the definitions of customerValues but without the
 * history to date: the window before, for the profitable groups' trend. Whole months from
 * customer_month_aggregates, cut months from their order lines.
 */
export async function windowNet(db: Kysely<Database>, w: { from: string; to: string }): Promise<{ ids: Float64Array; netSales: BigInt64Array; margin: BigInt64Array }> {
  const from = dayNumber(w.from);
  const to = dayNumber(w.to);
  const first = monthStart(from) === from ? from : nextMonthStart(from);
  const last = nextMonthStart(to) === to + 1 ? monthStart(to) : monthStart(monthStart(to) - 1);
  const cols = sql`customer_id, sales - returns as net, costed_net_sales - cost as margin`;
  const parts = [];
  if (first <= last) parts.push(sql`select ${cols} from customer_month_aggregates where month between ${dayText(first)}::date and ${dayText(last)}::date`);
  // The days before the first whole month, and after the last (or the whole window, inside one month).
  const cuts: Array<[number, number]> = first <= last ? [[from, first - 1], [nextMonthStart(last), to]] : [[from, to]];
  for (const [a, b] of cuts) {
    if (a <= b) parts.push(sql`select ${cols} from (${aggregatesOfLinesBetween(dayText(a), dayText(b))}) l`);
  }
  const query = sql<{ r: string }>`
    select concat_ws(',', customer_id, (round(sum(net), 6) * 1000000)::bigint, (round(sum(margin), 6) * 1000000)::bigint) as r
    from (${sql.join(parts, sql` union all `)}) x group by customer_id order by customer_id`;
  const ids: number[] = [];
  const net: bigint[] = [];
  const margin: bigint[] = [];
  await db.transaction().execute(async (trx) => {
    for await (const chunk of trx.getExecutor().stream<{ r: string }>(query.compile(trx), 10_000)) {
      for (const row of chunk.rows) {
        const [id, n, m] = row.r.split(",");
        ids.push(Number(id));
        net.push(BigInt(n!));
        margin.push(BigInt(m!));
      }
    }
  });
  return { ids: Float64Array.from(ids), netSales: BigInt64Array.from(net), margin: BigInt64Array.from(margin) };
}

/**
 * Archive customers (neither merged away nor erased) without a sale by `to`: the loyalty
 * ladder's first rung. The archive as it stands: a customer record carries no date of entry
 * in business time (created_at is when it was imported), so a customer whose first sale came
 * after `to` counts as potential on `to`, as they were. Sorted ids.
 */
export async function customersWithoutSale(db: Kysely<Database>, o: { to: string }): Promise<Float64Array> {
  const rows = await sql<{ id: number }>`
    select c.customer_id::float8 as id from customers c
    where c.merged_into is null and c.erased_at is null
      and not exists (select 1 from customer_aggregates a where a.customer_id = c.customer_id and a.first_purchase <= ${o.to}::date)
    order by c.customer_id`.execute(db);
  return Float64Array.from(rows.rows, (r) => Number(r.id));
}

/**
 * Each customer's estimated yearly budget for what the business sells, where one is
 * recorded (profile group "value", field "annual_budget", in the base currency): the
 * denominator of share of wallet. Micro-units; a non-numeric or negative entry is ignored.
 */
export async function walletBudgets(db: Kysely<Database>, customerIds?: readonly number[]): Promise<Map<number, bigint>> {
  const rows = await sql<{ id: number; budget: string }>`
    select customer_id::float8 as id, (round((profile->'value'->>'annual_budget')::numeric, 6) * 1000000)::bigint::text as budget
    from customers
    where merged_into is null and erased_at is null
      and jsonb_typeof(profile->'value'->'annual_budget') in ('number', 'string')
      and (profile->'value'->>'annual_budget') ~ '^[0-9]{1,15}([.][0-9]+)?$'
      ${customerIds ? sql`and customer_id = any(${[...customerIds]}::bigint[])` : sql``}`.execute(db);
  return new Map(rows.rows.map((r) => [Number(r.id), BigInt(r.budget)]));
}

/** Interactions and complaints per customer between two dates (inclusive, business time zone): what serving them took. */
export async function serviceCounts(
  db: Kysely<Database>,
  o: { from: string; to: string; timezone: string; customerIds?: readonly number[] },
): Promise<Map<number, { interactions: number; complaints: number }>> {
  const start = sql`(${o.from}::date::timestamp at time zone ${o.timezone})`;
  const end = sql`(${dayText(dayNumber(o.to) + 1)}::date::timestamp at time zone ${o.timezone})`;
  const only = (col: string) => (o.customerIds ? sql`and ${sql.ref(col)} = any(${[...o.customerIds]}::bigint[])` : sql``);
  const rows = await sql<{ id: number; interactions: number; complaints: number }>`
    select id, sum(i)::int as interactions, sum(c)::int as complaints from (
      select customer_id::float8 as id, 1 as i, 0 as c from interactions where occurred_at >= ${start} and occurred_at < ${end} ${only("customer_id")}
      union all
      select customer_id::float8 as id, 0 as i, 1 as c from complaints where opened_at >= ${start} and opened_at < ${end} ${only("customer_id")}
    ) x group by id`.execute(db);
  return new Map(rows.rows.map((r) => [Number(r.id), { interactions: r.interactions, complaints: r.complaints }]));
}

/**
 * For every id of `target` (sorted ascending), the position of the same id in `source`
 * (sorted ascending), or −1: a merge join of two id columns.
 */
export function alignIds(target: Float64Array, source: Float64Array): Int32Array {
  const at = new Int32Array(target.length).fill(-1);
  let j = 0;
  for (let i = 0; i < target.length; i++) {
    while (j < source.length && source[j]! < target[i]!) j++;
    if (j < source.length && source[j] === target[i]) at[i] = j;
  }
  return at;
}

// ---------------------------------------------------------------------------------------
// Snapshots

export type CustomerSegmentRow = Omit<CustomerSegmentsTable, "as_of">;

const SEGMENT_COLUMNS = [
  "customer_id", "as_of", "net_sales", "margin", "decile", "tier", "customer_type", "profit_group", "loyalty", "ladder", "rfm_r", "rfm_f", "rfm_m", "rfm_segment",
] as const;

/**
 * Saves a snapshot: replaces any earlier one of the same date, in one transaction, so a
 * failed save leaves the previous state and saving a date twice does not duplicate it.
 */
export async function saveSnapshot(
  db: Kysely<Database>,
  header: { asOf: string; windowFrom: string; measure: "sales" | "margin"; rules: Record<string, unknown>; createdBy: number | null },
  rows: Iterable<CustomerSegmentRow>,
): Promise<{ customers: number }> {
  return db.transaction().execute(async (trx) => {
    await trx.deleteFrom("customer_segments").where("as_of", "=", header.asOf).execute();
    await trx.deleteFrom("segment_snapshots").where("as_of", "=", header.asOf).execute();
    let batch: CopyRow[] = [];
    let customers = 0;
    const flush = async () => {
      await copyInto(trx, "customer_segments", SEGMENT_COLUMNS, batch);
      batch = [];
    };
    for (const r of rows) {
      batch.push([r.customer_id, header.asOf, r.net_sales, r.margin, r.decile, r.tier, r.customer_type, r.profit_group, r.loyalty, r.ladder, r.rfm_r, r.rfm_f, r.rfm_m, r.rfm_segment]);
      customers++;
      if (batch.length >= 20_000) await flush();
    }
    await flush();
    await trx
      .insertInto("segment_snapshots")
      .values({ as_of: header.asOf, window_from: header.windowFrom, measure: header.measure, rules: JSON.stringify(header.rules), customers, created_by: header.createdBy })
      .execute();
    return { customers };
  });
}

export async function listSnapshots(db: Kysely<Database>) {
  return db.selectFrom("segment_snapshots").selectAll().orderBy("as_of", "desc").execute();
}

/** The segment columns a list can filter on, and their values. */
export const SEGMENT_SCHEMES = {
  tier: "tier",
  decile: "decile",
  type: "customer_type",
  profitGroup: "profit_group",
  loyalty: "loyalty",
  ladder: "ladder",
  rfm: "rfm_segment",
} as const;
export type SegmentScheme = keyof typeof SEGMENT_SCHEMES;

/**
 * The members of one segment on a snapshot's date, by customer id, a page at a time after
 * `after` (keyset): their names and figures on that date.
 */
export async function segmentMembers(
  db: Kysely<Database>,
  o: { asOf: string; scheme: SegmentScheme; segment: string; after?: number; limit: number; ownerId?: number },
) {
  const col = SEGMENT_SCHEMES[o.scheme];
  let q = db
    .selectFrom("customer_segments as s")
    .innerJoin("customers as c", "c.customer_id", "s.customer_id")
    .select([
      "s.customer_id", "c.name", "c.external_id", "c.kind", "c.state", "c.owner_id", "s.net_sales", "s.margin", "s.decile", "s.tier", "s.customer_type",
      "s.profit_group", "s.loyalty", "s.ladder", "s.rfm_r", "s.rfm_f", "s.rfm_m", "s.rfm_segment",
    ])
    .where("s.as_of", "=", o.asOf)
    .where(col === "decile" ? sql<boolean>`s.decile = ${Number(o.segment)}` : sql<boolean>`${sql.ref(`s.${col}`)} = ${o.segment}`)
    .where("c.merged_into", "is", null)
    .orderBy("s.customer_id")
    .limit(o.limit);
  if (o.after !== undefined) q = q.where("s.customer_id", ">", o.after);
  if (o.ownerId !== undefined) q = q.where("c.owner_id", "=", o.ownerId);
  return q.execute();
}

/**
 * A snapshot's segments by scheme: each segment's customers, net sales and margin, and the
 * RFM grid's cells (R × F). Read from the snapshot, so they match its member lists.
 */
export async function snapshotSummary(db: Kysely<Database>, asOf: string) {
  // The customers the member lists show: a customer merged away since the snapshot is left out of both.
  const current = sql`current_rows as (select s.* from customer_segments s join customers c on c.customer_id = s.customer_id
    where s.as_of = ${asOf}::date and c.merged_into is null)`;
  const groups = await sql<{ scheme: SegmentScheme; segment: string; customers: number; net_sales: string; margin: string }>`
    with ${current}
    select scheme, segment, count(*)::int as customers, sum(net_sales)::text as net_sales, sum(margin)::text as margin from (
      ${sql.join(
        Object.entries(SEGMENT_SCHEMES).map(([scheme, col]) => sql`select ${scheme}::text as scheme, ${sql.ref(col)}::text as segment, net_sales, margin from current_rows where ${sql.ref(col)} is not null`),
        sql` union all `,
      )}
    ) x group by scheme, segment order by scheme, segment`.execute(db);
  const grid = await sql<{ r: number; f: number; customers: number; net_sales: string }>`
    with ${current}
    select rfm_r as r, rfm_f as f, count(*)::int as customers, sum(net_sales)::text as net_sales
    from current_rows where rfm_r is not null group by rfm_r, rfm_f order by rfm_r, rfm_f`.execute(db);
  return { groups: groups.rows, grid: grid.rows };
}

/** One customer's segments on every snapshot date, newest first. */
export async function customerSegmentHistory(db: Kysely<Database>, customerId: number) {
  return db.selectFrom("customer_segments").selectAll().where("customer_id", "=", customerId).orderBy("as_of", "desc").execute();
}
