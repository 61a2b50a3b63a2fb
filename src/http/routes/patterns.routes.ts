import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { recordChange } from "../../audit/audit.repository.ts";
import { analyzeBaskets, saveBasketRun } from "../../patterns/baskets.service.ts";
import { buildForecast } from "../../patterns/forecast.service.ts";
import { nextOffers } from "../../patterns/next-offers.service.ts";
import { analyzeSequences, saveSequenceRun } from "../../patterns/sequences.service.ts";
import { listRuns } from "../../store/pattern-runs.repository.ts";
import { actorOf, principalOf } from "../auth.ts";
import { assertCustomerAccess } from "../permissions.ts";

const Share = z.coerce.number().gt(0).max(1);
const Days = z.coerce.number().int().min(1).max(3650);
const Scope = z.object({
  asOf: z.iso.date().optional().describe("the last order date read (default: the end of the last complete month in the business's time zone)"),
  window: z.string().regex(/^(\d{1,4}[dmy]|all)$/, "a length such as 12m, 90d or 1y, or all").default("12m").describe("the window of order dates ending on the as-of date"),
  level: z.enum(["product", "category"]).default("product").describe("items are products or categories"),
  segment: z.string().regex(/^[a-zA-Z]+:.+$/, "scheme:value, such as rfm:champions").optional().describe("only the members of one segment of a snapshot: tier:key, decile:1, rfm:champions, loyalty:loyal, …"),
  snapshot: z.iso.date().optional().describe("the snapshot the segment is taken from (default: the latest)"),
  limit: z.coerce.number().int().min(1).max(1000).default(100).describe("rows returned per list"),
});
const BasketQuery = Scope.extend({
  minSupport: Share.optional().describe("minimum support: a share of the baskets (default 0.01); or give minCount"),
  minCount: z.coerce.number().int().min(1).optional().describe("minimum support as a number of baskets"),
  minConfidence: z.coerce.number().min(0).max(1).optional().describe("minimum confidence (default 0.5)"),
  maxLength: z.coerce.number().int().min(2).max(10).optional().describe("most items in an itemset (default 4)"),
  consequents: z.enum(["single", "all"]).default("single").describe("one item on the right-hand side (as arules) or any split (as mlxtend)"),
  sort: z.enum(["lift", "confidence", "support"]).default("lift"),
});
const SequenceQuery = Scope.extend({
  minSupport: Share.optional().describe("minimum support: a share of the customers (default 0.01); or give minCount"),
  minCount: z.coerce.number().int().min(1).optional().describe("minimum support as a number of customers"),
  maxGap: Days.optional().describe("most days between one purchase of a pattern and the next"),
  minGap: Days.optional().describe("fewest days between them (default 1)"),
  maxWindow: Days.optional().describe("most days from a pattern's first purchase to its last"),
  maxLength: z.coerce.number().int().min(2).max(10).optional().describe("most purchases in a pattern (default 4)"),
  maxSize: z.coerce.number().int().min(1).max(10).optional().describe("most items bought together in one purchase of a pattern (default 2)"),
  minConfidence: z.coerce.number().min(0).max(1).optional().describe("minimum confidence of the sequence rules (default 0.1)"),
  withinDays: Days.optional().describe("\"A then B within N days\": the N (default 90)"),
  binDays: Days.optional().describe("days per bin of the timing histograms (default 7)"),
});

const Item = z.object({ key: z.string(), label: z.string() });
const ScopeOut = z.object({
  from: z.string(), to: z.string(), window: z.string(),
  segment: z.object({ asOf: z.string(), scheme: z.string(), segment: z.string() }).nullable(),
});
const BasketReportOut = z.object({
  level: z.enum(["product", "category"]),
  scope: ScopeOut,
  baskets: z.number(), items: z.number(),
  thresholds: z.object({ minSupport: z.number(), minCount: z.number(), minConfidence: z.number(), maxLength: z.number(), consequents: z.enum(["single", "all"]) }),
  itemsets: z.number(), rulesFound: z.number(), sort: z.enum(["lift", "confidence", "support"]),
  topItems: z.array(Item.extend({ count: z.number(), support: z.number() })),
  rules: z.array(z.object({
    antecedent: z.array(Item), consequent: z.array(Item), count: z.number(), antecedentCount: z.number(), consequentCount: z.number(),
    support: z.number(), confidence: z.number(), lift: z.number(), leverage: z.number(), conviction: z.number().nullable().describe("null: infinite (confidence 1)"),
  })),
}).meta({ id: "BasketReport" });
const Elements = z.array(z.array(Item));
const SequenceReportOut = z.object({
  level: z.enum(["product", "category"]),
  scope: ScopeOut,
  customers: z.number(), events: z.number(),
  thresholds: z.object({
    minSupport: z.number(), minCount: z.number(), maxGap: z.number().nullable(), minGap: z.number(), maxWindow: z.number().nullable(),
    maxLength: z.number(), maxSize: z.number(), minConfidence: z.number(), withinDays: z.number(), binDays: z.number(),
  }),
  patternsFound: z.number(), rulesFound: z.number(), pairsFound: z.number(),
  patterns: z.array(z.object({ elements: Elements, customers: z.number(), support: z.number() })),
  rules: z.array(z.object({ antecedent: Elements, consequent: Elements, customers: z.number(), support: z.number(), confidence: z.number(), lift: z.number() })),
  pairs: z.array(z.object({
    a: Item, b: Item, buyers: z.number(), followers: z.number(), share: z.number(), meanDays: z.number().nullable(),
    histogram: z.array(z.number()).describe("followers by days from A to B: bin k holds k·binDays + 1 … (k + 1)·binDays"),
  })),
}).meta({ id: "SequenceReport" });
const RunOut = z.object({
  runId: z.number(), kind: z.enum(["baskets", "sequences"]), level: z.enum(["product", "category"]),
  params: z.record(z.string(), z.unknown()), summary: z.record(z.string(), z.unknown()), createdAt: z.string(),
}).meta({ id: "PatternRun" });
const NextOffersOut = z.object({
  customerId: z.number(),
  offers: z.array(z.object({
    item: Item,
    score: z.number(),
    reason: z.union([
      z.object({ kind: z.literal("basket"), because: z.array(Item), confidence: z.number(), lift: z.number().nullable(), baskets: z.number(), runId: z.number() }),
      z.object({ kind: z.literal("sequence"), because: Item, boughtOn: z.string(), withinDays: z.number(), share: z.number(), buyers: z.number(), meanDays: z.number().nullable(), runId: z.number() }),
    ]),
    text: z.string(),
  })),
  runs: z.object({
    baskets: z.object({ runId: z.number(), createdAt: z.string(), level: z.string() }).nullable(),
    sequences: z.object({ runId: z.number(), createdAt: z.string(), level: z.string() }).nullable(),
  }),
}).meta({ id: "NextOffers" });

const Floats = z.array(z.number());
const ForecastQuery = z.object({
  series: z.enum(["sales", "orders", "active", "new"]).default("sales").describe("net sales, orders, active customers (with a sale in the period) or new customers (first sale in it)"),
  period: z.enum(["month", "week"]).default("month").describe("months, or weeks from Monday to Sunday"),
  horizon: z.coerce.number().int().min(1).max(104).optional().describe("periods ahead (default 12 months or 13 weeks; at most 36 months or 104 weeks)"),
  asOf: z.iso.date().optional().describe("the last day read; a date inside a period reads up to the period before (default: the last complete period)"),
  window: z.string().regex(/^(\d{1,4}[dmy]|all)$/, "a length such as 36m, or all").default("all").describe("the history read"),
  segment: z.string().regex(/^[a-zA-Z]+:.+$/, "scheme:value, such as rfm:champions").optional().describe("only the members of one segment of a snapshot"),
  snapshot: z.iso.date().optional().describe("the snapshot the segment is taken from (default: the latest)"),
});
const Score = z.object({ forecast: Floats, mase: z.number().nullable(), smape: z.number().nullable(), mae: z.number() });
const ForecastOut = z.object({
  series: z.enum(["sales", "orders", "active", "new"]), period: z.enum(["month", "week"]), scope: ScopeOut, currency: z.string(),
  history: z.object({ starts: z.array(z.string()).describe("each period's first day"), values: Floats }),
  model: z.object({
    name: z.string().describe("e.g. ETS(M,Ad,M)"),
    spec: z.object({ error: z.string(), trend: z.string(), season: z.string() }),
    seasonalPeriod: z.number(),
    params: z.object({ alpha: z.number(), beta: z.number().nullable(), gamma: z.number().nullable(), phi: z.number().nullable() }),
    aicc: z.number(), aic: z.number(), bic: z.number(), sigma: z.number(),
    candidates: z.array(z.object({ model: z.string(), aicc: z.number().nullable(), skipped: z.string().optional() })),
  }).nullable(),
  forecast: z.object({ starts: z.array(z.string()), mean: Floats, lower80: Floats, upper80: Floats, lower95: Floats, upper95: Floats, intervals: z.enum(["analytic", "simulated"]) }).nullable(),
  backtest: z.object({ horizon: z.number(), starts: z.array(z.string()), actual: Floats, model: Score.extend({ name: z.string() }), seasonalNaive: Score }).nullable(),
  issue: z.enum(["tooShort"]).nullable().describe("tooShort: fewer than 8 periods of history, no model"),
}).meta({ id: "Forecast" });

/** Baskets, sequences, their saved runs and the next best offers (docs/baskets.md, docs/sequences.md, docs/patterns.md). */
export const patternRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.db;
  const tags = ["patterns"];

  app.get("/reports/baskets", {
    config: { permission: "reports:read" },
    schema: { tags, summary: "What is bought together: frequent itemsets (FP-growth) and association rules over a window's orders", querystring: BasketQuery, response: { 200: BasketReportOut } },
  }, async (req) => (await analyzeBaskets(db, req.query)).report);

  app.get("/reports/sequences", {
    config: { permission: "reports:read" },
    schema: { tags, summary: "What is bought after what: sequential patterns, sequence rules, and \"x% of the buyers of A buy B within N days\"", querystring: SequenceQuery, response: { 200: SequenceReportOut } },
  }, async (req) => (await analyzeSequences(db, req.query)).report);

  app.get("/reports/forecast", {
    config: { permission: "reports:read" },
    schema: { tags, summary: "A forecast of monthly or weekly net sales, orders, active or new customers: the ETS model chosen by AICc, 80% and 95% intervals, and a back-test against the seasonal naive", querystring: ForecastQuery, response: { 200: ForecastOut } },
  }, async (req) => buildForecast(db, req.query));

  app.get("/patterns/runs", {
    config: { permission: "reports:read" },
    schema: { tags, summary: "The saved basket and sequence runs, newest first", response: { 200: z.object({ items: z.array(RunOut) }) } },
  }, async () => ({
    items: (await listRuns(db)).map((r) => ({ runId: Number(r.run_id), kind: r.kind, level: r.level, params: r.params, summary: r.summary, createdAt: new Date(r.created_at).toISOString() })),
  }));

  app.post("/patterns/runs", {
    config: { permission: "segments:write" },
    schema: {
      tags,
      summary: "Mine baskets or sequences and save the run: the next best offers read the latest run of each kind",
      body: z.discriminatedUnion("kind", [
        BasketQuery.extend({ kind: z.literal("baskets") }),
        SequenceQuery.extend({ kind: z.literal("sequences") }),
      ]),
      response: { 200: z.object({ runId: z.number(), kind: z.enum(["baskets", "sequences"]), rules: z.number() }) },
    },
  }, async (req) => {
    const b = req.body;
    const userId = principalOf(req).userId;
    let result: { runId: number; kind: "baskets" | "sequences"; rules: number };
    if (b.kind === "baskets") {
      const r = await analyzeBaskets(db, b);
      result = { runId: await saveBasketRun(db, r, userId), kind: b.kind, rules: r.all.length };
    } else {
      const r = await analyzeSequences(db, b);
      result = { runId: await saveSequenceRun(db, r, userId), kind: b.kind, rules: r.allPairs.length };
    }
    await recordChange(db, actorOf(req), { action: "patterns.run", entityType: "pattern_run", entityId: String(result.runId), after: { ...b, ...result } });
    return result;
  });

  app.get("/customers/:id/next-offers", {
    config: { permission: "customers:read" },
    schema: {
      tags: ["customers"],
      summary: "The products this customer is most likely to buy next, from the latest saved basket and sequence runs, with the reason for each",
      params: z.object({ id: z.coerce.number().int().positive() }),
      querystring: z.object({ limit: z.coerce.number().int().min(1).max(50).default(5) }),
      response: { 200: NextOffersOut },
    },
  }, async (req) => {
    await assertCustomerAccess(db, principalOf(req), req.params.id);
    return nextOffers(db, req.params.id, { limit: req.query.limit });
  });
};
