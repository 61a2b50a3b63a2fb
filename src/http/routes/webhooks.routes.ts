import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { recordChange } from "../../audit/audit.repository.ts";
import { inTransaction } from "../../store/transaction.ts";
import { createWebhook, deleteWebhook, getWebhook, listDeliveries, listWebhooks, updateWebhook } from "../../webhooks/webhooks.repository.ts";
import { actorOf } from "../auth.ts";
import { Id, IdParams, Limit, Text } from "../schemas.ts";

const WebhookOut = z.object({ id: z.number(), url: z.string(), events: z.array(z.string()), active: z.boolean(), description: z.string().nullable(), createdAt: z.date(), updatedAt: z.date() }).meta({ id: "Webhook" });
const Input = z.object({ url: z.string().trim().max(2000), events: z.array(z.string().max(60)).min(1).max(20), active: z.boolean().optional(), description: Text(300).nullable().optional() });

export const webhookRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.db;
  const tags = ["webhooks"];

  app.get("/webhooks", { config: { permission: "webhooks:manage" }, schema: { tags, summary: "Webhooks", response: { 200: z.object({ items: z.array(WebhookOut) }) } } }, async () => ({ items: await listWebhooks(db) }));

  app.post("/webhooks", {
    config: { permission: "webhooks:manage" },
    schema: { tags, summary: "Add a webhook (its signing secret is shown once)", body: Input, response: { 201: WebhookOut.extend({ secret: z.string() }) } },
  }, async (req, reply) => {
    const r = await inTransaction(db, async (trx) => {
      const r = await createWebhook(trx, req.body);
      await recordChange(trx, actorOf(req), { action: "webhook.created", entityType: "webhook", entityId: r.webhook.id, after: r.webhook });
      return r;
    });
    return reply.status(201).send({ ...r.webhook, secret: r.secret });
  });

  app.patch("/webhooks/:id", {
    config: { permission: "webhooks:manage" },
    schema: { tags, summary: "Change a webhook", params: IdParams, body: Input.partial(), response: { 200: WebhookOut } },
  }, async (req) => inTransaction(db, async (trx) => {
    const before = await getWebhook(trx, req.params.id);
    const after = await updateWebhook(trx, req.params.id, req.body);
    await recordChange(trx, actorOf(req), { action: "webhook.updated", entityType: "webhook", entityId: req.params.id, before, after });
    return after;
  }));

  app.delete("/webhooks/:id", { config: { permission: "webhooks:manage" }, schema: { tags, summary: "Remove a webhook and its deliveries", params: IdParams } }, async (req, reply) => {
    await inTransaction(db, async (trx) => {
      const before = await getWebhook(trx, req.params.id);
      await deleteWebhook(trx, req.params.id);
      await recordChange(trx, actorOf(req), { action: "webhook.deleted", entityType: "webhook", entityId: req.params.id, before });
    });
    return reply.status(204).send();
  });

  app.get("/webhooks/:id/deliveries", {
    config: { permission: "webhooks:manage" },
    schema: { tags, summary: "A webhook's deliveries, newest first", params: IdParams, querystring: z.object({ limit: Limit(50, 500), beforeId: Id.optional() }) },
  }, async (req) => ({ items: await listDeliveries(db, req.params.id, { limit: req.query.limit, beforeId: req.query.beforeId }) }));
};
