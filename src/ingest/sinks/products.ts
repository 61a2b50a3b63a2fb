import { sql, type Transaction } from "kysely";
import type { ProductInput } from "../../domain/inputs.ts";
import type { Database } from "../../store/schema.ts";
import { countUpserts } from "./upsert-counts.ts";
import type { Sink, SinkCounts } from "./sink.ts";

/** Product records by SKU: new ones land, known ones take the fields the file gives. */
export class ProductSink implements Sink<ProductInput> {
  readonly counts: SinkCounts = { landed: 0, updated: 0, unchanged: 0, customersCreated: 0 };
  readonly touched = new Set<number>();
  #buffer: ProductInput[] = [];
  #seen = new Set<string>();

  get pending() {
    return this.#buffer.length;
  }

  add(row: ProductInput): string | null {
    if (this.#seen.has(row.sku)) return `SKU ${row.sku} appears twice in this file`;
    this.#seen.add(row.sku);
    this.#buffer.push(row);
    return null;
  }

  async flush(trx: Transaction<Database>): Promise<void> {
    const b = this.#buffer;
    this.#buffer = [];
    if (b.length === 0) return;
    const res = await sql<{ inserted: boolean }>`
      insert into products (sku, name, category, list_price, unit_cost, replacement_days)
      select * from unnest(${b.map((p) => p.sku)}::text[], ${b.map((p) => p.name ?? null)}::text[],
        ${b.map((p) => p.category ?? null)}::text[], ${b.map((p) => p.listPrice ?? null)}::numeric[],
        ${b.map((p) => p.unitCost ?? null)}::numeric[], ${b.map((p) => p.replacementDays ?? null)}::int[])
      on conflict (sku) do update set
        name = coalesce(excluded.name, products.name), category = coalesce(excluded.category, products.category),
        list_price = coalesce(excluded.list_price, products.list_price), unit_cost = coalesce(excluded.unit_cost, products.unit_cost),
        replacement_days = coalesce(excluded.replacement_days, products.replacement_days), updated_at = now()
      where (products.name, products.category, products.list_price, products.unit_cost, products.replacement_days)
        is distinct from (coalesce(excluded.name, products.name), coalesce(excluded.category, products.category),
          coalesce(excluded.list_price, products.list_price), coalesce(excluded.unit_cost, products.unit_cost),
          coalesce(excluded.replacement_days, products.replacement_days))
      returning (xmax = 0) as inserted`.execute(trx);
    countUpserts(this.counts, res.rows, b.length);
  }
}
