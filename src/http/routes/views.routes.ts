import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { recordChange } from "../../audit/audit.repository.ts";
import { RetainError } from "../../errors.ts";
import { inTransaction } from "../../store/transaction.ts";
import { actorOf, principalOf } from "../auth.ts";
import { IdParams, Text } from "../schemas.ts";

const View = z.object({ id: z.number(), page: z.string(), name: z.string(), query: z.record(z.string(), z.unknown()), shared: z.boolean(), mine: z.boolean(), owner: z.string() }).meta({ id: "SavedView" });
const Page = z.string().trim().regex(/^[a-z][a-z0-9-]{0,39}$/, "must be a page name like customers");

/** Saved list views: a name for a set of filters and a sort, one's own or shared with everyone. */
export const viewRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.db;
  const tags = ["views"];

  app.get("/views", {
    config: { permission: "signed-in" },
    schema: { tags, summary: "My saved views of a page, and the shared ones", querystring: z.object({ page: Page }), response: { 200: z.object({ items: z.array(View) }) } },
  }, async (req) => {
    const me = principalOf(req).userId;
    const rows = await db.selectFrom("saved_views as v").innerJoin("users as u", "u.user_id", "v.user_id")
      .select(["v.view_id", "v.page", "v.name", "v.query", "v.shared", "v.user_id", "u.name as owner"])
      .where("v.page", "=", req.query.page).where((eb) => eb.or([eb("v.user_id", "=", me), eb("v.shared", "=", true)]))
      .orderBy("v.name").execute();
    return { items: rows.map((r) => ({ id: r.view_id, page: r.page, name: r.name, query: r.query, shared: r.shared, mine: r.user_id === me, owner: r.owner })) };
  });

  app.post("/views", {
    config: { permission: "signed-in" },
    schema: {
      tags, summary: "Save a view (a view of the same name is replaced)",
      body: z.object({ page: Page, name: Text(80).pipe(z.string().min(1)), query: z.record(z.string().max(40), z.union([z.string().max(1000), z.number(), z.boolean(), z.array(z.string().max(200)).max(50), z.null()])), shared: z.boolean().default(false) }),
      response: { 201: View },
    },
  }, async (req, reply) => {
    const p = principalOf(req);
    if (Object.keys(req.body.query).length > 30) throw new RetainError("BAD_INPUT", "A view holds at most 30 settings.", { field: "body.query" });
    const row = await inTransaction(db, async (trx) => {
      const row = await trx.insertInto("saved_views")
        .values({ user_id: p.userId, page: req.body.page, name: req.body.name, query: JSON.stringify(req.body.query), shared: req.body.shared })
        .onConflict((oc) => oc.columns(["user_id", "page", "name"]).doUpdateSet({ query: JSON.stringify(req.body.query), shared: req.body.shared }))
        .returning(["view_id", "page", "name", "query", "shared"]).executeTakeFirstOrThrow();
      await recordChange(trx, actorOf(req), { action: "view.saved", entityType: "saved_view", entityId: row.view_id, after: req.body });
      return row;
    });
    return reply.status(201).send({ id: row.view_id, page: row.page, name: row.name, query: row.query, shared: row.shared, mine: true, owner: p.name });
  });

  app.delete("/views/:id", { config: { permission: "signed-in" }, schema: { tags, summary: "Delete one of my views", params: IdParams } }, async (req, reply) => {
    await inTransaction(db, async (trx) => {
      const gone = await trx.deleteFrom("saved_views").where("view_id", "=", req.params.id).where("user_id", "=", principalOf(req).userId).returningAll().executeTakeFirst();
      if (!gone) throw new RetainError("NOT_FOUND", `You have no saved view ${req.params.id}.`, { field: "id" });
      await recordChange(trx, actorOf(req), { action: "view.deleted", entityType: "saved_view", entityId: req.params.id, before: { name: gone.name, page: gone.page } });
    });
    return reply.status(204).send();
  });
};
