/**
 * A small seeded PRNG and the samplers the demo generator needs. Everything is pure and
 * deterministic: the same (seed, customer, stream) gives the same numbers on every run (32-bit
 * integer ops and IEEE doubles; V8's Math.log/exp/cos are its own fdlibm ports, so they do
 * not change with the platform's libm).
 */

import { mix32, Sfc32, splitmixWords } from "../analytics/sfc32.ts";

export { mix32 };

/** The demo's generator: sfc32 (analytics/sfc32.ts) with the samplers the demo needs. */
export class Rng extends Sfc32 {
  private spare = NaN;

  /** A generator for one (seed, index, stream) triple; streams keep concerns independent. */
  constructor(seed: number, index = 0, stream = 0) {
    // Adding before the bijective mix keeps distinct indices distinct for one seed.
    super(...splitmixWords(mix32((mix32(seed >>> 0) + (index >>> 0)) >>> 0) ^ mix32((stream * 0x632be5ab) >>> 0)));
  }

  /** Next raw 32-bit output (unsigned). */
  next(): number {
    return this.next32();
  }

  /** Uniform on [lo, hi). */
  between(lo: number, hi: number): number {
    return lo + (hi - lo) * this.uniform();
  }

  /** Integer uniform on [lo, hi] inclusive. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.uniform() * (hi - lo + 1));
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.uniform() < p;
  }

  /** One element of a non-empty array, uniformly. */
  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.uniform() * xs.length)] as T;
  }

  /** Exponential with the given rate. */
  exponential(rate: number): number {
    return -Math.log(this.uniform()) / rate;
  }

  /** Standard normal by the Box–Muller transform (Box & Muller 1958), caching the pair's second value. */
  normal(mean = 0, sd = 1): number {
    if (!Number.isNaN(this.spare)) {
      const z = this.spare;
      this.spare = NaN;
      return mean + sd * z;
    }
    const r = Math.sqrt(-2 * Math.log(this.uniform()));
    const th = 2 * Math.PI * this.uniform();
    this.spare = r * Math.sin(th);
    return mean + sd * r * Math.cos(th);
  }

  /**
   * Gamma(shape, rate) — mean shape/rate. Marsaglia & Tsang, "A simple method for
   * generating gamma variables", ACM TOMS 26(3), 2000; for shape < 1 the boost
   * Gamma(shape) = Gamma(shape + 1) · U^(1/shape) from the same paper.
   */
  gamma(shape: number, rate = 1): number {
    if (shape < 1) {
      const u = this.uniform();
      return this.gamma(shape + 1, rate) * Math.pow(u, 1 / shape);
    }
    const d = shape - 1 / 3;
    const c = 1 / Math.sqrt(9 * d);
    for (;;) {
      let x: number;
      let v: number;
      do {
        x = this.normal();
        v = 1 + c * x;
      } while (v <= 0);
      v = v * v * v;
      const u = this.uniform();
      const x2 = x * x;
      if (u < 1 - 0.0331 * x2 * x2) return (d * v) / rate;
      if (Math.log(u) < 0.5 * x2 + d * (1 - v + Math.log(v))) return (d * v) / rate;
    }
  }

  /** Gamma(1/2, rate) exactly, as Z²/(2·rate) with Z standard normal: far cheaper than the general method. */
  gammaHalf(rate = 1): number {
    const z = this.normal();
    return (z * z) / (2 * rate);
  }

  /** Beta(a, b) as X / (X + Y) with X ~ Gamma(a), Y ~ Gamma(b). */
  beta(a: number, b: number): number {
    const x = this.gamma(a);
    const y = this.gamma(b);
    return x / (x + y);
  }

  /**
   * Poisson(mean): Knuth's multiplication method below 30, else Hörmann's transformed
   * rejection PTRS ("The transformed rejection method for generating Poisson random
   * variables", Insurance: Mathematics and Economics 12, 1993).
   */
  poisson(mean: number): number {
    if (mean <= 0) return 0;
    if (mean < 30) {
      const l = Math.exp(-mean);
      let k = 0;
      let p = this.uniform();
      while (p > l) {
        k++;
        p *= this.uniform();
      }
      return k;
    }
    const slam = Math.sqrt(mean);
    const loglam = Math.log(mean);
    const b = 0.931 + 2.53 * slam;
    const a = -0.059 + 0.02483 * b;
    const invalpha = 1.1239 + 1.1328 / (b - 3.4);
    const vr = 0.9277 - 3.6224 / (b - 2);
    for (;;) {
      const u = this.uniform() - 0.5;
      const v = this.uniform();
      const us = 0.5 - Math.abs(u);
      const k = Math.floor(((2 * a) / us + b) * u + mean + 0.43);
      if (us >= 0.07 && v <= vr) return k;
      if (k < 0 || (us < 0.013 && v > us)) continue;
      if (Math.log(v) + Math.log(invalpha) - Math.log(a / (us * us) + b) <= -mean + k * loglam - logGamma(k + 1)) return k;
    }
  }

  /** Index drawn with probability proportional to weights[i] (linear scan: for short lists). */
  weighted(weights: readonly number[]): number {
    let total = 0;
    for (const w of weights) total += w;
    let u = this.uniform() * total;
    for (let k = 0; k < weights.length; k++) {
      u -= weights[k] as number;
      if (u < 0) return k;
    }
    return weights.length - 1;
  }

  /** Index drawn from a cumulative weight table (binary search: for long lists). */
  fromCumulative(cum: ArrayLike<number>): number {
    const u = this.uniform() * (cum[cum.length - 1] as number);
    let lo = 0;
    let hi = cum.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((cum[mid] as number) > u) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
}

/** Running sums of weights, for Rng.fromCumulative. */
export function cumulative(weights: readonly number[]): Float64Array {
  const out = new Float64Array(weights.length);
  let s = 0;
  for (let k = 0; k < weights.length; k++) out[k] = s += weights[k] as number;
  return out;
}

/** ln Γ(x) for x > 0, Lanczos approximation (g = 7, n = 9; Numerical Recipes 3rd ed. §6.1). */
export function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const g = 7;
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
    12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  x -= 1;
  let a = c[0] as number;
  const t = x + g + 0.5;
  for (let k = 1; k < 9; k++) a += (c[k] as number) / (x + k);
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
}
