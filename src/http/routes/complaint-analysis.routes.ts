import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { SEVERITIES } from "../../analytics/complaints/complaints.ts";
import { GROUPS } from "../../analytics/complaints/repurchase.ts";
import { buildComplaintAnalysis, DEFAULT_WINDOW_DAYS } from "../../retention/complaints/complaint-analysis.service.ts";

const Day = z.string().describe("YYYY-MM-DD");
const Range = z.object({ from: Day, to: Day });
const Interval = z.tuple([z.number(), z.number()]).nullable().describe("95% interval, [low, high]");
const Clocks = z.object({
  met: z.number(), missed: z.number(), breached: z.number().describe("still running, past the target"), running: z.number().describe("still within the target"),
  unknown: z.number().describe("not recorded: an imported complaint's first response"),
  attainment: z.number().nullable(),
});
const Count = z.object({
  key: z.string().nullable(), complaints: z.number(), customers: z.number(),
  months: z.array(z.number()).describe("complaints per month of the period, in the order of byMonth"),
});

const ComplaintAnalysisOut = z.object({
  asOf: Day,
  windowDays: z.number(),
  period: Range.extend({ months: z.number() }).describe("the complaints read: opened in these days, in the business's time zone"),
  volumes: z.object({
    complaints: z.number(), customers: z.number(),
    byCategory: z.array(Count).describe("key null: no category"), byChannel: z.array(Count),
    bySeverity: z.array(Count.extend({ key: z.enum(SEVERITIES) })),
    byProduct: z.array(Count).describe("key null: no product named"),
    byRootCause: z.array(Count).describe("by top-level root cause of the settings' tree; key null: not yet determined"),
    byRootCauseNode: z.array(Count.extend({ top: z.string().nullable().describe("the node's top-level cause") }))
      .describe("by the root-cause node recorded (a leaf, or an inner node when no finer cause was given); key null: not yet determined"),
    byMonth: z.array(z.object({ month: z.string().describe("YYYY-MM, the month opened"), complaints: z.number() })),
  }),
  resolution: z.object({
    complaints: z.number(), resolved: z.number(), closed: z.number(), open: z.number(),
    resolvedShare: z.number().nullable().describe("resolved by the as-of date / complaints"),
    undated: z.number().describe("resolved without a resolved_at: not in the days"),
    medianDays: z.number().nullable(), p90Days: z.number().nullable(), meanDays: z.number().nullable(),
  }),
  serviceLevels: z.object({
    at: z.string().describe("the instant the clocks were read at: the end of the as-of day"),
    complaints: z.number(),
    firstResponse: Clocks, resolution: Clocks,
    bySeverity: z.array(z.object({ severity: z.enum(SEVERITIES), complaints: z.number(), firstResponse: Clocks, resolution: Clocks })),
  }).describe("SLA attainment of the period's complaints: met ÷ (met + missed + breached)"),
  recoveryCost: z.object({
    cases: z.number().describe("complaints with a recovery case"), compensated: z.number(), total: z.string().describe("decimal, base currency"),
    meanPerCompensated: z.string().nullable(),
    byKind: z.array(z.object({ kind: z.string(), items: z.number(), total: z.string() })),
    byCategory: z.array(z.object({ key: z.string().nullable(), cases: z.number(), compensated: z.number(), total: z.string() })),
  }),
  repurchase: z.object({
    windowDays: z.number(), complainers: z.number(), incomplete: z.number(), resolvedLate: z.number(), undatedResolved: z.number(),
    groups: z.array(z.object({ group: z.enum(GROUPS), customers: z.number(), repurchased: z.number(), rate: z.number().nullable(), interval: Interval.describe("Wilson's 95% score interval") })),
    differences: z.array(z.object({ a: z.enum(GROUPS), b: z.enum(GROUPS), difference: z.number().nullable(), interval: Interval.describe("Newcombe's 95% hybrid score interval") })),
    complainersOpened: Range.nullable().describe("the complainers in a group opened their first complaint of the period in these days (t + W ≤ as-of)"),
    reference: Day.describe("r = as-of − W"),
    noComplaintBought: Range.describe("the no-complaint group bought in these days …"),
    noComplaintRepurchase: Range.describe("… and repurchased when they bought again in these"),
  }),
}).meta({ id: "ComplaintAnalysis" });

const ComplaintAnalysisQuery = z.object({
  asOf: z.iso.date().optional().describe("the last day read (default: the end of the last complete month in the business's time zone)"),
  windowDays: z.coerce.number().int().min(1).max(730).default(DEFAULT_WINDOW_DAYS).describe("W: the days after a complaint in which a purchase counts as a repurchase"),
  months: z.coerce.number().int().min(1).max(120).default(12).describe("the period: months ending on the as-of date"),
});

export const complaintAnalysisRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get("/complaints/analysis", {
    config: { permission: "reports:read" },
    schema: {
      tags: ["complaints"],
      summary: "Complaint volumes (by category, channel, severity, product and root cause, per month), resolution, and the repurchase of resolved and unresolved complainers against customers who never complained (docs/complaints.md)",
      querystring: ComplaintAnalysisQuery,
      response: { 200: ComplaintAnalysisOut },
    },
  }, async (req) => buildComplaintAnalysis(app.db, req.query));
};
