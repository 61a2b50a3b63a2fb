import { sql, type Kysely } from "kysely";

/**
 * Acting on the analyses (DOMAIN §5, §8): consent per channel, tasks on the staff's agenda,
 * tiered contact plans, campaigns with their members (contacted or held out), prospects'
 * details and the community plan's suggestions.
 *
 * Customer-scoped tables lead their keys with customer_id (Citus); a task or a campaign
 * member is found again by its natural key (`task_key`, the campaign) so a plan, a journey
 * or a campaign run twice adds nothing.
 */
export async function up(db: Kysely<any>): Promise<void> {
  // What the customer agreed to be contacted by, per channel; no row = never asked.
  await sql`create table contact_consents (
    customer_id bigint not null,
    channel text not null,
    status text not null check (status in ('granted', 'withdrawn')),
    source text not null,
    changed_at timestamptz not null default now(),
    primary key (customer_id, channel)
  )`.execute(db);

  await sql`create table tasks (
    customer_id bigint not null,
    task_id bigserial,
    task_key text,
    kind text not null,
    title text not null,
    notes text,
    due_on date not null,
    owner_id bigint,
    status text not null default 'open' check (status in ('open', 'done', 'cancelled')),
    source_type text not null,
    source_id bigint,
    outcome text,
    created_at timestamptz not null default now(),
    created_by bigint,
    done_at timestamptz,
    done_by bigint,
    primary key (customer_id, task_id)
  )`.execute(db);
  await sql`create unique index tasks_key_idx on tasks (customer_id, task_key) where task_key is not null`.execute(db);
  await sql`create index tasks_agenda_idx on tasks (owner_id, status, due_on)`.execute(db);
  await sql`create index tasks_source_idx on tasks (source_type, source_id)`.execute(db);

  await sql`create table contact_plans (
    plan_id bigserial primary key,
    name text not null,
    quarter_start date not null,
    budget numeric(20, 6) not null,
    tiers jsonb not null,
    caps jsonb not null,
    status text not null default 'draft' check (status in ('draft', 'generated', 'archived')),
    generated_at timestamptz,
    created_by bigint,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
  )`.execute(db);

  await sql`create table campaigns (
    campaign_id bigserial primary key,
    name text not null,
    kind text not null check (kind in ('winback', 'plan', 'adhoc')),
    channel text not null,
    subject text,
    body text not null,
    audience jsonb not null,
    holdout_share numeric(7, 6) not null,
    seed integer not null,
    cost numeric(20, 6) not null default 0,
    cost_per_contact numeric(20, 6) not null default 0,
    measure_days integer not null default 90,
    plan_id bigint,
    status text not null default 'draft' check (status in ('draft', 'running', 'done', 'cancelled')),
    started_at timestamptz,
    start_day date,
    created_by bigint,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
  )`.execute(db);
  await sql`create table campaign_members (
    customer_id bigint not null,
    campaign_id bigint not null,
    stratum text not null,
    control boolean not null,
    status text not null default 'pending' check (status in ('pending', 'queued', 'sent', 'held', 'skipped', 'failed', 'control')),
    reason text,
    assigned_at timestamptz not null default now(),
    primary key (customer_id, campaign_id)
  )`.execute(db);
  await sql`create index campaign_members_campaign_idx on campaign_members (campaign_id, control)`.execute(db);

  // A prospect (state potential/target) is a customer row; this holds what only prospects have.
  await sql`create table prospect_details (
    customer_id bigint primary key,
    lead_source text,
    signals text[] not null default '{}',
    persuasion_type text,
    persuasion_note text,
    look_alike numeric(7, 6),
    look_alike_at timestamptz,
    converted_at timestamptz,
    updated_at timestamptz not null default now()
  )`.execute(db);

  // The community plan (共同体计划): customers' suggestions, decided on and rewarded.
  await sql`create table suggestions (
    customer_id bigint not null,
    suggestion_id bigserial,
    received_at timestamptz not null default now(),
    channel text not null,
    text text not null,
    status text not null default 'new' check (status in ('new', 'accepted', 'implemented', 'declined')),
    reward_points integer,
    reward_note text,
    decided_by bigint,
    decided_at timestamptz,
    created_by bigint,
    primary key (customer_id, suggestion_id)
  )`.execute(db);
}

