import { sql, type Kysely } from "kysely";

/**
 * Membership (docs/membership.md): the programme's settings (one row), each customer's
 * points ledger, level history and current standing. The customer-scoped tables have
 * customer_id first in the primary key and in every unique key (Citus). Ledger entries
 * derived from orders are keyed by what they come from (earn:ORDER, return:RETURN:ORDER,
 * expire:DAY), so re-applying the programme replaces them and can never double them;
 * redemptions and adjustments are keyed by an id given when they are recorded.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table membership_programme (
    programme_id smallint primary key default 1 check (programme_id = 1),
    settings jsonb not null,
    updated_at timestamptz not null default now(),
    updated_by bigint
  )`.execute(db);
  await sql`create table membership_ledger (
    customer_id bigint not null,
    entry_key text not null,
    entry_no integer not null,
    kind text not null check (kind in ('earn', 'return', 'redeem', 'adjust', 'expire')),
    points bigint not null,
    balance bigint not null,
    entry_date date not null,
    order_id bigint,
    return_order_id bigint,
    expires_on date,
    level text,
    reason text,
    created_by bigint,
    created_at timestamptz not null default now(),
    primary key (customer_id, entry_key),
    unique (customer_id, entry_no),
    check ((kind in ('redeem', 'adjust')) = (reason is not null))
  )`.execute(db);
  await sql`create index membership_ledger_day_idx on membership_ledger (customer_id, entry_date)`.execute(db);
  await sql`create table membership_level_changes (
    customer_id bigint not null,
    change_no integer not null,
    changed_on date not null,
    from_level text,
    to_level text not null,
    from_name text,
    to_name text not null,
    kind text not null check (kind in ('join', 'upgrade', 'downgrade')),
    value numeric not null,
    primary key (customer_id, change_no)
  )`.execute(db);
  await sql`create table membership_members (
    customer_id bigint primary key,
    level text,
    level_since date,
    next_review date,
    value numeric not null,
    balance bigint not null,
    earned bigint not null,
    returned bigint not null,
    redeemed bigint not null,
    expired bigint not null,
    adjusted bigint not null,
    expiring_points bigint not null,
    expiring_on date,
    as_of date not null,
    applied_at timestamptz not null default now()
  )`.execute(db);
  await sql`create index membership_members_level_idx on membership_members (level, customer_id)`.execute(db);
}
