/** The reporting period a day falls in, for survey results by month or quarter. */
import { isDay } from "../../domain/days.ts";

export type PeriodGrain = "month" | "quarter";

/**
 * The period of a calendar day 'YYYY-MM-DD': its month 'YYYY-MM', or its calendar quarter
 * 'YYYY-Qq' (January–March is Q1). Both sort as text in time order. RangeError for a day
 * that is not a real date.
 */
export function periodOf(day: string, grain: PeriodGrain): string {
  if (!isDay(day)) throw new RangeError(`periodOf: "${day}" is not a date YYYY-MM-DD`);
  if (grain === "month") return day.slice(0, 7);
  if (grain === "quarter") return `${day.slice(0, 4)}-Q${Math.ceil(Number(day.slice(5, 7)) / 3)}`;
  throw new RangeError(`periodOf: unknown grain "${String(grain)}"`);
}
