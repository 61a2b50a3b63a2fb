import { localDayAndTime } from "../jobs/schedule.ts";

/**
 * The nightly prediction run (docs/prediction.md, "Saved runs"): once a day at a set time in
 * the business's time zone, the server starts a run as the system, as a user could from the
 * Predictions page. It runs as the daily job "scoring" (src/jobs/daily-jobs.ts) through the
 * job queue, so a restart or a second server never starts the same day's run twice.
 */

/** HH:MM on a 24-hour clock. */
export const AT = /^([01]\d|2[0-3]):[0-5]\d$/;

export { localDayAndTime };

/** The local day a run is due on, or null: at or after `at` and not yet run that day. */
export function dueDay(now: Date, at: string, timeZone: string, lastDay: string | null): string | null {
  const [day, time] = localDayAndTime(now, timeZone);
  return time >= at && day !== lastDay ? day : null;
}
