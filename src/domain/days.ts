/**
 * Calendar days as whole numbers (days since 1970-01-01), for windows of dates: no time of
 * day and no time zone, so adding 1 is the next day. Dates are 'YYYY-MM-DD'.
 */
const DAY_MS = 86_400_000;

export const dayNumber = (d: string): number => Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10))) / DAY_MS;
export const dayText = (n: number): string => new Date(n * DAY_MS).toISOString().slice(0, 10);

/** Whether `d` is a real calendar date written as YYYY-MM-DD (not 2024-02-30). */
export const isDay = (d: string): boolean => /^\d{4}-\d{2}-\d{2}$/.test(d) && dayText(dayNumber(d)) === d;

/** The first day of the month `d` is in. */
export const monthStart = (d: number): number => dayNumber(`${dayText(d).slice(0, 7)}-01`);

/** The first day of the month after the one `d` is in. */
export const nextMonthStart = (d: number): number => addMonths(monthStart(d), 1);

/** The same day of the month, `months` later (earlier when negative), clamped to that month's last day. */
export function addMonths(d: number, months: number): number {
  const t = new Date(d * DAY_MS);
  const target = t.getUTCMonth() + months;
  const last = new Date(Date.UTC(t.getUTCFullYear(), target + 1, 0)).getUTCDate();
  return Date.UTC(t.getUTCFullYear(), target, Math.min(t.getUTCDate(), last)) / DAY_MS;
}
