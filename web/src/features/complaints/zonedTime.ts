/**
 * A wall-clock time typed in the date picker, read in the business's time zone (the zone
 * every instant is shown in, see i18n/useFormat), as an ISO instant with that zone's offset:
 * "2026-11-26 18:00" in Asia/Shanghai → "2026-11-26T18:00:00+08:00", whatever the
 * browser's own zone.
 */
const pad = (n: number) => String(Math.abs(n)).padStart(2, "0");

/** The zone's offset from UTC at `ms`, in minutes (Shanghai: +480). */
function offsetMinutes(ms: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit",
  }).formatToParts(new Date(ms));
  const n = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const wall = Date.UTC(n("year"), n("month") - 1, n("day"), n("hour"), n("minute"), n("second"));
  return Math.round((wall - Math.floor(ms / 1000) * 1000) / 60_000);
}

/** `wall` = [year, month (1–12), day, hour, minute] in `timeZone` (the browser's when absent). */
export function zonedInstant(wall: [number, number, number, number, number], timeZone: string | undefined): string {
  const [y, mo, d, h, mi] = wall;
  const asUtc = Date.UTC(y, mo - 1, d, h, mi);
  let offset: number;
  if (timeZone) {
    // Twice: the offset at the guessed instant can differ across a DST change.
    offset = offsetMinutes(asUtc - offsetMinutes(asUtc, timeZone) * 60_000, timeZone);
  } else {
    offset = -new Date(y, mo - 1, d, h, mi).getTimezoneOffset();
  }
  const sign = offset < 0 ? "-" : "+";
  return `${y}-${pad(mo)}-${pad(d)}T${pad(h)}:${pad(mi)}:00${sign}${pad(Math.trunc(offset / 60))}:${pad(offset % 60)}`;
}

/** The wall-clock parts of an instant in `timeZone`, for showing it in the picker again. */
export function wallOf(iso: string, timeZone: string | undefined): [number, number, number, number, number] {
  const ms = Date.parse(iso);
  const shifted = new Date(ms + (timeZone ? offsetMinutes(ms, timeZone) : -new Date(ms).getTimezoneOffset()) * 60_000);
  return [shifted.getUTCFullYear(), shifted.getUTCMonth() + 1, shifted.getUTCDate(), shifted.getUTCHours(), shifted.getUTCMinutes()];
}
