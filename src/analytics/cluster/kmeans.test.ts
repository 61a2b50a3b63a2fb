import fs from "node:fs";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { assignToCenters, kmeans, type KMeansResult } from "./kmeans.ts";
import { lloyd } from "./lloyd.ts";
import { toRowMajor, type FeatureMatrix } from "./matrix.ts";
import { seededRandom } from "./random.ts";
import { standardize } from "./standardize.ts";

/** Fisher's iris measurements (test/fixtures/cluster/iris.csv), 150 × 4. */
function iris(): FeatureMatrix {
  const file = fileURLToPath(new URL("../../../test/fixtures/cluster/iris.csv", import.meta.url));
  const lines = fs.readFileSync(file, "utf8").trim().split("\n");
  const names = lines[0]!.split(",").slice(0, 4);
  const rows = lines.slice(1).map((l) => l.split(","));
  return { n: rows.length, names, columns: names.map((_, j) => Float64Array.from(rows, (r) => Number(r[j]))) };
}

/** Squared distance from row i of m to a centre. */
function d2(m: FeatureMatrix, i: number, c: Float64Array): number {
  return m.columns.reduce((s, col, f) => s + (col[i]! - c[f]!) ** 2, 0);
}

/** Checks a converged fit of the data it clustered: nearest centres, means, the SS identity. */
function checkFit(data: FeatureMatrix, r: KMeansResult) {
  const { n } = data;
  expect(r.sizes.reduce((a, b) => a + b, 0)).toBe(n);
  for (const s of r.sizes) expect(s).toBeGreaterThan(0);
  const scale = r.totalSS + 1;
  for (let i = 0; i < n; i++) {
    const own = d2(data, i, r.centers[r.assignment[i]!]!);
    for (const c of r.centers) expect(own).toBeLessThanOrEqual(d2(data, i, c) + 1e-9 * scale);
  }
  // Each centre is the mean of its points.
  r.centers.forEach((c, j) => {
    data.columns.forEach((col, f) => {
      let s = 0;
      for (let i = 0; i < n; i++) if (r.assignment[i] === j) s += col[i]!;
      expect(c[f]!).toBeCloseTo(s / r.sizes[j]!, 9);
    });
  });
  expect(r.totWithinSS + r.betweenSS).toBeCloseTo(r.totalSS, 8);
  expect(Math.abs(r.totWithinSS + r.betweenSS - r.totalSS)).toBeLessThanOrEqual(1e-9 * scale);
}

describe("k-means on Fisher's iris data", () => {
  const m = iris();

  it("reaches R's kmeans(iris[, 1:4], 3) optimum from every seed with nstart = 10", () => {
    // R: sizes 50, 62, 38; withinss 15.15100 39.82097 23.87947; tot.withinss 78.85144;
    // totss 681.3706; betweenss 602.5192 (between_SS / total_SS = 88.4 %).
    for (let seed = 1; seed <= 8; seed++) {
      const r = kmeans(m, 3, { random: seededRandom(seed), nstart: 10, scale: "none" });
      expect(r.converged).toBe(true);
      expect(r.totWithinSS).toBeCloseTo(78.85144, 5);
      expect(r.totalSS).toBeCloseTo(681.3706, 4);
      expect(r.betweenSS).toBeCloseTo(602.5192, 4);
      expect(Math.round((1000 * r.betweenSS) / r.totalSS) / 10).toBe(88.4);
      const byCluster = r.sizes.map((size, j) => ({ size, within: r.withinSS[j]!, centre: Array.from(r.centersOriginal[j]!) })).sort((a, b) => a.centre[0]! - b.centre[0]!);
      expect(byCluster.map((c) => c.size)).toEqual([50, 62, 38]);
      [15.151, 39.82097, 23.87947].forEach((w, j) => expect(byCluster[j]!.within).toBeCloseTo(w, 5));
      const rCentres = [
        [5.006, 3.428, 1.462, 0.246],
        [5.901613, 2.748387, 4.393548, 1.433871],
        [6.85, 3.073684, 5.742105, 2.071053],
      ];
      rCentres.forEach((c, j) => c.forEach((v, f) => expect(byCluster[j]!.centre[f]!).toBeCloseTo(v, 6)));
    }
  });

  it("keeps the best of its starts, and the same seed gives the same clusters", () => {
    const a = kmeans(m, 3, { random: seededRandom(11), nstart: 10, scale: "none" });
    const b = kmeans(m, 3, { random: seededRandom(11), nstart: 10, scale: "none" });
    expect(a.starts).toHaveLength(10);
    expect(a.totWithinSS).toBeCloseTo(Math.min(...a.starts), 9);
    expect(Array.from(b.assignment)).toEqual(Array.from(a.assignment));
    expect(a.assignment).toBeInstanceOf(Uint16Array);
  });

  it("clusters standardised features by default and gives centres on both scales", () => {
    const r = kmeans(m, 3, { random: seededRandom(3) });
    const { data } = standardize(m);
    checkFit(data, r);
    // The setosa flowers (rows 0–49) form a cluster of their own on the z-scores too.
    expect(new Set(Array.from(r.assignment.subarray(0, 50))).size).toBe(1);
    const setosa = r.assignment[0]!;
    expect(r.sizes[setosa]).toBe(50);
    expect(r.centersOriginal[setosa]![2]!).toBeCloseTo(1.462, 9);
    expect(Array.from(assignToCenters(data, r.centers))).toEqual(Array.from(r.assignment));
  });
});

describe("k-means properties (fast-check)", () => {
  /** Small matrices with values on a coarse grid (halves of 0 … 10), so ties and duplicate rows occur. */
  const matrices = fc
    .record({ n: fc.integer({ min: 2, max: 40 }), p: fc.integer({ min: 1, max: 3 }) })
    .chain(({ n, p }) =>
      fc.record({
        columns: fc.array(fc.array(fc.integer({ min: 0, max: 20 }), { minLength: n, maxLength: n }), { minLength: p, maxLength: p }),
        k: fc.integer({ min: 1, max: 5 }),
        seed: fc.integer(),
      }),
    )
    .map(({ columns, k, seed }) => ({
      m: { n: columns[0]!.length, names: columns.map((_, f) => `f${f}`), columns: columns.map((c) => Float64Array.from(c, (v) => v / 2)) } as FeatureMatrix,
      k,
      seed,
    }));

  it("at convergence every point is at its nearest centre, each centre is its points' mean, and within + between = total", () => {
    fc.assert(
      fc.property(matrices, ({ m, k, seed }) => {
        const distinct = new Set(Array.from({ length: m.n }, (_, i) => m.columns.map((c) => c[i]).join(","))).size;
        const varies = m.columns.some((c) => c.some((v) => v !== c[0]));
        if (!varies) return;
        if (k > distinct) {
          expect(() => kmeans(m, k, { random: seededRandom(seed), nstart: 2, scale: "none" })).toThrow(RangeError);
          return;
        }
        const r = kmeans(m, k, { random: seededRandom(seed), nstart: 2, scale: "none" });
        expect(r.converged).toBe(true);
        checkFit(standardize(m, { zscore: false }).data, r);
      }),
      { numRuns: 300 },
    );
  });

  it("runs its starts on a sample above startRows and still converges on all rows", () => {
    const r0 = seededRandom(5);
    const n = 3000;
    const columns = [0, 1].map((f) => Float64Array.from({ length: n }, (_, i) => ((i % 3) * 4 + f) + r0() + r0() - 1));
    const m: FeatureMatrix = { n, names: ["a", "b"], columns };
    const r = kmeans(m, 3, { random: seededRandom(9), nstart: 4, startRows: 500 });
    expect(r.startRows).toBe(500);
    expect(r.starts).toHaveLength(4);
    expect(r.converged).toBe(true);
    checkFit(standardize(m).data, r);
    expect(r.betweenSS / r.totalSS).toBeGreaterThan(0.8);
  });
});

describe("Lloyd's iterations (lloyd.ts)", () => {
  it("gives an emptied cluster the point farthest from its centre", () => {
    // Two centres far from every point: the second gets no point in the first pass.
    const x = Float64Array.from([0, 0.1, 0.2, 5, 5.1, 5.2, 5.3]);
    const run = lloyd(x, 7, 1, Float64Array.from([2, 100]), 50);
    expect(run.relocations).toBeGreaterThan(0);
    expect(run.converged).toBe(true);
    expect(Array.from(run.sizes).sort()).toEqual([3, 4]);
    expect(Array.from(run.centers).sort((a, b) => a - b)).toEqual([expect.closeTo(0.1, 12), expect.closeTo(5.15, 12)]);
  });

  it("stops at the cap when told to and still reports consistent sums", () => {
    const r = seededRandom(2);
    const n = 500;
    const x = Float64Array.from({ length: n * 2 }, () => r());
    const run = lloyd(x, n, 2, Float64Array.from([0, 0, 1, 1, 0, 1, 1, 0]), 1);
    expect(run.iterations).toBe(1);
    expect(Array.from(run.sizes).reduce((a, b) => a + b, 0)).toBe(n);
  });

  it("rejects data with fewer distinct rows than k", () => {
    const m: FeatureMatrix = { n: 4, names: ["a"], columns: [Float64Array.from([1, 1, 2, 2])] };
    expect(() => kmeans(m, 3, { random: seededRandom(1), scale: "none" })).toThrow(/distinct rows/);
    expect(toRowMajor(m.columns, 4)).toEqual(Float64Array.from([1, 1, 2, 2]));
  });
});
