import { api, apiUrl } from "../../../api/client";

/**
 * Segment snapshots: every customer's segments saved as of a date. Mirrors the server's
 * SegmentSnapshot, SegmentSummary and the members list (src/http/routes/segments.routes.ts),
 * and the `segments` part of the ValueReport (src/http/routes/reports.routes.ts).
 */

/** Money: an exact decimal string in the base currency. */
type Money = string;

export type SegmentMeasure = "sales" | "margin";

/** The schemes a snapshot segments customers by, as the members list and the export name them. */
export const SEGMENT_SCHEMES = ["tier", "decile", "type", "profitGroup", "loyalty", "ladder", "rfm", "rfm8"] as const;
export type SegmentScheme = (typeof SEGMENT_SCHEMES)[number];

/** The rules a snapshot was taken with, as the server saves them (every value filled in). */
export interface SnapshotRules {
  profitGroups: { topShare: number; change: number };
  loyalty: { churnDays: number; newDays: number; loyalPurchaseDays: number; loyalTopShare: number; loyalMaxDiscount: number };
  ladder: { periodMonths: number; loyalPeriods: number; oldMonths: number };
  transaction: { minDiscountShare: number; maxPurchaseDays: number };
}

export interface Snapshot {
  /** YYYY-MM-DD: the last day of the window. */
  asOf: string;
  /** YYYY-MM-DD: the first day of the window. */
  windowFrom: string;
  by: SegmentMeasure;
  /** Typed loosely by the server (a saved JSON object); read it through `snapshotRules`. */
  rules: Record<string, unknown>;
  customers: number;
  createdAt: string;
}

export interface SegmentGroupRow {
  scheme: SegmentScheme;
  segment: string;
  customers: number;
  netSales: Money;
  margin: Money;
}

export interface RfmCell {
  r: number;
  f: number;
  customers: number;
  netSales: Money;
}

export interface SegmentSummary {
  snapshot: Snapshot;
  groups: SegmentGroupRow[];
  grid: RfmCell[];
}

/** A customer's segments on one snapshot date (CustomerSegments). */
export interface CustomerSegments {
  netSales: Money;
  margin: Money;
  decile: number | null;
  tier: string | null;
  customerType: string | null;
  profitGroup: string | null;
  loyalty: string | null;
  ladder: string;
  rfm: { r: number; f: number; m: number; segment: string } | null;
}

export interface SegmentMember {
  id: number;
  name: string | null;
  externalId: string | null;
  state: string;
  segments: CustomerSegments;
}

export interface MembersPage {
  items: SegmentMember[];
  /** The last id of this page, to ask for the next; null on the last page. */
  nextAfter: number | null;
}

/** The body of POST /api/segments/snapshots: anything left out takes the server's default. */
export interface TakeSnapshotBody {
  asOf?: string;
  window?: string;
  by?: SegmentMeasure;
  topShare?: number;
  change?: number;
  churnDays?: number;
  newDays?: number;
  loyalPurchaseDays?: number;
  loyalTopShare?: number;
  loyalMaxDiscount?: number;
  periodMonths?: number;
  loyalPeriods?: number;
  oldMonths?: number;
  transactionDiscount?: number;
  transactionDays?: number;
}

/** A group of the value report's segments, with its value in the window before (the trend). */
export interface TrendGroup {
  group: string;
  customers: number;
  netSales: Money;
  margin: Money;
  previousNetSales: Money;
  previousMargin: Money;
}

/** The `segments` part of GET /api/reports/value. */
export interface ValueReportSegments {
  previousWindow: { from: string; to: string };
  profitGroups: { rule: SnapshotRules["profitGroups"]; groups: TrendGroup[] };
  loyalty: { rule: SnapshotRules["loyalty"]; classes: Array<TrendGroup & { treatment: string }> };
  ladder: { rule: SnapshotRules["ladder"]; rungs: Array<{ rung: string; customers: number; netSales: Money; margin: Money }> };
}

export const fetchSnapshots = () => api.get<{ items: Snapshot[] }>("/api/segments/snapshots");

export const takeSnapshot = (body: TakeSnapshotBody) => api.post<{ asOf: string; customers: number }>("/api/segments/snapshots", body);

export const fetchSegmentSummary = (asOf: string) => api.get<SegmentSummary>("/api/segments/summary", { asOf });

export const fetchSegmentMembers = (q: { asOf: string; scheme: SegmentScheme; segment: string; after?: number; limit?: number }) =>
  api.get<MembersPage>("/api/segments/members", { ...q });

/** The CSV of a segment's customers: a plain link, signed in by the sign-in cookie. */
export const segmentExportUrl = (q: { asOf: string; scheme: SegmentScheme; segment: string }) => apiUrl("/api/segments/members/export", { ...q });

/** The value report's segments for a snapshot's date, window, measure and rules: the trend against the window before. */
export const fetchValueReportSegments = (q: { asOf: string; window: string; by: SegmentMeasure } & Omit<TakeSnapshotBody, "asOf" | "window" | "by">) =>
  api.get<{ currency: string; window: { from: string; to: string }; segments: ValueReportSegments }>("/api/reports/value", { ...q });
