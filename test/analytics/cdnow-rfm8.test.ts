import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { RFM8_SEGMENTS, rfm8Codes, rfm8Cutoffs, rfm8Summary } from "../../src/analytics/value/rfm8.ts";

/**
 * The 8-segment RFM of the CDNOW sample (2,357 customers) as of 1998-06-30, the sample's
 * last day, over the window 1997-01-01 … 1998-06-30 (18 months: every line). The expected
 * counts were computed independently, in Python with exact fractions, by
 * test/fixtures/cdnow/independent-rfm8.py (docs/value.md, "The 8-segment RFM").
 */
const EXPECTED = {
  mean: {
    cutoffs: { r: [875776n, 2357n], f: [6696n, 2357n], m: [12204597n, 117850n] },
    counts: {
      important_value: 464, important_development: 30, important_retain: 37, important_winback: 62,
      general_value: 188, general_development: 161, general_retain: 47, general_winback: 1368,
    },
  },
  median: {
    cutoffs: { r: [473n, 1n], f: [1n, 1n], m: [2153n, 50n] },
    counts: {
      important_value: 909, important_development: 0, important_retain: 270, important_winback: 0,
      general_value: 284, general_development: 0, general_retain: 894, general_winback: 0,
    },
  },
} as const;

/** "29.33" → micro-units, exactly. */
const micros = (s: string): bigint => {
  const [whole, frac = ""] = s.split(".");
  return BigInt(whole!) * 1_000_000n + BigInt(frac.padEnd(6, "0"));
};
const day = (yyyymmdd: string) => Date.UTC(Number(yyyymmdd.slice(0, 4)), Number(yyyymmdd.slice(4, 6)) - 1, Number(yyyymmdd.slice(6, 8))) / 86_400_000;

describe("8-segment RFM of the CDNOW sample", () => {
  const asOf = day("19980630");
  const dates = new Map<number, Set<number>>();
  const spend = new Map<number, bigint>();
  const file = path.join(import.meta.dirname, "..", "fixtures", "cdnow", "cdnow_sample.txt");
  for (const line of fs.readFileSync(file, "utf8").split(/\r?\n/)) {
    if (!line.trim()) continue;
    // master id, sample id, date, CDs, dollars
    const [, id, date, , dollars] = line.trim().split(/\s+/);
    const c = Number(id);
    if (!dates.has(c)) dates.set(c, new Set());
    dates.get(c)!.add(day(date!));
    spend.set(c, (spend.get(c) ?? 0n) + micros(dollars!));
  }
  const ids = [...dates.keys()];
  // R: days from the last purchase to the as-of date; F: purchase days; M: net sales (all in the window).
  const input = {
    recencyDays: Float64Array.from(ids, (c) => asOf - Math.max(...dates.get(c)!)),
    frequency: Float64Array.from(ids, (c) => dates.get(c)!.size),
    monetary: BigInt64Array.from(ids, (c) => spend.get(c)!),
  };

  for (const how of ["mean", "median"] as const) {
    it(`matches the independent counts with ${how} cut-offs`, () => {
      expect(ids.length).toBe(2357);
      const cutoffs = rfm8Cutoffs(input, how)!;
      const e = EXPECTED[how].cutoffs;
      const same = (c: { num: bigint; den: bigint }, [num, den]: readonly [bigint, bigint]) => c.num * den === num * c.den;
      expect(same(cutoffs.r, e.r)).toBe(true);
      expect(same(cutoffs.f, e.f)).toBe(true);
      // The Python fraction is in dollars; ours in micro-units.
      expect(same(cutoffs.m, [e.m[0] * 1_000_000n, e.m[1]])).toBe(true);
      const rows = rfm8Summary(input, rfm8Codes(input, cutoffs));
      expect(Object.fromEntries(rows.map((r) => [r.segment, r.customers]))).toEqual(EXPECTED[how].counts);
      expect(rows.map((r) => r.segment)).toEqual([...RFM8_SEGMENTS]);
    });
  }
});
