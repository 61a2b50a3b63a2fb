/**
 * Excel cell values as the text a person sees in the cell: dates as ISO, numbers without
 * float noise or exponents, rich text, hyperlinks and formulas as their text or result.
 */
import { plainDecimal } from "../values.ts";

const DAY_MS = 86_400_000;
const pad = (n: number, w = 2) => String(n).padStart(w, "0");

/** exceljs gives date cells as JS Dates whose UTC fields are the wall-clock date and time. */
export function dateCellText(d: Date): string {
  const t = d.getTime();
  if (Number.isNaN(t)) return "";
  // Serial fractions land a few ms off the second (…:59.999): round to the nearest second.
  const s = new Date(Math.round(t / 1000) * 1000);
  const date = `${pad(s.getUTCFullYear(), 4)}-${pad(s.getUTCMonth() + 1)}-${pad(s.getUTCDate())}`;
  if (s.getTime() % DAY_MS === 0) return date;
  return `${date}T${pad(s.getUTCHours())}:${pad(s.getUTCMinutes())}:${pad(s.getUTCSeconds())}`;
}

/**
 * A number as Excel shows it: integers up to 2^53 exactly; otherwise at most 15
 * significant digits (Excel's own precision, which drops 0.1+0.2 style noise), never in
 * exponent form.
 */
export function numberCellText(n: number): string {
  if (!Number.isFinite(n)) return "";
  if (Number.isSafeInteger(n)) return String(n === 0 ? 0 : n);
  let s = String(n);
  const digits = s.replace(/^-/, "").replace(/e.*$/i, "").replace(".", "").replace(/^0+/, "");
  if (digits.length > 15) s = n.toPrecision(15);
  return plainDecimal(s) ?? "";
}

/** A date format code has date or time letters outside quoted text and [..] sections. */
export function isDateFormat(fmt: string | undefined): boolean {
  if (!fmt || fmt === "General" || fmt === "@") return false;
  const bare = fmt.replace(/"[^"]*"/g, "").replace(/\[[^\]]*\]/g, "").replace(/\\./g, "");
  return /[dmyhs]/i.test(bare) && !/^[#0.,%\s]*$/.test(bare);
}

/** Excel's 1900 date system: serial 25569 is 1970-01-01. */
export const serialToDate = (serial: number): Date => new Date(Math.round((serial - 25569) * DAY_MS));

interface RichTextRun {
  text?: string;
}

/** The text of any exceljs cell value; `numFmt` turns numeric formula results that are dates into dates. */
export function cellText(value: unknown, numFmt?: string): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number") return numberCellText(value);
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (value instanceof Date) return dateCellText(value);
  if (typeof value === "object") {
    const v = value as Record<string, unknown>;
    if (Array.isArray(v.richText)) return (v.richText as RichTextRun[]).map((r) => r.text ?? "").join("");
    if ("formula" in v || "sharedFormula" in v) {
      const result = v.result;
      if (typeof result === "number" && isDateFormat(numFmt)) return dateCellText(serialToDate(result));
      return cellText(result, numFmt);
    }
    if ("text" in v) return cellText(v.text, numFmt); // hyperlink: { text, hyperlink }
    if (typeof v.error === "string") return v.error;
  }
  return String(value);
}
