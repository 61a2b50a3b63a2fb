import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import type { Readable } from "node:stream";
import type { Kysely } from "kysely";
import { recordChange, type Actor } from "../audit/audit.repository.ts";
import { RetainError } from "../errors.ts";
import { detectPreset, FIELDS, mapColumns, PRESETS, type ImportKind } from "../ingest/columns.ts";
import type { DateOrder } from "../ingest/dates.ts";
import { importFile, type ImportFileSummary } from "../ingest/import-file.ts";
import { joinTaobaoPair, pairRoles } from "../ingest/platforms-join.ts";
import { taobaoWorkbook } from "../ingest/platforms-workbook.ts";
import { openTable, type TableSource } from "../ingest/read/table.ts";
import type { Database } from "../store/schema.ts";
import { enqueueEvent } from "../webhooks/outbox.ts";

export interface Upload {
  uploadId: string;
  fileName: string;
  file: string;
  size: number;
  /** The other file of a Taobao/Tmall pair (ExportOrderList and ExportOrderDetailList), when one was added. */
  paired?: { fileName: string; file: string; size: number };
}

export interface PreviewOptions {
  kind: ImportKind;
  encoding?: string;
  delimiter?: string;
  preset?: string;
  map?: Record<string, string>;
}

export interface ImportJob {
  jobId: string;
  uploadId: string;
  status: "queued" | "running" | "done" | "failed";
  dryRun: boolean;
  progress: { bytes: number; totalBytes: number; rowsRead: number; landed: number; rejected: number };
  summary: ImportFileSummary | null;
  error: { code: string; message: string; hint?: string } | null;
  rejectsFile: string;
}

const UPLOAD_ID = /^[0-9a-f-]{36}$/;
/** The folder inside an upload's own that holds the second file of a pair. */
const PAIR_DIR = "pair";
const SAMPLE_ROWS = 10;
/** Uploads and finished jobs are kept this long, then removed. */
const KEEP_MS = 24 * 3600_000;

/**
 * Import runs started from the browser: the uploaded file waits in a folder of its own
 * between preview and import; runs go one at a time (each is one transaction) and report
 * progress for polling.
 */
export class ImportJobs {
  readonly #dir: string;
  readonly #jobs = new Map<string, ImportJob>();
  #queue: Promise<void> = Promise.resolve();

  constructor(readonly db: Kysely<Database>, dir?: string) {
    this.#dir = dir ?? path.join(os.tmpdir(), `retain-uploads-${process.pid}`);
  }

  async saveUpload(stream: Readable & { truncated?: boolean }, fileName: string): Promise<Upload> {
    const uploadId = randomUUID();
    this.#sweep();
    const saved = await saveStream(path.join(this.#dir, uploadId), stream, fileName);
    return { uploadId, ...saved };
  }

  /**
   * Adds the other file of a Taobao/Tmall pair to an upload (replacing one added before):
   * the two are then previewed and imported together, joined on 订单编号.
   */
  async savePair(uploadId: string, stream: Readable & { truncated?: boolean }, fileName: string): Promise<Upload> {
    const up = this.upload(uploadId);
    const folder = path.join(this.#dir, uploadId, PAIR_DIR);
    await fs.promises.rm(folder, { recursive: true, force: true });
    return { ...up, paired: await saveStream(folder, stream, fileName) };
  }

  /** Drops the second file of a pair: the upload is one file again. */
  async removePair(uploadId: string): Promise<Upload> {
    const { paired: _p, ...up } = this.upload(uploadId);
    await fs.promises.rm(path.join(this.#dir, uploadId, PAIR_DIR), { recursive: true, force: true });
    return up;
  }

  upload(uploadId: string): Upload {
    const folder = UPLOAD_ID.test(uploadId) ? path.join(this.#dir, uploadId) : null;
    const only = folder ? onlyFile(folder) : null;
    if (!folder || !only) throw new RetainError("NOT_FOUND", `No upload ${uploadId} (uploads are kept for a day).`, { field: "uploadId", hint: "Upload the file again." });
    const paired = onlyFile(path.join(folder, PAIR_DIR));
    return { uploadId, ...only, ...(paired ? { paired } : {}) };
  }

  /** How the file would be read: encoding, delimiter, preset, column mapping, and the first rows. */
  async preview(uploadId: string, o: PreviewOptions) {
    const up = this.upload(uploadId);
    try {
      return await this.#preview(up, o);
    } catch (e) {
      throw asUploaded(e, up);
    }
  }

  async #preview(up: Upload, o: PreviewOptions) {
    if (up.paired) return this.#previewPaired(up, up.paired, o);
    const table = await openTable(up.file, { encoding: o.encoding, delimiter: o.delimiter });
    // A Taobao/Tmall workbook (千牛) with an order sheet and an item sheet is imported as a pair.
    const book = o.kind === "orders" && (!o.preset || o.preset === "auto" || o.preset === "taobao-items") ? await taobaoWorkbook(table) : null;
    if (book) return this.#previewJoined(up, book, o, { fileName: up.fileName, size: up.size }, (f) => f.replace(up.file, up.fileName));
    const sample: string[][] = [];
    for await (const rec of table.records()) {
      sample.push(rec.cells);
      if (sample.length >= SAMPLE_ROWS) break;
    }
    const preset = o.preset && o.preset !== "auto" ? o.preset : detectPreset(o.kind, table.headers);
    const mapping = mapColumns(o.kind, table.headers, { preset, overrides: o.map, lenient: true });
    const fields = FIELDS[o.kind].map((f) => ({ name: f.name, required: !!f.required, description: f.description }));
    const mapped = Object.fromEntries(Object.entries(mapping.fields).map(([f, i]) => [f, table.headers[i] ?? `column ${i + 1}`]));
    const missing = fields.filter((f) => f.required && !(f.name in mapped)).map((f) => f.name);
    if (o.kind === "orders" && !("amount" in mapped) && !("unitPrice" in mapped && "quantity" in mapped)) missing.push("amount");
    return {
      uploadId: up.uploadId, fileName: up.fileName, size: up.size, kind: o.kind, format: table.format, encoding: table.encoding,
      delimiter: table.delimiter ?? null, preset: mapping.preset,
      presets: Object.values(PRESETS).filter((p) => p.kinds.includes(o.kind)).map((p) => p.name),
      headers: table.headers, sample, mapping: mapped, ignoredColumns: mapping.ignored, fields, missingFields: missing, pair: null,
    };
  }

  /** The preview of an upload with a second file: the pair's two files joined. */
  async #previewPaired(up: Upload, paired: NonNullable<Upload["paired"]>, o: PreviewOptions) {
    if (o.kind !== "orders") throw new RetainError("BAD_INPUT", `Two files are imported together only for orders (a Taobao/Tmall pair), not ${o.kind}.`, { field: "kind", hint: "Remove the second file, or choose orders." });
    const read = { encoding: pairEncoding(o.encoding), delimiter: o.delimiter };
    const roles = pairRoles(await openTable(up.file, read), await openTable(paired.file, read));
    const whole = { fileName: `${up.fileName} + ${paired.fileName}`, size: up.size + paired.size };
    return this.#previewJoined(up, roles, o, whole, (file) => (file === up.file ? up.fileName : paired.fileName));
  }

  /**
   * The preview of a Taobao/Tmall order list joined with its item list (two files, or two
   * sheets of one workbook): each item row, then its order's row, and their mapping.
   */
  async #previewJoined(
    up: Upload, roles: { orders: TableSource; details: TableSource }, o: PreviewOptions,
    whole: { fileName: string; size: number }, nameOf: (file: string) => string,
  ) {
    const joined = await joinTaobaoPair(roles.orders, roles.details);
    const sample: string[][] = [];
    for await (const batch of joined.batches()) {
      for (const j of batch) if (!j.problem && !j.skipped && sample.length < SAMPLE_ROWS) sample.push(j.rec.cells);
      if (sample.length >= SAMPLE_ROWS) break;
    }
    const preset = "taobao-items";
    const mapping = mapColumns("orders", joined.headers, { preset, overrides: o.map, lenient: true });
    const fields = FIELDS.orders.map((f) => ({ name: f.name, required: !!f.required, description: f.description }));
    const mapped = Object.fromEntries(Object.entries(mapping.fields).map(([f, i]) => [f, joined.headers[i] ?? `column ${i + 1}`]));
    const missing = fields.filter((f) => f.required && !(f.name in mapped)).map((f) => f.name);
    return {
      uploadId: up.uploadId, fileName: whole.fileName, size: whole.size, kind: o.kind, format: roles.details.format,
      encoding: joined.encoding, delimiter: joined.delimiter ?? null, preset, presets: [preset],
      headers: joined.headers, sample, mapping: mapped, ignoredColumns: mapping.ignored, fields, missingFields: missing,
      pair: { orderFile: nameOf(roles.orders.file), detailFile: nameOf(roles.details.file) },
    };
  }

  /** Queues an import of an upload; poll `get(jobId)` for its progress and summary. */
  start(uploadId: string, o: PreviewOptions & { dryRun: boolean; dateFormat?: DateOrder }, actor: Actor): ImportJob {
    const up = this.upload(uploadId);
    const jobId = randomUUID();
    const job: ImportJob = {
      jobId, uploadId, status: "queued", dryRun: o.dryRun,
      progress: { bytes: 0, totalBytes: up.size, rowsRead: 0, landed: 0, rejected: 0 },
      summary: null, error: null,
      // One rejects file per run: a later check of the same upload must not replace this one.
      rejectsFile: `${up.file}.${jobId}.rejects.csv`,
    };
    this.#jobs.set(job.jobId, job);
    this.#queue = this.#queue.then(() => this.#run(job, up, o, actor));
    return job;
  }

  async #run(job: ImportJob, up: Upload, o: PreviewOptions & { dryRun: boolean; dateFormat?: DateOrder }, actor: Actor): Promise<void> {
    job.status = "running";
    const displayName = up.paired ? `${up.fileName} + ${up.paired.fileName}` : up.fileName;
    try {
      const summary = await importFile(this.db, {
        kind: o.kind, file: up.file, displayName,
        ...(up.paired ? { pairedFile: up.paired.file } : {}), preset: o.preset, map: o.map, encoding: up.paired ? pairEncoding(o.encoding) : o.encoding, delimiter: o.delimiter,
        dateFormat: o.dateFormat, dryRun: o.dryRun, rejectsFile: job.rejectsFile,
        onProgress: (p) => (job.progress = p),
        beforeCommit: async (trx, s) => {
          const after = { kind: o.kind, file: displayName, importId: s.importId, rowsRead: s.rowsRead, landed: s.landed, updated: s.updated, unchanged: s.unchanged, rejected: s.rejected };
          await recordChange(trx, actor, { action: "import.completed", entityType: "import", entityId: s.importId, after });
          if (o.kind === "orders") await enqueueEvent(trx, "orders.imported", after);
        },
      });
      // The uploader knows the files by their own names, never the server's copies.
      const named = (f: string) => (f === up.paired?.file ? up.paired.fileName : f.startsWith(up.file) ? up.fileName + f.slice(up.file.length) : path.basename(f));
      job.summary = summary.pair ? { ...summary, pair: { orderFile: named(summary.pair.orderFile), detailFile: named(summary.pair.detailFile) } } : summary;
      job.status = "done";
    } catch (e) {
      job.status = "failed";
      const err = asUploaded(e, up);
      job.error = { code: err.code, message: err.message, ...(err.details.hint ? { hint: err.details.hint } : {}) };
    }
  }

  get(jobId: string): ImportJob {
    const job = this.#jobs.get(jobId);
    if (!job) throw new RetainError("NOT_FOUND", `No import job ${jobId.slice(0, 40)} (jobs are kept until the server restarts).`, { field: "jobId" });
    return job;
  }

  /** Waits for the queued runs (tests, shutdown). */
  async idle(): Promise<void> {
    let q: Promise<void>;
    do {
      q = this.#queue;
      await q;
    } while (q !== this.#queue);
  }

  async close(): Promise<void> {
    await this.idle();
    await fs.promises.rm(this.#dir, { recursive: true, force: true });
  }

  #sweep(): void {
    const cutoff = Date.now() - KEEP_MS;
    for (const name of fs.existsSync(this.#dir) ? fs.readdirSync(this.#dir) : []) {
      const p = path.join(this.#dir, name);
      if (fs.statSync(p).mtimeMs < cutoff) fs.rmSync(p, { recursive: true, force: true });
    }
  }
}

/**
 * The error a reader raised about an upload, as its uploader should see it: named by the
 * file's own name, not the server's copy of it.
 */
function asUploaded(e: unknown, up: Upload): RetainError {
  const named = (s: string) => {
    const once = s.replaceAll(up.file, up.fileName);
    return up.paired ? once.replaceAll(up.paired.file, up.paired.fileName) : once;
  };
  if (!(e instanceof RetainError)) return new RetainError("INTERNAL", named(String((e as Error)?.message ?? e)));
  const { file: _file, ...details } = e.details;
  return new RetainError(e.code, named(e.message), { ...details, ...(details.hint ? { hint: named(details.hint) } : {}) }, { cause: e });
}

/** A pair whose files were read in two encodings shows both ("gb18030+utf-8"): each file is then detected again. */
const pairEncoding = (e: string | undefined): string | undefined => (e?.includes("+") ? undefined : e);

/** The one file in a folder (not the rejects written beside it), or null when there is none. */
function onlyFile(folder: string): { fileName: string; file: string; size: number } | null {
  if (!fs.existsSync(folder)) return null;
  const names = fs.readdirSync(folder, { withFileTypes: true }).filter((d) => d.isFile() && !d.name.endsWith(".rejects.csv")).map((d) => d.name);
  if (names.length !== 1) return null;
  const file = path.join(folder, names[0]!);
  return { fileName: names[0]!, file, size: fs.statSync(file).size };
}

/** Writes an uploaded stream into its folder under a safe version of its name; refuses one cut off at the size limit. */
async function saveStream(folder: string, stream: Readable & { truncated?: boolean }, fileName: string): Promise<{ fileName: string; file: string; size: number }> {
  await fs.promises.mkdir(folder, { recursive: true });
  // Only the base name, without path tricks or odd characters, becomes a file name here.
  const safe = path.basename(fileName).replace(/[^\p{L}\p{N}._ -]/gu, "_").slice(-120) || "upload";
  const file = path.join(folder, safe);
  await pipeline(stream, fs.createWriteStream(file));
  if (stream.truncated) {
    await fs.promises.rm(folder, { recursive: true, force: true });
    throw new RetainError("PAYLOAD_TOO_LARGE", "The file is larger than the upload limit (512 MB).", { field: "file", hint: "Import it with the command line: retain import." });
  }
  return { fileName: path.basename(fileName).slice(0, 200), file, size: (await fs.promises.stat(file)).size };
}
