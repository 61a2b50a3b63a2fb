import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { listAudit, recordChange } from "../../audit/audit.repository.ts";
import { getSettings, setSetting } from "../../store/settings.repository.ts";
import { inTransaction } from "../../store/transaction.ts";
import { actorOf } from "../auth.ts";
import { toCsv } from "../csv.ts";
import { decodeCursor, encodeCursor, Id, Limit, Text } from "../schemas.ts";

const AuditQuery = z.object({
  userId: Id.optional(), entityType: Text(40).optional(), entityId: Text(40).optional(), customerId: Id.optional(), action: Text(60).optional(),
  from: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(), to: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
});
const AuditEntry = z.object({
  id: z.number(), at: z.date(), userId: z.number().nullable(), actor: z.string(), action: z.string(), entityType: z.string(), entityId: z.string().nullable(),
  customerId: z.number().nullable(), before: z.unknown(), after: z.unknown(), ip: z.string().nullable(),
}).meta({ id: "AuditEntry" });

const toQuery = (q: z.infer<typeof AuditQuery>) => ({
  userId: q.userId, entityType: q.entityType, entityId: q.entityId, customerId: q.customerId, action: q.action,
  from: q.from ? new Date(q.from) : undefined, to: q.to ? new Date(q.to) : undefined,
});
const toEntry = (r: Awaited<ReturnType<typeof listAudit>>[number]) => ({
  id: r.audit_id, at: r.at, userId: r.user_id, actor: r.actor, action: r.action, entityType: r.entity_type, entityId: r.entity_id,
  customerId: r.customer_id, before: r.before, after: r.after, ip: r.ip,
});

export const adminRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.db;

  app.get("/audit", {
    config: { permission: "audit:read" },
    schema: {
      tags: ["audit"], summary: "The audit log, newest first", querystring: AuditQuery.extend({ limit: Limit(100, 1000), cursor: z.string().max(100).optional() }),
      response: { 200: z.object({ items: z.array(AuditEntry), nextCursor: z.string().nullable() }) },
    },
  }, async (req) => {
    const before = decodeCursor(req.query.cursor, z.object({ id: z.number().int().positive() }));
    const rows = await listAudit(db, { ...toQuery(req.query), beforeId: before?.id, limit: req.query.limit + 1 });
    const items = rows.slice(0, req.query.limit).map(toEntry);
    return { items, nextCursor: rows.length > req.query.limit ? encodeCursor({ id: items.at(-1)!.id }) : null };
  });

  app.get("/audit/export", {
    config: { permission: "audit:read" },
    schema: { tags: ["audit"], summary: "The audit log as CSV (up to 100,000 entries, newest first)", querystring: AuditQuery.extend({ format: z.enum(["csv"]).default("csv") }) },
  }, async (req, reply) => {
    const rows = (await listAudit(db, { ...toQuery(req.query), limit: 100_000 })).map(toEntry);
    await recordChange(db, actorOf(req), { action: "audit.exported", entityType: "audit_log", entityId: null, after: { filter: req.query, entries: rows.length } });
    const header = ["id", "at", "actor", "action", "entity_type", "entity_id", "customer_id", "ip", "before", "after"];
    const body = toCsv(header, rows.map((r) => [r.id, r.at.toISOString(), r.actor, r.action, r.entityType, r.entityId, r.customerId, r.ip, JSON.stringify(r.before ?? null), JSON.stringify(r.after ?? null)]));
    return reply.type("text/csv; charset=utf-8").header("content-disposition", 'attachment; filename="audit-log.csv"').send(body);
  });

  const CostToServe = z.object({ perOrder: z.string(), perInteraction: z.string(), perComplaint: z.string() });
  const Settings = z.object({ baseCurrency: z.string(), timezone: z.string(), costToServe: CostToServe });
  app.get("/settings", { config: { permission: "signed-in" }, schema: { tags: ["settings"], summary: "Business settings", response: { 200: Settings } } }, async () => getSettings(db));

  app.patch("/settings", {
    config: { permission: "settings:manage" },
    schema: { tags: ["settings"], summary: "Change business settings", body: z.object({
      baseCurrency: z.string().max(3).optional(), timezone: z.string().max(60).optional(),
      costToServe: z.object({ perOrder: z.string().max(20), perInteraction: z.string().max(20), perComplaint: z.string().max(20) }).optional().describe("what serving a customer costs per order, interaction and complaint (base currency; all 0: not configured)"),
    }), response: { 200: Settings } },
  }, async (req) => inTransaction(db, async (trx) => {
    const before = await getSettings(trx);
    if (req.body.baseCurrency !== undefined) await setSetting(trx, "baseCurrency", req.body.baseCurrency);
    if (req.body.timezone !== undefined) await setSetting(trx, "timezone", req.body.timezone);
    if (req.body.costToServe !== undefined) await setSetting(trx, "costToServe", req.body.costToServe);
    const after = await getSettings(trx);
    await recordChange(trx, actorOf(req), { action: "settings.updated", entityType: "settings", entityId: null, before, after });
    return after;
  }));

  app.get("/health", { config: { permission: "public" }, schema: { tags: ["meta"], summary: "Liveness and store reachability" } }, async () => {
    await db.selectFrom("settings").select("key").limit(1).execute();
    return { ok: true };
  });
};
