import { Command, Option } from "commander";
import type { ValueMeasure } from "../../analytics/value/report.ts";
import { listSnapshots, SEGMENT_SCHEMES, segmentMembers, type SegmentScheme } from "../../store/segments.repository.ts";
import { decimalMicros } from "../../value/customer-value.service.ts";
import { rulesOfFields } from "../../value/segments.service.ts";
import { rfm8Choice, type Rfm8Fields } from "../../value/rfm8.service.ts";
import { microsText, snapshotSegments, type ValueReportOptions } from "../../value/value-report.service.ts";
import { withStore } from "../context.ts";
import { printJson, printTable } from "../output.ts";

/** The window, measure and transaction rule flags, shared by `report value` and `segments snapshot`. */
export function addWindowOptions(c: Command): Command {
  return c
    .option("--as-of <date>", "the last day of the window, YYYY-MM-DD (default: the end of the last complete month)")
    .option("--window <length>", "the window's length ending on the as-of date: 12m, 90d, 1y", "12m")
    .addOption(new Option("--by <measure>", "rank customers by net sales or contribution margin").choices(["sales", "margin"]).default("sales"))
    .option("--transaction-discount <share>", "transaction customers: a discount share of at least this (0.3 = 30%)", Number)
    .option("--transaction-days <n>", "… and at most this many purchase days in the window", Number);
}

/** The segmentations' rule flags, shared by `report value` and `segments snapshot` (docs/value.md, "Segments"). */
export function addRuleOptions(c: Command): Command {
  return c
    .option("--top-share <share>", "three profitable groups: the best share of relationship customers on top (default 0.2)", Number)
    .option("--change <share>", "… the change in value against the window before that makes rising or falling (default 0.25)", Number)
    .option("--churn-days <n>", "loyalty classes: churned after this many days without a purchase (default 365)", Number)
    .option("--new-days <n>", "… potential while the first purchase is this recent (default 180)", Number)
    .option("--loyal-days <n>", "… loyal from this many purchase days in the window (default 3)", Number)
    .option("--loyal-top <share>", "… among this best share of buyers by value (default 0.2)", Number)
    .option("--loyal-max-discount <share>", "… with a discount share below this (default 0.3)", Number)
    .option("--period-months <n>", "loyalty ladder: months per period (default 3)", Number)
    .option("--loyal-periods <n>", "… loyal after a purchase in this many periods in a row (default 3)", Number)
    .option("--old-months <n>", "… old once the first purchase is this many months back (default 12)", Number);
}

/** The 8-segment RFM's cut-off flags (docs/value.md, "The 8-segment RFM"). */
export function addRfm8Options(c: Command): Command {
  return c
    .addOption(new Option("--rfm8-cutoff <method>", "8-segment RFM: cut R, F and M at the buyers' mean, median, or the values given (custom)").choices(["mean", "median", "custom"]).default("mean"))
    .option("--rfm8-r <days>", "… custom: R is high when the last purchase is at most this many days before the as-of date")
    .option("--rfm8-f <n>", "… custom: F is high from this many purchase days")
    .option("--rfm8-m <amount>", "… custom: M is high from this much (base currency, the report's measure)");
}

export type Rfm8Flags = { rfm8Cutoff: "mean" | "median" | "custom"; rfm8R?: string; rfm8F?: string; rfm8M?: string };
export const rfm8OfFlags = (o: Rfm8Flags) => rfm8Choice({ rfm8Cutoff: o.rfm8Cutoff, rfm8R: o.rfm8R, rfm8F: o.rfm8F, rfm8M: o.rfm8M } satisfies Rfm8Fields);

export interface RuleFlags {
  topShare?: number; change?: number; churnDays?: number; newDays?: number; loyalDays?: number; loyalTop?: number; loyalMaxDiscount?: number;
  periodMonths?: number; loyalPeriods?: number; oldMonths?: number;
}

/** The flags as the rule fields (`--loyal-days` is loyalPurchaseDays, `--loyal-top` loyalTopShare). */
export function rulesOfFlags(o: RuleFlags): NonNullable<ValueReportOptions["rules"]> {
  const { loyalDays, loyalTop, ...same } = o;
  return rulesOfFields({ ...same, loyalPurchaseDays: loyalDays, loyalTopShare: loyalTop });
}

export function segmentsCommand(): Command {
  const segments = new Command("segments").description("Every customer's segments saved per as-of date (snapshots), and the customers of a segment");
  addRfm8Options(addRuleOptions(addWindowOptions(
    segments
      .command("snapshot")
      .description("Compute every customer's decile, pyramid tier, RFM, 8-segment RFM, loyalty class, ladder rung and profitable group as of a date, and save them"),
  ))).action(async (o: RuleFlags & Rfm8Flags & { asOf?: string; window: string; by: ValueMeasure; transactionDiscount?: number; transactionDays?: number }, c: Command) =>
    withStore(c, async (store, g) => {
      const started = Date.now();
      const r = await snapshotSegments(store.db, { ...o, rules: rulesOfFlags(o), rfm8: rfm8OfFlags(o) }, null);
      if (g.json) return printJson(r);
      process.stdout.write(`Saved the segments of ${r.customers} customers as of ${r.asOf} (${((Date.now() - started) / 1000).toFixed(1)} s).\n`);
    }));

  segments
    .command("list")
    .description("The saved snapshots")
    .action(async (_o: unknown, c: Command) =>
      withStore(c, async (store, g) => {
        const rows = (await listSnapshots(store.db)).map((s) => ({ as_of: s.as_of, window_from: s.window_from, by: s.measure, customers: s.customers, created_at: s.created_at }));
        if (g.json) return printJson(rows);
        printTable(rows);
      }));

  segments
    .command("members")
    .description("The customers of one segment on a snapshot's date")
    .requiredOption("--as-of <date>", "the snapshot's date")
    .addOption(new Option("--scheme <scheme>", "which segmentation").choices(Object.keys(SEGMENT_SCHEMES)).makeOptionMandatory())
    .requiredOption("--segment <name>", "e.g. champions, loyal, key, top, 1 (a decile), important_winback (rfm8)")
    .option("--limit <n>", "at most this many", Number, 100)
    .action(async (o: { asOf: string; scheme: SegmentScheme; segment: string; limit: number }, c: Command) =>
      withStore(c, async (store, g) => {
        const rows = await segmentMembers(store.db, { ...o });
        const out = rows.map((m) => ({ id: Number(m.customer_id), external_id: m.external_id, name: m.name, net_sales: microsText(decimalMicros(m.net_sales)), decile: m.decile, tier: m.tier, loyalty: m.loyalty, ladder: m.ladder, rfm: m.rfm_segment, rfm8: m.rfm8_segment }));
        if (g.json) return printJson(out);
        printTable(out);
      }));
  return segments;
}
