/**
 * The seeded randomness of the clustering code: every random choice (k-means++ seeds, the
 * silhouette's sample) is drawn from a `Random` the caller passes in, so the same seed gives
 * the same clusters on every run and machine.
 *
 * Generator: sfc32 (../sfc32.ts), whose 128-bit state is filled from the seed in the manner of SplitMix (Steele, Lea & Flood 2014,
 * "Fast splittable pseudorandom number generators", OOPSLA): a golden-ratio counter mixed by
 * MurmurHash3's 32-bit finaliser. Only 32-bit integer operations, so the stream is the same
 * everywhere.
 *
 * Sampling without replacement: Floyd's algorithm (Bentley & Floyd 1987, "Programming
 * pearls: a sample of brilliance", CACM 30(9): 754–757), m draws for m of n rows.
 */
import { Sfc32, splitmixWords } from "../sfc32.ts";

/** A uniform draw on [0, 1). */
export type Random = () => number;

/** A seeded generator of uniform draws on [0, 1): the same seed gives the same stream. */
export function seededRandom(seed: number): Random {
  const g = new Sfc32(...splitmixWords(seed, murmurFinish));
  return () => g.next32() / 4294967296;
}

/** MurmurHash3's 32-bit finaliser (fmix32), this module's seeding mix. */
function murmurFinish(z: number): number {
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return z ^ (z >>> 16);
}

/** A uniform whole number in [0, n). */
export function randomIndex(random: Random, n: number): number {
  const i = Math.floor(random() * n);
  return i < n ? i : n - 1; // a generator returning 1 by mistake must not index past the end
}

/** m distinct rows of 0 … n − 1 chosen uniformly (Floyd's algorithm), in ascending order. */
export function sampleRows(n: number, m: number, random: Random): Uint32Array {
  if (!(Number.isInteger(m) && m >= 0 && m <= n)) throw new RangeError(`the sample size must be a whole number in [0, ${n}], got ${m}`);
  const chosen = new Set<number>();
  for (let j = n - m; j < n; j++) {
    const t = randomIndex(random, j + 1);
    chosen.add(chosen.has(t) ? j : t);
  }
  return Uint32Array.from(chosen).sort();
}
