import { api } from "../../../api/client";

/** Money: an exact decimal string in the base currency. Mirrors the server's CohortReport (src/http/routes/retention-reports.routes.ts). */
type Money = string;

export interface Cohort {
  /** The first-purchase month, YYYY-MM. */
  month: string;
  customers: number;
  /** Per month since the first (0 = the first month). */
  active: number[];
  retention: number[];
  revenue: Money[];
}

export interface CohortReport {
  currency: string;
  asOf: string;
  /** The last month read, YYYY-MM. */
  month: string;
  cohorts: Cohort[];
  kpis: {
    period: { from: string; to: string; previousFrom: string; previousTo: string };
    previousCustomers: number;
    retained: number;
    retentionRate: number | null;
    churnRate: number | null;
    customers: number;
    repeatCustomers: number;
    repeatPurchaseRate: number | null;
    periodNet: Money;
    returningNet: Money;
    returningShare: number | null;
  };
}

export interface CohortQuery {
  /** YYYY-MM-DD; default: the end of the last complete month. */
  asOf?: string;
  /** The KPIs' period in months. */
  months: number;
}

export const fetchCohortReport = (q: CohortQuery) => api.get<CohortReport>("/api/reports/cohorts", { ...q });
