import { api } from "../../../api/client";

/** Mirrors GET /api/praise, the recognition report (src/http/routes/complaints.routes.ts; docs/complaints.md). */
export interface PraiseQuote {
  id: number;
  /** Null when the customer is outside an agent's book. */
  customerId: number | null;
  customerName: string | null;
  channel: string;
  /** Empty once the customer's personal data was erased. */
  words: string;
  at: string;
}

export interface StaffPraise {
  staffUserId: number;
  staffName: string | null;
  count: number;
  /** Distinct customers who praised them in the period. */
  customers: number;
  latest: string;
  /** The newest quotes. */
  praise: PraiseQuote[];
}

export interface PraiseReport {
  since: string | null;
  until: string | null;
  total: number;
  /** Most praised first. */
  items: StaffPraise[];
}

export interface PraiseQuery {
  /** YYYY-MM-DD, inclusive; none: from the first praise. */
  since?: string;
  /** YYYY-MM-DD, inclusive; none: up to now. */
  until?: string;
  /** How many of each person's newest quotes. */
  words: number;
}

export const fetchPraiseReport = (q: PraiseQuery, signal?: AbortSignal) => api.get<PraiseReport>("/api/praise", { ...q }, signal);
