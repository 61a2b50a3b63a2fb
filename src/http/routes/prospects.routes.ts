import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { BUYING_SIGNALS, LEAD_SOURCES, PERSUASION_TYPES, PROSPECT_STATES } from "../../retention/prospects/prospect-catalog.ts";
import { countProspects, prospectRows, type ProspectCursor } from "../../retention/prospects/prospects.repository.ts";
import { convertProspect, createProspect, getProspect, toProspect, updateProspect } from "../../retention/prospects/prospects.service.ts";
import { inTransaction } from "../../store/transaction.ts";
import { principalOf } from "../auth.ts";
import { recordRequestChange } from "../changes.ts";
import { CustomerKind, Email, Phone } from "../customer-view.ts";
import { assertAssignable, assertCustomerAccess, isScoped } from "../permissions.ts";
import { decodeCursor, encodeCursor, Id, IdParams, Limit, Text } from "../schemas.ts";

/**
 * Prospects (docs/prospects.md): potential and target customers with their lead source,
 * buying signals, persuasion and look-alike score; creating one, working on it, and
 * converting it to a customer. Agents see and change the prospects of their book only.
 */
const tags = ["prospects"];

const LeadSource = z.enum(LEAD_SOURCES);
const Signal = z.enum(BUYING_SIGNALS);
const PersuasionType = z.enum(PERSUASION_TYPES);
const Signals = z.array(Signal).max(BUYING_SIGNALS.length * 2).describe("the whole checklist of buying signals seen; those left out are cleared");

const Prospect = z.object({
  id: z.number(), kind: CustomerKind, name: z.string().nullable(), externalId: z.string().nullable(), email: z.string().nullable(), phone: z.string().nullable(),
  state: z.string(), owner: z.object({ id: z.number(), name: z.string() }).nullable(), referredBy: z.object({ id: z.number(), name: z.string().nullable() }).nullable(),
  sourceChannel: z.string().nullable(), leadSource: LeadSource.nullable(), signals: z.array(Signal),
  readiness: z.number().describe("share of the buying signals seen, 0..1"),
  persuasionType: PersuasionType.nullable(), persuasionNote: z.string().nullable(),
  lookAlike: z.object({ score: z.number(), runId: z.number(), asOf: z.string() }).nullable().describe("the latest model run's look-alike score (docs/prediction.md); null: not scored"),
  convertedAt: z.date().nullable(), lookAlikeAtConversion: z.number().nullable(), createdAt: z.date(), updatedAt: z.date(),
}).meta({ id: "Prospect" });

const Details = {
  leadSource: LeadSource.nullable().optional(),
  signals: Signals.optional(),
  persuasionType: PersuasionType.nullable().optional(),
  persuasionNote: Text(2000).nullable().optional(),
  referredBy: Id.nullable().optional().describe("the customer who introduced this one"),
};

const Cursor = z.object({ k: z.number(), id: z.number().int() });

export const prospectRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app;

  app.get("/prospects", {
    config: { permission: "customers:read" },
    schema: {
      tags, summary: "Potential and target customers (or converted ones), sorted by readiness, look-alike or newest; agents: their book",
      querystring: z.object({
        state: z.enum([...PROSPECT_STATES, "converted"]).optional(),
        leadSource: LeadSource.optional(),
        ownerId: z.union([z.literal("none"), Id]).optional(),
        minLookAlike: z.coerce.number().min(0).max(1).optional(),
        sort: z.enum(["newest", "readiness", "lookalike"]).default("newest"),
        limit: Limit(50, 200),
        cursor: z.string().max(200).optional(),
      }),
      response: { 200: z.object({ items: z.array(Prospect), total: z.number(), nextCursor: z.string().nullable() }) },
    },
  }, async (req) => {
    const p = principalOf(req);
    const { sort, limit, cursor, ...filters } = req.query;
    const f = { ...filters, scope: isScoped(p) ? { userId: p.userId, team: p.team } : null };
    const after: ProspectCursor | undefined = decodeCursor(cursor, Cursor);
    const [page, total] = await Promise.all([prospectRows(db, f, { sort, limit, after }), countProspects(db, f)]);
    return { items: page.rows.map(toProspect), total, nextCursor: page.next ? encodeCursor(page.next) : null };
  });

  app.post("/prospects", {
    config: { permission: "customers:write" },
    schema: {
      tags, summary: "Create a prospect: a customer in state potential or target, with its details",
      body: z.object({
        state: z.enum(PROSPECT_STATES).default("potential"), name: Text(200).pipe(z.string().min(1)), kind: CustomerKind.optional(),
        externalId: Text(100).pipe(z.string().min(1)).optional(), email: Email.optional(), phone: Phone.optional(),
        ownerId: Id.nullable().optional(), sourceChannel: Text(100).optional(), ...Details,
      }),
      response: { 201: Prospect },
    },
  }, async (req, reply) => {
    const p = principalOf(req);
    // An agent's new prospect is theirs unless they give it to a teammate.
    const ownerId = req.body.ownerId !== undefined ? req.body.ownerId : isScoped(p) ? p.userId : null;
    await assertAssignable(db, p, ownerId);
    const created = await inTransaction(db, async (trx) => {
      const id = await createProspect(trx, { ...req.body, ownerId }, { userId: p.userId });
      const prospect = await getProspect(trx, id);
      await recordRequestChange(trx, req, { action: "prospect.created", entityType: "prospect", entityId: id, customerId: id, after: prospect });
      return prospect;
    });
    return reply.code(201).send(created);
  });

  app.get("/prospects/:id", {
    config: { permission: "customers:read" },
    schema: { tags, summary: "One prospect (or a converted one)", params: IdParams, response: { 200: Prospect } },
  }, async (req) => {
    await assertCustomerAccess(db, principalOf(req), req.params.id);
    return getProspect(db, req.params.id);
  });

  app.patch("/prospects/:id", {
    config: { permission: "customers:write" },
    schema: {
      tags, summary: "Change a prospect's details or signals, or move it between potential and target (409 if it is not a prospect)",
      params: IdParams, body: z.object({ state: z.enum(PROSPECT_STATES).optional(), ...Details }), response: { 200: Prospect },
    },
  }, async (req) => {
    const p = principalOf(req);
    await assertCustomerAccess(db, p, req.params.id);
    return inTransaction(db, async (trx) => {
      const { before, after } = await updateProspect(trx, req.params.id, req.body, { userId: p.userId });
      await recordRequestChange(trx, req, { action: "prospect.updated", entityType: "prospect", entityId: req.params.id, customerId: req.params.id, before, after });
      return after;
    });
  });

  app.post("/prospects/:id/convert", {
    config: { permission: "customers:write" },
    schema: {
      tags, summary: "Make a prospect a customer (state current); it keeps its id and history (409 if it is not a prospect)",
      params: IdParams, body: z.object({ reason: Text(200).optional() }).optional(), response: { 200: Prospect },
    },
  }, async (req) => {
    const p = principalOf(req);
    await assertCustomerAccess(db, p, req.params.id);
    return inTransaction(db, async (trx) => {
      const { before, after } = await convertProspect(trx, req.params.id, { userId: p.userId, reason: req.body?.reason });
      await recordRequestChange(trx, req, { action: "prospect.converted", entityType: "prospect", entityId: req.params.id, customerId: req.params.id, before, after });
      return after;
    });
  });
};
