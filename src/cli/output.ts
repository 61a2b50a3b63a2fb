import { CommanderError } from "commander";
import { isRetainError } from "../errors.ts";

/** Global flags every command sees. */
export interface GlobalOptions {
  data?: string;
  json?: boolean;
  verbose?: boolean;
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** Prints rows as an aligned text table (wide characters count double, as terminals show them). */
export function printTable(rows: ReadonlyArray<Record<string, unknown>>, columns?: string[]): void {
  if (rows.length === 0) {
    process.stdout.write("(none)\n");
    return;
  }
  const cols = columns ?? Object.keys(rows[0]!);
  const cell = (v: unknown) => (v === null || v === undefined ? "" : v instanceof Date ? v.toISOString() : typeof v === "object" ? JSON.stringify(v) : String(v));
  const widths = cols.map((c) => Math.max(displayWidth(c), ...rows.map((r) => displayWidth(cell(r[c])))));
  const line = (values: string[]) => values.map((v, i) => v + " ".repeat(widths[i]! - displayWidth(v))).join("  ").trimEnd();
  process.stdout.write(`${line(cols)}\n${line(widths.map((w) => "-".repeat(w)))}\n`);
  for (const r of rows) process.stdout.write(`${line(cols.map((c) => cell(r[c])))}\n`);
}

export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\u115F\u2E80-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6]/.test(ch) ? 2 : 1;
  return w;
}

/** Turns any error into a message for a person; the stack only with --verbose. Returns the exit code. */
export function reportError(e: unknown, verbose: boolean): number {
  if (e instanceof CommanderError) return e.exitCode;
  if (isRetainError(e)) {
    const where = [e.details.file, e.details.line !== undefined ? `line ${e.details.line}` : undefined, e.details.field ? `field ${e.details.field}` : undefined]
      .filter(Boolean)
      .join(", ");
    process.stderr.write(`error: ${e.message}${where && !e.message.includes(e.details.file ?? "\u0000") ? ` (${where})` : ""}\n`);
    if (e.details.hint) process.stderr.write(`hint: ${e.details.hint}\n`);
    if (verbose && e.stack) process.stderr.write(`${e.stack}\n${e.cause instanceof Error ? `caused by: ${e.cause.stack}\n` : ""}`);
    return e.code === "BAD_INPUT" || e.code === "BAD_CONFIG" ? 2 : 1;
  }
  const err = e as Error;
  process.stderr.write(`error: ${err?.message ?? String(e)}\n`);
  if (verbose) process.stderr.write(`${err?.stack ?? ""}\n`);
  else process.stderr.write("hint: run again with --verbose for details.\n");
  return 1;
}
