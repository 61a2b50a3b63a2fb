/**
 * Which column holds which field: --map overrides first, then the preset's own layout,
 * then header synonyms. Presets name known export layouts (UCI Online Retail, Shopify).
 */
import { RetainError } from "../errors.ts";
import type { DateOrder } from "./dates.ts";
import { FIELDS, normalizeHeader, stripHeaderNote, type FieldDef, type ImportKind } from "./fields.ts";
import { PLATFORM_PRESETS } from "./platform-presets.ts";
import { virtualColumns } from "./platforms.ts";

export { FIELDS, IMPORT_KINDS, normalizeHeader, type FieldDef, type ImportKind, type InputOf } from "./fields.ts";

export interface Preset {
  name: string;
  kinds: ImportKind[];
  /** field → header in this layout. */
  columns: Record<string, string>;
  description: string;
  /** field → header, used only when no header matches the field's synonyms. */
  fallback?: Record<string, string>;
  /** Headers of the layout that must never be matched by synonym (order-level totals…). */
  ignore?: string[];
  /** Fields the layout writes on an order's first row only: carried to its later rows. */
  carry?: string[];
  /** Day/month order of the layout's dates, unless the user gives one. */
  dateOrder?: DateOrder;
  /** Headers that identify the layout: all of one of these sets must be present. */
  signatures?: string[][];
}

export const PRESETS: Record<string, Preset> = {
  generic: {
    name: "generic",
    kinds: ["orders", "customers", "products", "interactions"],
    columns: {},
    description: "Any layout: columns are matched by their header names, English or Chinese.",
  },
  "online-retail": {
    name: "online-retail",
    kinds: ["orders"],
    columns: {
      orderNo: "InvoiceNo",
      sku: "StockCode",
      description: "Description",
      quantity: "Quantity",
      orderedAt: "InvoiceDate",
      unitPrice: "UnitPrice",
      customerRef: "CustomerID",
    },
    // Country is where the customer lives, not the channel of the sale (all sales are
    // online): it stays out of the order line.
    ignore: ["Country"],
    dateOrder: "mdy",
    description:
      "The UCI Online Retail (and Online Retail II) layout: an invoice starting with C is a cancellation, " +
      "recorded as a return; dates are month/day/year; Country is not imported.",
    signatures: [
      ["InvoiceNo", "StockCode", "InvoiceDate"],
      ["Invoice", "StockCode", "InvoiceDate"],
    ],
  },
  shopify: {
    name: "shopify",
    kinds: ["orders"],
    columns: {
      orderNo: "Name",
      customerEmail: "Email",
      orderedAt: "Created at",
      currency: "Currency",
      quantity: "Lineitem quantity",
      description: "Lineitem name",
      unitPrice: "Lineitem price",
      sku: "Lineitem sku",
      discount: "Lineitem discount",
      customerName: "Billing Name",
      customerPhone: "Billing Phone",
      status: "Financial Status",
      channel: "Source",
    },
    fallback: { customerRef: "Email" },
    // Order-level money, written on the first line of each order only.
    ignore: ["Total", "Subtotal", "Shipping", "Taxes", "Discount Amount", "Refunded Amount", "Id"],
    carry: ["customerRef", "customerEmail", "customerName", "customerPhone", "orderedAt", "currency", "status", "channel"],
    description:
      "Shopify's orders export: one row per line item, the order fields on the first row of each order only; " +
      "the email identifies the customer; Financial Status becomes the line status (refunded, partially_refunded…).",
    signatures: [["Name", "Lineitem quantity", "Lineitem name"]],
  },
  // Taobao/Tmall, JD, Pinduoduo, Douyin, Youzan, Weidian, AliExpress: see platforms.ts.
  ...PLATFORM_PRESETS,
};

export interface ColumnMapping<K extends ImportKind = ImportKind> {
  kind: K;
  preset: string;
  /** field → 0-based column index. */
  fields: Record<string, number>;
  /** Headers not used by any field. */
  ignored: string[];
}

export interface MapOptions {
  preset?: string;
  /** --map field=column: a header name or a 1-based column number; an empty column unmaps the field. */
  overrides?: Record<string, string>;
  file?: string;
  /** Map what can be mapped and skip the check for required fields (an import preview shows what is missing). */
  lenient?: boolean;
}

/**
 * The preset whose signature headers are all present, else "generic". When the headers
 * fit several presets and none of their signatures contains the others', the file cannot
 * be told apart: that is an error listing the candidates, never a guess.
 */
export function detectPreset(kind: ImportKind, headers: string[], file?: string): string {
  const present = new Set(headers.map(normalizeHeader));
  const found: Array<{ name: string; sig: Set<string> }> = [];
  for (const p of Object.values(PRESETS)) {
    if (!p.kinds.includes(kind) || !p.signatures) continue;
    const matched = p.signatures.map((s) => new Set(s.map(normalizeHeader))).filter((s) => [...s].every((h) => present.has(h)));
    const widest = matched.sort((a, b) => b.size - a.size)[0];
    if (widest) found.push({ name: p.name, sig: widest });
  }
  const within = (a: Set<string>, b: Set<string>) => a.size < b.size && [...a].every((h) => b.has(h));
  const best = found.filter((f) => !found.some((g) => g !== f && within(f.sig, g.sig)));
  if (best.length > 1) {
    const names = best.map((f) => f.name);
    throw new RetainError("BAD_FILE", `${file ?? "The file"} fits several presets (${names.join(", ")}) and cannot be told apart by its headers.`, {
      field: "preset",
      ...(file ? { file } : {}),
      hint: `Choose one: --preset ${names.join(" or --preset ")}.`,
    });
  }
  return best[0]?.name ?? "generic";
}

function findHeader(normalized: string[], header: string, skip?: Set<number>): number | undefined {
  const want = normalizeHeader(header);
  const i = normalized.findIndex((h, idx) => h === want && !skip?.has(idx));
  return i === -1 ? undefined : i;
}

const headerList = (headers: string[]) => headers.map((h, i) => (h === "" ? `(column ${i + 1})` : h)).join(", ");

function presetFor(kind: ImportKind, name: string | undefined, headers: string[]): Preset {
  const chosen = name ?? detectPreset(kind, headers);
  const preset = PRESETS[chosen];
  if (!preset) {
    throw new RetainError("BAD_INPUT", `Unknown preset '${chosen}'. Presets: ${Object.keys(PRESETS).join(", ")}.`, { field: "preset" });
  }
  if (!preset.kinds.includes(kind)) {
    throw new RetainError("BAD_INPUT", `The ${chosen} preset is for ${preset.kinds.join(", ")} files, not ${kind}.`, {
      field: "preset",
      hint: "Leave the preset out to match columns by their names.",
    });
  }
  return preset;
}

/** Applies --map overrides; returns the fields set and the fields explicitly left unmapped. */
function applyOverrides(kind: ImportKind, headers: string[], normalized: string[], overrides: Record<string, string>, file?: string) {
  const set = new Map<string, number>();
  const unmapped = new Set<string>();
  const names = FIELDS[kind].map((f) => f.name);
  for (const [field, column] of Object.entries(overrides)) {
    const name = names.find((n) => n.toLowerCase() === field.trim().toLowerCase());
    if (!name) {
      throw new RetainError("BAD_INPUT", `--map ${field}=${column}: ${kind} have no field '${field}'. Fields: ${names.join(", ")}.`, {
        field,
        ...(file ? { file } : {}),
      });
    }
    const col = column.trim();
    if (col === "") {
      unmapped.add(name);
      continue;
    }
    const index = /^\d+$/.test(col) ? Number(col) - 1 : findHeader(normalized, col);
    if (index === undefined || index < 0 || index >= headers.length) {
      throw new RetainError("BAD_INPUT", `--map ${name}=${col}: the file has no column '${col}'. Its columns: ${headerList(headers)}.`, {
        field: name,
        ...(file ? { file } : {}),
        hint: "Give the header exactly as in the file (case and spaces do not matter), or its position (1 for the first).",
      });
    }
    set.set(name, index);
  }
  return { set, unmapped };
}

/** Finds the column for a field among headers not yet used: exact synonyms first, then headers with a bracketed note removed. */
function matchSynonym(field: FieldDef, normalized: string[], blocked: Set<number>): number | undefined {
  const wanted = [field.name, ...field.synonyms].map(normalizeHeader);
  for (const variant of [normalized, normalized.map(stripHeaderNote)]) {
    for (const w of wanted) {
      const i = variant.findIndex((h, idx) => h === w && !blocked.has(idx));
      if (i !== -1) return i;
    }
  }
  return undefined;
}

function missing(field: FieldDef, headers: string[], file: string | undefined, extra = ""): RetainError {
  const looked = field.synonyms.slice(0, 6).join(", ");
  const garbled = headers.some((h) => h.includes("\uFFFD"));
  return new RetainError(
    "BAD_FILE",
    `${file ?? "The file"} has no column for ${field.description}${extra} (looked for: ${looked}, …). Choose the column that holds it (on the command line: --map ${field.name}=<column>).`,
    {
      field: field.name,
      ...(file ? { file } : {}),
      hint: garbled
        ? "The header has bytes that could not be decoded: is the file GBK? Try --encoding gbk."
        : `Columns in the file: ${headerList(headers)}.`,
    },
  );
}

/** The columns a rejects file adds after the original ones (see ingest/import-file.ts). */
export const REJECTS_COLUMNS: readonly string[] = ["_line", "_errors"];

/** Decides which column holds each field of `kind`; throws BAD_FILE when a required field has no column. */
export function mapColumns<K extends ImportKind>(kind: K, fileHeaders: string[], opts: MapOptions = {}): ColumnMapping<K> {
  const preset = presetFor(kind, opts.preset, fileHeaders);
  // A platform preset's computed columns (the composite buyer, the net amount) come after
  // the file's own, as the row parser sees them (platforms.ts).
  const headers = [...fileHeaders, ...virtualColumns(preset).filter((v) => !fileHeaders.includes(v))];
  const normalized = headers.map(normalizeHeader);
  const { set, unmapped } = applyOverrides(kind, headers, normalized, opts.overrides ?? {}, opts.file);
  const defs = FIELDS[kind];
  const open = (f: FieldDef) => !set.has(f.name) && !unmapped.has(f.name);

  for (const f of defs.filter(open)) {
    const header = preset.columns[f.name];
    const i = header !== undefined ? findHeader(normalized, header) : undefined;
    if (i !== undefined) set.set(f.name, i);
  }
  const blocked = new Set<number>(set.values());
  // The two columns a rejects file adds are never data, whatever their names resemble.
  headers.forEach((h, i) => REJECTS_COLUMNS.includes(h) && blocked.add(i));
  for (const h of preset.ignore ?? []) {
    const i = findHeader(normalized, h);
    if (i !== undefined) blocked.add(i);
  }
  for (const f of defs.filter(open)) {
    const i = matchSynonym(f, normalized, blocked);
    if (i !== undefined) {
      set.set(f.name, i);
      blocked.add(i);
    }
  }
  for (const f of defs.filter(open)) {
    const header = preset.fallback?.[f.name];
    const i = header !== undefined ? findHeader(normalized, header) : undefined;
    if (i !== undefined) set.set(f.name, i);
  }

  for (const f of defs) if (!opts.lenient && f.required && !set.has(f.name)) throw missing(f, headers, opts.file);
  // Orders need an amount, or a quantity and a unit price (the quantity defaults to 1 only beside an amount).
  if (kind === "orders" && !opts.lenient && !set.has("amount")) {
    if (!set.has("unitPrice")) throw missing(defs.find((f) => f.name === "amount")!, headers, opts.file, " nor for the unit price");
    if (!set.has("quantity")) throw missing(defs.find((f) => f.name === "quantity")!, headers, opts.file, " to go with the unit price");
  }

  const used = new Set(set.values());
  const fields: Record<string, number> = {};
  for (const f of defs) if (set.has(f.name)) fields[f.name] = set.get(f.name)!;
  return { kind, preset: preset.name, fields, ignored: fileHeaders.filter((_, i) => !used.has(i)) };
}
