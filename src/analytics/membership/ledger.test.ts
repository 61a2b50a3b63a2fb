import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { dayNumber, dayText } from "../../domain/days.ts";
import { computeMembership, decimalOf, orderPoints, type ManualEvent, type OrderEvent, type ReturnEvent } from "./ledger.ts";
import { programmeIssues, type Programme } from "./programme.ts";

const yuan = (s: string) => BigInt(Math.round(Number(s) * 100)) * 10_000n;

// The worked example of docs/membership.md, computed by hand there.
const EXAMPLE: Programme = {
  startsOn: null,
  basis: "spend",
  windowMonths: 12,
  review: "monthly",
  pointsPerUnit: "1",
  expiryYears: 1,
  levels: [
    { key: "regular", name: "普通会员", threshold: "0", multiplier: "1" },
    { key: "silver", name: "银卡", threshold: "2000", multiplier: "1.2" },
    { key: "gold", name: "金卡", threshold: "10000", multiplier: "1.5" },
  ],
};

describe("the worked example (docs/membership.md)", () => {
  const orders: OrderEvent[] = [
    { orderId: 1, date: "2024-03-10", sales: yuan("1500.50") },
    { orderId: 2, date: "2024-05-20", sales: yuan("800") },
    { orderId: 5, date: "2026-02-01", sales: yuan("300") },
  ];
  const returns: ReturnEvent[] = [
    { returnOrderId: 3, date: "2024-06-15", amount: yuan("200"), orderId: 2 },
    { returnOrderId: 4, date: "2026-01-10", amount: yuan("600") },
  ];
  const manual: ManualEvent[] = [
    { key: "redeem:a", kind: "redeem", date: "2024-07-01", points: 2000 },
    { key: "redeem:b", kind: "redeem", date: "2024-08-01", points: 500 },
  ];
  const m = computeMembership(EXAMPLE, "2026-03-01", orders, returns, manual);

  it("keeps the ledger the example shows", () => {
    expect(m.entries.map((e) => [e.key, e.date, e.points, e.balance, e.level])).toEqual([
      ["earn:1", "2024-03-10", 1500, 1500, "regular"],
      ["earn:2", "2024-05-20", 960, 2460, "silver"],
      ["return:3:2", "2024-06-15", -240, 2220, "silver"],
      ["redeem:a", "2024-07-01", -2000, 220, "silver"],
      ["expire:2025-12-31", "2025-12-31", -220, 0, "regular"],
      ["return:4:2", "2026-01-10", -500, -500, "regular"],
      ["earn:5", "2026-02-01", 300, -200, "regular"],
    ]);
    expect(m.entries[0]!.expiresOn).toBe("2025-12-31");
    expect(m.refused).toEqual([{ key: "redeem:b", points: 500, balance: 220 }]);
    expect([m.balance, m.earned, m.returned, m.redeemed, m.expired, m.adjusted]).toEqual([-200, 2760, 740, 2000, 220, 0]);
    expect(m.orders.get(2)).toEqual({ earned: 960, returned: 740, expired: 220 });
  });

  it("joins, upgrades at once and downgrades at the first review that finds the value short", () => {
    expect(m.levels).toEqual([
      { date: "2024-03-10", from: null, to: "regular", kind: "join", value: "1500.5" },
      { date: "2024-05-20", from: "regular", to: "silver", kind: "upgrade", value: "2300.5" },
      { date: "2025-04-01", from: "silver", to: "regular", kind: "downgrade", value: "600" },
    ]);
    expect([m.level, m.levelSince, m.nextReview, m.value]).toEqual(["regular", "2025-04-01", null, "-300"]);
  });

  it("is evaluated as of a date: an earlier date sees only what happened by then", () => {
    const early = computeMembership(EXAMPLE, "2025-01-31", orders, returns, manual);
    expect(early.level).toBe("silver");
    expect(early.nextReview).toBe("2025-02-01");
    expect(early.balance).toBe(220);
    expect(early.expiring).toEqual([{ date: "2025-12-31", points: 220 }]);
  });

  it("reviews at the anniversary of the level when asked to", () => {
    const a = computeMembership({ ...EXAMPLE, review: "anniversary" }, "2026-03-01", orders, returns, manual);
    // 2025-05-20, a year after the upgrade: the window ending the day before, (2024-05-19, 2025-05-19],
    // holds order 2 and its ¥200 return: 600 < 2000.
    expect(a.levels.at(-1)).toEqual({ date: "2025-05-20", from: "silver", to: "regular", kind: "downgrade", value: "600" });
  });
});

describe("orderPoints", () => {
  it("rounds down once, on the money times rate times multiplier", () => {
    expect(orderPoints(yuan("99.99"), "1", "1")).toEqual({ base: 99, points: 99 });
    expect(orderPoints(yuan("99.99"), "1", "1.5")).toEqual({ base: 99, points: 149 });
    expect(orderPoints(yuan("10"), "0.3333", "3")).toEqual({ base: 3, points: 9 });
  });
  it("writes micro-units as decimals", () => {
    expect([decimalOf(1_500_500_000n), decimalOf(-3_000_000n), decimalOf(0n), decimalOf(1n)]).toEqual(["1500.5", "-3", "0", "0.000001"]);
  });
});

describe("programmeIssues", () => {
  it("names each wrong field", () => {
    const issues = programmeIssues({ ...EXAMPLE, windowMonths: 0, levels: [EXAMPLE.levels[1]!, { ...EXAMPLE.levels[0]!, multiplier: "0" }] });
    expect(issues.map((i) => i.field)).toEqual(["windowMonths", "levels[1].threshold", "levels[1].multiplier"]);
    expect(programmeIssues(EXAMPLE)).toEqual([]);
  });
});

// Property tests: any sequence of orders, returns and redemptions.
const DAY0 = dayNumber("2023-01-01");
const dayArb = fc.integer({ min: 0, max: 1400 }).map((d) => dayText(DAY0 + d));
const programmeArb: fc.Arbitrary<Programme> = fc
  .record({
    basis: fc.constantFrom("spend" as const, "points" as const),
    review: fc.constantFrom("monthly" as const, "anniversary" as const),
    windowMonths: fc.integer({ min: 1, max: 24 }),
    expiryYears: fc.option(fc.integer({ min: 0, max: 2 }), { nil: null }),
    entry: fc.integer({ min: 0, max: 300 }),
    steps: fc.array(fc.integer({ min: 1, max: 3000 }), { minLength: 0, maxLength: 3 }),
    rate: fc.constantFrom("1", "0.5", "2.25"),
    startsOn: fc.option(dayArb, { nil: null }),
  })
  .map((r) => {
    let t = r.entry;
    const thresholds = [t, ...r.steps.map((s) => (t += s))];
    return {
      startsOn: r.startsOn,
      basis: r.basis,
      windowMonths: r.windowMonths,
      review: r.review,
      pointsPerUnit: r.rate,
      expiryYears: r.expiryYears,
      levels: thresholds.map((th, i) => ({ key: `l${i}`, name: `L${i}`, threshold: String(th), multiplier: ["1", "1.2", "1.5", "2"][i]! })),
    };
  });

const historyArb = fc
  .record({
    orders: fc.array(fc.record({ date: dayArb, cents: fc.integer({ min: 0, max: 300_000 }) }), { maxLength: 25 }),
    returns: fc.array(fc.record({ date: dayArb, pick: fc.nat(), share: fc.integer({ min: 1, max: 100 }), linked: fc.boolean(), full: fc.boolean() }), { maxLength: 10 }),
    manual: fc.array(fc.record({ date: dayArb, kind: fc.constantFrom("redeem" as const, "adjust" as const), points: fc.integer({ min: -500, max: 3000 }) }), { maxLength: 10 }),
    asOf: fc.integer({ min: 0, max: 1500 }).map((d) => dayText(DAY0 + d)),
  })
  .map((h) => {
    const orders: OrderEvent[] = h.orders.map((o, i) => ({ orderId: i + 1, date: o.date, sales: BigInt(o.cents) * 10_000n }));
    const returns: ReturnEvent[] = [];
    h.returns.forEach((r, i) => {
      const o = orders[r.pick % Math.max(1, orders.length)];
      if (!o) return;
      const amount = r.full ? o.sales : (o.sales * BigInt(r.share)) / 100n;
      if (amount === 0n) return;
      const date = r.date < o.date ? o.date : r.date;
      returns.push({ returnOrderId: 1000 + i, date, amount, ...(r.linked ? { orderId: o.orderId } : {}) });
    });
    const manual: ManualEvent[] = h.manual
      .filter((m) => m.points !== 0 && (m.kind === "adjust" || m.points > 0))
      .map((m, i) => ({ key: `${m.kind}:${i}`, kind: m.kind, date: m.date, points: m.points }));
    return { orders, returns, manual, asOf: h.asOf };
  });

describe("properties", () => {
  it("balance = earned − redeemed − expired − returned (+ adjustments), entry by entry", () => {
    fc.assert(
      fc.property(programmeArb, historyArb, (p, h) => {
        const m = computeMembership(p, h.asOf, h.orders, h.returns, h.manual);
        let running = 0;
        for (const e of m.entries) {
          running += e.points;
          expect(e.balance).toBe(running);
          expect(e.date <= h.asOf).toBe(true);
        }
        expect(m.balance).toBe(running);
        expect(m.balance).toBe(m.earned - m.redeemed - m.expired - m.returned + m.adjusted);
      }),
      { numRuns: 300 },
    );
  });

  it("the balance goes below zero only through a return of spent points", () => {
    fc.assert(
      fc.property(programmeArb, historyArb, (p, h) => {
        const m = computeMembership(p, h.asOf, h.orders, h.returns, h.manual);
        let previous = 0;
        for (const e of m.entries) {
          if (e.balance < 0 && e.kind !== "return") expect(e.balance).toBeGreaterThan(previous);
          previous = e.balance;
        }
      }),
      { numRuns: 300 },
    );
  });

  it("refuses a redemption that would overdraw, and applies every other one", () => {
    fc.assert(
      fc.property(programmeArb, historyArb, (p, h) => {
        const m = computeMembership(p, h.asOf, h.orders, h.returns, h.manual);
        const refused = new Set(m.refused.map((r) => r.key));
        for (const r of m.refused) expect(r.points).toBeGreaterThan(r.balance);
        let previous = 0;
        for (const e of m.entries) {
          if (e.kind === "redeem" || (e.kind === "adjust" && e.points < 0)) expect(previous).toBeGreaterThanOrEqual(-e.points);
          previous = e.balance;
        }
        const applied = new Set(m.entries.map((e) => e.key));
        for (const x of h.manual) if (x.date <= h.asOf) expect(applied.has(x.key) !== refused.has(x.key)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it("a return takes back its order's points pro rata; a full return nets the order to zero", () => {
    fc.assert(
      fc.property(programmeArb, historyArb, (p, h) => {
        const m = computeMembership(p, h.asOf, h.orders, h.returns, h.manual);
        const returnedAmount = new Map<number, bigint>();
        for (const r of h.returns) {
          if (r.orderId === undefined || r.date > h.asOf || (p.startsOn !== null && r.date < p.startsOn)) continue;
          returnedAmount.set(r.orderId, (returnedAmount.get(r.orderId) ?? 0n) + r.amount);
        }
        for (const [orderId, o] of m.orders) {
          expect(o.returned + o.expired).toBeLessThanOrEqual(o.earned);
          const order = h.orders.find((x) => x.orderId === orderId)!;
          const linkedOnly = h.returns.every((r) => r.orderId !== undefined);
          if (linkedOnly && (returnedAmount.get(orderId) ?? 0n) >= order.sales) expect(o.returned + o.expired).toBe(o.earned);
          if (linkedOnly) {
            const back = Number((BigInt(o.earned) * min(order.sales, returnedAmount.get(orderId) ?? 0n)) / order.sales);
            expect(o.returned).toBeLessThanOrEqual(back);
            expect(o.returned + o.expired).toBeGreaterThanOrEqual(back);
          }
        }
        const earns = m.entries.filter((e) => e.kind === "earn");
        const returns = m.entries.filter((e) => e.kind === "return");
        for (const r of returns) expect(earns.some((e) => e.orderId === r.orderId && e.date <= r.date)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it("levels change only by the rules: join or upgrade on an order's day when met, downgrade at a review when short", () => {
    fc.assert(
      fc.property(programmeArb, historyArb, (p, h) => {
        const m = computeMembership(p, h.asOf, h.orders, h.returns, h.manual);
        const index = (k: string | null) => p.levels.findIndex((l) => l.key === k);
        const threshold = (k: string) => Number(p.levels[index(k)]!.threshold);
        const orderDays = new Set(h.orders.filter((o) => p.startsOn === null || o.date >= p.startsOn).map((o) => o.date));
        let current: string | null = null;
        let since: string | null = null;
        for (const c of m.levels) {
          expect(c.from).toBe(current);
          expect(c.date <= h.asOf).toBe(true);
          if (c.kind === "join" || c.kind === "upgrade") {
            expect(c.kind === "join").toBe(current === null);
            expect(orderDays.has(c.date)).toBe(true);
            expect(index(c.to)).toBeGreaterThan(index(current));
            expect(Number(c.value)).toBeGreaterThanOrEqual(threshold(c.to));
          } else {
            expect(index(c.to)).toBeLessThan(index(current));
            expect(Number(c.value)).toBeLessThan(threshold(current!));
            const next = p.levels[index(c.to) + 1];
            if (index(c.to) > 0) expect(Number(c.value)).toBeGreaterThanOrEqual(threshold(c.to));
            if (next) expect(Number(c.value)).toBeLessThan(Number(next.threshold));
            if (p.review === "monthly") expect(c.date.endsWith("-01")).toBe(true);
            else expect(c.date.slice(5, 7) === since!.slice(5, 7) && c.date.slice(8) <= since!.slice(8)).toBe(true);
          }
          current = c.to;
          since = c.date;
        }
        expect(m.level).toBe(current);
      }),
      { numRuns: 300 },
    );
  });

  it("is deterministic and consistent over time: a later evaluation extends an earlier one", () => {
    fc.assert(
      fc.property(programmeArb, historyArb, dayArb, (p, h, earlier) => {
        const [a, b] = earlier <= h.asOf ? [earlier, h.asOf] : [h.asOf, earlier];
        const first = computeMembership(p, a, h.orders, h.returns, h.manual);
        const later = computeMembership(p, b, h.orders, h.returns, h.manual);
        expect(computeMembership(p, a, h.orders, h.returns, h.manual)).toEqual(first);
        expect(later.entries.filter((e) => e.date <= a)).toEqual(first.entries);
        expect(later.levels.filter((c) => c.date <= a)).toEqual(first.levels);
      }),
      { numRuns: 200 },
    );
  });
});

const min = (a: bigint, b: bigint) => (a < b ? a : b);
