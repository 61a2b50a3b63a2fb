/**
 * Cell text → normalized values. Money and quantities stay decimal strings end to end:
 * parsing is string manipulation only, so "0.10" never becomes 0.1000000000000000055.
 */
import { decNegate } from "../domain/decimal.ts";
import { currencyCode, unknownCurrency } from "./currencies.ts";

export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };
export const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
export const fail = <T = never>(reason: string): Parsed<T> => ({ ok: false, reason });

/**
 * A plain number string (digits, one optional point, optional sign, optional exponent as
 * JavaScript or Excel write it) in canonical form: no leading zeros, no trailing
 * fractional zeros, no exponent, no "-0". Undefined when it is not such a string.
 */
export function plainDecimal(s: string): string | undefined {
  const m = /^([-+]?)(\d*)(?:\.(\d*))?(?:[eE]([-+]?\d+))?$/.exec(s);
  if (!m) return undefined;
  let int = m[2] ?? "";
  let frac = m[3] ?? "";
  if (int === "" && frac === "") return undefined;
  const exp = m[4] !== undefined ? Number(m[4]) : 0;
  if (Math.abs(exp) > 400) return undefined;
  if (exp > 0) {
    frac = frac.padEnd(exp, "0");
    int += frac.slice(0, exp);
    frac = frac.slice(exp);
  } else if (exp < 0) {
    int = int.padStart(-exp + 1, "0");
    frac = int.slice(int.length + exp) + frac;
    int = int.slice(0, int.length + exp);
  }
  int = int.replace(/^0+/, "") || "0";
  frac = frac.replace(/0+$/, "");
  const body = frac === "" ? int : `${int}.${frac}`;
  return body === "0" || m[1] !== "-" ? body : `-${body}`;
}

export const isNegative = (d: string): boolean => d.startsWith("-");
export const isZero = (d: string): boolean => d === "0";
export const negate = decNegate;
export const abs = (d: string): string => (isNegative(d) ? d.slice(1) : d);

/** Printable ASCII without spaces: nothing for normalizeText to do (the common case, checked first). */
const PLAIN_ASCII = /^[\x21-\x7e]*$/;

/** Full-width digits and signs to ASCII, the minus sign to a hyphen, any odd space to a space. */
export const normalizeText = (raw: string): string =>
  PLAIN_ASCII.test(raw)
    ? raw
    : raw.normalize("NFKC").replace(/[\u2212\u2012\u2013\uFE63]/g, "-").replace(/[\s\u00a0\u202f\u3000]+/g, " ").trim();

const SYMBOL = /^(?:US\$|HK\$|NT\$|R\$|A\$|C\$|S\$|\$|¥|€|£|₩|₹|₽|฿|₫|₱|₺|₪)/;
const SYMBOL_END = /(?:US\$|HK\$|\$|¥|€|£|₩|₹|₽|฿|₫|₱|₺|₪|元)$/;
const GROUPED = /^\d{1,3}(?:[,.' ]\d{3})+$/;

export interface Money {
  /** Canonical decimal string. */
  value: string;
  /** ISO code written with the number ("CNY 12", "12 usd"), if any. */
  currency?: string;
}

const NOT_A_NUMBER = "not a number (expected e.g. 1234.50)";
const PLAIN_NUMBER = /^-?\d+(?:\.\d+)?$/;

/**
 * Parses a number as people write it in spreadsheets: thousands separators (1,234.50 or
 * 1.234,50 or 1 234,50), a decimal comma (12,5), currency symbols and codes (¥12, $12,
 * CNY 12, 12元), full-width digits, accounting negatives "(12.00)", a trailing minus,
 * an exponent (1.2E+05). One comma followed by exactly three digits is a thousands
 * separator (1,234 = 1234); with any other digit count it is a decimal comma.
 */
export function parseNumber(raw: string): Parsed<Money> {
  // Most cells are plain decimals ("12", "-3.50"): canonical form without the general rules.
  if (PLAIN_NUMBER.test(raw)) return ok({ value: plainDecimal(raw)! });
  let s = normalizeText(raw);
  if (s === "") return fail("empty");
  let signs = 0;
  let neg = false;
  let code: string | undefined;
  for (let changed = true; changed && s !== ""; ) {
    changed = true;
    let m: RegExpExecArray | null;
    if (s.startsWith("(") && s.endsWith(")")) {
      neg = !neg;
      signs++;
      s = s.slice(1, -1);
    } else if (/^[-+]/.test(s) || /-$/.test(s)) {
      if (s.startsWith("-") || s.endsWith("-")) neg = !neg;
      signs++;
      s = /^[-+]/.test(s) ? s.slice(1) : s.slice(0, -1);
    } else if ((m = SYMBOL.exec(s)) || (m = SYMBOL_END.exec(s))) {
      s = m.index === 0 ? s.slice(m[0].length) : s.slice(0, m.index);
    } else if ((m = /^([A-Za-z]{3})(?![A-Za-z])/.exec(s)) || (m = /(?<![A-Za-z])([A-Za-z]{3})$/.exec(s))) {
      const c = currencyCode(m[1]!);
      if (c === undefined) return fail(/\d/.test(s) ? unknownCurrency(m[1]!) : NOT_A_NUMBER);
      if (code !== undefined && code !== c) return fail(NOT_A_NUMBER);
      code = c;
      s = m.index === 0 ? s.slice(3) : s.slice(0, m.index);
    } else changed = false;
    s = s.trim();
  }
  if (signs > 1) return fail(NOT_A_NUMBER);
  const body = decimalBody(s);
  if (body === undefined) return fail(NOT_A_NUMBER);
  const value = neg ? negate(body) : body;
  return ok(code !== undefined ? { value, currency: code } : { value });
}

/** The digits, separators and exponent left after signs and currency are stripped → canonical decimal. */
function decimalBody(s: string): string | undefined {
  const em = /^(.*?)(?:[eE]([-+]?\d{1,3}))?$/.exec(s);
  const mant = em?.[1] ?? "";
  const exp = em?.[2] !== undefined ? `e${em[2]}` : "";
  if (!/^[\d.,' ]+$/.test(mant) || !/\d/.test(mant)) return undefined;
  const lastDot = mant.lastIndexOf(".");
  const lastComma = mant.lastIndexOf(",");
  let int: string;
  let frac: string | undefined;
  if (lastDot !== -1 && lastComma !== -1) {
    // Both present: the last one is the decimal point.
    const at = Math.max(lastDot, lastComma);
    [int, frac] = [mant.slice(0, at), mant.slice(at + 1)];
  } else if (lastComma !== -1 || lastDot !== -1) {
    const sep = lastComma !== -1 ? "," : ".";
    const parts = mant.split(sep);
    if (parts.length > 2) [int, frac] = [mant, undefined];
    else if (sep === "," && GROUPED.test(mant) && !mant.startsWith("0")) [int, frac] = [mant, undefined];
    else [int, frac] = [parts[0]!, parts[1]];
  } else [int, frac] = [mant, undefined];
  if (frac !== undefined && !/^\d*$/.test(frac)) return undefined;
  if (/[^\d]/.test(int)) {
    if (!GROUPED.test(int)) return undefined;
    const seps = new Set(int.replace(/\d/g, ""));
    if (seps.size > 1) return undefined;
    int = int.replace(/[^\d]/g, "");
  }
  if (int === "" && (frac === undefined || frac === "")) return undefined;
  return plainDecimal(`${int}${frac !== undefined ? `.${frac}` : ""}${exp}`);
}

/** A count or number of days: a whole number. */
export function parseWholeNumber(raw: string): Parsed<number> {
  const n = parseNumber(raw);
  if (!n.ok) return n;
  if (n.value.currency || !/^-?\d+$/.test(n.value.value)) return fail("not a whole number");
  const v = Number(n.value.value);
  return Number.isSafeInteger(v) ? ok(v) : fail("not a whole number");
}

const TRUE = new Set(["true", "yes", "y", "1", "t", "x", "是", "是的", "对", "退货", "退款", "return", "returned", "refund", "refunded"]);
const FALSE = new Set(["false", "no", "n", "0", "f", "否", "不是", "sale", "正常", "销售"]);

/** Yes/no cells as people fill them in, English and Chinese. */
export function parseBoolean(raw: string): Parsed<boolean> {
  const t = normalizeText(raw).toLowerCase();
  if (TRUE.has(t)) return ok(true);
  if (FALSE.has(t)) return ok(false);
  return fail("not a yes/no value (use yes or no)");
}

/** Light check only: one @, something before it, a dotted domain after it, no spaces. */
export function parseEmail(raw: string): Parsed<string> {
  const t = normalizeText(raw).replace(/^mailto:/i, "").toLowerCase();
  return /^[^\s@,;<>()]+@[^\s@,;<>()]+\.[a-z\u00a1-\uffff]{2,}$/.test(t) && !t.includes("..")
    ? ok(t)
    : fail("not an email address (expected e.g. name@example.com)");
}

/** Phone numbers keep digits and a leading +; spaces, dashes, dots and parentheses go. */
export function parsePhone(raw: string): Parsed<string> {
  const t = normalizeText(raw).replace(/[\s\-.()\/]/g, "");
  return /^\+?\d{3,20}$/.test(t) ? ok(t) : fail("not a phone number (digits, optionally starting with +)");
}

/**
 * Ids as text. Spreadsheets that stored an id as a number export it as "17850.0": the
 * zero fraction is dropped so the same customer keeps one id across files.
 */
export function cleanId(raw: string): string {
  const t = normalizeText(raw);
  return /^\d+\.0+$/.test(t) ? t.slice(0, t.indexOf(".")) : t;
}
