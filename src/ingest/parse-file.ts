import { Worker } from "node:worker_threads";
import fs from "node:fs";
import { fileURLToPath } from "node:url";
import { RetainError, type RetainErrorCode } from "../errors.ts";
import { detectPreset, mapColumns, type ImportKind } from "./columns.ts";
import type { DateOrder } from "./dates.ts";
import { openTable } from "./read/table.ts";
import { createRowParser } from "./rows.ts";
import type { ParsedRow } from "./run.ts";

export interface ParseOptions {
  kind: ImportKind;
  /** A CSV (any delimiter and common encoding) or .xlsx file. */
  file: string;
  /** generic | online-retail | shopify | auto (default: detected from the headers). */
  preset?: string;
  /** field → header name or 1-based column number (`--map field=column`). */
  map?: Record<string, string>;
  /** Default: detected. */
  encoding?: string;
  /** Default: sniffed. */
  delimiter?: string;
  /** Excel sheet name or 1-based position; default the first. */
  sheet?: string;
  /** Day/month order of dates like 3/4/2024. */
  dateFormat?: DateOrder;
  /** The store's currency (rows without one are left without; the writer applies it). */
  baseCurrency: string;
}

/** What reading found before the first row: how the file was read and mapped. */
export interface ParseMeta {
  encoding: string;
  delimiter?: string;
  headers: string[];
  preset: string;
  /** field → 0-based column. */
  fields: Record<string, number>;
  ignored: string[];
}

export interface ParsedFile {
  meta: ParseMeta;
  batches: AsyncIterable<ParsedRow<unknown>[]>;
  progress(): { done: number; total: number };
}

/** Opens, maps and validates a file on this thread. */
export async function openParsedRows(opts: ParseOptions): Promise<ParsedFile> {
  const table = await openTable(opts.file, { encoding: opts.encoding, delimiter: opts.delimiter, sheet: opts.sheet });
  const preset = !opts.preset || opts.preset === "auto" ? detectPreset(opts.kind, table.headers) : opts.preset;
  const mapping = mapColumns(opts.kind, table.headers, { preset, overrides: opts.map, file: opts.file });
  const parse = createRowParser(mapping, table.headers, { baseCurrency: opts.baseCurrency, dateFormat: opts.dateFormat, encoding: table.encoding });
  async function* batches(): AsyncIterable<ParsedRow<unknown>[]> {
    for await (const records of table.batches()) {
      yield records.map((rec): ParsedRow<unknown> => {
        const res = parse(rec);
        return res.ok ? { line: rec.line, ok: true, value: res.value, cells: rec.cells } : { line: rec.line, ok: false, errors: res.errors, cells: rec.cells };
      });
    }
  }
  return {
    meta: { encoding: table.encoding, delimiter: table.delimiter, headers: table.headers, preset, fields: mapping.fields, ignored: mapping.ignored },
    batches: batches(),
    progress: () => table.progress(),
  };
}

/** Batches the main thread may have waiting: enough to keep the store busy, few enough to bound memory. */
const CREDIT = 4;

/**
 * Opens, maps and validates a file on a worker thread when the built worker is beside this
 * module (the bundled CLI), else on this thread (tests run the sources directly).
 */
export async function openParsedRowsOffThread(opts: ParseOptions): Promise<ParsedFile> {
  const workerFile = fileURLToPath(new URL("./read-worker.mjs", import.meta.url));
  if (!fs.existsSync(workerFile)) return openParsedRows(opts);

  const worker = new Worker(workerFile);
  type Message =
    | { type: "meta"; meta: ParseMeta }
    | { type: "batch"; rows: ParsedRow<unknown>[]; progress: { done: number; total: number } }
    | { type: "end"; progress: { done: number; total: number } }
    | { type: "error"; error: { code: RetainErrorCode; message: string; details: RetainError["details"] } };
  const queue: Message[] = [];
  let wake: (() => void) | null = null;
  let failure: unknown = null;
  worker.on("message", (m: Message) => {
    queue.push(m);
    wake?.();
    wake = null;
  });
  worker.on("error", (e) => {
    failure = e;
    wake?.();
    wake = null;
  });
  const next = async (): Promise<Message> => {
    for (;;) {
      if (failure) throw failure;
      const m = queue.shift();
      if (m) {
        if (m.type === "error") throw new RetainError(m.error.code, m.error.message, m.error.details);
        return m;
      }
      await new Promise<void>((r) => (wake = r));
    }
  };
  worker.postMessage(opts);
  let progress = { done: 0, total: 0 };
  let first: Message;
  try {
    first = await next();
  } catch (e) {
    await worker.terminate();
    throw e;
  }
  if (first.type !== "meta") throw new RetainError("INTERNAL", "The file reader sent no description of the file.");
  worker.postMessage({ credit: CREDIT });
  async function* batches(): AsyncIterable<ParsedRow<unknown>[]> {
    try {
      for (;;) {
        const m = await next();
        if (m.type === "end") {
          progress = m.progress;
          return;
        }
        if (m.type === "batch") {
          progress = m.progress;
          worker.postMessage({ credit: 1 });
          yield m.rows;
        }
      }
    } finally {
      await worker.terminate();
    }
  }
  return { meta: first.meta, batches: batches(), progress: () => progress };
}
