import { apiRequest } from "../../../api/client";

/** Mirrors the unsubscribe link's API (server: src/http/routes/public-unsubscribe.routes.ts; docs/messaging.md). */
export interface UnsubscribeLink {
  channel: string;
  /** The customer's name with all but the first letter of each word hidden. */
  name: string;
  unsubscribed: boolean;
}

// No session here: a 401 must not send a customer to the staff sign-in page.
export const fetchUnsubscribeLink = (token: string) =>
  apiRequest<UnsubscribeLink>(`/api/public/unsubscribe/${encodeURIComponent(token)}`, { redirectOn401: false });

export const confirmUnsubscribe = (token: string) =>
  apiRequest<UnsubscribeLink>(`/api/public/unsubscribe/${encodeURIComponent(token)}`, { method: "POST", body: {}, redirectOn401: false });
