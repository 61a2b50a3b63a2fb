import { Worker } from "node:worker_threads";
import fs from "node:fs";
import { fileURLToPath } from "node:url";
import { RetainError, type RetainErrorCode } from "../errors.ts";
import { detectPreset, mapColumns, PRESETS, type ImportKind } from "./columns.ts";
import type { DateOrder } from "./dates.ts";
import { createOrderRowParser } from "./order-rows.ts";
import { platformView, type PlatformPreset } from "./platforms.ts";
import { joinTaobaoPair, pairRoles, type JoinedRecord } from "./platforms-join.ts";
import { taobaoWorkbook } from "./platforms-workbook.ts";
import { openTable, type TableRecord, type TableSource } from "./read/table.ts";
import { createRowParser, type RowContext, type RowError } from "./rows.ts";
import type { ParsedRow } from "./run.ts";

export interface ParseOptions {
  kind: ImportKind;
  /** A CSV (any delimiter and common encoding) or .xlsx file. */
  file: string;
  /**
   * The second file of a Taobao/Tmall pair (ExportOrderList + ExportOrderDetailList, in
   * either order): the two are joined on 订单编号, one line per item.
   */
  pairedFile?: string;
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
  /** Platform presets: the platform and how its buyers are identified (the import summary says it). */
  platform?: { label: string; identity: string };
  /** A joined pair: the order list and the item list. */
  pair?: { orderFile: string; detailFile: string };
}

export interface ParsedFile {
  meta: ParseMeta;
  batches: AsyncIterable<ParsedRow<unknown>[]>;
  progress(): { done: number; total: number };
}

/** Opens, maps and validates a file (or a Taobao pair) on this thread. */
export async function openParsedRows(opts: ParseOptions): Promise<ParsedFile> {
  const tableOpts = { encoding: opts.encoding, delimiter: opts.delimiter, sheet: opts.sheet };
  const first = await openTable(opts.file, tableOpts);
  const ctx: RowContext = { baseCurrency: opts.baseCurrency, dateFormat: opts.dateFormat, encoding: first.encoding };

  if (opts.pairedFile !== undefined) {
    if (opts.kind !== "orders") throw new RetainError("BAD_INPUT", `Two files are imported together only for orders (a Taobao/Tmall pair), not ${opts.kind}.`, { file: opts.pairedFile });
    return pairedRows(pairRoles(first, await openTable(opts.pairedFile, tableOpts)), opts, ctx);
  }
  // A Taobao/Tmall workbook (千牛) with its order sheet and item sheet: imported as the pair is.
  if (opts.kind === "orders" && opts.sheet === undefined && (!opts.preset || opts.preset === "auto" || opts.preset === "taobao-items")) {
    const book = await taobaoWorkbook(first);
    if (book) return pairedRows(book, opts, ctx);
  }

  const table = first;
  const preset = !opts.preset || opts.preset === "auto" ? detectPreset(opts.kind, table.headers, opts.file) : opts.preset;
  const rules = (PRESETS[preset] as Partial<PlatformPreset> | undefined)?.platform;
  if (rules?.pairOnly) throw new RetainError("BAD_INPUT", `${opts.file}: ${rules.pairOnly}`, { file: opts.file, field: "preset" });
  const view = opts.kind === "orders" && PRESETS[preset] ? platformView(PRESETS[preset], table.headers) : undefined;
  const headers = view?.headers ?? table.headers;
  const mapping = mapColumns(opts.kind, headers, { preset, overrides: opts.map, file: opts.file });
  const parse = view
    ? createOrderRowParser(mapping as Parameters<typeof createOrderRowParser>[0], headers, ctx, view)
    : createRowParser(mapping, table.headers, ctx);
  async function* batches(): AsyncIterable<ParsedRow<unknown>[]> {
    for await (const records of table.batches()) yield records.map((rec) => parsedRow(rec, parse(rec)));
  }
  return {
    meta: {
      encoding: table.encoding, delimiter: table.delimiter, headers: table.headers, preset, fields: mapping.fields, ignored: mapping.ignored,
      ...(rules ? { platform: { label: rules.label, identity: rules.identity } } : {}),
    },
    batches: batches(),
    progress: () => table.progress(),
  };
}

/** The records of a Taobao/Tmall order list joined with its item list, mapped and validated. */
async function pairedRows(roles: { orders: TableSource; details: TableSource }, opts: ParseOptions, ctx: RowContext): Promise<ParsedFile> {
  const joined = await joinTaobaoPair(roles.orders, roles.details);
  const preset = PRESETS["taobao-items"] as PlatformPreset;
  const view = platformView(preset, joined.headers)!;
  const mapping = mapColumns("orders", view.headers, { preset: preset.name, overrides: opts.map, file: opts.file });
  const parse = createOrderRowParser(mapping, view.headers, { ...ctx, encoding: joined.encoding }, view);
  async function* batches(): AsyncIterable<ParsedRow<unknown>[]> {
    for await (const recs of joined.batches()) yield recs.map((j: JoinedRecord) => (j.skipped ? skippedRow(j.rec, j.skipped) : j.problem ? { line: j.rec.line, ok: false, errors: [j.problem], cells: j.rec.cells } : parsedRow(j.rec, parse(j.rec))));
  }
  return {
    meta: {
      encoding: joined.encoding, ...(joined.delimiter !== undefined ? { delimiter: joined.delimiter } : {}), headers: joined.headers, preset: preset.name,
      fields: mapping.fields, ignored: mapping.ignored, platform: { label: preset.platform.label, identity: preset.platform.identity },
      pair: { orderFile: joined.orderFile, detailFile: joined.detailFile },
    },
    batches: batches(),
    progress: () => joined.progress(),
  };
}

/** What any row parser returns; order rows of platform presets may add lines, warnings, or a skip. */
type AnyRowResult = { ok: true; value: unknown; more?: unknown[]; warnings?: string[] } | { ok: false; errors: RowError[]; skipped?: string };

const skippedRow = (rec: TableRecord, reason: string): ParsedRow<unknown> => ({ line: rec.line, ok: false, errors: [], skipped: reason, cells: rec.cells });

function parsedRow(rec: TableRecord, res: AnyRowResult): ParsedRow<unknown> {
  if (!res.ok) return res.skipped !== undefined ? skippedRow(rec, res.skipped) : { line: rec.line, ok: false, errors: res.errors, cells: rec.cells };
  return {
    line: rec.line, ok: true, value: res.value, cells: rec.cells,
    ...(res.more ? { more: res.more } : {}), ...(res.warnings ? { warnings: res.warnings } : {}),
  };
}

/** Batches the main thread may have waiting: enough to keep the store busy, few enough to bound memory. */
const CREDIT = 4;

/**
 * Opens, maps and validates a file on a worker thread when the built worker is beside this
 * module (the bundled CLI), else on this thread (tests run the sources directly).
 */
export async function openParsedRowsOffThread(opts: ParseOptions): Promise<ParsedFile> {
  // The bundled CLI has the worker in dist/ and this module there or in dist/chunks/.
  const workerFile = ["./read-worker.mjs", "../read-worker.mjs"].map((p) => fileURLToPath(new URL(p, import.meta.url))).find((f) => fs.existsSync(f));
  if (!workerFile) return openParsedRows(opts);

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
