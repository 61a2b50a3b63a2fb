import { Command, Option } from "commander";
import { valueReport, type ValueMeasure, type ValueReport } from "../../analytics/value/report.ts";
import { RetainError } from "../../errors.ts";
import { getSettings } from "../../store/settings.repository.ts";
import { customerValues, dayNumber, dayText } from "../../store/value.repository.ts";
import { withStore } from "../context.ts";
import { printJson, printTable } from "../output.ts";

/** "12m", "90d", "1y" → the first day of a window ending on `asOf` (inclusive). */
export function windowStart(asOf: string, window: string): string {
  const m = /^(\d{1,4})([dmy])$/.exec(window.trim());
  if (!m || Number(m[1]) < 1) {
    throw new RetainError("BAD_INPUT", `--window ${window}: give a length such as 12m, 90d or 1y.`, { field: "window" });
  }
  const n = Number(m[1]);
  const next = dayNumber(asOf) + 1;
  if (m[2] === "d") return dayText(next - n);
  const d = new Date(next * 86_400_000);
  const months = m[2] === "m" ? n : 12 * n;
  // The same day of the month, months earlier (clamped to the month's last day).
  const y = d.getUTCFullYear();
  const target = d.getUTCMonth() - months;
  const last = new Date(Date.UTC(y, target + 1, 0)).getUTCDate();
  return dayText(Date.UTC(y, target, Math.min(d.getUTCDate(), last)) / 86_400_000);
}

/** Today in the business's time zone. */
const today = (timeZone: string) => new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date());

/** Micro-units as currency with two decimals (half away from zero), for tables. */
export function money(micros: bigint): string {
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
    .option("--as-of <date>", "the last day of the window, YYYY-MM-DD (default: today in the business's time zone)")
    .option("--window <length>", "the window's length ending on the as-of date: 12m, 90d, 1y", "12m")
    .addOption(new Option("--by <measure>", "rank customers by net sales or contribution margin").choices(["sales", "margin"]).default("sales"))
    .action(async (o: { asOf?: string; window: string; by: ValueMeasure }, c: Command) =>
      withStore(c, async (store, g) => {
        const settings = await getSettings(store.db);
        const to = o.asOf ?? today(settings.timezone);
        if (!/^\d{4}-\d{2}-\d{2}$/.test(to) || dayText(dayNumber(to)) !== to) {
          throw new RetainError("BAD_INPUT", `--as-of ${to}: not a date; give it as YYYY-MM-DD.`, { field: "as-of" });
        }
        const from = windowStart(to, o.window);
        const columns = await customerValues(store.db, { from, to });
        const r = valueReport(columns, { from, to, toDay: dayNumber(to), by: o.by });
        if (g.json) return printJson(JSON.parse(JSON.stringify({ currency: settings.baseCurrency, ...r }, (_k, v) => (typeof v === "bigint" ? microsText(v) : v))));
        printValueReport(r, settings.baseCurrency);
      }),
    );
  return report;
}

/** Micro-units as an exact decimal string ("12.5", "-0.000001"), for JSON. */
function microsText(m: bigint): string {
  const neg = m < 0n;
  const a = neg ? -m : m;
  const frac = String(a % 1_000_000n).padStart(6, "0").replace(/0+$/, "");
  return `${neg ? "-" : ""}${a / 1_000_000n}${frac ? `.${frac}` : ""}`;
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
  out("\nCustomer pyramid");
  printTable(r.pyramid.map((t) => ({ tier: t.tier, customers: t.customers, "net sales": money(t.sums.netSales!.sum), share: pct(t.sums.netSales!.share), margin: money(t.sums.margin!.sum) })));
  out(`\nRFM segments (${r.rfm.customers} customers who have bought by ${r.window.to})`);
  printTable(r.rfm.segments.map((s) => ({ segment: s.segment, customers: s.customers, "share of customers": pct(s.customerShare), "net sales": money(s.value), share: pct(s.valueShare) })));
}
