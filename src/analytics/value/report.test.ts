import { describe, expect, it } from "vitest";
import { isTransactionCustomer, valueReport, type ValueColumns } from "./report.ts";

const M = 1_000_000n;
/** Four customers: three bought in the window (one at a loss after returns), one only before it. */
const columns: ValueColumns = {
  ids: Float64Array.from([10, 11, 12, 13]),
  orders: Uint32Array.from([3, 1, 2, 0]),
  purchaseDays: Uint32Array.from([3, 1, 2, 0]),
  gross: BigInt64Array.from([330n * M, 50n * M, 40n * M, 0n]),
  discount: BigInt64Array.from([30n * M, 0n, 10n * M, 0n]),
  sales: BigInt64Array.from([300n * M, 50n * M, 30n * M, 0n]),
  returns: BigInt64Array.from([0n, 0n, 40n * M, 0n]),
  cost: BigInt64Array.from([120n * M, 0n, -10n * M, 0n]),
  costedNetSales: BigInt64Array.from([300n * M, 0n, -10n * M, 0n]),
  lastPurchase: Int32Array.from([19_800, 19_790, 19_700, 19_000]),
  purchaseDaysToDate: Uint32Array.from([9, 1, 4, 2]),
};

describe("the value report", () => {
  const r = valueReport(columns, { from: "2024-01-01", to: "2024-12-31", toDay: 19_800, by: "sales" });

  it("counts the window's buyers, their net sales, margin and its coverage, order value and discount share", () => {
    // Net: 300 + 50 − 10 = 340 over 6 orders; margin: (300 − 120) + 0 + (−10 + 10) = 180; costed net 290 of 340.
    expect(r.kpis).toEqual({
      customers: 3, orders: 6, netSales: 340n * M, margin: 180n * M,
      marginCoverage: 290 / 340, averageOrderValue: 340 / 6, discountShare: 40 / 420,
    });
  });

  it("ranks by the chosen measure and reports both in each group", () => {
    expect(r.deciles.filter((d) => d.customers > 0).map((d) => [d.group, d.sums.netSales!.sum / M, d.sums.margin!.sum / M])).toEqual([[1, 300n, 180n], [4, 50n, 0n], [7, -10n, 0n]]);
    expect(r.pyramid.map((t) => [t.tier, t.customers])).toEqual([["key", 1], ["secondary", 0], ["ordinary", 1], ["small", 1]]);
    // 50% and 80% of 340 are made by the first customer (300); 90% (306) needs the second.
    expect(r.concentration).toEqual([
      { share: 0.5, customers: 1, customerShare: 1 / 3 }, { share: 0.8, customers: 1, customerShare: 1 / 3 }, { share: 0.9, customers: 2, customerShare: 2 / 3 },
    ]);
    const byMargin = valueReport(columns, { from: "2024-01-01", to: "2024-12-31", toDay: 19_800, by: "margin" });
    // Margins 180, 0, 0: the tie goes to the lower id.
    expect(byMargin.deciles.filter((d) => d.customers > 0).map((d) => d.sums.netSales!.sum / M)).toEqual([300n, 50n, -10n]);
  });

  it("scores RFM over everyone who has bought by the window's end, frequency counted to date", () => {
    expect(r.rfm.customers).toBe(4);
    const seg = Object.fromEntries(r.rfm.segments.map((x) => [x.segment, x.customers]));
    // R (days 0, 10, 100, 800) → 5, 4, 3, 2; F (9, 1, 4, 2 days to date) → 5, 2, 4, 3.
    expect(seg).toMatchObject({ champions: 1, potential_loyalists: 1, loyal: 1, at_risk: 1 });
    // The customer who bought only before the window is there, with no value in it.
    expect(r.rfm.segments.find((x) => x.segment === "at_risk")!.value).toBe(0n);
  });

  it("cuts the 8-segment RFM over the window's buyers only, M by the report's measure", () => {
    // R (0, 10, 100) against 110/3 days; F (9, 1, 4 to date) against 14/3; M (300, 50, −10) against 340/3.
    expect(r.rfm8.customers).toBe(3);
    expect(r.rfm8.cutoffs).toEqual({ recencyDays: 110 / 3, frequency: 14 / 3, monetary: 113_333_333n });
    const seg = Object.fromEntries(r.rfm8.segments.map((x) => [x.segment, x.customers]));
    expect(seg).toMatchObject({ important_value: 1, general_development: 1, general_winback: 1, important_retain: 0 });
    // With a custom M cut-off of 40: customer 11 (50) becomes 重要发展.
    const custom = valueReport(columns, {
      from: "2024-01-01", to: "2024-12-31", toDay: 19_800, by: "sales",
      rfm8: { method: "custom", cutoffs: { r: { num: 30n, den: 1n }, f: { num: 2n, den: 1n }, m: { num: 40n * M, den: 1n } } },
    });
    expect(custom.rfm8.segments.filter((x) => x.customers > 0).map((x) => x.segment)).toEqual(["important_value", "important_development", "general_retain"]);
    const byMargin = valueReport(columns, { from: "2024-01-01", to: "2024-12-31", toDay: 19_800, by: "margin" });
    expect(byMargin.rfm8.cutoffs!.monetary).toBe(60n * M);
  });

  it("sets price-only buyers apart by the rule, and the rest are relationship customers", () => {
    // Discount shares 30/330 = 9.1%, 0/50, 10/40 = 25%; purchase days 3, 1, 2.
    expect(r.customerTypes).toEqual({
      rule: { minDiscountShare: 0.3, maxPurchaseDays: 2 },
      transaction: { customers: 0, netSales: 0n, margin: 0n },
      relationship: { customers: 3, netSales: 340n * M, margin: 180n * M },
    });
    const loose = valueReport(columns, { from: "2024-01-01", to: "2024-12-31", toDay: 19_800, by: "sales", rule: { minDiscountShare: 0.25, maxPurchaseDays: 2 } });
    expect(loose.customerTypes.transaction).toEqual({ customers: 1, netSales: -10n * M, margin: 0n });
    expect(loose.customerTypes.relationship.customers).toBe(2);
  });
});

describe("the transaction rule", () => {
  const rule = { minDiscountShare: 0.3, maxPurchaseDays: 2 };
  it("holds at the boundary exactly, and needs both a high discount share and few purchase days", () => {
    expect(isTransactionCustomer(30n, 100n, 2, rule)).toBe(true);
    expect(isTransactionCustomer(29n, 100n, 2, rule)).toBe(false);
    expect(isTransactionCustomer(50n, 100n, 3, rule)).toBe(false);
    expect(isTransactionCustomer(0n, 0n, 1, rule)).toBe(false);
    // 1/3 is below 0.333334 but above 0.333333.
    expect(isTransactionCustomer(1n, 3n, 1, { minDiscountShare: 0.333333, maxPurchaseDays: 2 })).toBe(true);
  });
});
