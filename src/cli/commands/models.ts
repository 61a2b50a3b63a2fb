import { Command, Option } from "commander";
import { buildModels, MODEL_STEPS, runModels, type ModelReport, type ModelRunOptions, type ModelStep } from "../../prediction/models.service.ts";
import { atRiskCustomers } from "../../store/model-runs.repository.ts";
import { withStore } from "../context.ts";
import { printJson, printTable } from "../output.ts";
import { progressBar } from "../progress.ts";

const out = (s = "") => process.stdout.write(`${s}\n`);
const number = (what: string) => (v: string) => {
  const n = Number(v);
  if (!Number.isFinite(n)) throw new Error(`${what}: not a number: ${v}`);
  return n;
};
const f = (x: number | null | undefined, digits = 3) => (x === null || x === undefined || !Number.isFinite(x) ? "—" : Number(x.toPrecision(digits)).toLocaleString("en"));
const money = (x: number) => (Number.isFinite(x) ? x.toLocaleString("en", { maximumFractionDigits: 0 }) : "—");
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

function options(c: Command): Command {
  return c
    .option("--as-of <date>", "the run's date, YYYY-MM-DD (default: the latest order date)")
    .addOption(new Option("--unit <unit>", "the BTYD models' time unit").choices(["day", "week"]).default("week"))
    .option("--horizon <days>", "the churn window and the expected purchases' horizon, in days", number("--horizon"), 90)
    .option("--clv-horizon <days>", "CLV's horizon in days", number("--clv-horizon"), 365)
    .option("--discount-rate <rate>", "CLV's discount rate per year, e.g. 0.1 for 10%", number("--discount-rate"), 0.1);
}

const runOptions = (o: Record<string, any>): ModelRunOptions => ({ asOf: o.asOf, unit: o.unit, horizonDays: o.horizon, clvHorizonDays: o.clvHorizon, discountRate: o.discountRate });

async function withSteps<T>(json: boolean | undefined, run: (onProgress: (step: ModelStep, done: number) => void) => Promise<T>): Promise<T> {
  const bar = progressBar("models", MODEL_STEPS.length, { enabled: !json, unit: "steps" });
  try {
    return await run((step, done) => bar.update(done, { step }));
  } finally {
    bar.stop();
  }
}

function printFit(r: ModelReport): void {
  const b = r.btyd;
  out(`Models as of ${r.asOf}: ${r.customers} customers with a purchase, ${r.active} active (a purchase in the last 365 days); time in ${r.unit}s`);
  out(`BG/NBD (Fader, Hardie & Lee 2005), log-likelihood ${f(b.bgnbd.logLikelihood, 8)}${b.bgnbd.converged ? "" : " (not converged)"}`);
  printTable(b.bgnbd.params.map((p) => ({ parameter: p.name, estimate: f(p.value, 4), "std. error": f(p.se, 3) })));
  if (b.gammaGamma) {
    out(`Gamma-Gamma spend (on ${b.gammaGamma.customers} repeat buyers), log-likelihood ${f(b.gammaGamma.logLikelihood, 8)}`);
    printTable(b.gammaGamma.params.map((p) => ({ parameter: p.name, estimate: f(p.value, 4), "std. error": f(p.se, 3) })));
  }
  if (b.spendCheck.warning) out(`Warning: frequency and spend per purchase are correlated (r = ${f(b.spendCheck.correlation)}); the spend model assumes they are not.`);
  out("Repeat purchases per customer, observed and as BG/NBD expects:");
  printTable(b.frequency.map((x) => ({ repeat: x.repeat, customers: x.actual, expected: f(x.expected, 4) })));
}

function printBacktest(r: ModelReport): void {
  const bt = r.btyd.backtest;
  if (bt) {
    out(`BG/NBD back-test: fitted on ${bt.calibratedAsOf}, the ${bt.days} days after: ${f(bt.expectedPurchases, 5)} purchases expected, ${bt.actualPurchases} made; mean absolute error ${f(bt.meanAbsoluteError)} per customer`);
    printTable(bt.byRepeat.map((x) => ({ "repeat before": x.repeat, customers: x.customers, "actual per customer": f(x.actual), "expected per customer": f(x.expected) })));
  }
  const c = r.churn;
  if ("skipped" in c) out(`Churn classifier: not trained: ${c.skipped}`);
  else {
    out(`Churn classifier: trained on ${c.trainedAsOf} (${c.population} active customers, ${pct(c.churnRate)} made no purchase in the next ${c.windowDays} days); chosen: ${c.reason}`);
    out(`On the test split (${c.rows.test} customers):`);
    printTable(c.candidates.map((m) => ({ model: m.model === "bgnbd" ? "BG/NBD alone" : m.model, AUC: f(m.auc), Brier: f(m.brier), "log loss": f(m.logLoss) })));
    const [lo, hi] = c.aucGainInterval;
    out(`AUC gain over BG/NBD alone: ${f(c.aucGain)} (95% interval ${f(lo)} … ${f(hi)} over resamples of the test customers)`);
    if (!c.beatsBgnbd) out("The classifier does not beat BG/NBD alone on this data: the purchase rhythm already says what the other features would add.");
    else if (lo <= 0) out("The gain is within the luck of the split: on this data the classifier and BG/NBD alone rank customers about as well.");
    printTable(c.lift.map((l) => ({ decile: l.decile, customers: l.customers, left: l.positives, rate: pct(l.rate), lift: f(l.lift), "captured so far": pct(l.cumulativeCapture) })));
  }
  const v = r.value;
  if ("skipped" in v) out(`Next year's value: not trained: ${v.skipped}`);
  else {
    out(`Next year's net sales: trained on ${v.trainedAsOf}; chosen: ${v.reason}`);
    printTable([
      { model: v.chosen, MAE: money(v.test.mae), RMSE: money(v.test.rmse), "R²": f(v.test.r2), predicted: money(v.test.totalPredicted), actual: money(v.test.totalActual) },
      { model: "last year again", MAE: money(v.naive.mae), RMSE: money(v.naive.rmse), "R²": f(v.naive.r2), predicted: money(v.naive.totalPredicted), actual: money(v.naive.totalActual) },
    ]);
  }
}

/** `retain models fit|predict|backtest` (docs/prediction.md). */
export function modelsCommand(): Command {
  const models = new Command("models").description("Who is still a customer, what each is worth, who will leave: BTYD, CLV, churn and value models (docs/prediction.md)");
  models.addCommand(options(new Command("fit"))
    .description("Fit the models as of a date and print their parameters and fit; nothing is saved")
    .action(async (o: Record<string, any>, c: Command) => withStore(c, async (store, g) => {
      const { report } = await withSteps(g.json, (p) => buildModels(store.db, runOptions(o), p));
      if (g.json) return printJson({ asOf: report.asOf, unit: report.unit, customers: report.customers, btyd: report.btyd, clv: report.clv, clusters: report.clusters });
      printFit(report);
    })));
  models.addCommand(options(new Command("predict"))
    .description("Fit the models, score every customer and save the run: the customer 360, the list's filters and the Predictions page read it")
    .option("--limit <n>", "customers at risk shown", number("--limit"), 10)
    .action(async (o: Record<string, any>, c: Command) => withStore(c, async (store, g) => {
      const r = await withSteps(g.json, (p) => runModels(store.db, runOptions(o), p));
      const risk = await atRiskCustomers(store.db, r.runId, { order: "valueAtRisk", limit: o.limit, offset: 0 });
      if (g.json) return printJson({ runId: r.runId, asOf: r.report.asOf, customers: r.customers, summary: r.report.summary, clv: r.report.clv, atRisk: risk.rows });
      const s = r.report.summary;
      out(`Run ${r.runId} saved: ${r.customers} customers scored as of ${r.report.asOf} (${r.report.currency})`);
      out(`At risk (churn probability ≥ 50% in the next ${r.report.horizonDays} days): ${s.atRisk} customers, value at risk ${money(s.valueAtRisk)}; CLV of all customers over ${r.report.clv.horizonDays} days ${money(s.clv)}`);
      if (r.report.clv.bySegment.length > 0) {
        printTable(r.report.clv.bySegment.map((x) => ({ [x.scheme]: x.segment, customers: x.customers, CLV: money(x.clv), "90% interval": `${money(x.low)} … ${money(x.high)}` })));
      }
      out(`Most value at risk (${risk.total} scored by the churn model):`);
      printTable(risk.rows.map((x) => ({ id: x.customer_id, name: x.name, "churn p": pct(x.churn_probability ?? 0), CLV: x.clv, "value at risk": x.value_at_risk, "P(alive)": pct(x.p_alive) })));
    })));
  models.addCommand(options(new Command("backtest"))
    .description("How well the models did on the business's own history: BG/NBD's expected purchases against what happened, the churn classifier against BG/NBD alone, next year's value against last year's")
    .action(async (o: Record<string, any>, c: Command) => withStore(c, async (store, g) => {
      const { report } = await withSteps(g.json, (p) => buildModels(store.db, runOptions(o), p));
      if (g.json) return printJson({ asOf: report.asOf, btyd: report.btyd.backtest, churn: report.churn, value: report.value, churnedVsStayed: report.churnedVsStayed });
      printBacktest(report);
    })));
  return models;
}
