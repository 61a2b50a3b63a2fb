import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { buildChurnCost, CHURN_INPUTS, type ChurnInputName } from "../../value/churn-cost.service.ts";
import { buildCohortReport, moneyJson } from "../../value/cohorts.service.ts";

/** Money as an exact decimal string in the base currency. */
const Money = z.string();
const Share = z.number().nullable();
const Month = z.string().describe("YYYY-MM");
const AsOf = z.iso.date().optional().describe("the as-of date (default: the end of the last complete month in the business's time zone); a date inside a month reads up to the month before");

const CohortReportOut = z.object({
  currency: z.string(),
  asOf: z.string(),
  month: Month.describe("the last month read"),
  cohorts: z.array(z.object({
    month: Month.describe("the first-purchase month"),
    customers: z.number(),
    active: z.array(z.number()).describe("per month since the first (0 = the first): the cohort's customers with a sale"),
    retention: z.array(z.number()).describe("… as a share of the cohort"),
    revenue: z.array(Money).describe("… the cohort's net sales"),
  })),
  kpis: z.object({
    period: z.object({ from: Month, to: Month, previousFrom: Month, previousTo: Month }),
    previousCustomers: z.number(), retained: z.number(), retentionRate: Share, churnRate: Share,
    customers: z.number(), repeatCustomers: z.number(), repeatPurchaseRate: Share,
    periodNet: Money, returningNet: Money, returningShare: Share,
  }),
}).meta({ id: "CohortReport" });

const Input = z.object({ value: z.string().nullable(), measured: z.string().nullable(), source: z.enum(["measured", "given", "default"]) });
const ChurnCostOut = z.object({
  currency: z.string(),
  asOf: z.string(),
  month: Month,
  period: z.object({ from: Month, to: Month, previousFrom: Month, previousTo: Month, months: z.number() }),
  measured: z.object({
    previousCustomers: z.number(), retained: z.number(), lost: z.number(), churnRate: Share,
    basis: z.enum(["lost", "previous", "none"]).describe("whose previous-period purchases the per-customer inputs are measured on"),
    customers: z.number(), orders: z.number(), netSales: Money, costedNetSales: Money, cost: Money, costedShare: Share,
  }),
  inputs: z.object(Object.fromEntries(CHURN_INPUTS.map((n) => [n, Input])) as Record<ChurnInputName, typeof Input>),
  missing: z.array(z.enum(CHURN_INPUTS)),
  churnCost: z.object({ monthlySales: Money, monthlyMargin: Money, monthlyMarginBase: Money, total: Money }).nullable(),
  formula: z.string().nullable(),
  sensitivity: z.object({
    churnRate: z.number(), churnSource: z.enum(["measured", "given", "default"]), reduction: z.number(), discountRate: z.number(), marginPerPeriod: Money,
    retentionBefore: z.number(), retentionAfter: z.number(), lifetimeMarginBefore: z.number(), lifetimeMarginAfter: z.number(), increase: z.number().nullable(),
  }).nullable(),
  sensitivityIssue: z.enum(["noChurn", "reductionTooLarge", "missingInputs"]).nullable(),
}).meta({ id: "ChurnCost" });

const Months = (what: string) => z.coerce.number().int().min(1).max(120).default(12).describe(what);
const Decimal = (signed: boolean, what: string) =>
  z.string().regex(signed ? /^-?\d{1,12}(\.\d{1,8})?$/ : /^\d{1,12}(\.\d{1,8})?$/, signed ? "a decimal number such as 12.5" : "a decimal number, 0 or more, such as 12.5").optional().describe(what);

const CohortQuery = z.object({ asOf: AsOf, months: Months("the KPIs' period: months ending with the as-of month") });
const ChurnCostQuery = z.object({
  asOf: AsOf,
  period: Months("the measuring period: months ending with the as-of month; lost customers bought in the one before but not in it"),
  lostCustomers: Decimal(false, "default: measured"),
  ordersPerMonth: Decimal(false, "orders a customer places a month (default: measured on the lost customers)"),
  orderValue: Decimal(true, "average order value (default: measured)"),
  marginRate: Decimal(true, "contribution margin over sales, 0.2 for 20% (default: measured on the lines with a known cost)"),
  fxRate: Decimal(false, "base-currency units per unit of the order value's currency (default 1)"),
  months: Decimal(false, "months the loss runs for (default 12)"),
  churnRate: z.coerce.number().gt(0).max(1).optional().describe("sensitivity: churn per period (default: measured)"),
  reduction: z.coerce.number().min(0).lt(1).optional().describe("sensitivity: how much lower the churn rate would be (default 0.05)"),
  discountRate: z.coerce.number().min(0).max(10).optional().describe("sensitivity: discount rate per period (default 0.1)"),
});

/** Cohorts and retention, and the churn-cost calculator: reports over the per-customer-month aggregates. */
export const retentionReportRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get("/reports/cohorts", {
    config: { permission: "reports:read" },
    schema: {
      tags: ["reports"],
      summary: "Cohorts by first-purchase month and the retention KPIs, as of a date (docs/value.md)",
      querystring: CohortQuery,
      response: { 200: CohortReportOut },
    },
  }, async (req) => moneyJson(await buildCohortReport(app.db, req.query)) as z.infer<typeof CohortReportOut>);

  app.get("/reports/churn-cost", {
    config: { permission: "reports:read" },
    schema: {
      tags: ["reports"],
      summary: "The cost of churn from the business's own figures, each input overridable, and what a lower churn rate adds (docs/value.md)",
      querystring: ChurnCostQuery,
      response: { 200: ChurnCostOut },
    },
  }, async (req) => moneyJson(await buildChurnCost(app.db, req.query)) as z.infer<typeof ChurnCostOut>);
};
