import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { explainLookalike, fitLookalike, scoreLookalike } from "./lookalike.ts";
import type { FeatureMatrix } from "./matrix.ts";
import { seededRandom } from "./random.ts";

/** A loyal-looking reference group: many orders, high sales, low discount share. */
function loyal(n: number, seed: number): FeatureMatrix {
  const r = seededRandom(seed);
  const normal = () => Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r());
  return {
    n,
    names: ["orders", "sales", "discountShare", "vip"],
    columns: [
      Float64Array.from({ length: n }, () => Math.round(12 * Math.exp(0.4 * normal()))),
      Float64Array.from({ length: n }, () => 5000 * Math.exp(0.6 * normal())),
      Float64Array.from({ length: n }, () => Math.min(1, Math.max(0, 0.08 + 0.04 * normal()))),
      Float64Array.from({ length: n }, () => 1),
    ],
  };
}
const log1p = ["orders", "sales"];

describe("look-alike score", () => {
  const ref = loyal(400, 1);
  const model = fitLookalike(ref, { log1p });

  it("gives the reference group each rank once: scores 0, 1/n, …, (n − 1)/n", () => {
    const { score, distance } = scoreLookalike(model, ref);
    const sorted = Array.from(score).sort((a, b) => a - b);
    expect(new Set(distance).size).toBe(400); // no ties in this sample
    sorted.forEach((s, i) => expect(s).toBeCloseTo(i / 400, 14));
    // The reference's own centroid distances are what the model keeps.
    expect(Array.from(distance).sort((a, b) => a - b)).toEqual(Array.from(model.referenceDistances));
  });

  it("drops a feature that does not vary among the reference customers, and says so", () => {
    expect(model.dropped).toEqual([{ feature: "vip", reason: "constant" }]);
    expect(model.standardizer.names).toEqual(["orders", "sales", "discountShare"]);
  });

  it("scores 1 at the centroid and 0 far away; a missing value adds nothing", () => {
    const s = model.standardizer;
    const centre = [Math.expm1(s.mean[0]!), Math.expm1(s.mean[1]!), s.mean[2]!];
    const rows: FeatureMatrix = {
      n: 3,
      names: ["discountShare", "orders", "sales"],
      columns: [Float64Array.of(centre[2]!, 0.9, NaN), Float64Array.of(centre[0]!, 1, centre[0]!), Float64Array.of(centre[1]!, 20, centre[1]!)],
    };
    const { score, distance, imputed, contributions } = scoreLookalike(model, rows, { contributions: true });
    expect(distance[0]).toBeCloseTo(0, 12);
    expect(score[0]).toBe(1);
    expect(score[1]).toBe(0);
    expect(score[2]).toBe(1);
    expect(imputed).toEqual([0, 0, 1]);
    // Contributions are the squared z-scores, summing to D².
    for (let i = 0; i < 3; i++) expect(contributions!.reduce((t, c) => t + c[i]!, 0)).toBeCloseTo(distance[i]! ** 2, 10);
  });

  it("explains a row: each feature's share of D², largest first, with its direction", () => {
    const prospect: FeatureMatrix = { n: 1, names: ["orders", "sales", "discountShare"], columns: [Float64Array.of(11), Float64Array.of(4000), Float64Array.of(0.45)] };
    const e = explainLookalike(model, prospect, 0);
    expect(e.features[0]).toMatchObject({ feature: "discountShare", direction: "higher", value: 0.45 });
    expect(e.features.reduce((t, f) => t + f.share, 0)).toBeCloseTo(1, 12);
    expect(e.features.reduce((t, f) => t + f.contribution, 0)).toBeCloseTo(e.distance ** 2, 12);
    expect(e.features[0]!.referenceMean).toBeCloseTo(ref.columns[2]!.reduce((a, b) => a + b, 0) / 400, 12);
    expect(e.score).toBe(scoreLookalike(model, prospect).score[0]);
    expect(e.score).toBeLessThan(0.05);
  });

  it("keeps scores in [0, 1] and never lets a farther row score higher (fast-check)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.double({ min: 0, max: 200, noNaN: true }), fc.double({ min: 0, max: 1e5, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true })), { minLength: 1, maxLength: 40 }),
        (rows) => {
          const m: FeatureMatrix = { n: rows.length, names: ["orders", "sales", "discountShare"], columns: [0, 1, 2].map((f) => Float64Array.from(rows, (r) => r[f]!)) };
          const { score, distance } = scoreLookalike(model, m);
          for (let i = 0; i < m.n; i++) {
            expect(score[i]).toBeGreaterThanOrEqual(0);
            expect(score[i]).toBeLessThanOrEqual(1);
            for (let j = 0; j < m.n; j++) if (distance[i]! < distance[j]!) expect(score[i]).toBeGreaterThanOrEqual(score[j]!);
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it("needs a reference group with a spread", () => {
    expect(() => fitLookalike({ n: 1, names: ["x"], columns: [Float64Array.of(1)] })).toThrow(/at least 2/);
    expect(() => fitLookalike({ n: 2, names: ["x"], columns: [Float64Array.of(1, 1)] })).toThrow(/no feature varies/);
  });
});
