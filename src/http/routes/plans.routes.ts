import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { CONTACT_TYPES } from "../../analytics/campaigns/tiered-plan.ts";
import { getSettings } from "../../store/settings.repository.ts";
import { todayIn } from "../../value/value-report.service.ts";
import { apparelExample, CapSchema, EmailTemplateSchema, PlanInputSchema, PlanPatchSchema, quarterStartOf, TierSchema } from "../../retention/plans/plan-definition.ts";
import { generatePlan } from "../../retention/plans/plan-generate.ts";
import { planResults } from "../../retention/plans/plan-results.service.ts";
import { createPlan, listPlans, updatePlan, viewPlan } from "../../retention/plans/plans.service.ts";
import { actorOf } from "../auth.ts";

/**
 * Tiered contact plans (docs/contact-plans.md): plans and their spend-versus-sales view for
 * anyone who reads reports; creating, changing and generating them for managers.
 */
const tags = ["plans"];
const Id = z.coerce.number().int().positive();
const Interval = z.tuple([z.number(), z.number()]).nullable().describe("95% confidence interval");

const Plan = z.object({
  id: z.number(), name: z.string(), quarterStart: z.string(), quarterEnd: z.string(), budget: z.string(),
  tiers: z.array(TierSchema), caps: z.array(CapSchema), controlShare: z.string(), seed: z.number(),
  emails: z.record(z.string(), EmailTemplateSchema).describe("contact type → e-mail template: those contacts go out as e-mail"),
  status: z.enum(["draft", "generated", "archived"]), generatedAt: z.string().nullable(), createdAt: z.string(), updatedAt: z.string(),
  campaignId: z.number().nullable().describe("the campaign holding the plan's members, once generated"),
}).meta({ id: "ContactPlan" });

const Line = z.object({
  key: z.string(), label: z.string().nullable(), customerShare: z.string(), customers: z.number(),
  sales: z.string().describe("the tier's net sales, to the cent"), salesShare: z.number().nullable(),
  budget: z.string(), budgetShare: z.number(), budgetPerCustomer: z.string().nullable(),
  intensity: z.number().nullable().describe("budget share ÷ sales share: above 1 the tier gets more than its sales"),
  contactsPerQuarter: z.number(), contactTypes: z.array(z.enum(CONTACT_TYPES)),
});

const PlanView = Plan.extend({
  reference: z.object({ from: z.string(), to: z.string() }).describe("the 12 months whose net sales rank the customers"),
  lines: z.array(Line),
  totals: z.object({ customers: z.number(), sales: z.string(), budget: z.string(), budgetPerCustomer: z.string().nullable(), contacts: z.number() }),
}).meta({ id: "ContactPlanView" });

const EmailCounts = z.object({
  queued: z.number().describe("e-mails newly queued"),
  held: z.number().describe("e-mails held back (a blank merge field, no public address), made tasks for the owners instead"),
  skipped: z.number().describe("e-mails not sent and not contacted: no consent, no address"),
});
const Generated = z.object({
  planId: z.number(), campaignId: z.number(), customers: z.number(), control: z.number(), proposed: z.number(), kept: z.number().describe("contacts within the caps"),
  created: z.number().describe("new tasks, held e-mails included"), existing: z.number().describe("contacts made by an earlier generation (tasks or queued e-mails)"),
  emails: EmailCounts, dropped: z.number(),
  droppedByCap: z.array(z.object({ max: z.number(), windowDays: z.number(), contacts: z.number() })),
  tiers: z.array(z.object({
    key: z.string(), customers: z.number(), control: z.number(), contacts: z.number(), dropped: z.number(),
    tasks: z.number().describe("new tasks"), existing: z.number(), emails: EmailCounts,
  })),
}).meta({ id: "ContactPlanGenerated" });

const Mean = z.object({ treated: z.number(), control: z.number(), difference: z.number(), interval: Interval, incremental: z.number(), incrementalInterval: Interval });
const Totals = z.object({ customers: z.number(), purchasers: z.number(), revenue: z.string(), margin: z.string().nullable() });
const Effect = z.object({
  contacted: z.number(), control: z.number(), response: Mean, revenue: Mean, margin: Mean.nullable(), cost: z.number(),
  roi: z.object({ value: z.number(), interval: Interval }).nullable(),
  window: z.object({ from: z.string(), to: z.string() }), contactedTotals: Totals, controlTotals: Totals, marginCoverage: z.number().nullable(),
});
const Contacts = z.object({ planned: z.number(), done: z.number(), open: z.number(), overdue: z.number(), cancelled: z.number() });

const Results = z.object({
  plan: Plan, window: z.object({ from: z.string(), to: z.string() }).nullable(),
  tiers: z.array(Line.extend({ contacts: Contacts, effect: Effect.nullable() })),
  totals: z.object({ customers: z.number(), sales: z.string(), budget: z.string(), contacts: Contacts }),
  effect: Effect.nullable(), effectMissing: z.enum(["no_control", "not_generated", "not_started"]).nullable(),
}).meta({ id: "ContactPlanResults" });

export const planRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app;

  app.get("/plans", {
    config: { permission: "reports:read" },
    schema: { tags, summary: "Contact plans, latest quarter first (archived ones left out)", response: { 200: z.object({ items: z.array(Plan) }) } },
  }, async () => ({ items: await listPlans(db) }));

  app.get("/plans/example", {
    config: { permission: "reports:read" },
    schema: {
      tags, summary: "The apparel chain of seed 000 as a plan for the current quarter, to start from",
      response: { 200: PlanInputSchema },
    },
  }, async () => apparelExample(quarterStartOf(todayIn((await getSettings(db)).timezone))));

  app.post("/plans", {
    config: { permission: "actions:manage" },
    schema: { tags, summary: "Create a draft plan", body: PlanInputSchema, response: { 201: Plan } },
  }, async (req, reply) => reply.code(201).send(await createPlan(db, req.body, actorOf(req))));

  app.get("/plans/:id", {
    config: { permission: "reports:read" },
    schema: { tags, summary: "A plan with its tiers' customers, sales and budget", params: z.object({ id: Id }), response: { 200: PlanView } },
  }, async (req) => viewPlan(db, req.params.id));

  app.patch("/plans/:id", {
    config: { permission: "actions:manage" },
    schema: { tags, summary: "Change a draft plan", params: z.object({ id: Id }), body: PlanPatchSchema, response: { 200: Plan } },
  }, async (req) => updatePlan(db, req.params.id, req.body, actorOf(req)));

  app.post("/plans/:id/generate", {
    config: { permission: "actions:manage" },
    schema: {
      tags, summary: "Generate the quarter's contacts within the frequency caps, as tasks or (types with a template) e-mails; again: only what is missing",
      params: z.object({ id: Id }), response: { 200: Generated },
    },
  }, async (req) => generatePlan(db, req.params.id, actorOf(req), { baseUrl: `${req.protocol}://${req.host}` }));

  app.get("/plans/:id/results", {
    config: { permission: "reports:read" },
    schema: {
      tags, summary: "Spend against sales per tier in the quarter so far, contacts done and overdue, and the effect against the control group",
      params: z.object({ id: Id }), response: { 200: Results },
    },
  }, async (req) => planResults(db, req.params.id));
};
