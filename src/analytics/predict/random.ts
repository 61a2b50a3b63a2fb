/**
 * The seeded generator every random choice in predict/ comes from (row subsamples, folds,
 * hold-out splits, binning samples): sfc32, Chris Doty-Humphrey's "small fast chaotic"
 * generator (PractRand), seeded through splitmix32 (Steele, Lea & Flood 2014, 32-bit
 * variant) and a lowbias32 mix (Wellons 2018). 32-bit integer arithmetic only, so the same
 * seed gives the same stream on every platform.
 */

function mix32(x: number): number {
  x ^= x >>> 16;
  x = Math.imul(x, 0x21f0aaad);
  x ^= x >>> 15;
  x = Math.imul(x, 0x735a2d97);
  x ^= x >>> 15;
  return x >>> 0;
}

/** A deterministic pseudo-random stream; `new Random(seed, stream)` for independent streams of one seed. */
export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d = 1;
  private spare = NaN;

  constructor(seed: number, stream = 0) {
    let s = (mix32(seed >>> 0) ^ mix32((stream * 0x632be5ab) >>> 0)) | 0;
    const next = () => {
      s = (s + 0x9e3779b9) | 0;
      return mix32(s) | 0;
    };
    this.a = next();
    this.b = next();
    this.c = next();
    for (let k = 0; k < 12; k++) this.next32();
  }

  /** The next raw 32-bit output, unsigned. */
  next32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform on the open interval (0, 1). */
  uniform(): number {
    return (this.next32() + 0.5) / 4294967296;
  }

  /** A whole number uniform on 0 … n − 1. */
  int(n: number): number {
    return Math.floor(this.uniform() * n);
  }

  /** Standard normal (Box–Muller, the second value kept for the next call). */
  normal(): number {
    if (!Number.isNaN(this.spare)) {
      const z = this.spare;
      this.spare = NaN;
      return z;
    }
    const r = Math.sqrt(-2 * Math.log(this.uniform()));
    const th = 2 * Math.PI * this.uniform();
    this.spare = r * Math.sin(th);
    return r * Math.cos(th);
  }

  /** Shuffles in place (Fisher–Yates) and returns the array. */
  shuffle<T extends { length: number; [i: number]: number }>(a: T): T {
    for (let i = a.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const t = a[i]!;
      a[i] = a[j]!;
      a[j] = t;
    }
    return a;
  }
}

/** The seed used when options give none. */
export const DEFAULT_SEED = 20240601;
