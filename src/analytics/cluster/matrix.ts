/**
 * The data shape of the clustering code: a column-major feature matrix, one Float64Array of
 * n values per feature (NaN = missing), and the helpers every method shares. Features are
 * numbers the caller has prepared per customer (order count, net sales, discount share,
 * days since the last order, a 0/1 flag …); docs/clustering.md says how.
 *
 * The algorithms themselves run on one row-major copy (row i's p values side by side), so a
 * distance reads p neighbouring doubles; it is made once per call.
 */

/** n rows (customers) by names.length features, one column per feature; NaN = missing. */
export interface FeatureMatrix {
  n: number;
  names: string[];
  columns: Float64Array[];
}

/** Throws when the matrix is malformed: a column of the wrong length, a repeated name, ±∞. */
export function checkMatrix(m: FeatureMatrix): void {
  if (!(Number.isInteger(m.n) && m.n >= 0)) throw new RangeError(`n must be a whole number ≥ 0, got ${m.n}`);
  if (m.names.length !== m.columns.length) throw new RangeError(`${m.names.length} names for ${m.columns.length} columns: give one name per column`);
  const seen = new Set<string>();
  m.columns.forEach((col, j) => {
    const name = m.names[j]!;
    if (seen.has(name)) throw new RangeError(`feature "${name}" appears twice: give each column its own name`);
    seen.add(name);
    if (col.length !== m.n) throw new RangeError(`column "${name}" holds ${col.length} values, not n = ${m.n}`);
    for (let i = 0; i < m.n; i++) {
      const v = col[i]!;
      if (v === Infinity || v === -Infinity) throw new RangeError(`column "${name}" is infinite at row ${i}: use NaN for a missing value`);
    }
  });
}

/** The matrix restricted to the given rows, in that order. */
export function selectRows(m: FeatureMatrix, rows: ArrayLike<number>): FeatureMatrix {
  const columns = m.columns.map((col) => {
    const out = new Float64Array(rows.length);
    for (let r = 0; r < rows.length; r++) out[r] = col[rows[r]!]!;
    return out;
  });
  return { n: rows.length, names: [...m.names], columns };
}

/** Row-major copy of the columns: value (i, j) at i·p + j. */
export function toRowMajor(columns: readonly Float64Array[], n: number): Float64Array {
  const p = columns.length;
  const x = new Float64Array(n * p);
  for (let j = 0; j < p; j++) {
    const col = columns[j]!;
    for (let i = 0, o = j; i < n; i++, o += p) x[o] = col[i]!;
  }
  return x;
}

/** Checks that each label is a whole number in [0, k) and that there are n of them. */
export function checkAssignment(assignment: ArrayLike<number>, n: number, k: number): void {
  if (assignment.length !== n) throw new RangeError(`${assignment.length} cluster labels for ${n} rows`);
  for (let i = 0; i < n; i++) {
    const c = assignment[i]!;
    if (!(Number.isInteger(c) && c >= 0 && c < k)) throw new RangeError(`row ${i} has cluster ${c}: labels must lie in 0 … ${k - 1}`);
  }
}

/** Checks a list of row numbers: whole numbers in [0, n). */
export function checkRows(rows: ArrayLike<number>, n: number, what: string): void {
  for (let r = 0; r < rows.length; r++) {
    const i = rows[r]!;
    if (!(Number.isInteger(i) && i >= 0 && i < n)) throw new RangeError(`${what} lists row ${i}, not a row of the ${n}`);
  }
}
