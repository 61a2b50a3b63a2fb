import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { MERGE_FIELDS } from "../../domain/messages/template.ts";
import { AudienceSchema, previewAudience, STRATA } from "../../retention/campaigns/audience.ts";
import { campaignResults } from "../../retention/campaigns/campaign-results.service.ts";
import {
  cancelCampaign, CAMPAIGN_CHANNELS, CampaignInputSchema, CampaignPatchSchema, checkCampaignTemplate, createCampaign, getCampaign, listCampaigns,
  startCampaign, updateCampaign,
} from "../../retention/campaigns/campaigns.service.ts";
import { actorOf } from "../auth.ts";

/**
 * Campaigns and win-backs with their control groups (docs/campaigns.md): drafts, the
 * template check, the audience preview, start and cancel, and the measured results.
 */
const tags = ["campaigns"];
const Id = z.coerce.number().int().positive();
const Interval = z.tuple([z.number(), z.number()]).nullable().describe("95% confidence interval");
const StratumEnum = z.enum(STRATA as [string, ...string[]]);

const Campaign = z.object({
  id: z.number(), name: z.string(), kind: z.enum(["winback", "plan", "adhoc"]), channel: z.string(), subject: z.string().nullable(), body: z.string(),
  audience: z.unknown(), holdoutShare: z.number(), seed: z.number(), cost: z.string(), costPerContact: z.string(), measureDays: z.number(),
  planId: z.number().nullable().describe("the contact plan a 'plan' campaign belongs to"), status: z.enum(["draft", "running", "done", "cancelled"]),
  startedAt: z.string().nullable(), startDay: z.string().nullable(), createdAt: z.string(),
  members: z.number(), control: z.number(), contacted: z.number(), byStatus: z.record(z.string(), z.number()),
}).meta({ id: "Campaign" });

const Problem = z.object({ part: z.enum(["subject", "body"]), code: z.string(), field: z.string().optional(), text: z.string().optional() });

const Sources = z.object({
  snapshot: z.object({ asOf: z.string(), createdAt: z.string() }).nullable(),
  modelRun: z.object({ runId: z.number(), asOf: z.string(), createdAt: z.string() }).nullable(),
});

const Mean = z.object({ treated: z.number(), control: z.number(), difference: z.number(), interval: Interval, incremental: z.number(), incrementalInterval: Interval });
const Totals = z.object({ customers: z.number(), purchasers: z.number(), revenue: z.string(), margin: z.string().nullable() });
const Effect = z.object({
  contacted: z.number(), control: z.number(),
  response: Mean.describe("share who bought in the window (retained)"), revenue: Mean, margin: Mean.nullable(), cost: z.number(),
  roi: z.object({ value: z.number(), interval: Interval }).nullable(),
  window: z.object({ from: z.string(), to: z.string() }), contactedTotals: Totals, controlTotals: Totals, marginCoverage: z.number().nullable(),
});
const Results = z.object({
  campaign: Campaign,
  window: z.object({ from: z.string(), to: z.string(), day: z.number(), days: z.number(), open: z.boolean() }).nullable(),
  cost: z.string(), effect: Effect.nullable(),
  byStratum: z.array(z.object({ stratum: StratumEnum, contacted: z.number(), control: z.number(), effect: Effect.nullable() })),
  balance: z.array(z.object({ stratum: StratumEnum, members: z.number(), control: z.number(), share: z.number() })),
  delivery: z.object({
    channel: z.string(), contacted: z.number(), held: z.number(), skipped: z.number(),
    reasons: z.array(z.object({ status: z.enum(["held", "skipped"]), reason: z.string(), n: z.number() })),
    sends: z.object({ waiting: z.number(), sending: z.number(), sent: z.number(), failed: z.number(), unknown: z.number() }).nullable(),
    tasks: z.object({ open: z.number(), done: z.number(), cancelled: z.number() }).nullable(),
  }),
}).meta({ id: "CampaignResults" });

export const campaignRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app;

  app.get("/campaigns", {
    config: { permission: "reports:read" },
    schema: { tags, summary: "Campaigns, newest first, with their members, control group and contact status", response: { 200: z.object({ items: z.array(Campaign) }) } },
  }, async () => ({ items: await listCampaigns(db) }));

  app.get("/campaigns/merge-fields", {
    config: { permission: "reports:read" },
    schema: { tags, summary: "The merge fields a template may use", response: { 200: z.object({ items: z.array(z.object({ field: z.string(), description: z.string() })) }) } },
  }, async () => ({ items: Object.entries(MERGE_FIELDS).map(([field, description]) => ({ field, description })) }));

  app.post("/campaigns", {
    config: { permission: "actions:manage" },
    schema: { tags, summary: "Create a draft campaign", body: CampaignInputSchema, response: { 201: Campaign } },
  }, async (req, reply) => reply.code(201).send(await createCampaign(db, req.body, actorOf(req))));

  app.post("/campaigns/check-template", {
    config: { permission: "actions:manage" },
    schema: {
      tags, summary: "What stops a template from starting (generic salutation, unknown fields, nothing personal, no unsubscribe link)",
      body: z.object({ channel: z.enum(CAMPAIGN_CHANNELS), subject: z.string().max(300).nullable().default(null), body: z.string().max(20_000) }),
      response: { 200: z.object({ problems: z.array(Problem) }) },
    },
  }, async (req) => ({ problems: checkCampaignTemplate(req.body) }));

  app.post("/campaigns/preview-audience", {
    config: { permission: "actions:manage" },
    schema: {
      tags, summary: "How many customers an audience holds per tier, and which analyses it reads",
      body: z.object({ audience: AudienceSchema }),
      response: { 200: z.object({ total: z.number(), byStratum: z.record(z.string(), z.number()), sources: Sources }) },
    },
  }, async (req) => previewAudience(db, req.body.audience));

  app.get("/campaigns/:id", {
    config: { permission: "reports:read" },
    schema: { tags, summary: "One campaign", params: z.object({ id: Id }), response: { 200: Campaign } },
  }, async (req) => getCampaign(db, req.params.id));

  app.patch("/campaigns/:id", {
    config: { permission: "actions:manage" },
    schema: { tags, summary: "Change a draft campaign", params: z.object({ id: Id }), body: CampaignPatchSchema, response: { 200: Campaign } },
  }, async (req) => updateCampaign(db, req.params.id, req.body, actorOf(req)));

  app.post("/campaigns/:id/start", {
    config: { permission: "actions:manage" },
    schema: {
      tags, summary: "Start a draft: draw the control group and queue the e-mails or call tasks (starting again does nothing)",
      params: z.object({ id: Id }), response: { 200: Campaign },
    },
  }, async (req) => {
    return startCampaign(db, req.params.id, actorOf(req), { baseUrl: `${req.protocol}://${req.host}` });
  });

  app.post("/campaigns/:id/cancel", {
    config: { permission: "actions:manage" },
    schema: { tags, summary: "Cancel a campaign: nothing more is sent, its open call tasks are cancelled", params: z.object({ id: Id }), response: { 200: Campaign } },
  }, async (req) => cancelCampaign(db, req.params.id, actorOf(req)));

  app.get("/campaigns/:id/results", {
    config: { permission: "reports:read" },
    schema: {
      tags, summary: "The campaign's effect against its control group, per tier, with balance, delivery and cost (docs/campaigns.md)",
      params: z.object({ id: Id }), response: { 200: Results },
    },
  }, async (req) => campaignResults(db, req.params.id));
};
