import { Command, Option } from "commander";
import type { ValueMeasure, ValueReport } from "../../analytics/value/report.ts";
import { buildValueReport, valueReportJson } from "../../value/value-report.service.ts";
import { withStore } from "../context.ts";
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
  report
    .command("value")
    .description("Customer value as of a date: KPIs, deciles, purchase deciles, Pareto, the pyramid and RFM segments (definitions: docs/value.md)")
    .option("--as-of <date>", "the last day of the window, YYYY-MM-DD (default: the end of the last complete month)")
    .option("--window <length>", "the window's length ending on the as-of date: 12m, 90d, 1y", "12m")
    .addOption(new Option("--by <measure>", "rank customers by net sales or contribution margin").choices(["sales", "margin"]).default("sales"))
    .option("--transaction-discount <share>", "transaction customers: a discount share of at least this (0.3 = 30%)", Number)
    .option("--transaction-days <n>", "… and at most this many purchase days in the window", Number)
    .action(async (o: { asOf?: string; window: string; by: ValueMeasure; transactionDiscount?: number; transactionDays?: number }, c: Command) =>
      withStore(c, async (store, g) => {
        const r = await buildValueReport(store.db, o);
        if (g.json) return printJson(valueReportJson(r));
        printValueReport(r, r.currency);
      }),
    );
  return report;
}

function printValueReport(r: ValueReport, currency: string): void {
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
}
