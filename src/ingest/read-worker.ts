/**
 * Reads and validates an import file on a worker thread, so the main thread only feeds the
 * store (with PostgreSQL, the server works meanwhile; with PGlite, the engine gets the main
 * thread to itself). Messages: the main thread sends the options once and a credit per
 * batch it has taken; the worker sends `meta`, then `batch`es while it has credit, then
 * `end` — or `error` with a RetainError's fields.
 */
import { parentPort } from "node:worker_threads";
import { RetainError } from "../errors.ts";
import { openParsedRows, type ParseOptions } from "./parse-file.ts";

const port = parentPort!;
let credit = 0;
let wake: (() => void) | null = null;
port.on("message", (m: { credit?: number }) => {
  if (m.credit) {
    credit += m.credit;
    wake?.();
    wake = null;
  }
});

port.once("message", async (opts: ParseOptions) => {
  try {
    const parsed = await openParsedRows(opts);
    port.postMessage({ type: "meta", meta: parsed.meta });
    for await (const rows of parsed.batches) {
      while (credit === 0) await new Promise<void>((r) => (wake = r));
      credit--;
      for (const row of rows) {
        if (row.ok && row.cells) {
          row.cellsJson = JSON.stringify(row.cells);
          row.cells = undefined;
        }
      }
      port.postMessage({ type: "batch", rows, progress: parsed.progress() });
    }
    port.postMessage({ type: "end", progress: parsed.progress() });
  } catch (e) {
    const err = e instanceof RetainError ? { code: e.code, message: e.message, details: e.details } : { code: "INTERNAL", message: (e as Error).message, details: {} };
    port.postMessage({ type: "error", error: err });
  }
});
