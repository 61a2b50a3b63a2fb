import type { Kysely } from "kysely";
import { demoCustomers, demoWorld, type DemoOptions } from "../demo/generate.ts";
import type { Database } from "../store/schema.ts";
import { getSettings, setFxRate, setSetting } from "../store/settings.repository.ts";
import { runImport, type ParsedRow, type RunSummary } from "./run.ts";
import { ComplaintSink } from "./sinks/complaints.ts";
import { CustomerSink } from "./sinks/customers.ts";
import { InteractionSink } from "./sinks/interactions.ts";
import { OrderSink } from "./sinks/orders.ts";
import { ProductSink } from "./sinks/products.ts";
import type { SinkContext } from "./sinks/sink.ts";
import { loadFxTable } from "../store/settings.repository.ts";

export interface DemoLoadSummary {
  options: Required<DemoOptions>;
  users: number;
  products: RunSummary;
  customers: RunSummary;
  orderLines: RunSummary;
  interactions: RunSummary;
  complaints: RunSummary;
  durationMs: number;
}

export type DemoStep = "products" | "customers" | "order lines" | "interactions" | "complaints";

/**
 * Loads the generated demo business through the same sinks an import uses, so its
 * aggregates are kept exactly as an import keeps them. Deterministic for the same options;
 * loading it again changes nothing.
 */
export async function loadDemo(
  db: Kysely<Database>,
  options: DemoOptions,
  onProgress?: (step: DemoStep, customersDone: number) => void,
): Promise<DemoLoadSummary> {
  const started = Date.now();
  const opts: Required<DemoOptions> = { months: 24, ...options };
  const world = demoWorld(opts);
  const hasOrders = await db.selectFrom("orders").select("order_id").limit(1).executeTakeFirst();
  if (!hasOrders) {
    await setSetting(db, "baseCurrency", world.baseCurrency);
    await setSetting(db, "timezone", "Asia/Shanghai");
  }
  for (const u of world.users) {
    await db.insertInto("users").values({ email: u.email, name: u.name, role: u.role, team: u.team })
      .onConflict((oc) => oc.column("email").doNothing()).execute();
  }
  for (const r of world.fxRates) await setFxRate(db, r.currency, r.validFrom, r.rate);
  const settings = await getSettings(db);
  const fx = await loadFxTable(db);
  const ctx = (importId: number | null): SinkContext => ({ source: "demo", importId, settings, reason: "demo data" });

  /** Rows of one kind, a batch per 200 generated customers. */
  async function* each<T>(step: DemoStep, pick: (c: ReturnType<typeof demoCustomers> extends Generator<infer C> ? C : never) => T[]): AsyncIterable<ParsedRow<T>[]> {
    let i = 0;
    let line = 0;
    let batch: ParsedRow<T>[] = [];
    for (const c of demoCustomers(opts, world)) {
      for (const value of pick(c)) batch.push({ line: ++line, ok: true, value });
      if (++i % 200 === 0) {
        yield batch;
        batch = [];
        onProgress?.(step, i);
      }
    }
    yield batch;
    onProgress?.(step, i);
  }
  const run = <T>(kind: string, batches: AsyncIterable<ParsedRow<T>[]>, makeSink: Parameters<typeof runImport<T>>[1]["makeSink"]) =>
    runImport<T>(db, { kind, fileName: `demo(seed=${opts.seed}, customers=${opts.customers}, end=${opts.end})`, source: "demo", batches, makeSink });

  const products = await run("products", (async function* () {
    yield world.products.map((value, i) => ({ line: i + 1, ok: true as const, value }));
  })(), () => new ProductSink());
  onProgress?.("products", 0);
  const customers = await run("customers", each("customers", (c) => [c.customer]), (id) => new CustomerSink(ctx(id)));
  const orderLines = await run("orders", each("order lines", (c) => c.lines), (id) => new OrderSink(ctx(id), fx));
  const interactions = await run("interactions", each("interactions", (c) => c.interactions), (id) => new InteractionSink(ctx(id)));
  const complaints = await run("complaints", each("complaints", (c) => c.complaints), (id) => new ComplaintSink(ctx(id)));
  return { options: opts, users: world.users.length, products, customers, orderLines, interactions, complaints, durationMs: Date.now() - started };
}
