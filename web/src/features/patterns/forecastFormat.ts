import { formatDate, formatNumber } from "../../i18n/format";
import { formatMonth } from "../../lib/month";
import type { ForecastPeriod, ForecastSeries } from "./api/forecast.api";

/** A period by its first day: the month ("2026年6月"), or the week's Monday as a date. */
export const periodLabel = (start: string, period: ForecastPeriod, locale: string): string =>
  period === "month" ? formatMonth(start.slice(0, 7), locale) : formatDate(start, locale);

/** The series' values in full (money in the base currency, counts to one decimal) and compact for an axis. */
export function seriesFormat(series: ForecastSeries, currency: string, locale: string) {
  const full = (v: number | null | undefined) => {
    if (v === null || v === undefined || !Number.isFinite(v)) return "—";
    if (series !== "sales") return formatNumber(v, locale, { maximumFractionDigits: 1 });
    try {
      return formatNumber(v, locale, { style: "currency", currency, maximumFractionDigits: 0 });
    } catch {
      // An unknown currency code: the amount and the code.
      return `${formatNumber(v, locale, { maximumFractionDigits: 0 })} ${currency}`;
    }
  };
  const axis = (v: number) => formatNumber(v, locale, { notation: "compact", maximumSignificantDigits: 3 });
  return { full, axis };
}
