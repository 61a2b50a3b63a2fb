import { describe, expect, it } from "vitest";
import { churnCost, retentionSensitivity } from "./churn-cost.ts";

describe("churn cost", () => {
  it("works seed 001's example exactly: 7 buyers × 10 orders × 150 USD × 20% × 6.3 × 12 months", () => {
    expect(churnCost({ lostCustomers: "7", ordersPerMonth: "10", orderValue: "150", marginRate: "0.20", fxRate: "6.3", months: "12" })).toEqual({
      monthlySales: "10500",
      monthlyMargin: "2100.00",
      monthlyMarginBase: "13230.000",
      total: "158760.000",
    });
  });

  it("needs no exchange rate in the base currency, and keeps fractions exact", () => {
    expect(churnCost({ lostCustomers: "3", ordersPerMonth: "0.5", orderValue: "99.90", marginRate: "0.35", months: "6" })).toMatchObject({
      monthlySales: "149.850",
      total: "314.68500",
    });
  });
});

describe("retention sensitivity (Gupta & Lehmann's margin multiple)", () => {
  it("gives the lifetime margin before and after a lower churn rate", () => {
    // Churn 20% → 15%, margin 100 a year, discount 10%: 100·0.8/0.3 = 266.67 → 100·0.85/0.25 = 340.
    const s = retentionSensitivity({ churnRate: 0.2, reduction: 0.05, marginPerPeriod: 100, discountRate: 0.1 });
    expect(s.lifetimeMarginBefore).toBeCloseTo(266.6667, 4);
    expect(s.lifetimeMarginAfter).toBeCloseTo(340, 10);
    expect(s.increase).toBeCloseTo(0.275, 10);
  });

  it("adds more the lower churn already is", () => {
    const at = (c: number) => retentionSensitivity({ churnRate: c, reduction: 0.05, marginPerPeriod: 1, discountRate: 0.1 }).increase!;
    expect(at(0.3)).toBeLessThan(at(0.2));
    expect(at(0.2)).toBeLessThan(at(0.1));
    // Churn 10% → 5%: 0.9/0.2 = 4.5 → 0.95/0.15 = 6.33, +40.7%.
    expect(at(0.1)).toBeCloseTo(0.95 / 0.15 / 4.5 - 1, 12);
  });

  it("refuses rates that make no sense, and has no increase from nothing", () => {
    expect(() => retentionSensitivity({ churnRate: 0, reduction: 0, marginPerPeriod: 1, discountRate: 0.1 })).toThrow(RangeError);
    expect(() => retentionSensitivity({ churnRate: 0.2, reduction: 0.2, marginPerPeriod: 1, discountRate: 0.1 })).toThrow(RangeError);
    expect(retentionSensitivity({ churnRate: 1, reduction: 0.05, marginPerPeriod: 1, discountRate: 0 }).increase).toBeNull();
  });
});
