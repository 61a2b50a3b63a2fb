/** How the report writes numbers: money exact from micro-units, shares with one decimal. */
import { microsText } from "../value-report.service.ts";

/** "1234567" → "1,234,567" (digits only, no sign). */
function group(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+$)/g, ",");
}

/**
 * Micro-units as exact money with thousands separators and at least two decimals:
 * 1_234_567_500_000n → "1,234,567.50", 1n → "0.000001". Nothing is rounded.
 */
export function money(micros: bigint): string {
  const text = microsText(micros);
  const neg = text.startsWith("-");
  const [int, frac = ""] = (neg ? text.slice(1) : text).split(".");
  return `${neg ? "-" : ""}${group(int!)}.${frac.padEnd(2, "0")}`;
}

/** A whole number with thousands separators. */
export const count = (n: number): string => (n < 0 ? `-${group(String(-n))}` : group(String(n)));

/** A share as a percentage with one decimal; null (a share of nothing) as a dash. */
export const percent = (x: number | null): string => (x === null ? "—" : `${(x * 100).toFixed(1)}%`);

/** An ordinary number (an average order value) with two decimals and separators. */
export function decimal(x: number | null): string {
  if (x === null) return "—";
  const [int, frac] = Math.abs(x).toFixed(2).split(".");
  const text = `${group(int!)}.${frac}`;
  return x < 0 && /[1-9]/.test(text) ? `-${text}` : text;
}
