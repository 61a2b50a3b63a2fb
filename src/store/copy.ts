import { CompiledQuery, sql, type Kysely, type Transaction } from "kysely";

/**
 * Bulk loading and bulk reading through COPY, the fastest way into and out of PostgreSQL and
 * PGlite alike. Kysely has no COPY, so a copy travels as a compiled query whose only
 * parameter is a CopyPayload (in) or a CopyOutSink (out); both of our drivers recognise them
 * and run their engine's COPY.
 */
/** One row for COPY: its values in column order. */
export type CopyRow = ReadonlyArray<string | number | boolean | null | undefined>;

export class CopyPayload {
  constructor(readonly text: string) {}
}

/** Where a `copy (…) to stdout` delivers its output: COPY's text format, in byte chunks that may split a row. */
export class CopyOutSink {
  constructor(readonly write: (chunk: Uint8Array) => void) {}
}

/**
 * Runs `copy (select) to stdout` on the connection of `db` and hands the output to `write`
 * as it arrives (PostgreSQL streams it; PGlite produces it whole, then it is handed over in
 * slices). COPY takes no bind parameters: `select` must be compiled with its values inlined
 * (`sql.lit`), and a compiled select that still has parameters is refused.
 */
export async function copyOut(db: Kysely<any> | Transaction<any>, select: CompiledQuery, write: (chunk: Uint8Array) => void): Promise<void> {
  if (select.parameters.length > 0) throw new Error("copyOut: inline the select's values (sql.lit); COPY takes no parameters");
  await db.executeQuery(CompiledQuery.raw(`copy (${select.sql}) to stdout`, [new CopyOutSink(write)]));
}

/** Encodes rows in COPY's text format: tab-separated, \N for null, backslash escapes. */
export function copyText(rows: ReadonlyArray<CopyRow>): string {
  let out = "";
  for (const row of rows) {
    for (let i = 0; i < row.length; i++) {
      if (i > 0) out += "\t";
      const v = row[i];
      if (v === null || v === undefined) out += "\\N";
      else if (typeof v === "string") out += /[\\\t\n\r]/.test(v) ? v.replace(/[\\\t\n\r]/g, escapeChar) : v;
      else out += v === true ? "t" : v === false ? "f" : String(v);
    }
    out += "\n";
  }
  return out;
}

const escapeChar = (c: string) => (c === "\\" ? "\\\\" : c === "\t" ? "\\t" : c === "\n" ? "\\n" : "\\r");

/** Copies rows into `table (columns)` on the connection of `db` (use it inside a transaction). */
export async function copyInto(
  db: Kysely<any> | Transaction<any>,
  table: string,
  columns: readonly string[],
  rows: ReadonlyArray<CopyRow>,
): Promise<void> {
  if (rows.length === 0) return;
  const query = CompiledQuery.raw(`copy ${table} (${columns.join(", ")}) from stdin`, [new CopyPayload(copyText(rows))]);
  await db.executeQuery(query);
}

/**
 * `n` new ids from a sequence, for rows about to be COPYed. They come back as one string,
 * not a row each: with PGlite, tens of thousands of result rows cost more than the ids.
 */
export async function nextIds(db: Kysely<any> | Transaction<any>, sequence: string, n: number): Promise<number[]> {
  if (n === 0) return [];
  const res = await sql<{ ids: string }>`select array_to_string(array(select nextval(${sequence}::regclass) from generate_series(1, ${n}::int)), ',') as ids`.execute(db);
  return res.rows[0]!.ids.split(",").map(Number);
}
