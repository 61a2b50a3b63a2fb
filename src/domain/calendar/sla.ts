/**
 * The state of an SLA clock (first response, resolution): how much of its business-hours
 * target has run, when it falls due, and whether it is running, paused, in warning, breached,
 * or stopped in time (met) or late (missed).
 */
import { addBusinessMs, businessMsBetween, type Pause } from "./business-clock.ts";
import { holidayCoverage, type WorkingCalendar } from "./working-calendar.ts";

const MINUTE_MS = 60_000;

export type SlaStatus = "running" | "paused" | "warning" | "breached" | "met" | "missed";

export interface SlaClock {
  /** When the clock started (the complaint was opened), epoch ms. */
  readonly start: number;
  /** The target in business minutes. */
  readonly targetMinutes: number;
  /** Warn once this share of the target has elapsed; default 0.8. */
  readonly warnAtFraction?: number;
  readonly pauses?: readonly Pause[];
  /** When the clock stopped (first response given, or resolved). */
  readonly stoppedAt?: number | null;
}

export interface SlaState {
  readonly state: SlaStatus;
  /** Whole business minutes counted so far (up to stoppedAt when stopped), pauses excluded. */
  readonly elapsedMinutes: number;
  /** targetMinutes − elapsedMinutes; negative when overdue in business time. */
  readonly remainingMinutes: number;
  /** Whole business minutes that fell inside pauses. */
  readonly pausedMinutes: number;
  /** The due instant; null while a pause still going on holds the clock before it. */
  readonly dueAt: number | null;
  /** The instant the warning share is reached; null like dueAt. */
  readonly warnAt: number | null;
  /** Years between start and the due time (or now) whose holidays the calendar does not know. */
  readonly missingHolidayYears: readonly number[];
}

/**
 * The state of an SLA clock at `now`. Stopped: met when stopped by the due time, else
 * missed. Running: breached once now is past the due time (even outside working hours, as the
 * due time shown is a wall-clock instant), then paused, warning from warnAt, else running.
 */
export function slaState(cal: WorkingCalendar, clock: SlaClock, now: number): SlaState {
  const { start, targetMinutes, warnAtFraction = 0.8 } = clock;
  if (!Number.isSafeInteger(now)) throw new RangeError(`now must be an instant in whole epoch milliseconds, not ${now}`);
  if (!Number.isSafeInteger(targetMinutes) || targetMinutes < 0) throw new RangeError(`targetMinutes must be a whole number of minutes ≥ 0, not ${targetMinutes}`);
  if (!(warnAtFraction >= 0 && warnAtFraction <= 1)) throw new RangeError(`warnAtFraction must be within 0..1, not ${warnAtFraction}`);
  const stoppedAt = clock.stoppedAt ?? null;
  if (stoppedAt !== null && stoppedAt < start) throw new RangeError(`the clock stopped (${stoppedAt}) before it started (${start})`);
  const end = stoppedAt ?? now;
  // Once stopped, a pause left open ended when the clock stopped.
  const pauses = (clock.pauses ?? []).map((p) => (stoppedAt !== null && p.to == null ? { from: p.from, to: Math.max(p.from, stoppedAt) } : p));

  const targetMs = targetMinutes * MINUTE_MS;
  // Rounded to the ms: 0.8 × 480 min is exact, 0.7 × 45 min is 1 890 000 ms, not 1 889 999.9…
  const warnMs = Math.round(targetMs * warnAtFraction);
  const elapsedMs = businessMsBetween(cal, start, end, pauses);
  const pausedMs = businessMsBetween(cal, start, end) - elapsedMs;
  const dueAt = addBusinessMs(cal, start, targetMs, pauses);
  const warnAt = addBusinessMs(cal, start, warnMs, pauses);
  const paused = stoppedAt === null && pauses.some((p) => p.from <= now && now < (p.to ?? Infinity));

  let state: SlaStatus;
  if (stoppedAt !== null) state = dueAt !== null && stoppedAt <= dueAt ? "met" : "missed";
  else if (dueAt !== null && now > dueAt) state = "breached";
  else if (paused) state = "paused";
  else if (warnAt !== null && now >= warnAt) state = "warning";
  else state = "running";

  const elapsedMinutes = Math.floor(elapsedMs / MINUTE_MS);
  return {
    state,
    elapsedMinutes,
    remainingMinutes: targetMinutes - elapsedMinutes,
    pausedMinutes: Math.floor(pausedMs / MINUTE_MS),
    dueAt,
    warnAt,
    missingHolidayYears: holidayCoverage(cal, start, Math.max(end, dueAt ?? end)).missingYears,
  };
}
