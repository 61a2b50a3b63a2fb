/**
 * Row validation: a table record → a typed input record, or every reason it was
 * rejected. Validation returns values; one bad row never stops an import.
 */
import { RetainError } from "../errors.ts";
import type { ColumnMapping, ImportKind, InputOf } from "./columns.ts";
import { currencyCode } from "./currencies.ts";
import { createCustomerRowParser } from "./customer-rows.ts";
import { checkTimezone, type DateOrder } from "./dates.ts";
import { createOrderRowParser } from "./order-rows.ts";
import { createInteractionRowParser, createProductRowParser } from "./other-rows.ts";
import type { TableRecord } from "./read/table.ts";

export interface RowError {
  /** The header of the column at fault; absent for faults of the whole record. */
  column?: string;
  value?: string;
  reason: string;
}
export type RowResult<T> = { ok: true; value: T } | { ok: false; errors: RowError[] };
export type RowParser<T> = (rec: TableRecord) => RowResult<T>;

export interface RowContext {
  /** The store's currency; lines without one are left without (the writer applies this). */
  baseCurrency: string;
  /** Day/month order for dates like 3/4/2024; see DateOrder. Default: the preset's, else auto. */
  dateFormat?: DateOrder;
  /** IANA zone of timestamps written without one; absent: they stay without a zone. */
  timezone?: string;
  /** The table's encoding (TableSource.encoding), to word the reason for undecodable records. */
  encoding?: string;
}

/**
 * A parser for the records of one file. Stateful for presets that carry order-level cells
 * forward (Shopify): feed it the records in file order, once.
 */
export function createRowParser<K extends ImportKind>(mapping: ColumnMapping<K>, headers: string[], ctx: RowContext): RowParser<InputOf[K]> {
  if (currencyCode(ctx.baseCurrency) === undefined) {
    throw new RetainError("BAD_CONFIG", `The base currency '${ctx.baseCurrency}' is not an ISO 4217 code.`, { field: "baseCurrency" });
  }
  if (ctx.timezone !== undefined) checkTimezone(ctx.timezone);
  const m = mapping as ColumnMapping;
  switch (m.kind) {
    case "orders":
      return createOrderRowParser(m as ColumnMapping<"orders">, headers, ctx) as RowParser<InputOf[K]>;
    case "customers":
      return createCustomerRowParser(m as ColumnMapping<"customers">, headers, ctx) as RowParser<InputOf[K]>;
    case "products":
      return createProductRowParser(m as ColumnMapping<"products">, headers, ctx) as RowParser<InputOf[K]>;
    case "interactions":
      return createInteractionRowParser(m as ColumnMapping<"interactions">, headers, ctx) as RowParser<InputOf[K]>;
  }
}

export { createCustomerRowParser, createInteractionRowParser, createOrderRowParser, createProductRowParser };
