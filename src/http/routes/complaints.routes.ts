import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { ComplaintSettingsSchema, getComplaintSettings, SEVERITIES, setComplaintSettings } from "../../retention/complaints/complaint-settings.ts";
import { complaintDetail, listComplaints, openComplaint, recordEvent, type ComplaintDetail as Detail, type Staff } from "../../retention/complaints/complaints.service.ts";
import { addPraise, recognitionReport } from "../../retention/complaints/praise.service.ts";
import { actorOf, principalOf } from "../auth.ts";
import { assertCustomerAccess, isScoped } from "../permissions.ts";
import { decodeCursor, encodeCursor, Id, IdParams, Limit, Text } from "../schemas.ts";

/**
 * Complaints and service recovery (DOMAIN §6; docs/complaints.md):
 * the list with SLA clocks, opening a complaint, recording the six recovery steps, the
 * complaint settings, and praise for staff with its recognition report.
 */
const Instant = z.iso.datetime({ offset: true });
const Severity = z.enum(SEVERITIES);

const SlaView = z.object({
  state: z.enum(["running", "paused", "warning", "breached", "met", "missed"]),
  targetMinutes: z.number(), elapsedMinutes: z.number(), remainingMinutes: z.number(),
  dueAt: z.string().nullable(), warnAt: z.string().nullable(),
}).meta({ id: "SlaView" });

const Summary = z.object({
  customerId: z.number(), complaintId: z.number(), customerName: z.string().nullable(), customerExternalId: z.string().nullable(),
  openedAt: z.string(), channel: z.string(), category: z.string().nullable(), severity: Severity,
  description: z.string().nullable().describe("the customer's own words"),
  orderNo: z.string().nullable(), product: z.string().nullable(),
  status: z.string().describe("the recovery status (new … closed), or legacy_open / legacy_resolved / legacy_closed for an imported complaint with no recovery history yet"),
  closure: z.object({ kind: z.enum(["resolved", "withdrawn", "rejected"]), at: z.string() }).nullable(),
  handlerId: z.number().nullable(), reopenings: z.number(), paused: z.boolean(),
  sla: z.object({ firstResponse: SlaView, resolution: SlaView }),
  missingHolidayYears: z.array(z.number()).describe("years the working calendar has no holiday data for"),
  origin: z.enum(["retain", "import", "public_form"]).describe("where the complaint came from: opened in retain, imported, or filed through the public form"),
  rootCause: z.string().nullable().describe("the root cause's key: the case's (recovery.rootCause), or one imported with the complaint"),
});
const ComplaintSummary = Summary.meta({ id: "ComplaintSummary" });
const ComplaintDetail = Summary.extend({
  recovery: z.record(z.string(), z.unknown()).nullable().describe("the ComplaintCase of src/domain/complaints (null for an imported complaint)"),
  events: z.array(z.object({ seq: z.number(), type: z.string(), at: z.string(), actorId: z.number().nullable(), actorName: z.string().nullable(), event: z.record(z.string(), z.unknown()) })),
  nextSteps: z.array(z.string()).describe("the event types the signed-in user may record now"),
  approvers: z.array(z.string()).describe("roles that could approve the pending fix, [] when none is pending"),
  version: z.number().describe("send back with each event (optimistic concurrency)"),
}).meta({ id: "ComplaintDetail" });

const Reason = Text(2000);
const at = Instant.optional().describe("when it happened, to back-date (not before the last event); default now");
const Event = z.discriminatedUnion("type", [
  z.object({ type: z.literal("apologised"), text: Text(5000), at }),
  z.object({ type: z.literal("heard"), account: Text(10_000), openQuestions: z.array(Text(1000)).max(50), at }),
  z.object({
    type: z.literal("fix_proposed"), finding: z.enum(["founded", "unfounded", "partly", "undetermined"]), demand: z.enum(["reasonable", "unreasonable"]),
    demandReason: Reason, fix: Text(5000), compensation: z.string().max(30).describe("a decimal amount such as \"150.00\""), at,
  }),
  z.object({ type: z.literal("fix_approved"), at }),
  z.object({ type: z.literal("fix_rejected"), reason: Reason, at }),
  z.object({
    type: z.literal("compensation_given"), at,
    items: z.array(z.object({ kind: z.enum(["refund", "coupon", "gift", "service", "other"]), cost: z.string().max(30), note: Text(1000).nullable().optional() })).max(50),
  }),
  z.object({ type: z.literal("promise_made"), promise: Text(5000), dueAt: Instant, at }),
  z.object({ type: z.literal("promise_kept"), at }),
  z.object({ type: z.literal("promise_broken"), reason: Reason, at }),
  z.object({ type: z.literal("followed_up"), outcome: z.enum(["satisfied", "not_satisfied", "unreachable"]), note: Text(2000).nullable().optional(), at }),
  z.object({ type: z.literal("withdrawn"), reason: Reason, at }),
  z.object({ type: z.literal("rejected"), ground: z.enum(["unfounded", "unreasonable"]), reason: Reason, at }),
  z.object({ type: z.literal("paused"), reason: Reason, at }),
  z.object({ type: z.literal("resumed"), at }),
  z.object({
    type: z.literal("root_cause_set"), at, note: Text(2000).nullable().optional(),
    rootCause: z.string().max(100).describe("the key of a node of the root-cause tree in the complaint settings (a leaf, or an inner node while the finer cause is unknown)"),
  }),
]).meta({ id: "RecoveryEventInput" });

/** The case is plain JSON; the schema says so without repeating the domain's types. */
const out = (d: Detail) => ({ ...d, recovery: d.recovery as unknown as Record<string, unknown> | null });

const ComplaintParams = z.object({ customerId: Id, complaintId: Id });
const ListCursor = z.object({ at: z.string(), id: z.number() });

export const complaintRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.db;
  const tags = ["complaints"];
  const staffOf = (req: Parameters<typeof principalOf>[0]): Staff => {
    const p = principalOf(req);
    return { userId: p.userId, role: p.role, actor: actorOf(req) };
  };

  app.get("/complaints", {
    config: { permission: "complaints:read" },
    schema: {
      tags, summary: "Complaints, newest first, with their SLA clocks, and the counts of open, breached and in-warning ones",
      querystring: z.object({
        status: z.enum(["open", "closed", "all"]).default("open"),
        severity: Severity.optional(),
        breached: z.enum(["true", "false"]).optional().describe("true: only open complaints with a clock past due"),
        customerId: Id.optional(),
        limit: Limit(50, 200),
        cursor: z.string().max(300).optional(),
      }),
      response: { 200: z.object({ items: z.array(ComplaintSummary), nextCursor: z.string().nullable(), counts: z.object({ open: z.number(), breached: z.number(), warning: z.number() }) }) },
    },
  }, async (req) => {
    const p = principalOf(req);
    const q = req.query;
    const c = decodeCursor(q.cursor, ListCursor);
    const r = await listComplaints(db, {
      status: q.status, severity: q.severity, breached: q.breached === "true", customerId: q.customerId, limit: q.limit,
      after: c ? { openedAt: c.at, complaintId: c.id } : undefined, scope: isScoped(p) ? { userId: p.userId, team: p.team } : null,
    });
    return { items: r.items, counts: r.counts, nextCursor: r.next ? encodeCursor({ at: r.next.openedAt, id: r.next.complaintId }) : null };
  });

  app.post("/complaints", {
    config: { permission: "complaints:write" },
    schema: {
      tags, summary: "Open a complaint (its \"opened\" event is recorded by the signed-in user)",
      body: z.object({
        customerId: Id, channel: Text(40).pipe(z.string().min(1)), severity: Severity.optional(), category: Text(100).optional(),
        description: Text(10_000).pipe(z.string().min(1)).describe("the customer's own words"),
        orderNo: Text(100).optional(), product: Text(200).optional(), at: Instant.optional(),
      }),
      response: { 201: ComplaintDetail },
    },
  }, async (req, reply) => {
    await assertCustomerAccess(db, principalOf(req), req.body.customerId);
    const detail = await openComplaint(db, req.body, staffOf(req));
    return reply.code(201).send(out(detail));
  });

  app.get("/complaints/settings", {
    config: { permission: "complaints:read" },
    schema: { tags, summary: "Complaint settings: authority limits, SLA targets, working hours, holiday corrections, categories with their names, the root-cause tree", response: { 200: ComplaintSettingsSchema } },
  }, async () => getComplaintSettings(db));

  app.put("/complaints/settings", {
    config: { permission: "settings:manage" },
    schema: { tags, summary: "Replace the complaint settings (names and the root-cause tree left out: the defaults)", body: ComplaintSettingsSchema, response: { 200: ComplaintSettingsSchema } },
  }, async (req) => setComplaintSettings(db, req.body, actorOf(req)));

  app.get("/complaints/:customerId/:complaintId", {
    config: { permission: "complaints:read" },
    schema: { tags, summary: "One complaint: its recovery case, events, SLA clocks and what you may record next", params: ComplaintParams, response: { 200: ComplaintDetail } },
  }, async (req) => {
    await assertCustomerAccess(db, principalOf(req), req.params.customerId);
    return out(await complaintDetail(db, req.params.customerId, req.params.complaintId, staffOf(req)));
  });

  app.post("/complaints/:customerId/:complaintId/events", {
    config: { permission: "complaints:write" },
    schema: {
      tags, summary: "Record a recovery event (who and when are set by the server; an imported complaint is adopted first)",
      params: ComplaintParams, body: z.object({ version: z.number().int().min(0), event: Event }), response: { 200: ComplaintDetail },
    },
  }, async (req) => {
    await assertCustomerAccess(db, principalOf(req), req.params.customerId);
    return out(await recordEvent(db, req.params.customerId, req.params.complaintId, req.body, staffOf(req)));
  });

  app.post("/customers/:id/praise", {
    config: { permission: "complaints:write" },
    schema: {
      tags, summary: "Record a customer's praise for a member of staff",
      params: IdParams,
      body: z.object({ staffUserId: Id, words: Text(5000).pipe(z.string().min(1)), channel: Text(40).optional(), at: Instant.optional() }),
      response: { 201: z.object({ id: z.number(), customerId: z.number(), staffUserId: z.number(), channel: z.string(), words: z.string(), at: z.string() }) },
    },
  }, async (req, reply) => {
    await assertCustomerAccess(db, principalOf(req), req.params.id);
    return reply.code(201).send(await addPraise(db, req.params.id, req.body, staffOf(req)));
  });

  app.get("/praise", {
    config: { permission: "complaints:read" },
    schema: {
      tags, summary: "Praise per member of staff (recognition report), most praised first, with the customers' newest words",
      querystring: z.object({
        since: z.union([z.iso.date(), Instant]).optional().describe("a day (China time) or an instant, inclusive"),
        until: z.union([z.iso.date(), Instant]).optional().describe("a day (inclusive) or an instant (exclusive)"),
        words: z.coerce.number().int().min(0).max(50).default(5).describe("how many of each staff member's newest quotes to give"),
      }),
      response: {
        200: z.object({
          since: z.string().nullable().describe("the first instant read, null for no bound"),
          until: z.string().nullable().describe("the instant the period ends (exclusive), null for no bound"),
          total: z.number(),
          items: z.array(z.object({
            staffUserId: z.number(), staffName: z.string().nullable(), count: z.number(),
            customers: z.number().describe("distinct customers who praised them"), latest: z.string(),
            praise: z.array(z.object({
              id: z.number(),
              customerId: z.number().nullable().describe("null when the customer is outside an agent's book"),
              customerName: z.string().nullable(), channel: z.string(),
              words: z.string().describe("empty once the customer's personal data was erased"), at: z.string(),
            })),
          })),
        }),
      },
    },
  }, async (req) => {
    const p = principalOf(req);
    return recognitionReport(db, { ...req.query, scope: isScoped(p) ? { userId: p.userId, team: p.team } : null });
  });
};
