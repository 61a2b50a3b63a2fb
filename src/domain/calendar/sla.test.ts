import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { businessMsBetween, type Pause } from "./business-clock.ts";
import { slaState, type SlaClock } from "./sla.ts";
import { instantAt, mainlandChinaCalendar } from "./working-calendar.ts";

const cal = mainlandChinaCalendar();
const at = (day: string, time: string): number => instantAt(cal, day, time);
const MIN = 60_000;
const DAY_MS = 86_400_000;

describe("an 8-hour SLA opened Monday 2026-06-01 10:00 (due Tuesday 10:00, warning at 80%)", () => {
  const clock: SlaClock = { start: at("2026-06-01", "10:00"), targetMinutes: 480 };

  it("runs, warns from 384 minutes, is on time at the due instant and breached after it", () => {
    expect(slaState(cal, clock, at("2026-06-01", "11:00"))).toMatchObject({ state: "running", elapsedMinutes: 60, remainingMinutes: 420, pausedMinutes: 0, dueAt: at("2026-06-02", "10:00"), warnAt: at("2026-06-01", "17:24") });
    expect(slaState(cal, clock, at("2026-06-01", "17:23")).state).toBe("running");
    expect(slaState(cal, clock, at("2026-06-01", "17:24")).state).toBe("warning");
    expect(slaState(cal, clock, at("2026-06-02", "10:00"))).toMatchObject({ state: "warning", remainingMinutes: 0 });
    expect(slaState(cal, clock, at("2026-06-02", "10:01"))).toMatchObject({ state: "breached", elapsedMinutes: 481, remainingMinutes: -1 });
  });

  it("pauses while waiting for the customer, with no due time until the customer answers", () => {
    const waiting: SlaClock = { ...clock, pauses: [{ from: at("2026-06-01", "11:00") }] };
    expect(slaState(cal, waiting, at("2026-06-01", "15:00"))).toMatchObject({ state: "paused", elapsedMinutes: 60, pausedMinutes: 180, dueAt: null, warnAt: null });
  });

  it("moves the due time by the paused working minutes once the customer answers", () => {
    const answered: SlaClock = { ...clock, pauses: [{ from: at("2026-06-01", "11:00"), to: at("2026-06-01", "15:00") }] };
    // 180 working minutes paused (11–12, 13–15): Tuesday 10:00 becomes Tuesday 14:00.
    expect(slaState(cal, answered, at("2026-06-01", "15:00"))).toMatchObject({ state: "running", elapsedMinutes: 60, pausedMinutes: 180, dueAt: at("2026-06-02", "14:00") });
    expect(slaState(cal, answered, at("2026-06-02", "13:59")).state).toBe("warning");
    expect(slaState(cal, answered, at("2026-06-02", "14:01")).state).toBe("breached");
  });

  it("stays breached when a pause starts after the due time", () => {
    const late: SlaClock = { ...clock, pauses: [{ from: at("2026-06-02", "11:00") }] };
    expect(slaState(cal, late, at("2026-06-02", "15:00"))).toMatchObject({ state: "breached", dueAt: at("2026-06-02", "10:00") });
  });

  it("is met when stopped by the due time and missed after, whatever now is", () => {
    const later = at("2026-07-01", "10:00");
    expect(slaState(cal, { ...clock, stoppedAt: at("2026-06-02", "10:00") }, later)).toMatchObject({ state: "met", elapsedMinutes: 480, remainingMinutes: 0 });
    expect(slaState(cal, { ...clock, stoppedAt: at("2026-06-02", "10:01") }, later)).toMatchObject({ state: "missed", elapsedMinutes: 481 });
  });

  it("closes a wait still open when the case is resolved", () => {
    const resolvedWhileWaiting: SlaClock = { ...clock, pauses: [{ from: at("2026-06-01", "11:00"), to: null }], stoppedAt: at("2026-06-01", "15:00") };
    expect(slaState(cal, resolvedWhileWaiting, at("2026-06-03", "09:00"))).toMatchObject({ state: "met", elapsedMinutes: 60, pausedMinutes: 180, dueAt: at("2026-06-02", "14:00") });
  });
});

describe("the edges of the SLA clock", () => {
  it("is breached once past a Friday 18:00 due time, though no business minute has passed since", () => {
    const clock: SlaClock = { start: at("2026-06-05", "10:00"), targetMinutes: 420 };
    expect(slaState(cal, clock, at("2026-06-06", "10:00"))).toMatchObject({ state: "breached", elapsedMinutes: 420, remainingMinutes: 0, dueAt: at("2026-06-05", "18:00") });
    expect(slaState(cal, { ...clock, stoppedAt: at("2026-06-06", "10:00") }, at("2026-06-06", "10:00")).state).toBe("missed");
    expect(slaState(cal, { ...clock, stoppedAt: at("2026-06-05", "18:00") }, at("2026-06-06", "10:00")).state).toBe("met");
  });

  it("rounds a warning share to the ms, not down to a float below it", () => {
    const s = slaState(cal, { start: at("2026-06-01", "09:00"), targetMinutes: 45, warnAtFraction: 0.7 }, at("2026-06-01", "09:00"));
    expect(s.warnAt).toBe(at("2026-06-01", "09:31") + 30_000);
  });

  it("names the years without holiday data that the clock runs into", () => {
    const s = slaState(cal, { start: at("2026-12-30", "10:00"), targetMinutes: 3 * 480 }, at("2026-12-30", "11:00"));
    expect(s.dueAt).toBe(at("2027-01-04", "10:00"));
    expect(s.missingHolidayYears).toEqual([2027]);
    expect(slaState(cal, { start: at("2026-06-01", "10:00"), targetMinutes: 480 }, at("2026-06-01", "11:00")).missingHolidayYears).toEqual([]);
  });

  it("rejects a clock stopped before it started, a share outside 0..1 and a negative target", () => {
    const start = at("2026-06-01", "10:00");
    expect(() => slaState(cal, { start, targetMinutes: 60, stoppedAt: start - 1 }, start)).toThrow(/before it started/);
    expect(() => slaState(cal, { start, targetMinutes: 60, warnAtFraction: 1.5 }, start)).toThrow(RangeError);
    expect(() => slaState(cal, { start, targetMinutes: -1 }, start)).toThrow(RangeError);
  });
});

const T0 = Date.parse("2025-12-31T16:00:00Z");
const instant = fc.integer({ min: T0, max: T0 + 200 * DAY_MS });
const pauseAfter = (start: number) =>
  fc.record({ offset: fc.integer({ min: -DAY_MS, max: 20 * DAY_MS }), length: fc.integer({ min: 0, max: 4 * DAY_MS }), open: fc.boolean() }).map(({ offset, length, open }): Pause => (open ? { from: start + offset } : { from: start + offset, to: start + offset + length }));
const scenario = instant.chain((start) =>
  fc.record({
    start: fc.constant(start),
    targetMinutes: fc.integer({ min: 0, max: 5 * 480 }),
    warnAtFraction: fc.double({ min: 0, max: 1, noNaN: true }),
    pauses: fc.array(pauseAfter(start), { maxLength: 3 }),
    stoppedAt: fc.option(fc.integer({ min: start, max: start + 20 * DAY_MS }), { nil: undefined }),
    now: fc.integer({ min: start - DAY_MS, max: start + 25 * DAY_MS }),
  }),
);

describe("SLA state machine properties", () => {
  it("holds its invariants for any clock, pauses, stop and now", () => {
    fc.assert(
      fc.property(scenario, ({ now, ...clock }) => {
        const s = slaState(cal, clock, now);
        const stopped = clock.stoppedAt !== undefined;
        const end = clock.stoppedAt ?? now;
        const pauses = clock.pauses.map((p) => (stopped && p.to == null ? { from: p.from, to: Math.max(p.from, end) } : p));
        const elapsedMs = businessMsBetween(cal, clock.start, end, pauses);
        const targetMs = clock.targetMinutes * MIN;
        expect(s.remainingMinutes).toBe(clock.targetMinutes - s.elapsedMinutes);
        expect(s.elapsedMinutes + s.pausedMinutes).toBeLessThanOrEqual(Math.floor(businessMsBetween(cal, clock.start, end) / MIN));
        if (s.dueAt !== null) expect(businessMsBetween(cal, clock.start, s.dueAt, pauses)).toBe(targetMs);
        if (stopped) {
          expect(["met", "missed"]).toContain(s.state);
          expect(s.dueAt).not.toBeNull();
          expect(s.state === "met").toBe(end <= (s.dueAt ?? -Infinity));
          if (elapsedMs > targetMs) expect(s.state).toBe("missed");
          if (s.state === "missed") expect(elapsedMs).toBeGreaterThanOrEqual(targetMs);
          return;
        }
        expect(s.state === "breached").toBe(s.dueAt !== null && now > s.dueAt);
        if (elapsedMs > targetMs) expect(s.state).toBe("breached");
        if (s.state === "breached") expect(s.elapsedMinutes).toBeGreaterThanOrEqual(clock.targetMinutes);
        const held = pauses.some((p) => p.from <= now && now < (p.to ?? Infinity));
        if (s.state === "paused") expect(held).toBe(true);
        if (s.state === "warning" || s.state === "running") expect(held).toBe(false);
        const warnMs = Math.round(targetMs * clock.warnAtFraction);
        if (s.state === "warning") expect(elapsedMs).toBeGreaterThanOrEqual(warnMs);
        // Before the start nothing has elapsed, and a share of 0 is reached only at the start.
        if (s.state === "running" && now >= clock.start) expect(elapsedMs).toBeLessThan(warnMs);
        if (s.state === "running" || s.state === "warning") expect(s.state === "warning").toBe(s.warnAt !== null && now >= s.warnAt);
      }),
      { numRuns: 300 },
    );
  });

  it("only moves forward as time passes: running, then warning, then breached", () => {
    const rank = { running: 0, warning: 1, breached: 2 } as const;
    fc.assert(
      fc.property(scenario, fc.integer({ min: 0, max: 10 * DAY_MS }), ({ now, stoppedAt: _, ...clock }, later) => {
        const closed = { ...clock, pauses: clock.pauses.filter((p) => p.to != null) };
        const a = slaState(cal, closed, now).state;
        const b = slaState(cal, closed, now + later).state;
        if (a === "paused" || b === "paused") return;
        expect(rank[b as keyof typeof rank]).toBeGreaterThanOrEqual(rank[a as keyof typeof rank]);
      }),
    );
  });
});
