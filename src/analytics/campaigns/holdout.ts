/**
 * The control group (holdout) of a campaign: the customers who are deliberately not
 * contacted, so the campaign's effect can be measured against them (DOMAIN §5).
 *
 * Stratified by tier: in each stratum of n customers exactly round(share × n) are held out
 * (halves to even), so every tier keeps the campaign's control share and a tier's mix cannot
 * differ between the two groups. Within a stratum the customers are ranked by a keyed hash of
 * (seed, customer id) and the first ones are held out, so the draw is reproducible from the
 * seed, does not depend on the order the audience is listed in, and different seeds give
 * independent draws. The assignment is made once, for the audience as it is when the
 * campaign starts, and stored with it.
 */
import { mix32 } from "../sfc32.ts";

/** Two 32-bit hash words of (seed, id): a 64-bit rank key, so ties are vanishingly rare. */
function rankKey(seed: number, id: number): [number, number] {
  const lo = id >>> 0;
  const hi = Math.floor(id / 4294967296) >>> 0;
  const s = mix32(seed >>> 0);
  const h1 = mix32(mix32(s ^ lo) ^ mix32(hi + 0x9e3779b9));
  const h2 = mix32(mix32(h1 ^ 0x85ebca6b) ^ lo ^ mix32(s + 0x27d4eb2f));
  return [h1, h2];
}

/** round(x) with halves to even: 2.5 → 2, 3.5 → 4 (no bias towards the larger group). */
function roundHalfEven(x: number): number {
  const f = Math.floor(x);
  const r = x - f;
  if (r > 0.5) return f + 1;
  if (r < 0.5) return f;
  return f % 2 === 0 ? f : f + 1;
}

/**
 * Which customers are held out: 1 for control, 0 for contacted, in the order of `ids`.
 * `strata[i]` is customer i's stratum (e.g. the tier's index); `share` is in [0, 1].
 * Throws on a repeated id: a customer is assigned once.
 */
export function assignHoldout(ids: ArrayLike<number>, strata: ArrayLike<number>, share: number, seed: number): Uint8Array {
  if (ids.length !== strata.length) throw new RangeError(`assignHoldout: ${ids.length} ids but ${strata.length} strata`);
  if (!(share >= 0 && share <= 1)) throw new RangeError(`assignHoldout: the control share must lie in [0, 1] (got ${share})`);
  const groups = new Map<number, number[]>();
  for (let i = 0; i < ids.length; i++) {
    const s = strata[i]!;
    const g = groups.get(s);
    if (g) g.push(i);
    else groups.set(s, [i]);
  }
  const seen = new Set<number>();
  for (let i = 0; i < ids.length; i++) {
    if (seen.has(ids[i]!)) throw new RangeError(`assignHoldout: customer ${ids[i]} is listed twice`);
    seen.add(ids[i]!);
  }
  const out = new Uint8Array(ids.length);
  for (const members of groups.values()) {
    const keys = members.map((i) => ({ i, k: rankKey(seed, ids[i]!) }));
    keys.sort((a, b) => a.k[0] - b.k[0] || a.k[1] - b.k[1] || ids[a.i]! - ids[b.i]!);
    const held = roundHalfEven(share * members.length);
    for (let j = 0; j < held; j++) out[keys[j]!.i] = 1;
  }
  return out;
}

/** Per stratum: its size and how many were held out (for the campaign's balance table). */
export function holdoutBalance(strata: ArrayLike<number>, control: Uint8Array): Map<number, { n: number; control: number }> {
  const m = new Map<number, { n: number; control: number }>();
  for (let i = 0; i < strata.length; i++) {
    const e = m.get(strata[i]!) ?? { n: 0, control: 0 };
    e.n++;
    e.control += control[i]!;
    m.set(strata[i]!, e);
  }
  return m;
}
