import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DEFAULT_COMPLAINT_SETTINGS, SEVERITIES } from "./complaint-settings.ts";
import { isBreached, isWarning, slaClock } from "./complaint-sla.ts";

const DAY = 86_400_000;
const NOW = new Date("2026-04-08T05:30:00Z");

describe("SLA alarms", () => {
  it("agree with the full clock views on breached and warning, pauses and stops included", () => {
    const clock = slaClock(DEFAULT_COMPLAINT_SETTINGS, NOW);
    const instant = fc.integer({ min: NOW.getTime() - 20 * DAY, max: NOW.getTime() });
    fc.assert(fc.property(instant, fc.constantFrom(...SEVERITIES), fc.option(instant), fc.option(instant), fc.array(fc.tuple(instant, fc.option(instant)), { maxLength: 2 }),
      (opened, severity, first, closed, rawPauses) => {
        const after = (t: number | null) => (t === null ? null : new Date(Math.max(t, opened)).toISOString());
        const pauses = rawPauses.map(([a, b]) => {
          const from = Math.max(a, opened);
          return { from: new Date(from).toISOString(), to: b === null ? null : new Date(Math.max(b, from)).toISOString() };
        }).sort((x, y) => x.from.localeCompare(y.from));
        const c = { openedAt: new Date(opened), severity, firstResponseAt: after(first), closedAt: after(closed), pauses };
        const v = clock.views(c);
        expect(clock.alarm(c)).toEqual({ breached: isBreached(v), warning: isWarning(v) });
      }), { numRuns: 300 });
  });
});
