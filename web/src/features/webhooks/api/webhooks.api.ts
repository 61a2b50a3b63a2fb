import { api } from "../../../api/client";

export const WEBHOOK_EVENTS = [
  "customer.created",
  "customer.updated",
  "customer.state_changed",
  "customer.merged",
  "customer.erased",
  "interaction.created",
  "orders.imported",
] as const;

export interface Webhook {
  id: number;
  url: string;
  events: string[];
  active: boolean;
  description: string | null;
  createdAt: string;
}

/** The answer to creating a hook: with its signing secret, shown this once. */
export interface CreatedWebhook extends Webhook {
  secret: string;
}

export interface Delivery {
  id: number;
  event: string;
  status: "pending" | "delivered" | "failed";
  attempts: number;
  lastStatus: number | null;
  lastError: string | null;
  createdAt: string;
  deliveredAt: string | null;
}

export const fetchWebhooks = async () => (await api.get<{ items: Webhook[] }>("/api/webhooks")).items;
export const createWebhook = (input: { url: string; events: string[]; description?: string }) => api.post<CreatedWebhook>("/api/webhooks", input);
export const updateWebhook = (id: number, patch: { active?: boolean }) => api.patch<Webhook>(`/api/webhooks/${id}`, patch);
export const deleteWebhook = (id: number) => api.delete(`/api/webhooks/${id}`);
export const fetchDeliveries = async (id: number) => (await api.get<{ items: Delivery[] }>(`/api/webhooks/${id}/deliveries`)).items;
