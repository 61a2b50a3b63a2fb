/**
 * Sequence rules, and "x% of the buyers of A buy B within N days" with its timing.
 *
 * Rules (arulesSequences' `ruleInduction`, after Zaki 2001, "SPADE", Machine Learning 42,
 * 31–60): each frequent sequence α = ⟨a₁, …, a_k⟩ with k ≥ 2 gives the rule
 * ⟨a₁, …, a_{k−1}⟩ ⇒ ⟨a_k⟩, its prefix then its last element, with
 *   support    = support(α),
 *   confidence = count(α) / count(⟨a₁, …, a_{k−1}⟩),
 *   lift       = confidence / support(⟨a_k⟩),
 * all counts taken under the constraints α was mined with (sequences.ts).
 *
 * Follow rate. For itemsets A and B and a window of N days: a customer is a buyer of A when
 * some element (day) of the history contains A, and follows with B when some purchase of A on
 * day t_A is followed by a purchase of B on day t_B with 0 < t_B − t_A ≤ N; B on the same day
 * as A does not count. share = followers / buyers; without `asOf` it is the confidence of
 * ⟨A⟩ ⇒ ⟨B⟩ mined with mingap 1 and maxgap N. A follower's days d = min over purchases of A of the
 * days to the next later purchase of B; the histogram counts followers by d (bin k holds
 * d = k·binDays + 1 … (k + 1)·binDays). With `asOf`, only purchases of A made by day
 * asOf − N count, so that every counted purchase has its whole N-day window observed.
 * `followRates` computes the same for every pair of single items at once.
 */

import { normalizeSequenceDatabase, type FrequentSequences, type SequenceDatabase } from "./sequences.ts";

export interface SequenceRules {
  count: number;
  /** The frequent sequence each rule comes from (an index into the sequences). */
  sequence: Uint32Array;
  /** Left-hand side: the sequence without its last element. */
  lhs: Uint32Array;
  /** Right-hand side: the one-element sequence of the last element. */
  rhs: Uint32Array;
  support: Float64Array;
  confidence: Float64Array;
  lift: Float64Array;
}

/** The rules prefix ⇒ last element of the frequent sequences with confidence ≥ minConfidence (default 0.8, as ruleInduction). */
export function sequenceRules(s: FrequentSequences, minConfidence = 0.8): SequenceRules {
  const single = new Map<string, number>();
  const lastElement = (i: number): string => {
    const k = s.patternOffsets[i + 1]! - 1;
    return s.items.subarray(s.elementOffsets[k]!, s.elementOffsets[k + 1]!).join(",");
  };
  for (let i = 0; i < s.count; i++) if (s.prefix[i] === -1) single.set(lastElement(i), i);
  const kept: number[] = [];
  for (let i = 0; i < s.count; i++) if (s.prefix[i]! >= 0 && s.support[i]! / s.support[s.prefix[i]!]! >= minConfidence) kept.push(i);
  const n = kept.length;
  const out: SequenceRules = {
    count: n,
    sequence: Uint32Array.from(kept),
    lhs: new Uint32Array(n),
    rhs: new Uint32Array(n),
    support: new Float64Array(n),
    confidence: new Float64Array(n),
    lift: new Float64Array(n),
  };
  for (let r = 0; r < n; r++) {
    const i = kept[r]!;
    const lhs = s.prefix[i]!;
    const rhs = single.get(lastElement(i));
    if (rhs === undefined) throw new Error(`the last element of sequence ${i} is missing from the frequent sequences`);
    out.lhs[r] = lhs;
    out.rhs[r] = rhs;
    out.support[r] = s.support[i]! / s.customers;
    out.confidence[r] = s.support[i]! / s.support[lhs]!;
    out.lift[r] = out.confidence[r]! / (s.support[rhs]! / s.customers);
  }
  return out;
}

export interface FollowOptions {
  /** Last day of the data: only purchases of A made by day asOf − days count. */
  asOf?: number;
  /** Days per histogram bin (default 1). */
  binDays?: number;
}

export interface FollowRate {
  buyers: number;
  followers: number;
  /** followers / buyers; null without buyers. */
  share: number | null;
  /** Followers by days to B, bins of binDays (bin k: k·binDays + 1 … (k + 1)·binDays). */
  histogram: Uint32Array;
  binDays: number;
  /** Mean days from A to B over the followers; null without followers. */
  meanDays: number | null;
}

function checkWindow(days: number, o: FollowOptions): { binDays: number; lastA: number } {
  if (!Number.isSafeInteger(days) || days < 1) throw new RangeError(`days must be a whole number ≥ 1 (got ${days})`);
  const binDays = o.binDays ?? 1;
  if (!Number.isSafeInteger(binDays) || binDays < 1) throw new RangeError(`binDays must be a whole number ≥ 1 (got ${binDays})`);
  if (o.asOf !== undefined && !Number.isSafeInteger(o.asOf)) throw new RangeError(`asOf must be a day number (got ${o.asOf})`);
  return { binDays, lastA: o.asOf === undefined ? Infinity : o.asOf - days };
}

function sortedSet(xs: readonly number[], name: string): Uint32Array {
  if (xs.length === 0) throw new RangeError(`${name} must hold at least one item`);
  return Uint32Array.from(new Set(xs)).sort();
}

/** Whether the ascending items[from, to) include every item of the ascending set. */
function includesAll(items: Uint32Array, from: number, to: number, set: Uint32Array): boolean {
  let j = from;
  for (let k = 0; k < set.length; k++) {
    while (j < to && items[j]! < set[k]!) j++;
    if (j === to || items[j] !== set[k]) return false;
  }
  return true;
}

/** Among the buyers of itemset A, those who bought itemset B 1 … days days after a purchase of A, and when. */
export function followRate(input: SequenceDatabase, a: readonly number[], b: readonly number[], days: number, options: FollowOptions = {}): FollowRate {
  const { binDays, lastA } = checkWindow(days, options);
  const db = normalizeSequenceDatabase(input);
  const A = sortedSet(a, "A");
  const B = sortedSet(b, "B");
  const { customerOffsets: co, eventTimes: times, eventOffsets: eo, items } = db;
  const histogram = new Uint32Array(Math.ceil(days / binDays));
  let buyers = 0;
  let followers = 0;
  let sumDays = 0;
  for (let c = 0; c + 1 < co.length; c++) {
    let nextB = Infinity;
    let best = Infinity;
    let buyer = false;
    // Backwards, so that nextB is the first purchase of B strictly after the current day.
    for (let e = co[c + 1]! - 1; e >= co[c]!; e--) {
      const t = times[e]!;
      if (t <= lastA && includesAll(items, eo[e]!, eo[e + 1]!, A)) {
        buyer = true;
        if (nextB - t < best) best = nextB - t;
      }
      if (includesAll(items, eo[e]!, eo[e + 1]!, B)) nextB = t;
    }
    if (!buyer) continue;
    buyers++;
    if (best <= days) {
      followers++;
      sumDays += best;
      histogram[Math.floor((best - 1) / binDays)]!++;
    }
  }
  return { buyers, followers, share: buyers ? followers / buyers : null, histogram, binDays, meanDays: followers ? sumDays / followers : null };
}

export interface FollowRatesOptions extends FollowOptions {
  /** Least buyers of A for A to be considered (default 1). */
  minBuyers?: number;
  /** Least followers for a pair to be reported (default 1). */
  minFollowers?: number;
  /** Most A × B candidate cells held in memory, 4 bytes each (default 2²⁵). */
  maxCells?: number;
}

/** Follow rates of item pairs, compact, sorted by share (descending), then followers (descending), then A, B. */
export interface FollowRates {
  count: number;
  a: Uint32Array;
  b: Uint32Array;
  buyers: Uint32Array;
  followers: Uint32Array;
  share: Float64Array;
  meanDays: Float64Array;
  binDays: number;
  bins: number;
  /** count × bins: the histogram of pair r is histograms[r·bins … (r + 1)·bins − 1]. */
  histograms: Uint32Array;
}

/**
 * "A then B within N days" for every pair of single items (A = B included: a repeat
 * purchase) with enough buyers and followers, from two passes over the data.
 */
export function followRates(input: SequenceDatabase, days: number, options: FollowRatesOptions = {}): FollowRates {
  const { binDays, lastA } = checkWindow(days, options);
  const minBuyers = options.minBuyers ?? 1;
  const minFollowers = options.minFollowers ?? 1;
  const maxCells = options.maxCells ?? 2 ** 25;
  if (!Number.isSafeInteger(minBuyers) || minBuyers < 1 || !Number.isSafeInteger(minFollowers) || minFollowers < 1) throw new RangeError("minBuyers and minFollowers must be whole numbers ≥ 1");
  const db = normalizeSequenceDatabase(input);
  const { itemCount, customerOffsets: co, eventTimes: times, eventOffsets: eo, items } = db;
  const customers = co.length - 1;

  // Buyers of each item as A (purchases by lastA) and as B (any purchase).
  const buyersA = new Uint32Array(itemCount);
  const buyersB = new Uint32Array(itemCount);
  const stampA = new Uint32Array(itemCount);
  const stampB = new Uint32Array(itemCount);
  for (let c = 0; c < customers; c++) {
    for (let e = co[c]!; e < co[c + 1]!; e++) {
      for (let j = eo[e]!; j < eo[e + 1]!; j++) {
        const y = items[j]!;
        if (stampB[y] !== c + 1) {
          stampB[y] = c + 1;
          buyersB[y]!++;
        }
        if (times[e]! <= lastA && stampA[y] !== c + 1) {
          stampA[y] = c + 1;
          buyersA[y]!++;
        }
      }
    }
  }
  const aIndex = new Int32Array(itemCount).fill(-1);
  const bIndex = new Int32Array(itemCount).fill(-1);
  const aItems: number[] = [];
  const bItems: number[] = [];
  for (let y = 0; y < itemCount; y++) {
    if (buyersA[y]! >= minBuyers) aIndex[y] = aItems.push(y) - 1;
    if (buyersB[y]! >= minFollowers) bIndex[y] = bItems.push(y) - 1;
  }
  const fB = bItems.length;
  const cells = aItems.length * fB;
  if (cells > maxCells) throw new RangeError(`${aItems.length} × ${fB} item pairs exceed maxCells ${maxCells}: raise minBuyers or minFollowers`);
  const bins = Math.ceil(days / binDays);
  // With few cells one pass keeps every pair's histogram and sum of days; otherwise a second
  // pass makes them for the pairs kept.
  const onePass = cells * bins <= 2 ** 22;
  const counts = new Uint32Array(cells);
  const hist = new Uint32Array(onePass ? cells * bins : 0);
  const sums = new Float64Array(onePass ? cells : 0);
  const binOf = new Uint32Array(days + 1);
  for (let d = 1; d <= days; d++) binOf[d] = Math.floor((d - 1) / binDays);

  // Per customer: its candidate items (local ids 0 … m − 1; aBase: the item's row of cells as
  // A, −1 if none; bCol: its column as B) and, for each local pair, the least days from a
  // purchase of A to the next later purchase of B (Infinity: none yet). The items of B bought
  // after the current day form a list by their next purchase, soonest first (after, before:
  // the links, −1 at the ends), so that a purchase of A meets only the items bought within
  // `days` days after it.
  const local = new Int32Array(itemCount);
  const localStamp = new Float64Array(itemCount);
  let aBase = new Int32Array(64);
  let bCol = new Int32Array(64);
  let nextTime = new Float64Array(64);
  let after = new Int32Array(64);
  let before = new Int32Array(64);
  let best = new Float64Array(64 * 64).fill(Infinity);
  let touchedA = new Uint32Array(64 * 64);
  let touchedB = new Uint32Array(64 * 64);

  let stamp = 0;
  /** One pass over the customers: each follower's pairs and days, into counts and (one pass) hist and sums, or (second pass, rowOf given) into the rows kept. */
  const pass = (out: FollowRates | null, rowOf: Uint32Array | null): void => {
    for (let c = 0; c < customers; c++) {
      let m = 0;
      stamp++;
      for (let j = eo[co[c]!]!; j < eo[co[c + 1]!]!; j++) {
        const y = items[j]!;
        if (localStamp[y] === stamp || (aIndex[y]! < 0 && bIndex[y]! < 0)) continue;
        localStamp[y] = stamp;
        if (m === aBase.length) {
          aBase = growI32(aBase, m * 2);
          bCol = growI32(bCol, m * 2);
          nextTime = new Float64Array(m * 2);
          after = new Int32Array(m * 2);
          before = new Int32Array(m * 2);
        }
        aBase[m] = aIndex[y]! < 0 ? -1 : aIndex[y]! * fB;
        bCol[m] = bIndex[y]!;
        local[y] = m++;
      }
      if (m === 0) continue;
      if (best.length < m * m) {
        best = new Float64Array(m * m).fill(Infinity);
        touchedA = new Uint32Array(m * m);
        touchedB = new Uint32Array(m * m);
      }
      nextTime.fill(Infinity, 0, m);
      let head = -1;
      let nTouched = 0;
      // Backwards, so that nextTime[b] is the first purchase of b strictly after the current day.
      for (let e = co[c + 1]! - 1; e >= co[c]!; e--) {
        const t = times[e]!;
        if (t <= lastA && head >= 0 && nextTime[head]! - t <= days) {
          for (let j = eo[e]!; j < eo[e + 1]!; j++) {
            const y = items[j]!;
            if (aIndex[y]! < 0) continue;
            const la = local[y]!;
            const row = la * m;
            for (let lb = head; lb >= 0; lb = after[lb]!) {
              const d = nextTime[lb]! - t;
              if (d > days) break;
              const cell = row + lb;
              const was = best[cell]!;
              if (was === Infinity) {
                touchedA[nTouched] = la;
                touchedB[nTouched++] = lb;
              }
              if (d < was) best[cell] = d;
            }
          }
        }
        for (let j = eo[e]!; j < eo[e + 1]!; j++) {
          const y = items[j]!;
          if (bIndex[y]! < 0) continue;
          const lb = local[y]!;
          // To the front of the list.
          if (lb === head) {
            nextTime[lb] = t;
            continue;
          }
          if (nextTime[lb] !== Infinity) {
            after[before[lb]!] = after[lb]!;
            if (after[lb]! >= 0) before[after[lb]!] = before[lb]!;
          }
          nextTime[lb] = t;
          before[lb] = -1;
          after[lb] = head;
          if (head >= 0) before[head] = lb;
          head = lb;
        }
      }
      for (let k = 0; k < nTouched; k++) {
        const la = touchedA[k]!;
        const lb = touchedB[k]!;
        const d = best[la * m + lb]!;
        best[la * m + lb] = Infinity;
        const cell = aBase[la]! + bCol[lb]!;
        if (rowOf) {
          const r = rowOf[cell]! - 1;
          if (r < 0) continue;
          out!.histograms[r * bins + binOf[d]!]!++;
          out!.meanDays[r]! += d;
        } else if (onePass) {
          hist[cell * bins + binOf[d]!]!++;
          sums[cell]! += d;
        } else counts[cell]!++;
      }
    }
  };

  pass(null, null);
  if (onePass) for (let cell = 0; cell < cells; cell++) for (let k = 0; k < bins; k++) counts[cell]! += hist[cell * bins + k]!;
  const kept: number[] = [];
  for (let cell = 0; cell < cells; cell++) if (counts[cell]! >= minFollowers) kept.push(cell);
  const shareOf = (cell: number): number => counts[cell]! / buyersA[aItems[Math.floor(cell / fB)]!]!;
  kept.sort((x, y) => shareOf(y) - shareOf(x) || counts[y]! - counts[x]! || x - y);

  const n = kept.length;
  const out: FollowRates = {
    count: n,
    a: new Uint32Array(n),
    b: new Uint32Array(n),
    buyers: new Uint32Array(n),
    followers: new Uint32Array(n),
    share: new Float64Array(n),
    meanDays: new Float64Array(n),
    binDays,
    bins,
    histograms: new Uint32Array(n * bins),
  };
  for (let r = 0; r < n; r++) {
    const cell = kept[r]!;
    out.a[r] = aItems[Math.floor(cell / fB)]!;
    out.b[r] = bItems[cell % fB]!;
    out.buyers[r] = buyersA[out.a[r]!]!;
    out.followers[r] = counts[cell]!;
    out.share[r] = shareOf(cell);
  }
  if (onePass) {
    for (let r = 0; r < n; r++) {
      out.histograms.set(hist.subarray(kept[r]! * bins, (kept[r]! + 1) * bins), r * bins);
      out.meanDays[r] = sums[kept[r]!]!;
    }
  } else {
    // The counts are no longer needed: each kept cell now holds its row + 1 (0: not kept).
    counts.fill(0);
    for (let r = 0; r < n; r++) counts[kept[r]!] = r + 1;
    pass(out, counts);
  }
  for (let r = 0; r < n; r++) out.meanDays[r]! /= out.followers[r]!;
  return out;
}

function growI32(a: Int32Array, n: number): Int32Array<ArrayBuffer> {
  const b = new Int32Array(n);
  b.set(a);
  return b;
}
