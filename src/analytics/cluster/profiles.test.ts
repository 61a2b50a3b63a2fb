import { describe, expect, it } from "vitest";
import type { FeatureMatrix } from "./matrix.ts";
import { clusterProfiles, describeProfile, effectSize } from "./profiles.ts";

// Six customers in two clusters (rows 0–2 and 3–5).
const m: FeatureMatrix = {
  n: 6,
  names: ["orders", "discountShare", "tenureYears"],
  columns: [Float64Array.of(10, 12, 14, 2, 3, 1), Float64Array.of(0.1, 0.2, 0.1, 0.3, 0.15, 0.35), Float64Array.of(5, 6, 7, 6, 5, 7.5)],
};
const assignment = [0, 0, 0, 1, 1, 1];
const labels = { orders: "order count", discountShare: "discount share", tenureYears: "tenure" };

describe("cluster profiles", () => {
  it("gives each cluster's means, ratio and standardised difference, computed by hand", () => {
    const [c0, c1] = clusterProfiles(m, assignment, 2);
    // orders: overall mean 7, sd √(160/5) = √32; cluster 0 mean 12 → d = 5/√32 = 0.8839.
    const orders = c0!.features[0]!;
    expect(orders.clusterMean).toBe(12);
    expect(orders.overallMean).toBe(7);
    expect(orders.ratio).toBeCloseTo(12 / 7, 14);
    expect(orders.d).toBeCloseTo(5 / Math.sqrt(32), 14);
    expect(orders).toMatchObject({ direction: "higher", size: "much" });
    // discount share: overall mean 0.2, sd √(0.055/5); cluster 0 mean 0.4/3 → d = −0.6356.
    const discount = c0!.features[1]!;
    expect(discount.d).toBeCloseTo((0.4 / 3 - 0.2) / Math.sqrt(0.055 / 5), 12);
    expect(discount).toMatchObject({ direction: "lower", size: "somewhat" });
    // tenure: |d| = 0.08 < 0.2, not a distinguishing feature.
    expect(Math.abs(c0!.features[2]!.d!)).toBeLessThan(0.2);
    expect(c0!.top.map((f) => f.feature)).toEqual(["orders", "discountShare"]);
    expect(c0).toMatchObject({ cluster: 0, size: 3, share: 0.5 });
    expect(c1!.features[0]!.d).toBeCloseTo(-5 / Math.sqrt(32), 14);
  });

  it("renders the distinguishing features as an English sentence", () => {
    const [c0, c1] = clusterProfiles(m, assignment, 2);
    expect(describeProfile(c0!, labels)).toBe("Much higher order count, somewhat lower discount share than average");
    expect(describeProfile(c1!, labels)).toBe("Much lower order count, somewhat higher discount share than average");
    expect(describeProfile(c0!, labels, { max: 1 })).toBe("Much higher order count than average");
    expect(describeProfile(c0!)).toBe("Much higher orders, somewhat lower discountShare than average");
    expect(describeProfile({ top: [] })).toBe("Close to average on every feature");
  });

  it("compares log1p'd features on the log scale, and reports means on the original scale", () => {
    const money: FeatureMatrix = { n: 4, names: ["sales"], columns: [Float64Array.of(9, 99, 999, 9999)] };
    const [low, high] = clusterProfiles(money, [0, 0, 1, 1], 2, { log1p: ["sales"] });
    // log1p: ln 10 … ln 10⁴, mean 2.5·ln 10, sd ln 10·√(5/3); cluster 1 mean 3.5·ln 10 → d = 1/√(5/3).
    expect(high!.features[0]!.d).toBeCloseTo(1 / Math.sqrt(5 / 3), 12);
    expect(high!.features[0]!.clusterMean).toBe(5499);
    expect(low!.features[0]!.overallMean).toBe(2776.5);
    expect(() => clusterProfiles(money, [0, 0, 1, 1], 2, { log1p: ["sales"], top: 1 })).not.toThrow();
  });

  it("leaves out missing values, and keeps a cluster with none of a feature", () => {
    const gaps: FeatureMatrix = { n: 4, names: ["x"], columns: [Float64Array.of(1, NaN, NaN, 3)] };
    const [c0, c1, c2] = clusterProfiles(gaps, [0, 1, 1, 2], 3);
    expect(c0!.features[0]!.overallMean).toBe(2);
    expect(c1!.features[0]).toMatchObject({ clusterMean: null, d: null, size: null });
    expect(c2!.features[0]!.d).toBeCloseTo(1 / Math.sqrt(2), 14);
  });

  it("names Cohen's sizes at 0.2, 0.5 and 0.8", () => {
    expect([0.19, 0.2, -0.49, 0.5, 0.79, -0.8, 2].map(effectSize)).toEqual([null, "slightly", "slightly", "somewhat", "somewhat", "much", "much"]);
  });
});
