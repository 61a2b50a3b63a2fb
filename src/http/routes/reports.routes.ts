import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { RFM8_SEGMENTS } from "../../analytics/value/rfm8.ts";
import { buildValueReport, valueReportJson } from "../../value/value-report.service.ts";
import { rulesOfFields } from "../../value/segments.service.ts";
import { rfm8Choice } from "../../value/rfm8.service.ts";
import { Rules } from "./segments.routes.ts";

/** Money as an exact decimal string in the base currency. */
const Money = z.string();
const Share = z.number().nullable();
const Group = z.object({
  group: z.number(), customers: z.number(), customerShare: z.number(), cumulativeCustomerShare: z.number(),
  sums: z.record(z.string(), z.object({ sum: Money, share: Share, cumulativeShare: Share })),
});
const SegmentGroup = z.object({ group: z.string(), customers: z.number(), netSales: Money, margin: Money, previousNetSales: Money, previousMargin: Money });
const ValueReportOut = z.object({
  currency: z.string(),
  window: z.object({ from: z.string(), to: z.string() }),
  by: z.enum(["sales", "margin"]),
  kpis: z.object({
    customers: z.number(), orders: z.number(), netSales: Money, margin: Money,
    marginCoverage: Share, averageOrderValue: z.number().nullable(), discountShare: Share,
  }),
  deciles: z.array(Group),
  purchaseDeciles: z.array(z.object({ part: z.number(), customers: z.number(), cumulativeCustomers: z.number(), customerShare: z.number(), cumulativeCustomerShare: z.number() })).nullable(),
  concentration: z.array(z.object({ share: z.number(), customers: z.number().nullable(), customerShare: Share })),
  pareto: z.array(z.object({ customerShare: z.number(), valueShare: z.number() })).nullable(),
  pyramid: z.array(Group.extend({ tier: z.enum(["key", "secondary", "ordinary", "small"]) })),
  customerTypes: z.object({
    rule: z.object({ minDiscountShare: z.number(), maxPurchaseDays: z.number() }),
    transaction: z.object({ customers: z.number(), netSales: Money, margin: Money }),
    relationship: z.object({ customers: z.number(), netSales: Money, margin: Money }),
  }),
  rfm: z.object({
    customers: z.number(),
    segments: z.array(z.object({ segment: z.string(), customers: z.number(), value: Money, valueShare: Share, customerShare: z.number() })),
  }),
  rfm8: z.object({
    method: z.enum(["mean", "median", "custom"]),
    customers: z.number(),
    cutoffs: z.object({ recencyDays: z.number(), frequency: z.number(), monetary: Money }).nullable(),
    segments: z.array(z.object({
      segment: z.enum(RFM8_SEGMENTS), customers: z.number(), customerShare: z.number(), monetary: Money, monetaryShare: Share,
      meanRecencyDays: z.number().nullable(), meanFrequency: z.number().nullable(), meanMonetary: Money.nullable(), treatment: z.string(),
    })),
  }).describe("the 8-segment RFM of the window's buyers: R, F and M each high or low against a cut-off (docs/value.md, \"The 8-segment RFM\")"),
  shareOfWallet: z.object({ customers: z.number(), netSales: Money, budget: Money, share: Share }).describe("customers with a yearly budget recorded (profile value.annual_budget): their net sales in the window against the budgets prorated to it"),
  segments: z.object({
    previousWindow: z.object({ from: z.string(), to: z.string() }),
    profitGroups: z.object({ rule: z.object({ topShare: z.number(), change: z.number() }), groups: z.array(SegmentGroup) }),
    loyalty: z.object({
      rule: z.object({ churnDays: z.number(), newDays: z.number(), loyalPurchaseDays: z.number(), loyalTopShare: z.number(), loyalMaxDiscount: z.number() }),
      classes: z.array(SegmentGroup.extend({ treatment: z.string() })),
    }),
    ladder: z.object({
      rule: z.object({ periodMonths: z.number(), loyalPeriods: z.number(), oldMonths: z.number() }),
      rungs: z.array(z.object({ rung: z.string(), customers: z.number(), netSales: Money, margin: Money })),
    }),
  }),
}).meta({ id: "ValueReport" });

/** The 8-segment RFM's cut-off fields (rfm8.service.ts rfm8Choice checks them, naming the field). */
export const Rfm8Query = z.object({
  rfm8Cutoff: z.enum(["mean", "median", "custom"]).optional().describe("8-segment RFM: cut R, F and M at the buyers' mean (default), median, or the values given"),
  rfm8R: z.string().max(40).optional().describe("… custom: R is high when the last purchase is at most this many days before the as-of date"),
  rfm8F: z.string().max(40).optional().describe("… custom: F is high from this many purchase days"),
  rfm8M: z.string().max(40).optional().describe("… custom: M is high from this much (base currency, the report's measure)"),
});

const ValueQuery = Rules.extend(Rfm8Query.shape).extend({
  asOf: z.iso.date().optional().describe("the window's last day (default: the end of the last complete month in the business's time zone)"),
  window: z.string().regex(/^\d{1,4}[dmy]$/, "a length such as 12m, 90d or 1y").default("12m"),
  by: z.enum(["sales", "margin"]).default("sales"),
  transactionDiscount: z.coerce.number().min(0).max(1).optional().describe("transaction customers: a discount share of at least this (default 0.3)"),
  transactionDays: z.coerce.number().int().min(1).max(366).optional().describe("… and at most this many purchase days in the window (default 2)"),
});

export const reportRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get("/reports/value", {
    config: { permission: "reports:read" },
    schema: {
      tags: ["reports"],
      summary: "Customer value as of a date: KPIs, deciles, purchase deciles, Pareto, pyramid, RFM segments, the three profitable groups, loyalty classes and the ladder (docs/value.md)",
      querystring: ValueQuery,
      response: { 200: ValueReportOut },
    },
  }, async (req) => valueReportJson(await buildValueReport(app.db, { ...req.query, rules: rulesOfFields(req.query), rfm8: rfm8Choice(req.query) })) as z.infer<typeof ValueReportOut>);
};
