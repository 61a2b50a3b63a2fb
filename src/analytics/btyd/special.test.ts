import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Random } from "./random.ts";
import { expm1Ratio, lnBeta, lnGamma, log1mExp, log2F1One, logAddExp, logIntervalIntegral, logTailIntegral } from "./special.ts";

/** The Gauss series summed to the end, however long: the reference for ₂F₁(1, b; c; z). */
function seriesLog2F1(b: number, c: number, z: number): number {
  let term = 1;
  let sum = 1;
  for (let j = 0; j < 50_000_000; j++) {
    term *= ((b + j) / (c + j)) * z;
    sum += term;
    if (term < 1e-18 * sum) break;
  }
  return Math.log(sum);
}

/** ∫ᵤ^∞ (α+v)^−p (β+v)^−q dv by the midpoint rule on v = u + w/(1 − w), many points. */
function bruteTail(p: number, q: number, alpha: number, beta: number, u: number): number {
  const n = 200_000;
  let s = 0;
  for (let i = 0; i < n; i++) {
    const w = (i + 0.5) / n;
    const v = u + w / (1 - w);
    s += (alpha + v) ** -p * (beta + v) ** -q / ((1 - w) * (1 - w));
  }
  return Math.log(s / n);
}

describe("log-space helpers", () => {
  it("lnΓ and ln B match known values", () => {
    expect(lnGamma(1)).toBeCloseTo(0, 14);
    expect(lnGamma(5)).toBeCloseTo(Math.log(24), 13);
    expect(lnGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 14);
    expect(lnGamma(101) / 363.73937555556347).toBeCloseTo(1, 14);
    expect(lnGamma(1e6 + 1) / (1e6 * Math.log(1e6) - 1e6 + 0.5 * Math.log(2 * Math.PI * 1e6) + 1 / 12e6)).toBeCloseTo(1, 13);
    expect(lnBeta(2, 3)).toBeCloseTo(Math.log(1 / 12), 14);
  });

  it("logAddExp, log1mExp and expm1Ratio keep their digits at the extremes", () => {
    expect(logAddExp(-1000, -1000)).toBeCloseTo(-1000 + Math.LN2, 12);
    expect(logAddExp(1000, -Infinity)).toBe(1000);
    expect(log1mExp(-1e-20)).toBeCloseTo(Math.log(1e-20), 12);
    expect(log1mExp(-50)).toBeCloseTo(-Math.exp(-50), 30);
    expect(expm1Ratio(0, -2)).toBe(-2);
    expect(expm1Ratio(1e-12, -2)).toBeCloseTo(-2, 10);
    expect(expm1Ratio(0.5, -2)).toBeCloseTo(Math.expm1(-1) / 0.5, 14);
  });
});

describe("₂F₁(1, b; c; z)", () => {
  it("matches −ln(1 − z)/z = ₂F₁(1, 1; 2; z) up to z = 1 − 1e-12, through both methods", () => {
    for (const z of [0.1, 0.5, 0.89, 0.9, 0.91, 0.99, 0.999999, 1 - 1e-12]) {
      const exact = Math.log(-Math.log1p(-z) / z);
      expect(log2F1One(1, 2, z, 1 - z) - exact, `z = ${z}`).toBeCloseTo(0, 13);
    }
  });

  it("quadrature (z > 0.9) agrees with the long series, small and large b and c − b", () => {
    for (const [b, c] of [[0.3, 1.9], [1000, 1001.6], [1.6, 1001.6], [5, 5.05], [0.01, 3], [2, 2.001], [26.55, 28.16]] as const) {
      for (const z of [0.91, 0.95, 0.99, 0.999]) {
        const got = log2F1One(b, c, z, 1 - z);
        // ln B(b, c − b) of a large b carries ~1e-12 of lnΓ's absolute error.
        expect(Math.abs(got - seriesLog2F1(b, c, z)), `b = ${b}, c = ${c}, z = ${z}`).toBeLessThan(1e-11);
      }
    }
  });

  it("is increasing in z and at least 1, for random b < c", () => {
    fc.assert(
      fc.property(fc.double({ min: 0.01, max: 500, noNaN: true }), fc.double({ min: 0.01, max: 50, noNaN: true }), fc.double({ min: 0, max: 0.9999, noNaN: true }), (b, m, z) => {
        const v = log2F1One(b, b + m, z);
        const v2 = log2F1One(b, b + m, Math.min(0.99995, z + 1e-3));
        return Number.isFinite(v) && v >= -1e-15 && v2 >= v - 1e-12;
      }),
    );
  });
});

describe("the Pareto/NBD tail integral J(u)", () => {
  it("matches brute-force integration for α ≥ β, α < β and α = β", () => {
    for (const [p, q, alpha, beta, u] of [[2.2, 1.6, 10, 11, 3], [2.2, 1.6, 11, 10, 3], [1.5, 0.7, 4, 40, 0], [1.5, 0.7, 40, 4, 0], [0.8, 1.6, 1, 1, 2]] as const) {
      expect(Math.abs(logTailIntegral(p, q, alpha, beta, u) - bruteTail(p, q, alpha, beta, u)), `${[p, q, alpha, beta, u]}`).toBeLessThan(3e-6);
    }
  });

  it("stays finite for a thousand purchases and arguments near 1", () => {
    // p = r + x with x = 1000; β tiny against α puts z at 1 − 1e-9.
    for (const [alpha, beta] of [[10, 1e-8], [1e-8, 10], [1e4, 1e-3], [3, 3]] as const) {
      const j = logTailIntegral(1000.5, 1.6, alpha, beta, 0.001);
      expect(Number.isFinite(j), `α = ${alpha}, β = ${beta}`).toBe(true);
      const d = logIntervalIntegral(1000.5, 1.6, alpha, beta, 0.001, 0.002);
      expect(d).toBeLessThanOrEqual(j);
    }
  });

  it("J(u₁) − J(u₂) equals the integral over [u₁, u₂] (random parameters)", () => {
    const rng = new Random(5);
    for (let k = 0; k < 20; k++) {
      const p = 0.2 + 5 * rng.uniform();
      const q = 1.01 + 2 * rng.uniform();
      const alpha = Math.exp(4 * rng.uniform() - 2);
      const beta = Math.exp(4 * rng.uniform() - 2);
      const u1 = 3 * rng.uniform();
      const u2 = u1 + 5 * rng.uniform();
      // Simpson on [u1, u2].
      const n = 20_000;
      const h = (u2 - u1) / n;
      const f = (v: number) => (alpha + v) ** -p * (beta + v) ** -q;
      let s = f(u1) + f(u2);
      for (let i = 1; i < n; i++) s += (i % 2 ? 4 : 2) * f(u1 + i * h);
      expect(logIntervalIntegral(p, q, alpha, beta, u1, u2)).toBeCloseTo(Math.log((s * h) / 3), 8);
    }
  });
});
