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
  /** The 8-segment RFM of the window's buyers (docs/value.md, "The 8-segment RFM"). */
  rfm8: {
    method: Rfm8Method;
    customers: number;
    cutoffs: { recencyDays: number; frequency: number; monetary: Money } | null;
    segments: Rfm8Row[];
  };
}

export type Rfm8Method = "mean" | "median" | "custom";
export type Rfm8Segment =
  | "important_value" | "important_development" | "important_retain" | "important_winback"
  | "general_value" | "general_development" | "general_retain" | "general_winback";

export interface Rfm8Row {
  segment: Rfm8Segment;
  customers: number;
  customerShare: number;
  monetary: Money;
  monetaryShare: number | null;
  meanRecencyDays: number | null;
  meanFrequency: number | null;
  meanMonetary: Money | null;
  treatment: string;
}

export interface ValueQuery {
  /** YYYY-MM-DD; default today in the business's time zone. */
  asOf?: string;
  window: string;
  by: ValueMeasure;
  /** Transaction customers: a discount share of at least this, on at most `transactionDays` purchase days. */
  transactionDiscount?: number;
  transactionDays?: number;
  /** The 8-segment RFM's cut-offs: the buyers' mean (default), median, or custom values (decimal text). */
  rfm8Cutoff?: Rfm8Method;
  rfm8R?: string;
  rfm8F?: string;
  rfm8M?: string;
}

export const fetchValueReport = (q: ValueQuery) => api.get<ValueReport>("/api/reports/value", { ...q });
