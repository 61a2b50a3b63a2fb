/**
 * The rules the order exports of Chinese shop platforms (Taobao/Tmall, JD, Pinduoduo,
 * Douyin, Youzan, Weidian, AliExpress) need beyond a column layout: which orders are not
 * sales, which are refunds, who the buyer is, and the spreadsheet damage their ids suffer.
 * The presets using them are in platform-presets.ts; docs/imports.md describes each one.
 */
import { decAdd, decSub } from "../domain/decimal.ts";
import type { Preset } from "./columns.ts";
import { normalizeHeader } from "./fields.ts";
import type { RowError } from "./rows.ts";
import { parseNumber } from "./values.ts";

export interface PlatformRules {
  /** The platform's name, as the summary shows it. */
  label: string;
  /** How the buyer is identified, as the import summary says it. */
  identity: string;
  /**
   * A buyer id built from cells (platforms that give no buyer id), tried way by way: the
   * first way whose `need` cells are all present and unmasked gives the id, its `columns`'
   * non-empty, unmasked cells joined with " / ". No way left: the virtual buyer cell is
   * empty, and `required` says why (Pinduoduo: the receiver and the phone, else the receiver
   * and the street address; never a district alone).
   */
  composite?: Array<{ columns: string[]; need: string[] }>;
  /** Money columns whose sum minus `minus` is the line amount (a virtual column). */
  amount?: { base: string[]; minus?: string[] };
  /**
   * The currency of a file whose money carries none (AliExpress writes "$12.50"): a virtual
   * currency column holding the code written with the `amount` cells, else this one.
   */
  currency?: string;
  /** Phone columns: a masked phone (138****1234) is blanked, never stored nor matched. */
  phones?: string[];
  /** Id columns that must not hold a number Excel turned into scientific notation. */
  ids: string[];
  /** Cells a row cannot do without (a virtual column too): empty, the row is rejected with this reason. */
  required?: Array<{ column: string; reason: string }>;
  /** The order status column and the statuses that mean the order never became a sale. */
  status?: string;
  notSale?: string[];
  /** Statuses that are no sale unless the order was paid (交易关闭 after a payment is a refund). */
  closed?: string[];
  /** The payment-time column that tells a paid closed order from an unpaid one. */
  paidAt?: string;
  /** After-sale status column and the statuses meaning the whole line was refunded. */
  afterSale?: string;
  refunded?: string[];
  /** A refund-amount column: a positive amount becomes a return of that amount. */
  refundAmount?: string;
  /**
   * An order-level row that packs several items in one cell: counted by a kinds column, or
   * by the times `marker` starts an item in the cell; `hint` says what to export instead.
   */
  packed?: { title: string; kinds?: string; marker?: string; hint: string };
  /** Only the other file of a pair: importing it alone is refused with this hint. */
  pairOnly?: string;
}

/** A platform preset: a column layout with the platform's rules. */
export type PlatformPreset = Preset & { platform: PlatformRules };

/** The virtual columns a platform preset adds to the file's own. */
export const BUYER_COLUMN = "买家 (buyer)";
export const CURRENCY_COLUMN = "币种 (currency)";
/** The virtual amount column's name: "base + base − minus − minus". */
export const amountColumn = (a: NonNullable<PlatformRules["amount"]>) => [a.base.join(" + "), ...(a.minus ?? [])].join(" − ");

const SCIENTIFIC = /^[-+]?\d+(?:\.\d+)?e[-+]?\d+$/i;
const MASKED = /\*/;
const EMPTY_MARKS = new Set(["-", "--", "—", "－"]);

/**
 * A platform cell as a person means it: `="123"` (Excel's keep-as-text trick) is 123, a
 * leading apostrophe or tab (another such trick) is dropped, and `-` means empty.
 */
export function cleanPlatformCell(raw: string): string {
  let t = raw.trim();
  const formula = /^="(.*)"$/s.exec(t);
  if (formula) t = formula[1]!.replace(/""/g, '"').trim();
  if (t.startsWith("'")) t = t.slice(1).trim();
  return EMPTY_MARKS.has(t) ? "" : t;
}

export interface PlatformVerdict {
  /** Why the row is no sale (it is skipped, not rejected). */
  skip?: string;
  /** The row's line is also returned: "all" of it, or the refund amount as written. */
  refund?: { all: true } | { amount: string; column: string };
  warnings: string[];
  errors: RowError[];
}

/** How one platform preset reads a file: the headers with its virtual columns, and per-record rules. */
export interface PlatformView {
  /** The file's headers, then the virtual columns. */
  headers: string[];
  fileHeaders: string[];
  /** Cleans the cells and appends the virtual columns. */
  prepare(cells: string[]): string[];
  /** Reads the prepared cells: skip, refund, warnings, errors. */
  judge(cells: string[]): PlatformVerdict;
}

/** The computed columns a preset adds after the file's own (the composite buyer, the net amount). */
export function virtualColumns(preset: Preset): string[] {
  const rules = (preset as Partial<PlatformPreset>).platform;
  return [
    ...(rules?.composite ? [BUYER_COLUMN] : []),
    ...(rules?.amount ? [amountColumn(rules.amount)] : []),
    ...(rules?.currency ? [CURRENCY_COLUMN] : []),
  ];
}

export function platformView(preset: Preset, fileHeaders: string[]): PlatformView | undefined {
  const rules = (preset as Partial<PlatformPreset>).platform;
  if (!rules) return undefined;
  const headers = [...fileHeaders, ...virtualColumns(preset)];
  const norm = headers.map(normalizeHeader);
  // The first column of that name: a header written twice is read from its first column.
  const col = (h: string | undefined) => {
    if (h === undefined) return undefined;
    const i = norm.indexOf(normalizeHeader(h));
    return i === -1 ? undefined : i;
  };
  const cols = (hs: string[] | undefined) => (hs ?? []).map(col).filter((i): i is number => i !== undefined);
  const phoneCols = new Set(cols(rules.phones));
  const idCols = cols(rules.ids);
  const required = (rules.required ?? []).map((r) => ({ ...r, i: col(r.column) }));
  const [status, paidAt, afterSale, refundAmount] = [col(rules.status), col(rules.paidAt), col(rules.afterSale), col(rules.refundAmount)];
  const packed = rules.packed ? { ...rules.packed, title: col(rules.packed.title), kinds: col(rules.packed.kinds) } : undefined;
  const inList = (v: string, list: string[] | undefined) => !!list?.some((s) => normalizeHeader(s) === normalizeHeader(v));
  // A way whose columns the file lacks can never apply.
  const ways = (rules.composite ?? []).map((w) => ({ columns: w.columns.map(col), need: w.need.map(col) }));

  const usable = (v: string | undefined) => v !== undefined && v !== "" && !MASKED.test(v);
  const compositeOf = (cells: string[]): string => {
    const way = ways.find((w) => w.need.every((i) => i !== undefined && usable(cells[i])));
    if (!way) return "";
    return way.columns.map((i) => (i === undefined ? "" : (cells[i] ?? ""))).filter(usable).join(" / ");
  };
  const money = (cells: string[], hs: string[]) => cols(hs).map((i) => cells[i] ?? "").filter((v) => v !== "");
  const amountOf = (cells: string[]): string => {
    const a = rules.amount!;
    let sum = "0";
    for (const [sign, hs] of [[1, a.base], [-1, a.minus ?? []]] as const) {
      for (const v of money(cells, hs)) {
        const p = parseNumber(v);
        if (!p.ok) return v; // read (and rejected) as written, naming this column
        sum = sign === 1 ? decAdd(sum, p.value.value) : decSub(sum, p.value.value);
      }
    }
    return sum;
  };
  // The code written with the amounts ("USD 12.50") wins over the platform's default.
  const currencyOf = (cells: string[]): string => {
    for (const v of money(cells, rules.amount?.base ?? [])) {
      const p = parseNumber(v);
      if (p.ok && p.value.currency) return p.value.currency;
    }
    return rules.currency!;
  };
  const countOf = (p: NonNullable<typeof packed>, cells: string[], title: string): number => {
    if (p.kinds !== undefined) return Number(cells[p.kinds] ?? "");
    return p.marker ? title.split(p.marker).length - 1 : 0;
  };

  return {
    headers,
    fileHeaders,
    prepare(raw) {
      const clean = raw.map(cleanPlatformCell);
      const cells = [...clean];
      // A masked phone is no phone: never stored, never matched.
      for (const i of phoneCols) if (MASKED.test(cells[i] ?? "")) cells[i] = "";
      if (rules.composite) cells.push(compositeOf(clean));
      if (rules.amount) cells.push(amountOf(cells));
      if (rules.currency) cells.push(currencyOf(cells));
      return cells;
    },
    judge(cells) {
      const verdict: PlatformVerdict = { warnings: [], errors: [] };
      for (const i of idCols) {
        const v = cells[i] ?? "";
        if (SCIENTIFIC.test(v)) {
          verdict.errors.push({
            column: fileHeaders[i], value: v,
            reason: `the id was turned into scientific notation (by Excel) and its last digits are lost, so it cannot be matched: ` +
              `export the file from ${rules.label} again and import it without opening and saving it in Excel (or format the column as text first)`,
          });
        }
      }
      const st = status === undefined ? "" : (cells[status] ?? "");
      if (inList(st, rules.notSale)) verdict.skip = `not a sale (${st})`;
      else if (inList(st, rules.closed) && (paidAt === undefined || (cells[paidAt] ?? "") === "")) verdict.skip = `not a sale (${st}, never paid)`;
      if (verdict.skip) return verdict;
      for (const r of required) if ((r.i === undefined ? "" : (cells[r.i] ?? "")) === "") verdict.errors.push({ column: r.column, reason: r.reason });
      const after = afterSale === undefined ? "" : (cells[afterSale] ?? "");
      const refund = refundAmount === undefined ? "" : (cells[refundAmount] ?? "");
      if (refund !== "") {
        const p = parseNumber(refund);
        if (!p.ok) verdict.errors.push({ column: fileHeaders[refundAmount!], value: refund, reason: p.reason });
        else if (!p.value.value.startsWith("-") && p.value.value !== "0") verdict.refund = { amount: p.value.value, column: fileHeaders[refundAmount!]! };
      }
      if (!verdict.refund && inList(after, rules.refunded)) verdict.refund = { all: true };
      if (packed) {
        const title = packed.title === undefined ? "" : (cells[packed.title] ?? "");
        const kinds = countOf(packed, cells, title);
        // One line of at most 60 characters: AliExpress packs four lines per product in the cell.
        const shown = title.replace(/\s+/g, " ");
        const short = shown.length > 60 ? `${shown.slice(0, 59)}…` : shown;
        if (kinds > 1) verdict.warnings.push(`${kinds} kinds of item in one row (${short}): kept as one line with the packed title; ${packed.hint}`);
      }
      return verdict;
    },
  };
}
