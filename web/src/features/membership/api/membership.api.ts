import { api, apiRequest } from "../../../api/client";

/** Mirrors the server's membership schemas (src/http/routes/membership.routes.ts; definitions: docs/membership.md). */
export interface MemberLevel {
  key: string;
  name: string;
  /** An exact decimal amount (basis spend) or whole points (basis points). */
  threshold: string;
  multiplier: string;
}

export interface Programme {
  startsOn: string | null;
  basis: "spend" | "points";
  windowMonths: number;
  review: "monthly" | "anniversary";
  pointsPerUnit: string;
  expiryYears: number | null;
  levels: MemberLevel[];
}

export interface ProgrammeView {
  programme: Programme;
  isDefault: boolean;
  updatedAt: string | null;
  updatedBy: number | null;
}

export interface MembersSummary {
  asOf: string | null;
  customers: number;
  levels: Array<{ level: string | null; name: string | null; members: number; balance: number }>;
}

export interface ComparisonGroup {
  level: string | null;
  name: string | null;
  customers: number;
  ordersBefore: number;
  netBefore: string;
  frequency: number;
  netPerCustomer: string;
  retained: number;
  retention: number;
}

export interface Comparison {
  day: string;
  baseFrom: string;
  asOf: string;
  groups: ComparisonGroup[];
}

export type EntryKind = "earn" | "return" | "redeem" | "adjust" | "expire";

export interface CustomerMembership {
  customerId: number;
  levelName: string | null;
  levelNames: Record<string, string>;
  standing: {
    level: string | null;
    levelSince: string | null;
    nextReview: string | null;
    value: string;
    balance: number;
    earned: number;
    returned: number;
    redeemed: number;
    expired: number;
    adjusted: number;
    expiringPoints: number;
    expiringOn: string | null;
    asOf: string;
  } | null;
  entries: Array<{
    no: number; kind: EntryKind; points: number; balance: number; date: string; orderId: number | null; returnOrderId: number | null;
    expiresOn: string | null; level: string | null; reason: string | null; createdBy: number | null;
  }>;
  levels: Array<{ no: number; date: string; from: string | null; to: string; fromName: string | null; toName: string; kind: "join" | "upgrade" | "downgrade"; value: string }>;
}

export const fetchProgramme = () => api.get<ProgrammeView>("/api/membership/programme");
export const saveProgramme = (p: Programme) => apiRequest<ProgrammeView>("/api/membership/programme", { method: "PUT", body: p });
export const applyProgramme = () => api.post<{ asOf: string; customers: number; members: number; entries: number }>("/api/membership/apply", {});
export const fetchMembersSummary = () => api.get<MembersSummary>("/api/membership/summary");
export const fetchComparison = (asOf?: string) => api.get<Comparison>("/api/membership/comparison", { asOf });
export const fetchCustomerMembership = (id: number) => api.get<CustomerMembership>(`/api/customers/${id}/membership`, { limit: 50 });
export const recordPoints = (id: number, kind: "redeem" | "adjust", body: { points: number; reason: string }) =>
  api.post<CustomerMembership>(`/api/customers/${id}/membership/${kind === "redeem" ? "redemptions" : "adjustments"}`, body);
