import { sql, type Kysely } from "kysely";
import { bgnbdTransactions, discountedPurchases } from "../analytics/btyd/clv.ts";
import { groupTriples } from "../analytics/btyd/data.ts";
import { clvDeltaIntervals } from "../analytics/btyd/clv-delta.ts";
import { dayNumber, dayText, isDay } from "../domain/days.ts";
import { RetainError } from "../errors.ts";
import { saveModelRun, type ScoreColumns } from "../store/model-runs.repository.ts";
import type { Database } from "../store/schema.ts";
import { alignIds } from "../store/segments.repository.ts";
import { orderDateRange } from "../store/series.repository.ts";
import { getSettings } from "../store/settings.repository.ts";
import { aliveScores, btydInputs, DAYS_PER_UNIT, expectedOrderValues, fitBtyd, fitSummary, frequencyFit, type TimeUnit } from "./btyd.service.ts";
import { churnProbabilities, churnReasons, predictValue, rowsOf, trainChurn, trainValue, type Reason } from "./churn.service.ts";
import { clusterCustomers, contrast, lookalikeScores } from "./clusters.service.ts";
import { customerFeatures, purchaseHistory, type FeatureMatrix, type PurchaseHistory } from "./features.ts";

/**
 * A prediction run (docs/prediction.md): every model fitted as of one date, back-tested on
 * the business's own history, every customer scored, and the whole saved as one run.
 */
export interface ModelRunOptions {
  /** The run's date, YYYY-MM-DD (default: the store's latest order date). */
  asOf?: string;
  /** The BTYD models' time unit (default week, as the literature). */
  unit?: TimeUnit;
  /** The churn window and the expected purchases' horizon, in days (default 90). */
  horizonDays?: number;
  /** CLV's horizon in days (default 365) and its discount rate per year (default 0.10). */
  clvHorizonDays?: number;
  discountRate?: number;
  seed?: number;
  createdBy?: number | null;
}

export type ModelStep = "history" | "btyd" | "churn" | "value" | "clusters" | "saving";
export const MODEL_STEPS: readonly ModelStep[] = ["history", "btyd", "churn", "value", "clusters", "saving"];
export type OnModelProgress = (step: ModelStep, done: number, total: number) => void;

/** Customers whose churn reasons are kept: the most at risk by probability and by value at risk. */
export const REASONS_KEPT = 20_000;
/** A customer is active on a date with a sale in the 365 days ending on it. */
export const ACTIVE_DAYS = 365;
/** Churn probability from which a customer counts as at risk in the summary. */
export const AT_RISK = 0.5;

const DEFAULTS = { unit: "week" as TimeUnit, horizonDays: 90, clvHorizonDays: 365, discountRate: 0.1, seed: 20_261_123 };

/** Rows of h active on its date. */
function activeRows(h: PurchaseHistory): Int32Array {
  const since = dayNumber(h.asOf) - (ACTIVE_DAYS - 1);
  const out: number[] = [];
  for (let i = 0; i < h.ids.length; i++) if (h.lastPurchase[i]! >= since) out.push(i);
  return Int32Array.from(out);
}

/** The features on h's date with the BG/NBD model's P(alive), expected purchases and P(a purchase) in the horizon (fitted on that date) added. */
function withBtyd(F: FeatureMatrix, h: PurchaseHistory, unit: TimeUnit, horizonDays: number) {
  const inputs = btydInputs(h, unit);
  const fit = fitBtyd(inputs, unit);
  const alive = aliveScores(fit, inputs, horizonDays);
  const X: FeatureMatrix = {
    n: F.n,
    names: [...F.names, "pAlive", "expectedPurchases", "pPurchase"],
    columns: [...F.columns, alive.pAlive, alive.expectedPurchases, alive.pPurchase],
  };
  return { inputs, fit, alive, X };
}

export interface ModelResult {
  report: ModelReport;
  scores: ScoreColumns;
}
export type ModelReport = Awaited<ReturnType<typeof buildModels>>["report"];

/** Fits, back-tests and scores; nothing is saved. */
export async function buildModels(db: Kysely<Database>, options: ModelRunOptions = {}, onProgress: OnModelProgress = () => {}) {
  const o = { ...DEFAULTS, ...Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) } as typeof DEFAULTS & ModelRunOptions;
  if (!Number.isInteger(o.horizonDays) || o.horizonDays < 7 || o.horizonDays > 730) throw new RetainError("BAD_INPUT", `horizon ${o.horizonDays} days: give a whole number of days from 7 to 730.`, { field: "horizonDays" });
  if (!Number.isInteger(o.clvHorizonDays) || o.clvHorizonDays < 7 || o.clvHorizonDays > 3650) throw new RetainError("BAD_INPUT", `CLV horizon ${o.clvHorizonDays} days: give a whole number of days from 7 to 3650.`, { field: "clvHorizonDays" });
  if (!(o.discountRate >= 0 && o.discountRate < 1)) throw new RetainError("BAD_INPUT", `discount rate ${o.discountRate}: give a yearly rate from 0 to 0.99, such as 0.1 for 10%.`, { field: "discountRate" });
  const settings = await getSettings(db);
  const range = await orderDateRange(db);
  if (!range) throw new RetainError("NOT_FOUND", "There are no orders yet: import orders (retain import orders FILE) or load the demo, then run the models.", { field: "asOf" });
  const asOf = o.asOf ?? range.last;
  if (!isDay(asOf)) throw new RetainError("BAD_INPUT", `as-of ${asOf}: not a date; give it as YYYY-MM-DD.`, { field: "asOf" });
  if (asOf < range.first) throw new RetainError("BAD_INPUT", `as-of ${asOf} is before the first order (${range.first}): choose a later date.`, { field: "asOf" });
  const t = dayNumber(asOf);
  const total = MODEL_STEPS.length;
  let step = 0;
  // Between steps the run lets the event loop turn: on PGlite its queries never leave this
  // process, so without it a server answers nothing else (not even the run's own 202) until
  // the run ends.
  const progress = async (s: ModelStep) => {
    onProgress(s, step++, total);
    await new Promise<void>((resolve) => setImmediate(resolve));
  };

  // Now: the history and features on the run's date, the BTYD models fitted on it.
  await progress("history");
  const h = await purchaseHistory(db, asOf, range.first);
  if (h.ids.length < 30) throw new RetainError("BAD_INPUT", `only ${h.ids.length} customers have bought by ${asOf}: the models need at least 30.`, { field: "asOf" });
  const F = await customerFeatures(db, h, settings.timezone);
  await progress("btyd");
  const now = withBtyd(F, h, o.unit, o.horizonDays);
  const aov = expectedOrderValues(now.fit, now.inputs, h);
  const marginTotals = h.costedNetSales.reduce((s, v) => s + v, 0);
  const marginRate = marginTotals > 0 ? h.margin.reduce((s, v) => s + v, 0) / marginTotals : 1;
  const marginBasis = marginTotals > 0 ? "margin" : "sales";
  const d = DAYS_PER_UNIT[o.unit];
  // CLV is summed over months: the discounting needs no finer steps, and each step costs one expectation per customer and draw.
  const stepDays = 30;
  const clvOptions = { steps: Math.max(1, Math.round(o.clvHorizonDays / stepDays)), stepLength: stepDays / d, discountPerStep: Math.pow(1 + o.discountRate, stepDays / 365) - 1, margin: marginRate };

  // Who will leave: trained on the date one window back, labelled by what happened since.
  await progress("churn");
  const t0 = t - o.horizonDays;
  const active = activeRows(h);
  let churn: ReturnType<typeof trainChurn> | { skipped: string } = { skipped: `no history before ${dayText(t0)}` };
  let btydBacktest: ReturnType<typeof btydHoldout> | null = null;
  let profileContrast: ReturnType<typeof contrast> = [];
  if (dayText(t0) >= range.first) {
    const h0 = await purchaseHistory(db, dayText(t0), range.first);
    if (h0.ids.length >= 30) {
      const then = withBtyd(await customerFeatures(db, h0, settings.timezone), h0, o.unit, o.horizonDays);
      const at = alignIds(h0.ids, h.ids); // every customer of h0 is in h
      const bought = Uint8Array.from(h0.ids, (_, i) => (at[i]! >= 0 && h.lastPurchase[at[i]!]! > t0 ? 1 : 0));
      btydBacktest = btydHoldout(then, h0, h, at, o.horizonDays);
      const pop = activeRows(h0);
      const X0 = rowsOf(then.X, pop);
      const y = Uint8Array.from(pop, (i) => 1 - bought[i]!);
      const bgChurn = Float64Array.from(pop, (i) => 1 - then.alive.pPurchase[i]!);
      churn = trainChurn(X0, y, bgChurn, { trainedAsOf: dayText(t0), windowDays: o.horizonDays, seed: o.seed });
      const left: number[] = [];
      const stayed: number[] = [];
      y.forEach((v, i) => (v ? left : stayed).push(i));
      profileContrast = contrast(X0, left, stayed);
    }
  }
  const churnProbability = new Float64Array(h.ids.length).fill(NaN);
  const reasons: Array<string | null> = new Array(h.ids.length).fill(null);
  if ("selection" in churn && active.length > 0) {
    const p = churnProbabilities(churn, rowsOf(now.X, active));
    active.forEach((i, k) => (churnProbability[i] = p[k]!));
  }

  // Next year's value: trained on the date a year back.
  await progress("value");
  const t1 = t - 365;
  let value: ReturnType<typeof trainValue> | { skipped: string } = { skipped: `less than a year and a half of history before ${asOf}` };
  const predictedValue = new Float64Array(h.ids.length).fill(NaN);
  if (t1 - 180 >= dayNumber(range.first)) {
    const h1 = await purchaseHistory(db, dayText(t1), range.first);
    const then = withBtyd(await customerFeatures(db, h1, settings.timezone), h1, o.unit, o.horizonDays);
    const at = alignIds(h1.ids, h.ids);
    const y = Float64Array.from(h1.ids, (_, i) => (at[i]! >= 0 ? h.netSales[at[i]!]! - h1.netSales[i]! : 0));
    const naive = then.X.columns[then.X.names.indexOf("netSales365")]!;
    value = trainValue(then.X, y, naive, { trainedAsOf: dayText(t1), horizonDays: 365, seed: o.seed });
    if ("selection" in value) predictedValue.set(predictValue(value, now.X));
  }

  // Segments, what sets the leavers apart, resemblance to the loyal customers.
  await progress("clusters");
  const clusters = clusterCustomers(now.X, active, o.seed);
  const quarters = F.columns[F.names.indexOf("activeQuarters")]!;
  const loyal = Int32Array.from(active.filter((i) => quarters[i] === 4));
  const look = lookalikeScores(now.X, loyal);

  // CLV with intervals, summed by segment.
  const segments = await segmentsOf(db, h, clusters.cluster);
  const customers = { ...now.inputs.rows, mx: now.inputs.mx };
  const clv = now.fit.gammaGamma
    ? clvDeltaIntervals(bgnbdTransactions, now.fit.bgnbd, now.fit.gammaGamma, customers, { ...clvOptions, level: 0.9, groups: { of: segments.of, count: segments.names.length } })
    : null;
  const n = h.ids.length;
  const clvPoint = new Float64Array(n);
  if (clv) clvPoint.set(clv.point);
  else {
    // No spend model (too few repeat buyers): each customer's own mean spend (expectedOrderValues), no interval.
    const g = groupTriples(customers.x, customers.tx, customers.T);
    const dep = discountedPurchases(bgnbdTransactions, now.fit.bgnbd.estimate, g.rows, clvOptions);
    for (let i = 0; i < n; i++) clvPoint[i] = marginRate * aov[i]! * dep[g.index[i]!]!;
  }
  // What leaving would cost if next year were like the last: the churn probability times the
  // customer's margin of the last 365 days (net sales × the business's margin rate, not below 0).
  const net365 = F.columns[F.names.indexOf("netSales365")]!;
  const valueAtRisk = Float64Array.from(churnProbability, (p, i) => (Number.isFinite(p) ? p * Math.max(0, net365[i]! * marginRate) : NaN));

  // Reasons for the most at risk.
  if ("selection" in churn && active.length > 0) {
    const keep = new Set<number>();
    const top = (key: Float64Array) => [...active].sort((a, b) => (key[b]! || 0) - (key[a]! || 0)).slice(0, REASONS_KEPT);
    for (const i of top(churnProbability)) keep.add(i);
    for (const i of top(valueAtRisk)) keep.add(i);
    const rows = Int32Array.from([...keep].sort((a, b) => a - b));
    const why: Reason[][] = churnReasons(churn, rowsOf(now.X, rows), Int32Array.from(rows.keys()));
    rows.forEach((i, k) => (reasons[i] = JSON.stringify(why[k])));
  }

  const scores: ScoreColumns = {
    ids: h.ids,
    pAlive: now.alive.pAlive,
    expectedPurchases: now.alive.expectedPurchases,
    nextPurchaseDays: now.alive.nextPurchaseDays.map((v) => (Number.isFinite(v) ? v : NaN)),
    expectedOrderValue: aov,
    clv: clvPoint,
    clvLow: clv ? clv.lower : clvPoint,
    clvHigh: clv ? clv.upper : clvPoint,
    churnProbability,
    churnReasons: reasons,
    valueAtRisk,
    predictedValue,
    cluster: clusters.cluster,
    lookalike: look.score,
  };
  const sum = (a: Float64Array) => a.reduce((s, v) => (Number.isFinite(v) ? s + v : s), 0);
  const report = {
    asOf,
    unit: o.unit,
    horizonDays: o.horizonDays,
    currency: settings.baseCurrency,
    customers: n,
    active: active.length,
    btyd: {
      ...fitSummary(now.fit),
      frequency: frequencyFit(now.fit, now.inputs),
      backtest: btydBacktest,
    },
    clv: {
      horizonDays: o.clvHorizonDays,
      discountRate: o.discountRate,
      stepDays,
      marginRate,
      marginBasis,
      interval: "90%, delta method",
      total: sum(clvPoint),
      bySegment: clv?.group
        ? segments.names.map((name, g) => ({ scheme: segments.scheme, segment: name, customers: segments.counts[g]!, clv: clv.group!.point[g]!, low: clv.group!.lower[g]!, high: clv.group!.upper[g]! }))
        : [],
      skipped: clv ? null : "fewer than 30 repeat buyers: no spend model, CLV without an interval",
    },
    churn: "selection" in churn ? churn.report : { skipped: churn.skipped },
    value: "selection" in value ? value.report : { skipped: value.skipped },
    clusters: clusters.summary,
    churnedVsStayed: profileContrast,
    lookalike: { reference: "bought in each of the last four quarters", referenceCustomers: look.referenceCustomers },
    summary: {
      atRisk: churnProbability.reduce((s, p) => (p >= AT_RISK ? s + 1 : s), 0),
      valueAtRisk: sum(valueAtRisk),
      expectedPurchases: sum(now.alive.expectedPurchases),
      predictedValue: sum(predictedValue),
      clv: sum(clvPoint),
    },
  };
  return { report, scores };
}

/**
 * The BG/NBD back-test: fitted on the earlier date, its expected purchases in the window
 * after against what each customer did (FHL 2005, fig. 4: by number of repeat purchases).
 */
function btydHoldout(then: ReturnType<typeof withBtyd>, h0: PurchaseHistory, h: PurchaseHistory, at: Int32Array, days: number) {
  const top = 7;
  const actual = new Float64Array(top + 1);
  const expected = new Float64Array(top + 1);
  const count = new Float64Array(top + 1);
  let sumA = 0;
  let sumE = 0;
  let absErr = 0;
  for (let i = 0; i < h0.ids.length; i++) {
    const a = at[i]! >= 0 ? h.purchaseDays[at[i]!]! - h0.purchaseDays[i]! : 0;
    const e = then.alive.expectedPurchases[i]!;
    const x = Math.min(top, then.inputs.rows.x[i]!);
    actual[x]! += a;
    expected[x]! += e;
    count[x]!++;
    sumA += a;
    sumE += e;
    absErr += Math.abs(a - e);
  }
  return {
    calibratedAsOf: h0.asOf,
    days,
    customers: h0.ids.length,
    actualPurchases: sumA,
    expectedPurchases: sumE,
    meanAbsoluteError: absErr / h0.ids.length,
    byRepeat: Array.from({ length: top + 1 }, (_, x) => ({
      repeat: x === top ? `${top}+` : String(x), customers: count[x]!, actual: count[x] ? actual[x]! / count[x]! : 0, expected: count[x] ? expected[x]! / count[x]! : 0,
    })),
  };
}

/** The segment of each customer for CLV by segment: the pyramid tier of the latest snapshot when there is one, else the cluster. */
async function segmentsOf(db: Kysely<Database>, h: PurchaseHistory, cluster: Int16Array) {
  const snap = await sql<{ as_of: string }>`select to_char(max(as_of), 'YYYY-MM-DD') as as_of from segment_snapshots where as_of <= ${h.asOf}::date`.execute(db);
  const asOf = snap.rows[0]?.as_of ?? null;
  const of = new Int32Array(h.ids.length).fill(-1);
  if (asOf) {
    const r = await sql<{ ids: string | null; tiers: string | null }>`
      select string_agg(customer_id::text, ',' order by customer_id) as ids, string_agg(coalesce(tier, ''), ',' order by customer_id) as tiers
      from customer_segments where as_of = ${asOf}::date`.execute(db);
    const ids = Float64Array.from((r.rows[0]?.ids ?? "").split(",").filter(Boolean), Number);
    const tiers = (r.rows[0]?.tiers ?? "").split(",");
    const names = [...new Set(tiers.filter(Boolean))].sort();
    const pos = alignIds(h.ids, ids);
    for (let i = 0; i < h.ids.length; i++) {
      const tier = pos[i]! >= 0 ? tiers[pos[i]!] : "";
      of[i] = tier ? names.indexOf(tier) : -1;
    }
    if (names.length > 0) return { scheme: `tier@${asOf}`, names, of, counts: countGroups(of, names.length) };
  }
  let k = 0;
  for (let i = 0; i < cluster.length; i++) k = Math.max(k, cluster[i]! + 1);
  const names = [...Array.from({ length: k }, (_, c) => String(c)), "inactive"];
  for (let i = 0; i < cluster.length; i++) of[i] = cluster[i]! >= 0 ? cluster[i]! : k;
  return { scheme: "cluster", names, of, counts: countGroups(of, names.length) };
}

function countGroups(of: Int32Array, k: number): number[] {
  const c = new Array<number>(k).fill(0);
  for (const g of of) if (g >= 0) c[g]!++;
  return c;
}

/** Fits, scores and saves a run; returns its id. */
export async function runModels(db: Kysely<Database>, options: ModelRunOptions = {}, onProgress: OnModelProgress = () => {}): Promise<{ runId: number; customers: number; report: ModelReport }> {
  const { report, scores } = await buildModels(db, options, onProgress);
  onProgress("saving", MODEL_STEPS.length - 1, MODEL_STEPS.length);
  const runId = await saveModelRun(db, {
    asOf: report.asOf, unit: report.unit, horizonDays: report.horizonDays,
    params: { btyd: report.btyd, clv: report.clv, clusters: report.clusters, lookalike: report.lookalike },
    quality: { churn: report.churn, value: report.value, btydBacktest: report.btyd.backtest, churnedVsStayed: report.churnedVsStayed },
    summary: { ...report.summary, currency: report.currency, customers: report.customers, active: report.active },
    createdBy: options.createdBy ?? null,
  }, scores);
  onProgress("saving", MODEL_STEPS.length, MODEL_STEPS.length);
  return { runId, customers: report.customers, report };
}

