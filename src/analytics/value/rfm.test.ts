import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { quintileScores, RFM_SEGMENTS, rfmScores, rfmSegment, segmentSummary } from "./rfm.ts";

describe("RFM quintile scores", () => {
  it("scores five distinct values 1 to 5", () => {
    expect([...quintileScores(Float64Array.from([30, 10, 50, 20, 40]), true)]).toEqual([3, 1, 5, 2, 4]);
  });

  it("gives ties one score, that of their average position", () => {
    // Best first: 3 at position 0 → 5; 2 at 1 → 5 − ⌊5/5⌋ = 4; 1, 1, 1 at 2–4 → 5 − ⌊5·6/10⌋ = 2.
    expect([...quintileScores(Float64Array.from([1, 2, 1, 3, 1]), true)]).toEqual([2, 4, 2, 5, 2]);
  });

  it("scores recency the other way: fewer days since the last purchase is better", () => {
    // Best first: 0 (0) → 5, 10 and 10 (1–2) → 5 − ⌊5·3/10⌋ = 4, 30 (3) → 2, 400 (4) → 1.
    expect([...quintileScores(Float64Array.from([0, 10, 10, 400, 30]), false)]).toEqual([5, 4, 4, 1, 2]);
  });

  it("scores money in micro-units exactly, however large", () => {
    const big = 9_000_000_000_000_000_000n;
    expect([...quintileScores(BigInt64Array.from([big, big - 1n, 0n, -big, 1n]), true)]).toEqual([5, 4, 2, 1, 3]);
  });

  it("puts each cell of the grid in one named segment", () => {
    expect(rfmSegment(5, 5)).toBe("champions");
    expect(rfmSegment(5, 1)).toBe("new");
    expect(rfmSegment(4, 1)).toBe("promising");
    expect(rfmSegment(3, 3)).toBe("need_attention");
    expect(rfmSegment(1, 5)).toBe("cannot_lose");
    expect(rfmSegment(2, 4)).toBe("at_risk");
    expect(rfmSegment(1, 1)).toBe("hibernating");
    const cells = RFM_SEGMENTS.flatMap((s) => s.r.flatMap((r) => s.f.map((f) => `${r}${f}`)));
    expect(cells).toHaveLength(25);
    expect(new Set(cells).size).toBe(25);
    expect(() => rfmSegment(0, 3)).toThrow(RangeError);
  });

  it("sums each segment's customers and value", () => {
    const M = 1_000_000n;
    const scores = rfmScores({
      recencyDays: Float64Array.from([1, 2, 300, 400]),
      frequency: Float64Array.from([9, 1, 8, 1]),
      monetary: BigInt64Array.from([500n * M, 20n * M, 300n * M, 10n * M]),
    });
    // Four customers, best first. R: 1 → 5, 2 → 5 − ⌊5/4⌋ = 4, 300 → 5 − ⌊10/4⌋ = 3, 400 → 5 − ⌊15/4⌋ = 2.
    // F: 9 → 5, 8 → 4, the two 1s at positions 2–3 → 5 − ⌊25/8⌋ = 2.
    expect([...scores.r]).toEqual([5, 4, 3, 2]);
    expect([...scores.f]).toEqual([5, 2, 4, 2]);
    const rows = Object.fromEntries(segmentSummary(scores, BigInt64Array.from([500n * M, 20n * M, 300n * M, 10n * M])).map((r) => [r.segment, r]));
    expect(rows.champions).toMatchObject({ customers: 1, value: 500n * M, valueShare: 500 / 830 });
    expect(rows.potential_loyalists).toMatchObject({ customers: 1, value: 20n * M });
    expect(rows.loyal).toMatchObject({ customers: 1, value: 300n * M });
    expect(rows.hibernating).toMatchObject({ customers: 1, value: 10n * M });
    expect(rows.at_risk).toMatchObject({ customers: 0, value: 0n, customerShare: 0 });
  });
});

describe("RFM invariants (property)", () => {
  const valuesOf = fc.array(fc.integer({ min: 0, max: 30 }), { minLength: 1, maxLength: 300 });

  it("scores lie in 1–5, the best scores 5, equal values score alike, better values never score lower, and without ties the five groups differ by at most one", () => {
    fc.assert(
      fc.property(valuesOf, fc.boolean(), (vs, higherIsBetter) => {
        const values = Float64Array.from(vs);
        const s = quintileScores(values, higherIsBetter);
        const best = higherIsBetter ? Math.max(...vs) : Math.min(...vs);
        if (vs.filter((v) => v === best).length * 5 <= vs.length) expect(s[vs.indexOf(best)]).toBe(5);
        for (let i = 0; i < vs.length; i++) {
          expect(s[i]).toBeGreaterThanOrEqual(1);
          expect(s[i]).toBeLessThanOrEqual(5);
          for (let j = 0; j < vs.length; j++) {
            if (vs[i] === vs[j]) expect(s[i]).toBe(s[j]);
            const better = higherIsBetter ? vs[i]! > vs[j]! : vs[i]! < vs[j]!;
            if (better) expect(s[i]).toBeGreaterThanOrEqual(s[j]!);
          }
        }
        const distinct = [...new Set(vs)];
        if (distinct.length === vs.length) {
          const sizes = [1, 2, 3, 4, 5].map((k) => s.filter((x) => x === k).length);
          expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
        }
      }),
    );
  });

  it("every customer is in exactly one segment and the shares add up to 100%", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 700 }), fc.integer({ min: 1, max: 20 }), fc.bigInt({ min: 1n, max: 10n ** 12n })), { minLength: 1, maxLength: 300 }), (cs) => {
        const monetary = BigInt64Array.from(cs.map((c) => c[2]));
        const scores = rfmScores({ recencyDays: Float64Array.from(cs.map((c) => c[0])), frequency: Float64Array.from(cs.map((c) => c[1])), monetary });
        const rows = segmentSummary(scores, monetary);
        expect(rows.reduce((a, r) => a + r.customers, 0)).toBe(cs.length);
        expect(rows.reduce((a, r) => a + r.value, 0n)).toBe(monetary.reduce((a, v) => a + v, 0n));
        expect(rows.reduce((a, r) => a + r.valueShare!, 0)).toBeCloseTo(1, 9);
        expect(rows.reduce((a, r) => a + r.customerShare, 0)).toBeCloseTo(1, 12);
      }),
    );
  });
});
