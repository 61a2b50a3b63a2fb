import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { countCustomers, LIST_SORTS, listCustomers, type CustomerFilter } from "../../archive/customer-list.ts";
import { createCustomer, getCustomer, setCustomerState, updateCustomer } from "../../archive/customers.service.ts";
import { RetainError } from "../../errors.ts";
import { inTransaction } from "../../store/transaction.ts";
import { principalOf } from "../auth.ts";
import { recordRequestChange } from "../changes.ts";
import { CustomerDetail, CustomerKind, CustomerState, CustomerSummary, customerDetail, Email, Phone, ProfilePatch } from "../customer-view.ts";
import { assertAssignable, assertCustomerAccess, isScoped } from "../permissions.ts";
import { decodeCursor, encodeCursor, Id, IdParams, Limit, Text } from "../schemas.ts";
import type { Principal } from "../../accounts/sessions.repository.ts";

const csv = (s: string | undefined) => (s ? s.split(",").map((x) => x.trim()).filter(Boolean) : undefined);
const Decimal = z.string().trim().regex(/^-?\d{1,15}(\.\d{1,6})?$/, "must be a number like 1200 or 99.5");
const DateOnly = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date like 2026-01-31").refine((s) => !Number.isNaN(Date.parse(s)), "is not a real date");

/** The list's filter as query parameters (also used by the export). */
export const FilterQuery = z.object({
  q: Text(200).optional(),
  state: z.string().max(200).optional().transform(csv).pipe(z.array(CustomerState).optional()),
  kind: CustomerKind.optional(),
  tag: z.string().max(1000).optional().transform(csv).pipe(z.array(z.string().max(100)).max(20).optional()),
  ownerId: z.union([z.literal("none"), Id]).optional(),
  lastPurchaseFrom: DateOnly.optional(),
  lastPurchaseTo: DateOnly.optional(),
  minSales: Decimal.optional(),
  maxSales: Decimal.optional(),
  minChurn: z.coerce.number().min(0).max(1).optional().describe("churn probability at least this, in the latest prediction run"),
  maxAlive: z.coerce.number().min(0).max(1).optional().describe("P(alive) at most this, in the latest prediction run"),
});

export function toFilter(q: z.infer<typeof FilterQuery>, p: Principal): CustomerFilter {
  return {
    q: q.q, states: q.state, kind: q.kind, tags: q.tag, ownerId: q.ownerId, lastPurchaseFrom: q.lastPurchaseFrom,
    lastPurchaseTo: q.lastPurchaseTo, minSales: q.minSales, maxSales: q.maxSales, minChurn: q.minChurn, maxAlive: q.maxAlive,
    scope: isScoped(p) ? { userId: p.userId, team: p.team } : null,
  };
}

/** Where the last page ended, and the count made for the first page (`n`, `x`: exact), carried so later pages need not count again. */
const Cursor = z.object({
  k: z.union([z.string(), z.number(), z.null()]), id: z.number().int().nonnegative(), tail: z.boolean(),
  n: z.number().int().nonnegative().optional(), x: z.boolean().optional(),
});
const Tags = z.array(Text(50).pipe(z.string().min(1))).max(50);

/** Parses `If-Match: "v7"` (or W/"v7"); undefined when absent. */
function versionFromIfMatch(h: string | undefined): number | undefined {
  if (!h) return undefined;
  const m = /^(?:W\/)?"v(\d{1,9})"$/.exec(h.trim());
  if (!m) throw new RetainError("BAD_INPUT", `If-Match must be the ETag of the customer, like "v7" (got ${h.slice(0, 40)}).`, { field: "if-match" });
  return Number(m[1]);
}

export const customerRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.db;
  const tags = ["customers"];

  app.get("/customers", {
    config: { permission: "customers:read" },
    schema: {
      tags, summary: "The customer list: filtered, sorted, paged by cursor",
      querystring: FilterQuery.extend({ sort: z.enum(LIST_SORTS).default("id"), order: z.enum(["asc", "desc"]).default("asc"), limit: Limit(50, 500), cursor: z.string().max(500).optional() }),
      response: { 200: z.object({ items: z.array(CustomerSummary), nextCursor: z.string().nullable(), total: z.number(), totalExact: z.boolean() }) },
    },
  }, async (req) => {
    const q = req.query;
    const filter = toFilter(q, principalOf(req));
    const cursor = decodeCursor(q.cursor, Cursor);
    // The matches are counted for the first page only: a broad filter's count reads up to
    // 10,001 rows, many times the page itself, and the walk carries it on.
    const [page, count] = await Promise.all([
      listCustomers(db, filter, { sort: q.sort, order: q.order, limit: q.limit, cursor }),
      cursor?.n !== undefined ? { total: cursor.n, exact: cursor.x ?? false } : countCustomers(db, filter),
    ]);
    const next = page.nextCursor ? encodeCursor({ ...page.nextCursor, n: count.total, x: count.exact }) : null;
    return { items: page.items, nextCursor: next, total: count.total, totalExact: count.exact };
  });

  app.post("/customers", {
    config: { permission: "customers:write" },
    schema: {
      tags, summary: "Create a customer",
      body: z.object({
        externalId: Text(100).pipe(z.string().min(1)), kind: CustomerKind.optional(), name: Text(200).optional(), email: Email.optional(),
        phone: Phone.optional(), state: CustomerState.optional(), tags: Tags.optional(), ownerId: Id.nullable().optional(), sourceChannel: Text(100).optional(),
      }),
      response: { 201: CustomerDetail },
    },
  }, async (req, reply) => {
    const p = principalOf(req);
    // An agent's new customer is theirs unless they give it to a teammate.
    const ownerId = req.body.ownerId !== undefined ? req.body.ownerId : isScoped(p) ? p.userId : null;
    await assertAssignable(db, p, ownerId);
    const created = await inTransaction(db, async (trx) => {
      const { ownerId: _o, ...input } = req.body;
      const id = await createCustomer(trx, input, { userId: p.userId });
      if (ownerId !== null) await updateCustomer(trx, id, { ownerId }, { userId: p.userId });
      const created = customerDetail(await getCustomer(trx, id));
      await recordRequestChange(trx, req, { action: "customer.created", entityType: "customer", entityId: id, customerId: id, after: created },
        { name: "customer.created", data: { customerId: id, customer: created } });
      return created;
    });
    return reply.status(201).header("etag", `"v${created.version}"`).send(created);
  });

  app.get("/customers/:id", {
    config: { permission: "customers:read" },
    schema: { tags, summary: "One customer's whole record (the 360 view)", params: IdParams, response: { 200: CustomerDetail } },
  }, async (req, reply) => {
    await assertCustomerAccess(db, principalOf(req), req.params.id);
    const c = customerDetail(await getCustomer(db, req.params.id));
    reply.header("etag", `"v${c.version}"`);
    return c;
  });

  app.patch("/customers/:id", {
    config: { permission: "customers:write" },
    schema: {
      tags, summary: "Change a customer (send If-Match or version: a stale one is a 409)",
      params: IdParams,
      body: z.object({
        version: z.number().int().positive().optional(),
        name: Text(200).nullable().optional(), email: Email.nullable().optional(), phone: Phone.nullable().optional(), kind: CustomerKind.optional(),
        tags: Tags.optional(), profile: ProfilePatch.optional(), custom: z.record(z.string().max(64), z.union([z.string().max(2000), z.number().finite(), z.boolean(), z.null()])).optional(),
        ownerId: Id.nullable().optional(), sourceChannel: Text(100).nullable().optional(),
      }),
      response: { 200: CustomerDetail },
    },
  }, async (req, reply) => {
    const p = principalOf(req);
    await assertCustomerAccess(db, p, req.params.id);
    const { version, ...patch } = req.body;
    const expectedVersion = versionFromIfMatch(req.headers["if-match"]) ?? version;
    if (expectedVersion === undefined) {
      throw new RetainError("BAD_INPUT", "Send the version you edited (If-Match: \"v7\" or version in the body), so that someone else's change is not overwritten.", { field: "version" });
    }
    if (patch.ownerId !== undefined) await assertAssignable(db, p, patch.ownerId);
    const c = await inTransaction(db, async (trx) => {
      const r = await updateCustomer(trx, req.params.id, patch, { expectedVersion, userId: p.userId });
      if (r.version !== expectedVersion) {
        await recordRequestChange(trx, req, { action: "customer.updated", entityType: "customer", entityId: req.params.id, customerId: req.params.id, before: r.before, after: r.after },
          { name: "customer.updated", data: { customerId: req.params.id, version: r.version, changes: Object.keys(patch) } });
      }
      return customerDetail(await getCustomer(trx, req.params.id));
    });
    reply.header("etag", `"v${c.version}"`);
    return c;
  });

  app.post("/customers/:id/state", {
    config: { permission: "customers:write" },
    schema: { tags, summary: "Move a customer to another state", params: IdParams, body: z.object({ state: CustomerState, reason: Text(500).optional() }), response: { 200: CustomerDetail } },
  }, async (req) => {
    const p = principalOf(req);
    await assertCustomerAccess(db, p, req.params.id);
    return inTransaction(db, async (trx) => {
      const before = await getCustomer(trx, req.params.id);
      if (before.merged_into) throw new RetainError("CONFLICT", `Customer ${req.params.id} was merged into ${before.merged_into}; change that one.`, { field: "id" });
      const r = await setCustomerState(trx, req.params.id, req.body.state, { reason: req.body.reason, userId: p.userId });
      if (r.changed) {
        await recordRequestChange(trx, req, { action: "customer.state_changed", entityType: "customer", entityId: req.params.id, customerId: req.params.id, before: { state: before.state }, after: { state: req.body.state, reason: req.body.reason ?? null } },
          { name: "customer.state_changed", data: { customerId: req.params.id, from: before.state, to: req.body.state, reason: req.body.reason ?? null } });
      }
      return customerDetail(await getCustomer(trx, req.params.id));
    });
  });

  app.post("/customers/bulk", {
    config: { permission: "customers:write" },
    schema: {
      tags, summary: "Tag, untag or assign many customers",
      body: z.object({ ids: z.array(Id).min(1).max(1000), addTags: Tags.optional(), removeTags: Tags.optional(), ownerId: Id.nullable().optional() }),
      response: { 200: z.object({ changed: z.number(), unchanged: z.number() }) },
    },
  }, async (req) => {
    const p = principalOf(req);
    const { ids, addTags = [], removeTags = [], ownerId } = req.body;
    if (!addTags.length && !removeTags.length && ownerId === undefined) throw new RetainError("BAD_INPUT", "Say what to do: addTags, removeTags or ownerId.", { field: "body" });
    if (ownerId !== undefined) await assertAssignable(db, p, ownerId);
    const unique = [...new Set(ids)];
    for (const id of unique) await assertCustomerAccess(db, p, id);
    return inTransaction(db, async (trx) => {
      let changed = 0;
      for (const id of unique) {
        const cur = await trx.selectFrom("customers").select(["tags", "version", "merged_into"]).where("customer_id", "=", id).executeTakeFirstOrThrow();
        if (cur.merged_into) continue;
        const tagSet = new Set(cur.tags);
        addTags.forEach((t) => tagSet.add(t));
        removeTags.forEach((t) => tagSet.delete(t));
        const r = await updateCustomer(trx, id, { tags: [...tagSet], ...(ownerId !== undefined ? { ownerId } : {}) }, { userId: p.userId });
        if (r.version === cur.version) continue;
        changed++;
        await recordRequestChange(trx, req, {
          action: "customer.updated", entityType: "customer", entityId: id, customerId: id,
          before: { tags: r.before.tags, ownerId: r.before.owner_id }, after: { tags: r.after.tags, ownerId: r.after.owner_id },
        }, { name: "customer.updated", data: { customerId: id, version: r.version, changes: ["tags", ...(ownerId !== undefined ? ["ownerId"] : [])] } });
      }
      return { changed, unchanged: unique.length - changed };
    });
  });

  app.get("/search", {
    config: { permission: "customers:read" },
    schema: { tags, summary: "Find customers by name, phone, e-mail or external id", querystring: z.object({ q: Text(200), limit: Limit(10, 50) }), response: { 200: z.object({ items: z.array(CustomerSummary) }) } },
  }, async (req) => {
    const p = principalOf(req);
    if (!req.query.q) return { items: [] };
    const page = await listCustomers(db, { q: req.query.q, scope: isScoped(p) ? { userId: p.userId, team: p.team } : null }, { sort: "id", limit: req.query.limit });
    return { items: page.items };
  });

  app.get("/tags", {
    config: { permission: "customers:read" },
    schema: { tags, summary: "Tags in use, with how many customers carry each", response: { 200: z.object({ items: z.array(z.object({ tag: z.string(), customers: z.number() })) }) } },
  }, async () => {
    const rows = await db.selectFrom((eb) => eb.selectFrom("customers").select((e) => e.fn<string>("unnest", ["tags"]).as("tag")).where("merged_into", "is", null).as("t"))
      .select(["t.tag", (e) => e.fn.countAll<string>().as("n")]).groupBy("t.tag").orderBy("n", "desc").orderBy("t.tag").limit(1000).execute();
    return { items: rows.map((r) => ({ tag: r.tag, customers: Number(r.n) })) };
  });
};
