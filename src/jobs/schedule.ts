import type { Kysely } from "kysely";
import type { Database } from "../store/schema.ts";
import { getSettings } from "../store/settings.repository.ts";
import { enqueue, type Handler } from "./queue.ts";

/**
 * Work done once a day at a local time in the business's time zone (journeys, reminders, SLA
 * warnings, the nightly scoring), scheduled through the durable queue: each day's run is the
 * job `daily.<name>` keyed by the local day, so a restart, a second server or a second
 * scheduler in the same server finds the day's job already there and never runs it twice.
 * A server that starts after a job's time on a day the job has not run yet runs it then.
 */
type Db = Kysely<Database>;

export interface DailyContext {
  log(line: string): void;
  /** The server's own address, for links in messages when the messaging settings name none. */
  baseUrl?: string;
  /** Starts a prediction run in this server, when it can run one. */
  startModelRun?(): { started: boolean; jobId: string };
}

export interface DailyJob {
  /** Lower-case letters, digits and -: the queue is `daily.<name>`. */
  name: string;
  /** HH:MM in the business's time zone. */
  at: string;
  run(db: Db, localDay: string, ctx: DailyContext): Promise<void>;
}

/** The local day and time of `now` in a time zone: ["YYYY-MM-DD", "HH:MM"]. */
export function localDayAndTime(now: Date, timeZone: string): [string, string] {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23" })
      .formatToParts(now).map((p) => [p.type, p.value]),
  );
  return [`${parts.year}-${parts.month}-${parts.day}`, `${parts.hour}:${parts.minute}`];
}

export const dailyQueue = (name: string): string => `daily.${name}`;

/** Enqueues the run of a daily job for a local day; `created` false when that day's run was already there. */
export async function scheduleDaily(db: Db, name: string, localDay: string, now: Date = new Date()): Promise<{ jobId: number; created: boolean }> {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(localDay)) throw new RangeError(`localDay "${localDay}": YYYY-MM-DD`);
  return enqueue(db, { queue: dailyQueue(name), key: localDay, payload: { day: localDay }, runAt: now, maxAttempts: 3 }, now);
}

/** The worker's handlers of the daily jobs: each runs its job for the day in the payload. */
export function dailyHandlers(db: Db, jobs: readonly DailyJob[], ctx: DailyContext): Record<string, Handler> {
  return Object.fromEntries(jobs.map((j) => [dailyQueue(j.name), async (job) => {
    const { day } = job.payload as { day: string };
    await j.run(db, day, ctx);
  }]));
}

/**
 * Enqueues each daily job once its local time has passed on the current local day; the
 * queue's key does the rest. `tick` is what the timer calls (every minute by default).
 */
export class Scheduler {
  #timer: NodeJS.Timeout | null = null;
  #ticking: Promise<unknown> | null = null;
  /** "name day" of the runs known to be in the queue, so each minute's tick asks the store only about new ones. */
  #queued = new Set<string>();

  constructor(
    readonly db: Db,
    readonly jobs: readonly DailyJob[],
    readonly o: { tickMs?: number; now?: () => Date; log?: (line: string) => void } = {},
  ) {}

  /** Enqueues the jobs due now; the names of those enqueued by this call. */
  async tick(): Promise<string[]> {
    const now = this.o.now?.() ?? new Date();
    const { timezone } = await getSettings(this.db);
    const [day, time] = localDayAndTime(now, timezone);
    const added: string[] = [];
    for (const j of this.jobs) {
      if (time < j.at || this.#queued.has(`${j.name} ${day}`)) continue;
      if ((await scheduleDaily(this.db, j.name, day, now)).created) added.push(j.name);
      this.#queued.add(`${j.name} ${day}`);
    }
    if (this.#queued.size > 10 * this.jobs.length) this.#queued = new Set([...this.#queued].filter((k) => k.endsWith(day)));
    return added;
  }

  start(): void {
    if (this.#timer) return;
    const run = () => {
      this.#ticking = this.tick()
        .then((added) => { for (const n of added) this.o.log?.(`Daily job ${n} queued.`); })
        .catch((e: unknown) => this.o.log?.(`Daily jobs could not be queued: ${(e as Error).message}`));
    };
    run();
    this.#timer = setInterval(run, this.o.tickMs ?? 60_000);
  }

  async stop(): Promise<void> {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
    await this.#ticking;
  }
}
