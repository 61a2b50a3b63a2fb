import type { TimelineEvent } from "../api/types";

export interface MonthCount {
  /** "YYYY-MM" */
  month: string;
  orders: number;
  returns: number;
}

const monthOf = (iso: string) => iso.slice(0, 7);

function nextMonth(m: string): string {
  const [y, mo] = m.split("-").map(Number) as [number, number];
  return mo === 12 ? `${y + 1}-01` : `${y}-${String(mo + 1).padStart(2, "0")}`;
}

/**
 * Orders and returns per calendar month over the events given, every month from the first
 * to the last present (a month without orders is a zero, not a gap). The month is the one
 * written in the instant the server sends, in the offset it sends it with.
 */
export function ordersByMonth(events: readonly TimelineEvent[]): MonthCount[] {
  const counts = new Map<string, MonthCount>();
  for (const e of events) {
    if (e.kind !== "order") continue;
    const m = monthOf(e.at);
    const c = counts.get(m) ?? { month: m, orders: 0, returns: 0 };
    if (e.data.isReturn) c.returns++;
    else c.orders++;
    counts.set(m, c);
  }
  if (counts.size === 0) return [];
  const months = [...counts.keys()].sort();
  const out: MonthCount[] = [];
  for (let m = months[0]!; m <= months[months.length - 1]!; m = nextMonth(m)) {
    out.push(counts.get(m) ?? { month: m, orders: 0, returns: 0 });
  }
  return out;
}
