import { sql, type Kysely } from "kysely";

/**
 * A durable job queue in the store (src/jobs/queue.ts): scheduled work — journeys,
 * reminders, SLA warnings, nightly scoring, campaign sends — survives a restart. A job is
 * claimed with a lease; one whose worker died is claimed again when the lease runs out. An
 * optional key makes enqueueing idempotent: one job per (queue, key), ever. Not
 * customer-scoped: on a distributed store it is a local table of the coordinator.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table jobs (
    job_id bigserial primary key,
    queue text not null,
    key text,
    payload jsonb not null,
    run_at timestamptz not null default now(),
    state text not null default 'queued',
    attempts integer not null default 0,
    max_attempts integer not null default 5,
    locked_by text,
    locked_until timestamptz,
    last_error text,
    created_at timestamptz not null default now(),
    finished_at timestamptz
  )`.execute(db);
  await sql`create unique index jobs_key_idx on jobs (queue, key) where key is not null`.execute(db);
  await sql`create index jobs_due_idx on jobs (queue, state, run_at, job_id)`.execute(db);
}
