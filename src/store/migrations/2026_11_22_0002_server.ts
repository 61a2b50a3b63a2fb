import { sql, type Kysely } from "kysely";

/**
 * What the server needs: sign-in (passwords, sessions, personal API tokens), the audit log,
 * saved list views, webhooks with their delivery outbox, and the marks of an erased
 * customer. Also indexes that let the customer list sort and page by its columns.
 */
const statements = [
  `alter table users add column password_hash text`,
  `alter table users add column disabled boolean not null default false`,
  `alter table users add column updated_at timestamptz not null default now()`,
  `create index users_team_idx on users (team) where team is not null`,
  // The session id itself is never stored: only its SHA-256, so a leaked table signs no one in.
  `create table sessions (
     session_hash text primary key,
     user_id bigint not null references users(user_id) on delete cascade,
     csrf_token text not null,
     created_at timestamptz not null default now(),
     last_seen_at timestamptz not null default now(),
     expires_at timestamptz not null,
     user_agent text,
     ip text
   )`,
  `create index sessions_user_idx on sessions (user_id)`,
  `create table api_tokens (
     token_id bigserial primary key,
     user_id bigint not null references users(user_id) on delete cascade,
     name text not null,
     token_hash text not null unique,
     prefix text not null,
     created_at timestamptz not null default now(),
     last_used_at timestamptz,
     expires_at timestamptz,
     revoked_at timestamptz
   )`,
  // Append-only: the trigger below refuses updates and deletes, except the redaction an
  // erasure request performs inside its own transaction (retain.audit_redact = 'on').
  `create table audit_log (
     audit_id bigserial primary key,
     at timestamptz not null default now(),
     user_id bigint,
     actor text not null,
     action text not null,
     entity_type text not null,
     entity_id text,
     customer_id bigint,
     before jsonb,
     after jsonb,
     ip text,
     request_id text
   )`,
  `create index audit_log_customer_idx on audit_log (customer_id, audit_id) where customer_id is not null`,
  `create index audit_log_entity_idx on audit_log (entity_type, entity_id, audit_id)`,
  `create index audit_log_user_idx on audit_log (user_id, audit_id)`,
  `create function audit_log_guard() returns trigger language plpgsql as $$
   begin
     if tg_op = 'UPDATE' and coalesce(current_setting('retain.audit_redact', true), '') = 'on' then
       return new;
     end if;
     raise exception 'the audit log is append-only (% refused)', tg_op using errcode = 'insufficient_privilege';
   end $$`,
  `create trigger audit_log_append_only before update or delete on audit_log
     for each row execute function audit_log_guard()`,
  `create table saved_views (
     view_id bigserial primary key,
     user_id bigint not null references users(user_id) on delete cascade,
     page text not null,
     name text not null,
     query jsonb not null,
     shared boolean not null default false,
     created_at timestamptz not null default now(),
     unique (user_id, page, name)
   )`,
  `create table webhooks (
     webhook_id bigserial primary key,
     url text not null,
     secret text not null,
     events text[] not null,
     active boolean not null default true,
     description text,
     created_at timestamptz not null default now(),
     updated_at timestamptz not null default now()
   )`,
  // The outbox: one row per event and hook, written in the transaction of the change, so an
  // event is sent if and only if its change committed.
  `create table webhook_deliveries (
     delivery_id bigserial primary key,
     webhook_id bigint not null references webhooks(webhook_id) on delete cascade,
     event_id text not null,
     event text not null,
     payload jsonb not null,
     status text not null default 'pending' check (status in ('pending','delivered','failed')),
     attempts integer not null default 0,
     next_attempt_at timestamptz not null default now(),
     last_status integer,
     last_error text,
     created_at timestamptz not null default now(),
     delivered_at timestamptz
   )`,
  `create index webhook_deliveries_due_idx on webhook_deliveries (next_attempt_at) where status = 'pending'`,
  `create index webhook_deliveries_hook_idx on webhook_deliveries (webhook_id, delivery_id)`,
  `alter table customers add column erased_at timestamptz`,
  // The list sorts by these; customer_id breaks ties so keyset pages are stable.
  `create index customers_list_name_idx on customers (name, customer_id) where merged_into is null`,
  `create index customers_list_created_idx on customers (created_at, customer_id) where merged_into is null`,
  `create index customers_state_idx on customers (state, customer_id) where merged_into is null`,
  `create index customers_tags_idx on customers using gin (tags)`,
  `create index customer_aggregates_last_idx on customer_aggregates (last_purchase, customer_id)`,
  `create index customer_aggregates_sales_idx on customer_aggregates ((sales - returns), customer_id)`,
  `create index customer_aggregates_orders_idx on customer_aggregates (orders, customer_id)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const s of statements) await sql.raw(s).execute(db);
}
