/**
 * Streaming CSV reader: bytes → decoded text (line endings made "\n") → papaparse →
 * records with the physical line each one starts on.
 */
import { createReadStream } from "node:fs";
import { Readable } from "node:stream";
import Papa from "papaparse";
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
 * Records of delimited text, in batches, blank ones (no cell with content) skipped.
 * papaparse parses (it is several times faster than the alternatives here); its chunk
 * callback pauses the parser until the batch is taken, so memory stays bounded. `tolerant`
 * ignores quoting errors: reading the header must not fail on a bad quote further down,
 * which is reported when the records are read.
 */
async function* delimitedBatches(text: AsyncIterable<string>, delimiter: string, file: string, tolerant = false): AsyncGenerator<TableRecord[]> {
  const source = Readable.from(text);
  const queue: Array<{ rows: string[][]; unclosed: Set<number> }> = [];
  let finished = false;
  let failure: unknown = null;
  let parser: Papa.Parser | null = null;
  let wake: (() => void) | null = null;
  const notify = () => {
    const w = wake;
    wake = null;
    w?.();
  };
  Papa.parse(source as unknown as File, {
    delimiter,
    newline: "\n",
    quoteChar: '"',
    skipEmptyLines: false,
    chunk(results, p) {
      parser = p;
      const unclosed = new Set(results.errors.filter((e) => e.code === "MissingQuotes").map((e) => e.row ?? 0));
      queue.push({ rows: results.data as string[][], unclosed });
      // papaparse queues whatever its input emits, paused or not: hold the input back too.
      p.pause();
      source.pause();
      notify();
    },
    complete() {
      finished = true;
      notify();
    },
    error(e) {
      failure = e;
      notify();
    },
  });

  let line = 1;
  try {
    for (;;) {
      if (failure) throw failure;
      const chunk = queue.shift();
      if (!chunk) {
        if (finished) return;
        await new Promise<void>((resolve) => (wake = resolve));
        continue;
      }
      if (queue.length === 0 && !finished) {
        source.resume();
        (parser as Papa.Parser | null)?.resume();
      }
      const batch: TableRecord[] = [];
      chunk.rows.forEach((cells, i) => {
        const start = line;
        // Line breaks inside quoted fields move the next record's start down.
        let inner = 0;
        for (const cell of cells) for (let j = cell.indexOf("\n"); j !== -1; j = cell.indexOf("\n", j + 1)) inner++;
        line += 1 + inner;
        if (chunk.unclosed.has(i) && !tolerant) {
          throw new RetainError("BAD_FILE", `${file} line ${start}: a quoted field is not closed.`, {
            file,
            line: start,
            hint: "A quoted field is not closed: look for a stray double quote near that line.",
          });
        }
        if (!isBlank(cells)) batch.push(toRecord(start, cells));
      });
      if (batch.length > 0) yield batch;
    }
  } finally {
    (parser as Papa.Parser | null)?.abort();
    source.destroy();
  }
}

/** Records of a whitespace-separated file: one record per line, no quoting. */
async function* whitespaceBatches(text: AsyncIterable<string>): AsyncGenerator<TableRecord[]> {
  let line = 0;
  let rest = "";
  const split = (l: string, into: TableRecord[]) => {
    line++;
    const t = l.trim();
    if (t !== "") into.push(toRecord(line, t.split(/[ \t]+/)));
  };
  for await (const chunk of text) {
    const lines = (rest + chunk).split("\n");
    rest = lines.pop()!;
    const batch: TableRecord[] = [];
    for (const l of lines) split(l, batch);
    if (batch.length > 0) yield batch;
  }
  const last: TableRecord[] = [];
  split(rest, last);
  if (last.length > 0) yield last;
}

const batches = (text: AsyncIterable<string>, delimiter: string, file: string, tolerant = false) =>
  delimiter === WHITESPACE ? whitespaceBatches(text) : delimitedBatches(text, delimiter, file, tolerant);

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
  for await (const batch of batches(once(sampleText), delimiter, file, true)) {
    header = batch[0];
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
    async *batches() {
      done = 0;
      let first = true;
      for await (const batch of batches(decodeFile(file, encoding, (n) => (done += n)), delimiter, file)) {
        if (first) {
          first = false;
          batch.shift(); // the header
        }
        if (batch.length > 0) yield batch;
      }
    },
    async *records(this: TableSource) {
      for await (const batch of this.batches()) yield* batch;
    },
    progress: () => ({ done, total: size }),
  };
}
