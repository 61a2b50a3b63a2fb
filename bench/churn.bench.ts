/**
 * The churn classifier's back-test against BG/NBD alone, on the demo business and on the
 * CDNOW sample, end to end: the data goes into an embedded store as orders, and the run is
 * the one `retain models backtest` makes (docs/prediction.md, "Who will leave").
 *
 *   npm run bench:churn -- [--customers 5000] [--horizon 90] [--no-save]
 *
 * Prints, per data set, the test split's AUC, Brier score and log loss of the chosen model,
 * the other one and BG/NBD alone, the top decile's lift, and the time of the run; appends a
 * JSON line per data set to bench/results/churn.jsonl.
 */
import { execSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { OrderLineInput } from "../src/domain/inputs.ts";
import { loadDemo } from "../src/ingest/load-demo.ts";
import { buildModels } from "../src/prediction/models.service.ts";
import { MEMORY, openStore } from "../src/store/connect.ts";
import { setSetting } from "../src/store/settings.repository.ts";
import { importLines } from "../test/support/import-rows.ts";

const here = path.dirname(fileURLToPath(import.meta.url));
const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const customers = arg("customers", 5000);
const horizonDays = arg("horizon", 90);
const save = !process.argv.includes("--no-save");

/** The CDNOW sample as order lines: one line per purchase record, an order per customer and day. */
function cdnowLines(): OrderLineInput[] {
  const text = fs.readFileSync(path.join(here, "../test/fixtures/btyd/cdnow_sample.txt"), "utf8");
  const lines: OrderLineInput[] = [];
  const seen = new Map<string, number>();
  for (const row of text.split(/\r?\n/)) {
    const f = row.trim().split(/\s+/);
    if (f.length < 5) continue;
    const [, id, date, cds, dollars] = f as [string, string, string, string, string];
    const day = `${date.slice(0, 4)}-${date.slice(4, 6)}-${date.slice(6, 8)}`;
    const key = `${id}-${day}`;
    const k = (seen.get(key) ?? 0) + 1;
    seen.set(key, k);
    lines.push({ customerRef: `cdnow-${id}`, orderNo: `${key}-${k}`, orderedAt: day, sku: "CD", description: "CDs", quantity: String(Math.max(1, Number(cds))), amount: dollars });
  }
  return lines;
}

async function run(name: string, load: (db: Awaited<ReturnType<typeof openStore>>["db"]) => Promise<string>) {
  const store = await openStore({ kind: "pglite", dataDir: MEMORY });
  try {
    const asOf = await load(store.db);
    const started = performance.now();
    const { report } = await buildModels(store.db, { asOf, unit: "week", horizonDays });
    const seconds = (performance.now() - started) / 1000;
    const c = report.churn;
    if ("skipped" in c) {
      console.log(`${name}: churn model skipped: ${c.skipped}`);
      return;
    }
    console.log(`\n${name}: ${report.customers} customers, as of ${asOf}; trained on ${c.trainedAsOf}, ${c.population} active, ${(c.churnRate * 100).toFixed(1)}% left within ${c.windowDays} days; ${c.reason}`);
    console.table(c.candidates.map((m) => ({ model: m.model === "bgnbd" ? "BG/NBD alone" : m.model, AUC: m.auc.toFixed(4), Brier: m.brier.toFixed(4), "log loss": m.logLoss.toFixed(4) })));
    console.log(`top decile lift: chosen ${c.lift[0]!.lift.toFixed(2)}, BG/NBD alone ${c.bgnbdLift[0]!.lift.toFixed(2)}; AUC gain over BG/NBD alone ${c.aucGain.toFixed(4)} (95% interval ${c.aucGainInterval[0].toFixed(4)} … ${c.aucGainInterval[1].toFixed(4)}); run ${seconds.toFixed(1)} s`);
    if (!c.beatsBgnbd) console.log("The classifier does not beat BG/NBD alone here.");
    if (save) {
      const commit = execSync("git rev-parse --short HEAD", { cwd: here }).toString().trim();
      const dirty = execSync("git status --porcelain", { cwd: here }).toString().trim() !== "";
      const entry = {
        date: new Date().toISOString(), commit, dirty, machine: { cpus: os.cpus().length, memoryGiB: Math.round(os.totalmem() / 2 ** 30) },
        data: name, customers: report.customers, asOf, horizonDays, trainedAsOf: c.trainedAsOf, population: c.population, churnRate: c.churnRate,
        rows: c.rows, chosen: c.chosen, candidates: c.candidates, topDecileLift: { chosen: c.lift[0]!.lift, bgnbd: c.bgnbdLift[0]!.lift },
        beatsBgnbd: c.beatsBgnbd, aucGain: c.aucGain, aucGainInterval: c.aucGainInterval, seconds,
      };
      fs.appendFileSync(path.join(here, "results/churn.jsonl"), `${JSON.stringify(entry)}\n`);
    }
  } finally {
    await store.close();
  }
}

await run(`demo (${customers} customers, seed 42, 24 months)`, async (db) => {
  await loadDemo(db, { customers, seed: 42, end: "2026-06-30", months: 24 });
  return "2026-06-30";
});
await run("CDNOW sample (2,357 customers, 1997-01 … 1998-06)", async (db) => {
  await setSetting(db, "baseCurrency", "USD");
  await setSetting(db, "timezone", "UTC");
  await importLines(db, cdnowLines(), { batchSize: 5000 });
  return "1998-06-30";
});
