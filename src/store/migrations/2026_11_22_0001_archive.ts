import { sql, type Kysely } from "kysely";

/**
 * The customer archive, orders and their aggregates.
 *
 * Every customer-scoped table carries `customer_id` first in its primary key and in every
 * unique key, so the schema can be distributed by customer (Citus). Tables that are not
 * customer-scoped (users, products, fx rates, the identity lookup, import runs) would be
 * reference tables there. Money is `numeric`: sums never round.
 */
const statements = [
  `create table settings (
     key text primary key,
     value jsonb not null,
     updated_at timestamptz not null default now()
   )`,
  `create table users (
     user_id bigserial primary key,
     email text not null unique,
     name text not null,
     role text not null default 'agent' check (role in ('admin','manager','agent','analyst')),
     team text,
     created_at timestamptz not null default now()
   )`,
  `create table customers (
     customer_id bigserial primary key,
     kind text not null default 'individual' check (kind in ('individual','enterprise')),
     name text,
     external_id text,
     email text,
     phone text,
     state text not null default 'current'
       check (state in ('potential','target','current','churned','non_customer')),
     owner_id bigint references users(user_id),
     tags text[] not null default '{}',
     profile jsonb not null default '{}',
     field_sources jsonb not null default '{}',
     custom jsonb not null default '{}',
     source_channel text,
     referred_by bigint,
     merged_into bigint,
     version integer not null default 1,
     created_at timestamptz not null default now(),
     updated_at timestamptz not null default now()
   )`,
  `create index customers_email_idx on customers (lower(email)) where email is not null`,
  `create index customers_phone_idx on customers (phone) where phone is not null`,
  `create index customers_name_idx on customers (name)`,
  `create index customers_owner_idx on customers (owner_id)`,
  // A lookup from a source's own customer id to ours. Keyed by the external id, not by
  // customer: under Citus it is distributed by external_id (or kept as a reference table).
  `create table customer_identities (
     source text not null,
     external_id text not null,
     customer_id bigint not null,
     created_at timestamptz not null default now(),
     primary key (source, external_id)
   )`,
  `create index customer_identities_customer_idx on customer_identities (customer_id)`,
  `create table customer_state_changes (
     customer_id bigint not null,
     change_id bigserial,
     from_state text,
     to_state text not null,
     changed_at timestamptz not null default now(),
     reason text,
     user_id bigint,
     primary key (customer_id, change_id)
   )`,
  `create table customer_key_dates (
     customer_id bigint not null,
     key_date_id bigserial,
     kind text not null check (kind in ('birthday','wedding','company_anniversary','other')),
     label text,
     calendar text not null default 'gregorian' check (calendar in ('gregorian','lunar')),
     year integer,
     month integer not null check (month between 1 and 12),
     day integer not null check (day between 1 and 31),
     leap_month boolean not null default false,
     primary key (customer_id, key_date_id)
   )`,
  `create table customer_contacts (
     customer_id bigint not null,
     contact_id bigserial,
     name text not null,
     title text,
     phone text,
     email text,
     is_decision_maker boolean not null default false,
     notes text,
     primary key (customer_id, contact_id)
   )`,
  `create table customer_merges (
     customer_id bigint not null,
     merge_id bigserial,
     merged_customer_id bigint not null,
     merged_at timestamptz not null default now(),
     user_id bigint,
     snapshot jsonb not null,
     primary key (customer_id, merge_id)
   )`,
  `create table products (
     product_id bigserial primary key,
     sku text not null unique,
     name text,
     category text,
     list_price numeric,
     unit_cost numeric,
     replacement_days integer,
     updated_at timestamptz not null default now()
   )`,
  `create table fx_rates (
     currency char(3) not null,
     valid_from date not null,
     rate numeric not null check (rate > 0),
     primary key (currency, valid_from)
   )`,
  `create table import_runs (
     import_id bigserial primary key,
     kind text not null,
     file_name text not null,
     file_sha256 text,
     preset text,
     source text not null,
     status text not null default 'running' check (status in ('running','done','failed','dry_run')),
     started_at timestamptz not null default now(),
     finished_at timestamptz,
     rows_read integer not null default 0,
     landed integer not null default 0,
     updated integer not null default 0,
     unchanged integer not null default 0,
     rejected integer not null default 0,
     options jsonb not null default '{}',
     error text
   )`,
  `create table orders (
     customer_id bigint not null,
     order_id bigserial,
     order_no text not null,
     ordered_at timestamptz not null,
     order_date date not null,
     channel text,
     currency char(3) not null,
     fx_rate numeric not null,
     status text,
     import_id bigint,
     primary key (customer_id, order_id),
     unique (customer_id, order_no)
   )`,
  `create table order_lines (
     customer_id bigint not null,
     order_id bigint not null,
     line_no integer not null,
     order_date date not null,
     product_id bigint,
     sku text,
     description text,
     category text,
     quantity numeric not null,
     unit_price numeric,
     discount numeric not null default 0,
     unit_cost numeric,
     amount numeric not null,
     base_amount numeric not null,
     base_discount numeric not null,
     base_cost numeric,
     is_return boolean not null default false,
     primary key (customer_id, order_id, line_no)
   )`,
  // No (customer_id, order_date) index: the primary key's customer_id prefix serves the
  // per-customer reads, and every extra index slows the import.
  `create table interactions (
     customer_id bigint not null,
     interaction_id bigserial,
     occurred_at timestamptz not null,
     channel text not null,
     direction text not null default 'outbound' check (direction in ('inbound','outbound')),
     purpose text,
     outcome text,
     notes text,
     user_id bigint,
     external_ref text not null,
     import_id bigint,
     primary key (customer_id, interaction_id),
     unique (customer_id, external_ref)
   )`,
  `create index interactions_customer_time_idx on interactions (customer_id, occurred_at)`,
  `create table complaints (
     customer_id bigint not null,
     complaint_id bigserial,
     opened_at timestamptz not null,
     channel text not null,
     category text,
     severity text not null default 'normal' check (severity in ('low','normal','high','critical')),
     description text,
     order_id bigint,
     status text not null default 'open' check (status in ('open','resolved','closed')),
     resolved_at timestamptz,
     external_ref text not null,
     primary key (customer_id, complaint_id),
     unique (customer_id, external_ref)
   )`,
  // Aggregates kept current by the import transaction (see store/aggregates.ts).
  `create table customer_month_aggregates (
     customer_id bigint not null,
     month date not null,
     orders integer not null,
     purchase_days integer not null,
     lines integer not null,
     items numeric not null,
     gross numeric not null,
     discount numeric not null,
     sales numeric not null,
     returns numeric not null,
     returned_items numeric not null,
     cost numeric not null,
     costed_net_sales numeric not null,
     first_purchase date,
     last_purchase date,
     primary key (customer_id, month)
   )`,
  `create table customer_aggregates (
     customer_id bigint primary key,
     orders integer not null,
     purchase_days integer not null,
     lines integer not null,
     items numeric not null,
     gross numeric not null,
     discount numeric not null,
     sales numeric not null,
     returns numeric not null,
     returned_items numeric not null,
     cost numeric not null,
     costed_net_sales numeric not null,
     first_purchase date,
     last_purchase date,
     updated_at timestamptz not null default now()
   )`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const s of statements) await sql.raw(s).execute(db);
}
