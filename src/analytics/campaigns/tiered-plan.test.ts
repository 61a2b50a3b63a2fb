import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { applyCaps } from "./caps.ts";
import { APPAREL_CASE, planBudget, quarterContacts } from "./tiered-plan.ts";

describe("a tiered contact plan", () => {
  it("reproduces seed 000's apparel case: 60% of the budget on the 14% who make 55% of sales", () => {
    // 54 million customers: 14% / 34% / 52%; sales 55 / 35 / 10 (in any unit).
    const actuals = [
      { key: "top", customers: 7_560_000, sales: "55000000.00" },
      { key: "middle", customers: 18_360_000, sales: "35000000.00" },
      { key: "bottom", customers: 28_080_000, sales: "10000000.00" },
    ];
    const plan = planBudget("10000000.00", APPAREL_CASE, actuals);
    expect(plan.map((l) => [l.key, l.budget, l.budgetPerCustomer, l.contactsPerQuarter])).toEqual([
      ["top", "6000000.00", "0.79", 5],
      ["middle", "3500000.00", "0.19", 3],
      ["bottom", "500000.00", "0.02", 2],
    ]);
    expect(plan.map((l) => l.salesShare)).toEqual([0.55, 0.35, 0.1]);
    // The top tier gets 60/55 of what its sales would say; the bottom half of it.
    expect(plan[0]!.intensity).toBeCloseTo(60 / 55, 12);
    expect(plan[2]!.intensity).toBeCloseTo(0.5, 12);
  });

  it("splits the budget exactly: the tiers' budgets add up to the whole, to the cent", () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 10 ** 9 }), fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 100 }), (cents, a, b) => {
      const [x, y] = [Math.min(a, b), Math.max(a, b)];
      const shares = [x, y - x, 100 - y].map((p) => (p / 100).toFixed(2));
      const tiers = shares.map((s, i) => ({ key: `t${i}`, budgetShare: s, contactsPerQuarter: 1, contactTypes: ["coupon" as const] }));
      const budget = (cents / 100).toFixed(2);
      const plan = planBudget(budget, tiers, tiers.map((t) => ({ key: t.key, customers: 1, sales: "1" })));
      const sum = plan.reduce((s, l) => s + BigInt(l.budget.replace(".", "")), 0n);
      expect(sum).toBe(BigInt(budget.replace(".", "")));
    }));
  });

  it("refuses shares that do not add up to 1", () => {
    expect(() => planBudget("100", [{ key: "a", budgetShare: "0.5", contactsPerQuarter: 1, contactTypes: [] }], [{ key: "a", customers: 1, sales: "1" }])).toThrow(/sum to 0.5, not 1/);
  });

  it("spreads each customer's contacts over the quarter, within the caps once they are applied", () => {
    const contacts = quarterContacts([1, 2, 3], APPAREL_CASE[0]!, 20_000, 91);
    expect(contacts).toHaveLength(15);
    for (const c of contacts) expect(c.day).toBeGreaterThanOrEqual(20_000), expect(c.day).toBeLessThan(20_091);
    const days = contacts.filter((c) => c.customer === 1).map((c) => c.day);
    // 5 in 91 days: about 18 days apart.
    for (let i = 1; i < days.length; i++) expect(days[i]! - days[i - 1]!).toBeGreaterThanOrEqual(18);
    expect(contacts.filter((c) => c.customer === 1).map((c) => c.type)).toEqual(APPAREL_CASE[0]!.contactTypes.slice(0, 5));
    // A cap of 4 a quarter across all plans keeps 4 of each customer's 5.
    const kept = applyCaps(contacts, [{ max: 4, windowDays: 91 }]).kept;
    expect(kept).toHaveLength(12);
  });
});
