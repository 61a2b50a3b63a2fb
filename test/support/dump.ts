import type { Kysely } from "kysely";
import type { Database } from "../../src/store/schema.ts";
import { aggregateSnapshot } from "./import-rows.ts";

/**
 * The business content of a store, keyed by external ids and order numbers, so two stores
 * (or two runs, whose generated ids differ) can be compared for equality.
 */
export async function dumpStore(db: Kysely<Database>) {
  const customers = await db.selectFrom("customers").select(["external_id", "kind", "name", "email", "phone", "state", "tags", "profile", "custom", "merged_into"]).orderBy("external_id").execute();
  const lines = await db
    .selectFrom("order_lines as l")
    .innerJoin("orders as o", (j) => j.onRef("o.customer_id", "=", "l.customer_id").onRef("o.order_id", "=", "l.order_id"))
    .innerJoin("customers as c", "c.customer_id", "l.customer_id")
    .select(["c.external_id", "o.order_no", "o.order_date", "o.currency", "o.fx_rate", "o.channel", "l.line_no", "l.sku", "l.quantity", "l.unit_price", "l.discount", "l.amount", "l.base_amount", "l.base_cost", "l.is_return"])
    .orderBy("o.order_no").orderBy("l.line_no").orderBy("c.external_id").execute();
  const products = await db.selectFrom("products").select(["sku", "name", "category", "list_price", "unit_cost"]).orderBy("sku").execute();
  const imports = await db.selectFrom("import_runs").select(["kind", "status", "rows_read", "landed", "updated", "unchanged", "rejected"]).where("status", "=", "done").orderBy("import_id").execute();
  return { customers, lines, products, aggregates: await aggregateSnapshot(db), imports };
}
