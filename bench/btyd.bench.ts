/**
 * Buy-till-you-die models (src/analytics/btyd/) on 1,000,000 simulated customers, and the
 * fits on the CDNOW sample. Target: grouping + fitting (BG/NBD and Gamma-Gamma) + scoring
 * every customer in at most 20 s on this 2-core machine.
 *
 *   node --import tsx bench/btyd.bench.ts [--customers 1000000] [--seed 7] [--no-save]
 *
 * Data (own generator, from a seed): each customer's first purchase on a whole day drawn
 * uniformly from the two years before the end of the calibration period (day 730); then
 * BG/NBD purchasing in weeks (λ ~ Gamma(r = 0.25, α = 4), death after a purchase with
 * probability p ~ Beta(a = 0.8, b = 2.5)) up to the end day, each purchase recorded on the
 * nearest whole day, so customers share (x, tx, T) triples as in real data (and purchases
 * within a day of each other merge, as in real data: the estimates are near the generating
 * values, not on them); values Gamma(6, ν) with
 * ν ~ Gamma(4, 15) per customer (Gamma-Gamma, mean spend 30).
 *
 * Timed, one after the other on the main thread:
 * 1. summarise: the purchase log (customer, day, value) into x, tx, T (weeks) and mx, same-day
 *    purchases merged (not part of the target: an import keeps these per customer);
 * 2. group: the unique (x, tx, T) triples with their counts;
 * 3. fit: BG/NBD on the unique triples, Gamma-Gamma on the repeat buyers, with standard errors;
 * 4. score: for every customer P(alive), expected purchases in the next 52 weeks, expected
 *    mean spend and CLV over 52 weekly steps (10% a year, margin 30%), computed per unique
 *    triple and mapped back.
 * Then the CDNOW fits (BG/NBD, Pareto/NBD, Gamma-Gamma; median of 3 runs each).
 * Memory: rss and heapUsed sampled after each phase, and the process's peak RSS (getrusage).
 * Results are appended to bench/results/btyd.jsonl.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { bgnbdExpected, bgnbdPAlive, bgnbdParams, fitBgnbd } from "../src/analytics/btyd/bgnbd.ts";
import { bgnbdTransactions, discountedPurchases } from "../src/analytics/btyd/clv.ts";
import { groupTriples, summarisePurchases } from "../src/analytics/btyd/data.ts";
import { fitGammaGamma, gammaGammaExpectedSpendOne, gammaGammaParams } from "../src/analytics/btyd/gamma-gamma.ts";
import { fitParetoNbd } from "../src/analytics/btyd/pareto-nbd.ts";
import { Random } from "../src/analytics/btyd/random.ts";

const { values } = parseArgs({
  options: {
    customers: { type: "string", default: "1000000" },
    seed: { type: "string", default: "7" },
    "no-save": { type: "boolean", default: false },
  },
});
const customers = Number(values.customers);
const seed = Number(values.seed);
if (!Number.isSafeInteger(customers) || customers < 1) throw new RangeError(`--customers must be a whole number ≥ 1 (got "${values.customers}")`);
if (!Number.isSafeInteger(seed)) throw new RangeError(`--seed must be a whole number (got "${values.seed}")`);

const root = path.resolve(import.meta.dirname, "..");
const RESULTS = path.join(root, "bench", "results", "btyd.jsonl");
const TARGET_S = 20;
const END_DAY = 730;
const TRUE = { r: 0.25, alpha: 4, a: 0.8, b: 2.5 };
const SPEND = { p: 6, q: 4, gamma: 15 };
const CLV = { steps: 52, stepLength: 1, discountPerStep: 1.1 ** (1 / 52) - 1, margin: 0.3 };

const memory: { phase: string; rssMB: number; heapUsedMB: number }[] = [];
const sample = (phase: string) => {
  const m = process.memoryUsage();
  memory.push({ phase, rssMB: m.rss / 2 ** 20, heapUsedMB: m.heapUsed / 2 ** 20 });
};
const time = <T>(f: () => T): [T, number] => {
  const t0 = performance.now();
  const v = f();
  return [v, (performance.now() - t0) / 1000];
};

/** The purchase log: growable typed arrays. */
function generate(n: number): { customer: Int32Array; day: Int32Array; value: Float64Array } {
  const rng = new Random(seed);
  let cap = 4 * n;
  let customer = new Int32Array(cap);
  let day = new Int32Array(cap);
  let value = new Float64Array(cap);
  let k = 0;
  const push = (c: number, d: number, v: number) => {
    if (k === cap) {
      cap *= 2;
      const c2 = new Int32Array(cap);
      c2.set(customer);
      customer = c2;
      const d2 = new Int32Array(cap);
      d2.set(day);
      day = d2;
      const v2 = new Float64Array(cap);
      v2.set(value);
      value = v2;
    }
    customer[k] = c;
    day[k] = d;
    value[k++] = v;
  };
  for (let c = 0; c < n; c++) {
    const first = Math.floor(rng.uniform() * END_DAY);
    const lambda = rng.gamma(TRUE.r, TRUE.alpha);
    const death = rng.beta(TRUE.a, TRUE.b);
    const nu = rng.gamma(SPEND.q, SPEND.gamma);
    push(c, first, rng.gamma(SPEND.p, nu));
    let weeks = 0;
    for (;;) {
      weeks += rng.exponential(lambda);
      // Observed up to the end of the calibration period, recorded on the nearest whole day.
      if (weeks * 7 > END_DAY - first) break;
      push(c, first + Math.round(weeks * 7), rng.gamma(SPEND.p, nu));
      if (rng.uniform() < death) break;
    }
  }
  return { customer: customer.subarray(0, k), day: day.subarray(0, k), value: value.subarray(0, k) };
}

const [log, generateS] = time(() => generate(customers));
sample("generate");
const [summary, summariseS] = time(() => summarisePurchases(log.customer, log.day, log.value, customers, END_DAY, 7));
sample("summarise");
const [grouped, groupS] = time(() => groupTriples(summary.x, summary.tx, summary.T));
sample("group");
const [bgnbd, fitBgnbdS] = time(() => fitBgnbd(grouped.rows));
sample("fit BG/NBD");
const [spend, fitSpendS] = time(() => fitGammaGamma(summary.x, summary.mx));
sample("fit Gamma-Gamma");
const [scores, scoreS] = time(() => {
  const p = bgnbdParams(bgnbd.estimate);
  const gg = gammaGammaParams(spend.estimate);
  const rowAlive = bgnbdPAlive(p, grouped.rows);
  const rowExpected = bgnbdExpected(p, 52, grouped.rows);
  const rowDiscounted = discountedPurchases(bgnbdTransactions, bgnbd.estimate, grouped.rows, CLV);
  const pAlive = new Float64Array(customers);
  const expected52 = new Float64Array(customers);
  const meanSpend = new Float64Array(customers);
  const clv = new Float64Array(customers);
  for (let i = 0; i < customers; i++) {
    const row = grouped.index[i]!;
    pAlive[i] = rowAlive[row]!;
    expected52[i] = rowExpected[row]!;
    meanSpend[i] = gammaGammaExpectedSpendOne(gg, summary.x[i]!, summary.mx[i]!);
    clv[i] = CLV.margin * meanSpend[i]! * rowDiscounted[row]!;
  }
  return { pAlive, expected52, meanSpend, clv };
});
sample("score");
const targetS = groupS + fitBgnbdS + fitSpendS + scoreS;

// CDNOW, from the test fixture, in the literature's set-up.
const cdnowLines = fs.readFileSync(path.join(root, "test", "fixtures", "btyd", "cdnow_sample.txt"), "utf8").trim().split(/\r?\n/);
const dayOf = (s: string) => Date.UTC(Number(s.slice(0, 4)), Number(s.slice(4, 6)) - 1, Number(s.slice(6, 8))) / 86_400_000;
const cdnow = summarisePurchases(
  Int32Array.from(cdnowLines, (l) => Number(l.trim().split(/\s+/)[1]) - 1),
  Int32Array.from(cdnowLines, (l) => dayOf(l.trim().split(/\s+/)[2]!)),
  Float64Array.from(cdnowLines, (l) => Number(l.trim().split(/\s+/)[4])),
  2357, dayOf("19970930"), 7,
);
const cdnowRows = groupTriples(cdnow.x, cdnow.tx, cdnow.T).rows;
const median3 = (f: () => unknown) => [0, 1, 2].map(() => time(f)[1]).sort((a, b) => a - b)[1]!;
const cdnowS = {
  bgnbd: median3(() => fitBgnbd(cdnowRows)),
  paretoNbd: median3(() => fitParetoNbd(cdnowRows)),
  gammaGamma: median3(() => fitGammaGamma(cdnow.x, cdnow.mx)),
};
sample("CDNOW");

const peakRssMB = process.resourceUsage().maxRSS / 1024;
const mean = (v: Float64Array) => v.reduce((a, b) => a + b, 0) / v.length;
const commit = spawnSync("git", ["rev-parse", "--short", "HEAD"], { cwd: root, encoding: "utf8" }).stdout.trim() || null;
const dirty = spawnSync("git", ["status", "--porcelain", "--untracked-files=no"], { cwd: root, encoding: "utf8" }).stdout.trim() !== "";
const machine = { cpus: os.cpus().length, memoryGiB: Math.round(os.totalmem() / 2 ** 30), cpuModel: os.cpus()[0]?.model ?? null, loadavg1: os.loadavg()[0] ?? 0 };
const round = (v: number, d = 3) => Math.round(v * 10 ** d) / 10 ** d;
const row = {
  date: new Date().toISOString(), commit, dirty, machine, customers, seed,
  purchases: log.customer.length, repeatBuyers: spend.customers, uniqueTriples: grouped.rows.x.length,
  seconds: { generate: round(generateS), summarise: round(summariseS), group: round(groupS), fitBgnbd: round(fitBgnbdS), fitGammaGamma: round(fitSpendS), score: round(scoreS), target: round(targetS) },
  targetSeconds: TARGET_S, pass: targetS <= TARGET_S,
  evaluations: { bgnbd: bgnbd.evaluations, gammaGamma: spend.evaluations },
  truth: { ...TRUE, ...SPEND },
  bgnbd: Object.fromEntries(bgnbd.names.map((n) => [n, { estimate: round(bgnbd.params[n], 5), se: round(bgnbd.standardErrors[n], 5) }])),
  gammaGamma: Object.fromEntries(spend.names.map((n) => [n, { estimate: round(spend.params[n], 5), se: round(spend.standardErrors[n], 5) }])),
  means: { pAlive: round(mean(scores.pAlive), 4), expected52: round(mean(scores.expected52), 4), meanSpend: round(mean(scores.meanSpend), 3), clv: round(mean(scores.clv), 3) },
  memory: { peakRssMB: round(peakRssMB, 0), samples: memory.map((m) => ({ phase: m.phase, rssMB: round(m.rssMB, 0), heapUsedMB: round(m.heapUsedMB, 0) })) },
  cdnowSeconds: { bgnbd: round(cdnowS.bgnbd), paretoNbd: round(cdnowS.paretoNbd), gammaGamma: round(cdnowS.gammaGamma) },
  baseline: "none: neither BTYD (r-cran-btyd) nor lifetimes (python3-lifetimes) is packaged in Debian, and only npm and Debian are reachable here",
};
if (!values["no-save"]) fs.appendFileSync(RESULTS, `${JSON.stringify(row)}\n`);

const f = (v: number, d = 2) => v.toFixed(d);
console.log(`BTYD on ${customers.toLocaleString("en")} customers (${row.purchases.toLocaleString("en")} purchases, ${row.uniqueTriples.toLocaleString("en")} unique triples, ${row.repeatBuyers.toLocaleString("en")} repeat buyers), seed ${seed}`);
console.log(`machine: ${machine.cpus} × ${machine.cpuModel}, load average ${f(machine.loadavg1)}; ${commit ?? "no commit"}${dirty ? " (uncommitted changes)" : ""}\n`);
console.log("| phase | seconds |\n|---|---|");
console.log(`| generate (not timed against the target) | ${f(generateS)} |`);
console.log(`| summarise purchase log (not in the target) | ${f(summariseS)} |`);
console.log(`| group into unique triples | ${f(groupS)} |`);
console.log(`| fit BG/NBD (${bgnbd.evaluations} evaluations) | ${f(fitBgnbdS)} |`);
console.log(`| fit Gamma-Gamma (${spend.evaluations} evaluations) | ${f(fitSpendS)} |`);
console.log(`| score: P(alive), E[52 weeks], mean spend, CLV 52 weeks | ${f(scoreS)} |`);
console.log(`| **target total** | **${f(targetS)}** (≤ ${TARGET_S} s: ${row.pass ? "met" : "missed"}) |`);
console.log(`\npeak RSS ${f(peakRssMB, 0)} MB; after each phase (rss / heapUsed MB): ${memory.map((m) => `${m.phase} ${f(m.rssMB, 0)}/${f(m.heapUsedMB, 0)}`).join(", ")}`);
console.log(`BG/NBD: ${bgnbd.names.map((n) => `${n} ${f(bgnbd.params[n], 4)} ± ${f(bgnbd.standardErrors[n], 4)} (true ${TRUE[n]})`).join(", ")}`);
console.log(`Gamma-Gamma: ${spend.names.map((n) => `${n} ${f(spend.params[n], 3)} ± ${f(spend.standardErrors[n], 3)} (true ${SPEND[n]})`).join(", ")}`);
console.log(`means: P(alive) ${row.means.pAlive}, E[52 w] ${row.means.expected52}, mean spend ${row.means.meanSpend}, CLV ${row.means.clv}`);
console.log(`CDNOW fits (median of 3): BG/NBD ${f(cdnowS.bgnbd * 1000, 0)} ms, Pareto/NBD ${f(cdnowS.paretoNbd * 1000, 0)} ms, Gamma-Gamma ${f(cdnowS.gammaGamma * 1000, 0)} ms`);
console.log(`baseline: ${row.baseline}`);
