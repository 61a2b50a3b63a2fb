import { api } from "../../../api/client";

/** The lists of src/retention/community/suggestions.service.ts. */
export const SUGGESTION_CHANNELS = ["store", "phone", "wechat", "email", "web", "survey", "other"] as const;
export type SuggestionChannel = (typeof SUGGESTION_CHANNELS)[number];
export const SUGGESTION_STATUSES = ["new", "accepted", "implemented", "declined"] as const;
export type SuggestionStatus = (typeof SUGGESTION_STATUSES)[number];
export type Decision = Exclude<SuggestionStatus, "new">;

/** Mirrors the Suggestion schema of src/http/routes/suggestions.routes.ts. */
export interface Suggestion {
  id: number;
  customerId: number;
  customerName: string | null;
  receivedAt: string;
  channel: SuggestionChannel;
  text: string;
  status: SuggestionStatus;
  rewardPoints: number | null;
  rewardNote: string | null;
  rewarded: boolean;
  decidedBy: { id: number; name: string } | null;
  decidedAt: string | null;
  createdBy: number | null;
  /** Whether the customer is a member of the programme, so can be given points. */
  member: boolean;
}

export interface SuggestionPage {
  items: Suggestion[];
  nextBeforeId: number | null;
  counts: Record<SuggestionStatus, number>;
}

export interface DecisionInput {
  status: Decision;
  rewardPoints?: number;
  rewardNote?: string;
}

export const fetchSuggestions = (q: { status?: SuggestionStatus; beforeId?: number }, signal?: AbortSignal) =>
  api.get<SuggestionPage>("/api/suggestions", { ...q, limit: 25 }, signal);
export const recordSuggestion = (customerId: number, body: { channel: SuggestionChannel; text: string }) =>
  api.post<Suggestion>(`/api/customers/${customerId}/suggestions`, body);
export const decideSuggestion = (id: number, body: DecisionInput) => api.post<Suggestion>(`/api/suggestions/${id}/decision`, body);
