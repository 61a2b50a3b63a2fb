import type { Kysely } from "kysely";
import { EMAIL_QUEUE, emailHandler, type Sender } from "../messages/outbox.ts";
import type { Database } from "../store/schema.ts";
import { dailyJobs } from "./daily-jobs.ts";
import { Worker } from "./queue.ts";
import { dailyHandlers, Scheduler, type DailyContext } from "./schedule.ts";

/**
 * The work `retain serve` does beside answering requests: a worker that sends the queued
 * e-mail and runs the daily jobs, and the scheduler that queues those once a day. Both go
 * through the store's job queue, so several servers on one PostgreSQL store share the work
 * without doing any of it twice.
 */
export interface Background {
  stop(): Promise<void>;
}

export function startBackground(db: Kysely<Database>, o: { sender: Sender; scoreAt?: string; ctx: DailyContext; pollMs?: number }): Background {
  const jobs = dailyJobs({ scoreAt: o.scoreAt });
  const worker = new Worker(db, { [EMAIL_QUEUE]: emailHandler(db, o.sender), ...dailyHandlers(db, jobs, o.ctx) }, { pollMs: o.pollMs });
  const scheduler = new Scheduler(db, jobs, { log: o.ctx.log });
  scheduler.start();
  worker.start();
  return {
    async stop() {
      await scheduler.stop();
      await worker.stop();
    },
  };
}
