import { Command } from "commander";
import { sql } from "kysely";
import { loadConfig } from "../../config.ts";
import { RetainError } from "../../errors.ts";
import { rebuildAggregates } from "../../store/aggregates.ts";
import { openStore } from "../../store/connect.ts";
import { migrateToLatest } from "../../store/migrate.ts";
import { getSettings, setFxRate, setSetting } from "../../store/settings.repository.ts";
import { globals, withStore } from "../context.ts";
import { printJson, printTable } from "../output.ts";

/** `retain status`: what the store holds. */
export function statusCommand(): Command {
  return new Command("status").description("Where the store is and what it holds").action(async (_o, c: Command) =>
    withStore(c, async (store, g) => {
      const counts = await sql<Record<string, number>>`select
          (select count(*) from customers where merged_into is null) as customers,
          (select count(*) from orders) as orders, (select count(*) from order_lines) as order_lines,
          (select count(*) from products) as products, (select count(*) from interactions) as interactions,
          (select count(*) from complaints) as complaints, (select count(*) from users) as users,
          (select min(order_date)::text from orders) as first_order, (select max(order_date)::text from orders) as last_order`.execute(store.db);
      const settings = await getSettings(store.db);
      const out = { store: store.kind, location: store.location, settings, ...counts.rows[0] };
      if (g.json) return printJson(out);
      printTable(Object.entries(out).map(([k, v]) => ({ item: k, value: typeof v === "object" ? JSON.stringify(v) : v })));
    }),
  );
}

export function migrateCommand(): Command {
  return new Command("migrate").description("Bring the store's schema to the latest version and list what ran").action(async (_o, c: Command) => {
    const g = globals(c);
    const store = await openStore(loadConfig({ data: g.data }).store, { migrate: false });
    try {
      const results = await migrateToLatest(store.db);
      if (g.json) return printJson(results);
      if (results.length === 0) process.stdout.write("The schema is up to date.\n");
      for (const r of results) process.stdout.write(`${r.status === "Success" ? "applied" : r.status}: ${r.migrationName}\n`);
    } finally {
      await store.close();
    }
  });
}

export function rebuildAggregatesCommand(): Command {
  return new Command("rebuild-aggregates")
    .description("Recompute every per-customer and per-customer-month aggregate from the order lines")
    .action(async (_o, c: Command) =>
      withStore(c, async (store, g) => {
        const started = Date.now();
        const res = await rebuildAggregates(store.db);
        const out = { ...res, seconds: (Date.now() - started) / 1000 };
        g.json ? printJson(out) : process.stdout.write(`Rebuilt aggregates of ${res.customers} customers (${res.months} customer-months) in ${out.seconds.toFixed(1)} s.\n`);
      }),
    );
}

export function fxCommand(): Command {
  const cmd = new Command("fx").description("Exchange rates into the base currency");
  cmd
    .command("set")
    .description("Set the rate of a currency from a date on (base-currency units per 1 unit)")
    .argument("<currency>", "ISO 4217 code, e.g. USD")
    .argument("<from>", "first date the rate applies, YYYY-MM-DD")
    .argument("<rate>", "e.g. 7.1")
    .action(async (cur: string, from: string, rate: string, _o, c: Command) =>
      withStore(c, async (store) => {
        await setFxRate(store.db, cur.toUpperCase(), from, rate);
        process.stdout.write(`1 ${cur.toUpperCase()} = ${rate} from ${from}.\n`);
      }),
    );
  cmd.command("list").description("List the rates").action(async (_o, c: Command) =>
    withStore(c, async (store, g) => {
      const rows = await store.db.selectFrom("fx_rates").selectAll().orderBy("currency").orderBy("valid_from").execute();
      g.json ? printJson(rows) : printTable(rows);
    }),
  );
  return cmd;
}

export function settingsCommand(): Command {
  const cmd = new Command("settings").description("Business settings: base currency, time zone, the cost to serve a customer");
  cmd.command("show").description("Print the settings").action(async (_o, c: Command) =>
    withStore(c, async (store, g) => {
      const s = await getSettings(store.db);
      g.json ? printJson(s) : printTable(Object.entries(s).map(([k, v]) => ({ setting: k, value: v })));
    }),
  );
  cmd
    .command("set")
    .description("Set the base currency or the time zone (on a store without orders)")
    .argument("<key>", "baseCurrency | timezone")
    .argument("<value>", "an ISO 4217 code (CNY) or an IANA time zone (Asia/Shanghai)")
    .action(async (key: string, value: string, _o, c: Command) =>
      withStore(c, async (store) => {
        if (key !== "baseCurrency" && key !== "timezone") {
          throw new RetainError("BAD_INPUT", `Unknown setting "${key}" (baseCurrency or timezone).`, { field: "key" });
        }
        const hasOrders = await store.db.selectFrom("orders").select("order_id").limit(1).executeTakeFirst();
        if (hasOrders) {
          throw new RetainError("CONFLICT", `The store already holds orders; changing ${key} now would make old and new figures disagree.`, {
            hint: "Set it on an empty store (before the first import).",
          });
        }
        await setSetting(store.db, key, key === "baseCurrency" ? value.toUpperCase() : value);
        process.stdout.write(`${key} = ${value}\n`);
      }),
    );
  cmd
    .command("cost-to-serve")
    .description("Set what serving a customer costs, in the base currency, for the net value of each customer (0 for all: not configured)")
    .requiredOption("--per-order <amount>", "cost of handling one order")
    .requiredOption("--per-interaction <amount>", "cost of one interaction (call, visit, message)")
    .requiredOption("--per-complaint <amount>", "cost of one complaint")
    .action(async (o: { perOrder: string; perInteraction: string; perComplaint: string }, c: Command) =>
      withStore(c, async (store, g) => {
        await setSetting(store.db, "costToServe", { perOrder: o.perOrder, perInteraction: o.perInteraction, perComplaint: o.perComplaint });
        const s = (await getSettings(store.db)).costToServe;
        if (g.json) return printJson(s);
        process.stdout.write(`Cost to serve: ${s.perOrder} per order, ${s.perInteraction} per interaction, ${s.perComplaint} per complaint.\n`);
      }),
    );
  return cmd;
}
