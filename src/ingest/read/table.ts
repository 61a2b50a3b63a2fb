/**
 * One way to read any import file: a header and a single-pass stream of records, whether
 * the file is CSV (any delimiter, any common encoding) or an Excel workbook.
 */
import { open, stat } from "node:fs/promises";
import { extname } from "node:path";
import { RetainError } from "../../errors.ts";
import { openCsv } from "./csv.ts";
import { SAMPLE_BYTES } from "./encoding.ts";

export interface TableRecord {
  /** 1-based physical line (CSV) or sheet row number (Excel) where the record starts. */
  line: number;
  cells: string[];
  /** The record holds bytes that are not valid in the file's encoding (decoded as U+FFFD). */
  invalidEncoding?: boolean;
}

export interface TableSource {
  readonly file: string;
  readonly format: "csv" | "xlsx";
  /** e.g. "utf-8", "utf-8-bom", "gb18030"; "xlsx" for Excel. */
  readonly encoding: string;
  /** CSV only: the delimiter detected or given; " " means runs of spaces or tabs. */
  readonly delimiter?: string;
  /** Excel only: the name of the sheet read. */
  readonly sheet?: string;
  /** Trimmed, BOM stripped. */
  readonly headers: string[];
  /**
   * The records after the header, streamed. Records without a non-blank cell (empty
   * lines, ",,,") are skipped. Each call reads the file again from the start.
   */
  records(): AsyncIterable<TableRecord>;
  /** The same records in batches (one per chunk read): the fast way through a large file. */
  batches(): AsyncIterable<TableRecord[]>;
  /** Bytes read so far and the file size, for a progress bar. */
  progress(): { done: number; total: number };
}

export interface OpenTableOptions {
  /** Overrides detection: utf-8, utf-8-bom, gbk, gb18030, utf-16le, latin1 … */
  encoding?: string;
  /** Overrides sniffing: a character, or comma / semicolon / tab / pipe / space. */
  delimiter?: string;
  /** Excel only: sheet name or 1-based position; default the first sheet. */
  sheet?: string;
}

/** What a file's first bytes and name say it is. */
export interface FileHead {
  file: string;
  size: number;
  sample: Buffer;
}

const isZip = (b: Buffer) => b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;
const isOle2 = (b: Buffer) => b.subarray(0, 8).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]));

async function readHead(file: string): Promise<FileHead> {
  let size: number;
  try {
    const st = await stat(file);
    if (st.isDirectory()) throw new RetainError("BAD_FILE", `${file} is a directory, not a file.`, { file });
    size = st.size;
  } catch (e) {
    if (e instanceof RetainError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    const message = code === "ENOENT" ? `File not found: ${file}` : `Cannot read ${file} (${code ?? String(e)})`;
    throw new RetainError("BAD_FILE", message, { file, hint: "Check the path and the file's permissions." }, { cause: e });
  }
  if (size === 0) {
    throw new RetainError("BAD_FILE", `${file} is empty.`, { file, hint: "Export the data again; the file has no bytes." });
  }
  const handle = await open(file, "r");
  try {
    const sample = Buffer.alloc(Math.min(size, SAMPLE_BYTES));
    const { bytesRead } = await handle.read(sample, 0, sample.length, 0);
    return { file, size, sample: sample.subarray(0, bytesRead) };
  } finally {
    await handle.close();
  }
}

/** Opens an import file, reads its header and returns a source to stream its records from. */
export async function openTable(file: string, opts: OpenTableOptions = {}): Promise<TableSource> {
  const head = await readHead(file);
  const ext = extname(file).toLowerCase();
  if (isOle2(head.sample)) {
    throw new RetainError("BAD_FILE", `${file} is an old Excel .xls workbook (or an encrypted one), which cannot be read.`, {
      file,
      hint: "Open it in Excel or WPS and save it as .xlsx or as CSV (UTF-8), then import that file.",
    });
  }
  // exceljs is large: load it only for workbooks.
  if (isZip(head.sample)) return (await import("./xlsx.ts")).openXlsx(head, opts);
  if (ext === ".xlsx" || ext === ".xlsm") {
    throw new RetainError("BAD_FILE", `${file} is named like an Excel workbook but is not one (it is not a zip file).`, {
      file,
      hint: "If it is really a CSV file, rename it to .csv; otherwise save it again from Excel as .xlsx.",
    });
  }
  return openCsv(head, opts);
}
