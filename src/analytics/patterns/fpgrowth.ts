/**
 * Frequent itemsets by FP-growth: Han, Pei & Yin (2000), "Mining frequent patterns without
 * candidate generation", SIGMOD 2000, 1–12 (journal version: Han, Pei, Yin & Mao 2004, Data
 * Mining and Knowledge Discovery 8, 53–87). Definitions in docs/baskets.md.
 *
 * A transaction is a set of item ids 0 … itemCount − 1; an item repeated inside one
 * transaction counts once. The count of an itemset X is the number of the n transactions
 * that contain every item of X, its support count / n. X is frequent when count ≥ minCount.
 * A fractional threshold is turned into a count by the definition support ≥ minSupport:
 *
 *   minCount = the smallest c ≥ 1 with c / n ≥ minSupport (c / n evaluated in double, as the
 *   support itself is) = ⌈minSupport · n⌉ without the rounding error of the product.
 *
 * So 0.001 of 9,835 baskets is 10, 0.005 is 50, 0.01 is 99, as arules (C code: ⌈n · supp⌉)
 * and mlxtend (⌈min_support · n⌉) compute them. They differ only where the product in
 * double lands just above an integer: 0.07 · 100 = 7.000000000000001, whose ceiling is 8,
 * while 7 / 100 = 0.07 meets "support ≥ 0.07"; here the count is 7.
 *
 * Algorithm (the paper's Algorithm 2, "FP-growth"): one scan counts the items; the frequent
 * ones are ranked by count (descending, then id); each transaction's frequent items, in
 * rank order, are inserted as a path of the FP-tree, shared prefixes merging and counting.
 * For each item j of a tree, least frequent first, prefix ∪ {j} is frequent with the summed
 * count of j's nodes; the paths above j's nodes (each weighted by its node's count) form
 * j's conditional pattern base, whose frequent items are re-ranked and built into the
 * conditional FP-tree that is mined for the prefix ∪ {j} in turn. Trees are typed arrays
 * (parent, item, count, node-link), one reusable tree per recursion depth, children found
 * through an open-addressing table on (parent, item); no per-node or per-transaction objects.
 * The paper's single-path shortcut is not taken: such a tree is mined like any other.
 */

export interface Transactions {
  /** Item ids are 0 … itemCount − 1. */
  itemCount: number;
  /** n + 1 offsets: transaction t holds items[offsets[t] … offsets[t + 1]). */
  offsets: Uint32Array;
  /** Item ids; an id repeated inside one transaction counts once. */
  items: Uint32Array;
}

export interface FpGrowthOptions {
  /** Minimum support as a fraction of the transactions (give this or minCount). */
  minSupport?: number;
  /** Minimum number of transactions (give this or minSupport). */
  minCount?: number;
  /** Longest itemset to report (arules' maxlen, mlxtend's max_len); unlimited by default. */
  maxLength?: number;
}

/** The smallest count c ≥ 1 with c / n ≥ minSupport (see the header). */
export function minCountFor(minSupport: number, n: number): number {
  if (!(minSupport >= 0 && minSupport <= 1)) throw new RangeError(`minSupport must lie in [0, 1], got ${minSupport}`);
  if (n <= 0) return 1;
  let c = Math.ceil(minSupport * n);
  // The product can land on either side of an integer; c / n is the support as reported.
  while (c > 1 && (c - 1) / n >= minSupport) c--;
  while (c < n && c / n < minSupport) c++;
  return Math.max(c, 1);
}

function hashItems(a: ArrayLike<number>, start: number, end: number): number {
  let h = 0x811c9dc5 ^ (end - start);
  for (let i = start; i < end; i++) h = Math.imul(h ^ a[i]!, 0x01000193);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  return (h ^ (h >>> 13)) >>> 0;
}

/**
 * Frequent itemsets, flat: itemset i holds the ascending item ids items[offsets[i] …
 * offsets[i + 1]) and occurs in counts[i] transactions. The order is that of the mining,
 * fixed for a given input.
 */
export class FrequentItemsets {
  readonly size: number;
  private index: Int32Array | null = null;

  constructor(
    readonly transactionCount: number,
    readonly minCount: number,
    readonly itemCount: number,
    readonly offsets: Uint32Array,
    readonly items: Uint32Array,
    readonly counts: Uint32Array,
  ) {
    this.size = counts.length;
  }

  /** The item ids of itemset i, ascending. */
  itemsAt(i: number): number[] {
    return Array.from(this.items.subarray(this.offsets[i]!, this.offsets[i + 1]!));
  }

  /** Position of an itemset (ids in any order), or −1 when it is not frequent. */
  indexOf(items: ArrayLike<number>): number {
    let sorted = true;
    for (let i = 1; i < items.length; i++) if (items[i - 1]! >= items[i]!) sorted = false;
    const key = sorted ? items : Uint32Array.from(new Set(Array.from(items))).sort();
    return this.indexOfRange(key, 0, key.length);
  }

  /** Count of an itemset: n for the empty set, −1 when it is not frequent (its count is below minCount). */
  countOf(items: ArrayLike<number>): number {
    if (items.length === 0) return this.transactionCount;
    const i = this.indexOf(items);
    return i < 0 ? -1 : this.counts[i]!;
  }

  /** indexOf for ascending ids key[start … end); the rules call this with a scratch buffer. */
  indexOfRange(key: ArrayLike<number>, start: number, end: number): number {
    const table = this.index ?? this.buildIndex();
    const mask = table.length - 1;
    const len = end - start;
    for (let h = hashItems(key, start, end) & mask; ; h = (h + 1) & mask) {
      const s = table[h]!;
      if (s < 0) return -1;
      const o = this.offsets[s]!;
      if (this.offsets[s + 1]! - o !== len) continue;
      let k = 0;
      while (k < len && this.items[o + k] === key[start + k]) k++;
      if (k === len) return s;
    }
  }

  private buildIndex(): Int32Array {
    let size = 16;
    while (size < 2 * this.size) size *= 2;
    const table = new Int32Array(size).fill(-1);
    for (let s = 0; s < this.size; s++) {
      let h = hashItems(this.items, this.offsets[s]!, this.offsets[s + 1]!) & (size - 1);
      while (table[h] !== -1) h = (h + 1) & (size - 1);
      table[h] = s;
    }
    this.index = table;
    return table;
  }
}

/** Hash of a tree edge (parent node, child item), mixed so that its low bits serve as a slot. */
function slot(node: number, it: number): number {
  let h = Math.imul(node, 0x9e3779b1) ^ Math.imul(it + 1, 0x85ebca6b);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  return h ^ (h >>> 13);
}

/** An FP-tree over local items 0 … k − 1 (0 the most frequent); node 0 is the root. */
class Tree {
  k = 0;
  nodes = 1;
  parent = new Int32Array(16);
  item = new Int32Array(16);
  count = new Int32Array(16);
  next = new Int32Array(16);
  head = new Int32Array(16);
  support = new Int32Array(16);
  global = new Int32Array(16);
  table = new Int32Array(32);
  mask = 31;

  reset(k: number, nodeBound: number): void {
    if (this.head.length < k) {
      const size = Math.max(k, 2 * this.head.length);
      this.head = new Int32Array(size);
      this.support = new Int32Array(size);
      this.global = new Int32Array(size);
    }
    this.k = k;
    this.head.fill(-1, 0, k);
    this.nodes = 1;
    let size = 32;
    while (size < 2 * nodeBound) size *= 2;
    if (this.table.length < size) this.table = new Int32Array(size);
    this.mask = size - 1;
    this.table.fill(-1, 0, size);
    this.reserve(nodeBound);
    this.parent[0] = -1;
    this.item[0] = -1;
  }

  /** Room for `total` nodes, the hash table kept at most half full. */
  reserve(total: number): void {
    if (total > this.parent.length) {
      const size = Math.max(total, 2 * this.parent.length);
      const grow = (a: Int32Array): Int32Array<ArrayBuffer> => {
        const b = new Int32Array(size);
        b.set(a.subarray(0, this.nodes));
        return b;
      };
      this.parent = grow(this.parent);
      this.item = grow(this.item);
      this.count = grow(this.count);
      this.next = grow(this.next);
    }
    if (2 * total > this.mask + 1) {
      let size = this.mask + 1;
      while (size < 2 * total) size *= 2;
      this.table = new Int32Array(size).fill(-1);
      this.mask = size - 1;
      for (let v = 1; v < this.nodes; v++) {
        let h = slot(this.parent[v]!, this.item[v]!) & this.mask;
        while (this.table[h] !== -1) h = (h + 1) & this.mask;
        this.table[h] = v;
      }
    }
  }

  /** Adds the path of ascending local items path[0 … len) with weight c. */
  insert(path: Int32Array, len: number, c: number): void {
    this.reserve(this.nodes + len);
    const { parent, item, count, next, head, table, mask } = this;
    let node = 0;
    for (let t = 0; t < len; t++) {
      const it = path[t]!;
      let h = slot(node, it) & mask;
      let child = table[h]!;
      while (child !== -1 && (parent[child] !== node || item[child] !== it)) {
        h = (h + 1) & mask;
        child = table[h]!;
      }
      if (child === -1) {
        child = this.nodes++;
        parent[child] = node;
        item[child] = it;
        count[child] = 0;
        next[child] = head[it]!;
        head[it] = child;
        table[h] = child;
      }
      count[child]! += c;
      node = child;
    }
  }
}

function sortAscending(a: Int32Array, len: number): void {
  if (len > 24) {
    a.subarray(0, len).sort();
    return;
  }
  for (let i = 1; i < len; i++) {
    const x = a[i]!;
    let j = i - 1;
    while (j >= 0 && a[j]! > x) {
      a[j + 1] = a[j]!;
      j--;
    }
    a[j + 1] = x;
  }
}

class Miner {
  readonly trees: Tree[] = [];
  readonly prefix: Int32Array;
  readonly condCount: Int32Array;
  readonly newLocal: Int32Array;
  readonly sel: Int32Array;
  readonly path: Int32Array;
  base = new Int32Array(1024);
  outItems = new Uint32Array(1024);
  outOffsets = new Uint32Array(256);
  outCounts = new Uint32Array(256);
  size = 0;
  used = 0;

  constructor(
    k: number,
    readonly minCount: number,
    readonly maxLength: number,
  ) {
    const room = Math.max(k, 1);
    this.prefix = new Int32Array(room + 1);
    this.condCount = new Int32Array(room);
    this.newLocal = new Int32Array(room).fill(-1);
    this.sel = new Int32Array(room);
    this.path = new Int32Array(room);
  }

  growBase(size: number): void {
    const base = new Int32Array(Math.max(size, 2 * this.base.length));
    base.set(this.base);
    this.base = base;
  }

  tree(depth: number): Tree {
    while (this.trees.length <= depth) this.trees.push(new Tree());
    return this.trees[depth]!;
  }

  emit(len: number, count: number): void {
    if (this.size + 2 > this.outCounts.length) {
      const counts = new Uint32Array(2 * this.outCounts.length);
      counts.set(this.outCounts);
      this.outCounts = counts;
      const offsets = new Uint32Array(2 * this.outOffsets.length);
      offsets.set(this.outOffsets);
      this.outOffsets = offsets;
    }
    if (this.used + len > this.outItems.length) {
      const items = new Uint32Array(2 * (this.outItems.length + len));
      items.set(this.outItems);
      this.outItems = items;
    }
    const out = this.outItems;
    const start = this.used;
    for (let i = 0; i < len; i++) {
      // Insertion into the ascending run written so far.
      const x = this.prefix[i]!;
      let j = start + i - 1;
      while (j >= start && out[j]! > x) {
        out[j + 1] = out[j]!;
        j--;
      }
      out[j + 1] = x;
    }
    this.used += len;
    this.outCounts[this.size] = count;
    this.size++;
    this.outOffsets[this.size] = this.used;
  }

  /** Mines the tree at `depth`, whose itemsets all extend prefix[0 … prefixLen). */
  mine(depth: number, prefixLen: number): void {
    const tree = this.trees[depth]!;
    const { condCount, newLocal, sel, path, minCount } = this;
    const { parent, item, count, next, head } = tree;
    for (let j = tree.k - 1; j >= 0; j--) {
      this.prefix[prefixLen] = tree.global[j]!;
      this.emit(prefixLen + 1, tree.support[j]!);
      if (prefixLen + 1 >= this.maxLength) continue;
      // The conditional pattern base: ancestors of j's nodes, all of local rank < j, copied
      // out as [count, length, items…] so that the second pass reads them in sequence.
      let used = 0;
      let pathItems = 0;
      for (let v = head[j]!; v !== -1; v = next[v]!) {
        if (used + tree.k + 2 > this.base.length) this.growBase(used + tree.k + 2);
        const base = this.base;
        const c = count[v]!;
        const at = used;
        used += 2;
        for (let u = parent[v]!; u > 0; u = parent[u]!) {
          const it = item[u]!;
          condCount[it]! += c;
          base[used++] = it;
        }
        base[at] = c;
        base[at + 1] = used - at - 2;
        pathItems += used - at - 2;
      }
      if (pathItems === 0) continue;
      let m = 0;
      for (let i = 0; i < j; i++) if (condCount[i]! >= minCount) sel[m++] = i;
      if (m === 0) {
        condCount.fill(0, 0, j);
        continue;
      }
      // Re-rank: count descending, then the parent's rank (sel is ascending already).
      if (m > 24) sel.subarray(0, m).sort((a, b) => condCount[b]! - condCount[a]! || a - b);
      else
        for (let p = 1; p < m; p++) {
          const x = sel[p]!;
          let q = p - 1;
          while (q >= 0 && condCount[sel[q]!]! < condCount[x]!) {
            sel[q + 1] = sel[q]!;
            q--;
          }
          sel[q + 1] = x;
        }
      const child = this.tree(depth + 1);
      // Shared prefixes make the tree far smaller than its base; insert grows it as needed.
      child.reset(m, Math.min(pathItems + 1, Math.max(4096, pathItems >> 2)));
      for (let p = 0; p < m; p++) {
        const i = sel[p]!;
        newLocal[i] = p;
        child.global[p] = tree.global[i]!;
        child.support[p] = condCount[i]!;
      }
      const base = this.base;
      for (let at = 0; at < used; ) {
        const c = base[at]!;
        const end = at + 2 + base[at + 1]!;
        let len = 0;
        for (let q = at + 2; q < end; q++) {
          const l = newLocal[base[q]!]!;
          if (l >= 0) path[len++] = l;
        }
        if (len > 0) {
          sortAscending(path, len);
          child.insert(path, len, c);
        }
        at = end;
      }
      condCount.fill(0, 0, j);
      for (let p = 0; p < m; p++) newLocal[sel[p]!] = -1;
      this.mine(depth + 1, prefixLen + 1);
    }
  }
}

function checkTransactions(tx: Transactions): number {
  const { offsets, items, itemCount } = tx;
  if (!Number.isInteger(itemCount) || itemCount < 0) throw new RangeError(`itemCount must be a whole number ≥ 0, got ${itemCount}`);
  if (offsets.length < 1 || offsets[0] !== 0) throw new RangeError("offsets must start with 0 and hold n + 1 entries");
  const n = offsets.length - 1;
  if (n >= 2 ** 31) throw new RangeError(`${n} transactions: counts are kept in 31 bits`);
  for (let t = 0; t < n; t++) if (offsets[t + 1]! < offsets[t]!) throw new RangeError(`offsets decrease at transaction ${t}`);
  if (offsets[n]! > items.length) throw new RangeError(`offsets end at ${offsets[n]}, past the ${items.length} items`);
  for (let p = 0; p < offsets[n]!; p++) if (items[p]! >= itemCount) throw new RangeError(`item id ${items[p]} at ${p} is not below itemCount ${itemCount}`);
  return n;
}

/** The frequent itemsets of the transactions, with their counts (definitions in the header). */
export function fpGrowth(tx: Transactions, options: FpGrowthOptions): FrequentItemsets {
  const n = checkTransactions(tx);
  const { minSupport, minCount: givenCount, maxLength = Infinity } = options;
  if ((minSupport === undefined) === (givenCount === undefined)) throw new RangeError("give exactly one of minSupport and minCount");
  if (givenCount !== undefined && !(Number.isInteger(givenCount) && givenCount >= 1)) throw new RangeError(`minCount must be a whole number ≥ 1, got ${givenCount}`);
  if (!(maxLength >= 1) || (maxLength !== Infinity && !Number.isInteger(maxLength))) throw new RangeError(`maxLength must be a whole number ≥ 1, got ${maxLength}`);
  const minCount = givenCount ?? minCountFor(minSupport!, n);
  const { offsets, items, itemCount } = tx;

  // First scan: item counts, each item once per transaction.
  const stamp = new Int32Array(itemCount).fill(-1);
  const freq = new Int32Array(itemCount);
  let longest = 0;
  for (let t = 0; t < n; t++) {
    const end = offsets[t + 1]!;
    longest = Math.max(longest, end - offsets[t]!);
    for (let p = offsets[t]!; p < end; p++) {
      const it = items[p]!;
      if (stamp[it] !== t) {
        stamp[it] = t;
        freq[it]!++;
      }
    }
  }
  const ranked: number[] = [];
  for (let it = 0; it < itemCount; it++) if (freq[it]! >= minCount) ranked.push(it);
  ranked.sort((a, b) => freq[b]! - freq[a]! || a - b);
  const k = ranked.length;
  const rank = new Int32Array(itemCount).fill(-1);
  ranked.forEach((it, r) => (rank[it] = r));

  const miner = new Miner(k, minCount, maxLength);
  const tree = miner.tree(0);
  tree.reset(k, Math.min(offsets[n]! + 1, 1 << 16));
  for (let r = 0; r < k; r++) {
    tree.global[r] = ranked[r]!;
    tree.support[r] = freq[ranked[r]!]!;
  }
  // Second scan: each transaction's frequent items, in rank order, as a path.
  stamp.fill(-1);
  const path = new Int32Array(Math.max(Math.min(longest, k), 1));
  for (let t = 0; t < n; t++) {
    let len = 0;
    for (let p = offsets[t]!, end = offsets[t + 1]!; p < end; p++) {
      const it = items[p]!;
      if (rank[it]! >= 0 && stamp[it] !== t) {
        stamp[it] = t;
        path[len++] = rank[it]!;
      }
    }
    if (len > 0) {
      sortAscending(path, len);
      tree.insert(path, len, 1);
    }
  }
  miner.mine(0, 0);
  return new FrequentItemsets(
    n,
    minCount,
    itemCount,
    miner.outOffsets.slice(0, miner.size + 1),
    miner.outItems.slice(0, miner.used),
    miner.outCounts.slice(0, miner.size),
  );
}

/** Named baskets to ids: item ids in order of first appearance, `labels[id]` the name. */
export function encodeBaskets(baskets: Iterable<readonly string[]>): { transactions: Transactions; labels: string[] } {
  const ids = new Map<string, number>();
  const labels: string[] = [];
  const offsets: number[] = [0];
  const items: number[] = [];
  for (const basket of baskets) {
    for (const name of basket) {
      let id = ids.get(name);
      if (id === undefined) {
        id = labels.length;
        ids.set(name, id);
        labels.push(name);
      }
      items.push(id);
    }
    offsets.push(items.length);
  }
  return { transactions: { itemCount: labels.length, offsets: Uint32Array.from(offsets), items: Uint32Array.from(items) }, labels };
}

/** The same transactions with each item replaced by its group (product → category); a group bought twice counts once. */
export function rollUp(tx: Transactions, groupOf: Uint32Array, groupCount: number): Transactions {
  if (groupOf.length < tx.itemCount) throw new RangeError(`groupOf covers ${groupOf.length} of ${tx.itemCount} items`);
  return { itemCount: groupCount, offsets: tx.offsets, items: tx.items.map((it) => groupOf[it]!) };
}

/** The transactions at the given positions (a date window or a segment), in that order. */
export function selectTransactions(tx: Transactions, rows: ArrayLike<number>): Transactions {
  const offsets = new Uint32Array(rows.length + 1);
  for (let r = 0; r < rows.length; r++) offsets[r + 1] = offsets[r]! + tx.offsets[rows[r]! + 1]! - tx.offsets[rows[r]!]!;
  const items = new Uint32Array(offsets[rows.length]!);
  for (let r = 0; r < rows.length; r++) items.set(tx.items.subarray(tx.offsets[rows[r]!]!, tx.offsets[rows[r]! + 1]!), offsets[r]!);
  return { itemCount: tx.itemCount, offsets, items };
}
