import { Command } from "commander";
import { microsText } from "../../value/value-report.service.ts";
import { buildCohortReport, moneyJson, type CohortReport } from "../../value/cohorts.service.ts";
import { withStore } from "../context.ts";
import { printJson, printTable } from "../output.ts";

const pct = (x: number | null) => (x === null ? "—" : `${(x * 100).toFixed(1)}%`);

/** `retain report cohorts`: the cohort table and the retention KPIs as of a date. */
export function cohortsCommand(): Command {
  return new Command("cohorts")
    .description("Cohorts by first-purchase month and the retention KPIs (retention, churn, repeat purchase, revenue from returning customers) as of a date (definitions: docs/value.md)")
    .option("--as-of <date>", "YYYY-MM-DD; a date inside a month reads up to the month before (default: the end of the last complete month)")
    .option("--months <n>", "the KPIs' period in months ending with the as-of month, and the months since the first purchase shown", Number, 12)
    .action(async (o: { asOf?: string; months: number }, c: Command) =>
      withStore(c, async (store, g) => {
        const r = await buildCohortReport(store.db, o);
        if (g.json) return printJson(moneyJson(r));
        printCohorts(r, o.months);
      }),
    );
}

function printCohorts(r: CohortReport, months: number): void {
  const out = (s = "") => process.stdout.write(`${s}\n`);
  const k = r.kpis;
  const p = k.period;
  out(`Cohorts and retention as of ${r.asOf}: months up to ${r.month} (${r.currency})`);
  out();
  printTable([
    { figure: `retention: of ${p.previousFrom} … ${p.previousTo}'s ${k.previousCustomers} buyers, bought again in ${p.from} … ${p.to}`, value: `${pct(k.retentionRate)} (${k.retained})` },
    { figure: "churn rate", value: pct(k.churnRate) },
    { figure: `repeat purchase: of ${k.customers} buyers up to ${p.to}, bought on 2 or more days`, value: `${pct(k.repeatPurchaseRate)} (${k.repeatCustomers})` },
    { figure: `net sales ${p.from} … ${p.to}`, value: microsText(k.periodNet) },
    { figure: "… from returning customers (first sale before the period)", value: `${microsText(k.returningNet)} (${pct(k.returningShare)})` },
  ]);
  if (r.cohorts.length === 0) {
    out(`\nNo customer bought by ${r.month}: no cohorts.`);
    return;
  }
  out(`\nRetention by first-purchase month: the cohort's share with a sale, months 0 … ${months} since (--json for every month and the revenue)`);
  printTable(r.cohorts.map((c) => ({
    cohort: c.month,
    customers: c.customers,
    ...Object.fromEntries(Array.from({ length: months + 1 }, (_, i) => [`m${i}`, i < c.retention.length ? pct(c.retention[i]!) : ""])),
  })));
}
