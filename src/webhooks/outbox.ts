import { randomUUID } from "node:crypto";
import { sql, type Kysely } from "kysely";
import type { Database } from "../store/schema.ts";
import { ALL_EVENTS, type WebhookEvent } from "./webhooks.repository.ts";

/** The body every hook receives. */
export interface EventPayload<T = unknown> {
  /** The event's id: the same for every hook it goes to, so a receiver can drop repeats. */
  id: string;
  event: WebhookEvent;
  /** When the change happened (ISO 8601). */
  at: string;
  data: T;
}

/**
 * Queues an event for every active hook subscribed to it, in one statement, inside the
 * caller's transaction: the event is sent if and only if the change commits. With no hooks
 * the statement inserts nothing. Events about one customer put `customerId` at the top of
 * `data`: an erasure request finds and scrubs queued payloads by it.
 * Returns how many deliveries were queued.
 */
export async function enqueueEvent(db: Kysely<Database>, event: WebhookEvent, data: unknown): Promise<number> {
  const payload: EventPayload = { id: randomUUID(), event, at: new Date().toISOString(), data };
  const res = await sql`insert into webhook_deliveries (webhook_id, event_id, event, payload)
    select webhook_id, ${payload.id}, ${event}, ${JSON.stringify(payload)}::jsonb
    from webhooks
    where active and events && array[${event}, ${ALL_EVENTS}]::text[]`.execute(db);
  return Number(res.numAffectedRows ?? 0);
}
