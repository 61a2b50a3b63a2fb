import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  customersToReach, DECILE_CUTS, groupsByRankShare, paretoCurve, purchaseDeciles, PYRAMID_CUTS, rankByValue, ratio, stableOrder, summarizeGroups, total,
} from "./ranking.ts";

const M = 1_000_000n;
/** Seven customers, by hand: a tie (ids 2 and 4), a zero and a negative value. */
const ids = Float64Array.from([1, 2, 3, 4, 5, 6, 7]);
const values = BigInt64Array.from([50n, 10n, 30n, 10n, 0n, 100n, -5n].map((v) => v * M));

describe("ranking customers by value", () => {
  const order = rankByValue(ids, values);
  const idsInOrder = [...order].map((i) => ids[i]);

  it("ranks by value descending, ties by customer id", () => {
    expect(idsInOrder).toEqual([6, 1, 3, 2, 4, 5, 7]);
  });

  it("cuts deciles by rank share: the decile of rank i is floor(10i/n) + 1", () => {
    const group = groupsByRankShare(7, DECILE_CUTS);
    expect([...group].map((g) => g + 1)).toEqual([1, 2, 3, 5, 6, 8, 9]);
    const rows = summarizeGroups(order, group, 10, { sales: values });
    expect(rows.map((r) => r.customers)).toEqual([1, 1, 1, 0, 1, 1, 0, 1, 1, 0]);
    expect(rows.map((r) => r.sums.sales!.sum / M)).toEqual([100n, 50n, 30n, 0n, 10n, 10n, 0n, 0n, -5n, 0n]);
    expect(rows[0]!.sums.sales!.share).toBeCloseTo(100 / 195, 12);
    expect(rows[9]!.sums.sales!.cumulativeShare).toBe(1);
  });

  it("cuts the pyramid at 1%, 20%, 50%: the top 1% of 7 customers is one customer", () => {
    const group = groupsByRankShare(7, PYRAMID_CUTS);
    expect([...group]).toEqual([0, 1, 2, 2, 3, 3, 3]);
    const rows = summarizeGroups(order, group, 4, { sales: values });
    expect(rows.map((r) => [r.customers, r.sums.sales!.sum / M])).toEqual([[1, 100n], [1, 50n], [2, 40n], [3, 5n]]);
  });

  it("counts the fewest best customers that make a share of the total", () => {
    // Total 195: 50% = 97.5 (one customer: 100), 80% = 156 (three: 180), 90% = 175.5 (three).
    expect(customersToReach(order, values, [[1, 2], [4, 5], [9, 10], [0, 1], [1, 1]])).toEqual([1, 3, 3, 0, 5]);
  });

  it("cuts the total into ten equal parts and counts the customers making each", () => {
    // Running sums 100, 150, 180, 190, 200, 200, 195 against 19.5 × k.
    const parts = purchaseDeciles(order, values)!;
    expect(parts.map((p) => p.customers)).toEqual([1, 0, 0, 0, 0, 1, 0, 1, 0, 2]);
    expect(parts.map((p) => p.cumulativeCustomers)).toEqual([1, 1, 1, 1, 1, 2, 2, 3, 3, 5]);
  });

  it("draws the Pareto curve through whole customers", () => {
    const curve = paretoCurve(order, values, 7)!;
    expect(curve.map((p) => p.customerShare)).toEqual([0, 1, 2, 3, 4, 5, 6, 7].map((m) => m / 7));
    expect(curve.map((p) => p.valueShare * 195)).toEqual([0, 100, 150, 180, 190, 200, 200, 195].map((v) => expect.closeTo(v, 9)));
  });

  it("has no shares of a zero total", () => {
    const zero = new BigInt64Array(3);
    const o = rankByValue(Float64Array.from([3, 1, 2]), zero);
    expect([...o]).toEqual([1, 2, 0]);
    expect(purchaseDeciles(o, zero)).toBeNull();
    expect(paretoCurve(o, zero)).toBeNull();
    expect(summarizeGroups(o, groupsByRankShare(3, DECILE_CUTS), 10, { sales: zero })[0]!.sums.sales!.share).toBeNull();
  });

  it("gives shares to double precision, of small sums and of sums beyond 2^53", () => {
    expect(ratio(500n, 830n)).toBe(500 / 830);
    expect(ratio(10n ** 20n, 3n * 10n ** 20n)).toBe(1 / 3);
    expect(ratio(-(10n ** 19n), 4n * 10n ** 19n)).toBe(-0.25);
    expect(ratio(1n, 0n)).toBeNull();
  });

  it("refuses cuts that do not end at 100%", () => {
    expect(() => groupsByRankShare(5, [100, 5000])).toThrow(RangeError);
    expect(() => groupsByRankShare(5, [5000, 100, 10000])).toThrow(RangeError);
  });
});

/** Customers with distinct ids and values in micro-units, some negative when asked. */
const customers = (negative: boolean) =>
  fc
    .array(fc.bigInt({ min: negative ? -5_000_000_000n : 0n, max: 50_000_000_000n }), { minLength: 1, maxLength: 400 })
    .chain((vs) => fc.shuffledSubarray([...Array(vs.length * 3).keys()], { minLength: vs.length, maxLength: vs.length }).map((is) => ({ vs, is })))
    .map(({ vs, is }) => ({ ids: Float64Array.from(is, (i) => i + 1), values: BigInt64Array.from(vs) }));

describe("ranking invariants (property)", () => {
  it("every customer is in exactly one decile and one tier; group sizes differ by at most one customer per cut; sums and shares add up", () => {
    fc.assert(
      fc.property(customers(true), ({ ids, values }) => {
        const n = ids.length;
        const order = rankByValue(ids, values);
        expect(new Set(order).size).toBe(n);
        for (let i = 1; i < n; i++) {
          const [a, b] = [order[i - 1]!, order[i]!];
          expect(values[a]! > values[b]! || (values[a] === values[b] && ids[a]! < ids[b]!)).toBe(true);
        }
        for (const [cuts, groups] of [[DECILE_CUTS, 10], [PYRAMID_CUTS, 4]] as const) {
          const rows = summarizeGroups(order, groupsByRankShare(n, cuts), groups, { v: values });
          expect(rows.reduce((s, r) => s + r.customers, 0)).toBe(n);
          rows.forEach((r, g) => {
            // A group holds the ranks i with lo ≤ i/n < hi: ⌈lo·n⌉ … ⌈hi·n⌉ − 1.
            const lo = g === 0 ? 0 : Math.ceil((cuts[g - 1]! * n) / 10_000);
            expect(r.customers).toBe(Math.ceil((cuts[g]! * n) / 10_000) - lo);
          });
          expect(rows.reduce((s, r) => s + r.sums.v!.sum, 0n)).toBe(total(values));
          if (total(values) !== 0n) {
            expect(rows.reduce((s, r) => s + r.sums.v!.share!, 0)).toBeCloseTo(1, 9);
            expect(rows[rows.length - 1]!.sums.v!.cumulativeShare).toBeCloseTo(1, 12);
          }
          expect(rows[rows.length - 1]!.cumulativeCustomerShare).toBe(1);
        }
      }),
    );
  });

  it("purchase deciles take the fewest customers: the best m reach k/10 of the total, the best m − 1 do not", () => {
    fc.assert(
      fc.property(customers(false), ({ ids, values }) => {
        const order = rankByValue(ids, values);
        const parts = purchaseDeciles(order, values);
        const t = total(values);
        if (t === 0n) {
          expect(parts).toBeNull();
          return;
        }
        const prefix = (m: number) => [...order.subarray(0, m)].reduce((s, i) => s + values[i]!, 0n);
        parts!.forEach((p, k) => {
          const m = p.cumulativeCustomers;
          expect(prefix(m) * 10n >= BigInt(k + 1) * t).toBe(true);
          if (m > 0) expect(prefix(m - 1) * 10n < BigInt(k + 1) * t).toBe(true);
        });
        expect(parts!.reduce((s, p) => s + p.customers, 0)).toBe(parts![9]!.cumulativeCustomers);
        const curve = paretoCurve(order, values, 50)!;
        for (let j = 1; j < curve.length; j++) expect(curve[j]!.valueShare).toBeGreaterThanOrEqual(curve[j - 1]!.valueShare);
        expect(curve[curve.length - 1]!.valueShare).toBe(1);
      }),
      // A business whose only customer is worth nothing has no shares at all.
      { examples: [[{ ids: Float64Array.from([1]), values: BigInt64Array.from([0n]) }]] },
    );
  });
});

describe("ordering by value without a comparator (property)", () => {
  const money = fc.oneof(fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }), fc.bigInt({ min: -5n, max: 5n }));
  it("orders as a stable comparator sort does, both ways, negative and huge values included", () => {
    fc.assert(fc.property(fc.array(money, { maxLength: 200 }), fc.boolean(), (vs, descending) => {
      const values = BigInt64Array.from(vs);
      const expected = [...values.keys()].sort((a, b) => {
        const d = descending ? values[b]! - values[a]! : values[a]! - values[b]!;
        return d > 0n ? 1 : d < 0n ? -1 : a - b;
      });
      expect([...stableOrder(values, descending)]).toEqual(expected);
    }));
  });

  it("ranks ties by id whether or not the customers come by id", () => {
    fc.assert(fc.property(fc.uniqueArray(fc.integer({ min: 1, max: 10_000 }), { maxLength: 100 }), fc.array(fc.bigInt({ min: -3n, max: 3n }), { minLength: 100, maxLength: 100 }), fc.boolean(), (idList, vs, sortIds) => {
      const ids = Float64Array.from(sortIds ? [...idList].sort((a, b) => a - b) : idList);
      const values = BigInt64Array.from(vs.slice(0, ids.length));
      const expected = [...ids.keys()].sort((a, b) => (values[a]! > values[b]! ? -1 : values[a]! < values[b]! ? 1 : ids[a]! - ids[b]!));
      expect([...rankByValue(ids, values)]).toEqual(expected);
    }));
  });
});
