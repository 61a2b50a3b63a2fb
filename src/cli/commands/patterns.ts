import { Command, Option } from "commander";
import { analyzeBaskets, saveBasketRun, type PatternItem } from "../../patterns/baskets.service.ts";
import { buildForecast } from "../../patterns/forecast.service.ts";
import { analyzeSequences, saveSequenceRun } from "../../patterns/sequences.service.ts";
import { estimatedOrders } from "../../store/order-items.repository.ts";
import type { Store } from "../../store/connect.ts";
import { withStore } from "../context.ts";
import { printJson, printTable } from "../output.ts";
import { progressBar } from "../progress.ts";

const out = (s = "") => process.stdout.write(`${s}\n`);
const pct = (x: number) => `${(x * 100).toFixed(x < 0.01 ? 2 : 1)}%`;
const names = (items: PatternItem[]) => items.map((i) => i.label).join(" + ");
const positive = (what: string) => (v: string) => {
  const n = Number(v);
  if (!Number.isFinite(n)) throw new Error(`${what}: not a number: ${v}`);
  return n;
};

/** The scope flags both analyses take (docs/patterns.md, "Scope"). */
function addScopeOptions(c: Command): Command {
  return c
    .option("--as-of <date>", "the last order date read, YYYY-MM-DD (default: the end of the last complete month)")
    .option("--window <length>", "the window of order dates ending on the as-of date: 12m, 90d, 1y, or all", "12m")
    .addOption(new Option("--level <level>", "items are products or categories").choices(["product", "category"]).default("product"))
    .option("--segment <scheme:value>", "only the members of one segment of a saved snapshot, e.g. rfm:champions, tier:key, decile:1")
    .option("--snapshot <date>", "the snapshot the segment is taken from (default: the latest)")
    .option("--limit <n>", "rows shown per list", positive("--limit"), 20)
    .option("--save", "save the run: the customer 360's next best offers read the latest saved run");
}

async function withProgress<T>(store: Store, json: boolean | undefined, label: string, run: (onProgress: (orders: number) => void) => Promise<T>): Promise<T> {
  const bar = progressBar(label, await estimatedOrders(store.db), { enabled: !json, unit: "orders" });
  try {
    return await run((n) => bar.update(n));
  } finally {
    bar.stop();
  }
}

/** `retain baskets`: frequent itemsets and association rules (docs/baskets.md). */
export function basketsCommand(): Command {
  return addScopeOptions(new Command("baskets"))
    .description("What is bought together: frequent itemsets by FP-growth and association rules with support, confidence, lift, leverage and conviction (docs/baskets.md)")
    .option("--min-support <share>", "minimum support: a share of the baskets (default 0.01 = 1%)", positive("--min-support"))
    .option("--min-count <n>", "minimum support as a number of baskets, instead of --min-support", positive("--min-count"))
    .option("--min-confidence <share>", "minimum confidence (default 0.5)", positive("--min-confidence"))
    .option("--max-length <n>", "most items in an itemset (default 4)", positive("--max-length"))
    .addOption(new Option("--consequents <mode>", "one item on the right (as arules) or any split (as mlxtend)").choices(["single", "all"]).default("single"))
    .addOption(new Option("--sort <measure>", "order of the rules shown").choices(["lift", "confidence", "support"]).default("lift"))
    .action(async (o: Record<string, any>, c: Command) =>
      withStore(c, async (store, g) => {
        const r = await withProgress(store, g.json, "baskets", (onProgress) => analyzeBaskets(store.db, { ...o, limit: g.json ? Math.max(o.limit, 100) : o.limit }, onProgress));
        const runId = o.save ? await saveBasketRun(store.db, r, null) : null;
        if (g.json) return printJson({ ...r.report, savedRun: runId });
        const { report: b } = r;
        const t = b.thresholds;
        out(`Baskets ${b.scope.from === "1900-01-01" ? "up to" : `${b.scope.from} …`} ${b.scope.to}${b.scope.segment ? `, segment ${b.scope.segment.scheme}:${b.scope.segment.segment} (snapshot ${b.scope.segment.asOf})` : ""}, by ${b.level}`);
        out(`${b.baskets} baskets, ${b.items} items; support ≥ ${pct(t.minSupport)} (${t.minCount} baskets), confidence ≥ ${pct(t.minConfidence)}, itemsets of up to ${t.maxLength} items`);
        out(`${b.itemsets} frequent itemsets, ${b.rulesFound} rules${b.rulesFound > b.rules.length ? ` (the ${b.rules.length} best by ${b.sort} below; --json or --limit for more)` : ""}`);
        out();
        printTable(b.rules.map((x) => ({
          "if bought": names(x.antecedent), "also buys": names(x.consequent), baskets: x.count, support: pct(x.support),
          confidence: pct(x.confidence), lift: x.lift.toFixed(2), leverage: x.leverage.toFixed(4), conviction: x.conviction === null ? "∞" : x.conviction.toFixed(2),
        })));
        if (b.rules.length === 0) out("No rule reaches these thresholds: lower --min-support or --min-confidence.");
        if (runId !== null) out(`\nSaved as run ${runId}: the next best offers now read it.`);
      }),
    );
}

/** `retain sequences`: sequential patterns and "A then B within N days" (docs/sequences.md). */
export function sequencesCommand(): Command {
  return addScopeOptions(new Command("sequences"))
    .description("What is bought after what: sequential patterns (cSPADE) with time constraints, sequence rules, and \"x% of the buyers of A buy B within N days\" (docs/sequences.md)")
    .option("--min-support <share>", "minimum support: a share of the customers (default 0.01 = 1%)", positive("--min-support"))
    .option("--min-count <n>", "minimum support as a number of customers, instead of --min-support", positive("--min-count"))
    .option("--max-gap <days>", "most days between one purchase of a pattern and the next", positive("--max-gap"))
    .option("--min-gap <days>", "fewest days between them (default 1: a later day)", positive("--min-gap"))
    .option("--max-window <days>", "most days from a pattern's first purchase to its last", positive("--max-window"))
    .option("--max-length <n>", "most purchases in a pattern (default 4)", positive("--max-length"))
    .option("--max-size <n>", "most items bought together in one purchase of a pattern (default 2)", positive("--max-size"))
    .option("--min-confidence <share>", "minimum confidence of the sequence rules (default 0.1)", positive("--min-confidence"))
    .option("--within <days>", "\"A then B within N days\": the N (default 90)", positive("--within"))
    .action(async (o: Record<string, any>, c: Command) =>
      withStore(c, async (store, g) => {
        const opts = { ...o, withinDays: o.within, limit: g.json ? Math.max(o.limit, 100) : o.limit };
        const r = await withProgress(store, g.json, "sequences", (onProgress) => analyzeSequences(store.db, opts, onProgress));
        const runId = o.save ? await saveSequenceRun(store.db, r, null) : null;
        if (g.json) return printJson({ ...r.report, savedRun: runId });
        const { report: s } = r;
        const t = s.thresholds;
        const seq = (els: PatternItem[][]) => els.map(names).join(" → ");
        out(`Purchase sequences ${s.scope.from === "1900-01-01" ? "up to" : `${s.scope.from} …`} ${s.scope.to}${s.scope.segment ? `, segment ${s.scope.segment.scheme}:${s.scope.segment.segment} (snapshot ${s.scope.segment.asOf})` : ""}, by ${s.level}`);
        out(`${s.customers} customers, ${s.events} purchase days; support ≥ ${pct(t.minSupport)} (${t.minCount} customers)${t.maxGap === null ? "" : `, gaps of ${t.minGap}–${t.maxGap} days`}${t.maxWindow === null ? "" : `, within ${t.maxWindow} days`}`);
        out();
        out(`Buyers of A who bought B within ${t.withinDays} days (purchases of A up to ${t.withinDays} days before ${s.scope.to}; ${s.pairsFound} pairs):`);
        printTable(s.pairs.map((p) => ({ A: p.a.label, "then B": p.b.label, "buyers of A": p.buyers, followers: p.followers, share: pct(p.share), "mean days": p.meanDays === null ? "" : p.meanDays.toFixed(0) })));
        out();
        out(`Patterns of two or more purchases (${s.patternsFound}):`);
        printTable(s.patterns.map((p) => ({ pattern: seq(p.elements), customers: p.customers, support: pct(p.support) })));
        out();
        out(`Sequence rules, confidence ≥ ${pct(t.minConfidence)} (${s.rulesFound}):`);
        printTable(s.rules.map((x) => ({ "after": seq(x.antecedent), "then": seq(x.consequent), customers: x.customers, support: pct(x.support), confidence: pct(x.confidence), lift: x.lift.toFixed(2) })));
        if (runId !== null) out(`\nSaved as run ${runId}: the next best offers now read it.`);
      }),
    );
}

/** `retain forecast`: the ETS forecast of a weekly or monthly series (docs/forecast.md). */
export function forecastCommand(): Command {
  return new Command("forecast")
    .description("Forecast monthly or weekly net sales, orders, active or new customers: the ETS model chosen by AICc, 80% and 95% intervals, and a back-test against the seasonal naive (docs/forecast.md)")
    .addOption(new Option("--series <series>", "what to forecast").choices(["sales", "orders", "active", "new"]).default("sales"))
    .addOption(new Option("--period <period>", "months, or weeks from Monday").choices(["month", "week"]).default("month"))
    .option("--horizon <n>", "periods ahead (default 12 months or 13 weeks)", positive("--horizon"))
    .option("--as-of <date>", "the last day read; inside a period, up to the period before (default: the last complete period)")
    .option("--window <length>", "the history read: all, or a length such as 36m", "all")
    .option("--segment <scheme:value>", "only the members of one segment of a saved snapshot")
    .option("--snapshot <date>", "the snapshot the segment is taken from (default: the latest)")
    .action(async (o: Record<string, any>, c: Command) =>
      withStore(c, async (store, g) => {
        const r = await buildForecast(store.db, o);
        if (g.json) return printJson(r);
        const money = r.series === "sales";
        const num = (x: number) => (money ? x.toFixed(2) : x.toFixed(x >= 100 ? 0 : 1));
        out(`${{ sales: `Net sales (${r.currency})`, orders: "Orders", active: "Active customers", new: "New customers" }[r.series]} by ${r.period}, ${r.scope.from} … ${r.scope.to}${r.scope.segment ? `, segment ${r.scope.segment.scheme}:${r.scope.segment.segment} (snapshot ${r.scope.segment.asOf})` : ""}: ${r.history.values.length} ${r.period}s`);
        if (!r.model || !r.forecast) {
          out(`Too little history for a model: ${r.history.values.length} ${r.period}s, at least 8 are needed.`);
          return;
        }
        const p = r.model.params;
        out(`Model ${r.model.name} (lowest AICc of ${r.model.candidates.filter((x) => x.aicc !== null).length} fitted): AICc ${r.model.aicc.toFixed(1)}, α ${p.alpha.toPrecision(3)}${p.beta === null ? "" : `, β ${p.beta.toPrecision(3)}`}${p.gamma === null ? "" : `, γ ${p.gamma.toPrecision(3)}`}${p.phi === null ? "" : `, φ ${p.phi.toPrecision(3)}`}; intervals ${r.forecast.intervals}`);
        out();
        const f = r.forecast;
        printTable(f.starts.map((s, i) => ({ period: s, forecast: num(f.mean[i]!), "80%": `${num(f.lower80[i]!)} … ${num(f.upper80[i]!)}`, "95%": `${num(f.lower95[i]!)} … ${num(f.upper95[i]!)}` })));
        const b = r.backtest;
        if (b) {
          const fmt = (x: number | null, pctOf = false) => (x === null ? "—" : pctOf ? `${x.toFixed(1)}%` : x.toFixed(3));
          out(`\nBack-test on the last ${b.horizon} ${r.period}s (${b.starts[0]} …), the model chosen again without them:`);
          printTable([
            { forecast: b.model.name, MASE: fmt(b.model.mase), sMAPE: fmt(b.model.smape, true), MAE: num(b.model.mae) },
            { forecast: "seasonal naive", MASE: fmt(b.seasonalNaive.mase), sMAPE: fmt(b.seasonalNaive.smape, true), MAE: num(b.seasonalNaive.mae) },
          ]);
        }
      }),
    );
}
