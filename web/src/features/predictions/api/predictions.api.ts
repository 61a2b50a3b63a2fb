import { api } from "../../../api/client";

/**
 * Prediction runs, their reports, the at-risk list and each customer's scores. Mirrors the
 * server's ModelRun, AtRisk, CustomerScores and ModelJob (src/http/routes/models.routes.ts);
 * what each figure means is in docs/prediction.md. Money in the reports arrives as numbers
 * in the run's currency, a customer's money as decimal strings.
 */

export type TimeUnit = "day" | "week";
export type ModelStep = "history" | "btyd" | "churn" | "value" | "clusters" | "saving";
export const MODEL_STEPS: readonly ModelStep[] = ["history", "btyd", "churn", "value", "clusters", "saving"];

/** A section the server could not fit, and why (in English: the page words the known reasons itself). */
export interface Skipped {
  skipped: string;
}
export const isSkipped = (x: object): x is Skipped => "skipped" in x && typeof (x as Skipped).skipped === "string";

export interface ParamEstimate {
  name: string;
  value: number;
  /** null: not estimable (the information matrix was singular there). */
  se: number | null;
}

export interface ModelFit {
  params: ParamEstimate[];
  logLikelihood: number;
  customers: number;
  converged: boolean;
}

export interface ClassifierQuality {
  model: "logistic" | "boosted-trees" | "bgnbd";
  auc: number;
  brier: number;
  logLoss: number;
}

export interface LiftRow {
  decile: number;
  customers: number;
  positives: number;
  rate: number;
  lift: number;
  cumulativeCapture: number;
}

export interface CalibrationRow {
  lo: number;
  hi: number;
  count: number;
  meanPredicted: number;
  observedRate: number;
}

export interface RegressionScore {
  mae: number;
  rmse: number;
  r2: number;
  totalPredicted: number;
  totalActual: number;
}

export interface ChurnReport {
  trainedAsOf: string;
  windowDays: number;
  population: number;
  churnRate: number;
  rows?: { train: number; validation: number; test: number };
  chosen: "logistic" | "boosted-trees";
  reason: string;
  /** On the test split: the chosen model, the other, and BG/NBD alone. */
  candidates: ClassifierQuality[];
  lift: LiftRow[];
  bgnbdLift: LiftRow[];
  calibration: CalibrationRow[];
  beatsBgnbd: boolean;
  aucGain: number;
  /** The 95% interval of the AUC gain over BG/NBD alone (bootstrap of the test customers). */
  aucGainInterval?: [number, number];
}

export interface ValueModelReport {
  trainedAsOf: string;
  horizonDays: number;
  population: number;
  rows?: { train: number; validation: number; test: number };
  chosen: "ridge" | "boosted-trees";
  reason: string;
  test: RegressionScore;
  naive: RegressionScore;
}

export interface BtydBacktest {
  calibratedAsOf: string;
  days: number;
  customers: number;
  actualPurchases: number;
  expectedPurchases: number;
  meanAbsoluteError: number;
  /** Per customer, by repeat purchases before the calibration date ("0" … "6", "7+"). */
  byRepeat: Array<{ repeat: string; customers: number; actual: number; expected: number }>;
}

/** A cluster's feature furthest from the average: direction "higher"/"lower", size "much"/"somewhat"/"slightly" (Cohen's d). */
export interface ProfileFeature {
  feature: string;
  direction: string | null;
  size: string | null;
  d: number | null;
}

export interface ClusterSummary {
  k: number;
  table: Array<{ k: number; silhouette: number; withinSS: number; betweenShare: number }>;
  customers: number;
  clusters: Array<{ cluster: number; customers: number; share: number; top: ProfileFeature[] }>;
}

/** A feature's Cohen's d between the customers who left (A) and those who stayed (B). */
export interface FeatureContrast {
  feature: string;
  meanA: number | null;
  meanB: number | null;
  d: number | null;
  lower?: number | null;
  upper?: number | null;
  binary?: boolean;
}

export interface ModelRun {
  runId: number;
  asOf: string;
  unit: TimeUnit;
  horizonDays: number;
  customers: number;
  createdAt: string;
  currency: string;
  summary: { atRisk: number; valueAtRisk: number; expectedPurchases: number; predictedValue: number; clv: number; active: number };
  btyd: {
    unit: TimeUnit;
    bgnbd: ModelFit;
    gammaGamma: ModelFit | null;
    spendCheck: { correlation: number | null; customers: number; warning: boolean };
    /** Customers by repeat purchases, observed and as BG/NBD expects them. */
    frequency: Array<{ repeat: string; actual: number; expected: number }>;
  };
  btydBacktest: BtydBacktest | null;
  clv: {
    horizonDays: number;
    discountRate: number;
    stepDays: number;
    marginRate: number;
    marginBasis: "margin" | "sales";
    /** How the interval was made, in English (e.g. "90%, delta method"). */
    interval?: string;
    total: number;
    /** scheme: "tier@YYYY-MM-DD" (the pyramid of that snapshot) or "cluster". The interval is 90% (5%–95%). */
    bySegment: Array<{ scheme: string; segment: string; customers: number; clv: number; low: number; high: number }>;
    skipped: string | null;
  };
  churn: ChurnReport | Skipped;
  value: ValueModelReport | Skipped;
  clusters: ClusterSummary | null;
  churnedVsStayed: FeatureContrast[];
  lookalike: { reference: string; referenceCustomers: number };
}

export interface RunInfo {
  runId: number;
  asOf: string;
  unit: TimeUnit;
  horizonDays: number;
  customers: number;
  createdAt: string;
}

/** A feature that raises the customer's odds of leaving, with its value (null: missing). */
export interface Reason {
  feature: string;
  value: number | null;
  /** On the log-odds scale. */
  contribution: number;
}

export interface Scores {
  pAlive: number;
  expectedPurchases: number;
  /** Median days to the next purchase; null: more likely never than not (P(alive) ≤ ½). */
  nextPurchaseDays: number | null;
  expectedOrderValue: string;
  clv: string;
  clvLow: string;
  clvHigh: string;
  /** null: not active on the run's date (no purchase in the 365 days before), so not scored. */
  churnProbability: number | null;
  /** null: not among the most at risk, whose reasons are kept. */
  reasons: Reason[] | null;
  valueAtRisk: string | null;
  predictedValue: string | null;
  cluster: number | null;
  lookalike: number | null;
}

export interface AtRiskCustomer extends Scores {
  customerId: number;
  name: string;
  kind: string;
  state: string;
}

export interface AtRiskPage {
  runId: number;
  total: number;
  currency: string;
  items: AtRiskCustomer[];
}

export type AtRiskOrder = "valueAtRisk" | "churnProbability";

export interface AtRiskQuery {
  runId?: number;
  order: AtRiskOrder;
  minProbability?: number;
  limit: number;
  offset: number;
}

export interface CustomerScores {
  run: { runId: number; asOf: string; unit: TimeUnit; horizonDays: number; createdAt: string; currency: string } | null;
  /** null: no run yet, or the customer had not bought by the run's date. */
  scores: Scores | null;
}

export interface ModelJob {
  jobId: string;
  status: "running" | "done" | "failed";
  progress: { step: ModelStep; done: number; total: number };
  runId: number | null;
  error: { code: string; message: string } | null;
  startedAt: string;
  finishedAt: string | null;
}

export interface RunOptions {
  asOf?: string;
  unit?: TimeUnit;
  horizonDays?: number;
}

export const fetchRuns = async () => (await api.get<{ items: RunInfo[] }>("/api/models/runs")).items;

export const fetchRun = (runId: number) => api.get<ModelRun>(`/api/models/runs/${runId}`);

export const fetchAtRisk = (q: AtRiskQuery) => api.get<AtRiskPage>("/api/models/at-risk", { ...q });

export const fetchCustomerScores = (customerId: number) => api.get<CustomerScores>(`/api/customers/${customerId}/scores`);

export const startRun = (body: RunOptions) => api.post<{ job: ModelJob; started: boolean }>("/api/models/runs", body);

export const fetchJob = (jobId: string) => api.get<ModelJob>(`/api/models/jobs/${encodeURIComponent(jobId)}`);
