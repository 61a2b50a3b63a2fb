import { sql, type Kysely } from "kysely";

/**
 * The outbox of messages to customers (src/messages/outbox.ts): one row per (customer, send
 * key), written before the message leaves, so a message is sent at most once whatever
 * restarts in between. Customer-scoped: customer_id leads the key (Citus).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table message_sends (
    customer_id bigint not null,
    send_key text not null,
    channel text not null,
    to_address text not null,
    subject text,
    status text not null,
    provider_id text,
    error text,
    created_at timestamptz not null default now(),
    sent_at timestamptz,
    primary key (customer_id, send_key)
  )`.execute(db);
  await sql`create index message_sends_status_idx on message_sends (status, created_at)`.execute(db);
}
