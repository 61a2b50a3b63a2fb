/**
 * Frequent sequences with time constraints: the semantics of cSPADE (Zaki 2000, "Sequence
 * mining in categorical domains: incorporating constraints", CIKM) as arulesSequences'
 * `cspade` runs it, mined depth-first over vertical id-lists as in SPADE (Zaki 2001, "SPADE:
 * an efficient algorithm for mining frequent sequences", Machine Learning 42, 31–60).
 *
 * Data. Each customer's history is a list of elements (itemsets) with integer times (days),
 * strictly increasing: a customer's events on the same day are one element
 * (`normalizeSequenceDatabase` merges them; `mineSequences` calls it).
 *
 * Containment. A sequence ⟨a₁, …, a_k⟩ of non-empty itemsets is contained in a customer's
 * history when elements of it with times t₁ < … < t_k have a_j ⊆ items(t_j) and
 *   mingap ≤ t_{j+1} − t_j ≤ maxgap   for j = 1 … k − 1,
 *   t_k − t₁ ≤ maxwin.
 * The inequalities are those of cSPADE's temporal join (`diff < min_gap` and `diff > max_gap`
 * reject a pair), with mingap ≥ 1 and 1 by default as in arulesSequences; GSP's strict
 * "t_{j+1} − t_j > min-gap" (Srikant & Agrawal 1996) is our mingap = min-gap + 1.
 * Limits: k ≤ maxlen elements and |a_j| ≤ maxsize items (arulesSequences' defaults: 10, 10).
 *
 * Support. count(α) = the number of customers whose history contains α; support = count / N
 * over all N customers. α is frequent when count ≥ minCount = ⌈minSupport · N⌉ (cspade's
 * rounding since arulesSequences 0.2-7).
 *
 * Mining. Every sequence is grown from its parent, the sequence without its last item, either
 * by adding an item to the last element (itemset extension, items ascending) or by appending a
 * one-item element (sequence extension). The parent is contained wherever the child is, so
 * depth-first growth that stops at infrequent sequences finds every frequent one once. Only
 * end-extensions are made, never joins of two siblings, because under maxgap a frequent
 * sequence can have an infrequent subsequence (Zaki 2000). Candidates are pruned with
 * subsequences that keep the times valid: an extension's added item must extend the parent's
 * parent the same way (dropping a middle element only without maxgap), and the pattern of
 * its last two items (⟨{x, y}⟩ or ⟨{x}, {y}⟩) must be frequent — cSPADE's use of the
 * frequent 2-sequences. The id-list of α holds, per customer, every event where an
 * occurrence of α can end and, under maxwin, the latest start time among those occurrences.
 * Latest starts never decrease along a customer's events, so an event e′ extends α exactly
 * when the last id-list event e with t(e) ≤ t(e′) − mingap passes the maxgap and maxwin
 * checks. All candidate extensions of a node are counted in one scan of its customers' events
 * (PrefixSpan's pseudo-projection, Pei et al. 2004, IEEE TKDE 16(11)), which also logs the
 * events that become the frequent ones' id-lists. Everything is typed arrays; memory is the
 * data, one id-list per item, the scan log, and the children's id-lists along one path.
 */

export interface SequenceDatabase {
  /** Items are 0 … itemCount − 1. */
  itemCount: number;
  /** customers + 1 offsets into the events. */
  customerOffsets: Uint32Array;
  /** Each event's day number, non-decreasing within a customer. */
  eventTimes: Int32Array;
  /** events + 1 offsets into items. */
  eventOffsets: Uint32Array;
  items: Uint32Array;
}

export interface SequenceMiningOptions {
  /** Fraction of customers (default 0.1, as cspade); give this or minCount. */
  minSupport?: number;
  minCount?: number;
  /** Most items in one element (default 10). */
  maxsize?: number;
  /** Most elements in a sequence (default 10). */
  maxlen?: number;
  /** Least days between consecutive elements, ≥ 1 (default 1). */
  mingap?: number;
  /** Most days between consecutive elements (default none). */
  maxgap?: number;
  /** Most days from the first element to the last (default none). */
  maxwin?: number;
}

/** Frequent sequences, compact: pattern i has elements patternOffsets[i] … patternOffsets[i + 1] − 1. */
export interface FrequentSequences {
  customers: number;
  minCount: number;
  count: number;
  /** Customers containing each pattern. */
  support: Uint32Array;
  /** The pattern without its last element (an earlier pattern), −1 for one element. */
  prefix: Int32Array;
  /** count + 1 offsets into elementOffsets. */
  patternOffsets: Uint32Array;
  /** elements + 1 offsets into items; each element's items ascending. */
  elementOffsets: Uint32Array;
  items: Uint32Array;
}

/** Checks the database and returns it, or a copy with same-day events merged and items sorted and unique. */
export function normalizeSequenceDatabase(db: SequenceDatabase): SequenceDatabase {
  const { itemCount, customerOffsets: co, eventTimes: times, eventOffsets: eo, items } = db;
  const customers = co.length - 1;
  const events = times.length;
  if (customers < 0 || co[0] !== 0 || co[customers] !== events) throw new RangeError("customerOffsets must start at 0 and end at the number of events");
  if (eo.length !== events + 1 || eo[0] !== 0 || eo[events] !== items.length) throw new RangeError("eventOffsets must have events + 1 entries, from 0 to the number of items");
  let normal = true;
  for (let c = 0; c < customers; c++) {
    if (co[c + 1]! < co[c]!) throw new RangeError(`customerOffsets decrease at customer ${c}`);
    for (let e = co[c]!; e < co[c + 1]!; e++) {
      if (eo[e + 1]! < eo[e]!) throw new RangeError(`eventOffsets decrease at event ${e}`);
      if (e > co[c]!) {
        if (times[e]! < times[e - 1]!) throw new RangeError(`event times decrease within customer ${c} (event ${e})`);
        if (times[e] === times[e - 1]) normal = false;
      }
      for (let j = eo[e]!; j < eo[e + 1]!; j++) {
        if (items[j]! >= itemCount) throw new RangeError(`item ${items[j]} at position ${j} is not below itemCount ${itemCount}`);
        if (j > eo[e]! && items[j]! <= items[j - 1]!) normal = false;
      }
    }
  }
  if (normal) return db;

  const outCo = new Uint32Array(customers + 1);
  const outTimes = new Int32Array(events);
  const outEo = new Uint32Array(events + 1);
  const outItems = new Uint32Array(items.length);
  let ne = 0;
  let ni = 0;
  for (let c = 0; c < customers; c++) {
    outCo[c] = ne;
    for (let e = co[c]!; e < co[c + 1]!; ) {
      const start = ni;
      const t = times[e]!;
      for (; e < co[c + 1]! && times[e] === t; e++) for (let j = eo[e]!; j < eo[e + 1]!; j++) outItems[ni++] = items[j]!;
      outItems.subarray(start, ni).sort();
      let w = start;
      for (let j = start; j < ni; j++) if (j === start || outItems[j] !== outItems[w - 1]) outItems[w++] = outItems[j]!;
      ni = w;
      outTimes[ne] = t;
      outEo[++ne] = ni;
    }
  }
  outCo[customers] = ne;
  return { itemCount, customerOffsets: outCo, eventTimes: outTimes.slice(0, ne), eventOffsets: outEo.slice(0, ne + 1), items: outItems.slice(0, ni) };
}

interface Limits {
  minCount: number;
  maxsize: number;
  maxlen: number;
  mingap: number;
  maxgap: number;
  maxwin: number;
}

function limitsOf(o: SequenceMiningOptions, customers: number): Limits {
  if (o.minSupport !== undefined && o.minCount !== undefined) throw new RangeError("give minSupport or minCount, not both");
  const whole = (name: string, v: number | undefined, min: number, dflt: number): number => {
    if (v === undefined || v === Infinity) return v ?? dflt;
    if (!Number.isSafeInteger(v) || v < min) throw new RangeError(`${name} must be a whole number ≥ ${min} (got ${v})`);
    return v;
  };
  let minCount: number;
  if (o.minCount !== undefined) minCount = whole("minCount", o.minCount, 1, 1);
  else {
    const s = o.minSupport ?? 0.1;
    if (!(s >= 0 && s <= 1)) throw new RangeError(`minSupport must lie in [0, 1] (got ${s})`);
    // The tolerance keeps 0.3 · 10 = 3.0000000000000004 from rounding up to 4.
    minCount = Math.max(1, Math.ceil(s * customers - 1e-9));
  }
  return {
    minCount,
    maxsize: whole("maxsize", o.maxsize, 1, 10),
    maxlen: whole("maxlen", o.maxlen, 1, 10),
    mingap: whole("mingap", o.mingap, 1, 1),
    maxgap: whole("maxgap", o.maxgap, 0, Infinity),
    maxwin: whole("maxwin", o.maxwin, 0, Infinity),
  };
}

const EMPTY = new Uint32Array(0);

/** The first index of the ascending list a with a[i] ≥ y. */
function lowerBound(a: Uint32Array, y: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid]! < y) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The items of both ascending lists. */
function intersect(a: Uint32Array, b: Uint32Array): Uint32Array {
  const out = new Uint32Array(Math.min(a.length, b.length));
  let n = 0;
  for (let i = 0, j = 0; i < a.length && j < b.length; ) {
    if (a[i]! < b[j]!) i++;
    else if (a[i]! > b[j]!) j++;
    else {
      out[n++] = a[i]!;
      i++;
      j++;
    }
  }
  return out.subarray(0, n);
}

class U32Buffer {
  a: Uint32Array;
  n = 0;
  constructor(capacity = 1024) {
    this.a = new Uint32Array(capacity);
  }
  reserve(k: number): void {
    if (this.n + k <= this.a.length) return;
    const b = new Uint32Array(Math.max(this.a.length * 2, this.n + k));
    b.set(this.a.subarray(0, this.n));
    this.a = b;
  }
  push(v: number): void {
    if (this.n === this.a.length) {
      const b = new Uint32Array(this.a.length * 2);
      b.set(this.a);
      this.a = b;
    }
    this.a[this.n++] = v;
  }
  done(): Uint32Array {
    return this.a.slice(0, this.n);
  }
}

/** Frequent sequences of the database under the options' support and time constraints. */
export function mineSequences(input: SequenceDatabase, options: SequenceMiningOptions = {}): FrequentSequences {
  const db = normalizeSequenceDatabase(input);
  const customers = db.customerOffsets.length - 1;
  const limits = limitsOf(options, customers);
  const miner = new Miner(db, limits);
  miner.run();
  const prefix = Int32Array.from(miner.prefix.done(), (v) => v - 1);
  miner.patternOffsets.push(miner.elementOffsets.n);
  miner.elementOffsets.push(miner.outItems.n);
  return {
    customers,
    minCount: limits.minCount,
    count: miner.support.n,
    support: miner.support.done(),
    prefix,
    patternOffsets: miner.patternOffsets.done(),
    elementOffsets: miner.elementOffsets.done(),
    items: miner.outItems.done(),
  };
}

/**
 * Event record in the miner's stream: time, number of items, end of the customer's events,
 * length of the record; then the items and, for a heavy customer's event, its window bitset.
 */
const H = 4;
/** Least events for a customer to be heavy, and the most window-bitset words kept in all. */
const HEAVY_MIN_EVENTS = 4;
const WINDOW_WORDS = 2 ** 25;
/** Streams of more words than this are mined level by level (they do not fit in a cache), smaller ones depth first. */
const SWEEP_WORDS = Number(process.env.SEQ_SWEEP_WORDS ?? 2 ** 22);

interface Kids {
  items: Uint32Array;
  support: Uint32Array;
}

const EMPTY_BITS = new Int32Array(0);

/** The number of bits set in x. */
function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}

/** An id-list: the events where a pattern can end, ascending, by customer (run r is cuts[r] … cuts[r + 1] − 1), and their latest start times (maxwin only). */
interface IdList {
  ev: Uint32Array;
  fs: Int32Array | null;
  cuts: Uint32Array;
}

class I32Buffer {
  a: Int32Array;
  n = 0;
  constructor(capacity: number) {
    this.a = new Int32Array(capacity);
  }
  reserve(k: number): void {
    if (this.n + k <= this.a.length) return;
    const b = new Int32Array(Math.max(this.a.length * 2, this.n + k));
    b.set(this.a.subarray(0, this.n));
    this.a = b;
  }
}

/** One customer's id-list of a pattern: events, times, latest starts (maxwin only); and the items that may extend it there. */
class Level {
  readonly ev: Uint32Array;
  readonly t: Int32Array;
  readonly fs: Int32Array;
  readonly presI: Int32Array;
  readonly presS: Int32Array;
  // Without maxwin: the days a sequence extension can fall on, as disjoint ranges rLo[i] … rHi[i].
  readonly rLo: Float64Array;
  readonly rHi: Float64Array;
  ranges = 0;
  constructor(size: number, words: number) {
    this.ev = new Uint32Array(size);
    this.t = new Int32Array(size);
    this.fs = new Int32Array(size);
    this.presI = new Int32Array(words);
    this.presS = new Int32Array(words);
    this.rLo = new Float64Array(size);
    this.rHi = new Float64Array(size);
  }
}

/** A frequent pattern of the level-by-level search, its frequent extensions, and (while a level is counted) its candidates. */
class Node {
  iKids: Node[] = [];
  sKids: Node[] = [];
  iFound: Kids = { items: EMPTY, support: EMPTY };
  sFound: Kids = { items: EMPTY, support: EMPTY };
  candI: Uint32Array = EMPTY;
  candS: Uint32Array = EMPTY;
  slot = -1;
  mark = 0;
  activeI: Node[] = [];
  activeS: Node[] = [];
  // While a level is counted: the kids on the way to counted nodes, their items' bitset, the
  // number of them below each word, and each one's slot if it is counted and gone no further (else −1).
  maskI: Int32Array = EMPTY_BITS;
  maskS: Int32Array = EMPTY_BITS;
  rankI: Int32Array = EMPTY_BITS;
  rankS: Int32Array = EMPTY_BITS;
  leafI: Int32Array = EMPTY_BITS;
  leafS: Int32Array = EMPTY_BITS;
  constructor(
    readonly item: number,
    readonly support: number,
    readonly elements: number,
    readonly lastSize: number,
    readonly parent: Node | null,
  ) {}
}

class Miner {
  // The database without infrequent items and without events left empty, each customer's
  // history contiguous (events by offset into st, records as described at H); `first` holds
  // each customer's first event. A heavy customer's events carry window bitsets: the items of
  // its events from mingap to min(maxgap, maxwin) days later, one bit per frequent item. After
  // a heavy customer's events (at `end`) comes its directory: d, its d items ascending, d + 1
  // offsets into st of the lists of events holding each item, then those lists as (event,
  // time) pairs.
  readonly st: Int32Array;
  readonly first: Uint32Array;
  readonly sweep: boolean;
  /** Depth first only: each frequent item's id-list. */
  readonly roots: IdList[] = [];
  readonly itemSupport: Uint32Array;
  readonly useWin: boolean;
  /** Frequent items in bit order (ascending), each item's bit (−1: infrequent), words per bitset. */
  readonly bitItems: Uint32Array;
  readonly bitOf: Int32Array;
  readonly words: number;
  readonly gapW: number;
  // Scratch: id-lists of one customer by depth, a bitset, candidate bitsets by slot, and
  // bit-sliced counters by slot (plane p of slot s holds bit p of every candidate's count).
  readonly levels: Level[] = [];
  readonly maxKept: number;
  readonly acc: Int32Array;
  readonly accI: Int32Array;
  readonly accS: Int32Array;
  readonly planes: number;
  plI = new Int32Array(0);
  plS = new Int32Array(0);
  candI = new Int32Array(0);
  candS = new Int32Array(0);
  hasI = new Uint8Array(0);
  hasS = new Uint8Array(0);
  left = new Int32Array(0);
  sweepMark = 0;
  // For each frequent item x, the items y with <{x, y}> (y > x) and <{x}, {y}> frequent, and their counts.
  readonly pairI: Kids[] = [];
  readonly pairS: Kids[] = [];
  // The pattern being grown: its items, and whether each opens a new element.
  readonly patItems: number[] = [];
  readonly patOpens: boolean[] = [];
  // Output.
  readonly support = new U32Buffer();
  readonly prefix = new U32Buffer(); // prefix index + 1
  readonly patternOffsets = new U32Buffer();
  readonly elementOffsets = new U32Buffer();
  readonly outItems = new U32Buffer();

  constructor(
    db: SequenceDatabase,
    readonly lim: Limits,
  ) {
    const n = db.itemCount;
    const customers = db.customerOffsets.length - 1;
    const { customerOffsets: co, eventOffsets: eo, items, eventTimes: times } = db;
    const support = new Uint32Array(n);
    const seen = new Uint32Array(n);
    for (let c = 0; c < customers; c++) {
      for (let j = eo[co[c]!]!; j < eo[co[c + 1]!]!; j++) {
        const y = items[j]!;
        if (seen[y] !== c + 1) {
          seen[y] = c + 1;
          support[y]!++;
        }
      }
    }
    const bitOf = new Int32Array(n).fill(-1);
    const frequent: number[] = [];
    for (let y = 0; y < n; y++) if (support[y]! >= lim.minCount) bitOf[y] = frequent.push(y) - 1;
    const words = Math.max(1, Math.ceil(frequent.length / 32));
    const { mingap, maxgap, maxwin } = lim;
    const gapW = Math.min(maxgap, maxwin);

    // Events, items and distinct items kept per customer; occurrences per item.
    const keptEvents = new Uint32Array(customers);
    const keptItems = new Uint32Array(customers);
    const distinct = new Uint32Array(customers);
    const occurrences = new Float64Array(n);
    seen.fill(0);
    let maxKept = 0;
    let kept = 0;
    for (let c = 0; c < customers; c++) {
      for (let e = co[c]!; e < co[c + 1]!; e++) {
        let k = 0;
        for (let j = eo[e]!; j < eo[e + 1]!; j++) {
          const y = items[j]!;
          if (bitOf[y]! < 0) continue;
          k++;
          occurrences[y]!++;
          if (seen[y] !== c + 1) {
            seen[y] = c + 1;
            distinct[c]!++;
          }
        }
        if (k === 0) continue;
        keptEvents[c]!++;
        keptItems[c]! += k;
      }
      if (keptEvents[c]! > maxKept) maxKept = keptEvents[c]!;
      if (keptEvents[c]! > 0) kept++;
    }

    // Heavy customers: those with the most events, as many as the window bitsets' budget allows.
    let heavyMin = Infinity;
    if (lim.maxlen > 1 && frequent.length > 0) {
      const byEvents = new Float64Array(maxKept + 1);
      for (let c = 0; c < customers; c++) byEvents[keptEvents[c]!]! += keptEvents[c]!;
      let total = 0;
      for (let m = maxKept; m >= HEAVY_MIN_EVENTS && (total + byEvents[m]!) * words <= WINDOW_WORDS; m--) {
        total += byEvents[m]!;
        heavyMin = m;
      }
    }
    let size = 0;
    for (let c = 0; c < customers; c++) {
      size += H * keptEvents[c]! + keptItems[c]!;
      if (keptEvents[c]! >= heavyMin) size += words * keptEvents[c]! + 2 + 2 * words + distinct[c]! + 2 * keptItems[c]!;
    }
    if (size >= 2 ** 31) throw new RangeError("the database is too large for one run: split the customers");
    this.sweep = size > SWEEP_WORDS;

    // Depth first, the one-item id-lists, filled as the stream is written.
    this.useWin = maxwin !== Infinity;
    const rootAt = new Float64Array(n);
    const rootRuns = new Float64Array(n);
    if (!this.sweep) {
      for (const y of frequent) {
        this.roots[y] = { ev: new Uint32Array(occurrences[y]!), fs: this.useWin ? new Int32Array(occurrences[y]!) : null, cuts: new Uint32Array(support[y]! + 1) };
      }
    }

    const st = new Int32Array(size);
    const firstEvent = new Uint32Array(kept);
    const eventBits = new Int32Array(heavyMin < Infinity ? maxKept * words : 0);
    const suffix = new Int32Array(eventBits.length);
    const back = new Int32Array(words);
    const local = new Uint32Array(heavyMin < Infinity ? maxKept : 0);
    const itemOcc = new Uint32Array(n);
    seen.fill(0);
    let w = 0;
    let kc = 0;
    // Customers by number of events, fewest first: counting drops a candidate once it cannot be
    // frequent any more, which it mostly can tell before reaching the customers that cost most.
    const byEvents = new Uint32Array(maxKept + 2);
    for (let c = 0; c < customers; c++) byEvents[keptEvents[c]! + 1]!++;
    for (let k = 0; k <= maxKept; k++) byEvents[k + 1]! += byEvents[k]!;
    const order = new Uint32Array(customers);
    for (let c = 0; c < customers; c++) order[byEvents[keptEvents[c]!]!++] = c;
    for (const c of order) {
      if (keptEvents[c] === 0) continue;
      const start = w;
      firstEvent[kc++] = start;
      const heavy = keptEvents[c]! >= heavyMin;
      const stride = heavy ? words : 0;
      for (let e = co[c]!; e < co[c + 1]!; e++) {
        const head = w;
        w += H;
        for (let j = eo[e]!; j < eo[e + 1]!; j++) {
          const y = items[j]!;
          if (bitOf[y]! < 0) continue;
          st[w++] = y;
          if (this.sweep) continue;
          const r = this.roots[y]!;
          if (seen[y] !== c + 1) {
            seen[y] = c + 1;
            r.cuts[rootRuns[y]!++] = rootAt[y]!;
          }
          r.ev[rootAt[y]!] = head;
          if (r.fs) r.fs[rootAt[y]!] = times[e]!;
          rootAt[y]!++;
        }
        if (w === head + H) w = head;
        else {
          st[head] = times[e]!;
          st[head + 1] = w - head - H;
          w += stride;
          st[head + 3] = w - head;
        }
      }
      const end = w;
      for (let e = start; e < end; e += st[e + 3]!) st[e + 2] = end;
      if (!heavy) continue;

      // The window bitsets, by a sliding union over the events of [mingap, gapW] days later:
      // the part at the back is one running union, the front holds suffix unions, rebuilt from
      // the back when the front runs out (each event enters the front once).
      let m = 0;
      for (let e = start; e < end; e += st[e + 3]!, m++) {
        local[m] = e;
        for (let q = 0; q < words; q++) eventBits[m * words + q] = 0;
        for (let j = e + H; j < e + H + st[e + 1]!; j++) {
          const b = bitOf[st[j]!]!;
          eventBits[m * words + (b >>> 5)]! |= 1 << (b & 31);
        }
      }
      let a = 0;
      let b = 0;
      let qa = 0;
      let qb = 0;
      let mid = 0;
      back.fill(0);
      for (let i = 0; i < m; i++) {
        const e = local[i]!;
        const t = st[e]!;
        while (a < m && st[local[a]!]! < t + mingap) a++;
        while (b < m && st[local[b]!]! <= t + gapW) b++;
        if (a >= b) continue; // no event in the window: the bitset stays empty
        if (qb < a) {
          qa = qb = mid = a;
          back.fill(0);
        }
        for (; qb < b; qb++) for (let q = 0; q < words; q++) back[q]! |= eventBits[qb * words + q]!;
        qa = a;
        if (qa >= mid) {
          for (let k = qb - 1; k >= qa; k--) {
            for (let q = 0; q < words; q++) suffix[k * words + q] = eventBits[k * words + q]! | (k + 1 < qb ? suffix[(k + 1) * words + q]! : 0);
          }
          mid = qb;
          back.fill(0);
        }
        const out = e + H + st[e + 1]!;
        for (let q = 0; q < words; q++) st[out + q] = suffix[qa * words + q]! | back[q]!;
      }

      // The directory: the customer's items as a bitset, the number of them below each word,
      // and for each item (ascending) where its (event, time) pairs start.
      const dirBits = end + 1;
      const dirRank = dirBits + words;
      const dirOff = dirRank + words;
      for (let e = start; e < end; e += st[e + 3]!) {
        for (let j = e + H; j < e + H + st[e + 1]!; j++) {
          const b = bitOf[st[j]!]!;
          itemOcc[st[j]!]!++;
          st[dirBits + (b >>> 5)]! |= 1 << (b & 31);
        }
      }
      let d = 0;
      for (let q = 0; q < words; q++) {
        st[dirRank + q] = d;
        d += popcount(st[dirBits + q]!);
      }
      st[end] = d;
      let at = dirOff + d + 1;
      for (let q = 0, k = 0; q < words; q++) {
        for (let x = st[dirBits + q]!; x !== 0; x &= x - 1, k++) {
          const y = frequent[(q << 5) | (31 - Math.clz32(x & -x))]!;
          st[dirOff + k] = at;
          at += 2 * itemOcc[y]!;
          itemOcc[y] = st[dirOff + k]!;
        }
      }
      st[dirOff + d] = at;
      for (let e = start; e < end; e += st[e + 3]!) {
        for (let j = e + H; j < e + H + st[e + 1]!; j++) {
          const o = itemOcc[st[j]!]!;
          st[o] = e;
          st[o + 1] = st[e]!;
          itemOcc[st[j]!] = o + 2;
        }
      }
      for (let e = start; e < end; e += st[e + 3]!) for (let j = e + H; j < e + H + st[e + 1]!; j++) itemOcc[st[j]!] = 0;
      w = at;
    }
    if (!this.sweep) for (const y of frequent) this.roots[y]!.cuts[support[y]!] = occurrences[y]!;

    this.st = st;
    this.first = firstEvent;
    this.itemSupport = support;
    this.bitItems = Uint32Array.from(frequent);
    this.bitOf = bitOf;
    this.words = words;
    this.gapW = gapW;
    this.maxKept = maxKept;
    this.acc = new Int32Array(words);
    this.accI = new Int32Array(words);
    this.accS = new Int32Array(words);
    this.planes = 32 - Math.clz32(customers);
  }

  run(): void {
    if (this.sweep) this.runByLevel();
    else this.runDepthFirst();
  }

  /** The scratch id-list for depth d. */
  level(d: number): Level {
    while (this.levels.length <= d) this.levels.push(new Level(this.maxKept, this.words));
    return this.levels[d]!;
  }

  emit(count: number, prefix: number): number {
    const index = this.support.n;
    this.support.push(count);
    this.prefix.push(prefix + 1);
    this.patternOffsets.push(this.elementOffsets.n);
    for (let k = 0; k < this.patItems.length; k++) {
      if (this.patOpens[k]) this.elementOffsets.push(this.outItems.n);
      this.outItems.push(this.patItems[k]!);
    }
    return index;
  }

  /** Whether an extension of a pattern with this many elements and items in its last element may itself be extended. */
  mayGrow(elements: number, lastSize: number): boolean {
    const { maxsize, maxlen } = this.lim;
    return (lastSize < maxsize && (lastSize + 1 < maxsize || elements < maxlen)) || (elements < maxlen && (1 < maxsize || elements + 1 < maxlen));
  }

  /**
   * The candidates of each frequent extension (iKids, sKids) of a pattern: an extension holds,
   * with the same times, the pattern with the added item in place of the last item (itemset
   * extension; sequence extension after an itemset one, or after a sequence one without
   * maxgap), and the pattern of its last two items.
   */
  candidates(elements: number, lastSize: number, iKids: Kids, sKids: Kids): { i: Array<[Uint32Array, Uint32Array]>; s: Array<[Uint32Array, Uint32Array]> } {
    const { maxsize, maxlen } = this.lim;
    const gapFree = this.lim.maxgap === Infinity;
    const i: Array<[Uint32Array, Uint32Array]> = [];
    const s: Array<[Uint32Array, Uint32Array]> = [];
    for (let k = 0; k < iKids.items.length; k++) {
      const y = iKids.items[k]!;
      i.push([lastSize + 1 < maxsize ? intersect(iKids.items.subarray(k + 1), this.pairI[y]!.items) : EMPTY, elements < maxlen ? intersect(sKids.items, this.pairS[y]!.items) : EMPTY]);
    }
    for (let k = 0; k < sKids.items.length; k++) {
      const y = sKids.items[k]!;
      const nextS = elements + 1 < maxlen ? (gapFree ? intersect(sKids.items, this.pairS[y]!.items) : this.pairS[y]!.items) : EMPTY;
      s.push([1 < maxsize ? intersect(sKids.items.subarray(k + 1), this.pairI[y]!.items) : EMPTY, nextS]);
    }
    return { i, s };
  }

  // ---- Depth first: one pass over each pattern's id-list makes its extensions' id-lists ----

  runDepthFirst(): void {
    const { itemSupport, lim, bitItems: all } = this;
    // The frequent two-item patterns <{x, y}> and <{x}, {y}>, from which any frequent pattern's
    // last items must come (a pattern holds the pattern of its last two items).
    for (let k = 0; k < all.length; k++) {
      const x = all[k]!;
      const [kids] = this.pass(this.roots[x]!, [x], [itemSupport[x]!], [lim.maxsize > 1 ? all.subarray(k + 1) : EMPTY], [lim.maxlen > 1 ? all : EMPTY], [false], 0, true);
      this.pairI[x] = kids!.i;
      this.pairS[x] = kids!.s;
    }
    for (const x of all) {
      this.patItems.push(x);
      this.patOpens.push(true);
      const self = this.emit(itemSupport[x]!, -1);
      this.grow(this.roots[x]!, 1, 1, self, -1, this.pairI[x]!, this.pairS[x]!);
      this.patItems.pop();
      this.patOpens.pop();
    }
  }

  /** Emits the frequent extensions (iKids, sKids) of the pattern with id-list `list` and grows each, depth first. */
  grow(list: IdList | null, elements: number, lastSize: number, self: number, prefix: number, iKids: Kids, sKids: Kids): void {
    if (iKids.items.length === 0 && sKids.items.length === 0) return;
    const next = this.candidates(elements, lastSize, iKids, sKids);
    const slotItems: number[] = [];
    const slotSupport: number[] = [];
    const slotI: Uint32Array[] = [];
    const slotS: Uint32Array[] = [];
    const slotList: boolean[] = [];
    for (let k = 0; k < iKids.items.length; k++) {
      const [nextI, nextS] = next.i[k]!;
      if (nextI.length === 0 && nextS.length === 0) continue;
      slotItems.push(iKids.items[k]!);
      slotSupport.push(iKids.support[k]!);
      slotI.push(nextI);
      slotS.push(nextS);
      slotList.push(this.mayGrow(elements, lastSize + 1));
    }
    const iSlots = slotItems.length;
    for (let k = 0; k < sKids.items.length; k++) {
      const [nextI, nextS] = next.s[k]!;
      if (nextI.length === 0 && nextS.length === 0) continue;
      slotItems.push(sKids.items[k]!);
      slotSupport.push(sKids.support[k]!);
      slotI.push(nextI);
      slotS.push(nextS);
      slotList.push(this.mayGrow(elements + 1, 1));
    }
    const grand = slotItems.length ? this.pass(list!, slotItems, slotSupport, slotI, slotS, slotList, iSlots, false) : [];

    let slot = 0;
    for (let k = 0; k < iKids.items.length; k++) {
      this.patItems.push(iKids.items[k]!);
      this.patOpens.push(false);
      const index = this.emit(iKids.support[k]!, prefix);
      const [nextI, nextS] = next.i[k]!;
      if (nextI.length || nextS.length) {
        const g = grand[slot++]!;
        this.grow(g.list, elements, lastSize + 1, index, prefix, g.i, g.s);
      }
      this.patItems.pop();
      this.patOpens.pop();
    }
    for (let k = 0; k < sKids.items.length; k++) {
      this.patItems.push(sKids.items[k]!);
      this.patOpens.push(true);
      const index = this.emit(sKids.support[k]!, self);
      const [nextI, nextS] = next.s[k]!;
      if (nextI.length || nextS.length) {
        const g = grand[slot++]!;
        this.grow(g.list, elements + 1, 1, index, self, g.i, g.s);
      }
      this.patItems.pop();
      this.patOpens.pop();
    }
  }

  /**
   * One pass over the customers of an id-list. Slots 0 … iSlots − 1 are itemset extensions by
   * their items, the others sequence extensions (with `self`, the one slot is the pattern
   * itself). For each customer and slot: the extension's id-list there, kept when `keep` says
   * so, and its candidates counted. Returns each slot's frequent candidates and id-list.
   */
  pass(list: IdList, items: readonly number[], supports: readonly number[], cI: readonly Uint32Array[], cS: readonly Uint32Array[], keep: readonly boolean[], iSlots: number, self: boolean): Array<{ i: Kids; s: Kids; list: IdList | null }> {
    const { st, bitOf, useWin, words } = this;
    const slots = items.length;
    this.prepare(cI, cS, supports);
    const { hasI, hasS } = this;
    const outEv: U32Buffer[] = [];
    const outFs: I32Buffer[] = [];
    const outCuts: U32Buffer[] = [];
    for (let s = 0; s < slots; s++) {
      outEv.push(new U32Buffer(keep[s] ? 64 : 0));
      outFs.push(new I32Buffer(keep[s] && useWin ? 64 : 0));
      outCuts.push(new U32Buffer(keep[s] ? 16 : 0));
    }
    const L0 = this.level(0);
    const L1 = this.level(1);
    const { ev, fs, cuts } = list;
    const runs = cuts.length - 1;
    for (let r = 0; r < runs; r++) {
      const g0 = cuts[r]!;
      const m0 = cuts[r + 1]! - g0;
      for (let k = 0; k < m0; k++) {
        const e = ev[g0 + k]!;
        L0.ev[k] = e;
        L0.t[k] = st[e]!;
        if (fs) L0.fs[k] = fs[g0 + k]!;
      }
      const e0 = L0.ev[0]!;
      const end = st[e0 + 2]!;
      const heavy = st[e0 + 3]! > H + st[e0 + 1]!;
      if (self) {
        this.count(L0, m0, 0, heavy, end);
        continue;
      }
      this.presence(L0, m0, heavy, iSlots > 0, slots > iSlots, end);
      for (let s = 0; s < slots; s++) {
        const y = items[s]!;
        const b = bitOf[y]!;
        if ((((s < iSlots ? L0.presI : L0.presS)[b >>> 5]! >>> (b & 31)) & 1) === 0) continue;
        let oa = 0;
        let ob = 0;
        if (heavy) {
          const k = this.rank(end, b);
          oa = st[end + 1 + 2 * words + k]!;
          ob = st[end + 2 + 2 * words + k]!;
        }
        const m = s < iSlots ? this.deriveItemset(L0, m0, y, heavy, oa, ob, L1) : this.deriveSequence(L0, m0, y, heavy, end, oa, ob, L1);
        if (m === 0) continue;
        if (hasI[s] || hasS[s]) this.count(L1, m, s, heavy, end);
        if (keep[s]) {
          const o = outEv[s]!;
          outCuts[s]!.push(o.n);
          o.reserve(m);
          const oa = o.a;
          for (let i = 0, at = o.n; i < m; i++) oa[at + i] = L1.ev[i]!;
          o.n += m;
          if (useWin) {
            const f = outFs[s]!;
            f.reserve(m);
            const fa = f.a;
            for (let i = 0, at = f.n; i < m; i++) fa[at + i] = L1.fs[i]!;
            f.n += m;
          }
        }
      }
    }

    const out: Array<{ i: Kids; s: Kids; list: IdList | null }> = [];
    for (let s = 0; s < slots; s++) {
      let l: IdList | null = null;
      if (keep[s]) {
        outCuts[s]!.push(outEv[s]!.n);
        l = { ev: outEv[s]!.a.subarray(0, outEv[s]!.n), fs: useWin ? outFs[s]!.a.subarray(0, outFs[s]!.n) : null, cuts: outCuts[s]!.a.subarray(0, outCuts[s]!.n) };
      }
      out.push({ i: this.frequent(this.plI, s, cI[s]!, this.candI), s: this.frequent(this.plS, s, cS[s]!, this.candS), list: l });
    }
    return out;
  }

  // ---- Level by level: one pass over the customers per level, each customer's id-lists made down the tree of frequent patterns ----

  runByLevel(): void {
    const { itemSupport, lim, bitItems: all } = this;
    const roots = Array.from(all, (x) => new Node(x, itemSupport[x]!, 1, 1, null));
    let counted: Node[] = [];
    for (let k = 0; k < roots.length; k++) {
      const r = roots[k]!;
      r.candI = lim.maxsize > 1 ? all.subarray(k + 1) : EMPTY;
      r.candS = lim.maxlen > 1 ? all : EMPTY;
      if (r.candI.length || r.candS.length) counted.push(r);
    }
    for (let level = 1; counted.length > 0; level++) {
      this.countLevel(roots, counted);
      if (level === 1) {
        for (const r of roots) {
          this.pairI[r.item] = r.iFound;
          this.pairS[r.item] = r.sFound;
        }
      }
      // Each new node's candidates; with the level complete, also those of the node without its
      // first item (dropping it keeps every time constraint).
      const next: Node[] = [];
      const prune = (k: Node, [candI, candS]: [Uint32Array, Uint32Array]): void => {
        const tail = this.withoutFirst(roots, k);
        k.candI = tail ? intersect(candI, tail.iFound.items) : EMPTY;
        k.candS = tail ? intersect(candS, tail.sFound.items) : EMPTY;
        if (k.candI.length || k.candS.length) next.push(k);
      };
      for (const p of counted) {
        const c = this.candidates(p.elements, p.lastSize, p.iFound, p.sFound);
        p.iKids.forEach((k, j) => prune(k, c.i[j]!));
        p.sKids.forEach((k, j) => prune(k, c.s[j]!));
      }
      counted = next;
    }
    for (const r of roots) {
      this.patItems.push(r.item);
      this.patOpens.push(true);
      this.emitTree(r, this.emit(r.support, -1), -1);
      this.patItems.pop();
      this.patOpens.pop();
    }
  }

  /** The node of k's pattern without its first item, or null if that is not frequent. */
  withoutFirst(roots: readonly Node[], k: Node): Node | null {
    const path: Node[] = [];
    for (let q: Node | null = k; q; q = q.parent) path.push(q);
    path.reverse();
    if (path.length < 2) return null;
    let node: Node | undefined = roots[this.bitOf[path[1]!.item]!];
    for (let j = 2; node && j < path.length; j++) {
      const step = path[j]!;
      const found: Kids = step.lastSize === 1 ? node.sFound : node.iFound;
      const at = lowerBound(found.items, step.item);
      node = found.items[at] === step.item ? (step.lastSize === 1 ? node.sKids : node.iKids)[at] : undefined;
    }
    return node ?? null;
  }

  /** Emits the descendants of a node, depth first (itemset extensions, then sequence extensions). */
  emitTree(p: Node, self: number, prefix: number): void {
    for (const k of p.iKids) {
      this.patItems.push(k.item);
      this.patOpens.push(false);
      this.emitTree(k, this.emit(k.support, prefix), prefix);
      this.patItems.pop();
      this.patOpens.pop();
    }
    for (const k of p.sKids) {
      this.patItems.push(k.item);
      this.patOpens.push(true);
      this.emitTree(k, this.emit(k.support, self), self);
      this.patItems.pop();
      this.patOpens.pop();
    }
  }

  /** Counts the candidates of the nodes `counted` in one pass over the customers, and adds their frequent extensions to the tree. */
  countLevel(roots: readonly Node[], counted: readonly Node[]): void {
    const { st, first, bitItems, words } = this;
    counted.forEach((p, s) => (p.slot = s));
    this.prepare(
      counted.map((p) => p.candI),
      counted.map((p) => p.candS),
      counted.map((p) => p.support),
    );
    // The nodes on the way to a counted one that still has candidates.
    let rootOf: Array<Node | undefined> = [];
    const activate = (): void => {
      const mark = ++this.sweepMark;
      for (const p of counted) {
        if (!this.hasI[p.slot] && !this.hasS[p.slot]) continue;
        for (let q: Node | null = p; q && q.mark !== mark; q = q.parent) q.mark = mark;
      }
      const down = (p: Node): void => {
        p.activeI = p.iKids.filter((k) => k.mark === mark);
        p.activeS = p.sKids.filter((k) => k.mark === mark);
        for (const k of p.activeI) down(k);
        for (const k of p.activeS) down(k);
        [p.maskI, p.rankI, p.leafI] = this.bitset(p.activeI);
        [p.maskS, p.rankS, p.leafS] = this.bitset(p.activeS);
      };
      rootOf = [];
      for (const r of roots) {
        if (r.mark !== mark) continue;
        down(r);
        rootOf[r.item] = r;
      }
    };
    activate();
    const L0 = this.level(0);
    const seen = new Uint32Array(this.itemSupport.length);
    const present: number[] = [];
    // Checkpoints for dropping hopeless candidates, about every 1/64 of the events.
    const step = Math.max(1, Math.floor(st.length / 64));
    let checkpoint = step;
    for (let c = 0; c < first.length; c++) {
      const e0 = first[c]!;
      const end = st[e0 + 2]!;
      if (e0 >= checkpoint) {
        this.drop(counted.length);
        activate();
        checkpoint = e0 + step;
      }
      if (st[e0 + 3]! > H + st[e0 + 1]!) {
        const dirOff = end + 1 + 2 * words;
        for (let q = 0, k = 0; q < words; q++) {
          for (let x = st[end + 1 + q]!; x !== 0; x &= x - 1, k++) {
            const r = rootOf[bitItems[(q << 5) | (31 - Math.clz32(x & -x))]!];
            if (!r) continue;
            let m = 0;
            for (let o = st[dirOff + k]!, oEnd = st[dirOff + k + 1]!; o < oEnd; o += 2, m++) {
              L0.ev[m] = st[o]!;
              L0.t[m] = L0.fs[m] = st[o + 1]!;
            }
            this.visit(r, 0, m, true, end);
          }
        }
      } else {
        present.length = 0;
        for (let e = e0; e < end; e += st[e + 3]!) {
          for (let j = e + H; j < e + H + st[e + 1]!; j++) {
            const y = st[j]!;
            if (seen[y] === c + 1 || !rootOf[y]) continue;
            seen[y] = c + 1;
            present.push(y);
          }
        }
        for (const y of present) {
          let m = 0;
          for (let e = e0; e < end; e += st[e + 3]!) {
            for (let j = e + H; j < e + H + st[e + 1]!; j++) {
              if (st[j]! < y) continue;
              if (st[j] === y) {
                L0.ev[m] = e;
                L0.t[m] = L0.fs[m] = st[e]!;
                m++;
              }
              break;
            }
          }
          this.visit(rootOf[y]!, 0, m, false, end);
        }
      }
    }
    for (const p of counted) {
      p.iFound = this.frequent(this.plI, p.slot, p.candI, this.candI);
      p.sFound = this.frequent(this.plS, p.slot, p.candS, this.candS);
      p.iKids = Array.from(p.iFound.items, (y, k) => new Node(y, p.iFound.support[k]!, p.elements, p.lastSize + 1, p));
      p.sKids = Array.from(p.sFound.items, (y, k) => new Node(y, p.sFound.support[k]!, p.elements + 1, 1, p));
      p.slot = -1;
      p.candI = p.candS = EMPTY;
    }
  }

  /** One customer's id-list of node p at depth d: counts p's candidates if p is counted, and goes on to p's extensions on the way to counted nodes. */
  visit(p: Node, depth: number, m: number, heavy: boolean, end: number): void {
    const { st } = this;
    const L = this.levels[depth]!;
    if (p.slot >= 0) this.count(L, m, p.slot, heavy, end);
    const ai = p.activeI;
    const as = p.activeS;
    if (ai.length === 0 && as.length === 0) return;
    this.presence(L, m, heavy, ai.length > 0, as.length > 0, end);
    const D = this.level(depth + 1);
    const { words, bitItems, useWin } = this;
    // A kid counted and not gone beyond is counted straight from the directory.
    const fuse = heavy && !useWin;
    // The active kids whose items the customer has where they could follow, ascending: the
    // bits of presence ∧ mask, each kid found by its rank in the mask.
    for (let g = 0; g < 2; g++) {
      const kids = g === 0 ? ai : as;
      if (kids.length === 0) continue;
      const pres = g === 0 ? L.presI : L.presS;
      const mask = g === 0 ? p.maskI : p.maskS;
      const ranks = g === 0 ? p.rankI : p.rankS;
      const leaf = g === 0 ? p.leafI : p.leafS;
      for (let q = 0; q < words; q++) {
        let x = pres[q]! & mask[q]!;
        while (x !== 0) {
          const low = x & -x;
          x ^= low;
          const i = ranks[q]! + popcount(mask[q]! & (low - 1));
          const b = (q << 5) | (31 - Math.clz32(low));
          const y = bitItems[b]!;
          let oa = 0;
          let ob = 0;
          if (heavy) {
            const k = this.rank(end, b);
            oa = st[end + 1 + 2 * words + k]!;
            ob = st[end + 2 + 2 * words + k]!;
            if (fuse && leaf[i]! >= 0) {
              const s = leaf[i]!;
              if (this.hasI[s] || this.hasS[s]) {
                if (g === 0) this.countItemsetKid(L, m, oa, ob, s);
                else this.countSequenceKid(L, oa, ob, s);
              }
              continue;
            }
          }
          const m2 = g === 0 ? this.deriveItemset(L, m, y, heavy, oa, ob, D) : this.deriveSequence(L, m, y, heavy, end, oa, ob, D);
          if (m2 > 0) this.visit(kids[i]!, depth + 1, m2, heavy, end);
        }
      }
    }
  }

  // ---- One customer's id-lists and counts ----

  /** The bitset of the nodes' items (ascending), the number of them below each word, and the slot of each counted one without active kids (else −1). */
  bitset(nodes: readonly Node[]): [Int32Array, Int32Array, Int32Array] {
    const { words, bitOf } = this;
    const bits = new Int32Array(words);
    const ranks = new Int32Array(words);
    const leaf = new Int32Array(nodes.length);
    nodes.forEach((k, i) => {
      bits[bitOf[k.item]! >>> 5]! |= 1 << (bitOf[k.item]! & 31);
      leaf[i] = k.slot >= 0 && k.activeI.length === 0 && k.activeS.length === 0 ? k.slot : -1;
    });
    for (let q = 1; q < words; q++) ranks[q] = ranks[q - 1]! + popcount(bits[q - 1]!);
    return [bits, ranks, leaf];
  }

  /** The index, among a heavy customer's items, of the item with bit b (which it has); its directory is at `end`. */
  rank(end: number, b: number): number {
    const q = b >>> 5;
    return this.st[end + 1 + this.words + q]! + popcount(this.st[end + 1 + q]! & ~(-1 << (b & 31)));
  }

  /**
   * The items that may extend L's pattern at one customer: those in its events (presI), and
   * those in the union of their windows (presS: for a heavy customer from the window bitsets,
   * else by a scan of the later events). Without maxwin, also the ranges of days a sequence
   * extension can fall on.
   */
  presence(L: Level, m: number, heavy: boolean, needI: boolean, needS: boolean, end: number): void {
    const { st, bitOf, words, gapW, useWin } = this;
    const { mingap, maxgap } = this.lim;
    if (needS && !useWin) {
      let n = 0;
      for (let k = 0; k < m; k++) {
        const lo = L.t[k]! + mingap;
        const hi = L.t[k]! + maxgap;
        if (n > 0 && lo <= L.rHi[n - 1]! + 1) L.rHi[n - 1] = hi;
        else {
          L.rLo[n] = lo;
          L.rHi[n++] = hi;
        }
      }
      L.ranges = n;
    }
    if (needS && !heavy) {
      const pres = L.presS;
      for (let q = 0; q < words; q++) pres[q] = 0;
      this.scanAfter(L, m, end, pres);
    }
    if (needI) {
      const pres = L.presI;
      for (let q = 0; q < words; q++) pres[q] = 0;
      for (let k = 0; k < m; k++) {
        const e = L.ev[k]!;
        for (let j = e + H, jEnd = e + H + st[e + 1]!; j < jEnd; j++) {
          const b = bitOf[st[j]!]!;
          pres[b >>> 5]! |= 1 << (b & 31);
        }
      }
    }
    if (needS && heavy) {
      const pres = L.presS;
      for (let q = 0; q < words; q++) pres[q] = 0;
      for (let k = 0, kEnd = gapW === Infinity ? 1 : m; k < kEnd; k++) {
        const e = L.ev[k]!;
        const wb = e + H + st[e + 1]!;
        for (let q = 0; q < words; q++) pres[q]! |= st[wb + q]!;
      }
    }
  }

  /** Itemset extension by y: the events of L (m of them) that hold y, into D; their number. oa … ob: y's (event, time) pairs if heavy. */
  deriveItemset(L: Level, m: number, y: number, heavy: boolean, oa: number, ob: number, D: Level): number {
    const { st, useWin } = this;
    let n = 0;
    if (heavy) {
      let k = 0;
      for (let o = oa; o < ob && k < m; o += 2) {
        const e = st[o]!;
        while (k < m && L.ev[k]! < e) k++;
        if (k < m && L.ev[k] === e) {
          D.ev[n] = e;
          D.t[n] = L.t[k]!;
          if (useWin) D.fs[n] = L.fs[k]!;
          n++;
        }
      }
    } else {
      for (let k = 0; k < m; k++) {
        const e = L.ev[k]!;
        for (let j = e + H, jEnd = e + H + st[e + 1]!; j < jEnd; j++) {
          if (st[j]! < y) continue;
          if (st[j] === y) {
            D.ev[n] = e;
            D.t[n] = L.t[k]!;
            if (useWin) D.fs[n] = L.fs[k]!;
            n++;
          }
          break;
        }
      }
    }
    return n;
  }

  /**
   * Sequence extension by y: the events holding y that the last event of L at least mingap
   * days before reaches within maxgap (and maxwin), into D; their number. Once the last event
   * of L is too far behind, so are all later events.
   */
  deriveSequence(L: Level, m: number, y: number, heavy: boolean, end: number, oa: number, ob: number, D: Level): number {
    const { st, useWin } = this;
    const { mingap, maxgap, maxwin } = this.lim;
    const t0 = L.t[0]!;
    let n = 0;
    let p = 0;
    if (heavy && !useWin) {
      // Through the ranges of days: each occurrence of y is in one or not.
      const nR = L.ranges;
      const a = this.firstFrom(oa, ob, L.rLo[0]!);
      let r = 0;
      for (let o = a; o < ob; o += 2) {
        const t2 = st[o + 1]!;
        while (t2 > L.rHi[r]!) if (++r === nR) return n;
        if (t2 < L.rLo[r]!) continue;
        D.ev[n] = st[o]!;
        D.t[n] = t2;
        n++;
      }
    } else if (heavy) {
      for (let o = this.firstFrom(oa, ob, t0 + mingap); o < ob; o += 2) {
        const t2 = st[o + 1]!;
        const tMax = t2 - mingap;
        while (p + 1 < m && L.t[p + 1]! <= tMax) p++;
        if (t2 - L.t[p]! > maxgap || (useWin && t2 - L.fs[p]! > maxwin)) {
          if (p === m - 1) break;
          continue;
        }
        D.ev[n] = st[o]!;
        D.t[n] = t2;
        if (useWin) D.fs[n] = L.fs[p]!;
        n++;
      }
    } else {
      const e0 = L.ev[0]!;
      for (let e2 = e0 + st[e0 + 3]!; e2 < end; e2 += st[e2 + 3]!) {
        const t2 = st[e2]!;
        const tMax = t2 - mingap;
        if (t0 > tMax) continue;
        while (p + 1 < m && L.t[p + 1]! <= tMax) p++;
        if (t2 - L.t[p]! > maxgap || (useWin && t2 - L.fs[p]! > maxwin)) {
          if (p === m - 1) break;
          continue;
        }
        for (let j = e2 + H, jEnd = e2 + H + st[e2 + 1]!; j < jEnd; j++) {
          if (st[j]! < y) continue;
          if (st[j] === y) {
            D.ev[n] = e2;
            D.t[n] = t2;
            if (useWin) D.fs[n] = L.fs[p]!;
            n++;
          }
          break;
        }
      }
    }
    return n;
  }

  /** The first of the (event, time) pairs st[oa … ob − 1] whose time is ≥ tMin, or ob. */
  firstFrom(oa: number, ob: number, tMin: number): number {
    const { st } = this;
    if (ob - oa <= 32) {
      while (oa < ob && st[oa + 1]! < tMin) oa += 2;
      return oa;
    }
    while (oa < ob) {
      const mid = oa + (((ob - oa) >>> 2) << 1);
      if (st[mid + 1]! < tMin) oa = mid + 2;
      else ob = mid;
    }
    return oa;
  }

  /**
   * Counts, without maxwin, the candidates of the itemset kid slot s held by a heavy customer:
   * the kid's events are those of L holding its item, oa … ob its (event, time) pairs.
   */
  countItemsetKid(L: Level, m: number, oa: number, ob: number, s: number): void {
    const { st, accI, accS, words, bitOf, gapW } = this;
    const withI = this.hasI[s] === 1;
    const withS = this.hasS[s] === 1;
    for (let q = 0; q < words; q++) accI[q] = accS[q] = 0;
    let n = 0;
    for (let o = oa, k = 0; o < ob && k < m; o += 2) {
      const e = st[o]!;
      while (k < m && L.ev[k]! < e) k++;
      if (k === m || L.ev[k] !== e) continue;
      if (withI) {
        for (let j = e + H, jEnd = e + H + st[e + 1]!; j < jEnd; j++) {
          const b = bitOf[st[j]!]!;
          accI[b >>> 5]! |= 1 << (b & 31);
        }
      }
      if (withS && (n === 0 || gapW !== Infinity)) {
        const wb = e + H + st[e + 1]!;
        for (let q = 0; q < words; q++) accS[q]! |= st[wb + q]!;
      }
      n++;
    }
    if (n === 0) return;
    this.left[s]!--;
    if (withI) this.add(this.plI, s, this.candI, accI);
    if (withS) this.add(this.plS, s, this.candS, accS);
  }

  /**
   * Counts, without maxwin, the candidates of the sequence kid slot s held by a heavy customer:
   * the kid's events are its item's (pairs oa … ob) on the days of L's ranges.
   */
  countSequenceKid(L: Level, oa: number, ob: number, s: number): void {
    const { st, accI, accS, words, bitOf, gapW } = this;
    const withI = this.hasI[s] === 1;
    const withS = this.hasS[s] === 1;
    for (let q = 0; q < words; q++) accI[q] = accS[q] = 0;
    const nR = L.ranges;
    let n = 0;
    for (let o = this.firstFrom(oa, ob, L.rLo[0]!), r = 0; o < ob; o += 2) {
      const t2 = st[o + 1]!;
      while (r < nR && t2 > L.rHi[r]!) r++;
      if (r === nR) break;
      if (t2 < L.rLo[r]!) continue;
      const e = st[o]!;
      if (withI) {
        for (let j = e + H, jEnd = e + H + st[e + 1]!; j < jEnd; j++) {
          const b = bitOf[st[j]!]!;
          accI[b >>> 5]! |= 1 << (b & 31);
        }
      }
      if (withS && (n === 0 || gapW !== Infinity)) {
        const wb = e + H + st[e + 1]!;
        for (let q = 0; q < words; q++) accS[q]! |= st[wb + q]!;
      }
      n++;
    }
    if (n === 0) return;
    this.left[s]!--;
    if (withI) this.add(this.plI, s, this.candI, accI);
    if (withS) this.add(this.plS, s, this.candS, accS);
  }

  /** Sets the candidate bitsets of slots 0 … cI.length − 1 (patterns of the given supports) and makes room for their counters. */
  prepare(cI: readonly Uint32Array[], cS: readonly Uint32Array[], supports: ArrayLike<number>): void {
    const { words, bitOf } = this;
    const slots = cI.length;
    const plane = this.planes * words;
    if (this.plI.length < slots * plane) {
      this.plI = new Int32Array(slots * plane);
      this.plS = new Int32Array(slots * plane);
    }
    if (this.candI.length < slots * words) {
      this.candI = new Int32Array(slots * words);
      this.candS = new Int32Array(slots * words);
      this.hasI = new Uint8Array(slots);
      this.hasS = new Uint8Array(slots);
      this.left = new Int32Array(slots);
    }
    const { candI, candS } = this;
    candI.fill(0, 0, slots * words);
    candS.fill(0, 0, slots * words);
    for (let s = 0; s < slots; s++) {
      for (const y of cI[s]!) candI[s * words + (bitOf[y]! >>> 5)]! |= 1 << (bitOf[y]! & 31);
      for (const y of cS[s]!) candS[s * words + (bitOf[y]! >>> 5)]! |= 1 << (bitOf[y]! & 31);
      this.hasI[s] = cI[s]!.length > 0 ? 1 : 0;
      this.hasS[s] = cS[s]!.length > 0 ? 1 : 0;
      this.left[s] = supports[s]!;
    }
  }

  /**
   * Drops the candidates that can no longer be frequent: a slot's pattern has `left` customers
   * still to come, so a candidate counted c times ends below minCount when c < minCount − left.
   * The test is bit-parallel (see `atLeast`).
   */
  drop(slots: number): void {
    const { words, hasI, hasS, left, candI, candS, plI, plS } = this;
    for (let s = 0; s < slots; s++) {
      if (!hasI[s] && !hasS[s]) continue;
      const least = this.lim.minCount - left[s]!;
      if (least <= 0) continue;
      for (let g = 0; g < 2; g++) {
        if (!(g === 0 ? hasI : hasS)[s]) continue;
        const cands = g === 0 ? candI : candS;
        let any = 0;
        for (let q = 0; q < words; q++) {
          const c = cands[s * words + q]!;
          if (c === 0) continue;
          cands[s * words + q] = c & this.atLeast(g === 0 ? plI : plS, s, q, least);
          any |= cands[s * words + q]!;
        }
        if (any === 0) (g === 0 ? hasI : hasS)[s] = 0;
      }
    }
  }

  /**
   * The lanes of word q of slot s's bit-sliced counters that hold at least k: from the top plane
   * down, a count first exceeds k where it has a 1 and k a 0, or equals k throughout.
   */
  atLeast(pl: Int32Array, s: number, q: number, k: number): number {
    const { planes, words } = this;
    if (k >= 2 ** planes) return 0;
    const base = (s * words + q) * planes;
    let gt = 0;
    let eq = -1;
    for (let p = planes - 1; p >= 0; p--) {
      const x = pl[base + p]!;
      if ((k / 2 ** p) & 1) eq &= x;
      else {
        gt |= eq & x;
        eq &= ~x;
      }
    }
    return gt | eq;
  }

  /** The candidates of slot s (items cand, bitset in cands) whose counts reach minCount, ascending, with their counts; clears the slot's counters. */
  frequent(pl: Int32Array, s: number, cand: Uint32Array, cands: Int32Array): Kids {
    const { planes, words, bitItems } = this;
    const { minCount } = this.lim;
    const base = s * planes * words;
    const found: number[] = [];
    const counts: number[] = [];
    if (cand.length > 0) {
      for (let q = 0; q < words; q++) {
        let ge = this.atLeast(pl, s, q, minCount) & cands[s * words + q]!;
        while (ge !== 0) {
          const low = ge & -ge;
          const b = 31 - Math.clz32(low);
          let c = 0;
          for (let p = 0; p < planes; p++) c += ((pl[base + q * planes + p]! >>> b) & 1) * 2 ** p;
          found.push(bitItems[(q << 5) | b]!);
          counts.push(c);
          ge ^= low;
        }
      }
    }
    pl.fill(0, base, base + planes * words);
    return { items: Uint32Array.from(found), support: Uint32Array.from(counts) };
  }

  /** Counts slot s's candidates held by one customer after L's pattern (m events). */
  count(L: Level, m: number, s: number, heavy: boolean, end: number): void {
    this.left[s]!--;
    if (this.hasI[s]) this.countItemset(L, m, s);
    if (this.hasS[s]) this.countSequence(L, m, s, heavy, end);
  }

  /** Adds one to the counters in pl of slot s's candidates (bitset cands) that are in acc: a ripple-carry add over the planes. */
  add(pl: Int32Array, s: number, cands: Int32Array, acc: Int32Array): void {
    const { words } = this;
    const planes = this.planes;
    for (let q = 0; q < words; q++) {
      let x = acc[q]! & cands[s * words + q]!;
      for (let i = (s * words + q) * planes; x !== 0; i++) {
        const carry = pl[i]! & x;
        pl[i]! ^= x;
        x = carry;
      }
    }
  }

  /** Counts slot s's itemset candidates held by L's events. */
  countItemset(L: Level, m: number, s: number): void {
    const { st, acc, words, bitOf } = this;
    for (let q = 0; q < words; q++) acc[q] = 0;
    for (let i = 0; i < m; i++) {
      const e = L.ev[i]!;
      for (let j = e + H, jEnd = e + H + st[e + 1]!; j < jEnd; j++) {
        const b = bitOf[st[j]!]!;
        acc[b >>> 5]! |= 1 << (b & 31);
      }
    }
    this.add(this.plI, s, this.candI, acc);
  }

  /**
   * Counts slot s's sequence candidates held by one customer after L's events: the union of
   * their window bitsets when the customer is heavy and maxwin cuts no window short, else a
   * scan of the later events.
   */
  countSequence(L: Level, m: number, s: number, heavy: boolean, end: number): void {
    const { st, acc, words, gapW, useWin } = this;
    const { maxwin } = this.lim;
    for (let q = 0; q < words; q++) acc[q] = 0;
    let exact = heavy;
    if (exact && useWin) {
      for (let i = 0; i < m; i++) {
        if (L.fs[i]! + maxwin < L.t[i]! + gapW) {
          exact = false;
          break;
        }
      }
    }
    if (exact) {
      // Without a window limit the first event's window holds every later one's.
      for (let i = 0, last = gapW === Infinity ? 1 : m; i < last; i++) {
        const e = L.ev[i]!;
        const wb = e + H + st[e + 1]!;
        for (let q = 0; q < words; q++) acc[q]! |= st[wb + q]!;
      }
    } else this.scanAfter(L, m, end, acc);
    this.add(this.plS, s, this.candS, acc);
  }

  /** Adds to the bitset `bits` the items of the events after L's (m of them) that can follow them. */
  scanAfter(L: Level, m: number, end: number, bits: Int32Array): void {
    const { st, bitOf, useWin } = this;
    const { mingap, maxgap, maxwin } = this.lim;
    let p = 0;
    const e0 = L.ev[0]!;
    const t0 = L.t[0]!;
    for (let e2 = e0 + st[e0 + 3]!; e2 < end; e2 += st[e2 + 3]!) {
      const t2 = st[e2]!;
      const tMax = t2 - mingap;
      if (t0 > tMax) continue;
      while (p + 1 < m && L.t[p + 1]! <= tMax) p++;
      if (t2 - L.t[p]! > maxgap || (useWin && t2 - L.fs[p]! > maxwin)) {
        if (p === m - 1) break;
        continue;
      }
      for (let j = e2 + H, jEnd = e2 + H + st[e2 + 1]!; j < jEnd; j++) {
        const b = bitOf[st[j]!]!;
        bits[b >>> 5]! |= 1 << (b & 31);
      }
    }
  }
}

/** Pattern i as lists of item ids, one list per element. */
export function sequenceElements(s: FrequentSequences, i: number): number[][] {
  const out: number[][] = [];
  for (let k = s.patternOffsets[i]!; k < s.patternOffsets[i + 1]!; k++) out.push([...s.items.subarray(s.elementOffsets[k]!, s.elementOffsets[k + 1]!)]);
  return out;
}

/** Pattern i written as arulesSequences prints it, e.g. "<{D},{B,F},{A}>"; labels default to the item ids. */
export function sequenceLabel(s: FrequentSequences, i: number, labels?: readonly string[]): string {
  return `<${sequenceElements(s, i)
    .map((el) => `{${el.map((y) => labels?.[y] ?? String(y)).join(",")}}`)
    .join(",")}>`;
}
