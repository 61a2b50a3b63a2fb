import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DEFAULT_TRANSACTION_RULE, type ValueColumns } from "./report.ts";
import {
  customerFigures, LADDER_RUNGS, shareOfWallet, ladderRungs, LOYALTY_CLASSES, loyaltyClasses, NO_GROUP, PROFIT_GROUPS, profitGroups, summarize,
} from "./segments.ts";

const M = 1_000_000n;
const D = 20_000; // the as-of day

/** Eight customers, money in whole units; ids 1…8. */
function columns(rows: Array<{ net: number; margin?: number; days?: number; discount?: number; first?: number; last?: number; toDate?: number; orders?: number }>): ValueColumns & { firstPurchase: Int32Array } {
  const n = rows.length;
  const big = (f: (r: (typeof rows)[number]) => number) => BigInt64Array.from(rows, (r) => BigInt(f(r)) * M);
  return {
    ids: Float64Array.from(rows, (_r, i) => i + 1),
    orders: Uint32Array.from(rows, (r) => r.orders ?? r.days ?? 1),
    purchaseDays: Uint32Array.from(rows, (r) => r.days ?? 1),
    gross: big((r) => Math.max(r.net, 0) + (r.discount ?? 0)),
    discount: big((r) => r.discount ?? 0),
    sales: big((r) => r.net),
    returns: new BigInt64Array(n),
    cost: big((r) => r.net - (r.margin ?? r.net)),
    costedNetSales: big((r) => r.net),
    firstPurchase: Int32Array.from(rows, (r) => r.first ?? D - 400),
    lastPurchase: Int32Array.from(rows, (r) => r.last ?? D - 10),
    purchaseDaysToDate: Uint32Array.from(rows, (r) => r.toDate ?? r.days ?? 1),
  };
}

describe("the three profitable groups", () => {
  // Relationship buyers 1–6 worth 600…100; 7 buys on price (50% discount, one day); 8 did not buy in the window.
  const c = columns([
    { net: 600 }, { net: 500 }, { net: 400 }, { net: 300 }, { net: 200 }, { net: 100 },
    { net: 900, discount: 900 }, { net: 0, days: 0 },
  ]);
  //                              1    2    3    4    5    6    7  8
  const before = BigInt64Array.from([900, 100, 300, 0, 400, 100, 0, 50].map((v) => BigInt(v) * M));
  const g = profitGroups(c, before, { by: "sales", transactionRule: DEFAULT_TRANSACTION_RULE });
  const name = (i: number) => (g[i] === NO_GROUP ? null : PROFIT_GROUPS[g[i]!]);

  it("puts the best 20% of relationship buyers on top, whatever their trend", () => {
    // 6 members: ranks i with i·10,000 < 2,000·6 are 0 and 1.
    expect([name(0), name(1)]).toEqual(["top", "top"]);
  });

  it("finds the better half rising by 25% or more, and those falling by 25% or more", () => {
    // 3: 400 from 300 is +33% and in the better half (rank 2 of 6) → rising; 4: 300 from nothing → rising (rank 3: not 2·3 < 6) → no.
    expect(name(2)).toBe("rising");
    expect(name(3)).toBe("steady");
    // 5: 200 from 400 → falling; 6: 100 from 100 → steady.
    expect([name(4), name(5)]).toEqual(["falling", "steady"]);
  });

  it("leaves out transaction customers and those who did not buy in the window", () => {
    expect([name(6), name(7)]).toEqual([null, null]);
  });

  it("sums each group now and before", () => {
    const rows = summarize(PROFIT_GROUPS, g, c, { netSales: before, margin: before });
    expect(rows.map((r) => [r.group, r.customers, r.netSales / M, r.previousNetSales / M])).toEqual([
      ["top", 2, 1100n, 1000n], ["rising", 1, 400n, 300n], ["falling", 1, 200n, 400n], ["steady", 2, 400n, 100n],
    ]);
  });

  it("compares trends exactly at the threshold", () => {
    // 125 from 100 is exactly +25%: rising; 75 from 100 exactly −25%: falling. Top share 0 leaves nobody on top.
    const t = columns([{ net: 125 }, { net: 75 }, { net: 1 }, { net: 1 }]);
    const prev = BigInt64Array.from([100n * M, 100n * M, 1n * M, 1n * M]);
    const h = profitGroups(t, prev, { by: "sales", transactionRule: DEFAULT_TRANSACTION_RULE, rule: { topShare: 0, change: 0.25 } });
    expect(Array.from(h, (x) => PROFIT_GROUPS[x])).toEqual(["rising", "falling", "steady", "steady"]);
  });
});

describe("loyalty classes", () => {
  const c = columns([
    { net: 900, days: 4, first: D - 800, last: D - 5 }, // loyal: frequent, top value, no discount
    { net: 900, days: 4, first: D - 800, last: D - 5, discount: 600 }, // price-sensitive: marginal
    { net: 500, days: 1, first: D - 30, last: D - 30 }, // short tenure: potential
    { net: 0, days: 0, first: D - 900, last: D - 365 }, // last bought 365 days ago: churned
    { net: 0, days: 0, first: D - 900, last: D - 364 }, // 364 days: not yet
    { net: 20, days: 3, first: D - 700, last: D - 2 }, // frequent but small: marginal
    { net: 0, days: 0, first: -1, last: -1 }, // never bought: no class
  ]);
  it("takes the first class that fits, with the rules' thresholds exact", () => {
    const k = loyaltyClasses(c, { toDay: D, by: "sales" });
    expect(Array.from(k, (x) => (x === NO_GROUP ? null : LOYALTY_CLASSES[x]))).toEqual(["loyal", "marginal", "potential", "churned", "marginal", "marginal", null]);
  });
  it("follows changed rules", () => {
    const k = loyaltyClasses(c, { toDay: D, by: "sales", rule: { churnDays: 364, newDays: 20, loyalPurchaseDays: 3, loyalTopShare: 1, loyalMaxDiscount: 1 } });
    expect(Array.from(k, (x) => (x === NO_GROUP ? null : LOYALTY_CLASSES[x]))).toEqual(["loyal", "loyal", "marginal", "churned", "churned", "loyal", null]);
  });
});

describe("the loyalty ladder", () => {
  it("puts three periods in a row above old, old above regular, regular above new", () => {
    const r = ladderRungs(
      { purchasePeriods: Uint32Array.from([0, 1, 2, 2, 5, 3]), recentPeriods: Uint32Array.from([0, 1, 1, 2, 2, 3]), firstPurchase: Int32Array.from([-1, D - 10, D - 100, D - 500, D - 900, D - 200]) },
      { oldBefore: D - 365 },
    );
    expect(Array.from(r, (x) => LADDER_RUNGS[x])).toEqual(["potential", "new", "regular", "old", "old", "loyal"]);
  });
});

describe("a customer's value figures", () => {
  const c = columns([{ net: 300, margin: 120, days: 3, orders: 4, discount: 100, first: D - 365, last: D - 5, toDate: 7 }]);
  it("gives tenure, the mean time between purchase days, order value and discount share", () => {
    const f = customerFigures(c, 0, { toDay: D });
    expect(f).toMatchObject({ orders: 4, netSales: 300n * M, margin: 120n * M, tenureDays: 365, meanInterPurchaseDays: 360 / 6, discountShare: 0.25, averageOrderValue: 75n * M });
    expect([f.costToServe, f.netValue]).toEqual([null, null]);
  });
  it("subtracts the cost to serve when one is configured", () => {
    const f = customerFigures(c, 0, { toDay: D, interactions: 5, complaints: 1, costToServe: { perOrder: 2n * M, perInteraction: 3n * M, perComplaint: 50n * M } });
    // 4·2 + 5·3 + 1·50 = 73; 120 − 73 = 47.
    expect([f.costToServe, f.netValue]).toEqual([73n * M, 47n * M]);
  });
});

describe("share of wallet", () => {
  it("sets net sales against the yearly budgets prorated to the window", () => {
    // 30,000 + 10,000 a year; over 73 days (a fifth of a year) the budgets are 8,000; spent 2,000 + 0.
    const s = shareOfWallet(BigInt64Array.from([2000n * M, 0n]), BigInt64Array.from([30_000n * M, 10_000n * M]), 73);
    expect(s).toEqual({ customers: 2, netSales: 2000n * M, budget: 8000n * M, share: 0.25 });
    expect(shareOfWallet(new BigInt64Array(0), new BigInt64Array(0), 365).share).toBeNull();
  });
});

describe("every customer in exactly one group", () => {
  const customer = fc.record({ net: fc.integer({ min: -50, max: 1000 }), days: fc.integer({ min: 0, max: 6 }), discount: fc.integer({ min: 0, max: 500 }), last: fc.integer({ min: D - 1000, max: D }), age: fc.integer({ min: 0, max: 1000 }) });
  it("holds for the profitable groups and the loyalty classes", () => {
    fc.assert(
      fc.property(fc.array(customer, { maxLength: 60 }), fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 60, maxLength: 60 }), (rows, prev) => {
        const c = columns(rows.map((r) => ({ net: r.days ? r.net : 0, days: r.days, discount: r.discount, last: r.last, first: r.last - r.age })));
        const before = BigInt64Array.from(prev.slice(0, rows.length), (v) => BigInt(v) * M);
        const g = profitGroups(c, before, { by: "sales", transactionRule: DEFAULT_TRANSACTION_RULE });
        const k = loyaltyClasses(c, { toDay: D, by: "sales" });
        const groups = summarize(PROFIT_GROUPS, g, c);
        const inGroups = Array.from(g).filter((x) => x !== NO_GROUP).length;
        // Everyone who bought has a class; the group sums add up to the members' total.
        const ok =
          groups.reduce((s, r) => s + r.customers, 0) === inGroups &&
          Array.from(k).every((x) => x < LOYALTY_CLASSES.length) &&
          Array.from(g).every((x, i) => x === NO_GROUP || (c.purchaseDays[i]! > 0 && c.sales[i]! > 0n));
        expect(ok).toBe(true);
      }),
    );
  });
});
