import { describe, expect, it } from "vitest";
import { Rng, cumulative, logGamma, mix32 } from "./rng.ts";

const N = 100_000;

function moments(draw: () => number, n = N): { mean: number; variance: number } {
  let s = 0;
  let s2 = 0;
  for (let k = 0; k < n; k++) {
    const x = draw();
    s += x;
    s2 += x * x;
  }
  const mean = s / n;
  return { mean, variance: s2 / n - mean * mean };
}

describe("Rng", () => {
  it("keeps its pinned stream: the demo data depends on it", () => {
    expect(new Rng(7, 2, 1).next()).toBe(1341234932);
  });

  it("repeats for the same (seed, index, stream) and differs otherwise", () => {
    const seq = (a: Rng) => Array.from({ length: 8 }, () => a.next());
    expect(seq(new Rng(7, 3, 1))).toEqual(seq(new Rng(7, 3, 1)));
    expect(seq(new Rng(7, 3, 1))).not.toEqual(seq(new Rng(7, 4, 1)));
    expect(seq(new Rng(7, 3, 1))).not.toEqual(seq(new Rng(7, 3, 2)));
    expect(seq(new Rng(8, 3, 1))).not.toEqual(seq(new Rng(7, 3, 1)));
  });

  it("mix32 is a bijection on a sample (no collisions among 100k consecutive inputs)", () => {
    const seen = new Set<number>();
    for (let k = 0; k < N; k++) seen.add(mix32(k));
    expect(seen.size).toBe(N);
  });

  it("draws uniforms strictly inside (0, 1) with mean 1/2 and variance 1/12", () => {
    const r = new Rng(1);
    let lo = 1;
    let hi = 0;
    const m = moments(() => {
      const u = r.uniform();
      lo = Math.min(lo, u);
      hi = Math.max(hi, u);
      return u;
    });
    expect(lo).toBeGreaterThan(0);
    expect(hi).toBeLessThan(1);
    expect(m.mean).toBeCloseTo(0.5, 2);
    expect(m.variance).toBeCloseTo(1 / 12, 2);
  });

  it("normal has mean 0 and variance 1", () => {
    const r = new Rng(2);
    const m = moments(() => r.normal());
    expect(Math.abs(m.mean)).toBeLessThan(0.015);
    expect(Math.abs(m.variance - 1)).toBeLessThan(0.02);
  });

  it.each([
    [0.3, 1],
    [0.9, 7],
    [1.2, 7],
    [5, 5],
    [30, 2],
  ])("gamma(shape %f, rate %f) has mean shape/rate and variance shape/rate²", (shape, rate) => {
    const r = new Rng(3, shape * 100);
    const m = moments(() => r.gamma(shape, rate));
    const mean = shape / rate;
    const variance = shape / (rate * rate);
    expect(Math.abs(m.mean - mean) / mean).toBeLessThan(0.02);
    // The variance of a sample variance is large for skewed shapes: 6% is ~3 standard errors at shape 0.3.
    expect(Math.abs(m.variance - variance) / variance).toBeLessThan(0.06);
  });

  it("gammaHalf matches gamma(1/2)", () => {
    const r = new Rng(4);
    const m = moments(() => r.gammaHalf(0.5));
    expect(m.mean).toBeCloseTo(1, 1);
    expect(Math.abs(m.variance - 2) / 2).toBeLessThan(0.06);
  });

  it.each([
    [0.8, 5],
    [2, 2],
    [0.5, 0.5],
  ])("beta(%f, %f) has mean a/(a+b) and the right variance", (a, b) => {
    const r = new Rng(5, a * 10 + b);
    const m = moments(() => r.beta(a, b));
    const mean = a / (a + b);
    const variance = (a * b) / ((a + b) ** 2 * (a + b + 1));
    expect(Math.abs(m.mean - mean)).toBeLessThan(0.005);
    expect(Math.abs(m.variance - variance) / variance).toBeLessThan(0.05);
  });

  it.each([0.5, 4, 29, 45, 300])("poisson(%f) has mean and variance λ (both branches)", (lambda) => {
    const r = new Rng(6, lambda);
    const m = moments(() => r.poisson(lambda));
    expect(Math.abs(m.mean - lambda) / lambda).toBeLessThan(0.02);
    expect(Math.abs(m.variance - lambda) / lambda).toBeLessThan(0.05);
  });

  it("weighted and fromCumulative draw in proportion to the weights", () => {
    const r = new Rng(7);
    const w = [1, 2, 7];
    const cum = cumulative(w);
    const a = [0, 0, 0];
    const b = [0, 0, 0];
    for (let k = 0; k < N; k++) {
      a[r.weighted(w)]!++;
      b[r.fromCumulative(cum)]!++;
    }
    for (let k = 0; k < 3; k++) {
      expect(a[k]! / N).toBeCloseTo(w[k]! / 10, 2);
      expect(b[k]! / N).toBeCloseTo(w[k]! / 10, 2);
    }
  });

  it("logGamma matches known values", () => {
    expect(logGamma(1)).toBeCloseTo(0, 10);
    expect(logGamma(5)).toBeCloseTo(Math.log(24), 10);
    expect(logGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 10);
    expect(logGamma(101)).toBeCloseTo(363.73937555556347, 8);
  });
});
