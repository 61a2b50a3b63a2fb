import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  decideSuggestion, getSuggestion, listSuggestions, MAX_REWARD_POINTS, recordSuggestion, SUGGESTION_CHANNELS, SUGGESTION_STATUSES, suggestionCounts,
} from "../../retention/community/suggestions.service.ts";
import { inTransaction } from "../../store/transaction.ts";
import { actorOf, principalOf } from "../auth.ts";
import { recordRequestChange } from "../changes.ts";
import { assertCustomerAccess, isScoped } from "../permissions.ts";
import { Id, IdParams, Limit, Text } from "../schemas.ts";

/**
 * The community plan (docs/prospects.md, "Community plan"): customers' suggestions recorded
 * by the staff who look after them, decided on and rewarded once by managers.
 */
const tags = ["community"];
const Status = z.enum(SUGGESTION_STATUSES);

const Suggestion = z.object({
  id: z.number(), customerId: z.number(), customerName: z.string().nullable(), receivedAt: z.date(), channel: z.string(), text: z.string(),
  status: Status, rewardPoints: z.number().nullable(), rewardNote: z.string().nullable(), rewarded: z.boolean(),
  decidedBy: z.object({ id: z.number(), name: z.string() }).nullable(), decidedAt: z.date().nullable(), createdBy: z.number().nullable(),
  member: z.boolean().describe("whether the customer is a member of the programme, so can be given points"),
}).meta({ id: "Suggestion" });

const Page = z.object({ items: z.array(Suggestion), nextBeforeId: z.number().nullable() });

export const suggestionRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app;
  const scopeOf = (req: Parameters<typeof principalOf>[0]) => {
    const p = principalOf(req);
    return isScoped(p) ? { userId: p.userId, team: p.team } : null;
  };

  app.get("/suggestions", {
    config: { permission: "customers:read" },
    schema: {
      tags, summary: "Customers' suggestions, newest first, with the count in each status; agents: their book",
      querystring: z.object({ status: Status.optional(), limit: Limit(50, 200), beforeId: Id.optional() }),
      response: { 200: Page.extend({ counts: z.record(Status, z.number()) }) },
    },
  }, async (req) => {
    const scope = scopeOf(req);
    const [page, counts] = await Promise.all([listSuggestions(db, { ...req.query, scope }), suggestionCounts(db, scope)]);
    return { ...page, counts };
  });

  app.get("/customers/:id/suggestions", {
    config: { permission: "customers:read" },
    schema: { tags, summary: "One customer's suggestions, newest first", params: IdParams, querystring: z.object({ limit: Limit(50, 200), beforeId: Id.optional() }), response: { 200: Page } },
  }, async (req) => {
    await assertCustomerAccess(db, principalOf(req), req.params.id);
    return listSuggestions(db, { ...req.query, customerId: req.params.id });
  });

  app.post("/customers/:id/suggestions", {
    config: { permission: "customers:write" },
    schema: {
      tags, summary: "Record a customer's suggestion",
      params: IdParams,
      body: z.object({ channel: z.enum(SUGGESTION_CHANNELS), text: Text(4000).pipe(z.string().min(1)), receivedAt: z.iso.datetime({ offset: true }).optional() }),
      response: { 201: Suggestion },
    },
  }, async (req, reply) => {
    const p = principalOf(req);
    await assertCustomerAccess(db, p, req.params.id);
    const created = await inTransaction(db, async (trx) => {
      const s = await recordSuggestion(trx, req.params.id, { ...req.body, receivedAt: req.body.receivedAt ? new Date(req.body.receivedAt) : undefined }, { userId: p.userId });
      await recordRequestChange(trx, req, { action: "suggestion.recorded", entityType: "suggestion", entityId: s.id, customerId: s.customerId, after: s });
      return s;
    });
    return reply.code(201).send(created);
  });

  app.post("/suggestions/:id/decision", {
    config: { permission: "actions:manage" },
    schema: {
      tags, summary: "Decide on a suggestion and reward it once: membership points (members only) and/or a note",
      params: IdParams,
      body: z.object({
        status: z.enum(["accepted", "implemented", "declined"]),
        rewardPoints: z.number().int().min(1).max(MAX_REWARD_POINTS).optional(),
        rewardNote: Text(500).optional(),
      }),
      response: { 200: Suggestion },
    },
  }, async (req) => {
    await getSuggestion(db, req.params.id);
    return inTransaction(db, async (trx) => {
      const { before, after } = await decideSuggestion(trx, req.params.id, req.body, actorOf(req));
      await recordRequestChange(trx, req, { action: "suggestion.decided", entityType: "suggestion", entityId: after.id, customerId: after.customerId, before, after });
      return after;
    });
  });
};
