/**
 * Simulators for the tests: customers drawn from known BG/NBD, Pareto/NBD and Gamma-Gamma
 * parameters, their calibration histories (x, tx, T), whether each is still alive at T,
 * and their purchases in a holdout period after T. Continuous time; each customer's first
 * purchase at time 0, their age T drawn uniformly from [tMin, tMax].
 */

import type { BgnbdParams } from "./bgnbd.ts";
import type { GammaGammaParams } from "./gamma-gamma.ts";
import type { ParetoNbdParams } from "./pareto-nbd.ts";
import { Random } from "./random.ts";

export interface Simulated {
  x: Float64Array;
  tx: Float64Array;
  T: Float64Array;
  /** 1 when the customer is alive at T. */
  alive: Uint8Array;
  /** Purchases in (T, T + holdout]. */
  future: Float64Array;
}

function arrays(n: number): Simulated {
  return { x: new Float64Array(n), tx: new Float64Array(n), T: new Float64Array(n), alive: new Uint8Array(n), future: new Float64Array(n) };
}

/** BG/NBD customers: Poisson(λ) purchases, death with probability p after each purchase. */
export function simulateBgnbd(p: BgnbdParams, n: number, tMin: number, tMax: number, holdout: number, seed: number): Simulated {
  const rng = new Random(seed, 1);
  const out = arrays(n);
  for (let i = 0; i < n; i++) {
    const lambda = rng.gamma(p.r, p.alpha);
    const death = rng.beta(p.a, p.b);
    const T = tMin + (tMax - tMin) * rng.uniform();
    let t = 0;
    let x = 0;
    let tx = 0;
    let dead = false;
    for (;;) {
      t += rng.exponential(lambda);
      if (t > T) break;
      x++;
      tx = t;
      if (rng.uniform() < death) {
        dead = true;
        break;
      }
    }
    let future = 0;
    if (!dead) {
      // Memoryless: the process restarts at T.
      let s = T;
      for (;;) {
        s += rng.exponential(lambda);
        if (s > T + holdout) break;
        future++;
        if (rng.uniform() < death) break;
      }
    }
    out.x[i] = x;
    out.tx[i] = tx;
    out.T[i] = T;
    out.alive[i] = dead ? 0 : 1;
    out.future[i] = future;
  }
  return out;
}

/** Pareto/NBD customers: Poisson(λ) purchases during an exponential(μ) lifetime. */
export function simulateParetoNbd(p: ParetoNbdParams, n: number, tMin: number, tMax: number, holdout: number, seed: number): Simulated {
  const rng = new Random(seed, 2);
  const out = arrays(n);
  for (let i = 0; i < n; i++) {
    const lambda = rng.gamma(p.r, p.alpha);
    const mu = rng.gamma(p.s, p.beta);
    const life = rng.exponential(mu);
    const T = tMin + (tMax - tMin) * rng.uniform();
    const end = Math.min(life, T + holdout);
    let t = 0;
    let x = 0;
    let tx = 0;
    let future = 0;
    for (;;) {
      t += rng.exponential(lambda);
      if (t > end) break;
      if (t <= T) {
        x++;
        tx = t;
      } else future++;
    }
    out.x[i] = x;
    out.tx[i] = tx;
    out.T[i] = T;
    out.alive[i] = life > T ? 1 : 0;
    out.future[i] = future;
  }
  return out;
}

/** Gamma-Gamma spend: for each x, ν ~ Gamma(q, γ) and x values ~ Gamma(p, ν); returns mx and the true mean p/ν. */
export function simulateSpend(p: GammaGammaParams, x: Float64Array, seed: number): { mx: Float64Array; trueMean: Float64Array } {
  const rng = new Random(seed, 3);
  const mx = new Float64Array(x.length);
  const trueMean = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) {
    const nu = rng.gamma(p.q, p.gamma);
    trueMean[i] = p.p / nu;
    let sum = 0;
    for (let k = 0; k < x[i]!; k++) sum += rng.gamma(p.p, nu);
    mx[i] = x[i]! > 0 ? sum / x[i]! : NaN;
  }
  return { mx, trueMean };
}
