import { sql, type Kysely, type Transaction } from "kysely";
import { RetainError } from "../errors.ts";
import { analyzeAggregates, refreshCustomers } from "../store/aggregates.ts";
import type { Database } from "../store/schema.ts";
import type { Sink, SinkCounts } from "./sinks/sink.ts";

/** One row as read and validated: a value to store, or the reasons it was rejected. */
export type ParsedRow<T> = (
  | {
      line: number;
      ok: true;
      value: T;
      /** Further lines the row makes (a platform refund: the return beside the sale). */
      more?: T[];
      /** The row landed with a caveat the summary reports. */
      warnings?: string[];
    }
  | {
      line: number;
      ok: false;
      errors: Array<{ column?: string; value?: string; reason: string }>;
      /** The row is no sale (an unpaid or cancelled platform order): skipped, not rejected. */
      skipped?: string;
    }
) & {
  /** The row as read, for the rejects file. */
  cells?: string[];
  /**
   * The same as JSON, in place of `cells` on a good row from the reader's thread: a row is
   * rarely refused after validation, and one string crosses threads far cheaper than many.
   */
  cellsJson?: string;
};

/** A row's cells as read. */
const cellsOf = (row: ParsedRow<unknown>): string[] | undefined => row.cells ?? (row.cellsJson === undefined ? undefined : (JSON.parse(row.cellsJson) as string[]));

export interface Rejection {
  line: number;
  column?: string;
  value?: string;
  reason: string;
}

export interface RunSpec<T> {
  kind: string;
  fileName: string;
  fileSha256?: string | null;
  preset?: string | null;
  source: string;
  options?: Record<string, unknown>;
  /** The rows in batches (as a file is read chunk by chunk): no per-row await. */
  batches: AsyncIterable<ParsedRow<T>[]>;
  makeSink: (importId: number | null) => Sink<T>;
  dryRun?: boolean;
  /** Rows per write; each write is a few set-based statements. */
  batchSize?: number;
  onReject?: (line: number, errors: Rejection[], cells: string[] | undefined) => void | Promise<void>;
  onProgress?: (p: { rowsRead: number; landed: number; rejected: number }) => void;
  /** Runs inside the import's transaction just before it commits (not for dry runs): the audit entry, events. */
  beforeCommit?: (trx: Transaction<Database>, summary: RunSummary) => Promise<void>;
}

export interface RunSummary extends SinkCounts {
  importId: number | null;
  rowsRead: number;
  rejected: number;
  /** Rows that are no sale (unpaid, cancelled orders), by reason. */
  skipped: number;
  skippedReasons: Record<string, number>;
  /** Rows that landed with a caveat: how many, and the first ones. */
  warned: number;
  warnings: Rejection[];
  dryRun: boolean;
  aggregates: { customers: number; months: number };
  durationMs: number;
}

class DryRunRollback extends Error {}

/**
 * Runs one import in one transaction: every good row lands, bad rows are reported, and the
 * aggregates of the touched customers are recomputed before the commit. A run that fails or
 * is killed leaves the store exactly as it was; a dry run does all the work and rolls back,
 * so its counts (landed, updated, unchanged) are the real ones.
 */
export async function runImport<T>(db: Kysely<Database>, spec: RunSpec<T>): Promise<RunSummary> {
  const started = Date.now();
  const batchSize = spec.batchSize ?? 10_000;
  let rowsRead = 0;
  let rejected = 0;
  let skipped = 0;
  const skippedReasons: Record<string, number> = {};
  let warned = 0;
  const warnings: Rejection[] = [];
  let result: RunSummary | undefined;
  try {
    await db.transaction().execute(async (trx) => {
      const run = await trx
        .insertInto("import_runs")
        .values({ ...runRow(spec), status: spec.dryRun ? "dry_run" : "running" })
        .returning("import_id")
        .executeTakeFirstOrThrow();
      const importId = run.import_id;
      const sink = spec.makeSink(importId);
      await sink.start?.(trx);
      const progress = () => spec.onProgress?.({ rowsRead, landed: sink.counts.landed + sink.counts.updated, rejected });

      // While the store writes one batch, the next is read and validated.
      let inFlight: Promise<void> | null = null;
      const flush = async () => {
        if (inFlight) await inFlight;
        const p = sink.flush(trx).then(progress);
        p.catch(() => {}); // awaited below; this only keeps it from being reported as unhandled meanwhile
        inFlight = p;
      };
      for await (const rows of spec.batches) {
        for (const row of rows) {
          rowsRead++;
          if (!row.ok && row.skipped !== undefined) {
            skipped++;
            skippedReasons[row.skipped] = (skippedReasons[row.skipped] ?? 0) + 1;
            continue;
          }
          if (!row.ok) {
            rejected++;
            await spec.onReject?.(row.line, row.errors.map((e) => ({ line: row.line, ...e })), cellsOf(row));
            continue;
          }
          let refused = sink.add(row.value);
          // A refund's return has its sale's order and customer and no line number of its
          // own, so what the sink took for the sale it takes for the return.
          for (const more of row.more ?? []) refused ??= sink.add(more);
          if (!refused && row.warnings?.length) {
            warned++;
            if (warnings.length < 20) warnings.push(...row.warnings.map((reason) => ({ line: row.line, reason })));
          }
          if (refused) {
            rejected++;
            await spec.onReject?.(row.line, [{ line: row.line, reason: refused }], cellsOf(row));
            continue;
          }
          if (sink.pending >= batchSize) await flush();
        }
      }
      if (inFlight) await inFlight;
      await sink.flush(trx);
      await sink.finish?.(trx);
      progress();
      const aggregates = await refreshCustomers(trx, sink.touched);
      await trx
        .updateTable("import_runs")
        .set({
          status: spec.dryRun ? "dry_run" : "done",
          finished_at: sql`now()`,
          rows_read: rowsRead,
          landed: sink.counts.landed,
          updated: sink.counts.updated,
          unchanged: sink.counts.unchanged,
          rejected,
        })
        .where("import_id", "=", importId)
        .execute();
      result = {
        ...sink.counts,
        importId: spec.dryRun ? null : importId,
        rowsRead,
        rejected,
        skipped,
        skippedReasons,
        warned,
        warnings,
        dryRun: !!spec.dryRun,
        aggregates,
        durationMs: Date.now() - started,
      };
      if (spec.dryRun) throw new DryRunRollback();
      await spec.beforeCommit?.(trx, result);
    });
  } catch (e) {
    if (e instanceof DryRunRollback) return result!;
    await recordFailure(db, spec, rowsRead, rejected, e);
    throw e;
  }
  // A large import changes the tables' sizes enough to mislead the planner (PGlite never analyzes by itself).
  if (result!.aggregates.customers >= ANALYZE_AFTER_CUSTOMERS) await analyzeAggregates(db);
  return result!;
}

/** Customers whose aggregates an import must have refreshed before it analyzes the tables. */
const ANALYZE_AFTER_CUSTOMERS = 10_000;

/** What the import log says of every run, whatever its outcome. */
const runRow = (spec: RunSpec<unknown>) => ({
  kind: spec.kind,
  file_name: spec.fileName,
  file_sha256: spec.fileSha256 ?? null,
  preset: spec.preset ?? null,
  source: spec.source,
  options: JSON.stringify(spec.options ?? {}),
});

/** A failed run leaves no data; it leaves a line in the import log saying why. */
async function recordFailure(db: Kysely<Database>, spec: RunSpec<unknown>, rowsRead: number, rejected: number, e: unknown) {
  const message = e instanceof Error ? e.message : String(e);
  try {
    await db
      .insertInto("import_runs")
      .values({
        ...runRow(spec),
        status: "failed",
        finished_at: new Date(),
        rows_read: rowsRead,
        rejected,
        error: message.slice(0, 2000),
      })
      .execute();
  } catch {
    // The store itself is failing; the caller reports the original error.
  }
  if (!(e instanceof RetainError)) {
    throw new RetainError("INTERNAL", `Import of ${spec.fileName} failed after ${rowsRead} rows and nothing was stored: ${message}`, {
      file: spec.fileName,
      hint: "Fix the cause and run the same command again; a re-run starts from a clean state.",
    }, { cause: e });
  }
}
