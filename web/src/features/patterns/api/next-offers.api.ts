import { api } from "../../../api/client";
import type { PatternItem } from "./patterns.api";

/** Mirrors the server's NextOffers (src/http/routes/patterns.routes.ts). */

export type OfferReason =
  | { kind: "basket"; because: PatternItem[]; confidence: number; lift: number | null; baskets: number; runId: number }
  | { kind: "sequence"; because: PatternItem; boughtOn: string; withinDays: number; share: number; buyers: number; meanDays: number | null; runId: number };

export interface NextOffer {
  item: PatternItem;
  /** The rule's confidence: the share of baskets (or buyers) like this customer's that went on to the item. */
  score: number;
  reason: OfferReason;
  /** The reason in English; the page words it in the reader's language from `reason` instead. */
  text: string;
}

export interface RunInfo {
  runId: number;
  createdAt: string;
  level: string;
}

export interface NextOffers {
  customerId: number;
  offers: NextOffer[];
  runs: { baskets: RunInfo | null; sequences: RunInfo | null };
}

export const fetchNextOffers = (id: number, limit = 5) => api.get<NextOffers>(`/api/customers/${id}/next-offers`, { limit });
