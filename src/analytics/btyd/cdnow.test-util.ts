/**
 * The CDNOW sample (test/fixtures/btyd/) in the literature's set-up: purchase occasions are
 * distinct days per customer, the calibration period ends 1997-09-30 (39 weeks after the
 * cohort's start on 1997-01-01), times in weeks, x = repeat occasions, mx = mean of the
 * repeat occasions' day totals; the holdout runs to 1998-06-30 (another 39 weeks).
 */

import fs from "node:fs";
import { fileURLToPath } from "node:url";
import { summarisePurchases, type PurchaseSummary } from "./data.ts";

const FILE = fileURLToPath(new URL("../../../test/fixtures/btyd/cdnow_sample.txt", import.meta.url));

/** Days since 1970-01-01 of a YYYYMMDD date. */
export function dayOf(yyyymmdd: string): number {
  return Date.UTC(Number(yyyymmdd.slice(0, 4)), Number(yyyymmdd.slice(4, 6)) - 1, Number(yyyymmdd.slice(6, 8))) / 86_400_000;
}

export const CALIBRATION_END = dayOf("19970930");
export const HOLDOUT_END = dayOf("19980630");

export interface Cdnow extends PurchaseSummary {
  /** Purchase occasions (distinct days) in the holdout period. */
  holdout: Float64Array;
}

let cached: Cdnow | null = null;

export function loadCdnow(): Cdnow {
  if (cached) return cached;
  const lines = fs.readFileSync(FILE, "utf8").trim().split(/\r?\n/);
  const customer = new Int32Array(lines.length);
  const day = new Int32Array(lines.length);
  const value = new Float64Array(lines.length);
  lines.forEach((line, k) => {
    // master id, sample id (1 … 2357), date, number of CDs, dollar value
    const f = line.trim().split(/\s+/);
    customer[k] = Number(f[1]) - 1;
    day[k] = dayOf(f[2]!);
    value[k] = Number(f[4]);
  });
  const summary = summarisePurchases(customer, day, value, 2357, CALIBRATION_END, 7);
  const holdoutDays = new Map<number, Set<number>>();
  for (let k = 0; k < lines.length; k++) {
    if (day[k]! <= CALIBRATION_END || day[k]! > HOLDOUT_END) continue;
    const set = holdoutDays.get(customer[k]!) ?? new Set<number>();
    set.add(day[k]!);
    holdoutDays.set(customer[k]!, set);
  }
  const holdout = new Float64Array(2357).map((_, c) => holdoutDays.get(c)?.size ?? 0);
  cached = { ...summary, holdout };
  return cached;
}
