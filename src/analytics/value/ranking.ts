/**
 * Customers ranked by value, and what follows from the ranking: monetary deciles, the
 * customer pyramid, purchase deciles and the Pareto curve (DOMAIN §3; seed 000 §6).
 *
 * Money is in micro-units (millionths of the base currency, the store's scale) in a
 * BigInt64Array, so every sum is exact. The definitions are written out in docs/value.md:
 * - rank: value descending, ties by customer id ascending; rank i runs 0 … n−1;
 * - a group cut at rank shares c₁ < c₂ < … < 1 holds the ranks i with c_{g−1} ≤ i/n < c_g,
 *   so the decile of rank i is ⌊10·i/n⌋ + 1 and the top 1% of 50 customers is 1 customer;
 * - purchase deciles: the fewest top-ranked customers whose value reaches k/10 of the total.
 */

/** The order of customers by value: indices into the input arrays, best first. */
export function rankByValue(ids: Float64Array, values: BigInt64Array): Uint32Array {
  if (ids.length !== values.length) throw new RangeError(`ids (${ids.length}) and values (${values.length}) differ in length`);
  let ascending = true;
  for (let i = 1; i < ids.length && ascending; i++) ascending = ids[i - 1]! < ids[i]!;
  // Customers usually come by id: a stable sort by value then leaves ties by id.
  if (ascending) return stableOrder(values, true);
  const order = new Uint32Array(ids.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  return order.sort((a, b) => {
    const va = values[a]!;
    const vb = values[b]!;
    return va > vb ? -1 : va < vb ? 1 : ids[a]! - ids[b]!;
  });
}

/**
 * The indices of `values` sorted by value (descending or ascending), equal values in index
 * order: a least-significant-digit radix sort over the 64 bits in four 16-bit passes
 * (passes whose digit never varies are skipped). Linear in n; a comparator sort of a
 * million indexes took seconds.
 */
export function stableOrder(values: BigInt64Array, descending: boolean): Uint32Array {
  const n = values.length;
  const words = new Uint32Array(values.buffer, values.byteOffset, n * 2);
  const little = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
  const flip = descending ? 0xffffffff : 0;
  // Keys that order as unsigned numbers the way the values order: the sign bit flipped.
  const lo = new Uint32Array(n);
  const hi = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    lo[i] = (words[little ? 2 * i : 2 * i + 1]! ^ flip) >>> 0;
    hi[i] = (words[little ? 2 * i + 1 : 2 * i]! ^ 0x80000000 ^ flip) >>> 0;
  }
  let order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  let next = new Uint32Array(n);
  const counts = new Uint32Array(65537);
  for (const [key, shift] of [[lo, 0], [lo, 16], [hi, 0], [hi, 16]] as const) {
    counts.fill(0);
    for (let i = 0; i < n; i++) counts[((key[i]! >>> shift) & 0xffff) + 1]!++;
    if (n === 0 || counts[((key[0]! >>> shift) & 0xffff) + 1] === n) continue;
    for (let d = 1; d < counts.length; d++) counts[d]! += counts[d - 1]!;
    for (let p = 0; p < n; p++) {
      const i = order[p]!;
      next[counts[(key[i]! >>> shift) & 0xffff]!++] = i;
    }
    [order, next] = [next, order];
  }
  return order;
}

/** The sum of a BigInt64Array. */
export function total(values: BigInt64Array): bigint {
  let t = 0n;
  for (const v of values) t += v;
  return t;
}

/** Rank-share cut points in basis points (1/10,000): the deciles, and the pyramid's default tiers. */
export const DECILE_CUTS: readonly number[] = [1000, 2000, 3000, 4000, 5000, 6000, 7000, 8000, 9000, 10000];
export const PYRAMID_CUTS: readonly number[] = [100, 2000, 5000, 10000];
export const PYRAMID_TIERS = ["key", "secondary", "ordinary", "small"] as const;
export type PyramidTier = (typeof PYRAMID_TIERS)[number];

/**
 * The group of every rank: group g (0-based) holds the ranks i with
 * cuts[g−1]·n ≤ i·10,000 < cuts[g]·n. Cuts are increasing basis points ending at 10,000.
 */
export function groupsByRankShare(n: number, cuts: readonly number[]): Uint8Array {
  checkCuts(cuts);
  const group = new Uint8Array(n);
  let g = 0;
  for (let i = 0; i < n; i++) {
    while (i * 10_000 >= cuts[g]! * n) g++;
    group[i] = g;
  }
  return group;
}

function checkCuts(cuts: readonly number[]) {
  if (cuts.length === 0 || cuts.length > 255 || cuts[cuts.length - 1] !== 10_000) {
    throw new RangeError("cuts must be 1 to 255 increasing basis points ending at 10000");
  }
  cuts.forEach((c, k) => {
    if (!Number.isInteger(c) || c <= (k === 0 ? 0 : cuts[k - 1]!)) throw new RangeError(`cut ${c} is not an integer above the one before`);
  });
}

export interface GroupRow {
  /** 1-based: decile 1 and the first tier are the best customers. */
  group: number;
  customers: number;
  /** Per measure: the group's sum, its share of the measure's total, and the share of the groups up to this one. */
  sums: Record<string, { sum: bigint; share: number | null; cumulativeShare: number | null }>;
  customerShare: number;
  cumulativeCustomerShare: number;
}

/**
 * Counts and sums of the groups of a ranking (groups from groupsByRankShare), for each
 * measure (e.g. sales and margin, whichever one ranked them). A share is null when its
 * measure's total is 0.
 */
export function summarizeGroups(order: Uint32Array, group: Uint8Array, groups: number, measures: Record<string, BigInt64Array>): GroupRow[] {
  const n = order.length;
  const names = Object.keys(measures);
  const counts = new Float64Array(groups);
  const sums = names.map(() => new Array<bigint>(groups).fill(0n));
  for (let i = 0; i < n; i++) {
    const g = group[i]!;
    counts[g]!++;
    const c = order[i]!;
    names.forEach((m, k) => (sums[k]![g]! += measures[m]![c]!));
  }
  const totals = sums.map((s) => s.reduce((a, b) => a + b, 0n));
  const running = names.map(() => 0n);
  let seen = 0;
  const rows: GroupRow[] = [];
  for (let g = 0; g < groups; g++) {
    seen += counts[g]!;
    const row: GroupRow = { group: g + 1, customers: counts[g]!, sums: {}, customerShare: n ? counts[g]! / n : 0, cumulativeCustomerShare: n ? seen / n : 0 };
    names.forEach((m, k) => {
      const sum = sums[k]![g]!;
      running[k]! += sum;
      row.sums[m] = { sum, share: ratio(sum, totals[k]!), cumulativeShare: ratio(running[k]!, totals[k]!) };
    });
    rows.push(row);
  }
  return rows;
}

const SAFE = 2n ** 53n;

/** a / b as a number, to double precision; null when b is 0. */
export function ratio(a: bigint, b: bigint): number | null {
  if (b === 0n) return null;
  // Both exact as doubles: one correctly rounded division.
  if (a < SAFE && a > -SAFE && b < SAFE && b > -SAFE) return Number(a) / Number(b);
  // Larger sums: the quotient with 64 bits after the point, then an exact division by 2⁶⁴.
  return Number((a << 64n) / b) / 2 ** 64;
}

/**
 * The fewest top-ranked customers whose value adds up to at least num/den of the total
 * (e.g. 4/5 for "x% of customers make 80%"), for each fraction asked; null when the total
 * is not positive. Exact: cum·den ≥ num·total, in integers.
 */
export function customersToReach(order: Uint32Array, values: BigInt64Array, fractions: ReadonlyArray<readonly [number, number]>): Array<number | null> {
  const t = total(values);
  if (t <= 0n) return fractions.map(() => null);
  const targets = fractions.map(([num, den]) => {
    if (!Number.isInteger(num) || !Number.isInteger(den) || den <= 0 || num < 0 || num > den) throw new RangeError(`not a fraction of the total: ${num}/${den}`);
    return { num: BigInt(num), den: BigInt(den) };
  });
  const out: Array<number | null> = targets.map(({ num }) => (num === 0n ? 0 : null));
  let cum = 0n;
  for (let i = 0; i < order.length && out.includes(null); i++) {
    cum += values[order[i]!]!;
    targets.forEach(({ num, den }, k) => {
      if (out[k] === null && cum * den >= num * t) out[k] = i + 1;
    });
  }
  // Every fraction is reached by the last customer at the latest, where the sum is the total.
  return out;
}

export interface PurchaseDecile {
  /** 1 … 10: the k-th tenth of the total value. */
  part: number;
  /** Customers added to reach k/10 of the total after (k−1)/10 was reached. */
  customers: number;
  cumulativeCustomers: number;
  customerShare: number;
  cumulativeCustomerShare: number;
}

/** How many customers make each tenth of the total value, best customers first; null when the total is not positive. */
export function purchaseDeciles(order: Uint32Array, values: BigInt64Array): PurchaseDecile[] | null {
  const reach = customersToReach(order, values, DECILE_CUTS.map((c) => [c, 10_000] as const));
  if (reach[0] === null) return null;
  const n = order.length;
  let before = 0;
  return reach.map((m, k) => {
    const row = { part: k + 1, customers: m! - before, cumulativeCustomers: m!, customerShare: (m! - before) / n, cumulativeCustomerShare: m! / n };
    before = m!;
    return row;
  });
}

/**
 * The Pareto (Lorenz) curve: for customer shares 0, 1/points, …, 1 (as whole customers,
 * ⌊j·n/points⌋ of them), the share of the total value they make. Null when the total is 0.
 */
export function paretoCurve(order: Uint32Array, values: BigInt64Array, points = 100): Array<{ customerShare: number; valueShare: number }> | null {
  const t = total(values);
  if (t === 0n) return null;
  const n = order.length;
  const out: Array<{ customerShare: number; valueShare: number }> = [];
  let cum = 0n;
  let i = 0;
  for (let j = 0; j <= points; j++) {
    const m = Math.floor((j * n) / points);
    for (; i < m; i++) cum += values[order[i]!]!;
    out.push({ customerShare: n ? m / n : 0, valueShare: ratio(cum, t)! });
  }
  return out;
}
