import { describe, expect, it } from "vitest";
import { churnCost } from "./churn-cost.ts";
import { measureChurnInputs, quotientText, type MarginMonthRows } from "./churn-inputs.ts";
import { monthNumber, retentionKpis } from "./cohorts.ts";

type Row = [customer: number, month: string, orders: number, net: number, costedNet: number, cost: number];
const M = 1_000_000n;
const rowsOf = (rs: Row[]): MarginMonthRows => ({
  customer: Float64Array.from(rs.map((r) => r[0])),
  month: Int32Array.from(rs.map((r) => monthNumber(r[1]))),
  orders: Uint32Array.from(rs.map((r) => r[2])),
  purchaseDays: Uint32Array.from(rs.map((r) => r[2])),
  net: BigInt64Array.from(rs.map((r) => BigInt(r[3]) * M)),
  costedNet: BigInt64Array.from(rs.map((r) => BigInt(r[4]) * M)),
  cost: BigInt64Array.from(rs.map((r) => BigInt(r[5]) * M)),
});

/**
 * As of April 2024 over two-month periods (previous: Jan–Feb, this: Mar–Apr): 1 bought in
 * both; 2 and 5 only in the previous one (lost); 3 only returned; 4 bought before it all; 5's
 * May is after the as-of month.
 */
const rows = rowsOf([
  [1, "2024-01", 2, 200, 200, 120], [1, "2024-03", 1, 50, 50, 10],
  [2, "2024-01", 1, 100, 0, 0], [2, "2024-02", 3, 290, 100, 70],
  [3, "2024-02", 0, -30, -30, -10],
  [4, "2023-12", 1, 10, 10, 5],
  [5, "2024-02", 1, 60, 60, 30], [5, "2024-05", 7, 7000, 7000, 1],
]);

describe("churn-cost inputs measured from the rows", () => {
  it("counts the lost customers and measures what they bought in the previous period", () => {
    const m = measureChurnInputs(rows, "2024-04", 2);
    expect(m).toEqual({
      period: { from: "2024-03", to: "2024-04", previousFrom: "2024-01", previousTo: "2024-02", months: 2 },
      previousCustomers: 3, retained: 1, lost: 2, churnRate: 1 - 1 / 3,
      basis: "lost", customers: 2, orders: 5,
      netSales: 450n * M, costedNetSales: 160n * M, cost: 100n * M, costedShare: 160 / 450,
      // 5 orders / (2 customers × 2 months); 450 / 5; (160 − 100) / 160.
      ordersPerMonth: "1.25", orderValue: "90", marginRate: "0.375",
    });
    // The same counts as the retention KPIs.
    const k = retentionKpis(rows, "2024-04", 2);
    expect([m.previousCustomers, m.retained, m.churnRate]).toEqual([k.previousCustomers, k.retained, k.churnRate]);
    // And the calculator takes them as they are: 2 × 1.25 × 90 × 0.375 × 12 = 1012.5.
    expect(churnCost({ lostCustomers: String(m.lost), ordersPerMonth: m.ordersPerMonth!, orderValue: m.orderValue!, marginRate: m.marginRate!, months: "12" }).total).toBe("1012.50000");
  });

  it("measures on the previous period's buyers when none was lost, and measures nothing without them", () => {
    const kept = measureChurnInputs(rowsOf([[1, "2024-01", 1, 30, 30, 20], [1, "2024-02", 2, 80, 0, 0], [2, "2024-01", 2, 45, 0, 0], [2, "2024-02", 1, 1, 0, 0]]), "2024-02", 1);
    expect(kept).toMatchObject({ lost: 0, churnRate: 0, basis: "previous", customers: 2, orders: 3, ordersPerMonth: "1.5", orderValue: "25", marginRate: "0.3333" });
    const none = measureChurnInputs(rows, "2023-12", 1);
    expect(none).toMatchObject({ previousCustomers: 0, lost: 0, churnRate: null, basis: "none", customers: 0, ordersPerMonth: null, orderValue: null, marginRate: null, costedShare: null });
  });

  it("never reads a month after the as-of month", () => {
    // Customer 5's May would make them retained, and their 7 orders would count.
    expect(measureChurnInputs(rows, "2024-04", 2)).toEqual(measureChurnInputs(rowsOf([...rowsToList(rows)].filter((r) => r[1] <= "2024-04")), "2024-04", 2));
  });

  it("rounds a quotient once, half away from zero, without trailing zeros", () => {
    expect(quotientText(1n, 3n, 4)).toBe("0.3333");
    expect(quotientText(2n, 3n, 4)).toBe("0.6667");
    expect(quotientText(-1n, 8n, 2)).toBe("-0.13");
    expect(quotientText(1n, 2n, 0)).toBe("1");
    expect(quotientText(-1n, 1000n, 2)).toBe("0");
    expect(quotientText(150n * M, M, 2)).toBe("150");
    expect(() => quotientText(1n, 0n, 2)).toThrow(RangeError);
  });
});

function rowsToList(r: MarginMonthRows): Row[] {
  return [...r.month].map((m, i) => [r.customer[i]!, `${Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, "0")}`, r.orders[i]!,
    Number(r.net[i]! / M), Number(r.costedNet[i]! / M), Number(r.cost[i]! / M)]);
}
