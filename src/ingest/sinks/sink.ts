import type { Transaction } from "kysely";
import type { Database } from "../../store/schema.ts";
import type { BusinessSettings } from "../../store/settings.repository.ts";

/** Where validated rows of one kind go: `add` buffers (or rejects with a reason), `flush` writes. */
export interface Sink<T> {
  readonly counts: SinkCounts;
  /** Rows buffered and not yet written. */
  readonly pending: number;
  /** Customers whose order lines this sink changed: their aggregates are refreshed before commit. */
  readonly touched: ReadonlySet<number>;
  /** Buffers a row; returns a reason when the row cannot be stored (it is then rejected). */
  add(row: T): string | null;
  flush(trx: Transaction<Database>): Promise<void>;
  /** Called once before the first row (load look-ups) and once after the last flush. */
  start?(trx: Transaction<Database>): Promise<void>;
  finish?(trx: Transaction<Database>): Promise<void>;
}

export interface SinkCounts {
  landed: number;
  updated: number;
  unchanged: number;
  customersCreated: number;
}

export interface SinkContext {
  /** Which system the external ids come from; ids are unique within a source. */
  source: string;
  importId: number | null;
  settings: BusinessSettings;
  /** Why customers created by this run exist (state history). */
  reason: string;
}

export { detach } from "../../domain/strings.ts";
