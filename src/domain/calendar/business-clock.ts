/**
 * A clock that runs only in working time: business time between two instants, and the instant
 * a given amount of business time has elapsed (a due time), with pauses (waiting for the
 * customer) that stop the clock. The SLA state on top of it is in sla.ts.
 *
 * Instants are epoch milliseconds and keep their seconds: all counting is exact in whole ms.
 * The *Minutes functions report whole minutes that have fully elapsed (rounded down), so
 * 09:00:00 → 09:00:59 counts 0 minutes; adding minutes to 09:00:30 gives a due time at :30.
 */
import { compiled, weekdayOf, type CompiledCalendar, type Span, type WorkingCalendar } from "./working-calendar.ts";

/** A stretch when the clock stands still; without `to` (or with null) it is still going on. */
export interface Pause {
  readonly from: number;
  readonly to?: number | null;
}

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;
const EMPTY: readonly Span[] = [];

function checkInstant(name: string, t: number): void {
  if (!Number.isSafeInteger(t)) throw new RangeError(`${name} must be an instant in whole epoch milliseconds, not ${t}`);
}

function checkMinutes(name: string, m: number): void {
  if (!Number.isSafeInteger(m) || m < 0) throw new RangeError(`${name} must be a whole number of minutes ≥ 0, not ${m}`);
}

const spansOn = (c: CompiledCalendar, day: number): readonly Span[] => c.exceptions.get(day) ?? c.week[weekdayOf(day)] ?? EMPTY;

/** The first exception day ≥ day, or Infinity. */
function nextException(c: CompiledCalendar, day: number): number {
  const xs = c.exceptionDays;
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((xs[mid] ?? Infinity) < day) lo = mid + 1;
    else hi = mid;
  }
  return xs[lo] ?? Infinity;
}

/** Working ms in [a, b), no pauses. */
function workMs(c: CompiledCalendar, a: number, b: number): number {
  if (b <= a) return 0;
  const first = Math.floor((a + c.offsetMs) / DAY_MS);
  const last = Math.floor((b + c.offsetMs) / DAY_MS);
  let total = 0;
  for (let day = first; day <= last; day++) {
    // Whole weeks strictly inside (first, last) with no exception in them count weekMs each.
    if (day > first) {
      const whole = Math.floor((Math.min(nextException(c, day), last) - day) / 7);
      if (whole > 0) {
        total += whole * c.weekMs;
        day += whole * 7;
      }
    }
    const base = day * DAY_MS - c.offsetMs;
    for (const [s, e] of spansOn(c, day)) {
      const from = Math.max(a, base + s);
      const to = Math.min(b, base + e);
      if (to > from) total += to - from;
    }
  }
  return total;
}

/** The earliest instant ≥ start by which `amount` working ms have elapsed, no pauses. */
function addMs(c: CompiledCalendar, start: number, amount: number): number {
  if (amount === 0) return start;
  let remaining = amount;
  const first = Math.floor((start + c.offsetMs) / DAY_MS);
  for (let day = first; ; day++) {
    const nextX = nextException(c, day);
    if (day > first && c.weekMs > 0) {
      // Skip whole weeks free of exceptions, keeping some time for the landing week.
      const whole = Math.min(Math.floor((nextX - day) / 7), Math.floor((remaining - 1) / c.weekMs));
      if (whole > 0) {
        remaining -= whole * c.weekMs;
        day += whole * 7;
      }
    } else if (c.weekMs === 0 && nextX === Infinity) {
      throw new RangeError(`the calendar has no working hours in its week and no make-up workdays left, so ${amount / MINUTE_MS} business minutes never elapse`);
    }
    const base = day * DAY_MS - c.offsetMs;
    for (const [s, e] of spansOn(c, day)) {
      const from = Math.max(start, base + s);
      const to = base + e;
      if (to <= from) continue;
      if (remaining <= to - from) return from + remaining;
      remaining -= to - from;
    }
  }
}

/** Pauses as disjoint [from, to) spans in order, open ones running to Infinity. */
function mergePauses(pauses: readonly Pause[]): [number, number][] {
  const spans = pauses.map((p): [number, number] => {
    checkInstant("pause from", p.from);
    const to = p.to ?? Infinity;
    if (to !== Infinity) checkInstant("pause to", to);
    if (to < p.from) throw new RangeError(`a pause ends (${to}) before it starts (${p.from})`);
    return [p.from, to];
  });
  spans.sort((x, y) => x[0] - y[0]);
  const merged: [number, number][] = [];
  for (const [f, t] of spans) {
    const prev = merged[merged.length - 1];
    if (prev && f <= prev[1]) prev[1] = Math.max(prev[1], t);
    else if (t > f) merged.push([f, t]);
  }
  return merged;
}

/** Working ms in [start, end), minus the working ms inside pauses; 0 when end ≤ start. */
export function businessMsBetween(cal: WorkingCalendar, start: number, end: number, pauses: readonly Pause[] = []): number {
  checkInstant("start", start);
  checkInstant("end", end);
  const c = compiled(cal);
  let total = workMs(c, start, end);
  for (const [f, t] of mergePauses(pauses)) total -= workMs(c, Math.max(f, start), Math.min(t, end));
  return total;
}

/** Whole business minutes in [start, end) outside pauses (rounded down; see the module note). */
export function businessMinutesBetween(cal: WorkingCalendar, start: number, end: number, pauses: readonly Pause[] = []): number {
  return Math.floor(businessMsBetween(cal, start, end, pauses) / MINUTE_MS);
}

/**
 * The earliest instant ≥ start by which `amount` business ms have elapsed outside pauses;
 * null when a pause still going on holds the clock before then.
 */
export function addBusinessMs(cal: WorkingCalendar, start: number, amount: number): number;
export function addBusinessMs(cal: WorkingCalendar, start: number, amount: number, pauses: readonly Pause[]): number | null;
export function addBusinessMs(cal: WorkingCalendar, start: number, amount: number, pauses: readonly Pause[] = []): number | null {
  checkInstant("start", start);
  if (!Number.isSafeInteger(amount) || amount < 0) throw new RangeError(`business time to add must be whole ms ≥ 0, not ${amount}`);
  const c = compiled(cal);
  if (amount === 0) return start;
  let cursor = start;
  let remaining = amount;
  for (const [f, t] of mergePauses(pauses)) {
    if (t <= cursor) continue;
    if (f > cursor) {
      const w = workMs(c, cursor, f);
      if (w >= remaining) return addMs(c, cursor, remaining);
      remaining -= w;
    }
    if (t === Infinity) return null;
    cursor = t;
  }
  return addMs(c, cursor, remaining);
}

/** The due time: the earliest instant by which `minutes` business minutes have elapsed from start. */
export function addBusinessMinutes(cal: WorkingCalendar, start: number, minutes: number): number;
export function addBusinessMinutes(cal: WorkingCalendar, start: number, minutes: number, pauses: readonly Pause[]): number | null;
export function addBusinessMinutes(cal: WorkingCalendar, start: number, minutes: number, pauses: readonly Pause[] = []): number | null {
  checkMinutes("minutes", minutes);
  return addBusinessMs(cal, start, minutes * MINUTE_MS, pauses);
}
