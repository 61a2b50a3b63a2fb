/**
 * One k-means run on a row-major matrix: k-means++ seeds, then Lloyd's iterations until no
 * point changes cluster (or a cap). kmeans.ts runs it from several seeds and keeps the best.
 *
 * - Seeding: k-means++ (Arthur & Vassilvitskii 2007, "k-means++: the advantages of careful
 *   seeding", Proc. 18th ACM-SIAM SODA, 1027–1035, §2.2): the first centre is a uniformly
 *   chosen point; each next one is point x with probability D(x)² / Σ D², D(x) being the
 *   distance to the nearest centre chosen so far. Expected cost O(log k)-competitive (their
 *   Theorem 3.1).
 * - Iterations: Lloyd's algorithm (Lloyd 1982, "Least squares quantization in PCM", IEEE
 *   Trans. Inf. Theory 28(2): 129–137): assign every point to its nearest centre, move each
 *   centre to the mean of its points, repeat. Each step lowers the within-cluster sum of
 *   squares, so it stops, at a local optimum.
 * - Speed: Hamerly's bounds (Hamerly 2010, "Making k-means even faster", Proc. SIAM SDM,
 *   130–140, Algorithm 2), which give exactly Lloyd's iterations while skipping most distance
 *   computations: per point an upper bound u on the distance to its own centre and a lower
 *   bound l on the distance to every other centre; with s(j) = ½·min over j' ≠ j of
 *   ‖cⱼ − cⱼ'‖, a point with u ≤ max(s(a), l) cannot change cluster. After the centres move
 *   by δ, u grows by δ(a) and l shrinks by the largest δ of another centre. Cluster sums are
 *   kept up to date as points move.
 * - Convergence: when a pass moves no point, the centres are recomputed from scratch (the
 *   running sums drift in floating point) and every point is checked against every centre
 *   once more; only if none moves is the run converged. A point moves only to a strictly
 *   nearer centre, so ties never cycle.
 * - An empty cluster (possible in Lloyd's steps) takes the point farthest from its own
 *   centre among clusters of two or more points (as scikit-learn does); every point is then
 *   reassigned without bounds.
 */

import { randomIndex, type Random } from "./random.ts";

export interface LloydRun {
  /** Centres, row-major k × p. */
  centers: Float64Array;
  assignment: Uint32Array;
  sizes: Uint32Array;
  /** Within-cluster sum of squared distances, per cluster. */
  withinSS: Float64Array;
  iterations: number;
  converged: boolean;
  /** Times an empty cluster took a far point. */
  relocations: number;
}

/** Squared distance from row i of x to centre j (both with p values). */
function dist2(x: Float64Array, i: number, c: Float64Array, j: number, p: number): number {
  let s = 0;
  for (let f = 0, a = i * p, b = j * p; f < p; f++, a++, b++) {
    const e = x[a]! - c[b]!;
    s += e * e;
  }
  return s;
}

/** k-means++ seeds: k distinct rows of x (row-major, n × p), as centres k × p. */
export function seedPlusPlus(x: Float64Array, n: number, p: number, k: number, random: Random): Float64Array {
  const centers = new Float64Array(k * p);
  const d2 = new Float64Array(n);
  let pick = randomIndex(random, n);
  for (let c = 0; c < k; c++) {
    centers.set(x.subarray(pick * p, pick * p + p), c * p);
    let total = 0;
    for (let i = 0; i < n; i++) {
      const d = dist2(x, i, centers, c, p);
      if (c === 0 || d < d2[i]!) d2[i] = d;
      total += d2[i]!;
    }
    if (c === k - 1) break;
    if (!(total > 0)) throw new RangeError(`the data have only ${c + 1} distinct rows: k = ${k} clusters cannot be formed`);
    // Point i with probability d2[i] / total (A&V's D² weighting).
    const r = random() * total;
    let acc = 0;
    pick = -1;
    for (let i = 0; i < n; i++) {
      if (d2[i]! === 0) continue;
      pick = i;
      acc += d2[i]!;
      if (acc > r) break;
    }
  }
  return centers;
}

/** The working state of one run: row-major data, centres, labels, Hamerly's bounds, sums. */
interface State {
  x: Float64Array;
  n: number;
  p: number;
  k: number;
  centers: Float64Array;
  a: Uint32Array;
  /** Upper bound on the distance to the own centre; lower bound on the distance to any other. */
  u: Float64Array;
  l: Float64Array;
  sums: Float64Array;
  counts: Float64Array;
  /** Half the distance from each centre to the nearest other one. */
  s: Float64Array;
  /** How far each centre moved in the last step. */
  delta: Float64Array;
}

function movePoint(st: State, i: number, from: number, to: number): void {
  const { x, p, sums, counts } = st;
  counts[from]!--;
  counts[to]!++;
  for (let f = 0, o = i * p, q = from * p, r = to * p; f < p; f++) {
    const v = x[o + f]!;
    sums[q + f]! -= v;
    sums[r + f]! += v;
  }
}

/** Every point against every centre (ties keep the current cluster); returns how many moved. */
function fullPass(st: State): number {
  const { x, n, p, k, centers, a, u, l } = st;
  let changed = 0;
  for (let i = 0; i < n; i++) {
    const ai = a[i]!;
    let best = ai;
    let b2 = dist2(x, i, centers, ai, p);
    let second = Infinity;
    for (let j = 0; j < k; j++) {
      if (j === ai) continue;
      const d = dist2(x, i, centers, j, p);
      if (d < b2) {
        second = b2;
        b2 = d;
        best = j;
      } else if (d < second) second = d;
    }
    u[i] = Math.sqrt(b2);
    l[i] = Math.sqrt(second);
    if (best !== ai) {
      movePoint(st, i, ai, best);
      a[i] = best;
      changed++;
    }
  }
  return changed;
}

/** Hamerly's pass: only points whose bounds allow a move are measured; returns how many moved. */
function boundedPass(st: State): number {
  const { x, n, p, k, centers, a, u, l, s } = st;
  for (let j = 0; j < k; j++) {
    let m = Infinity;
    for (let j2 = 0; j2 < k; j2++) if (j2 !== j) m = Math.min(m, dist2(centers, j, centers, j2, p));
    s[j] = Math.sqrt(m) / 2;
  }
  let changed = 0;
  for (let i = 0; i < n; i++) {
    const ai = a[i]!;
    const bound = Math.max(s[ai]!, l[i]!);
    if (u[i]! <= bound) continue;
    const own = Math.sqrt(dist2(x, i, centers, ai, p));
    u[i] = own;
    if (own <= bound) continue;
    let best = ai;
    let b2 = own * own;
    let second = Infinity;
    for (let j = 0; j < k; j++) {
      if (j === ai) continue;
      const d = dist2(x, i, centers, j, p);
      if (d < b2) {
        second = b2;
        b2 = d;
        best = j;
      } else if (d < second) second = d;
    }
    l[i] = Math.sqrt(second);
    if (best !== ai) {
      u[i] = Math.sqrt(b2);
      movePoint(st, i, ai, best);
      a[i] = best;
      changed++;
    }
  }
  return changed;
}

/** Sums and counts from scratch (the running ones drift in floating point). */
function recomputeSums(st: State): void {
  const { x, n, p, a, sums, counts } = st;
  sums.fill(0);
  counts.fill(0);
  for (let i = 0; i < n; i++) {
    const q = a[i]! * p;
    counts[a[i]!]!++;
    for (let f = 0, o = i * p; f < p; f++) sums[q + f]! += x[o + f]!;
  }
}

/** Centres to the means of their points, recording how far each moved. */
function moveCenters(st: State): void {
  const { p, k, centers, sums, counts, delta } = st;
  for (let j = 0; j < k; j++) {
    let m2 = 0;
    for (let f = 0, q = j * p; f < p; f++, q++) {
      const c = sums[q]! / counts[j]!;
      const e = c - centers[q]!;
      m2 += e * e;
      centers[q] = c;
    }
    delta[j] = Math.sqrt(m2);
  }
}

/** After the centres moved: u grows by its own centre's move, l shrinks by the largest other move. */
function loosenBounds(st: State): void {
  const { n, k, a, u, l, delta } = st;
  let r1 = 0;
  for (let j = 1; j < k; j++) if (delta[j]! > delta[r1]!) r1 = j;
  let other = 0; // the largest move of a centre other than r1
  for (let j = 0; j < k; j++) if (j !== r1 && delta[j]! > other) other = delta[j]!;
  const top = delta[r1]!;
  for (let i = 0; i < n; i++) {
    const ai = a[i]!;
    u[i]! += delta[ai]!;
    l[i]! -= ai === r1 ? other : top;
  }
}

/** Gives each empty cluster the point farthest from its centre; returns how many were empty. */
function fillEmpty(st: State): number {
  const { x, n, p, k, centers, a, counts } = st;
  let filled = 0;
  for (let j = 0; j < k; j++) {
    if (counts[j]! > 0) continue;
    let far = -1;
    let farD = -1;
    for (let i = 0; i < n; i++) {
      if (counts[a[i]!]! < 2) continue;
      const d = dist2(x, i, centers, a[i]!, p);
      if (d > farD) {
        farD = d;
        far = i;
      }
    }
    if (far < 0 || !(farD > 0)) throw new RangeError(`cluster ${j} is empty and no point can fill it: the data have fewer than k = ${k} distinct rows`);
    movePoint(st, far, a[far]!, j);
    a[far] = j;
    centers.set(x.subarray(far * p, far * p + p), j * p);
    filled++;
  }
  return filled;
}

/** Lloyd's iterations from the given centres (copied), with Hamerly's bounds. */
export function lloyd(x: Float64Array, n: number, p: number, start: Float64Array, maxIterations: number): LloydRun {
  const k = start.length / p;
  const st: State = {
    x, n, p, k,
    centers: Float64Array.from(start),
    a: new Uint32Array(n),
    u: new Float64Array(n),
    l: new Float64Array(n),
    sums: new Float64Array(k * p),
    counts: new Float64Array(k),
    s: new Float64Array(k),
    delta: new Float64Array(k),
  };
  // Every point starts in cluster 0, so the first full pass assigns it to its nearest centre.
  st.counts[0] = n;
  for (let i = 0, o = 0; i < n; i++) for (let f = 0; f < p; f++, o++) st.sums[f]! += x[o]!;
  fullPass(st);
  let iterations = 0;
  let converged = false;
  let relocations = 0;
  while (iterations < maxIterations) {
    iterations++;
    const filled = fillEmpty(st);
    if (filled > 0) {
      relocations += filled;
      fullPass(st);
      continue;
    }
    moveCenters(st);
    loosenBounds(st);
    if (boundedPass(st) > 0) continue;
    // No point moved: check once more from exact sums, against every centre.
    recomputeSums(st);
    if (st.counts.some((c) => c === 0)) continue;
    moveCenters(st);
    if (fullPass(st) === 0) {
      converged = true;
      break;
    }
  }
  const { centers, a, sums, counts } = st;
  if (!converged) {
    recomputeSums(st);
    relocations += fillEmpty(st);
    for (let j = 0; j < k; j++) for (let f = 0; f < p; f++) centers[j * p + f] = sums[j * p + f]! / counts[j]!;
  }
  const withinSS = new Float64Array(k);
  for (let i = 0; i < n; i++) withinSS[a[i]!]! += dist2(x, i, centers, a[i]!, p);
  return { centers, assignment: a, sizes: Uint32Array.from(counts), withinSS, iterations, converged, relocations };
}
