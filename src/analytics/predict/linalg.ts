/**
 * Small dense symmetric positive definite systems (the p × p normal equations of the
 * linear models), by Cholesky factorisation A = LLᵀ (Golub & Van Loan, "Matrix
 * Computations", 4th ed., algorithm 4.2.1). Matrices are row-major Float64Arrays.
 */

/** The lower factor L of A = LLᵀ, or null when A is not (numerically) positive definite. */
export function cholesky(A: Float64Array, p: number): Float64Array | null {
  const L = new Float64Array(p * p);
  for (let j = 0; j < p; j++) {
    let d = A[j * p + j]!;
    for (let k = 0; k < j; k++) d -= L[j * p + k]! ** 2;
    if (!(d > 1e-13 * Math.abs(A[j * p + j]!)) || !(d > 0)) return null;
    const ljj = Math.sqrt(d);
    L[j * p + j] = ljj;
    for (let i = j + 1; i < p; i++) {
      let s = A[i * p + j]!;
      for (let k = 0; k < j; k++) s -= L[i * p + k]! * L[j * p + k]!;
      L[i * p + j] = s / ljj;
    }
  }
  return L;
}

/** Solves LLᵀx = b. */
export function choleskySolve(L: Float64Array, p: number, b: Float64Array): Float64Array {
  const x = Float64Array.from(b);
  for (let i = 0; i < p; i++) {
    let s = x[i]!;
    for (let k = 0; k < i; k++) s -= L[i * p + k]! * x[k]!;
    x[i] = s / L[i * p + i]!;
  }
  for (let i = p - 1; i >= 0; i--) {
    let s = x[i]!;
    for (let k = i + 1; k < p; k++) s -= L[k * p + i]! * x[k]!;
    x[i] = s / L[i * p + i]!;
  }
  return x;
}

/** A⁻¹ from the factor L of A. */
export function choleskyInverse(L: Float64Array, p: number): Float64Array {
  const inv = new Float64Array(p * p);
  const e = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    e.fill(0);
    e[j] = 1;
    const col = choleskySolve(L, p, e);
    for (let i = 0; i < p; i++) inv[i * p + j] = col[i]!;
  }
  return inv;
}

/**
 * The weighted cross-product [1 Z]ᵀ diag(v) [1 Z] of the columns of Z with an intercept
 * column of ones in front: a (p + 1) × (p + 1) row-major matrix. Rows are taken in blocks
 * of 2,048, so each block of every column is read from cache for all pairs: one pass over
 * memory instead of one per pair.
 */
export function crossProduct(Z: Float64Array[], v: Float64Array): Float64Array {
  const q = Z.length;
  const p = q + 1;
  const n = v.length;
  const A = new Float64Array(p * p);
  const BLOCK = 2048;
  const vz = new Float64Array(BLOCK);
  for (let start = 0; start < n; start += BLOCK) {
    const end = Math.min(n, start + BLOCK);
    let s0 = 0;
    for (let i = start; i < end; i++) s0 += v[i]!;
    A[0]! += s0;
    for (let j = 0; j < q; j++) {
      const zj = Z[j]!;
      let s = 0;
      for (let i = start; i < end; i++) {
        const t = v[i]! * zj[i]!;
        vz[i - start] = t;
        s += t;
      }
      A[j + 1]! += s;
      const len = end - start;
      const len4 = len & ~3;
      for (let k = 0; k <= j; k++) {
        const zk = Z[k]!;
        // Four running sums: one would be a chain of dependent additions.
        let t0 = 0;
        let t1 = 0;
        let t2 = 0;
        let t3 = 0;
        let i = 0;
        for (; i < len4; i += 4) {
          t0 += vz[i]! * zk[start + i]!;
          t1 += vz[i + 1]! * zk[start + i + 1]!;
          t2 += vz[i + 2]! * zk[start + i + 2]!;
          t3 += vz[i + 3]! * zk[start + i + 3]!;
        }
        for (; i < len; i++) t0 += vz[i]! * zk[start + i]!;
        A[(j + 1) * p + k + 1]! += t0 + t1 + (t2 + t3);
      }
    }
  }
  for (let j = 1; j < p; j++) {
    A[j * p] = A[j]!;
    for (let k = 1; k < j; k++) A[k * p + j] = A[j * p + k]!;
  }
  return A;
}

/** y = b₀ + Σ bⱼ Zⱼ, for every row. */
export function linearPredictor(Z: Float64Array[], beta: Float64Array, n: number): Float64Array {
  const eta = new Float64Array(n).fill(beta[0]!);
  for (let j = 0; j < Z.length; j++) {
    const b = beta[j + 1]!;
    if (b === 0) continue;
    const zj = Z[j]!;
    for (let i = 0; i < n; i++) eta[i]! += b * zj[i]!;
  }
  return eta;
}
