import path from "node:path";
import { Command } from "commander";
import { loadDemo, type DemoStep } from "../../ingest/load-demo.ts";
import { RetainError } from "../../errors.ts";
import { withStore } from "../context.ts";
import { printJson, printTable } from "../output.ts";
import { progressBar, type Progress } from "../progress.ts";
import { positiveInt } from "./customers.ts";

const today = () => new Date().toISOString().slice(0, 10);

export function demoCommand(): Command {
  return new Command("demo")
    .description("Create a deterministic demo business in the store: customers, two years of orders, contacts, complaints")
    .option("--customers <n>", "how many customers", (v) => positiveInt(v), 5000)
    .option("--seed <n>", "random seed: the same seed gives the same business", (v) => positiveInt(v), 42)
    .option("--end <date>", "last day of the history, YYYY-MM-DD (default: today)")
    .option("--months <n>", "months of history", (v) => positiveInt(v), 24)
    .addHelpText("after", "\nThe demo is deterministic: the same --customers, --seed, --end and --months give the same data,\nand loading it again changes nothing. It goes to the store chosen by --data / RETAIN_DATA / DATABASE_URL.")
    .action(async (o: { customers: number; seed: number; end?: string; months: number }, c: Command) =>
      withStore(c, async (store, g) => {
        const end = o.end ?? today();
        if (!/^\d{4}-\d{2}-\d{2}$/.test(end) || Number.isNaN(Date.parse(end))) {
          throw new RetainError("BAD_INPUT", `--end must be a date like 2026-06-30 (got "${end}").`, { field: "end" });
        }
        let bar: Progress | null = null;
        let step: DemoStep | null = null;
        const summary = await loadDemo(store.db, { customers: o.customers, seed: o.seed, end, months: o.months }, (s, done) => {
          if (s !== step) {
            bar?.stop();
            step = s;
            bar = s === "products" ? null : progressBar(`demo ${s.padEnd(12)}`, o.customers, { enabled: !g.json, unit: "customers" });
          }
          bar?.update(done);
        });
        (bar as Progress | null)?.stop();
        if (g.json) return printJson({ store: store.kind, location: store.location, ...summary });
        const w = (line = "") => process.stdout.write(`${line}\n`);
        w(`Demo business (seed ${o.seed}, ${o.customers} customers, ${o.months} months to ${end}) is in ${store.location}`);
        w();
        printTable(
          (["products", "customers", "orderLines", "interactions", "complaints"] as const).map((k) => ({
            what: k, read: summary[k].rowsRead, landed: summary[k].landed, updated: summary[k].updated, unchanged: summary[k].unchanged,
          })),
        );
        w();
        w(`${summary.users} users; aggregates kept for ${summary.orderLines.aggregates.customers} customers; ${(summary.durationMs / 1000).toFixed(1)} s.`);
        const data = store.kind === "pglite" && store.location !== path.resolve(".retain") ? ` --data ${store.location}` : "";
        w("Try:");
        for (const c of ["status", "customers search 王", "customers show demo:C000007", "customers timeline demo:C000007", "customers duplicates"]) {
          w(`  npx retain${data} ${c}`);
        }
      }),
    );
}
