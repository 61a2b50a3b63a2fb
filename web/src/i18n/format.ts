/**
 * Numbers, money and dates for display, per locale, through Intl. Money arrives as decimal
 * strings ("1234.50"); they go to Intl as strings, which formats them without turning them
 * into floats first (Intl.NumberFormat v3), so large amounts keep every digit.
 */

const DECIMAL = /^[-+]?\d+(\.\d+)?$/;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

const asNumeric = (value: string): `${number}` => value.trim() as `${number}`;

/** Formats a decimal string in `currency` (ISO 4217); without a currency, as a plain amount. */
export function formatMoney(value: string | null | undefined, currency: string | undefined, locale: string): string {
  if (value === null || value === undefined || value === "") return "—";
  if (!DECIMAL.test(value.trim())) return value;
  try {
    const opts: Intl.NumberFormatOptions = currency
      ? { style: "currency", currency }
      : { minimumFractionDigits: 2, maximumFractionDigits: 2 };
    return new Intl.NumberFormat(locale, opts).format(asNumeric(value));
  } catch {
    // An unknown currency code: show the amount and the code rather than nothing.
    return `${new Intl.NumberFormat(locale, { minimumFractionDigits: 2 }).format(asNumeric(value))} ${currency ?? ""}`.trim();
  }
}

/** Formats a count or a decimal string. */
export function formatNumber(value: number | string | null | undefined, locale: string, opts?: Intl.NumberFormatOptions): string {
  if (value === null || value === undefined || value === "") return "—";
  if (typeof value === "string") {
    return DECIMAL.test(value.trim()) ? new Intl.NumberFormat(locale, opts).format(asNumeric(value)) : value;
  }
  return new Intl.NumberFormat(locale, opts).format(value);
}

/**
 * Formats a calendar date ("2024-03-05") or an instant. A date alone is read in UTC so that
 * it shows the same day in every time zone; an instant is shown in `timeZone` (the
 * business's, so that an order placed on the 28th in Shanghai reads the 28th everywhere).
 */
export function formatDate(value: string | Date | null | undefined, locale: string, timeZone?: string): string {
  if (value === null || value === undefined || value === "") return "—";
  if (typeof value === "string" && DATE_ONLY.test(value)) {
    return new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone: "UTC" }).format(new Date(`${value}T00:00:00Z`));
  }
  const d = typeof value === "string" ? new Date(value) : value;
  if (Number.isNaN(d.getTime())) return String(value);
  return new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone }).format(d);
}

/** Formats an instant with its time of day, in `timeZone` (default: the viewer's). */
export function formatDateTime(value: string | Date | null | undefined, locale: string, timeZone?: string): string {
  if (value === null || value === undefined || value === "") return "—";
  const d = typeof value === "string" ? new Date(value) : value;
  if (Number.isNaN(d.getTime())) return String(value);
  return new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short", timeZone }).format(d);
}

/** A month and day without a year ("3月5日", "Mar 5"). */
export function formatMonthDay(month: number, day: number, locale: string): string {
  return new Intl.DateTimeFormat(locale, { month: "short", day: "numeric", timeZone: "UTC" }).format(new Date(Date.UTC(2000, month - 1, day)));
}

/** File sizes in the units people read (KB, MB). */
export function formatBytes(bytes: number, locale: string): string {
  const units = ["byte", "kilobyte", "megabyte", "gigabyte"] as const;
  let v = bytes;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return new Intl.NumberFormat(locale, { style: "unit", unit: units[i], unitDisplay: "short", maximumFractionDigits: 1 }).format(v);
}
