import { sql, type Kysely } from "kysely";
import type { Database } from "../store/schema.ts";

/**
 * The durable job queue (migration 0013): work scheduled in the store, so a restart loses
 * none of it. Written for this project rather than taken from pg-boss, which needs a real
 * PostgreSQL server (its own schema, LISTEN/NOTIFY, several connections) and so cannot run on
 * the embedded PGlite store; this runs on both with one table and plain SQL.
 *
 * - **Enqueue** with an optional key: one job per (queue, key), ever — enqueueing the same
 *   work twice (a retry, two servers) gives back the first job.
 * - **Claim** takes the next due job under a row lock (`for update skip locked`, so two
 *   workers never take the same job) and leases it to the worker for `leaseMs`.
 * - **Complete** or **fail** only as the job's current holder: a worker whose lease ran out
 *   (it hung, or the process died) and whose job was claimed again cannot finish it twice.
 * - A job whose lease ran out is claimed again, with its attempt counted; a failed attempt is
 *   retried after a backoff (30 s, 1 min, 2 min … at most an hour) until `maxAttempts`.
 *
 * Delivery is at least once: a job may run again after a crash between its effect and its
 * completion. Handlers with outside effects (sending a message) record each effect under a
 * unique key in the same transaction as its bookkeeping, so a second run finds it done.
 */
type Db = Kysely<Database>;

export interface Job<P = unknown> {
  jobId: number;
  queue: string;
  key: string | null;
  payload: P;
  runAt: Date;
  attempts: number;
  maxAttempts: number;
  lockedBy: string;
  lockedUntil: Date;
}

export interface EnqueueInput<P> {
  queue: string;
  payload: P;
  /** One job per (queue, key), ever: a second enqueue gives back the first job. */
  key?: string;
  /** When the job may run; default now. */
  runAt?: Date;
  maxAttempts?: number;
}

const QUEUE = /^[a-z][a-z0-9_.-]{0,63}$/;

function check<P>(j: EnqueueInput<P>): void {
  if (!QUEUE.test(j.queue)) throw new RangeError(`queue "${j.queue}": lower-case letters, digits, _ . - (at most 64)`);
  if (j.key !== undefined && (j.key.length === 0 || j.key.length > 500)) throw new RangeError("key: 1 to 500 characters");
  if (j.maxAttempts !== undefined && !(Number.isInteger(j.maxAttempts) && j.maxAttempts >= 1 && j.maxAttempts <= 100)) throw new RangeError("maxAttempts: 1 to 100");
}

/** Adds a job, or finds the one already enqueued under the same key. */
export async function enqueue<P>(db: Db, j: EnqueueInput<P>, now: Date = new Date()): Promise<{ jobId: number; created: boolean }> {
  check(j);
  const r = await sql<{ job_id: number }>`insert into jobs (queue, key, payload, run_at, max_attempts, created_at)
    values (${j.queue}, ${j.key ?? null}, ${JSON.stringify(j.payload)}::jsonb, ${(j.runAt ?? now).toISOString()}::timestamptz, ${j.maxAttempts ?? 5}, ${now.toISOString()}::timestamptz)
    on conflict (queue, key) where key is not null do nothing
    returning job_id::float8 as job_id`.execute(db);
  if (r.rows[0]) return { jobId: r.rows[0].job_id, created: true };
  const found = await sql<{ job_id: number }>`select job_id::float8 as job_id from jobs where queue = ${j.queue} and key = ${j.key!}`.execute(db);
  return { jobId: found.rows[0]!.job_id, created: false };
}

type Row = { job_id: number; queue: string; key: string | null; payload: unknown; run_at: Date; attempts: number; max_attempts: number; locked_by: string; locked_until: Date };
const toJob = <P>(r: Row): Job<P> => ({
  jobId: r.job_id, queue: r.queue, key: r.key, payload: r.payload as P, runAt: new Date(r.run_at), attempts: r.attempts,
  maxAttempts: r.max_attempts, lockedBy: r.locked_by, lockedUntil: new Date(r.locked_until),
});

/**
 * Takes the next due job of a queue (or of any of several) for `worker`: a queued one whose
 * time has come, or a running one whose lease has run out; the oldest first. Null when there
 * is none.
 */
export async function claim<P = unknown>(db: Db, queue: string | readonly string[], worker: string, o: { now?: Date; leaseMs?: number } = {}): Promise<Job<P> | null> {
  const queues = typeof queue === "string" ? [queue] : queue;
  if (!queues.length) return null;
  const now = (o.now ?? new Date()).toISOString();
  const until = new Date(Date.parse(now) + (o.leaseMs ?? 5 * 60_000)).toISOString();
  const r = await sql<Row>`update jobs set state = 'running', attempts = attempts + 1, locked_by = ${worker}, locked_until = ${until}::timestamptz
    where job_id = (
      select job_id from jobs
      where queue in (${sql.join(queues)}) and ((state = 'queued' and run_at <= ${now}::timestamptz) or (state = 'running' and locked_until <= ${now}::timestamptz))
      order by run_at, job_id limit 1
      for update skip locked)
    returning job_id::float8 as job_id, queue, key, payload, run_at, attempts, max_attempts, locked_by, locked_until`.execute(db);
  return r.rows[0] ? toJob<P>(r.rows[0]) : null;
}

/** Marks the job done; false (and nothing changed) when `job`'s holder no longer holds it. */
export async function complete(db: Db, job: Job<unknown>, now: Date = new Date()): Promise<boolean> {
  const r = await sql`update jobs set state = 'done', finished_at = ${now.toISOString()}::timestamptz, locked_by = null, locked_until = null, last_error = null
    where job_id = ${job.jobId} and state = 'running' and locked_by = ${job.lockedBy} and attempts = ${job.attempts}
    returning job_id`.execute(db);
  return r.rows.length === 1;
}

/** The wait before attempt n + 1 after n failed: 30 s doubling, at most an hour. */
export const backoffMs = (attempts: number): number => Math.min(60 * 60_000, 30_000 * 2 ** Math.max(0, attempts - 1));

/**
 * Records a failed attempt: the job waits its backoff and is queued again, or, at its last
 * attempt, fails for good. False when `job`'s holder no longer holds it.
 */
export async function fail(db: Db, job: Job<unknown>, error: string, now: Date = new Date()): Promise<boolean> {
  const last = job.attempts >= job.maxAttempts;
  const retryAt = new Date(now.getTime() + backoffMs(job.attempts)).toISOString();
  const r = await sql`update jobs set
      state = ${last ? "failed" : "queued"}, run_at = ${last ? sql`run_at` : sql`${retryAt}::timestamptz`},
      finished_at = ${last ? sql`${now.toISOString()}::timestamptz` : sql`null`}, locked_by = null, locked_until = null,
      last_error = ${error.slice(0, 2000)}
    where job_id = ${job.jobId} and state = 'running' and locked_by = ${job.lockedBy} and attempts = ${job.attempts}
    returning job_id`.execute(db);
  return r.rows.length === 1;
}

export type Handler = (job: Job<unknown>) => Promise<void>;

/**
 * A worker: polls its queues, runs each claimed job's handler, completes or fails it. One
 * job at a time (the store is one connection when embedded). `drain` runs until no job is
 * due, for tests and for the CLI.
 */
export class Worker {
  #timer: NodeJS.Timeout | null = null;
  #running: Promise<void> | null = null;
  #stopped = true;

  constructor(
    readonly db: Db,
    readonly handlers: Readonly<Record<string, Handler>>,
    readonly o: { id?: string; leaseMs?: number; pollMs?: number; now?: () => Date } = {},
  ) {}

  get id(): string {
    return this.o.id ?? `worker-${process.pid}`;
  }

  /** Claims and runs the oldest due job of any of its queues (one query for all); false when none was due. */
  async runOnce(): Promise<boolean> {
    const job = await claim(this.db, Object.keys(this.handlers), this.id, { now: this.o.now?.(), leaseMs: this.o.leaseMs });
    if (!job) return false;
    try {
      await this.handlers[job.queue]!(job);
      await complete(this.db, job, this.o.now?.());
    } catch (e) {
      await fail(this.db, job, e instanceof Error ? e.message : String(e), this.o.now?.());
    }
    return true;
  }

  /** Runs due jobs until none is left; how many ran. */
  async drain(limit = 10_000): Promise<number> {
    let n = 0;
    while (n < limit && (await this.runOnce())) n++;
    return n;
  }

  /** Polls every `pollMs` (default 5 s) until stopped, running the jobs due each time. */
  start(): void {
    if (!this.#stopped) return;
    this.#stopped = false;
    const tick = () => {
      this.#running = (async () => {
        try {
          while (!this.#stopped && (await this.runOnce()));
        } catch {
          // the store was unreachable: the next tick tries again
        }
      })().finally(() => {
        this.#running = null;
        if (!this.#stopped) this.#timer = setTimeout(tick, this.o.pollMs ?? 5000);
      });
    };
    tick();
  }

  /** Stops polling and waits for the job in hand, if any. */
  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    await this.#running;
  }
}
