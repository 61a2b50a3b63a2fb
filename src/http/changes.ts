import type { FastifyRequest } from "fastify";
import type { Kysely } from "kysely";
import { recordChange, type Change } from "../audit/audit.repository.ts";
import type { Database } from "../store/schema.ts";
import { enqueueEvent } from "../webhooks/outbox.ts";
import type { WebhookEvent } from "../webhooks/webhooks.repository.ts";
import { actorOf } from "./auth.ts";

/**
 * Records a change made through the API: the audit entry, and the webhook event when the
 * change is one subscribers hear of. Called inside the change's transaction, so both exist
 * if and only if the change committed.
 */
export async function recordRequestChange(
  trx: Kysely<Database>,
  req: FastifyRequest,
  change: Change,
  event?: { name: WebhookEvent; data: Record<string, unknown> },
): Promise<void> {
  await recordChange(trx, actorOf(req), change);
  if (event) await enqueueEvent(trx, event.name, { ...event.data, actor: actorOf(req).label });
}
