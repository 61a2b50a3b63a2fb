/**
 * Streaming CSV reader: bytes → decoded text (line endings made "\n") → csv-parse →
 * records with the physical line each one starts on.
 */
import { createReadStream } from "node:fs";
import { Readable } from "node:stream";
import { CsvError, parse } from "csv-parse";
import { RetainError } from "../../errors.ts";
import { parseDelimiter, sniffDelimiter, WHITESPACE } from "./delimiter.ts";
import { createDecoder, detectEncoding, hasReplacementChar, normalizeEncoding } from "./encoding.ts";
import type { FileHead, OpenTableOptions, TableRecord, TableSource } from "./table.ts";

/** Makes "\r\n" and lone "\r" into "\n" across chunk boundaries, so line counting is one rule. */
function lineEndingNormalizer(): (text: string, last: boolean) => string {
  let pendingCR = false;
  return (text, last) => {
    let s = pendingCR ? "\r" + text : text;
    pendingCR = !last && s.endsWith("\r");
    if (pendingCR) s = s.slice(0, -1);
    return s.replace(/\r\n?/g, "\n");
  };
}

/** The file's text, decoded and normalized chunk by chunk; `onBytes` counts progress. */
async function* decodeFile(file: string, encoding: string, onBytes: (n: number) => void): AsyncGenerator<string> {
  const decoder = createDecoder(encoding);
  const normalize = lineEndingNormalizer();
  const stream = createReadStream(file, { highWaterMark: 64 * 1024 });
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    onBytes(chunk.length);
    const text = normalize(decoder.write(chunk), false);
    if (text !== "") yield text;
  }
  const rest = normalize(decoder.end(), true);
  if (rest !== "") yield rest;
}

const isBlank = (cells: string[]) => cells.every((c) => c.trim() === "");
const toRecord = (line: number, cells: string[]): TableRecord =>
  cells.some(hasReplacementChar) ? { line, cells, invalidEncoding: true } : { line, cells };

/**
 * Records of delimited text, blank ones (no cell with content) skipped. `tolerant` skips
 * unparseable records instead of failing: reading the header must not fail on a bad
 * quote further down, which is reported when the records are read.
 */
async function* delimitedRecords(text: AsyncIterable<string>, delimiter: string, file: string, tolerant = false): AsyncGenerator<TableRecord> {
  const parser = parse({
    skip_records_with_error: tolerant,
    delimiter,
    record_delimiter: "\n",
    relax_column_count: true, // a wrong field count is the row validator's to report, not fatal
    relax_quotes: true, // a stray quote inside an unquoted field is kept as text
    skip_empty_lines: true,
    info: true,
  });
  const source = Readable.from(text);
  source.on("error", (e) => parser.destroy(e));
  source.pipe(parser);
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      if (isBlank(record)) continue;
      // info.lines is where the record ends; line breaks inside quoted fields move its start up.
      let inner = 0;
      for (const cell of record) for (let i = cell.indexOf("\n"); i !== -1; i = cell.indexOf("\n", i + 1)) inner++;
      yield toRecord(info.lines - inner, record);
    }
  } catch (e) {
    if (e instanceof CsvError) {
      const line = (e as CsvError & { lines?: number }).lines;
      throw new RetainError("BAD_FILE", `${file}${line ? ` line ${line}` : ""}: ${e.message}`, {
        file,
        ...(line ? { line } : {}),
        hint: "A quoted field is not closed: look for a stray double quote near that line.",
      }, { cause: e });
    }
    throw e;
  } finally {
    source.destroy();
  }
}

/** Records of a whitespace-separated file: one record per line, no quoting. */
async function* whitespaceRecords(text: AsyncIterable<string>): AsyncGenerator<TableRecord> {
  let line = 0;
  let rest = "";
  const split = (l: string): TableRecord | undefined => {
    line++;
    const t = l.trim();
    return t === "" ? undefined : toRecord(line, t.split(/[ \t]+/));
  };
  for await (const chunk of text) {
    const lines = (rest + chunk).split("\n");
    rest = lines.pop()!;
    for (const l of lines) {
      const r = split(l);
      if (r) yield r;
    }
  }
  const r = split(rest);
  if (r) yield r;
}

const records = (text: AsyncIterable<string>, delimiter: string, file: string, tolerant = false) =>
  delimiter === WHITESPACE ? whitespaceRecords(text) : delimitedRecords(text, delimiter, file, tolerant);

async function* once(text: string): AsyncGenerator<string> {
  yield text;
}

/** Opens a CSV (or TSV, or other delimited text) file whose first bytes are in `head`. */
export async function openCsv(head: FileHead, opts: OpenTableOptions): Promise<TableSource> {
  const { file, size, sample } = head;
  const complete = sample.length === size;
  const encoding = opts.encoding !== undefined ? normalizeEncoding(opts.encoding) : detectEncoding(sample, complete);

  const decoder = createDecoder(encoding);
  let sampleText = decoder.write(sample) + (complete ? decoder.end() : "");
  sampleText = lineEndingNormalizer()(sampleText, complete);
  // A cut sample ends in a partial line: keep whole lines only.
  if (!complete) sampleText = sampleText.slice(0, sampleText.lastIndexOf("\n") + 1);
  const delimiter = opts.delimiter !== undefined ? parseDelimiter(opts.delimiter) : sniffDelimiter(sampleText, complete);

  let header: TableRecord | undefined;
  for await (const r of records(once(sampleText), delimiter, file, true)) {
    header = r;
    break;
  }
  if (!header) {
    throw new RetainError("BAD_FILE", `${file} has no header row${complete ? "" : " in its first 64 KB"}.`, {
      file,
      hint: "The first non-blank line must name the columns, e.g. customer_id,order_date,amount.",
    });
  }
  const headers = header.cells.map((h, i) => (i === 0 ? h.replace(/^\uFEFF/, "") : h).trim());

  let done = 0;
  return {
    file,
    format: "csv",
    encoding,
    delimiter,
    headers,
    async *records() {
      done = 0;
      let first = true;
      for await (const r of records(decodeFile(file, encoding, (n) => (done += n)), delimiter, file)) {
        if (first) {
          first = false; // the header
          continue;
        }
        yield r;
      }
    },
    progress: () => ({ done, total: size }),
  };
}
