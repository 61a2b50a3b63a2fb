import { api, apiRequest } from "../../../api/client";

/** Mirrors the public complaint form's API (server: src/http/routes/public-complaints.routes.ts; docs/complaints.md). */
export interface PublicForm {
  /** The category keys, with a name in each language (null: show the key). */
  categories: Array<{ key: string; label: Record<"en" | "zh-CN" | "zh-TW", string> | null }>;
  /** Whether the link's token is good; null when the page has none. */
  link: "valid" | "invalid" | null;
}

export interface Filing {
  token?: string;
  orderNo?: string;
  contact?: string;
  category: string;
  words: string;
  product?: string;
  preferredContact?: "phone" | "email";
  /** The honeypot: people never see it, so it stays empty. */
  website?: string;
}

export interface ComplaintLink {
  url: string;
  token: string;
  expiresAt: string;
}

// No session here: a 401 must not send a customer to the staff sign-in page.
export const fetchPublicForm = (token: string | null) =>
  apiRequest<PublicForm>("/api/public/complaint-form", { query: { t: token }, redirectOn401: false });

export const fileComplaint = (filing: Filing) =>
  apiRequest<{ reference: string; thanks: true }>("/api/public/complaints", { method: "POST", body: filing, redirectOn401: false });

/** Staff: a customer's personal link to the form. */
export const createComplaintLink = (customerId: number) => api.post<ComplaintLink>(`/api/customers/${customerId}/complaint-link`, {});
