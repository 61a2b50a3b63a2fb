/**
 * Gradient-boosted trees (src/analytics/predict/boosting.ts) on 1,000,000 seeded rows × 20
 * features, 100 trees of depth 4, with the default options (so GOSS, on by default above
 * 200,000 rows). Target: training in at most 15 s on this 2-core machine. Then TreeSHAP
 * explanations of 1,000 rows. Times are wall clock and the process's CPU time, with the
 * machine's load average: on a shared machine the wall time follows the load.
 *
 *   node --import tsx bench/gbt.bench.ts [--rows 1000000] [--features 20] [--trees 100] [--seed 7]
 *     [--loss logistic|squared] [--subsample 1] [--goss auto|off]
 *
 * Data: features are independent, half standard normal, a quarter uniform on (0, 10) and a
 * quarter integers 0–4 (few distinct values); 5% of the values of features 3 and 7 are
 * missing. The truth is nonlinear: log-odds (or mean) =
 *   −1 + 0.8·x₀ − 0.5·x₁² + 1.2·[x₂ > 0.5]·x₄/10 + 0.6·sin(x₅) + [x₃ missing] + 0.3·x₆·x₈,
 * the remaining features are noise. Reported: time to bin and train, time per tree,
 * trees kept, hold-out AUC (or RMSE) of the model against that of the truth, time to
 * explain 1,000 rows, and the largest |Σ contributions − (prediction − base)|.
 */
import os from "node:os";
import { parseArgs } from "node:util";
import { boostedRaw, fitBoosting } from "../src/analytics/predict/boosting.ts";
import type { FeatureMatrix } from "../src/analytics/predict/data.ts";
import { treeShap } from "../src/analytics/predict/treeshap.ts";
import { auc } from "../src/analytics/predict/metrics.ts";
import { Random } from "../src/analytics/predict/random.ts";

const { values } = parseArgs({
  options: {
    rows: { type: "string", default: "1000000" },
    features: { type: "string", default: "20" },
    trees: { type: "string", default: "100" },
    seed: { type: "string", default: "7" },
    loss: { type: "string", default: "logistic" },
    subsample: { type: "string", default: "1" },
    goss: { type: "string", default: "auto" },
  },
});
const n = Number(values.rows);
const F = Number(values.features);
const loss = values.loss === "squared" ? "squared" : "logistic";

/** n rows of the data described above, with the truth's log-odds (or mean) per row. */
function generate(n: number, F: number, seed: number): { X: FeatureMatrix; truth: Float64Array } {
  const r = new Random(seed, 1);
  const columns = Array.from({ length: F }, () => new Float64Array(n));
  for (let j = 0; j < F; j++) {
    const col = columns[j]!;
    const kind = j % 4;
    for (let i = 0; i < n; i++) col[i] = kind === 2 ? r.uniform() * 10 : kind === 3 ? r.int(5) : r.normal();
    if (j === 3 || j === 7) for (let i = 0; i < n; i++) if (r.uniform() < 0.05) col[i] = NaN;
  }
  const x = (j: number, i: number) => (j < F ? columns[j]![i]! : 0);
  const truth = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    truth[i] = -1 + 0.8 * x(0, i) - 0.5 * x(1, i) ** 2 + 1.2 * (x(2, i) > 0.5 ? 1 : 0) * (x(4, i) / 10) + 0.6 * Math.sin(x(5, i)) + (Number.isNaN(x(3, i)) ? 1 : 0) + 0.3 * x(6, i) * x(8, i);
  }
  return { X: { n, names: Array.from({ length: F }, (_, j) => `x${j}`), columns }, truth };
}

function labels(truth: Float64Array, seed: number): Uint8Array | Float64Array {
  const r = new Random(seed, 2);
  if (loss === "logistic") return Uint8Array.from(truth, (t) => (r.uniform() < 1 / (1 + Math.exp(-t)) ? 1 : 0));
  return Float64Array.from(truth, (t) => t + r.normal());
}

const seed = Number(values.seed);
let t0 = performance.now();
const train = generate(n, F, seed);
const yTrain = labels(train.truth, seed);
const test = generate(100_000, F, seed + 1);
const yTest = labels(test.truth, seed + 1);
console.log(`data: ${n.toLocaleString("en")} rows × ${F} features generated in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

t0 = performance.now();
const cpu0 = process.cpuUsage();
const model = fitBoosting(train.X, yTrain, loss, { trees: Number(values.trees), subsample: Number(values.subsample), goss: values.goss === "off" ? false : "auto", seed });
const seconds = (performance.now() - t0) / 1000;
const cpu = process.cpuUsage(cpu0);
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
console.log(`train: ${seconds.toFixed(2)} s wall, ${cpuSeconds.toFixed(2)} s CPU, for ${model.trees.length} trees (${((seconds * 1000) / model.trees.length).toFixed(0)} ms a tree, binning included), loss ${loss}, subsample ${values.subsample}, goss ${JSON.stringify(model.options.goss)}; load average ${os.loadavg()[0]!.toFixed(2)} on ${os.availableParallelism()} cores`);

const raw = boostedRaw(model, test.X);
if (loss === "logistic") {
  console.log(`hold-out AUC: model ${auc(yTest as Uint8Array, raw).toFixed(4)}, true log-odds ${auc(yTest as Uint8Array, test.truth).toFixed(4)}`);
} else {
  let se = 0;
  let seTrue = 0;
  for (let i = 0; i < test.X.n; i++) {
    se += (raw[i]! - yTest[i]!) ** 2;
    seTrue += (test.truth[i]! - yTest[i]!) ** 2;
  }
  console.log(`hold-out RMSE: model ${Math.sqrt(se / test.X.n).toFixed(4)}, true mean ${Math.sqrt(seTrue / test.X.n).toFixed(4)}`);
}

const rows = Int32Array.from({ length: 1000 }, (_, i) => i);
t0 = performance.now();
const shapCpu0 = process.cpuUsage();
const shap = treeShap(model, test.X, rows);
const shapMs = performance.now() - t0;
const shapCpu = process.cpuUsage(shapCpu0);
let worst = 0;
for (let k = 0; k < rows.length; k++) {
  let s = 0;
  for (let j = 0; j < F; j++) s += shap.values[k * F + j]!;
  worst = Math.max(worst, Math.abs(s - (raw[rows[k]!]! - shap.base)));
}
console.log(`TreeSHAP: ${rows.length} rows in ${shapMs.toFixed(0)} ms wall, ${((shapCpu.user + shapCpu.system) / 1000).toFixed(0)} ms CPU; largest |Σφ − (F(x) − base)| = ${worst.toExponential(2)}`);
