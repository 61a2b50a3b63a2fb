import fs from "node:fs";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { chooseK } from "./choose-k.ts";
import { kmeans } from "./kmeans.ts";
import type { FeatureMatrix } from "./matrix.ts";
import { seededRandom, type Random } from "./random.ts";
import { silhouette } from "./silhouette.ts";

function iris(): FeatureMatrix {
  const file = fileURLToPath(new URL("../../../test/fixtures/cluster/iris.csv", import.meta.url));
  const lines = fs.readFileSync(file, "utf8").trim().split("\n");
  const names = lines[0]!.split(",").slice(0, 4);
  const rows = lines.slice(1).map((l) => l.split(","));
  return { n: rows.length, names, columns: names.map((_, j) => Float64Array.from(rows, (r) => Number(r[j]))) };
}

/** Rousseeuw's definition computed the plain way, for comparison: every pair, every row. */
function bruteForce(m: FeatureMatrix, labels: ArrayLike<number>, k: number): number[] {
  const dist = (i: number, j: number) => Math.sqrt(m.columns.reduce((s, c) => s + (c[i]! - c[j]!) ** 2, 0));
  return Array.from({ length: m.n }, (_, i) => {
    const mean = (c: number) => {
      const others = Array.from({ length: m.n }, (_, j) => j).filter((j) => j !== i && labels[j] === c);
      return others.length ? others.reduce((s, j) => s + dist(i, j), 0) / others.length : NaN;
    };
    const own = labels[i]!;
    if (Array.from(labels).filter((l) => l === own).length === 1) return 0;
    const a = mean(own);
    const b = Math.min(...Array.from({ length: k }, (_, c) => c).filter((c) => c !== own).map(mean).filter((v) => !Number.isNaN(v)));
    return (b - a) / Math.max(a, b);
  });
}

function normal(r: Random): number {
  return Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r());
}

/** n points around `centres` (sd 0.3), in turn. */
function blobs(centres: number[][], n: number, seed: number): FeatureMatrix {
  const r = seededRandom(seed);
  const p = centres[0]!.length;
  const columns = Array.from({ length: p }, () => new Float64Array(n));
  for (let i = 0; i < n; i++) for (let f = 0; f < p; f++) columns[f]![i] = centres[i % centres.length]![f]! + 0.3 * normal(r);
  return { n, names: columns.map((_, f) => `x${f}`), columns };
}

describe("silhouette", () => {
  it("matches the published average width of the k-means optimum on iris, 0.5528190123564091", () => {
    // scikit-learn's silhouette_score of KMeans(n_clusters=3) on the raw iris measurements
    // (user guide, "Silhouette Coefficient": 0.55…; full precision in published runs);
    // R's cluster::pam(iris[, -5], 3)$silinfo$avg.width reports the same 0.55281901235641.
    const m = iris();
    const fit = kmeans(m, 3, { random: seededRandom(1), nstart: 10, scale: "none" });
    const s = silhouette(m, fit.assignment, 3);
    expect(s.exact).toBe(true);
    expect(s.average).toBeCloseTo(0.5528190123564091, 12);
    const brute = bruteForce(m, fit.assignment, 3);
    brute.forEach((v, i) => expect(s.widths[i]!).toBeCloseTo(v, 12));
    // The setosa cluster is the clearest.
    expect(s.clusterAverage[fit.assignment[0]!]!).toBeGreaterThan(0.79);
  });

  it("is 0 for a row alone in its cluster, and in [−1, 1] always (fast-check)", () => {
    const one: FeatureMatrix = { n: 4, names: ["x"], columns: [Float64Array.of(0, 0.1, 0.2, 9)] };
    const s = silhouette(one, [0, 0, 0, 1], 2);
    expect(s.widths[3]).toBe(0);
    expect(s.neighbor[3]).toBe(0);
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 30 }).chain((n) =>
          fc.record({ values: fc.array(fc.integer({ min: -5, max: 5 }), { minLength: 2 * n, maxLength: 2 * n }), labels: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: n, maxLength: n }) }),
        ),
        ({ values, labels }) => {
          const n = labels.length;
          const m: FeatureMatrix = { n, names: ["a", "b"], columns: [Float64Array.from(values.slice(0, n)), Float64Array.from(values.slice(n))] };
          const s = silhouette(m, labels, 4);
          for (const w of s.widths) {
            expect(w).toBeGreaterThanOrEqual(-1);
            expect(w).toBeLessThanOrEqual(1);
          }
          bruteForce(m, labels, 4).forEach((v, i) => expect(s.widths[i]!).toBeCloseTo(Number.isFinite(v) ? v : 0, 12));
        },
      ),
      { numRuns: 200 },
    );
  });

  it("on a sample that is every row, equals the exact silhouette (fast-check)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 60 }), fc.integer({ min: 2, max: 5 }), fc.integer(), (n, k, seed) => {
        const r = seededRandom(seed);
        const m: FeatureMatrix = { n, names: ["a", "b"], columns: [Float64Array.from({ length: n }, r), Float64Array.from({ length: n }, r)] };
        const labels = Uint16Array.from({ length: n }, () => Math.floor(r() * k));
        const exact = silhouette(m, labels, k);
        const sampled = silhouette(m, labels, k, { exactUpTo: 0, sampleSize: n, random: seededRandom(seed + 1) });
        expect(exact.exact).toBe(true);
        expect(sampled.rows.length).toBe(n);
        expect(sampled.average).toBeCloseTo(exact.average, 12);
        expect(Array.from(sampled.widths)).toEqual(Array.from(exact.widths).map((w) => expect.closeTo(w, 12)));
      }),
      { numRuns: 100 },
    );
  });

  it("samples 2,000 rows above 5,000 and lands near the exact value", () => {
    const m = blobs([[0, 0], [2, 0], [0, 2]], 6000, 4);
    const fit = kmeans(m, 3, { random: seededRandom(2), scale: "none" });
    const exact = silhouette(m, fit.assignment, 3, { exactUpTo: 6000 });
    const sampled = silhouette(m, fit.assignment, 3, { random: seededRandom(3) });
    expect(sampled.exact).toBe(false);
    expect(sampled.rows.length).toBe(2000);
    expect(Math.abs(sampled.average - exact.average)).toBeLessThan(0.02);
    expect(() => silhouette(m, fit.assignment, 3)).toThrow(/seeded random/);
  });
});

describe("choosing k by the average silhouette", () => {
  it("finds the true k of well-separated simulated blobs, and returns the whole curve", () => {
    const cases: [number[][], number][] = [
      [[[0, 0, 0], [4, 4, 0], [0, 4, 4]], 3],
      [[[0, 0], [5, 0], [0, 5], [5, 5]], 4],
      [[[0, 0, 0], [4, 0, 0], [0, 4, 0], [0, 0, 4], [4, 4, 4]], 5],
    ];
    cases.forEach(([centres, k], c) => {
      const m = blobs(centres, 600, 10 + c);
      const r = chooseK(m, { random: seededRandom(c), nstart: 5 });
      expect(r.k).toBe(k);
      expect(r.fit.k).toBe(k);
      expect(r.table.map((t) => t.k)).toEqual([2, 3, 4, 5, 6, 7, 8]);
      expect(r.exact).toBe(true);
      const best = r.table.find((t) => t.k === k)!;
      expect(best.silhouette).toBe(Math.max(...r.table.map((t) => t.silhouette)));
      expect(best.silhouette).toBeGreaterThan(0.7);
      expect(best.betweenShare).toBeGreaterThan(0.9);
      // Within-SS falls as k grows (each k's best of 5 starts).
      for (let i = 1; i < r.table.length; i++) expect(r.table[i]!.withinSS).toBeLessThan(r.table[i - 1]!.withinSS);
    });
  });

  it("checks its range", () => {
    const m = blobs([[0], [3]], 10, 1);
    expect(() => chooseK(m, { random: seededRandom(1), kMin: 1 })).toThrow(/kMin/);
    expect(chooseK(m, { random: seededRandom(1), kMax: 50 }).table.at(-1)!.k).toBe(9);
  });
});
