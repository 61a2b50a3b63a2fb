import { api } from "../../../api/client";

/** Money: an exact decimal string in the base currency. Mirrors the server's ChurnCost (src/http/routes/retention-reports.routes.ts). */
type Money = string;

/** The calculator's inputs, in the order the formula multiplies them. */
export const CHURN_INPUTS = ["lostCustomers", "ordersPerMonth", "orderValue", "marginRate", "fxRate", "months"] as const;
export type ChurnInputName = (typeof CHURN_INPUTS)[number];
export type InputSource = "measured" | "given" | "default";

export interface ChurnCostReport {
  currency: string;
  asOf: string;
  month: string;
  period: { from: string; to: string; previousFrom: string; previousTo: string; months: number };
  measured: {
    previousCustomers: number;
    retained: number;
    lost: number;
    churnRate: number | null;
    basis: "lost" | "previous" | "none";
    customers: number;
    orders: number;
    netSales: Money;
    costedNetSales: Money;
    cost: Money;
    costedShare: number | null;
  };
  inputs: Record<ChurnInputName, { value: string | null; measured: string | null; source: InputSource }>;
  missing: ChurnInputName[];
  churnCost: { monthlySales: Money; monthlyMargin: Money; monthlyMarginBase: Money; total: Money } | null;
  formula: string | null;
  sensitivity: {
    churnRate: number;
    churnSource: InputSource;
    reduction: number;
    discountRate: number;
    marginPerPeriod: Money;
    retentionBefore: number;
    retentionAfter: number;
    lifetimeMarginBefore: number;
    lifetimeMarginAfter: number;
    increase: number | null;
  } | null;
  sensitivityIssue: "noChurn" | "reductionTooLarge" | "missingInputs" | null;
}

export interface ChurnCostQuery extends Partial<Record<ChurnInputName, string>> {
  asOf?: string;
  /** The measuring period in months. */
  period: number;
  churnRate?: number;
  reduction?: number;
  discountRate?: number;
}

export const fetchChurnCost = (q: ChurnCostQuery) => api.get<ChurnCostReport>("/api/reports/churn-cost", { ...q });
