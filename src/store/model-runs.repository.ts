import { sql, type Kysely } from "kysely";
import { copyInto, type CopyRow } from "./copy.ts";
import type { Database } from "./schema.ts";

/**
 * Prediction runs and each customer's scores (docs/prediction.md, "Saved runs"). A run is
 * written whole in one transaction, so readers see either the previous run or this one;
 * the oldest runs beyond `KEEP_RUNS` are deleted with their scores.
 */
export const KEEP_RUNS = 5;

/** Every customer's scores, column by column (NaN or −1 where a score does not apply). */
export interface ScoreColumns {
  ids: Float64Array;
  pAlive: Float64Array;
  expectedPurchases: Float64Array;
  /** Days to the next purchase (median); NaN: none expected. */
  nextPurchaseDays: Float64Array;
  /** Money in the base currency, rounded to cents when stored. */
  expectedOrderValue: Float64Array;
  clv: Float64Array;
  clvLow: Float64Array;
  clvHigh: Float64Array;
  /** NaN: outside the classifier's population. */
  churnProbability: Float64Array;
  /** JSON of the top reasons, or null. */
  churnReasons: ReadonlyArray<string | null>;
  valueAtRisk: Float64Array;
  predictedValue: Float64Array;
  /** −1: not clustered. */
  cluster: Int16Array;
  lookalike: Float64Array;
}

export interface ModelRunInput {
  asOf: string;
  unit: "day" | "week";
  horizonDays: number;
  params: unknown;
  quality: unknown;
  summary: unknown;
  createdBy: number | null;
}

/** Rows per COPY: bounds the text held at once. */
const COPY_CHUNK = 50_000;

const SCORE_COLUMNS = [
  "customer_id", "run_id", "p_alive", "expected_purchases", "next_purchase_days", "expected_order_value", "clv", "clv_low", "clv_high",
  "churn_probability", "churn_reasons", "value_at_risk", "predicted_value", "cluster", "lookalike",
] as const;

const num = (x: number): number | null => (Number.isFinite(x) ? x : null);
const cents = (x: number): string | null => (Number.isFinite(x) ? x.toFixed(2) : null);

/** Saves a run and its scores; returns the run's id. */
export async function saveModelRun(db: Kysely<Database>, run: ModelRunInput, s: ScoreColumns): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const r = await sql<{ run_id: string }>`
      insert into model_runs (as_of, unit, horizon_days, params, quality, summary, customers, created_by)
      values (${run.asOf}::date, ${run.unit}, ${run.horizonDays}, ${JSON.stringify(run.params)}::jsonb, ${JSON.stringify(run.quality)}::jsonb,
        ${JSON.stringify(run.summary)}::jsonb, ${s.ids.length}, ${run.createdBy})
      returning run_id`.execute(trx);
    const runId = Number(r.rows[0]!.run_id);
    for (let at = 0; at < s.ids.length; at += COPY_CHUNK) {
      const rows: CopyRow[] = [];
      for (let i = at; i < Math.min(s.ids.length, at + COPY_CHUNK); i++) {
        rows.push([
          s.ids[i], runId, s.pAlive[i], s.expectedPurchases[i], num(s.nextPurchaseDays[i]!), cents(s.expectedOrderValue[i]!), cents(s.clv[i]!),
          cents(s.clvLow[i]!), cents(s.clvHigh[i]!), num(s.churnProbability[i]!), s.churnReasons[i], cents(s.valueAtRisk[i]!),
          cents(s.predictedValue[i]!), s.cluster[i]! < 0 ? null : s.cluster[i], num(s.lookalike[i]!),
        ]);
      }
      await copyInto(trx, "customer_scores", SCORE_COLUMNS, rows);
    }
    await sql`delete from model_runs where run_id not in (select run_id from model_runs order by run_id desc limit ${KEEP_RUNS})`.execute(trx);
    return runId;
  });
}

export interface ModelRunRow {
  run_id: number;
  as_of: string;
  unit: "day" | "week";
  horizon_days: number;
  params: unknown;
  quality: unknown;
  summary: unknown;
  customers: number;
  created_at: Date;
  created_by: number | null;
}

const RUN_FIELDS = sql`run_id::float8 as run_id, to_char(as_of, 'YYYY-MM-DD') as as_of, unit, horizon_days, params, quality, summary, customers, created_at, created_by::float8 as created_by`;

export async function listModelRuns(db: Kysely<Database>, limit = KEEP_RUNS): Promise<Array<Omit<ModelRunRow, "params" | "quality" | "summary">>> {
  const r = await sql<ModelRunRow>`select run_id::float8 as run_id, to_char(as_of, 'YYYY-MM-DD') as as_of, unit, horizon_days, customers, created_at, created_by::float8 as created_by
    from model_runs order by run_id desc limit ${limit}`.execute(db);
  return r.rows;
}

/** A run by id, or the latest one; undefined when there is none. */
export async function modelRun(db: Kysely<Database>, runId?: number): Promise<ModelRunRow | undefined> {
  const r = await sql<ModelRunRow>`select ${RUN_FIELDS} from model_runs
    ${runId === undefined ? sql`` : sql`where run_id = ${runId}`} order by run_id desc limit 1`.execute(db);
  return r.rows[0];
}

export interface CustomerScoreRow {
  customer_id: number;
  p_alive: number;
  expected_purchases: number;
  next_purchase_days: number | null;
  expected_order_value: string;
  clv: string;
  clv_low: string;
  clv_high: string;
  churn_probability: number | null;
  churn_reasons: unknown;
  value_at_risk: string | null;
  predicted_value: string | null;
  cluster: number | null;
  lookalike: number | null;
}

const SCORE_FIELDS = sql`s.customer_id::float8 as customer_id, s.p_alive, s.expected_purchases, s.next_purchase_days, s.expected_order_value::text as expected_order_value,
  s.clv::text as clv, s.clv_low::text as clv_low, s.clv_high::text as clv_high, s.churn_probability, s.churn_reasons, s.value_at_risk::text as value_at_risk,
  s.predicted_value::text as predicted_value, s.cluster, s.lookalike`;

/** One customer's scores in a run. */
export async function customerScore(db: Kysely<Database>, runId: number, customerId: number): Promise<CustomerScoreRow | undefined> {
  const r = await sql<CustomerScoreRow>`select ${SCORE_FIELDS} from customer_scores s where s.customer_id = ${customerId} and s.run_id = ${runId}`.execute(db);
  return r.rows[0];
}

export type AtRiskOrder = "valueAtRisk" | "churnProbability";

/**
 * The run's customers most at risk, with their names: by value at risk (churn probability ×
 * CLV) or by churn probability; only archive customers (neither merged nor erased).
 */
export async function atRiskCustomers(
  db: Kysely<Database>,
  runId: number,
  o: { order: AtRiskOrder; limit: number; offset: number; minProbability?: number },
): Promise<{ rows: Array<CustomerScoreRow & { name: string; kind: string; state: string }>; total: number }> {
  const orderBy = o.order === "valueAtRisk" ? sql`s.value_at_risk desc nulls last, s.customer_id` : sql`s.churn_probability desc nulls last, s.customer_id`;
  const where = sql`s.run_id = ${runId} and s.churn_probability is not null and s.churn_probability >= ${o.minProbability ?? 0}
    and c.merged_into is null and c.erased_at is null`;
  const [rows, total] = await Promise.all([
    sql<CustomerScoreRow & { name: string; kind: string; state: string }>`select ${SCORE_FIELDS}, c.name, c.kind, c.state
      from customer_scores s join customers c on c.customer_id = s.customer_id
      where ${where} order by ${orderBy} limit ${o.limit} offset ${o.offset}`.execute(db),
    sql<{ n: number }>`select count(*)::int as n from customer_scores s join customers c on c.customer_id = s.customer_id where ${where}`.execute(db),
  ]);
  return { rows: rows.rows, total: total.rows[0]?.n ?? 0 };
}
