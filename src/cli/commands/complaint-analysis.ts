import { Command } from "commander";
import { buildComplaintAnalysis, DEFAULT_WINDOW_DAYS } from "../../retention/complaints/complaint-analysis.service.ts";
import { withStore } from "../context.ts";
import { printJson, printTable } from "../output.ts";

const pct = (x: number | null) => (x === null ? "—" : `${(x * 100).toFixed(1)}%`);

/** `retain complaints analysis`: the complaint analyses of docs/complaints.md. */
export function complaintsCommand(): Command {
  const complaints = new Command("complaints").description("Complaints (投诉): volumes, resolution and repurchase after a complaint");
  complaints
    .command("analysis")
    .description("Complaint volumes, resolution, and the repurchase of resolved and unresolved complainers against customers who never complained (docs/complaints.md)")
    .option("--as-of <date>", "the last day read, YYYY-MM-DD (default: the end of the last complete month)")
    .option("--window <days>", "W: days after a complaint in which a purchase counts as a repurchase", Number, DEFAULT_WINDOW_DAYS)
    .option("--months <n>", "the period: months ending on the as-of date", Number, 12)
    .action(async (o: { asOf?: string; window: number; months: number }, c: Command) =>
      withStore(c, async (store, g) => {
        const r = await buildComplaintAnalysis(store.db, { asOf: o.asOf, windowDays: o.window, months: o.months });
        if (g.json) return printJson(r);
        const s = r.resolution;
        process.stdout.write(`Complaints opened ${r.period.from} … ${r.period.to}: ${r.volumes.complaints} from ${r.volumes.customers} customers; `
          + `resolved by ${r.asOf}: ${s.resolved} (${pct(s.resolvedShare)}), closed ${s.closed}, open ${s.open}; days to resolve: median ${s.medianDays ?? "—"}, p90 ${s.p90Days ?? "—"}\n\n`);
        printTable(r.volumes.byCategory.map((x) => ({ category: x.key ?? "(none)", complaints: x.complaints, customers: x.customers })));
        const p = r.repurchase;
        process.stdout.write(`\nRepurchase within ${r.windowDays} days (complainers: first complaint opened ${p.complainersOpened ? `${p.complainersOpened.from} … ${p.complainersOpened.to}` : "— (window longer than the period)"}; `
          + `no complaint: bought ${p.noComplaintBought.from} … ${p.noComplaintBought.to}, repurchase ${p.noComplaintRepurchase.from} … ${p.noComplaintRepurchase.to}):\n`);
        printTable(p.groups.map((x) => ({ group: x.group, customers: x.customers, repurchased: x.repurchased, rate: pct(x.rate), "95% interval": x.interval ? `${pct(x.interval[0])} … ${pct(x.interval[1])}` : "—" })));
        process.stdout.write("\n");
        printTable(p.differences.map((x) => ({ difference: `${x.a} − ${x.b}`, points: x.difference === null ? "—" : (x.difference * 100).toFixed(1), "95% interval": x.interval ? `${(x.interval[0] * 100).toFixed(1)} … ${(x.interval[1] * 100).toFixed(1)}` : "—" })));
        if (p.incomplete) process.stdout.write(`\n${p.incomplete} complainer(s) too recent for a whole window are in no group.\n`);
      }));
  return complaints;
}
