import { describe, expect, it } from "vitest";
import { contrastGroups } from "./contrast.ts";
import type { FeatureMatrix } from "./matrix.ts";
import { seededRandom } from "./random.ts";

describe("contrast of two groups", () => {
  // Rows 0–3 churned (A), rows 4–8 active (B).
  const m: FeatureMatrix = {
    n: 9,
    names: ["orders", "complained", "same"],
    columns: [Float64Array.of(1, 2, 3, 4, 2, 4, 6, 8, 10), Float64Array.of(1, 1, 0, 1, 0, 0, 1, 0, 0), Float64Array.of(5, 5, 5, 5, 5, 5, 5, 5, 5)],
  };
  const churned = [0, 1, 2, 3];
  const active = [4, 5, 6, 7, 8];

  it("gives Cohen's d with the pooled sd and Hedges & Olkin's interval, as computed by hand", () => {
    const [orders] = contrastGroups(m, churned, active);
    // Means 2.5 and 6; sums of squares 5 and 40; pooled variance 45/7.
    const d = -3.5 / Math.sqrt(45 / 7); // −1.38042
    const se = Math.sqrt(9 / 20 + (d * d) / 18); // (nA + nB)/(nA·nB) + d²/(2(nA + nB))
    expect(orders!.feature).toBe("orders");
    expect(orders!.meanA).toBe(2.5);
    expect(orders!.meanB).toBe(6);
    expect(orders!.sdA).toBeCloseTo(Math.sqrt(5 / 3), 14);
    expect(orders!.sdB).toBeCloseTo(Math.sqrt(10), 14);
    expect(orders!.d).toBeCloseTo(d, 14);
    expect(orders!.d).toBeCloseTo(-1.38042, 5);
    expect(orders!.se).toBeCloseTo(se, 14);
    expect(orders!.lower).toBeCloseTo(d - 1.959964 * se, 5);
    expect(orders!.upper).toBeCloseTo(d + 1.959964 * se, 5);
    expect(orders!.binary).toBe(false);
  });

  it("gives a 0/1 feature's two proportions and their difference, and orders features by |d|", () => {
    const out = contrastGroups(m, churned, active);
    expect(out.map((c) => c.feature)).toEqual(["orders", "complained", "same"]);
    const complained = out[1]!;
    expect(complained.binary).toBe(true);
    expect(complained.proportionA).toBe(0.75);
    expect(complained.proportionB).toBe(0.2);
    expect(complained.difference).toBeCloseTo(0.55, 14);
    // Pooled variance (4·0.75·0.25 + 5·0.2·0.8)/7 = 1.55/7.
    expect(complained.d).toBeCloseTo(0.55 / Math.sqrt(1.55 / 7), 14);
    // A feature constant in both groups has no d.
    expect(out[2]).toMatchObject({ d: null, se: null, difference: 0, binary: false });
  });

  it("leaves out missing values and checks the rows", () => {
    const gaps: FeatureMatrix = { n: 5, names: ["x"], columns: [Float64Array.of(1, NaN, 3, 10, 12)] };
    const [x] = contrastGroups(gaps, [0, 1, 2], [3, 4]);
    expect(x).toMatchObject({ nA: 2, nB: 2, meanA: 2, meanB: 11 });
    expect(x!.d).toBeCloseTo(-9 / Math.sqrt(2), 14);
    expect(() => contrastGroups(gaps, [0, 7], [3])).toThrow(/group A lists row 7/);
  });

  it("covers the true d about 95% of the time (simulation, 1,000 pairs of groups of 60 with δ = 0.5)", () => {
    const r = seededRandom(2024);
    const normal = () => Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r());
    let covered = 0;
    const runs = 1000;
    for (let s = 0; s < runs; s++) {
      const col = Float64Array.from({ length: 120 }, (_, i) => (i < 60 ? 0.5 : 0) + normal());
      const [c] = contrastGroups({ n: 120, names: ["x"], columns: [col] }, Array.from({ length: 60 }, (_, i) => i), Array.from({ length: 60 }, (_, i) => 60 + i));
      if (c!.lower! <= 0.5 && 0.5 <= c!.upper!) covered++;
    }
    // Binomial sd of the coverage is √(0.95·0.05/1000) ≈ 0.007.
    expect(covered / runs).toBeGreaterThan(0.93);
    expect(covered / runs).toBeLessThan(0.97);
  });
});
