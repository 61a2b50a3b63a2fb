/**
 * Streaming .xlsx reader over exceljs's WorkbookReader: one sheet, its first non-empty
 * row as the header, every later non-empty row as a record numbered by its sheet row.
 */
import { createReadStream } from "node:fs";
import type { Readable, Writable } from "node:stream";
import { RetainError } from "../../errors.ts";
import { cellText } from "./cells.ts";
import type { FileHead, OpenTableOptions, TableRecord, TableSource } from "./table.ts";

/** The parts of exceljs's streaming objects used here (its typings leave them out). */
interface StreamRow {
  number: number;
  eachCell(opts: { includeEmpty: boolean }, cb: (cell: { value: unknown; numFmt?: string }, col: number) => void): void;
}
interface StreamSheet extends AsyncIterable<StreamRow> {
  name?: string;
}
interface StreamBook extends AsyncIterable<StreamSheet> {
  model?: { sheets?: { name: string }[] };
}

/** Cells of a row by 1-based column, as text; `width` pads short rows (Excel leaves trailing empty cells out). */
function rowCells(row: StreamRow, width: number): string[] {
  const cells: string[] = [];
  row.eachCell({ includeEmpty: false }, (cell, col) => {
    cells[col - 1] = cellText(cell.value, cell.numFmt);
  });
  let last = cells.length;
  while (last > width && (cells[last - 1] ?? "").trim() === "") last--;
  return Array.from({ length: Math.max(width, last) }, (_, i) => cells[i] ?? "");
}

interface SheetChoice {
  /** Sheet name, or 1-based position in the workbook; undefined: the first. */
  sheet?: string;
}

/**
 * exceljs pipes the file into unzipper's Parse, which emits 'end' as soon as its input is
 * written, while entries it has still to hand over wait in its buffer. exceljs's reader
 * takes that 'end' as the last entry, so a workbook whose workbook.xml comes after its
 * sheets (as exceljs itself writes them) read as broken whenever the file arrived faster
 * than the entries were taken: about 1 read in 300 under load. This drops the early 'end';
 * the real one follows the end of the zip's central directory, once every entry has been
 * read. (A cut-off file still fails: the parser reports FILE_ENDED.)
 */
export function pipeWithoutEarlyEnd(input: Readable): void {
  const pipe = input.pipe.bind(input);
  input.pipe = <T extends NodeJS.WritableStream>(dest: T, opts?: { end?: boolean }): T => {
    const zip = dest as unknown as Writable & Readable;
    const emit = zip.emit.bind(zip);
    zip.emit = (event: string | symbol, ...args: unknown[]): boolean =>
      event === "end" && !zip.readableEnded ? false : emit(event, ...args);
    return pipe(dest, opts);
  };
}

/**
 * Streams the rows of the chosen sheet. Throws BAD_INPUT naming the sheets when the
 * choice is not in the workbook, BAD_FILE when the file is not a readable workbook.
 */
async function* sheetRows(file: string, choice: SheetChoice, onBytes: (n: number) => void, onSheet?: (name: string | undefined) => void): AsyncGenerator<StreamRow> {
  // Loaded on the first workbook read, not when a command starts (it takes ~0.3 s), and
  // before the file is opened: a flowing stream must not lose bytes while this waits.
  const { default: ExcelJS } = await import("exceljs");
  const input = createReadStream(file, { highWaterMark: 64 * 1024 });
  input.on("data", (chunk) => onBytes(chunk.length));
  pipeWithoutEarlyEnd(input);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    worksheets: "emit",
    sharedStrings: "cache",
    styles: "cache", // without styles, date cells come out as bare serial numbers
    hyperlinks: "ignore",
    entries: "ignore",
  }) as unknown as StreamBook;
  const wanted = choice.sheet?.trim();
  const seen: string[] = [];
  try {
    for await (const sheet of reader) {
      const names = reader.model?.sheets?.map((s) => s.name) ?? [];
      const position = sheet.name !== undefined ? names.indexOf(sheet.name) + 1 : 0;
      seen.push(sheet.name ?? `sheet ${seen.length + 1}`);
      const match =
        wanted === undefined || wanted === ""
          ? position === 1 || (position === 0 && seen.length === 1)
          : /^\d+$/.test(wanted)
            ? position === Number(wanted)
            : sheet.name?.trim().toLowerCase() === wanted.toLowerCase();
      if (!match) {
        // Read a passed-over sheet to its end: exceljs parks sheets that come before
        // workbook.xml in temporary files and deletes each as the next is asked for, while an
        // unread one may not have opened its file yet (an unhandled ENOENT).
        for await (const _row of sheet) void _row;
        continue;
      }
      onSheet?.(sheet.name);
      yield* sheet;
      return;
    }
  } catch (e) {
    throw new RetainError("BAD_FILE", `${file} is not a readable .xlsx workbook: ${(e as Error).message}`, {
      file,
      hint: "Open it in Excel or WPS and save it again as .xlsx, or export it as CSV.",
    }, { cause: e });
  } finally {
    input.destroy();
  }
  throw new RetainError("BAD_INPUT", `${file} has no sheet '${wanted ?? 1}'. Its sheets: ${seen.join(", ")}.`, {
    file,
    field: "sheet",
    hint: "Give --sheet with a sheet name or its position (1 for the first).",
  });
}

const isBlank = (cells: string[]) => cells.every((c) => c.trim() === "");

/** Opens an .xlsx workbook whose first bytes are in `head`. */
export async function openXlsx(head: FileHead, opts: OpenTableOptions): Promise<TableSource> {
  const { file, size } = head;
  const choice: SheetChoice = opts.sheet !== undefined ? { sheet: opts.sheet } : {};
  let header: { line: number; cells: string[] } | undefined;
  let sheetName: string | undefined;
  for await (const row of sheetRows(file, choice, () => {}, (name) => (sheetName = name))) {
    const cells = rowCells(row, 0);
    if (!isBlank(cells)) {
      header = { line: row.number, cells };
      break;
    }
  }
  if (!header) {
    throw new RetainError("BAD_FILE", `${file} has no header row: the sheet is empty.`, {
      file,
      hint: "Put the column names in the first row of the sheet, or choose another sheet with --sheet.",
    });
  }
  const headers = header.cells.map((h) => h.trim());
  const headerLine = header.line;

  let done = 0;
  return {
    file,
    format: "xlsx",
    encoding: "xlsx",
    ...(sheetName !== undefined ? { sheet: sheetName } : {}),
    headers,
    async *batches(): AsyncGenerator<TableRecord[]> {
      done = 0;
      let batch: TableRecord[] = [];
      for await (const row of sheetRows(file, choice, (n) => (done += n))) {
        if (row.number <= headerLine) continue;
        const cells = rowCells(row, headers.length);
        if (!isBlank(cells)) batch.push({ line: row.number, cells });
        if (batch.length >= 1000) {
          yield batch;
          batch = [];
        }
      }
      if (batch.length > 0) yield batch;
    },
    async *records(this: TableSource): AsyncGenerator<TableRecord> {
      for await (const batch of this.batches()) yield* batch;
    },
    progress: () => ({ done, total: size }),
  };
}
