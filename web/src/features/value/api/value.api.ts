import { api } from "../../../api/client";

/** Money: an exact decimal string in the base currency. Mirrors the server's ValueReport (src/http/routes/reports.routes.ts). */
type Money = string;

export type ValueMeasure = "sales" | "margin";

export interface ValueGroup {
  group: number;
  customers: number;
  customerShare: number;
  cumulativeCustomerShare: number;
  sums: Record<"netSales" | "margin", { sum: Money; share: number | null; cumulativeShare: number | null }>;
}

export type PyramidTier = "key" | "secondary" | "ordinary" | "small";

export interface ValueReport {
  currency: string;
  window: { from: string; to: string };
  by: ValueMeasure;
  kpis: {
    customers: number;
    orders: number;
    netSales: Money;
    margin: Money;
    marginCoverage: number | null;
    averageOrderValue: number | null;
    discountShare: number | null;
  };
  deciles: ValueGroup[];
  purchaseDeciles: Array<{ part: number; customers: number; cumulativeCustomers: number; customerShare: number; cumulativeCustomerShare: number }> | null;
  concentration: Array<{ share: number; customers: number | null; customerShare: number | null }>;
  pareto: Array<{ customerShare: number; valueShare: number }> | null;
  pyramid: Array<ValueGroup & { tier: PyramidTier }>;
  customerTypes: {
    rule: { minDiscountShare: number; maxPurchaseDays: number };
    transaction: { customers: number; netSales: Money; margin: Money };
    relationship: { customers: number; netSales: Money; margin: Money };
  };
  rfm: { customers: number; segments: Array<{ segment: string; customers: number; value: Money; valueShare: number | null; customerShare: number }> };
}

export interface ValueQuery {
  /** YYYY-MM-DD; default today in the business's time zone. */
  asOf?: string;
  window: string;
  by: ValueMeasure;
  /** Transaction customers: a discount share of at least this, on at most `transactionDays` purchase days. */
  transactionDiscount?: number;
  transactionDays?: number;
}

export const fetchValueReport = (q: ValueQuery) => api.get<ValueReport>("/api/reports/value", { ...q });
