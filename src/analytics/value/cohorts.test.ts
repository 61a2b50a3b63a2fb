import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cohortTable, monthNumber, monthText, retentionKpis, type MonthRows } from "./cohorts.ts";

type Row = [customer: number, month: string, orders: number, purchaseDays: number, net: number];
const rowsOf = (rs: Row[]): MonthRows => ({
  customer: Float64Array.from(rs.map((r) => r[0])),
  month: Int32Array.from(rs.map((r) => monthNumber(r[1]))),
  orders: Uint32Array.from(rs.map((r) => r[2])),
  purchaseDays: Uint32Array.from(rs.map((r) => r[3])),
  net: BigInt64Array.from(rs.map((r) => BigInt(r[4]))),
});

/** A buys in Jan, Feb and Apr; B in Feb, returns in Mar; C in Mar; D returns in Dec, first buys in Apr; E buys in May. */
const rows = rowsOf([
  [1, "2024-01", 1, 1, 100], [1, "2024-02", 1, 1, 50], [1, "2024-04", 2, 2, 80],
  [2, "2024-02", 1, 1, 200], [2, "2024-03", 0, 0, -30],
  [3, "2024-03", 1, 1, 10],
  [4, "2023-12", 0, 0, -5], [4, "2024-04", 1, 1, 40],
  [5, "2024-05", 1, 1, 999],
]);

describe("cohorts", () => {
  it("numbers months so that consecutive months are consecutive numbers", () => {
    expect(monthNumber("2024-12") + 1).toBe(monthNumber("2025-01"));
    expect(monthText(monthNumber("2024-03"))).toBe("2024-03");
    expect(() => monthNumber("2024-13")).toThrow(RangeError);
  });

  it("groups customers by first sale month and follows each cohort month by month, as of a month", () => {
    expect(cohortTable(rows, "2024-04")).toEqual([
      { month: "2024-01", customers: 1, active: [1, 1, 0, 1], retention: [1, 1, 0, 1], revenue: [100n, 50n, 0n, 80n] },
      // B's March return counts against the cohort in March; a return alone is not a purchase.
      { month: "2024-02", customers: 1, active: [1, 0, 0], retention: [1, 0, 0], revenue: [200n, -30n, 0n] },
      { month: "2024-03", customers: 1, active: [1, 0], retention: [1, 0], revenue: [10n, 0n] },
      // D's return before their first purchase belongs to no cohort; E's May is after the as-of month.
      { month: "2024-04", customers: 1, active: [1], retention: [1], revenue: [40n] },
    ]);
  });

  it("computes retention, churn, repeat purchase and returning customers' revenue over a period", () => {
    // One month: of March's buyers (C), none bought in April.
    expect(retentionKpis(rows, "2024-04", 1)).toMatchObject({
      period: { from: "2024-04", to: "2024-04", previousFrom: "2024-03" },
      previousCustomers: 1, retained: 0, retentionRate: 0, churnRate: 1,
      customers: 4, repeatCustomers: 1, repeatPurchaseRate: 0.25,
      periodNet: 120n, returningNet: 80n, returningShare: 80 / 120,
    });
    // Two months: of January–February's buyers (A, B), A bought again in March–April.
    expect(retentionKpis(rows, "2024-04", 2)).toMatchObject({
      period: { from: "2024-03", to: "2024-04", previousFrom: "2024-01" },
      previousCustomers: 2, retained: 1, retentionRate: 0.5, churnRate: 0.5,
      periodNet: 100n, returningNet: 50n, returningShare: 0.5,
    });
  });
});

describe("cohort invariants (property)", () => {
  const row = fc.tuple(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 0, max: 35 }), fc.integer({ min: 0, max: 3 }), fc.integer({ min: -500, max: 5000 }));
  const ASOF = monthNumber("2024-06");
  const build = (rs: Array<[number, number, number, number]>): MonthRows => ({
    customer: Float64Array.from(rs.map((r) => r[0])),
    month: Int32Array.from(rs.map((r) => monthNumber("2022-01") + r[1])),
    orders: Uint32Array.from(rs.map((r) => r[2])),
    purchaseDays: Uint32Array.from(rs.map((r) => r[2])),
    net: BigInt64Array.from(rs.map((r) => BigInt(r[3]))),
  });

  it("every buyer is in one cohort, which is whole in its first month; months after the as-of month change nothing", () => {
    // One row per customer and month, as the store's primary key makes it.
    const unique = (maxLength: number) => fc.uniqueArray(row, { maxLength, selector: (r) => `${r[0]}:${r[1]}` });
    fc.assert(
      fc.property(unique(120), unique(40), (past, later) => {
        const present = past.filter((r) => monthNumber("2022-01") + r[1] <= ASOF);
        const future = [...new Map(later.map((r): [string, [number, number, number, number]] => {
          const m = ASOF - monthNumber("2022-01") + 1 + (r[1] % 6);
          return [`${r[0]}:${m}`, [r[0], m, r[2], r[3]]];
        })).values()];
        const table = cohortTable(build(present), monthText(ASOF));
        const buyers = new Set(present.filter((r) => r[2] > 0).map((r) => r[0]));
        expect(table.reduce((s, c) => s + c.customers, 0)).toBe(buyers.size);
        for (const c of table) {
          expect(c.active[0]).toBe(c.customers);
          expect(c.active).toHaveLength(ASOF - monthNumber(c.month) + 1);
        }
        const withFuture = build([...present, ...future]);
        expect(cohortTable(withFuture, monthText(ASOF))).toEqual(table);
        expect(retentionKpis(withFuture, monthText(ASOF), 3)).toEqual(retentionKpis(build(present), monthText(ASOF), 3));
      }),
    );
  });
});
