import { apiRequest } from "../../../api/client";

/** Mirrors the consent and messaging settings API (server: src/http/routes/messaging.routes.ts; docs/messaging.md). */
export const CONSENT_CHANNELS = ["email", "sms", "phone"] as const;
export type ConsentChannel = (typeof CONSENT_CHANNELS)[number];
export type ConsentStatus = "granted" | "withdrawn";

export interface Consent {
  channel: ConsentChannel;
  /** null: never asked. */
  status: ConsentStatus | null;
  source: string | null;
  changedAt: string | null;
}

export interface MessagingSettings {
  requireOptIn: boolean;
  serviceNumber: string;
  publicUrl: string;
}

export const fetchConsents = (customerId: number) => apiRequest<{ customerId: number; consents: Consent[] }>(`/api/customers/${customerId}/consents`);

export const saveConsents = (customerId: number, change: Partial<Record<ConsentChannel, ConsentStatus>>) =>
  apiRequest<{ customerId: number; consents: Consent[] }>(`/api/customers/${customerId}/consents`, { method: "PUT", body: change });

export const fetchMessagingSettings = () => apiRequest<MessagingSettings>("/api/settings/messaging");

export const saveMessagingSettings = (s: MessagingSettings) => apiRequest<MessagingSettings>("/api/settings/messaging", { method: "PUT", body: s });

/** A send someone should look at (docs/messaging.md, "Delivery problems"). */
export interface DeliveryProblem {
  customerId: number;
  customerName: string | null;
  key: string;
  channel: string;
  to: string;
  subject: string | null;
  /** "unknown": handed to the sender but not recorded, never sent again; "failed": refused, no retry left. */
  status: "unknown" | "failed";
  error: string | null;
  createdAt: string;
}

export const fetchDeliveryProblems = () => apiRequest<{ items: DeliveryProblem[]; total: number }>("/api/messages/problems?limit=200");
