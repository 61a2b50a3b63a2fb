import type { Kysely } from "kysely";
import type { ComplaintInput, CustomerInput, OrderLineInput } from "../../src/domain/inputs.ts";
import { runImport, type RunSummary } from "../../src/ingest/run.ts";
import { ComplaintSink } from "../../src/ingest/sinks/complaints.ts";
import { CustomerSink } from "../../src/ingest/sinks/customers.ts";
import { OrderSink } from "../../src/ingest/sinks/orders.ts";
import { MONTH_MONEY, monthMoneyText } from "../../src/store/aggregates.ts";
import type { Database } from "../../src/store/schema.ts";
import { getSettings, loadFxTable } from "../../src/store/settings.repository.ts";

/** Imports order lines as a file would deliver them (after validation), in one run. */
export async function importLines(db: Kysely<Database>, lines: OrderLineInput[], opts: { batchSize?: number; dryRun?: boolean } = {}): Promise<RunSummary & { refused: string[] }> {
  const settings = await getSettings(db);
  const fx = await loadFxTable(db);
  const refused: string[] = [];
  const summary = await runImport(db, {
    kind: "orders",
    fileName: "test",
    source: "default",
    batches: (async function* () {
      yield lines.map((value, i) => ({ line: i + 2, ok: true as const, value }));
    })(),
    makeSink: (importId) => new OrderSink({ source: "default", importId, settings, reason: "test" }, fx),
    batchSize: opts.batchSize ?? 3,
    dryRun: opts.dryRun,
    onReject: (_line, errors) => {
      refused.push(...errors.map((e) => e.reason));
    },
  });
  return { ...summary, refused };
}

export async function importCustomers(db: Kysely<Database>, customers: CustomerInput[]): Promise<RunSummary> {
  const settings = await getSettings(db);
  return runImport(db, {
    kind: "customers",
    fileName: "test",
    source: "default",
    batches: (async function* () {
      yield customers.map((value, i) => ({ line: i + 2, ok: true as const, value }));
    })(),
    makeSink: (importId) => new CustomerSink({ source: "default", importId, settings, reason: "test" }),
  });
}

/** Imports complaint records as a file would deliver them (after validation), in one run. */
export async function importComplaints(db: Kysely<Database>, rows: ComplaintInput[]): Promise<RunSummary> {
  const settings = await getSettings(db);
  return runImport(db, {
    kind: "complaints",
    fileName: "test",
    source: "default",
    batches: (async function* () {
      yield rows.map((value, i) => ({ line: i + 2, ok: true as const, value }));
    })(),
    makeSink: (importId) => new ComplaintSink({ source: "default", importId, settings, reason: "test" }),
  });
}

/** The aggregates keyed by external id (ids differ between stores and runs). */
export async function aggregateSnapshot(db: Kysely<Database>) {
  const months = await db
    .selectFrom("customer_month_aggregates as m")
    .innerJoin("customers as c", "c.customer_id", "m.customer_id")
    .select(["c.external_id", "m.month", "m.orders", "m.purchase_days", "m.lines", "m.items", "m.returned_items", "m.first_purchase", "m.last_purchase", ...MONTH_MONEY.map(monthMoneyText)])
    .orderBy("c.external_id").orderBy("m.month").execute();
  const totals = await db
    .selectFrom("customer_aggregates as a")
    .innerJoin("customers as c", "c.customer_id", "a.customer_id")
    .select(["c.external_id", "a.orders", "a.purchase_days", "a.lines", "a.items", "a.gross", "a.discount", "a.sales", "a.returns", "a.returned_items", "a.cost", "a.costed_net_sales", "a.first_purchase", "a.last_purchase"])
    .orderBy("c.external_id").execute();
  // numeric text can differ in trailing zeros between paths (1.50 vs 1.5): compare values.
  const norm = (rows: Record<string, unknown>[]) =>
    rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === "string" && /^-?\d+(\.\d+)?$/.test(v) ? Number(v).toFixed(6) : v])));
  return { months: norm(months), totals: norm(totals) };
}
