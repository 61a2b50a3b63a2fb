/** A month written YYYY-MM, as the reader's language writes it ("2026年6月", "Jun 2026"). */
export function formatMonth(ym: string, locale: string): string {
  const m = /^(\d{4})-(\d{2})$/.exec(ym);
  if (!m) return ym;
  return new Intl.DateTimeFormat(locale, { year: "numeric", month: "short", timeZone: "UTC" }).format(new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, 1)));
}
