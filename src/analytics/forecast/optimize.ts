/**
 * Derivative-free minimisation by the simplex method of Nelder & Mead (1965), "A simplex
 * method for function minimization", Computer Journal 7(4): 308–313, with the standard
 * coefficients (reflection 1, expansion 2, contraction ½, shrink ½) and the inside/outside
 * contraction of Lagarias, Reeds, Wright & Wright (1998), "Convergence properties of the
 * Nelder–Mead simplex method in low dimensions", SIAM J. Optim. 9(1): 112–147.
 *
 * Stopping rule, as R's optim (nmmin): the simplex has converged when its worst and best
 * values differ by at most relTolerance · (|best| + relTolerance). Because a simplex can
 * collapse early on a ridge, the search restarts from the best point with a fresh simplex
 * (the initial steps again) until a restart no longer improves on that tolerance, at most
 * `restarts` times. An objective may return Infinity (or NaN) for an infeasible point:
 * such a vertex is always the worst, and the initial simplex avoids it by stepping the other
 * way or by a shorter step.
 */

export interface NelderMeadOptions {
  /** Initial step of each coordinate: the simplex is x0 and x0 + stepᵢ·eᵢ. */
  steps: ArrayLike<number>;
  /** Budget of objective evaluations over all restarts (default 400 · dimension, at least 200). */
  maxEvaluations?: number;
  /** Relative tolerance on the simplex's spread of values (default 1e-8, R's sqrt(machine ε) ≈ 1.5e-8). */
  relTolerance?: number;
  /** Fresh simplexes at the best point after convergence (default 2). */
  restarts?: number;
}

export interface NelderMeadResult {
  x: Float64Array;
  value: number;
  evaluations: number;
  /** False when the budget ran out before the tolerance was met. */
  converged: boolean;
}

/** Minimises f from x0; f must not keep the array it is given. */
export function nelderMead(f: (x: Float64Array) => number, x0: ArrayLike<number>, options: NelderMeadOptions): NelderMeadResult {
  const d = x0.length;
  const maxEval = options.maxEvaluations ?? Math.max(200, 400 * d);
  const tol = options.relTolerance ?? 1e-8;
  const restarts = options.restarts ?? 2;
  let evaluations = 0;
  const value = (x: Float64Array): number => {
    evaluations++;
    const v = f(x);
    return Number.isNaN(v) ? Infinity : v;
  };

  const best = Float64Array.from(x0);
  let bestValue = value(best);
  if (d === 0) return { x: best, value: bestValue, evaluations, converged: true };

  // Simplex: vertex i is p[i·d … i·d + d).
  const p = new Float64Array((d + 1) * d);
  const fv = new Float64Array(d + 1);
  const sum = new Float64Array(d);
  const invD = 1 / d;
  const centroid = new Float64Array(d);
  const xr = new Float64Array(d);
  const xe = new Float64Array(d);
  const xc = new Float64Array(d);
  let converged = false;

  for (let round = 0; round <= restarts; round++) {
    const startValue = bestValue;
    // Build the simplex around the best point.
    p.set(best, 0);
    fv[0] = bestValue;
    for (let i = 1; i <= d; i++) {
      const v = p.subarray(i * d, i * d + d);
      v.set(best);
      let step = options.steps[i - 1]!;
      if (step === 0) step = 0.1;
      let fx = Infinity;
      for (let attempt = 0; attempt < 8 && !Number.isFinite(fx); attempt++) {
        v[i - 1] = best[i - 1]! + step;
        fx = value(v);
        if (Number.isFinite(fx)) break;
        v[i - 1] = best[i - 1]! - step;
        fx = value(v);
        step /= 4;
      }
      fv[i] = fx;
    }

    // The sum of all vertices: the centroid of all but the worst is (sum − worst)/d.
    sum.fill(0);
    for (let i = 0; i <= d; i++) for (let k = 0; k < d; k++) sum[k]! += p[i * d + k]!;
    const replace = (i: number, x: Float64Array, fx: number) => {
      const o = i * d;
      for (let k = 0; k < d; k++) {
        sum[k]! += x[k]! - p[o + k]!;
        p[o + k] = x[k]!;
      }
      fv[i] = fx;
    };
    converged = false;
    while (evaluations < maxEval) {
      // Best, worst and second worst (ties: the lower index ranks better).
      let ib = 0;
      let iw = 0;
      for (let i = 1; i <= d; i++) {
        if (fv[i]! < fv[ib]!) ib = i;
        if (fv[i]! >= fv[iw]!) iw = i;
      }
      let is = iw === 0 ? 1 : 0;
      for (let i = 0; i <= d; i++) if (i !== iw && fv[i]! >= fv[is]!) is = i;
      const fb = fv[ib]!;
      const fw = fv[iw]!;
      if (fw - fb <= tol * (Math.abs(fb) + tol)) {
        converged = true;
        break;
      }
      const w = iw * d;
      for (let k = 0; k < d; k++) {
        const c = (sum[k]! - p[w + k]!) * invD;
        centroid[k] = c;
        xr[k] = c + (c - p[w + k]!);
      }
      const fr = value(xr);
      if (fr < fb) {
        for (let k = 0; k < d; k++) xe[k] = centroid[k]! + 2 * (xr[k]! - centroid[k]!);
        const fe = value(xe);
        if (fe < fr) replace(iw, xe, fe);
        else replace(iw, xr, fr);
        continue;
      }
      if (fr < fv[is]!) {
        replace(iw, xr, fr);
        continue;
      }
      // Contract: outside when the reflection beat the worst, inside otherwise.
      const outside = fr < fw;
      for (let k = 0; k < d; k++) xc[k] = outside ? centroid[k]! + 0.5 * (xr[k]! - centroid[k]!) : centroid[k]! + 0.5 * (p[w + k]! - centroid[k]!);
      const fc = value(xc);
      if (outside ? fc <= fr : fc < fw) {
        replace(iw, xc, fc);
        continue;
      }
      // Shrink towards the best vertex.
      const bo = ib * d;
      for (let i = 0; i <= d; i++) {
        if (i === ib) continue;
        for (let k = 0; k < d; k++) xc[k] = p[bo + k]! + 0.5 * (p[i * d + k]! - p[bo + k]!);
        replace(i, xc, value(xc));
      }
    }

    let ib = 0;
    for (let i = 1; i <= d; i++) if (fv[i]! < fv[ib]!) ib = i;
    if (fv[ib]! < bestValue) {
      bestValue = fv[ib]!;
      best.set(p.subarray(ib * d, ib * d + d));
    }
    if (!converged || startValue - bestValue <= tol * (Math.abs(bestValue) + tol)) break;
  }
  return { x: best, value: bestValue, evaluations, converged };
}
