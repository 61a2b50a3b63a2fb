import fs from "node:fs";
import path from "node:path";
import type { Kysely } from "kysely";
import { RetainError } from "../errors.ts";
import type { Database } from "../store/schema.ts";
import { getSettings, loadFxTable } from "../store/settings.repository.ts";
import { REJECTS_COLUMNS, type ImportKind } from "./columns.ts";
import { openParsedRowsOffThread, type ParseOptions } from "./parse-file.ts";
import { runImport, type Rejection, type RunSpec, type RunSummary } from "./run.ts";
import { CustomerSink } from "./sinks/customers.ts";
import { InteractionSink } from "./sinks/interactions.ts";
import { OrderSink } from "./sinks/orders.ts";
import { ProductSink } from "./sinks/products.ts";
import type { Sink, SinkContext } from "./sinks/sink.ts";

/** What to read (see ParseOptions: kind, file, preset, map, encoding, delimiter, sheet, dateFormat) and how to store it. */
export interface ImportFileOptions extends Omit<ParseOptions, "baseCurrency"> {
  /** Which system the file's customer ids belong to (default "default"). */
  source?: string;
  dryRun?: boolean;
  /** Where rejected rows go; default FILE.rejects.csv beside the input; false for nowhere. */
  rejectsFile?: string | false;
  batchSize?: number;
  onProgress?: (p: { bytes: number; totalBytes: number; rowsRead: number; landed: number; rejected: number }) => void;
  /** The name the import log shows (default: the file's path), e.g. an upload's original name. */
  displayName?: string;
  /** See RunSpec.beforeCommit. */
  beforeCommit?: RunSpec<unknown>["beforeCommit"];
}

export interface ImportFileSummary extends RunSummary {
  kind: ImportKind;
  file: string;
  preset: string;
  encoding: string;
  delimiter?: string;
  /** field → the header it was read from. */
  columns: Record<string, string>;
  ignoredColumns: string[];
  rejectsFile: string | null;
  /** The first rejections, for the summary (all of them are in the rejects file). */
  firstRejections: Rejection[];
  /** Platform presets: the platform and what identifies its buyers (e.g. none: the receiver for Pinduoduo). */
  platform?: { label: string; identity: string };
  /** A Taobao pair: which file was the order list and which the item list. */
  pair?: { orderFile: string; detailFile: string };
}

/**
 * Imports one CSV or Excel file: reads it as a stream, maps its columns, validates each row,
 * lands every good row in one transaction, and writes each bad row with its line and reasons
 * to a rejects file that can be corrected and imported again.
 */
export async function importFile(db: Kysely<Database>, opts: ImportFileOptions): Promise<ImportFileSummary> {
  const settings = await getSettings(db);
  // Only plain data crosses to the reader's thread (no callbacks).
  const parsed = await openParsedRowsOffThread({
    kind: opts.kind, file: opts.file, pairedFile: opts.pairedFile, preset: opts.preset, map: opts.map, encoding: opts.encoding,
    delimiter: opts.delimiter, sheet: opts.sheet, dateFormat: opts.dateFormat, baseCurrency: settings.baseCurrency,
  });
  const { meta } = parsed;
  const preset = meta.preset;
  const source = opts.source ?? "default";
  const fx = opts.kind === "orders" ? await loadFxTable(db) : undefined;
  const reason = `imported from ${path.basename(opts.file)}`;
  const makeSink = (importId: number | null): Sink<unknown> => {
    const ctx: SinkContext = { source, importId, settings, reason };
    switch (opts.kind) {
      case "orders":
        return new OrderSink(ctx, fx!) as Sink<unknown>;
      case "customers":
        return new CustomerSink(ctx) as Sink<unknown>;
      case "products":
        return new ProductSink() as Sink<unknown>;
      case "interactions":
        return new InteractionSink(ctx) as Sink<unknown>;
    }
  };

  const rejectsPath = opts.rejectsFile === false ? null : (opts.rejectsFile ?? `${opts.file}.rejects.csv`);
  const rejects = rejectsPath ? new RejectsWriter(rejectsPath, meta.headers) : null;
  const firstRejections: Rejection[] = [];

  let summary: RunSummary;
  try {
    summary = await runImport(db, {
      kind: opts.kind,
      fileName: opts.displayName ?? opts.file,
      preset,
      source,
      options: { map: opts.map ?? {}, encoding: meta.encoding, delimiter: meta.delimiter, sheet: opts.sheet, ...(meta.pair ? { pair: meta.pair } : {}) },
      batches: parsed.batches,
      makeSink,
      dryRun: opts.dryRun,
      batchSize: opts.batchSize,
      beforeCommit: opts.beforeCommit,
      onReject: async (line, errors, cells) => {
        if (firstRejections.length < 20) firstRejections.push(...errors.slice(0, 20 - firstRejections.length));
        await rejects?.write(line, errors, cells ?? []);
      },
      onProgress: (p) => {
        const bytes = parsed.progress();
        opts.onProgress?.({ bytes: bytes.done, totalBytes: bytes.total, ...p });
      },
    });
  } finally {
    await rejects?.close();
  }
  const columns = Object.fromEntries(Object.entries(meta.fields).map(([f, i]) => [f, meta.headers[i] ?? `column ${i + 1}`]));
  return {
    ...summary,
    kind: opts.kind,
    file: opts.file,
    preset,
    encoding: meta.encoding,
    delimiter: meta.delimiter,
    columns,
    ignoredColumns: meta.ignored,
    rejectsFile: rejects?.written ? rejectsPath : null,
    firstRejections,
    ...(meta.platform ? { platform: meta.platform } : {}),
    ...(meta.pair ? { pair: meta.pair } : {}),
  };
}

/**
 * The rejected rows, as CSV in UTF-8 with a BOM (so Excel shows Chinese right): the original
 * columns, then `_line` and `_errors`. Fix the rows and import the file again; the two extra
 * columns are ignored. The file is only created when there is something to write.
 */
class RejectsWriter {
  written = 0;
  #fd: number | null = null;
  constructor(
    private readonly file: string,
    private readonly headers: string[],
  ) {
    fs.rmSync(file, { force: true });
  }

  async write(line: number, errors: Rejection[], cells: string[]): Promise<void> {
    if (this.#fd === null) {
      try {
        this.#fd = fs.openSync(this.file, "w");
      } catch (e) {
        throw new RetainError("BAD_FILE", `Cannot write the rejects file ${this.file}: ${(e as Error).message}`, {
          file: this.file,
          hint: "Choose another place with --rejects PATH.",
        });
      }
      fs.writeSync(this.#fd, `\uFEFF${[...this.headers, ...REJECTS_COLUMNS].map(csvCell).join(",")}\n`);
    }
    const reason = errors.map((e) => (e.column ? `${e.column}: ${e.reason}` : e.reason)).join("; ");
    fs.writeSync(this.#fd, `${[...cells, String(line), reason].map(csvCell).join(",")}\n`);
    this.written++;
  }

  async close(): Promise<void> {
    if (this.#fd !== null) fs.closeSync(this.#fd);
    this.#fd = null;
  }
}

const csvCell = (v: string) => (/[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
