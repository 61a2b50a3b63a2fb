import type { FastifyInstance } from "fastify";
import { SYSTEM_ACTOR } from "../audit/audit.repository.ts";
import { getSettings } from "../store/settings.repository.ts";

/**
 * The nightly prediction run (docs/prediction.md, "Saved runs"): once a day at a set time in
 * the business's time zone, the server starts a run as the system, as a user could from the
 * Predictions page.
 */

/** HH:MM on a 24-hour clock. */
export const AT = /^([01]\d|2[0-3]):[0-5]\d$/;

/** The local day and time of `now` in a time zone: ["YYYY-MM-DD", "HH:MM"]. */
export function localDayAndTime(now: Date, timeZone: string): [string, string] {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23" })
      .formatToParts(now).map((p) => [p.type, p.value]),
  );
  return [`${parts.year}-${parts.month}-${parts.day}`, `${parts.hour}:${parts.minute}`];
}

/** The local day a run is due on, or null: at or after `at` and not yet run that day. */
export function dueDay(now: Date, at: string, timeZone: string, lastDay: string | null): string | null {
  const [day, time] = localDayAndTime(now, timeZone);
  return time >= at && day !== lastDay ? day : null;
}

/** Checks every half minute; returns the function that stops it. The first day it starts on counts as run when it starts after the time. */
export function scheduleNightly(app: FastifyInstance, at: string, log: (line: string) => void): () => void {
  let lastDay: string | null = null;
  let first = true;
  const tick = async () => {
    const { timezone } = await getSettings(app.db);
    const day = dueDay(new Date(), at, timezone, lastDay);
    if (day === null) {
      first = false;
      return;
    }
    lastDay = day;
    if (first) {
      first = false;
      return; // started after today's time: the first run is tomorrow's
    }
    const { job, started } = app.modelJobs.start({}, { ...SYSTEM_ACTOR, label: "nightly" });
    log(started ? `Nightly prediction run started (job ${job.jobId}).` : "Nightly prediction run skipped: a run is already going.");
  };
  const timer = setInterval(() => void tick().catch((e: unknown) => log(`Nightly prediction run could not start: ${(e as Error).message}`)), 30_000);
  void tick().catch(() => {});
  return () => clearInterval(timer);
}
