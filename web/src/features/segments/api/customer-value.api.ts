import { api } from "../../../api/client";
import type { CustomerSegments } from "./segments.api";

/** Money: an exact decimal string in the base currency. Mirrors the server's CustomerValue (src/http/routes/segments.routes.ts). */
type Money = string;

export interface CustomerValueFigures {
  orders: number;
  purchaseDays: number;
  sales: Money;
  returns: Money;
  netSales: Money;
  margin: Money;
  /** discount / gross in the window; null without gross sales. */
  discountShare: number | null;
  averageOrderValue: Money | null;
  /** Days from the first purchase to the window's end; null without a purchase. */
  tenureDays: number | null;
  /** Mean days between purchase days, to date; null below two purchase days. */
  meanInterPurchaseDays: number | null;
  /** Null when no cost to serve is configured. */
  costToServe: Money | null;
  netValue: Money | null;
}

export interface CustomerValue {
  window: { from: string; to: string };
  currency: string;
  /** What serving a customer costs (base currency); all "0": not configured. */
  costToServe: { perOrder: Money; perInteraction: Money; perComplaint: Money };
  interactions: number;
  complaints: number;
  /** Null when the customer has no purchase or return by the window's end. */
  figures: CustomerValueFigures | null;
  /** The customer's segments on every snapshot date, newest first. */
  history: Array<CustomerSegments & { asOf: string }>;
}

export const fetchCustomerValue = (id: number, q: { asOf?: string; window?: string } = {}) =>
  api.get<CustomerValue>(`/api/customers/${id}/value`, { ...q });
