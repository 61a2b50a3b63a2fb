import fs from "node:fs";
import path from "node:path";
import { Command, Option } from "commander";
import type { ValueMeasure, ValueReport } from "../../analytics/value/report.ts";
import { RetainError } from "../../errors.ts";
import { renderValueReportHtml } from "../../value/report-html/render.ts";
import { LANGS, type Lang } from "../../value/report-html/strings.ts";
import type { SegmentsSummary } from "../../value/segments.service.ts";
import { buildValueReport, microsText, valueReportJson, type FullValueReport } from "../../value/value-report.service.ts";
import { rfm8Members, rfm8SegmentOf } from "../../value/rfm8.service.ts";
import { RFM8_SEGMENTS } from "../../analytics/value/rfm8.ts";
import { addRfm8Options, addRuleOptions, addWindowOptions, rfm8OfFlags, rulesOfFlags, type Rfm8Flags, type RuleFlags } from "./segments.ts";
import { withStore } from "../context.ts";
import { cohortsCommand } from "./report-cohorts.ts";
import { printJson, printTable } from "../output.ts";

/** Micro-units as currency with two decimals (half away from zero), for tables. */
function money(micros: bigint): string {
  const neg = micros < 0n;
  const cents = ((neg ? -micros : micros) + 5_000n) / 10_000n;
  const s = `${cents / 100n}.${String(cents % 100n).padStart(2, "0")}`;
  return neg && cents !== 0n ? `-${s}` : s;
}

const pct = (x: number | null) => (x === null ? "—" : `${(x * 100).toFixed(1)}%`);

export function reportCommand(): Command {
  const report = new Command("report").description("Reports on the store's data");
  addRfm8Options(addRuleOptions(addWindowOptions(report
    .command("value")
    .description("Customer value as of a date: KPIs, deciles, purchase deciles, Pareto, the pyramid, RFM, the three profitable groups, loyalty classes and the ladder (definitions: docs/value.md)"))
    .option("--out <file>", "write the report as one HTML page to this file (opens offline, prints) instead of printing it")
    .addOption(new Option("--lang <lang>", "the language of the HTML report (--out)").choices(LANGS).default("en"))))
    .action(async (o: RuleFlags & Rfm8Flags & { asOf?: string; window: string; by: ValueMeasure; transactionDiscount?: number; transactionDays?: number; out?: string; lang: Lang }, c: Command) => {
      // Checked before the store is opened and the report computed: a typo fails at once.
      const out = o.out === undefined ? undefined : outputFile(o.out);
      const rfm8 = rfm8OfFlags(o);
      return withStore(c, async (store, g) => {
        const r = await buildValueReport(store.db, { ...o, rules: rulesOfFlags(o), rfm8 });
        if (out !== undefined) {
          writeAtomically(out, o.out!, await renderValueReportHtml(r, { lang: o.lang, generatedAt: new Date(), version: rootCommand(c).version() ?? "", windowLength: o.window }));
          if (g.json) printJson({ file: out });
          else process.stdout.write(`Wrote the value report to ${out}\n`);
          return;
        }
        if (g.json) return printJson(valueReportJson(r));
        printValueReport(r, r.currency);
      });
    });
  addRfm8Options(addWindowOptions(report
    .command("rfm8-members")
    .description("The customers of one 8-segment RFM segment over the window, with their R, F and M (docs/value.md, \"The 8-segment RFM\")")
    .addOption(new Option("--segment <name>", "the segment").choices(RFM8_SEGMENTS).makeOptionMandatory())
    .option("--limit <n>", "at most this many", Number, 100)))
    .action(async (o: Rfm8Flags & { asOf?: string; window: string; by: ValueMeasure; segment: string; limit: number }, c: Command) => {
      const rfm8 = rfm8OfFlags(o);
      const segment = rfm8SegmentOf(o.segment);
      if (!Number.isInteger(o.limit) || o.limit < 1) throw new RetainError("BAD_INPUT", `limit ${o.limit}: give a whole number, 1 or more.`, { field: "limit" });
      return withStore(c, async (store, g) => {
        const r = await rfm8Members(store.db, { ...o, segment, rfm8 });
        const rows = r.items.map((m) => ({ id: m.id, name: m.name, state: m.state, recency_days: m.recencyDays, frequency: m.frequency, monetary: microsText(m.monetary) }));
        if (g.json) return printJson({ window: r.window, segment: r.segment, method: r.method, customers: r.customers, items: rows });
        process.stdout.write(`${r.segment}: ${r.customers} customers, ${r.window.from} … ${r.window.to} (${r.method} cut-offs); ${r.treatment}\n`);
        printTable(rows);
      });
    });
  report.addCommand(cohortsCommand());
  return report;
}

export const rootCommand = (c: Command): Command => (c.parent ? rootCommand(c.parent) : c);

/** The absolute path `--out` names, once its folder is known to exist. */
export function outputFile(given: string): string {
  const file = path.resolve(given);
  const dir = path.dirname(file);
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
    throw new RetainError("BAD_INPUT", `Cannot write the report to ${given}: the folder ${dir} does not exist.`, {
      file: given, field: "out", hint: "Create the folder first, or give --out a file in an existing folder.",
    });
  }
  if (fs.existsSync(file) && fs.statSync(file).isDirectory()) {
    throw new RetainError("BAD_INPUT", `Cannot write the report to ${given}: it is a folder.`, { file: given, field: "out", hint: `Name a file, such as --out ${path.join(given, "value-report.html")}.` });
  }
  return file;
}

/** Writes a temporary file beside `file` and renames it: a reader never sees half a report, and a failed run leaves the old one. */
export function writeAtomically(file: string, given: string, text: string): void {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  try {
    fs.writeFileSync(tmp, text);
    fs.renameSync(tmp, file);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw new RetainError("BAD_FILE", `Cannot write the report to ${given}: ${(e as Error).message}`, { file: given, field: "out", hint: "Check that the folder is writable, or give --out another file." }, { cause: e });
  }
}

function printValueReport(r: FullValueReport, currency: string): void {
  const out = (s = "") => process.stdout.write(`${s}\n`);
  const measure = r.by === "sales" ? "net sales" : "margin";
  out(`Customer value, ${r.window.from} … ${r.window.to}, ranked by ${measure} (${currency})`);
  out();
  const k = r.kpis;
  printTable([
    { figure: "customers who bought", value: k.customers },
    { figure: "orders", value: k.orders },
    { figure: "net sales", value: money(k.netSales) },
    { figure: "contribution margin", value: money(k.margin) },
    { figure: "net sales with a known cost", value: pct(k.marginCoverage) },
    { figure: "average order value", value: k.averageOrderValue === null ? "—" : k.averageOrderValue.toFixed(2) },
    { figure: "discount share", value: pct(k.discountShare) },
  ]);
  if (k.customers === 0) {
    out("\nNo customer bought in this window: nothing to rank.");
    return;
  }
  const [half, eighty] = r.concentration;
  out(`\n${pct(eighty!.customerShare)} of customers (${eighty!.customers}) make 80% of ${measure}; ${pct(half!.customerShare)} make half.`);
  out("\nMonetary deciles");
  printTable(r.deciles.map((d) => ({
    decile: d.group, customers: d.customers, "net sales": money(d.sums.netSales!.sum), share: pct(d.sums.netSales!.share), cumulative: pct(d.sums.netSales!.cumulativeShare),
    margin: money(d.sums.margin!.sum), "margin share": pct(d.sums.margin!.share),
  })));
  if (r.purchaseDeciles) {
    out(`\nPurchase deciles: customers making each tenth of ${measure}`);
    printTable(r.purchaseDeciles.map((p) => ({ part: `${p.part * 10}%`, customers: p.customers, cumulative: p.cumulativeCustomers, "share of customers": pct(p.cumulativeCustomerShare) })));
  }
  const ct = r.customerTypes;
  out(`\nTransaction customers (discount share at least ${pct(ct.rule.minDiscountShare)}, at most ${ct.rule.maxPurchaseDays} purchase days) and relationship customers`);
  printTable((["transaction", "relationship"] as const).map((k) => ({ type: k, customers: ct[k].customers, "net sales": money(ct[k].netSales), margin: money(ct[k].margin) })));
  out("\nCustomer pyramid");
  printTable(r.pyramid.map((t) => ({ tier: t.tier, customers: t.customers, "net sales": money(t.sums.netSales!.sum), share: pct(t.sums.netSales!.share), margin: money(t.sums.margin!.sum) })));
  out(`\nRFM segments (${r.rfm.customers} customers who have bought by ${r.window.to})`);
  printTable(r.rfm.segments.map((s) => ({ segment: s.segment, customers: s.customers, "share of customers": pct(s.customerShare), "net sales": money(s.value), share: pct(s.valueShare) })));
  printRfm8(r, measure);
  printSegments(r.segments, measure);
  const w = r.shareOfWallet;
  out(w.customers === 0
    ? "\nShare of wallet: no customer has a yearly budget recorded (profile value.annual_budget)."
    : `\nShare of wallet: ${pct(w.share)} — ${w.customers} customers with a yearly budget spent ${money(w.netSales)} of the ${money(w.budget)} their budgets give this window.`);
}

function printRfm8(r: FullValueReport, measure: string): void {
  const e = r.rfm8;
  const c = e.cutoffs;
  process.stdout.write(`\n8-segment RFM (${e.customers} customers who bought in the window; ${e.method} cut-offs${c
    ? `: R high at ≤ ${c.recencyDays.toFixed(2)} days, F high at ≥ ${c.frequency.toFixed(2)} purchase days, M high at ≥ ${money(c.monetary)} ${measure}`
    : ""})\n`);
  const num = (x: number | null) => (x === null ? "—" : x.toFixed(1));
  printTable(e.segments.map((s) => ({
    segment: s.segment, customers: s.customers, "share of customers": pct(s.customerShare), [measure]: money(s.monetary), share: pct(s.monetaryShare),
    "mean R (days)": num(s.meanRecencyDays), "mean F": num(s.meanFrequency), "mean M": s.meanMonetary === null ? "—" : money(s.meanMonetary), treatment: s.treatment,
  })));
}

function printSegments(s: SegmentsSummary, measure: string): void {
  const out = (line: string) => process.stdout.write(`${line}\n`);
  const pg = s.profitGroups.rule;
  const pw = s.previousWindow;
  out(`\nThe three profitable groups of relationship customers (${measure}; the window before: ${pw.from} … ${pw.to})`);
  out(`  top: the best ${pct(pg.topShare)}; rising: the better half, worth ${pct(pg.change)} more than before; falling: worth ${pct(pg.change)} less`);
  printTable(s.profitGroups.groups.map((g) => ({ group: g.group, customers: g.customers, "net sales": money(g.netSales), before: money(g.previousNetSales), margin: money(g.margin), "margin before": money(g.previousMargin) })));
  const l = s.loyalty.rule;
  out(`\nLoyalty classes (churned: no purchase in ${l.churnDays} days; potential: first purchase within ${l.newDays} days; loyal: ${l.loyalPurchaseDays}+ purchase days, best ${pct(l.loyalTopShare)}, discount below ${pct(l.loyalMaxDiscount)})`);
  printTable(s.loyalty.classes.map((c) => ({ class: c.group, customers: c.customers, "net sales": money(c.netSales), margin: money(c.margin), treatment: c.treatment })));
  const d = s.ladder.rule;
  out(`\nLoyalty ladder (periods of ${d.periodMonths} months; loyal: a purchase in each of the last ${d.loyalPeriods}; old: first purchase ${d.oldMonths}+ months ago)`);
  printTable(s.ladder.rungs.map((g) => ({ rung: g.rung, customers: g.customers, "net sales": money(g.netSales) })));
}
