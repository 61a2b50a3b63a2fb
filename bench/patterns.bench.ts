/**
 * Baskets and sequences over 10M order lines (1M customers), end to end as `retain baskets`
 * and `retain sequences` run them: the order lines streamed from the store, the miners,
 * the labels. Target (issue "Patterns"): each ≤ 60 s on this 2-core machine.
 *
 *   node --import tsx bench/patterns.bench.ts [--stores postgres,pglite] [--runs 1]
 *
 * Data: the value-report benchmark's stores (bench/out/value-report, generated and loaded by
 * `npm run bench:value-report` with bench/generate-order-lines.ts: 1,000,000 customers,
 * 10,048,299 order lines in 5,241,829 orders over three years); run that first. Every case
 * reads all of them (window all, as of 2026-10-31). The read alone (orderItems) is timed once
 * per store too, so the miners' share shows. Peak memory is the process's so far (it only
 * grows from case to case). Results are appended to
 * bench/results/patterns.jsonl.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { analyzeBaskets } from "../src/patterns/baskets.service.ts";
import { analyzeSequences } from "../src/patterns/sequences.service.ts";
import { openStore } from "../src/store/connect.ts";
import { orderItems } from "../src/store/order-items.repository.ts";
import { startPostgres } from "./pg-server.ts";

const { values } = parseArgs({
  options: {
    stores: { type: "string", default: "postgres" },
    runs: { type: "string", default: "1" },
  },
});
const root = path.resolve(import.meta.dirname, "..");
const OUT = path.join(root, "bench", "out", "value-report");
const stores = values.stores!.split(",").map((s) => s.trim());
const runs = Number(values.runs);
const AS_OF = "2026-10-31";
const TARGET_S = 60;

if (!fs.existsSync(path.join(OUT, "postgres.json")) && !fs.existsSync(path.join(OUT, "pglite.json"))) {
  console.error("The stores are not loaded: run `npm run bench:value-report` once first (it generates and loads 10M order lines).");
  process.exit(2);
}

const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]!;
/** The process's peak resident memory so far (the kernel's count: it sees the synchronous miners too). */
const peakRssMb = () => Math.round(process.resourceUsage().maxRSS / 1024);

interface Case {
  name: string;
  run: (db: Parameters<typeof analyzeBaskets>[0]) => Promise<Record<string, number>>;
}

const CASES: Case[] = [
  {
    name: "baskets, products, support 0.001, confidence 0.1",
    run: async (db) => {
      const { report } = await analyzeBaskets(db, { asOf: AS_OF, window: "all", level: "product", minSupport: 0.001, minConfidence: 0.1 });
      return { baskets: report.baskets, items: report.items, itemsets: report.itemsets, rules: report.rulesFound };
    },
  },
  {
    name: "baskets, categories, support 0.001, confidence 0.1",
    run: async (db) => {
      const { report } = await analyzeBaskets(db, { asOf: AS_OF, window: "all", level: "category", minSupport: 0.001, minConfidence: 0.1 });
      return { baskets: report.baskets, items: report.items, itemsets: report.itemsets, rules: report.rulesFound };
    },
  },
  {
    name: "sequences, products, support 0.005, max gap 90 days, A then B within 90 days",
    run: async (db) => {
      const { report } = await analyzeSequences(db, { asOf: AS_OF, window: "all", level: "product", minSupport: 0.005, maxGap: 90, withinDays: 90 });
      return { customers: report.customers, events: report.events, patterns: report.patternsFound, rules: report.rulesFound, pairs: report.pairsFound };
    },
  },
];

const commit = spawnSync("git", ["rev-parse", "--short", "HEAD"], { cwd: root, encoding: "utf8" }).stdout.trim() || null;
const results: Array<Record<string, unknown>> = [];
for (const kind of stores) {
  const pgServer = kind === "postgres" ? await startPostgres(path.join(OUT, "pg")) : null;
  const store = await openStore(kind === "postgres" ? { kind: "postgres", url: pgServer!.url.replace(/\/postgres$/, "/retain_value") } : { kind: "pglite", dataDir: path.join(OUT, "pglite") });
  try {
    let t = performance.now();
    const read = await orderItems(store.db, { level: "product", from: "1900-01-01", to: AS_OF });
    const readSeconds = (performance.now() - t) / 1000;
    if (read.orders === 0) throw new Error(`the ${kind} store has no orders: load it with npm run bench:value-report`);
    console.log(`> ${kind}: the read alone, ${read.orders} orders and ${read.items.length} order items, ${round(readSeconds)} s`);
    for (const c of CASES) {
      const times: number[] = [];
      let counts: Record<string, number> = {};
      for (let r = 0; r < runs; r++) {
        t = performance.now();
        counts = await c.run(store.db);
        times.push((performance.now() - t) / 1000);
      }
      const seconds = median(times);
      const row = { at: new Date().toISOString(), commit, store: kind, case: c.name, seconds: round(seconds), runs: times.map((x) => round(x)), readSeconds: round(readSeconds), peakRssMb: peakRssMb(), target: TARGET_S, pass: seconds <= TARGET_S, ...counts };
      results.push(row);
      console.log(`> ${kind}: ${c.name}: ${round(seconds)} s (${seconds <= TARGET_S ? "PASS" : "FAIL"} ≤ ${TARGET_S} s), peak RSS ${row.peakRssMb} MB, ${JSON.stringify(counts)}`);
    }
  } finally {
    await store.close();
    pgServer?.stop();
  }
}
fs.mkdirSync(path.join(root, "bench", "results"), { recursive: true });
fs.appendFileSync(path.join(root, "bench", "results", "patterns.jsonl"), results.map((r) => JSON.stringify(r)).join("\n") + "\n");
console.table(results.map((r) => ({ store: r.store, case: r.case, seconds: r.seconds, pass: r.pass, peakRssMb: r.peakRssMb })));
