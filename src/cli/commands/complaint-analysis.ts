import { Command, InvalidArgumentError } from "commander";
import { SENSITIVITY_INPUTS, type SensitivityInputName } from "../../analytics/complaints/sensitivity.ts";
import { buildComplaintAnalysis, DEFAULT_WINDOW_DAYS } from "../../retention/complaints/complaint-analysis.service.ts";
import { buildComplaintSensitivity } from "../../retention/complaints/sensitivity.service.ts";
import { withStore } from "../context.ts";
import { printJson, printTable } from "../output.ts";

const pct = (x: number | null) => (x === null ? "—" : `${(x * 100).toFixed(1)}%`);

/** `--set name=value`, repeatable: an input of the sensitivity model. */
const collectInput = (value: string, previous: Partial<Record<SensitivityInputName, string>>) => {
  const eq = value.indexOf("=");
  const name = value.slice(0, eq).trim();
  if (eq <= 0 || !(SENSITIVITY_INPUTS as readonly string[]).includes(name)) {
    throw new InvalidArgumentError(`expected name=value with a name among ${SENSITIVITY_INPUTS.join(", ")}; got "${value}".`);
  }
  return { ...previous, [name]: value.slice(eq + 1).trim() };
};

/** `retain complaints analysis` and `retain complaints sensitivity`: the complaint analyses of docs/complaints.md. */
export function complaintsCommand(): Command {
  const complaints = new Command("complaints").description("Complaints (投诉): volumes, resolution, repurchase after a complaint, and the sensitivity model");
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
        const sl = r.serviceLevels;
        const clocks = (x: typeof sl.firstResponse) => `${pct(x.attainment)} (met ${x.met}, missed ${x.missed}, breached ${x.breached}, running ${x.running}${x.unknown ? `, not recorded ${x.unknown}` : ""})`;
        process.stdout.write(`\nService levels, clocks read at ${sl.at}: first response ${clocks(sl.firstResponse)}; resolution ${clocks(sl.resolution)}\n`);
        const rc = r.recoveryCost;
        process.stdout.write(`Recovery cost: ${rc.total} given in ${rc.compensated} of ${rc.cases} recovered complaints (${rc.meanPerCompensated ?? "—"} per compensated complaint)\n`);
        const p = r.repurchase;
        process.stdout.write(`\nRepurchase within ${r.windowDays} days (complainers: first complaint opened ${p.complainersOpened ? `${p.complainersOpened.from} … ${p.complainersOpened.to}` : "— (window longer than the period)"}; `
          + `no complaint: bought ${p.noComplaintBought.from} … ${p.noComplaintBought.to}, repurchase ${p.noComplaintRepurchase.from} … ${p.noComplaintRepurchase.to}):\n`);
        printTable(p.groups.map((x) => ({ group: x.group, customers: x.customers, repurchased: x.repurchased, rate: pct(x.rate), "95% interval": x.interval ? `${pct(x.interval[0])} … ${pct(x.interval[1])}` : "—" })));
        process.stdout.write("\n");
        printTable(p.differences.map((x) => ({ difference: `${x.a} − ${x.b}`, points: x.difference === null ? "—" : (x.difference * 100).toFixed(1), "95% interval": x.interval ? `${(x.interval[0] * 100).toFixed(1)} … ${(x.interval[1] * 100).toFixed(1)}` : "—" })));
        if (p.incomplete) process.stdout.write(`\n${p.incomplete} complainer(s) too recent for a whole window are in no group.\n`);
      }));
  complaints
    .command("sensitivity")
    .description("The sensitivity model (敏感分析): sales lost to customers' problems, and what seed 000's programmes A and B win back, from this business's own figures (docs/complaints.md)")
    .option("--as-of <date>", "the last day read, YYYY-MM-DD (default: the end of the last complete month)")
    .option("--window <days>", "W: days after a complaint in which a purchase counts as a repurchase", Number, DEFAULT_WINDOW_DAYS)
    .option("--months <n>", "the period: months ending on the as-of date", Number, 12)
    .option("--set <name=value>", `set an input instead of its measured or assumed value; repeatable (${SENSITIVITY_INPUTS.join(", ")})`, collectInput, {})
    .action(async (o: { asOf?: string; window: number; months: number; set: Partial<Record<SensitivityInputName, string>> }, c: Command) =>
      withStore(c, async (store, g) => {
        const r = await buildComplaintSensitivity(store.db, { asOf: o.asOf, windowDays: o.window, months: o.months, inputs: o.set });
        if (g.json) return printJson(r);
        process.stdout.write(`Sensitivity model as of ${r.asOf}: customers and complaints of ${r.period.from} … ${r.period.to}, repurchase within ${r.windowDays} days; sales in ${r.currency}.\n\n`);
        printTable(SENSITIVITY_INPUTS.map((n) => ({ input: n, value: r.inputs[n].value ?? "—", source: r.inputs[n].source, from: r.inputs[n].basis })));
        if (!r.result) {
          process.stdout.write(`\nNot measurable from the data: ${r.missing.join(", ")}. Give them with --set name=value.\n`);
          return;
        }
        const x = r.result;
        const money = (v: string | null) => (v === null ? "—" : Number(v).toLocaleString("en", { minimumFractionDigits: 2, maximumFractionDigits: 2 }));
        process.stdout.write("\n");
        printTable([
          { scenario: "baseline", p: x.baseline.problemShare, c: x.baseline.complainShare, s: x.baseline.resolvedShare, "lost customers": x.baseline.lostCustomers.total, "lost sales": money(x.baseline.lostSales.total), "won back": "", share: "" },
          ...x.programmes.map((p) => ({
            scenario: p.name, p: p.problemShare, c: p.complainShare, s: p.resolvedShare, "lost customers": p.lostCustomers.total, "lost sales": money(p.lostSales.total),
            "won back": money(p.recoveredSales), share: pct(p.recoveredShare),
          })),
        ]);
        process.stdout.write("\nA: a tenth fewer problems. B: the same, twice the complaints heard, half the unresolved ones solved.\n");
      }));
  return complaints;
}
