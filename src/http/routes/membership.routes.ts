import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { compareMembers, membersSummary } from "../../membership/members-report.service.ts";
import { applyMembership, customerMembership, getProgramme, recordManualEntry, setProgramme, type CustomerMembership } from "../../membership/membership.service.ts";
import { actorOf, principalOf } from "../auth.ts";
import { assertCustomerAccess } from "../permissions.ts";
import { IdParams, Limit } from "../schemas.ts";

/**
 * Membership (docs/membership.md): the programme's settings (admins), a customer's level
 * and points, redemptions and adjustments (staff who may change the customer), applying
 * the programme to the orders (admins), and the members report (readers of reports).
 */
const Level = z.object({
  key: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, "letters, digits, _ or -, at most 40"),
  name: z.string().trim().min(1).max(60),
  threshold: z.string().regex(/^\d{1,15}(\.\d{1,6})?$/, "an amount of 0 or more with at most 6 decimals (whole points for basis points)"),
  multiplier: z.string().regex(/^\d{1,6}(\.\d{1,4})?$/, "above 0 with at most 4 decimals"),
});
const Programme = z.object({
  startsOn: z.iso.date().nullable(),
  basis: z.enum(["spend", "points"]),
  windowMonths: z.number().int().min(1).max(60),
  review: z.enum(["monthly", "anniversary"]),
  pointsPerUnit: z.string().regex(/^\d{1,6}(\.\d{1,4})?$/, "above 0 with at most 4 decimals"),
  expiryYears: z.number().int().min(0).max(10).nullable(),
  levels: z.array(Level).min(1).max(12),
}).meta({ id: "MembershipProgramme" });
const ProgrammeOut = z.object({ programme: Programme, isDefault: z.boolean(), updatedAt: z.date().nullable(), updatedBy: z.number().nullable() });

const Standing = z.object({
  level: z.string().nullable(), levelSince: z.string().nullable(), nextReview: z.string().nullable(), value: z.string(),
  balance: z.number(), earned: z.number(), returned: z.number(), redeemed: z.number(), expired: z.number(), adjusted: z.number(),
  expiringPoints: z.number(), expiringOn: z.string().nullable(), asOf: z.string(),
});
const Entry = z.object({
  no: z.number(), kind: z.enum(["earn", "return", "redeem", "adjust", "expire"]), points: z.number(), balance: z.number(), date: z.string(),
  orderId: z.number().nullable(), returnOrderId: z.number().nullable(), expiresOn: z.string().nullable(), level: z.string().nullable(),
  reason: z.string().nullable(), createdBy: z.number().nullable(),
});
const Change = z.object({ no: z.number(), date: z.string(), from: z.string().nullable(), to: z.string(), fromName: z.string().nullable(), toName: z.string(), kind: z.enum(["join", "upgrade", "downgrade"]), value: z.string() });
const MembershipOut = z.object({
  customerId: z.number(), levelName: z.string().nullable(), standing: Standing.nullable(), entries: z.array(Entry), levels: z.array(Change),
  levelNames: z.record(z.string(), z.string()),
}).meta({ id: "CustomerMembership" });

const ManualBody = z.object({
  points: z.number().int().refine((n) => n !== 0 && Number.isSafeInteger(n), "a whole number other than 0"),
  reason: z.string().trim().min(1).max(500),
});

const Summary = z.object({
  asOf: z.string().nullable(), customers: z.number(),
  levels: z.array(z.object({ level: z.string().nullable(), name: z.string().nullable(), members: z.number(), balance: z.number() })),
}).meta({ id: "MembersSummary" });
const Comparison = z.object({
  day: z.string(), baseFrom: z.string(), asOf: z.string(),
  groups: z.array(z.object({
    level: z.string().nullable(), name: z.string().nullable(), customers: z.number(), ordersBefore: z.number(), netBefore: z.string(),
    frequency: z.number(), netPerCustomer: z.string(), retained: z.number(), retention: z.number(),
  })),
}).meta({ id: "MembersComparison" });

export const membershipRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.db;
  const tags = ["membership"];

  const view = async (m: CustomerMembership): Promise<z.infer<typeof MembershipOut>> => {
    const { programme } = await getProgramme(db);
    const s = m.standing;
    return {
      customerId: m.customerId,
      levelName: m.levelName,
      levelNames: Object.fromEntries(programme.levels.map((l) => [l.key, l.name])),
      standing: s && {
        level: s.level, levelSince: s.level_since, nextReview: s.next_review, value: s.value, balance: s.balance, earned: s.earned, returned: s.returned,
        redeemed: s.redeemed, expired: s.expired, adjusted: s.adjusted, expiringPoints: s.expiring_points, expiringOn: s.expiring_on, asOf: s.as_of,
      },
      entries: m.entries.map((e) => ({
        no: e.entry_no, kind: e.kind as z.infer<typeof Entry>["kind"], points: e.points, balance: e.balance, date: e.entry_date, orderId: e.order_id,
        returnOrderId: e.return_order_id, expiresOn: e.expires_on, level: e.level, reason: e.reason, createdBy: e.created_by,
      })),
      levels: m.levels.map((c) => ({ no: c.change_no, date: c.changed_on, from: c.from_level, to: c.to_level, fromName: c.from_name, toName: c.to_name, kind: c.kind as z.infer<typeof Change>["kind"], value: c.value })),
    };
  };

  app.get("/membership/programme", {
    config: { permission: "settings:manage" },
    schema: { tags, summary: "The membership programme: levels, thresholds, multipliers, earning rate, window, review and expiry", response: { 200: ProgrammeOut } },
  }, async () => getProgramme(db));

  app.put("/membership/programme", {
    config: { permission: "settings:manage" },
    schema: { tags, summary: "Change the membership programme (apply it afterwards to recompute every member)", body: Programme, response: { 200: ProgrammeOut } },
  }, async (req) => setProgramme(db, req.body, actorOf(req)));

  app.post("/membership/apply", {
    config: { permission: "settings:manage" },
    schema: {
      tags, summary: "Apply the programme to the orders: every customer's ledger, levels and standing (idempotent)",
      body: z.object({ customerId: z.number().int().positive().optional(), asOf: z.iso.date().optional() }).default({}),
      response: { 200: z.object({ asOf: z.string(), customers: z.number(), members: z.number(), entries: z.number() }) },
    },
  }, async (req) => applyMembership(db, req.body, actorOf(req)));

  app.get("/membership/summary", {
    config: { permission: "reports:read" },
    schema: { tags, summary: "Members per level (from the last apply)", response: { 200: Summary } },
  }, async () => membersSummary(db));

  app.get("/membership/comparison", {
    config: { permission: "reports:read" },
    schema: {
      tags, summary: "Members against non-members: customers, frequency, net sales per customer and retention in the year after a reference day",
      querystring: z.object({ asOf: z.iso.date().optional().describe("the last day of a month (default: the end of the last complete month)") }),
      response: { 200: Comparison },
    },
  }, async (req) => compareMembers(db, { asOf: req.query.asOf }));

  app.get("/customers/:id/membership", {
    config: { permission: "customers:read" },
    schema: { tags, summary: "A customer's level, points balance, points expiring next, ledger and level history", params: IdParams, querystring: z.object({ limit: Limit(100, 1000) }), response: { 200: MembershipOut } },
  }, async (req) => {
    await assertCustomerAccess(db, principalOf(req), req.params.id);
    return view(await customerMembership(db, req.params.id, { limit: req.query.limit }));
  });

  for (const kind of ["redeem", "adjust"] as const) {
    app.post(`/customers/:id/membership/${kind === "redeem" ? "redemptions" : "adjustments"}`, {
      config: { permission: "customers:write" },
      schema: {
        tags, summary: kind === "redeem" ? "Redeem points today (never more than the balance)" : "Add (positive) or take away (negative) points today, with a reason",
        params: IdParams, body: ManualBody, response: { 200: MembershipOut },
      },
    }, async (req) => {
      await assertCustomerAccess(db, principalOf(req), req.params.id);
      return view(await recordManualEntry(db, { customerId: req.params.id, kind, points: req.body.points, reason: req.body.reason }, actorOf(req)));
    });
  }
};
