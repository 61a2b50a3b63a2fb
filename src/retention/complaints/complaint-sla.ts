import { addBusinessMs, slaState, type SlaState, type WorkingCalendar } from "../../domain/calendar/index.ts";
import { firstResponseAt, pausesOf, resolvedAt, type ComplaintCase } from "../../domain/complaints/recovery.ts";
import { calendarOf, slaTarget, type ComplaintSettings, type Severity } from "./complaint-settings.ts";

/**
 * The two SLA clocks of a complaint (first response, resolution) as the API shows them. The
 * working calendar is built once per request (`slaClock`) and shared by every complaint.
 */
export interface SlaView {
  state: SlaState["state"];
  targetMinutes: number;
  elapsedMinutes: number;
  remainingMinutes: number;
  dueAt: string | null;
  warnAt: string | null;
}

export interface SlaViews {
  firstResponse: SlaView;
  resolution: SlaView;
  missingHolidayYears: number[];
}

/** What the clocks of one complaint start from and stop at; instants as ISO strings or Dates. */
export interface ClockInput {
  openedAt: Date;
  severity: Severity;
  /** When the customer first got a response; null while they wait. */
  firstResponseAt: string | Date | null;
  /** When the complaint was closed, whichever way; null while open. */
  closedAt: string | Date | null;
  pauses: ReadonlyArray<{ from: string; to: string | null }>;
  /** For the SLA rules by channel and value tier (complaint-settings.ts, slaTarget). */
  channel?: string | null;
  tier?: string | null;
}

export interface SlaClock {
  readonly cal: WorkingCalendar;
  readonly settings: ComplaintSettings;
  readonly now: number;
  views(c: ClockInput): SlaViews;
  /** Only whether a clock is breached or in warning: the same states as `views`, for counting many complaints. */
  alarm(c: ClockInput): { breached: boolean; warning: boolean };
}

const ms = (v: string | Date): number => (typeof v === "string" ? Date.parse(v) : v.getTime());
const iso = (v: number | null): string | null => (v === null ? null : new Date(v).toISOString());

function view(s: SlaState, targetMinutes: number): SlaView {
  return { state: s.state, targetMinutes, elapsedMinutes: s.elapsedMinutes, remainingMinutes: s.remainingMinutes, dueAt: iso(s.dueAt), warnAt: iso(s.warnAt) };
}

/** The SLA clock of a request: settings and calendar read once, `now` fixed for every complaint. */
export function slaClock(settings: ComplaintSettings, now: Date): SlaClock {
  const cal = calendarOf(settings);
  const nowMs = now.getTime();
  const prepare = (c: ClockInput) => {
    const start = c.openedAt.getTime();
    const pauses = c.pauses.map((p) => ({ from: ms(p.from), to: p.to === null ? null : ms(p.to) }));
    // Imported data may say a complaint was resolved before it was opened: the clock stops at once.
    const stop = (v: string | Date | null): number | null => (v === null ? null : Math.max(start, ms(v)));
    return { start, target: slaTarget(settings, c), pauses, stop };
  };
  // slaState's order of states without its elapsed time, which walks every day since the
  // opening (about 1 ms for a complaint open for years): due and warning instants only.
  const alarmOf = (start: number, minutes: number, stoppedAt: number | null, pauses: ReturnType<typeof prepare>["pauses"]): "breached" | "warning" | null => {
    if (stoppedAt !== null) return null;
    const due = addBusinessMs(cal, start, minutes * 60_000, pauses);
    if (due !== null && nowMs > due) return "breached";
    if (pauses.some((p) => p.from <= nowMs && nowMs < (p.to ?? Infinity))) return null;
    const warnAt = addBusinessMs(cal, start, Math.round(minutes * 60_000 * settings.sla.warnAtFraction), pauses);
    return warnAt !== null && nowMs >= warnAt ? "warning" : null;
  };
  return {
    cal, settings, now: nowMs,
    views(c) {
      const { start, target, pauses, stop } = prepare(c);
      const clock = (targetMinutes: number, stoppedAt: number | null) =>
        slaState(cal, { start, targetMinutes, warnAtFraction: settings.sla.warnAtFraction, pauses, stoppedAt }, nowMs);
      const fr = clock(target.firstResponseMinutes, stop(c.firstResponseAt ?? c.closedAt));
      const res = clock(target.resolutionMinutes, stop(c.closedAt));
      return {
        firstResponse: view(fr, target.firstResponseMinutes),
        resolution: view(res, target.resolutionMinutes),
        missingHolidayYears: [...new Set([...fr.missingHolidayYears, ...res.missingHolidayYears])].sort((a, b) => a - b),
      };
    },
    alarm(c) {
      const { start, target, pauses, stop } = prepare(c);
      const a = [alarmOf(start, target.firstResponseMinutes, stop(c.firstResponseAt ?? c.closedAt), pauses), alarmOf(start, target.resolutionMinutes, stop(c.closedAt), pauses)];
      const breached = a.includes("breached");
      return { breached, warning: !breached && a.includes("warning") };
    },
  };
}

/** The clock input of a recovery case. */
export const caseClock = (c: ComplaintCase, openedAt: Date, severity: Severity): ClockInput => ({
  openedAt, severity, firstResponseAt: firstResponseAt(c), closedAt: resolvedAt(c), pauses: pausesOf(c),
});

/**
 * The clock input of an imported complaint with no recovery history: nothing says when it was
 * first answered, so both clocks stop when it was resolved or closed (at its opening when the
 * import gave no date).
 */
export const legacyClock = (openedAt: Date, severity: Severity, status: string, resolvedAtValue: Date | null): ClockInput => {
  const closedAt = status === "open" ? null : (resolvedAtValue ?? openedAt);
  return { openedAt, severity, firstResponseAt: null, closedAt, pauses: [] };
};

/** Whether either clock is past due while running; in warning when one is and none is breached. */
export const isBreached = (v: SlaViews): boolean => v.firstResponse.state === "breached" || v.resolution.state === "breached";
export const isWarning = (v: SlaViews): boolean => !isBreached(v) && (v.firstResponse.state === "warning" || v.resolution.state === "warning");
