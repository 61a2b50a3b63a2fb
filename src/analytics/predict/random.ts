/**
 * The seeded generator every random choice in predict/ comes from (row subsamples, folds,
 * hold-out splits, binning samples): sfc32 (../sfc32.ts), seeded through splitmix32 and
 * a lowbias32 mix. 32-bit integer arithmetic only, so the same seed gives the same stream
 * on every platform.
 */
import { mix32, Sfc32, splitmixWords } from "../sfc32.ts";

/** A deterministic pseudo-random stream; `new Random(seed, stream)` for independent streams of one seed. */
export class Random extends Sfc32 {
  private spare = NaN;

  constructor(seed: number, stream = 0) {
    super(...splitmixWords(mix32(seed >>> 0) ^ mix32((stream * 0x632be5ab) >>> 0)));
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
