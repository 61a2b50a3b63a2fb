import { sql, type Kysely } from "kysely";

/**
 * Complaint recovery (DOMAIN §6): the six-step recovery case kept on the complaint as JSON
 * with its version (optimistic concurrency), who handles it, the product and order number
 * named when it was opened; every recovery event in order; and praise for staff. The legacy
 * columns (status, resolved_at) stay the summary other modules read and are kept in sync by
 * the complaints service. Customer-scoped tables have customer_id first in every key (Citus).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table complaints
    add column recovery jsonb,
    add column version integer not null default 0,
    add column handler_id bigint,
    add column product text,
    add column order_no text,
    add column root_cause text,
    add column updated_at timestamptz`.execute(db);
  await sql`create index complaints_opened_idx on complaints (status, opened_at, complaint_id)`.execute(db);
  await sql`create table complaint_events (
    customer_id bigint not null,
    complaint_id bigint not null,
    seq integer not null,
    type text not null,
    event jsonb not null,
    at timestamptz not null,
    actor_id bigint,
    summary text not null,
    recorded_at timestamptz not null default now(),
    primary key (customer_id, complaint_id, seq)
  )`.execute(db);
  await sql`create table praise (
    customer_id bigint not null,
    praise_id bigserial,
    staff_user_id bigint not null,
    channel text not null,
    words text not null,
    at timestamptz not null,
    recorded_by bigint,
    recorded_at timestamptz not null default now(),
    primary key (customer_id, praise_id)
  )`.execute(db);
  await sql`create index praise_staff_idx on praise (staff_user_id, at)`.execute(db);
}
