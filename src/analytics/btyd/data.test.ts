import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkRows, groupTriples, summarisePurchases } from "./data.ts";

describe("summarisePurchases", () => {
  it("counts distinct days as occasions, merges same-day values and ignores purchases after the end", () => {
    // Customer 0: days 10 (two purchases), 17, 24, and 40 after the end (day 31).
    // Customer 1: one purchase on day 3. Customer 2: only after the end. Customer 3: none.
    const customer = Int32Array.from([0, 0, 1, 0, 0, 0, 2]);
    const day = Int32Array.from([10, 10, 3, 24, 17, 40, 35]);
    const value = Float64Array.from([5, 7, 20, 30, 10, 99, 1]);
    const s = summarisePurchases(customer, day, value, 4, 31, 7);
    expect(s.x[0]).toBe(2);
    expect(s.tx[0]).toBeCloseTo(14 / 7, 15);
    expect(s.T[0]).toBeCloseTo(21 / 7, 15);
    expect(s.mx[0]).toBe(20); // (10 + 30)/2; the first day's 12 is not a repeat purchase
    expect(s.firstDay[0]).toBe(10);
    expect([s.x[1], s.tx[1], s.T[1]]).toEqual([0, 0, 4]);
    expect(s.mx[1]).toBeNaN();
    for (const c of [2, 3]) expect([s.x[c], s.T[c], s.firstDay[c]]).toEqual([NaN, NaN, NaN]);
  });

  it("rejects a customer outside the range", () => {
    expect(() => summarisePurchases(Int32Array.from([5]), Int32Array.from([1]), Float64Array.from([1]), 2, 10, 1)).toThrow(/customer 5/);
  });
});

describe("groupTriples", () => {
  it("folds equal triples into weighted rows and maps every customer back", () => {
    const x = Float64Array.from([0, 1, 0, 1, 2, 1]);
    const tx = Float64Array.from([0, 3, 0, 3, 4, 2]);
    const T = Float64Array.from([5, 5, 5, 5, 5, 5]);
    const g = groupTriples(x, tx, T);
    expect(Array.from(g.rows.x)).toEqual([0, 1, 2, 1]);
    expect(Array.from(g.rows.weight)).toEqual([2, 2, 1, 1]);
    expect(Array.from(g.index)).toEqual([0, 1, 0, 1, 2, 3]);
  });

  it("keeps every customer's triple and the total count (property)", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 3 }), fc.integer({ min: 3, max: 5 })), { maxLength: 200 }), (rows) => {
        const x = Float64Array.from(rows.map((r) => r[0]));
        const tx = Float64Array.from(rows.map((r) => r[1] / 7));
        const T = Float64Array.from(rows.map((r) => r[2] / 7));
        const g = groupTriples(x, tx, T);
        const total = g.rows.weight.reduce((a, b) => a + b, 0);
        const keys = new Set(rows.map((r) => r.join()));
        return total === rows.length && g.rows.x.length === keys.size && rows.every((_, i) => g.rows.x[g.index[i]!] === x[i] && g.rows.tx[g.index[i]!] === tx[i] && g.rows.T[g.index[i]!] === T[i]);
      }),
    );
  });
});

describe("checkRows", () => {
  it("names the first invalid customer and says what to do", () => {
    const ok = { x: Float64Array.from([1]), tx: Float64Array.from([2]), T: Float64Array.from([3]) };
    expect(() => checkRows(ok)).not.toThrow();
    expect(() => checkRows({ ...ok, tx: Float64Array.from([4]) })).toThrow(/customer 0: .*0 ≤ tx ≤ T/);
    expect(() => checkRows({ ...ok, x: Float64Array.from([1.5]) })).toThrow(/whole x/);
    expect(() => checkRows({ ...ok, T: Float64Array.from([NaN]) })).toThrow(/not yet acquired/);
    expect(() => checkRows({ ...ok, x: Float64Array.from([0]) })).toThrow(/tx = 0 when x = 0/);
  });
});
