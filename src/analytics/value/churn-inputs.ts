/**
 * The churn-cost calculator's inputs, measured from the business's own customer-month rows
 * (docs/value.md, "The cost of churn"): who was lost over a period, and what they used to
 * buy. The calculator (churn-cost.ts) takes them as decimal text, so each measure is
 * rounded here once, to the places it is shown with; the cost is then exact from what the
 * user sees.
 */
import { monthNumber, monthText, retentionKpis, type MonthRows } from "./cohorts.ts";
import { ratio } from "./ranking.ts";

/** Customer-month rows with the margin's parts: the net sales of the lines with a known cost, and that cost (micro-units). */
export interface MarginMonthRows extends MonthRows {
  costedNet: BigInt64Array;
  cost: BigInt64Array;
}

/** Places each measured input is rounded to (half away from zero). */
export const INPUT_PLACES = { ordersPerMonth: 4, orderValue: 2, marginRate: 4 } as const;

export interface ChurnMeasures {
  /** This period (`months` months ending with the as-of month) and the previous one, as 'YYYY-MM'. */
  period: { from: string; to: string; previousFrom: string; previousTo: string; months: number };
  /** Buyers of the previous period, those of them who bought again in this one, and the rest: the lost. */
  previousCustomers: number;
  retained: number;
  lost: number;
  /** The retention KPIs' churn rate, 1 − retained / previousCustomers; null without previous buyers. */
  churnRate: number | null;
  /**
   * Whose purchases the per-customer inputs are measured on, in the previous period: the
   * lost customers; the previous period's buyers when none was lost (so a count the user
   * types still meets real figures); none without previous buyers.
   */
  basis: "lost" | "previous" | "none";
  customers: number;
  orders: number;
  /** Net sales, and the part with a known cost and that cost, in micro-units. */
  netSales: bigint;
  costedNetSales: bigint;
  cost: bigint;
  /** costedNetSales / netSales: how much of the sales the margin rate is measured on. */
  costedShare: number | null;
  /** orders / (customers × months); null without orders. */
  ordersPerMonth: string | null;
  /** netSales / orders, in currency units; null without orders. */
  orderValue: string | null;
  /** (costedNetSales − cost) / costedNetSales; null when no sales with a known cost. */
  marginRate: string | null;
}

/** num / den as decimal text with at most `places` decimals, rounded half away from zero (den > 0). */
export function quotientText(num: bigint, den: bigint, places: number): string {
  if (den <= 0n) throw new RangeError(`not a positive denominator: ${den}`);
  const scale = 10n ** BigInt(places);
  const neg = num < 0n;
  const q = ((neg ? -num : num) * scale * 2n + den) / (2n * den);
  const frac = places ? String(q % scale).padStart(places, "0").replace(/0+$/, "") : "";
  return `${neg && q !== 0n ? "-" : ""}${q / scale}${frac ? `.${frac}` : ""}`;
}

/** The measured inputs of the churn cost as of a month, over periods of `months` months. */
export function measureChurnInputs(rows: MarginMonthRows, asOfMonth: string, months = 12): ChurnMeasures {
  const k = retentionKpis(rows, asOfMonth, months);
  const asOf = monthNumber(asOfMonth);
  const from = asOf - months + 1;
  const previousFrom = from - months;
  const inThis = new Set<number>();
  const inPrevious = new Set<number>();
  for (let i = 0; i < rows.month.length; i++) {
    const m = rows.month[i]!;
    if (m > asOf || m < previousFrom || rows.orders[i] === 0) continue;
    (m >= from ? inThis : inPrevious).add(rows.customer[i]!);
  }
  const lost = new Set([...inPrevious].filter((c) => !inThis.has(c)));
  const basis = lost.size ? "lost" : inPrevious.size ? "previous" : "none";
  const among = basis === "lost" ? lost : inPrevious;
  let orders = 0;
  let netSales = 0n;
  let costedNetSales = 0n;
  let cost = 0n;
  for (let i = 0; i < rows.month.length; i++) {
    const m = rows.month[i]!;
    if (m < previousFrom || m >= from || !among.has(rows.customer[i]!)) continue;
    orders += rows.orders[i]!;
    netSales += rows.net[i]!;
    costedNetSales += rows.costedNet[i]!;
    cost += rows.cost[i]!;
  }
  return {
    period: { from: k.period.from, to: k.period.to, previousFrom: k.period.previousFrom, previousTo: monthText(from - 1), months },
    previousCustomers: k.previousCustomers,
    retained: k.retained,
    lost: k.previousCustomers - k.retained,
    churnRate: k.churnRate,
    basis,
    customers: among.size,
    orders,
    netSales,
    costedNetSales,
    cost,
    costedShare: ratio(costedNetSales, netSales),
    ordersPerMonth: orders ? quotientText(BigInt(orders), BigInt(among.size * months), INPUT_PLACES.ordersPerMonth) : null,
    orderValue: orders ? quotientText(netSales, BigInt(orders) * 1_000_000n, INPUT_PLACES.orderValue) : null,
    marginRate: costedNetSales > 0n ? quotientText(costedNetSales - cost, costedNetSales, INPUT_PLACES.marginRate) : null,
  };
}
