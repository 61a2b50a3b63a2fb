/**
 * Money for complaints: non-negative decimal strings, compared and summed exactly.
 */
import { decAdd, decSign, decSub } from "../decimal.ts";

// At most 6 decimals because the store keeps money as micro-units (10⁻⁶).
const MONEY = /^\d{1,15}(?:\.\d{1,6})?$/;

/** Whether `s` is a plain non-negative amount such as "200", "19.90" (no sign, no exponent). */
export const isMoney = (s: unknown): s is string => typeof s === "string" && MONEY.test(s);

/** −1, 0 or 1 as `a` is below, equal to or above `b`. */
export const cmpMoney = (a: string, b: string): -1 | 0 | 1 => decSign(decSub(a, b));

/** The exact sum of the amounts, "0" for none. */
export const sumMoney = (amounts: readonly string[]): string => amounts.reduce((t, a) => decAdd(t, a), "0");
