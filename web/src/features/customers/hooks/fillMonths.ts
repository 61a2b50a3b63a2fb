export interface MonthTotals {
  /** "YYYY-MM" */
  month: string;
  orders: number;
  sales: string;
  returns: string;
}

function nextMonth(m: string): string {
  const [y, mo] = m.split("-").map(Number) as [number, number];
  return mo === 12 ? `${y + 1}-01` : `${y}-${String(mo + 1).padStart(2, "0")}`;
}

/** Every month from the first to the last given, a month without purchases as zeros (not a gap). */
export function fillMonths(months: readonly MonthTotals[]): MonthTotals[] {
  if (months.length === 0) return [];
  const byMonth = new Map(months.map((m) => [m.month, m]));
  const sorted = [...byMonth.keys()].sort();
  const out: MonthTotals[] = [];
  for (let m = sorted[0]!; m <= sorted[sorted.length - 1]!; m = nextMonth(m)) {
    out.push(byMonth.get(m) ?? { month: m, orders: 0, sales: "0", returns: "0" });
  }
  return out;
}
