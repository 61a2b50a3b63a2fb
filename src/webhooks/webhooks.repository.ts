import { randomBytes } from "node:crypto";
import { sql, type Kysely, type Selectable } from "kysely";
import { RetainError } from "../errors.ts";
import type { Database, WebhookDeliveriesTable, WebhooksTable } from "../store/schema.ts";

type Db = Kysely<Database>;

/** The events a hook can subscribe to; "*" subscribes to all of them. */
export const WEBHOOK_EVENTS = [
  "customer.created",
  "customer.updated",
  "customer.state_changed",
  "customer.merged",
  "customer.erased",
  "interaction.created",
  "orders.imported",
] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];
export const ALL_EVENTS = "*";

/** A hook as the API shows it: never with its secret. */
export interface Webhook {
  id: number;
  url: string;
  events: string[];
  active: boolean;
  description: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface WebhookDelivery {
  id: number;
  webhookId: number;
  eventId: string;
  event: string;
  payload: Record<string, unknown>;
  status: "pending" | "delivered" | "failed";
  attempts: number;
  nextAttemptAt: Date;
  lastStatus: number | null;
  lastError: string | null;
  createdAt: Date;
  deliveredAt: Date | null;
}

export interface WebhookInput {
  url: string;
  events: readonly string[];
  active?: boolean;
  description?: string | null;
}

const toWebhook = (r: Omit<Selectable<WebhooksTable>, "secret">): Webhook => ({
  id: r.webhook_id,
  url: r.url,
  events: r.events,
  active: r.active,
  description: r.description,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

const toDelivery = (r: Selectable<WebhookDeliveriesTable>): WebhookDelivery => ({
  id: r.delivery_id,
  webhookId: r.webhook_id,
  eventId: r.event_id,
  event: r.event,
  payload: r.payload,
  status: r.status,
  attempts: r.attempts,
  nextAttemptAt: r.next_attempt_at,
  lastStatus: r.last_status,
  lastError: r.last_error,
  createdAt: r.created_at,
  deliveredAt: r.delivered_at,
});

const PUBLIC_COLUMNS = ["webhook_id", "url", "events", "active", "description", "created_at", "updated_at"] as const;

/** A new signing secret: `whsec_` and 32 random bytes, base64url. */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString("base64url")}`;
}

function checkUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    throw new RetainError("BAD_INPUT", `"${url}" is not a URL.`, { field: "url", hint: "Give a full address such as https://example.com/hooks/retain." });
  }
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:") {
    throw new RetainError("BAD_INPUT", `A webhook URL must start with https:// or http:// (got ${parsed.protocol}).`, { field: "url" });
  }
  if (parsed.username || parsed.password) {
    throw new RetainError("BAD_INPUT", "A webhook URL must not carry a user name or password.", { field: "url", hint: "Check the signature header instead." });
  }
  return parsed.toString();
}

function checkEvents(events: readonly string[]): string[] {
  if (!Array.isArray(events) || events.length === 0) {
    throw new RetainError("BAD_INPUT", `Choose at least one event (${WEBHOOK_EVENTS.join(", ")}) or "*" for all.`, { field: "events" });
  }
  const unknown = events.filter((e) => e !== ALL_EVENTS && !(WEBHOOK_EVENTS as readonly string[]).includes(e));
  if (unknown.length > 0) {
    throw new RetainError("BAD_INPUT", `Unknown webhook event ${unknown.map((e) => `"${e}"`).join(", ")} (one of ${WEBHOOK_EVENTS.join(", ")}, or "*").`, { field: "events" });
  }
  // "*" already means every event: storing it alone keeps the list honest.
  return events.includes(ALL_EVENTS) ? [ALL_EVENTS] : [...new Set(events)];
}

/** Creates a hook. The secret is returned here and never again: show it to the admin once. */
export async function createWebhook(db: Db, input: WebhookInput): Promise<{ webhook: Webhook; secret: string }> {
  const secret = newWebhookSecret();
  const row = await db.insertInto("webhooks").values({
    url: checkUrl(input.url),
    events: checkEvents(input.events),
    active: input.active ?? true,
    description: input.description ?? null,
    secret,
  }).returning(PUBLIC_COLUMNS).executeTakeFirstOrThrow();
  return { webhook: toWebhook(row), secret };
}

export async function listWebhooks(db: Db): Promise<Webhook[]> {
  const rows = await db.selectFrom("webhooks").select(PUBLIC_COLUMNS).orderBy("webhook_id").execute();
  return rows.map(toWebhook);
}

export async function getWebhook(db: Db, webhookId: number): Promise<Webhook> {
  const row = await db.selectFrom("webhooks").select(PUBLIC_COLUMNS).where("webhook_id", "=", webhookId).executeTakeFirst();
  if (!row) throw notFound(webhookId);
  return toWebhook(row);
}

/** Changes a hook's url, events, active flag or description; fields left out stay. */
export async function updateWebhook(db: Db, webhookId: number, patch: Partial<WebhookInput>): Promise<Webhook> {
  const row = await db.updateTable("webhooks").set({
    ...(patch.url !== undefined && { url: checkUrl(patch.url) }),
    ...(patch.events !== undefined && { events: checkEvents(patch.events) }),
    ...(patch.active !== undefined && { active: patch.active }),
    ...(patch.description !== undefined && { description: patch.description }),
    updated_at: sql`now()`,
  }).where("webhook_id", "=", webhookId).returning(PUBLIC_COLUMNS).executeTakeFirst();
  if (!row) throw notFound(webhookId);
  return toWebhook(row);
}

/** Deletes a hook with its deliveries (pending ones are never sent). */
export async function deleteWebhook(db: Db, webhookId: number): Promise<void> {
  const res = await db.deleteFrom("webhooks").where("webhook_id", "=", webhookId).executeTakeFirst();
  if (res.numDeletedRows === 0n) throw notFound(webhookId);
}

/** A hook's deliveries, newest first; page with `beforeId` (the last id seen). */
export async function listDeliveries(db: Db, webhookId: number, opts: { beforeId?: number; limit?: number } = {}): Promise<WebhookDelivery[]> {
  await getWebhook(db, webhookId);
  let q = db.selectFrom("webhook_deliveries").selectAll().where("webhook_id", "=", webhookId);
  if (opts.beforeId !== undefined) q = q.where("delivery_id", "<", opts.beforeId);
  const rows = await q.orderBy("delivery_id", "desc").limit(Math.min(Math.max(opts.limit ?? 50, 1), 500)).execute();
  return rows.map(toDelivery);
}

const notFound = (id: number) => new RetainError("NOT_FOUND", `No webhook with id ${id}.`, { field: "webhookId" });
