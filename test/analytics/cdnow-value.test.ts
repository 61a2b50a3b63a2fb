import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  customersToReach, DECILE_CUTS, groupsByRankShare, paretoCurve, purchaseDeciles, PYRAMID_CUTS, rankByValue, summarizeGroups, total,
} from "../../src/analytics/value/ranking.ts";

/**
 * The CDNOW sample (Fader, Hardie & Lee 2005; 2,357 customers, 6,919 purchases) ranked by
 * total spend, against an independent computation of the same definitions with awk and
 * SQLite in integer cents (test/fixtures/cdnow/independent-deciles.sh). Must match exactly.
 */
const dir = path.join(import.meta.dirname, "..", "fixtures", "cdnow");
const expected = JSON.parse(fs.readFileSync(path.join(dir, "independent-deciles.json"), "utf8")) as {
  customers: number;
  totalCents: number;
  deciles: Array<{ decile: number; customers: number; cents: number }>;
  purchaseDeciles: number[];
  paretoCents: number[];
  customersFor: Record<"50" | "80" | "90", number>;
  pyramid: Array<{ tier: number; customers: number; cents: number }>;
};

/** "29.33" → micro-units, exactly. */
const micros = (s: string): bigint => {
  const [whole, frac = ""] = s.split(".");
  return BigInt(whole!) * 1_000_000n + BigInt(frac.padEnd(6, "0"));
};
const CENT = 10_000n;

describe("value rankings of the CDNOW sample", () => {
  const spend = new Map<number, bigint>();
  for (const line of fs.readFileSync(path.join(dir, "cdnow_sample.txt"), "utf8").split(/\r?\n/)) {
    if (!line.trim()) continue;
    // master id, sample id, date, CDs, dollars
    const [, id, , , dollars] = line.trim().split(/\s+/);
    spend.set(Number(id), (spend.get(Number(id)) ?? 0n) + micros(dollars!));
  }
  const ids = Float64Array.from(spend.keys());
  const values = BigInt64Array.from(spend.values());
  const order = rankByValue(ids, values);

  it("has the same customers and total", () => {
    expect(ids.length).toBe(expected.customers);
    expect(total(values)).toBe(BigInt(expected.totalCents) * CENT);
  });

  it("matches the monetary deciles: customers and spend of each", () => {
    const rows = summarizeGroups(order, groupsByRankShare(ids.length, DECILE_CUTS), 10, { spend: values });
    expect(rows.map((r) => ({ decile: r.group, customers: r.customers, cents: Number(r.sums.spend!.sum / CENT) }))).toEqual(expected.deciles);
  });

  it("matches the purchase deciles and the customers needed for 50, 80 and 90% of spend", () => {
    expect(purchaseDeciles(order, values)!.map((p) => p.cumulativeCustomers)).toEqual(expected.purchaseDeciles);
    expect(customersToReach(order, values, [[1, 2], [4, 5], [9, 10]])).toEqual([expected.customersFor["50"], expected.customersFor["80"], expected.customersFor["90"]]);
  });

  it("matches the Pareto curve at every whole percent of customers", () => {
    // Both are ratios of exact sums, rounded once: they agree to the last bit.
    const curve = paretoCurve(order, values, 100)!;
    expect(curve.map((p) => p.valueShare)).toEqual(expected.paretoCents.map((c) => c / expected.totalCents));
    expect(curve.map((p) => p.customerShare)).toEqual(curve.map((_, j) => Math.floor((j * ids.length) / 100) / ids.length));
  });

  it("matches the pyramid at 1 / 20 / 50%", () => {
    const rows = summarizeGroups(order, groupsByRankShare(ids.length, PYRAMID_CUTS), 4, { spend: values });
    expect(rows.map((r) => ({ tier: r.group, customers: r.customers, cents: Number(r.sums.spend!.sum / CENT) }))).toEqual(expected.pyramid);
  });
});
