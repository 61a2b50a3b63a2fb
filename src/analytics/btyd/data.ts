/**
 * The inputs of the buy-till-you-die models (docs/btyd.md, "The data"): per customer
 *   x   frequency: repeat purchase occasions, i.e. distinct purchase days − 1;
 *   tx  recency: time from the first purchase to the last one (0 when x = 0);
 *   T   age: time from the first purchase to the end of the calibration period;
 *   mx  the mean value of the repeat occasions (day totals), NaN when x = 0;
 * with times in one unit the caller chooses (days / 7 for weeks). Same-day purchases are
 * one occasion: the models count purchase occasions, and a day is the finest time the
 * data reliably gives (the convention of Fader, Hardie & Lee 2005 and BTYD's
 * dc.MergeTransactionsOnSameDate).
 *
 * Customers repeat the same (x, tx, T) triple often when times are whole days, and the
 * likelihoods and scores depend on nothing else, so `groupTriples` folds them into
 * weighted rows: the fit and the scores run on the unique rows and map back through
 * `index`.
 */

export interface RfmRows {
  x: Float64Array;
  tx: Float64Array;
  T: Float64Array;
  /** Customers per row (default 1 each). */
  weight?: Float64Array;
}

export interface GroupedRfm {
  /** The unique triples, in order of first appearance, with their counts as weights. */
  rows: Required<RfmRows>;
  /** For each input customer, its row in `rows`. */
  index: Uint32Array;
}

/** Throws a RangeError naming the first customer whose x, tx, T are not a valid triple. */
export function checkRows(rows: RfmRows): void {
  const { x, tx, T, weight } = rows;
  const n = x.length;
  if (tx.length !== n || T.length !== n || (weight && weight.length !== n)) {
    throw new RangeError(`x, tx, T${weight ? " and weight" : ""} must have the same length (got ${n}, ${tx.length}, ${T.length}${weight ? `, ${weight.length}` : ""})`);
  }
  for (let i = 0; i < n; i++) {
    const xi = x[i]!;
    const ti = tx[i]!;
    const Ti = T[i]!;
    const ok = xi >= 0 && Number.isInteger(xi) && ti >= 0 && Ti >= ti && Number.isFinite(Ti) && (xi > 0 || ti === 0) && (!weight || weight[i]! >= 0);
    if (!ok) {
      throw new RangeError(
        `customer ${i}: x = ${xi}, tx = ${ti}, T = ${Ti}${weight ? `, weight = ${weight[i]}` : ""} is not a valid history ` +
          "(need a whole x ≥ 0, 0 ≤ tx ≤ T, tx = 0 when x = 0, and a weight ≥ 0); drop customers not yet acquired by the end of the calibration period",
      );
    }
  }
}

/** Folds customers with equal (x, tx, T) into one weighted row (open-addressing hash on the bits). */
export function groupTriples(x: Float64Array, tx: Float64Array, T: Float64Array): GroupedRfm {
  const n = x.length;
  let size = 16;
  while (size < 2 * n) size *= 2;
  const mask = size - 1;
  const table = new Int32Array(size).fill(-1);
  const index = new Uint32Array(n);
  const ux = new Float64Array(n);
  const utx = new Float64Array(n);
  const uT = new Float64Array(n);
  const uw = new Float64Array(n);
  const bits = new Float64Array(3);
  const words = new Uint32Array(bits.buffer);
  let count = 0;
  for (let i = 0; i < n; i++) {
    const a = x[i]!;
    const b = tx[i]!;
    const c = T[i]!;
    bits[0] = a;
    bits[1] = b;
    bits[2] = c;
    let h = 0x811c9dc5;
    for (let k = 0; k < 6; k++) h = Math.imul(h ^ words[k]!, 0x01000193);
    h ^= h >>> 15;
    h = Math.imul(h, 0x2c1b3c6d);
    h ^= h >>> 12;
    let slot = h & mask;
    for (;;) {
      const row = table[slot]!;
      if (row === -1) {
        table[slot] = count;
        ux[count] = a;
        utx[count] = b;
        uT[count] = c;
        uw[count] = 1;
        index[i] = count++;
        break;
      }
      if (ux[row] === a && utx[row] === b && uT[row] === c) {
        uw[row]!++;
        index[i] = row;
        break;
      }
      slot = (slot + 1) & mask;
    }
  }
  return { rows: { x: ux.slice(0, count), tx: utx.slice(0, count), T: uT.slice(0, count), weight: uw.slice(0, count) }, index };
}

export interface PurchaseSummary extends Required<Omit<RfmRows, "weight">> {
  /** Mean value of the repeat occasions (day totals); NaN when x = 0. */
  mx: Float64Array;
  /** Day of the first purchase; customers with none up to the end day have NaN everywhere. */
  firstDay: Float64Array;
}

/**
 * x, tx, T and mx of each customer from a purchase log: purchase k of customer
 * `customer[k]` (0 … customers − 1) on whole day `day[k]` for `value[k]`. Purchases after
 * `endDay` are ignored; times are (days)/`daysPerUnit`, e.g. 7 for weeks.
 */
export function summarisePurchases(customer: Int32Array | Uint32Array, day: Int32Array | Float64Array, value: Float64Array, customers: number, endDay: number, daysPerUnit: number): PurchaseSummary {
  const n = customer.length;
  if (day.length !== n || value.length !== n) throw new RangeError(`customer, day and value must have the same length (got ${n}, ${day.length}, ${value.length})`);
  // Bucket the purchases by customer (counting sort), then sort each customer's few days.
  const start = new Int32Array(customers + 1);
  for (let k = 0; k < n; k++) {
    const c = customer[k]!;
    if (!(c >= 0 && c < customers)) throw new RangeError(`purchase ${k}: customer ${c} is outside 0 … ${customers - 1}`);
    if (day[k]! <= endDay) start[c + 1]!++;
  }
  for (let c = 0; c < customers; c++) start[c + 1]! += start[c]!;
  const fill = start.slice(0, customers);
  const days = new Float64Array(start[customers]!);
  const values = new Float64Array(start[customers]!);
  for (let k = 0; k < n; k++) {
    if (day[k]! > endDay) continue;
    const p = fill[customer[k]!]!++;
    days[p] = day[k]!;
    values[p] = value[k]!;
  }
  const x = new Float64Array(customers);
  const tx = new Float64Array(customers);
  const T = new Float64Array(customers);
  const mx = new Float64Array(customers);
  const firstDay = new Float64Array(customers);
  for (let c = 0; c < customers; c++) {
    const lo = start[c]!;
    const hi = start[c + 1]!;
    if (lo === hi) {
      x[c] = tx[c] = T[c] = mx[c] = firstDay[c] = NaN;
      continue;
    }
    // Insertion sort by day: a customer has few purchases.
    for (let i = lo + 1; i < hi; i++) {
      const d = days[i]!;
      const v = values[i]!;
      let j = i - 1;
      while (j >= lo && days[j]! > d) {
        days[j + 1] = days[j]!;
        values[j + 1] = values[j]!;
        j--;
      }
      days[j + 1] = d;
      values[j + 1] = v;
    }
    const first = days[lo]!;
    let occasions = 0;
    let repeatTotal = 0;
    let last = first;
    for (let i = lo; i < hi; i++) {
      if (days[i]! !== last) {
        occasions++;
        last = days[i]!;
      }
      if (days[i]! !== first) repeatTotal += values[i]!;
    }
    x[c] = occasions;
    tx[c] = (last - first) / daysPerUnit;
    T[c] = (endDay - first) / daysPerUnit;
    mx[c] = occasions > 0 ? repeatTotal / occasions : NaN;
    firstDay[c] = first;
  }
  return { x, tx, T, mx, firstDay };
}
