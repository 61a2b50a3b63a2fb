import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { Kysely } from "kysely";
import { z } from "zod";
import { setConsent } from "../../messages/consent.ts";
import { getMessagingSettings, MESSAGING_KEY, MessagingSettingsSchema, putMessagingSettings } from "../../messages/messaging-settings.ts";
import { deliveryProblems } from "../../messages/outbox.ts";
import type { Database } from "../../store/schema.ts";
import { inTransaction } from "../../store/transaction.ts";
import { principalOf } from "../auth.ts";
import { recordRequestChange } from "../changes.ts";
import { assertCustomerAccess } from "../permissions.ts";
import { IdParams } from "../schemas.ts";

/**
 * A customer's consent to be contacted, per channel, as staff record it (docs/messaging.md,
 * "Consent"), and the business's messaging settings. A withdrawal recorded here is respected
 * by every campaign and journey, like one made through an unsubscribe link.
 */
const tags = ["messaging"];
export const CONSENT_CHANNELS = ["email", "sms", "phone"] as const;
type Channel = (typeof CONSENT_CHANNELS)[number];
const Status = z.enum(["granted", "withdrawn"]);

const Consent = z.object({
  channel: z.enum(CONSENT_CHANNELS),
  status: Status.nullable().describe("null: never asked"),
  source: z.string().nullable().describe("how it was recorded: staff, unsubscribe_link, import, …"),
  changedAt: z.string().nullable(),
}).meta({ id: "Consent" });
const Consents = z.object({ customerId: z.number(), consents: z.array(Consent) }).meta({ id: "Consents" });

async function consentsView(db: Kysely<Database>, customerId: number): Promise<z.infer<typeof Consents>> {
  const rows = await db.selectFrom("contact_consents").select(["channel", "status", "source", "changed_at"]).where("customer_id", "=", customerId).execute();
  const by = new Map(rows.map((r) => [r.channel, r]));
  return {
    customerId,
    consents: CONSENT_CHANNELS.map((channel) => {
      const r = by.get(channel);
      return { channel, status: r?.status ?? null, source: r?.source ?? null, changedAt: r ? new Date(r.changed_at).toISOString() : null };
    }),
  };
}

export const messagingRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app;

  app.get("/customers/:id/consents", {
    config: { permission: "customers:read" },
    schema: { tags, summary: "A customer's consent to be contacted by e-mail, SMS and phone", params: IdParams, response: { 200: Consents } },
  }, async (req) => {
    await assertCustomerAccess(db, principalOf(req), req.params.id);
    return consentsView(db, req.params.id);
  });

  app.put("/customers/:id/consents", {
    config: { permission: "customers:write" },
    schema: {
      tags, summary: "Record a customer's consent on some channels (granted or withdrawn), as told to staff",
      params: IdParams,
      body: z.object({ email: Status.optional(), sms: Status.optional(), phone: Status.optional() }).strict()
        .refine((b) => Object.keys(b).length > 0, { message: "give the status of at least one channel: email, sms or phone", path: ["email"] }),
      response: { 200: Consents },
    },
  }, async (req) => {
    const id = req.params.id;
    await assertCustomerAccess(db, principalOf(req), id);
    return inTransaction(db, async (trx) => {
      const before = await consentsView(trx, id);
      const at = new Date();
      for (const channel of CONSENT_CHANNELS) {
        const status = req.body[channel as Channel];
        if (status && before.consents.find((c) => c.channel === channel)?.status !== status) await setConsent(trx, id, channel, status, "staff", at);
      }
      const after = await consentsView(trx, id);
      await recordRequestChange(trx, req, { action: "customer.consents_updated", entityType: "customer", entityId: id, customerId: id, before: before.consents, after: after.consents });
      return after;
    });
  });

  app.get("/messages/problems", {
    config: { permission: "settings:manage" },
    schema: {
      tags, summary: "Sends someone should look at: outcome unknown (never sent again) or refused with no retry left, newest first",
      querystring: z.object({ limit: z.coerce.number().int().min(1).max(1000).default(200) }),
      response: {
        200: z.object({
          items: z.array(z.object({
            customerId: z.number(), customerName: z.string().nullable(), key: z.string().describe("the send key, e.g. campaign-12 or journey-40-all-welcome"),
            channel: z.string(), to: z.string(), subject: z.string().nullable(), status: z.enum(["unknown", "failed"]), error: z.string().nullable(), createdAt: z.string(),
          })),
          total: z.number(),
        }),
      },
    },
  }, async (req) => deliveryProblems(db, { limit: req.query.limit }));

  app.get("/settings/messaging", {
    config: { permission: "settings:manage" },
    schema: { tags, summary: "The messaging settings: opt-in rule, service number, public address for links", response: { 200: MessagingSettingsSchema } },
  }, async () => getMessagingSettings(db));

  app.put("/settings/messaging", {
    config: { permission: "settings:manage" },
    schema: { tags, summary: "Replace the messaging settings", body: MessagingSettingsSchema, response: { 200: MessagingSettingsSchema } },
  }, async (req) => inTransaction(db, async (trx) => {
    const before = await getMessagingSettings(trx);
    const after = await putMessagingSettings(trx, req.body);
    await recordRequestChange(trx, req, { action: "settings.messaging", entityType: "settings", entityId: MESSAGING_KEY, before, after });
    return after;
  }));
};
