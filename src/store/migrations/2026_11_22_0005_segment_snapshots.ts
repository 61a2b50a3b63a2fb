import { sql, type Kysely } from "kysely";

/**
 * Segment membership saved per customer and as-of date (docs/value.md, "Snapshots"): lists,
 * campaigns and the customer 360 view read it, and the rows of one customer over its dates
 * show how the customer moved. customer_id leads the primary key, as on every
 * customer-scoped table; a second index serves "the members of a segment on a date".
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table segment_snapshots (
    as_of date primary key,
    window_from date not null,
    measure text not null check (measure in ('sales', 'margin')),
    rules jsonb not null,
    customers integer not null,
    created_at timestamptz not null default now(),
    created_by bigint
  )`.execute(db);
  await sql`create table customer_segments (
    customer_id bigint not null,
    as_of date not null,
    net_sales numeric(20, 6) not null,
    margin numeric(20, 6) not null,
    decile smallint,
    tier text,
    customer_type text,
    profit_group text,
    loyalty text,
    ladder text not null,
    rfm_r smallint,
    rfm_f smallint,
    rfm_m smallint,
    rfm_segment text,
    primary key (customer_id, as_of)
  )`.execute(db);
  await sql`create index customer_segments_as_of_idx on customer_segments (as_of, customer_id)`.execute(db);
}
