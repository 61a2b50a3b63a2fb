/**
 * The one pseudo-random generator behind every seeded draw in retain (the demo data, the
 * BTYD simulations and parameter draws, the predictors' subsamples and folds, k-means++):
 * sfc32, Chris Doty-Humphrey's "small fast chaotic" generator (PractRand 0.94), 128 bits of
 * state, adds, xors and shifts only, so the same seed gives the same stream on every
 * platform. Each user seeds it its own way (its three words); the counter starts at 1 and
 * the first 12 outputs are discarded, as the reference seeding does.
 */
export class Sfc32 {
  private a: number;
  private b: number;
  private c: number;
  private d = 1;

  constructor(a: number, b: number, c: number) {
    this.a = a | 0;
    this.b = b | 0;
    this.c = c | 0;
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

  /** Uniform on the open interval (0, 1): never 0, so logs are safe. */
  uniform(): number {
    return (this.next32() + 0.5) / 4294967296;
  }
}

/**
 * Chris Wellons' "lowbias32" integer hash (hash-prospector, 2018): a bijection on 32-bit
 * integers with very low avalanche bias, for turning seeds and stream numbers into state.
 */
export function mix32(x: number): number {
  x ^= x >>> 16;
  x = Math.imul(x, 0x21f0aaad);
  x ^= x >>> 15;
  x = Math.imul(x, 0x735a2d97);
  x ^= x >>> 15;
  return x >>> 0;
}

/**
 * Three state words from a 32-bit key by splitmix32 steps (Steele, Lea & Flood 2014, the
 * 32-bit variant): a golden-ratio counter, each step finished by `finish`.
 */
export function splitmixWords(key: number, finish: (x: number) => number = mix32): [number, number, number] {
  let s = key | 0;
  const next = () => {
    s = (s + 0x9e3779b9) | 0;
    return finish(s) | 0;
  };
  return [next(), next(), next()];
}
