/**
 * A seeded generator and the samplers the parameter draws (clv.ts), the simulation tests
 * and the benchmark need. Same seed, same numbers, on every platform (32-bit integer ops
 * and IEEE doubles).
 *
 * - sfc32 (../sfc32.ts), seeded by splitmix32 steps over Wellons' lowbias32 hash.
 * - Normal: Marsaglia & Bray's polar method (1964, SIAM Review 6(3): 260–264).
 * - Gamma: Marsaglia & Tsang (2000), "A simple method for generating gamma variables",
 *   ACM TOMS 26(3): 363–372, with the U^(1/shape) boost for shape < 1.
 * - Beta(a, b) = X/(X + Y) with X ~ Gamma(a), Y ~ Gamma(b).
 */
import { mix32, Sfc32, splitmixWords } from "../sfc32.ts";

export class Random extends Sfc32 {
  private spare = NaN;

  /** A generator for one (seed, stream) pair; streams give independent sequences. */
  constructor(seed: number, stream = 0) {
    super(...splitmixWords(mix32(seed >>> 0) ^ mix32((stream * 0x632be5ab + 0x9e3779b9) >>> 0)));
  }

  /** Standard normal. */
  normal(): number {
    if (!Number.isNaN(this.spare)) {
      const v = this.spare;
      this.spare = NaN;
      return v;
    }
    let u: number;
    let v: number;
    let s: number;
    do {
      u = 2 * this.uniform() - 1;
      v = 2 * this.uniform() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const f = Math.sqrt((-2 * Math.log(s)) / s);
    this.spare = v * f;
    return u * f;
  }

  /** Exponential with the given rate. */
  exponential(rate: number): number {
    return -Math.log(this.uniform()) / rate;
  }

  /** Gamma with shape k and rate θ (mean k/θ). */
  gamma(shape: number, rate: number): number {
    if (shape < 1) return this.gamma(shape + 1, rate) * Math.pow(this.uniform(), 1 / shape);
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
      if (u < 1 - 0.0331 * x * x * x * x || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return (d * v) / rate;
    }
  }

  /** Beta(a, b). */
  beta(a: number, b: number): number {
    const x = this.gamma(a, 1);
    return x / (x + this.gamma(b, 1));
  }
}
