/**
 * ETS automatic selection (src/analytics/forecast/ets.ts, fitEts(y, 12, "auto")) on 1,000
 * seeded monthly series. Target: at most 30 s in all on this 2-core machine.
 *
 *   node --import tsx bench/ets-auto.bench.ts [--series 1000] [--seed 7] [--workers 0] [--json]
 *
 * Data: series i comes from Rng(seed, i) alone (so every worker makes its own): 48–120
 * months; a level between 20 and 20,000 (log-uniform) with a random walk of 1% of it; a
 * trend that is absent, linear (−0.4% to +1.5% of the level a month) or damped (×0.97 a
 * month), each a third of the time; a seasonal pattern (a sine with a random phase and 30%
 * noise) that is absent, additive or multiplicative, amplitude 5–40%; noise of 1–12%,
 * additive or multiplicative; floored at 1% of the level, so every series is positive and
 * all 15 models are candidates.
 *
 * Work: `--workers` worker threads (0: the main thread alone) take series from a shared
 * counter, fit all candidates of each and keep the AICc-best. Reported: wall time, series
 * per second, each worker's busy time, likelihood evaluations, the peak RSS of the process
 * (all threads), how often each model was chosen, and how often the chosen model has the
 * generating series' kind of season and of trend.
 */
import os from "node:os";
import { parseArgs } from "node:util";
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";
import { fitEts } from "../src/analytics/forecast/ets.ts";
import { Rng } from "../src/demo/rng.ts";

interface Truth {
  trend: "N" | "A" | "Ad";
  season: "N" | "A" | "M";
}

/** Series i of a seed, and the kind of model that made it. */
export function monthlySeries(seed: number, i: number): { y: Float64Array; truth: Truth } {
  const r = new Rng(seed, i);
  const n = r.int(48, 120);
  const y = new Float64Array(n);
  const level0 = Math.exp(r.between(Math.log(20), Math.log(20000)));
  const trend = (["N", "A", "Ad"] as const)[r.int(0, 2)]!;
  let b = trend === "N" ? 0 : r.between(-0.004, 0.015) * level0;
  const season = (["N", "A", "M"] as const)[r.int(0, 2)]!;
  const amp = season === "N" ? 0 : r.between(0.05, 0.4);
  const phase = r.int(0, 11);
  const pattern = Array.from({ length: 12 }, (_, j) => Math.sin((2 * Math.PI * (j + phase)) / 12) + 0.3 * r.normal());
  const noise = r.between(0.01, 0.12);
  const multNoise = r.chance(0.5);
  let l = level0;
  for (let t = 0; t < n; t++) {
    if (trend === "Ad") b *= 0.97;
    l += b + r.normal(0, 0.01 * level0);
    const base = Math.max(l, 0.05 * level0);
    const s = pattern[t % 12]! * amp;
    const mu = season === "A" ? base + s * level0 : base * (1 + s);
    const v = multNoise ? mu * (1 + r.normal(0, noise)) : mu + r.normal(0, noise * level0);
    y[t] = Math.max(v, 0.01 * level0);
  }
  return { y, truth: { trend, season } };
}

interface SeriesResult {
  i: number;
  n: number;
  model: string;
  aicc: number;
  evaluations: number;
  ms: number;
  seasonRight: boolean;
  trendRight: boolean;
}
interface WorkerReport {
  results: SeriesResult[];
  busyMs: number;
  heapPeakMB: number;
}

function work(seed: number, count: number, next: () => number): WorkerReport {
  const results: SeriesResult[] = [];
  let busy = 0;
  let heapPeak = 0;
  for (let i = next(); i < count; i = next()) {
    const { y, truth } = monthlySeries(seed, i);
    const t0 = performance.now();
    const fit = fitEts(y, 12, "auto");
    const ms = performance.now() - t0;
    busy += ms;
    const evaluations = fit.candidates.reduce((s, c) => s + c.evaluations, 0);
    const trendChosen = fit.spec.trend === "N" ? "N" : "A";
    results.push({
      i, n: y.length, model: fit.model, aicc: fit.aicc, evaluations, ms,
      seasonRight: fit.spec.season === truth.season,
      trendRight: trendChosen === (truth.trend === "N" ? "N" : "A"),
    });
    heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed);
  }
  return { results, busyMs: busy, heapPeakMB: heapPeak / 2 ** 20 };
}

if (!isMainThread) {
  const { seed, count, counter } = workerData as { seed: number; count: number; counter: SharedArrayBuffer };
  const c = new Int32Array(counter);
  parentPort!.postMessage(work(seed, count, () => Atomics.add(c, 0, 1)));
} else {
  const { values } = parseArgs({
    options: {
      series: { type: "string", default: "1000" },
      seed: { type: "string", default: "7" },
      workers: { type: "string", default: "0" },
      json: { type: "boolean", default: false },
    },
  });
  const count = Number(values.series);
  const seed = Number(values.seed);
  const workers = Number(values.workers);
  if (!Number.isSafeInteger(count) || count < 1) throw new RangeError(`--series must be a whole number ≥ 1 (got "${values.series}")`);
  if (!Number.isSafeInteger(seed)) throw new RangeError(`--seed must be a whole number (got "${values.seed}")`);
  if (!Number.isSafeInteger(workers) || workers < 0) throw new RangeError(`--workers must be a whole number ≥ 0 (got "${values.workers}")`);

  const t0 = performance.now();
  let reports: WorkerReport[];
  if (workers === 0) {
    let k = 0;
    reports = [work(seed, count, () => k++)];
  } else {
    const counter = new SharedArrayBuffer(4);
    reports = await Promise.all(
      Array.from({ length: workers }, () => new Promise<WorkerReport>((resolve, reject) => {
        // A worker does not inherit the main thread's module hooks: it registers tsx itself
        // before loading this file.
        const boot = `import(${JSON.stringify(import.meta.resolve("tsx/esm/api"))}).then((t) => { t.register(); return import(${JSON.stringify(import.meta.url)}); });`;
        const w = new Worker(boot, { eval: true, workerData: { seed, count, counter } });
        w.once("message", resolve);
        w.once("error", reject);
      })),
    );
  }
  const wallS = (performance.now() - t0) / 1000;
  const results = reports.flatMap((r) => r.results).sort((a, b) => a.i - b.i);
  const peakRssMB = process.resourceUsage().maxRSS / 1024;
  const chosen = new Map<string, number>();
  for (const r of results) chosen.set(r.model, (chosen.get(r.model) ?? 0) + 1);
  const evals = results.reduce((s, r) => s + r.evaluations, 0);
  const observations = results.reduce((s, r) => s + r.n, 0);
  const msSorted = results.map((r) => r.ms).sort((a, b) => a - b);
  const summary = {
    bench: "ets-auto",
    date: new Date().toISOString(),
    machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model ?? "", loadavg1: os.loadavg()[0] ?? 0 },
    series: count,
    seed,
    workers,
    meanLength: observations / count,
    wallSeconds: wallS,
    targetSeconds: 30,
    withinTarget: wallS <= 30,
    seriesPerSecond: count / wallS,
    busySecondsPerWorker: reports.map((r) => r.busyMs / 1000),
    msPerSeries: { median: msSorted[Math.floor((count - 1) / 2)]!, p90: msSorted[Math.floor(0.9 * (count - 1))]!, max: msSorted[count - 1]! },
    evaluationsPerSeries: evals / count,
    peakRssMB,
    heapPeakMBPerWorker: reports.map((r) => r.heapPeakMB),
    seasonKindRight: results.filter((r) => r.seasonRight).length / count,
    trendPresenceRight: results.filter((r) => r.trendRight).length / count,
    chosen: Object.fromEntries([...chosen].sort((a, b) => b[1] - a[1])),
  };
  if (values.json) console.log(JSON.stringify(summary));
  else {
    const f = (x: number, d = 1) => x.toFixed(d);
    console.log(`ETS auto-selection: ${count} monthly series (mean length ${f(summary.meanLength)}), seed ${seed}, ${workers === 0 ? "main thread" : `${workers} worker threads`}`);
    console.log(`machine: ${summary.machine.cpus} × ${summary.machine.model}, load average ${f(summary.machine.loadavg1, 2)}\n`);
    console.log("| measure | value |\n|---|---|");
    console.log(`| wall time | ${f(wallS, 2)} s (target ≤ 30 s: ${summary.withinTarget ? "met" : "missed"}) |`);
    console.log(`| series per second | ${f(summary.seriesPerSecond)} |`);
    console.log(`| busy time per worker | ${summary.busySecondsPerWorker.map((s) => `${f(s, 2)} s`).join(", ")} |`);
    console.log(`| per series: median, p90, max | ${f(summary.msPerSeries.median)} ms, ${f(summary.msPerSeries.p90)} ms, ${f(summary.msPerSeries.max)} ms |`);
    console.log(`| likelihood evaluations per series | ${f(summary.evaluationsPerSeries, 0)} |`);
    console.log(`| peak RSS (process, all threads) | ${f(peakRssMB)} MB |`);
    console.log(`| peak heap per worker | ${summary.heapPeakMBPerWorker.map((m) => `${f(m)} MB`).join(", ")} |`);
    console.log(`| chosen season kind = generating one | ${f(100 * summary.seasonKindRight)}% |`);
    console.log(`| trend present ⇔ generated with one | ${f(100 * summary.trendPresenceRight)}% |`);
    console.log("\n| model chosen | series |\n|---|---|");
    for (const [m, c] of Object.entries(summary.chosen)) console.log(`| ${m} | ${c} |`);
  }
}
