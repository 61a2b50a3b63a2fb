/**
 * What losing customers costs (seed 001's 流失成本分析), and what keeping more of them is
 * worth. Money is exact decimal text (domain/decimal.ts); each step is returned so a page
 * can show the sum as it is worked out.
 */
import { decMul } from "../../domain/decimal.ts";

export interface ChurnCostInput {
  /** Customers lost. */
  lostCustomers: string;
  /** Orders a customer places a month. */
  ordersPerMonth: string;
  /** Average order value, in the currency the orders are in. */
  orderValue: string;
  /** Contribution margin as a fraction of sales (0.2 for 20%). */
  marginRate: string;
  /** Months the loss runs for (12 for a year). */
  months: string;
  /** Base-currency units per order-currency unit; 1 when the orders are in the base currency. */
  fxRate?: string;
}

export interface ChurnCost {
  /** lost × orders a month × order value: the sales lost each month, in the order currency. */
  monthlySales: string;
  /** × margin: the margin lost each month. */
  monthlyMargin: string;
  /** × exchange rate: the same in the base currency. */
  monthlyMarginBase: string;
  /** × months: the margin lost over the period, in the base currency. */
  total: string;
}

/**
 * lost × orders a month × order value × margin × exchange rate × months. Seed 001's worked
 * example: 7 buyers × 10 orders × 150 USD × 20% × 6.3 × 12 months = 158,760 CNY a year.
 */
export function churnCost(i: ChurnCostInput): ChurnCost {
  const monthlySales = decMul(decMul(i.lostCustomers, i.ordersPerMonth), i.orderValue);
  const monthlyMargin = decMul(monthlySales, i.marginRate);
  const monthlyMarginBase = decMul(monthlyMargin, i.fxRate ?? "1");
  return { monthlySales, monthlyMargin, monthlyMarginBase, total: decMul(monthlyMarginBase, i.months) };
}

export interface RetentionSensitivity {
  retentionBefore: number;
  retentionAfter: number;
  /** A customer's lifetime margin before and after (in the unit of the margin given). */
  lifetimeMarginBefore: number;
  lifetimeMarginAfter: number;
  /** (after − before) / before; null when nobody stayed before (a lifetime margin of 0). */
  increase: number | null;
}

/**
 * What a lower churn rate adds to each customer's lifetime margin: the margin multiple of
 * Gupta & Lehmann (2003, "Customers as assets", J. Interactive Marketing 17(1), eq. 3),
 * CLV = m · r / (1 + i − r), for a margin m per period received at the end of each period
 * the customer stays, retention r = 1 − churn, and discount rate i per period, over an
 * infinite horizon. This is the longer lifetime alone: Reichheld & Sasser's "5% less churn,
 * 25–85% more profit" also counts the higher spending, referrals and lower cost to serve of
 * customers who stay, which a business can add from its own figures.
 */
export function retentionSensitivity(o: { churnRate: number; reduction: number; marginPerPeriod: number; discountRate: number }): RetentionSensitivity {
  const { churnRate: c, reduction: d, marginPerPeriod: m, discountRate: i } = o;
  if (!(c > 0 && c <= 1)) throw new RangeError(`churn rate must be in (0, 1]: ${c}`);
  if (!(d >= 0 && d < c)) throw new RangeError(`the reduction must be at least 0 and below the churn rate: ${d}`);
  if (!(i >= 0)) throw new RangeError(`the discount rate must be 0 or more: ${i}`);
  const clv = (r: number) => (m * r) / (1 + i - r);
  const [before, after] = [1 - c, 1 - c + d];
  const [lb, la] = [clv(before), clv(after)];
  return { retentionBefore: before, retentionAfter: after, lifetimeMarginBefore: lb, lifetimeMarginAfter: la, increase: lb === 0 ? null : (la - lb) / lb };
}
