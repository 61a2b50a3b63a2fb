/**
 * Reading one record's fields through a column mapping: each getter returns the value or
 * undefined and records why a cell was rejected, so a row reports every fault at once.
 */
import type { ColumnMapping } from "./columns.ts";
import { parseDate, type DateOptions } from "./dates.ts";
import type { TableRecord } from "./read/table.ts";
import type { RowError } from "./rows.ts";
import { cleanId, parseBoolean, parseEmail, parseNumber, parsePhone, parseWholeNumber, type Money, type Parsed } from "./values.ts";

/** Why a whole record cannot be read (bad bytes, wrong field count), before any field. */
export function recordProblem(rec: TableRecord, headers: string[], encoding: string | undefined): RowError | undefined {
  if (rec.invalidEncoding) {
    const utf8 = encoding === undefined || encoding.startsWith("utf-8");
    return {
      reason: utf8
        ? "invalid UTF-8 bytes (is the file GBK? try --encoding gbk)"
        : `bytes that are not valid ${encoding} (try another --encoding)`,
    };
  }
  if (rec.cells.length !== headers.length) {
    return { reason: `row has ${rec.cells.length} field${rec.cells.length === 1 ? "" : "s"}, the header has ${headers.length}` };
  }
  return undefined;
}

/**
 * Reads one record. A class, not a bag of closures: a million rows make a million readers,
 * and methods on the prototype cost nothing per row.
 */
export class RowReader {
  readonly errors: RowError[] = [];

  constructor(
    private readonly mapping: ColumnMapping,
    private readonly headers: string[],
    private readonly cells: string[],
    private readonly dates: DateOptions,
  ) {}

  /** The trimmed cell of a field; undefined when the field has no column or the cell is empty. */
  raw(field: string): string | undefined {
    const i = this.mapping.fields[field];
    const v = i === undefined ? undefined : this.cells[i]?.trim();
    return v === "" ? undefined : v;
  }

  /** Records why a field's cell was rejected. */
  fail(field: string, reason: string): undefined {
    const i = this.mapping.fields[field];
    const value = i === undefined ? undefined : this.cells[i]?.trim();
    this.errors.push({
      ...(i !== undefined ? { column: this.headers[i] ?? `column ${i + 1}` } : {}),
      ...(value ? { value } : {}),
      reason,
    });
    return undefined;
  }

  /** Runs a parser over a non-empty cell, recording its reason on failure. */
  parsed<T>(field: string, parse: (s: string) => Parsed<T>): T | undefined {
    const v = this.raw(field);
    if (v === undefined) return undefined;
    const p = parse(v);
    return p.ok ? p.value : this.fail(field, p.reason);
  }

  has(field: string): boolean {
    return this.mapping.fields[field] !== undefined;
  }

  text(field: string): string | undefined {
    return this.raw(field);
  }

  id(field: string): string | undefined {
    const v = this.raw(field);
    return v === undefined ? undefined : cleanId(v);
  }

  /** A required field: its parsed value, or `missing` recorded as the reason. */
  need<T>(field: string, value: T | undefined, missing: string): T | undefined {
    if (value === undefined && this.raw(field) === undefined) this.fail(field, missing);
    return value;
  }

  number(field: string): Money | undefined {
    return this.parsed(field, parseNumber);
  }

  whole(field: string): number | undefined {
    return this.parsed(field, parseWholeNumber);
  }

  date(field: string): string | undefined {
    const v = this.raw(field);
    if (v === undefined) return undefined;
    const p = parseDate(v, this.dates);
    return p.ok ? p.value : this.fail(field, p.reason);
  }

  email(field: string): string | undefined {
    return this.parsed(field, parseEmail);
  }

  phone(field: string): string | undefined {
    return this.parsed(field, parsePhone);
  }

  bool(field: string): boolean | undefined {
    return this.parsed(field, parseBoolean);
  }

  /** A value from a closed list, matched case-insensitively through `table`. */
  oneOf<T>(field: string, table: Record<string, T>, reason: (v: string) => string): T | undefined {
    return this.parsed(field, (s) => {
      const v = table[s.toLowerCase().replace(/[\s-]+/g, "_")];
      return v === undefined ? { ok: false, reason: reason(s) } : { ok: true, value: v };
    });
  }
}

export function rowReader(mapping: ColumnMapping, headers: string[], cells: string[], dates: DateOptions): RowReader {
  return new RowReader(mapping, headers, cells, dates);
}

/** Copies only the defined properties, so records carry no `key: undefined`. */
export function defined<T extends object>(o: T): T {
  const out = {} as T;
  for (const k in o) if (o[k] !== undefined) out[k] = o[k];
  return out;
}
