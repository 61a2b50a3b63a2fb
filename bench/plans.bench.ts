/**
 * Generating a tiered contact plan's quarter (src/retention/plans/plan-generate.ts) on the
 * demo business, against writing the same tasks alone.
 *
 *   node --import tsx bench/plans.bench.ts [--customers 5000] [--seed 42] [--end 2026-06-30]
 *
 * Data: the demo business (src/ingest/load-demo.ts) with --customers customers and two years
 * of orders to --end, in a fresh embedded store; its load time is reported apart.
 * Timed: generatePlan for the apparel-chain example of the last whole quarter with 10% held
 * out (rank by the month aggregates, cut the tiers, draw the control group, spread the
 * contacts, apply the caps, write the tasks); then, as the baseline, createTasks of the same
 * number of tasks for a second quarter, which is the write the generation cannot avoid.
 * Results: one JSON line per run in bench/results/plans.jsonl.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { SYSTEM_ACTOR } from "../src/audit/audit.repository.ts";
import { dayNumber, dayText } from "../src/domain/days.ts";
import { loadDemo } from "../src/ingest/load-demo.ts";
import { lastWholeQuarter } from "../src/retention/demo-actions.ts";
import { apparelExample } from "../src/retention/plans/plan-definition.ts";
import { generatePlan } from "../src/retention/plans/plan-generate.ts";
import { createPlan } from "../src/retention/plans/plans.service.ts";
import { createTasks, type NewTask } from "../src/retention/tasks/tasks.repository.ts";
import { openStore } from "../src/store/connect.ts";

const { values } = parseArgs({
  options: {
    customers: { type: "string", default: "5000" },
    seed: { type: "string", default: "42" },
    end: { type: "string", default: "2026-06-30" },
  },
});
const customers = Number(values.customers);
const seed = Number(values.seed);
const end = values.end!;

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "retain-plans-bench-"));
const store = await openStore({ kind: "pglite", dataDir: dir });
try {
  let t = performance.now();
  await loadDemo(store.db, { customers, seed, end, months: 24 });
  const loadMs = performance.now() - t;

  const quarter = lastWholeQuarter(end);
  const plan = await createPlan(store.db, { ...apparelExample(quarter), name: "bench", controlShare: "0.1" }, SYSTEM_ACTOR, seed);
  t = performance.now();
  const g = await generatePlan(store.db, plan.id, SYSTEM_ACTOR);
  const generateMs = performance.now() - t;

  t = performance.now();
  const again = await generatePlan(store.db, plan.id, SYSTEM_ACTOR);
  const regenerateMs = performance.now() - t;

  // the baseline: the same number of tasks, written by createTasks alone
  const rows = await store.db.selectFrom("tasks").select(["customer_id", "kind", "due_on"]).where("source_type", "=", "plan").execute();
  const shift = 92;
  const tasks: NewTask[] = rows.map((r, i) => ({
    customerId: Number(r.customer_id), key: `bench:${i}`, kind: r.kind, title: r.kind, dueOn: dayText(dayNumber(String(r.due_on).slice(0, 10)) + shift), sourceType: "manual",
  }));
  t = performance.now();
  await createTasks(store.db, tasks);
  const baselineMs = performance.now() - t;

  const result = {
    date: new Date().toISOString(), machine: `${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB`, store: "pglite", customers, seed, end, quarter,
    loadMs: Math.round(loadMs), contacts: g.kept, tasks: g.created, control: g.control, dropped: g.dropped,
    generateMs: Math.round(generateMs), regenerateMs: Math.round(regenerateMs), regenerateCreated: again.created, baselineTasksMs: Math.round(baselineMs),
  };
  console.log(JSON.stringify(result));
  fs.mkdirSync(path.join(import.meta.dirname, "results"), { recursive: true });
  fs.appendFileSync(path.join(import.meta.dirname, "results", "plans.jsonl"), `${JSON.stringify(result)}\n`);
} finally {
  await store.close();
  fs.rmSync(dir, { recursive: true, force: true });
}
