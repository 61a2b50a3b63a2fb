import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { RetainError } from "../../errors.ts";
import { atRiskCustomers, customerScore, listModelRuns, modelRun, type CustomerScoreRow, type ModelRunRow } from "../../store/model-runs.repository.ts";
import { actorOf, principalOf } from "../auth.ts";
import { assertCustomerAccess } from "../permissions.ts";

const Num = z.number();
const NumOrNull = z.number().nullable();
const Param = z.object({ name: z.string(), value: Num, se: NumOrNull });
const Fit = z.looseObject({ params: z.array(Param), logLikelihood: Num, customers: Num, converged: z.boolean() });
const ClassifierQuality = z.object({ model: z.enum(["logistic", "boosted-trees", "bgnbd"]), auc: Num, brier: Num, logLoss: Num });
const LiftRow = z.looseObject({ decile: Num, customers: Num, positives: Num, rate: Num, lift: Num, cumulativeCapture: Num });
const CalibrationRow = z.looseObject({ lo: Num, hi: Num, count: Num, meanPredicted: Num, observedRate: Num });
const Skipped = z.object({ skipped: z.string() });
const RegressionScore = z.object({ mae: Num, rmse: Num, r2: Num, totalPredicted: Num, totalActual: Num });

const RunOut = z.object({
  runId: Num, asOf: z.string(), unit: z.enum(["day", "week"]), horizonDays: Num, customers: Num, createdAt: z.string(),
  currency: z.string(),
  summary: z.looseObject({ atRisk: Num, valueAtRisk: Num, expectedPurchases: Num, predictedValue: Num, clv: Num, active: Num }),
  btyd: z.looseObject({
    unit: z.enum(["day", "week"]),
    bgnbd: Fit,
    gammaGamma: Fit.nullable(),
    spendCheck: z.object({ correlation: NumOrNull, customers: Num, warning: z.boolean() }),
    frequency: z.array(z.object({ repeat: z.string(), actual: Num, expected: Num })),
  }),
  btydBacktest: z.looseObject({
    calibratedAsOf: z.string(), days: Num, customers: Num, actualPurchases: Num, expectedPurchases: Num, meanAbsoluteError: Num,
    byRepeat: z.array(z.object({ repeat: z.string(), customers: Num, actual: Num, expected: Num })),
  }).nullable(),
  clv: z.looseObject({
    horizonDays: Num, discountRate: Num, stepDays: Num, marginRate: Num, marginBasis: z.enum(["margin", "sales"]), interval: z.string(), total: Num,
    bySegment: z.array(z.object({ scheme: z.string(), segment: z.string(), customers: Num, clv: Num, low: Num, high: Num })),
    skipped: z.string().nullable(),
  }),
  churn: z.union([
    z.looseObject({
      trainedAsOf: z.string(), windowDays: Num, population: Num, churnRate: Num, chosen: z.enum(["logistic", "boosted-trees"]), reason: z.string(),
      candidates: z.array(ClassifierQuality), lift: z.array(LiftRow), bgnbdLift: z.array(LiftRow), calibration: z.array(CalibrationRow), beatsBgnbd: z.boolean(), aucGain: Num,
    }),
    Skipped,
  ]),
  value: z.union([z.looseObject({ trainedAsOf: z.string(), horizonDays: Num, population: Num, chosen: z.enum(["ridge", "boosted-trees"]), reason: z.string(), test: RegressionScore, naive: RegressionScore }), Skipped]),
  clusters: z.looseObject({
    k: Num,
    table: z.array(z.object({ k: Num, silhouette: Num, withinSS: Num, betweenShare: Num })),
    customers: Num,
    clusters: z.array(z.looseObject({
      cluster: Num, customers: Num, share: Num,
      top: z.array(z.object({ feature: z.string(), direction: z.string().nullable(), size: z.string().nullable(), d: NumOrNull })),
    })),
  }).nullable(),
  churnedVsStayed: z.array(z.looseObject({ feature: z.string(), meanA: NumOrNull, meanB: NumOrNull, d: NumOrNull })),
  lookalike: z.object({ reference: z.string(), referenceCustomers: Num }),
}).meta({ id: "ModelRun" });

const Reason = z.object({ feature: z.string(), value: NumOrNull, contribution: Num });
const Scores = z.object({
  pAlive: Num, expectedPurchases: Num, nextPurchaseDays: NumOrNull, expectedOrderValue: z.string(),
  clv: z.string(), clvLow: z.string(), clvHigh: z.string(),
  churnProbability: NumOrNull.describe("null: not active (no purchase in the 365 days to the run's date), so not scored by the churn model"),
  reasons: z.array(Reason).nullable().describe("what raises this customer's odds of leaving most (kept for the most at-risk customers)"),
  valueAtRisk: z.string().nullable(), predictedValue: z.string().nullable(), cluster: NumOrNull, lookalike: NumOrNull,
});
const CustomerScoresOut = z.object({
  run: z.object({ runId: Num, asOf: z.string(), unit: z.enum(["day", "week"]), horizonDays: Num, createdAt: z.string(), currency: z.string() }).nullable(),
  scores: Scores.nullable().describe("null: no run yet, or the customer had not bought by the run's date"),
}).meta({ id: "CustomerScores" });
const AtRiskOut = z.object({
  runId: Num, total: Num, currency: z.string(),
  items: z.array(Scores.extend({ customerId: Num, name: z.string(), kind: z.string(), state: z.string() })),
}).meta({ id: "AtRisk" });
const JobOut = z.object({
  jobId: z.string(), status: z.enum(["running", "done", "failed"]),
  progress: z.object({ step: z.string(), done: Num, total: Num }),
  runId: NumOrNull, error: z.object({ code: z.string(), message: z.string() }).nullable(), startedAt: z.string(), finishedAt: z.string().nullable(),
}).meta({ id: "ModelJob" });

const scoresOf = (s: CustomerScoreRow) => ({
  pAlive: s.p_alive, expectedPurchases: s.expected_purchases, nextPurchaseDays: s.next_purchase_days, expectedOrderValue: s.expected_order_value,
  clv: s.clv, clvLow: s.clv_low, clvHigh: s.clv_high, churnProbability: s.churn_probability, reasons: (s.churn_reasons as z.infer<typeof Reason>[] | null) ?? null,
  valueAtRisk: s.value_at_risk, predictedValue: s.predicted_value, cluster: s.cluster, lookalike: s.lookalike,
});

function runOut(r: ModelRunRow) {
  const p = r.params as Record<string, any>;
  const q = r.quality as Record<string, any>;
  const s = r.summary as Record<string, any>;
  return {
    runId: r.run_id, asOf: r.as_of, unit: r.unit, horizonDays: r.horizon_days, customers: r.customers, createdAt: new Date(r.created_at).toISOString(),
    currency: String(s.currency ?? ""), summary: s as never, btyd: p.btyd, btydBacktest: q.btydBacktest ?? null, clv: p.clv, churn: q.churn, value: q.value,
    clusters: p.clusters ?? null, churnedVsStayed: q.churnedVsStayed ?? [], lookalike: p.lookalike,
  };
}

/** Prediction runs, the at-risk list and each customer's scores (docs/prediction.md). */
export const modelRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.db;
  const tags = ["models"];

  app.post("/models/runs", {
    config: { permission: "segments:write" },
    schema: {
      tags,
      summary: "Fit the models, score every customer and save the run, in the background (poll the job); one run at a time",
      body: z.object({
        asOf: z.iso.date().optional().describe("the run's date (default: the latest order date)"),
        unit: z.enum(["day", "week"]).default("week").describe("the BTYD models' time unit"),
        horizonDays: z.number().int().min(7).max(730).default(90).describe("the churn window and the expected purchases' horizon"),
        clvHorizonDays: z.number().int().min(7).max(3650).default(365),
        discountRate: z.number().min(0).max(0.99).default(0.1).describe("CLV's discount rate per year"),
      }),
      response: { 202: z.object({ job: JobOut, started: z.boolean().describe("false: a run was already going; this is it") }) },
    },
  }, async (req, reply) => {
    const { job, started } = app.modelJobs.start(req.body, actorOf(req));
    return reply.status(202).send({ job, started });
  });

  app.get("/models/jobs/:jobId", {
    config: { permission: "reports:read" },
    schema: { tags, summary: "A run's progress, and its id when done", params: z.object({ jobId: z.string().max(64) }), response: { 200: JobOut } },
  }, async (req) => app.modelJobs.get(req.params.jobId));

  app.get("/models/runs", {
    config: { permission: "reports:read" },
    schema: {
      tags, summary: "The saved runs, newest first (the five latest are kept)",
      response: { 200: z.object({ items: z.array(z.object({ runId: Num, asOf: z.string(), unit: z.string(), horizonDays: Num, customers: Num, createdAt: z.string() })) }) },
    },
  }, async () => ({
    items: (await listModelRuns(db)).map((r) => ({ runId: r.run_id, asOf: r.as_of, unit: r.unit, horizonDays: r.horizon_days, customers: r.customers, createdAt: new Date(r.created_at).toISOString() })),
  }));

  app.get("/models/runs/:runId", {
    config: { permission: "reports:read" },
    schema: {
      tags,
      summary: "A run's models, back-tests and summary (runId \"latest\" for the newest)",
      params: z.object({ runId: z.union([z.literal("latest"), z.coerce.number().int().positive()]) }),
      response: { 200: RunOut },
    },
  }, async (req) => {
    const r = await modelRun(db, req.params.runId === "latest" ? undefined : req.params.runId);
    if (!r) throw new RetainError("NOT_FOUND", req.params.runId === "latest" ? "No prediction run yet: start one (Predictions → Run the models, or retain models predict)." : `No prediction run ${req.params.runId}.`, { field: "runId" });
    return runOut(r);
  });

  app.get("/models/at-risk", {
    config: { permission: "reports:read" },
    schema: {
      tags,
      summary: "The active customers most at risk of leaving in a run, with the reasons and the value at stake",
      querystring: z.object({
        runId: z.coerce.number().int().positive().optional().describe("default: the latest run"),
        order: z.enum(["valueAtRisk", "churnProbability"]).default("valueAtRisk").describe("value at risk = churn probability × CLV"),
        minProbability: z.coerce.number().min(0).max(1).default(0),
        limit: z.coerce.number().int().min(1).max(500).default(50),
        offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
      }),
      response: { 200: AtRiskOut },
    },
  }, async (req) => {
    const q = req.query;
    const run = await modelRun(db, q.runId);
    if (!run) throw new RetainError("NOT_FOUND", "No prediction run yet: start one (Predictions → Run the models, or retain models predict).", { field: "runId" });
    const r = await atRiskCustomers(db, run.run_id, { order: q.order, limit: q.limit, offset: q.offset, minProbability: q.minProbability });
    const currency = String((run.summary as Record<string, unknown>).currency ?? "");
    return { runId: run.run_id, total: r.total, currency, items: r.rows.map((x) => ({ ...scoresOf(x), customerId: x.customer_id, name: x.name, kind: x.kind, state: x.state })) };
  });

  app.get("/customers/:id/scores", {
    config: { permission: "customers:read" },
    schema: {
      tags: ["customers"],
      summary: "This customer's scores in the latest run: P(alive), expected purchases, CLV with its interval, churn probability with the reasons",
      params: z.object({ id: z.coerce.number().int().positive() }),
      response: { 200: CustomerScoresOut },
    },
  }, async (req) => {
    await assertCustomerAccess(db, principalOf(req), req.params.id);
    const run = await modelRun(db);
    if (!run) return { run: null, scores: null };
    const s = await customerScore(db, run.run_id, req.params.id);
    return {
      run: { runId: run.run_id, asOf: run.as_of, unit: run.unit, horizonDays: run.horizon_days, createdAt: new Date(run.created_at).toISOString(), currency: String((run.summary as Record<string, unknown>).currency ?? "") },
      scores: s ? scoresOf(s) : null,
    };
  });
};
