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

/** A growable log of (item, event, latest start) triples, reused from node to node. */
class ExtensionLog {
  item = new Uint32Array(1024);
  event = new Uint32Array(1024);
  first: Int32Array;
  n = 0;
  constructor(readonly withFirst: boolean) {
    this.first = new Int32Array(withFirst ? 1024 : 0);
  }
  add(y: number, e: number, f: number): void {
    if (this.n === this.item.length) this.grow();
    this.item[this.n] = y;
    this.event[this.n] = e;
    if (this.withFirst) this.first[this.n] = f;
    this.n++;
  }
  grow(): void {
    const m = this.item.length * 2;
    const item = new Uint32Array(m);
    const event = new Uint32Array(m);
    item.set(this.item);
    event.set(this.event);
    this.item = item;
    this.event = event;
    if (this.withFirst) {
      const first = new Int32Array(m);
      first.set(this.first);
      this.first = first;
    }
  }
}

class U32Buffer {
  a = new Uint32Array(1024);
  n = 0;
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

class Miner {
  // The database without infrequent items and without events left empty, as one stream so that
  // a customer's history is contiguous in memory: each event is [time, n, end, item₁ … item_n],
  // end being where the customer's last event ends. Events are known by their offset.
  readonly st: Int32Array;
  readonly itemSupport: Uint32Array;
  readonly useWin: boolean;
  // Per-item scratch for counting extensions (I: itemset, S: sequence).
  readonly iStamp: Uint32Array;
  readonly sStamp: Uint32Array;
  readonly iCust: Uint32Array;
  readonly sCust: Uint32Array;
  readonly iEnt: Uint32Array;
  readonly sEnt: Uint32Array;
  readonly iPos: Int32Array;
  readonly sPos: Int32Array;
  readonly iTouched: Uint32Array;
  readonly sTouched: Uint32Array;
  stamp = 0;
  // Candidate marks: item y may extend the node being scanned when its mark is the node's number.
  readonly iMark: Uint32Array;
  readonly sMark: Uint32Array;
  node = 0;
  // For each frequent item x, the items y with <{x, y}> (y > x) and <{x}, {y}> frequent.
  readonly pairI: Uint32Array[] = [];
  readonly pairS: Uint32Array[] = [];
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
    const { customerOffsets: co, eventOffsets: eo, items } = db;
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
    let size = 0;
    for (let e = 0; e < db.eventTimes.length; e++) {
      let k = 0;
      for (let j = eo[e]!; j < eo[e + 1]!; j++) if (support[items[j]!]! >= lim.minCount) k++;
      if (k) size += 3 + k;
    }
    if (size >= 2 ** 31) throw new RangeError("the database is too large for one run: split the customers");
    const st = new Int32Array(size);
    let w = 0;
    for (let c = 0; c < customers; c++) {
      const first = w;
      for (let e = co[c]!; e < co[c + 1]!; e++) {
        const head = w;
        w += 3;
        for (let j = eo[e]!; j < eo[e + 1]!; j++) if (support[items[j]!]! >= lim.minCount) st[w++] = items[j]!;
        if (w === head + 3) w = head;
        else {
          st[head] = db.eventTimes[e]!;
          st[head + 1] = w - head - 3;
        }
      }
      for (let e = first; e < w; e += 3 + st[e + 1]!) st[e + 2] = w;
    }
    this.st = st;
    this.itemSupport = support;
    this.useWin = lim.maxwin !== Infinity;
    this.iStamp = new Uint32Array(n);
    this.sStamp = new Uint32Array(n);
    this.iCust = new Uint32Array(n);
    this.sCust = new Uint32Array(n);
    this.iEnt = new Uint32Array(n);
    this.sEnt = new Uint32Array(n);
    this.iPos = new Int32Array(n).fill(-1);
    this.sPos = new Int32Array(n).fill(-1);
    this.iTouched = new Uint32Array(n);
    this.sTouched = new Uint32Array(n);
    this.iMark = new Uint32Array(n);
    this.sMark = new Uint32Array(n);
    this.iLog = new ExtensionLog(this.useWin);
    this.sLog = new ExtensionLog(this.useWin);
  }

  run(): void {
    const { st, itemSupport, lim } = this;
    const n = itemSupport.length;
    // One-item sequences: every event holding the item.
    const occ = new Uint32Array(n + 1);
    for (let e = 0; e < st.length; e += 3 + st[e + 1]!) for (let j = e + 3; j < e + 3 + st[e + 1]!; j++) occ[st[j]! + 1]!++;
    for (let y = 0; y < n; y++) occ[y + 1]! += occ[y]!;
    const ev = new Uint32Array(occ[n]!);
    const fs = this.useWin ? new Int32Array(occ[n]!) : null;
    const pos = occ.slice(0, n);
    for (let e = 0; e < st.length; e += 3 + st[e + 1]!) {
      for (let j = e + 3; j < e + 3 + st[e + 1]!; j++) {
        const p = pos[st[j]!]!++;
        ev[p] = e;
        if (fs) fs[p] = st[e]!;
      }
    }
    const frequent: number[] = [];
    for (let y = 0; y < n; y++) if (itemSupport[y]! >= lim.minCount) frequent.push(y);
    const all = Uint32Array.from(frequent);
    const list = (y: number) => [ev.subarray(occ[y]!, occ[y + 1]!), fs ? fs.subarray(occ[y]!, occ[y + 1]!) : null] as const;
    // The frequent two-item patterns <{x, y}> and <{x}, {y}>, from which any frequent pattern's
    // last items must come (a pattern holds the pattern of its last two items).
    for (let k = 0; k < all.length; k++) {
      const x = all[k]!;
      const [xev, xfs] = list(x);
      const iCand = lim.maxsize > 1 ? all.subarray(k + 1) : EMPTY;
      const sCand = lim.maxlen > 1 ? all : EMPTY;
      this.mark(iCand, sCand);
      this.scan(xev, xfs, iCand.length > 0, sCand.length > 0, false);
      this.pairI[x] = this.frequentKids(this.iTouched, this.iCust, this.iEnt, this.iPos, this.iTouchedCount, false).items;
      this.pairS[x] = this.frequentKids(this.sTouched, this.sCust, this.sEnt, this.sPos, this.sTouchedCount, false).items;
    }
    for (const x of all) {
      this.patItems.push(x);
      this.patOpens.push(true);
      const self = this.emit(itemSupport[x]!, -1);
      const [xev, xfs] = list(x);
      this.expand(xev, xfs, 1, 1, self, -1, this.pairI[x]!, this.pairS[x]!);
      this.patItems.pop();
      this.patOpens.pop();
    }
  }

  /** Marks the candidate extensions of the node about to be scanned. */
  mark(iCand: Uint32Array, sCand: Uint32Array): void {
    if (this.node === 0xfffffffe) {
      this.iMark.fill(0);
      this.sMark.fill(0);
      this.node = 0;
    }
    const node = ++this.node;
    for (let k = 0; k < iCand.length; k++) this.iMark[iCand[k]!] = node;
    for (let k = 0; k < sCand.length; k++) this.sMark[sCand[k]!] = node;
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

  nextStamp(): number {
    if (this.stamp === 0xfffffffe) {
      this.iStamp.fill(0);
      this.sStamp.fill(0);
      this.stamp = 0;
    }
    return ++this.stamp;
  }

  /**
   * Grows the pattern whose id-list is (ev, fs): ev the events where it can end, ascending;
   * fs their latest start times (maxwin only). iCand and sCand (ascending) hold the only items
   * that can extend it: an extension holds, with the same times, the pattern with the added
   * item in place of the last item (itemset extension; sequence extension after an itemset
   * one, or after a sequence one without maxgap), and the pattern of its last two items.
   */
  expand(ev: Uint32Array, fs: Int32Array | null, elements: number, lastSize: number, self: number, prefix: number, iCand: Uint32Array, sCand: Uint32Array): void {
    if (lastSize >= this.lim.maxsize) iCand = EMPTY;
    if (elements >= this.lim.maxlen) sCand = EMPTY;
    if (iCand.length === 0 && sCand.length === 0) return;
    this.mark(iCand, sCand);
    this.scan(ev, fs, iCand.length > 0, sCand.length > 0, true);
    const iKids = this.frequentKids(this.iTouched, this.iCust, this.iEnt, this.iPos, this.iTouchedCount, true);
    const sKids = this.frequentKids(this.sTouched, this.sCust, this.sEnt, this.sPos, this.sTouchedCount, true);
    if (iKids.items.length === 0 && sKids.items.length === 0) return;
    const iEv = new Uint32Array(iKids.total);
    const sEv = new Uint32Array(sKids.total);
    const iFs = fs ? new Int32Array(iKids.total) : null;
    const sFs = fs ? new Int32Array(sKids.total) : null;
    this.spread(this.iLog, iEv, iFs, this.iPos);
    this.spread(this.sLog, sEv, sFs, this.sPos);
    for (const y of iKids.items) this.iPos[y] = -1;
    for (const y of sKids.items) this.sPos[y] = -1;

    const gapFree = this.lim.maxgap === Infinity;
    for (let k = 0; k < iKids.items.length; k++) {
      const y = iKids.items[k]!;
      const a = iKids.offsets[k]!;
      const b = iKids.offsets[k + 1]!;
      this.patItems.push(y);
      this.patOpens.push(false);
      const index = this.emit(iKids.support[k]!, prefix);
      const nextI = intersect(iKids.items.subarray(k + 1), this.pairI[y]!);
      const nextS = intersect(sKids.items, this.pairS[y]!);
      this.expand(iEv.subarray(a, b), iFs ? iFs.subarray(a, b) : null, elements, lastSize + 1, index, prefix, nextI, nextS);
      this.patItems.pop();
      this.patOpens.pop();
    }
    for (let k = 0; k < sKids.items.length; k++) {
      const y = sKids.items[k]!;
      const a = sKids.offsets[k]!;
      const b = sKids.offsets[k + 1]!;
      this.patItems.push(y);
      this.patOpens.push(true);
      const index = this.emit(sKids.support[k]!, self);
      const nextI = intersect(sKids.items.subarray(k + 1), this.pairI[y]!);
      const nextS = gapFree ? intersect(sKids.items, this.pairS[y]!) : this.pairS[y]!;
      this.expand(sEv.subarray(a, b), sFs ? sFs.subarray(a, b) : null, elements + 1, 1, index, self, nextI, nextS);
      this.patItems.pop();
      this.patOpens.pop();
    }
  }

  iTouchedCount = 0;
  sTouchedCount = 0;
  // What the last scan saw: every (item, event, latest start) of a candidate extension.
  readonly iLog: ExtensionLog;
  readonly sLog: ExtensionLog;

  /** Copies the logged events of the items with a slot into their id-lists, in order. */
  spread(log: ExtensionLog, ev: Uint32Array, fs: Int32Array | null, pos: Int32Array): void {
    const { item, event, first, n } = log;
    for (let t = 0; t < n; t++) {
      const y = item[t]!;
      const p = pos[y]!;
      if (p < 0) continue;
      ev[p] = event[t]!;
      if (fs) fs[p] = first[t]!;
      pos[y] = p + 1;
    }
  }

  /** The touched items with enough customers (ascending), their id-list slots; resets the counters. */
  frequentKids(touched: Uint32Array, cust: Uint32Array, ent: Uint32Array, pos: Int32Array, nTouched: number, slots: boolean): { items: Uint32Array; support: Uint32Array; offsets: Uint32Array; total: number } {
    let k = 0;
    for (let i = 0; i < nTouched; i++) if (cust[touched[i]!]! >= this.lim.minCount) k++;
    const kids = new Uint32Array(k);
    k = 0;
    for (let i = 0; i < nTouched; i++) if (cust[touched[i]!]! >= this.lim.minCount) kids[k++] = touched[i]!;
    kids.sort();
    const support = new Uint32Array(k);
    const offsets = new Uint32Array(k + 1);
    for (let i = 0; i < k; i++) {
      const y = kids[i]!;
      support[i] = cust[y]!;
      if (slots) pos[y] = offsets[i]!;
      offsets[i + 1] = offsets[i]! + ent[y]!;
    }
    for (let i = 0; i < nTouched; i++) {
      cust[touched[i]!] = 0;
      ent[touched[i]!] = 0;
    }
    return { items: kids, support, offsets, total: offsets[k]! };
  }

  /**
   * One pass over the customers of an id-list: counts the customers and events of every
   * candidate extension and (log true) logs each (item, event, latest start) it sees.
   */
  scan(ev: Uint32Array, fs: Int32Array | null, canI: boolean, canS: boolean, log: boolean): void {
    const { st, iStamp, sStamp, iCust, sCust, iEnt, sEnt, iTouched, sTouched, iMark, sMark, node, iLog, sLog } = this;
    const { mingap, maxgap, maxwin } = this.lim;
    iLog.n = 0;
    sLog.n = 0;
    let nIT = 0;
    let nST = 0;
    const n = ev.length;
    for (let g0 = 0; g0 < n; ) {
      // The entries g0 … g1 − 1 are one customer's, whose history ends at `end`.
      const e0 = ev[g0]!;
      const end = st[e0 + 2]!;
      let g1 = g0 + 1;
      while (g1 < n && ev[g1]! < end) g1++;
      const s = this.nextStamp();
      if (canI) {
        for (let k = g0; k < g1; k++) {
          const e = ev[k]!;
          for (let j = e + 3, jEnd = e + 3 + st[e + 1]!; j < jEnd; j++) {
            const y = st[j]!;
            if (iMark[y] !== node) continue;
            iEnt[y]!++;
            if (iStamp[y] !== s) {
              iStamp[y] = s;
              if (iCust[y]!++ === 0) iTouched[nIT++] = y;
            }
            if (log) iLog.add(y, e, fs ? fs[k]! : 0);
          }
        }
      }
      if (canS) {
        let p = g0;
        let tp = st[e0]!;
        for (let e2 = e0 + 3 + st[e0 + 1]!; e2 < end; e2 += 3 + st[e2 + 1]!) {
          const t2 = st[e2]!;
          const tMax = t2 - mingap;
          if (tp > tMax) continue;
          while (p + 1 < g1 && st[ev[p + 1]!]! <= tMax) tp = st[ev[++p]!]!;
          const last = p === g1 - 1;
          if (t2 - tp > maxgap) {
            if (last) break;
            continue;
          }
          let first = 0;
          if (fs) {
            first = fs[p]!;
            if (t2 - first > maxwin) {
              if (last) break;
              continue;
            }
          }
          for (let j = e2 + 3, jEnd = e2 + 3 + st[e2 + 1]!; j < jEnd; j++) {
            const y = st[j]!;
            if (sMark[y] !== node) continue;
            sEnt[y]!++;
            if (sStamp[y] !== s) {
              sStamp[y] = s;
              if (sCust[y]!++ === 0) sTouched[nST++] = y;
            }
            if (log) sLog.add(y, e2, first);
          }
        }
      }
      g0 = g1;
    }
    this.iTouchedCount = nIT;
    this.sTouchedCount = nST;
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
