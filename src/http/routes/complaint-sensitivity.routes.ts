import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { GROUPS } from "../../analytics/complaints/repurchase.ts";
import { SENSITIVITY_INPUTS, type SensitivityInputName } from "../../analytics/complaints/sensitivity.ts";
import { DEFAULT_WINDOW_DAYS } from "../../retention/complaints/complaint-analysis.service.ts";
import { buildComplaintSensitivity, DEFAULT_COMPLAIN_SHARE, runSensitivity } from "../../retention/complaints/sensitivity.service.ts";

const Day = z.string().describe("YYYY-MM-DD");
const Range = z.object({ from: Day, to: Day });
/** Exact decimal text: customers, sales (money, or orders) and costs. */
const Figure = z.string();
const ShareText = z.string().regex(/^[01](\.\d{1,8})?$/, "a share from 0 to 1, such as 0.25 (at most 8 decimals)")
  .refine((v) => Number(v) <= 1, "a share from 0 to 1").describe("a share, 0 … 1, as decimal text");
const Amount = z.string().regex(/^\d{1,12}(\.\d{1,8})?$/, "a decimal number, 0 or more, such as 12.5");

const InputsIn = z.object({
  customers: z.string().regex(/^\d{1,12}$/, "a whole number, 0 or more").describe("N: customers"),
  problemShare: ShareText.describe("p: the share of customers with a problem"),
  complainShare: ShareText.describe("c: the share of those who complain"),
  resolvedShare: ShareText.describe("s: the share of complainers whose complaint is resolved"),
  rNone: ShareText.describe("repurchase rate of customers without a problem"),
  rSilent: ShareText.describe("… with a problem they did not complain about"),
  rResolved: ShareText.describe("… after a resolved complaint"),
  rUnresolved: ShareText.describe("… after an unresolved complaint"),
  salesPerCustomer: Amount.describe("v: the sales (money, or orders) a customer who buys again brings"),
}).meta({ id: "SensitivityInputs" });

const ProgrammeIn = z.object({
  name: z.string().trim().min(1).max(60),
  problemShare: ShareText.optional().describe("p under the programme (default: the baseline's)"),
  complainShare: ShareText.optional().describe("c under the programme (default: the baseline's)"),
  resolvedShare: ShareText.optional().describe("s under the programme (default: the baseline's)"),
  cost: Amount.nullable().optional().describe("what the programme costs, in the unit of the sales per customer"),
}).meta({ id: "SensitivityProgramme" });

const ByGroup = z.object({ silent: Figure, resolved: Figure, unresolved: Figure, total: Figure });
const Scenario = {
  problemShare: Figure, complainShare: Figure, resolvedShare: Figure,
  problemCustomers: Figure.describe("N·p"),
  lostCustomers: ByGroup.describe("customers who would have bought again without the problem and do not, to 2 places"),
  lostSales: ByGroup.describe("… × the sales per customer, to 2 places"),
};
const SensitivityResultOut = z.object({
  baseline: z.object(Scenario),
  programmes: z.array(z.object({
    name: z.string(),
    ...Scenario,
    recoveredCustomers: Figure, recoveredSales: Figure.describe("the baseline's lost sales less the programme's"),
    recoveredShare: z.number().nullable().describe("recovered ÷ the baseline's lost sales"),
    cost: Figure.nullable(), net: Figure.nullable().describe("recovered sales − cost"), returnOnCost: z.number().nullable().describe("net ÷ cost"),
  })),
}).meta({ id: "SensitivityResult" });

const InputOut = z.object({ value: z.string().nullable(), source: z.enum(["measured", "derived", "assumed", "given"]), basis: z.string().describe("where the value comes from, in words") });
const ComplaintSensitivityOut = z.object({
  currency: z.string(),
  asOf: Day,
  windowDays: z.number(),
  period: Range.extend({ months: z.number() }),
  previousPeriod: Range,
  measured: z.object({
    customers: z.number().describe("N: customers with a purchase in the period"),
    complained: z.number(), complainedShare: z.string().nullable().describe("q: complained ÷ customers, 4 places"),
    problemShareCapped: z.boolean().describe("q ÷ c was above 1"),
    groups: z.array(z.object({ group: z.enum(GROUPS), customers: z.number(), repurchased: z.number(), rate: z.number().nullable(), interval: z.tuple([z.number(), z.number()]).nullable() })),
    complainersOpened: Range.nullable(), noComplaintBought: Range, noComplaintRepurchase: Range,
    retained: z.number(), retainedNetSales: Figure, netSales: Figure, salesBasis: z.enum(["retained", "buyers", "none"]),
  }),
  inputs: z.object(Object.fromEntries(SENSITIVITY_INPUTS.map((n) => [n, InputOut])) as Record<SensitivityInputName, typeof InputOut>),
  missing: z.array(z.enum(SENSITIVITY_INPUTS)),
  programmes: z.array(ProgrammeIn),
  result: SensitivityResultOut.nullable(),
}).meta({ id: "ComplaintSensitivity" });

const SensitivityQuery = z.object({
  asOf: z.iso.date().optional().describe("the last day read (default: the end of the last complete month in the business's time zone)"),
  windowDays: z.coerce.number().int().min(1).max(730).default(DEFAULT_WINDOW_DAYS).describe("W: the days after a complaint in which a purchase counts as a repurchase"),
  months: z.coerce.number().int().min(1).max(120).default(12).describe("the period: months ending on the as-of date"),
  complainShare: ShareText.refine((v) => Number(v) > 0, "a share above 0").optional().describe(`c, from which p = q ÷ c (default ${DEFAULT_COMPLAIN_SHARE})`),
});

export const complaintSensitivityRoutes: FastifyPluginAsyncZod = async (app) => {
  // The same figures as the complaint analysis (its repurchase comparison), so the same permission.
  app.get("/complaints/sensitivity", {
    config: { permission: "reports:read" },
    schema: {
      tags: ["complaints"],
      summary: "The complaint sensitivity model's inputs from the business's own data, each with its source, seed 000's programmes A and B, and the result (docs/complaints.md)",
      querystring: SensitivityQuery,
      response: { 200: ComplaintSensitivityOut },
    },
  }, async (req) => {
    const { complainShare, ...q } = req.query;
    return buildComplaintSensitivity(app.db, { ...q, inputs: complainShare === undefined ? {} : { complainShare } });
  });

  app.post("/complaints/sensitivity", {
    config: { permission: "reports:read" },
    schema: {
      tags: ["complaints"],
      summary: "The complaint sensitivity model over the caller's inputs and programmes: lost sales, what each programme wins back, and its return (docs/complaints.md)",
      body: z.object({ inputs: InputsIn, programmes: z.array(ProgrammeIn).max(8).default([]) }),
      response: { 200: SensitivityResultOut },
    },
  }, async (req) => runSensitivity(req.body.inputs, req.body.programmes));
};
