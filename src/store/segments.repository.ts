import { sql, type Kysely } from "kysely";
import { dayNumber, dayText, monthStart, nextMonthStart } from "../domain/days.ts";
import { aggregatesOfLinesBetween } from "./aggregates.ts";
import { copyInto, type CopyRow } from "./copy.ts";
import type { CustomerSegmentsTable, Database } from "./schema.ts";

/**
 * What the segmentations read beyond the window's values (docs/value.md, "Segments"), and
 * the saved snapshots of them. Nothing dated after the as-of date is read.
 */

/**
 * The archive's customers (neither merged away nor erased), sorted ids: those without a
 * sale by a date are the loyalty ladder's first rung. As one text field, sorted here: a
 * million ids come in a fraction of the time a million rows (or an anti-join against the
 * aggregates) take. The archive as it stands: a customer record carries no date of entry in
 * business time (created_at is when it was imported), so a customer whose first sale came
 * after the date counts as potential on it, as they were.
 */
export async function archiveCustomerIds(db: Kysely<Database>): Promise<Float64Array> {
  const r = await sql<{ ids: string | null }>`
    select string_agg(customer_id::text, ',') as ids from customers where merged_into is null and erased_at is null`.execute(db);
  const text = r.rows[0]?.ids;
  if (!text) return new Float64Array(0);
  return Float64Array.from(text.split(","), Number).sort();
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
  "customer_id", "as_of", "net_sales", "margin", "decile", "tier", "customer_type", "profit_group", "loyalty", "ladder", "rfm_r", "rfm_f", "rfm_m", "rfm_segment", "rfm8_segment",
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
      batch.push([r.customer_id, header.asOf, r.net_sales, r.margin, r.decile, r.tier, r.customer_type, r.profit_group, r.loyalty, r.ladder, r.rfm_r, r.rfm_f, r.rfm_m, r.rfm_segment, r.rfm8_segment]);
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
  rfm8: "rfm8_segment",
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
      "s.profit_group", "s.loyalty", "s.ladder", "s.rfm_r", "s.rfm_f", "s.rfm_m", "s.rfm_segment", "s.rfm8_segment",
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
