import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { frequencyHistogram } from "./histogram.ts";
import {
  fitParetoNbd, paretoNbdExpected, paretoNbdExpectedNew, paretoNbdExpectedOne, paretoNbdNextPurchaseOne, paretoNbdPAlive, paretoNbdPAliveOne, paretoNbdPmf, type ParetoNbdParams,
} from "./pareto-nbd.ts";
import { Random } from "./random.ts";
import { simulateParetoNbd } from "./simulate.test-util.ts";

/** α < β and α > β: the two cases of the likelihood's ₂F₁ (s < 1 and s > 1 too). */
const TRUE: ParetoNbdParams = { r: 0.8, alpha: 6, s: 0.7, beta: 12 };
const OTHER: ParetoNbdParams = { r: 0.5, alpha: 15, s: 1.3, beta: 4 };

/** Self-normalised importance sampling over the prior: E[f(λ, μ, P(alive | λ, μ)) | x, tx, T] and its standard error. */
function posteriorMeans(p: ParetoNbdParams, x: number, tx: number, T: number, fs: ((lambda: number, mu: number, pAlive: number) => number)[], draws = 200_000, seed = 12): { mean: number; se: number }[] {
  const rng = new Random(seed);
  const logs = new Float64Array(draws);
  const values = fs.map(() => new Float64Array(draws));
  let maxLog = -Infinity;
  for (let k = 0; k < draws; k++) {
    const lambda = rng.gamma(p.r, p.alpha);
    const mu = rng.gamma(p.s, p.beta);
    const alive = x * Math.log(lambda) - (lambda + mu) * T;
    // L = λˣ [μ e^−(λ+μ)tx + λ e^−(λ+μ)T] / (λ + μ)
    const a = Math.log(mu) - (lambda + mu) * tx;
    const b = Math.log(lambda) - (lambda + mu) * T;
    const m = Math.max(a, b);
    const logL = x * Math.log(lambda) + m + Math.log(Math.exp(a - m) + Math.exp(b - m)) - Math.log(lambda + mu);
    logs[k] = logL;
    if (logL > maxLog) maxLog = logL;
    fs.forEach((f, j) => (values[j]![k] = f(lambda, mu, Math.exp(alive - logL))));
  }
  const w = logs.map((l) => Math.exp(l - maxLog));
  const sw = w.reduce((u, v) => u + v, 0);
  return values.map((v) => {
    let swv = 0;
    for (let k = 0; k < draws; k++) swv += w[k]! * v[k]!;
    const mean = swv / sw;
    let s2 = 0;
    for (let k = 0; k < draws; k++) s2 += (w[k]! * (v[k]! - mean)) ** 2;
    return { mean, se: Math.sqrt(s2) / sw };
  });
}

describe("Pareto/NBD on simulated customers", () => {
  it("recovers the parameters within 3 standard errors", () => {
    const sim = simulateParetoNbd(TRUE, 4000, 20, 60, 0, 1);
    const fit = fitParetoNbd(sim);
    expect(fit.hessianPositiveDefinite).toBe(true);
    for (const name of ["r", "alpha", "s", "beta"] as const) {
      const z = (fit.params[name] - TRUE[name]) / fit.standardErrors[name];
      expect(Math.abs(z), `${name}: ${fit.params[name]} ± ${fit.standardErrors[name]} vs ${TRUE[name]}`).toBeLessThan(3);
    }
  });

  it("P(alive) matches the share of customers actually alive, by decile of P(alive)", () => {
    for (const [p, seed] of [[TRUE, 2], [OTHER, 3]] as const) {
      const sim = simulateParetoNbd(p, 20_000, 20, 60, 0, seed);
      const pa = paretoNbdPAlive(p, sim);
      const order = Array.from(pa.keys()).sort((i, j) => pa[i]! - pa[j]!);
      for (let d = 0; d < 10; d++) {
        const group = order.slice(Math.floor((d * order.length) / 10), Math.floor(((d + 1) * order.length) / 10));
        const predicted = group.reduce((s, i) => s + pa[i]!, 0) / group.length;
        const actual = group.reduce((s, i) => s + sim.alive[i]!, 0) / group.length;
        const se = Math.sqrt((predicted * (1 - predicted)) / group.length);
        expect(Math.abs(actual - predicted), `decile ${d}: ${actual} vs ${predicted}`).toBeLessThan(4 * se + 1e-3);
      }
    }
  });

  it("conditional expectations match the simulated holdout purchases, by frequency", () => {
    const sim = simulateParetoNbd(TRUE, 20_000, 20, 60, 39, 4);
    const e = paretoNbdExpected(TRUE, 39, sim);
    for (const [lo, hi] of [[0, 0], [1, 1], [2, 2], [3, 4], [5, 7], [8, Infinity]] as const) {
      const group = Array.from(sim.x.keys()).filter((i) => sim.x[i]! >= lo && sim.x[i]! <= hi);
      const predicted = group.reduce((s, i) => s + e[i]!, 0) / group.length;
      const actual = group.reduce((s, i) => s + sim.future[i]!, 0) / group.length;
      const sd = Math.sqrt(group.reduce((s, i) => s + (sim.future[i]! - actual) ** 2, 0) / (group.length - 1));
      expect(Math.abs(actual - predicted), `x in [${lo}, ${hi}]: ${actual} vs ${predicted}`).toBeLessThan((4 * sd) / Math.sqrt(group.length));
    }
  });

  it("P(alive), E[Y(t)] and P(purchase within τ½) match Monte Carlo over the posterior at fixed (x, tx, T)", () => {
    for (const p of [TRUE, OTHER]) {
      for (const [x, tx, T] of [[0, 0, 30], [2, 15, 30], [5, 28, 30], [4, 8, 40]] as const) {
        const tau = paretoNbdNextPurchaseOne(p, x, tx, T);
        const [pa, ey, buy] = posteriorMeans(p, x, tx, T, [
          (_l, _m, alive) => alive,
          (lambda, mu, alive) => (alive * lambda * -Math.expm1(-mu * 26)) / mu,
          (lambda, mu, alive) => (Number.isFinite(tau) ? (alive * lambda * -Math.expm1(-(lambda + mu) * tau)) / (lambda + mu) : 0),
        ]);
        const at = `${[x, tx, T]} with ${JSON.stringify(p)}`;
        expect(Math.abs(paretoNbdPAliveOne(p, x, tx, T) - pa!.mean), `P(alive) at ${at}`).toBeLessThan(4 * pa!.se + 1e-12);
        expect(Math.abs(paretoNbdExpectedOne(p, 26, x, tx, T) - ey!.mean), `E[Y(26)] at ${at}`).toBeLessThan(4 * ey!.se);
        if (Number.isFinite(tau)) expect(Math.abs(buy!.mean - 0.5), `P(purchase by τ½ = ${tau}) at ${at}`).toBeLessThan(4 * buy!.se);
      }
    }
  });

  it("E[X(t)] and P(X(t) = x) match simulated new customers", () => {
    const t = 40;
    const sim = simulateParetoNbd(TRUE, 30_000, t, t, 0, 5);
    const mean = sim.x.reduce((a, b) => a + b, 0) / sim.x.length;
    const sd = Math.sqrt(sim.x.reduce((s, v) => s + (v - mean) ** 2, 0) / sim.x.length);
    expect(Math.abs(mean - paretoNbdExpectedNew(TRUE, t))).toBeLessThan((4 * sd) / Math.sqrt(sim.x.length));
    const h = frequencyHistogram((tt, k) => paretoNbdPmf(TRUE, tt, k), sim.x, sim.T, 8);
    for (let k = 0; k <= 8; k++) expect(Math.abs(h.actual[k]! - h.expected[k]!), `bin ${k}`).toBeLessThan(4 * Math.sqrt(h.expected[k]!) + 1);
  });

  it("P(X(t) = x) sums to 1 and its mean is E[X(t)], for s < 1, s = 1 and s > 1", () => {
    for (const p of [TRUE, OTHER, { ...OTHER, s: 1 }]) {
      for (const t of [0.5, 39]) {
        let sum = 0;
        let mean = 0;
        for (let x = 0; x < 400; x++) {
          const v = paretoNbdPmf(p, t, x);
          sum += v;
          mean += x * v;
        }
        expect(sum).toBeCloseTo(1, 9);
        expect(mean / paretoNbdExpectedNew(p, t)).toBeCloseTo(1, 7);
      }
    }
  });
});

describe("Pareto/NBD numerics", () => {
  it("gives finite numbers and P(alive) in [0, 1] for extreme customers and parameters", () => {
    const sets: ParetoNbdParams[] = [TRUE, OTHER, { r: 0.553, alpha: 10.578, s: 0.606, beta: 11.669 }, { r: 2, alpha: 1e4, s: 0.5, beta: 1e-3 }, { r: 0.2, alpha: 1e-3, s: 3, beta: 1e4 }, { r: 1, alpha: 5, s: 1, beta: 5 }];
    for (const p of sets) {
      for (const [x, tx, T] of [[1000, 99.999, 100], [1000, 1e4 - 1e-6, 1e4], [1000, 1, 1e5], [0, 0, 1e6], [1, 0, 0], [0, 0, 0.001], [5000, 52, 52]] as const) {
        const pa = paretoNbdPAliveOne(p, x, tx, T);
        const at = `${[x, tx, T]} with ${JSON.stringify(p)}`;
        expect(pa >= 0 && pa <= 1, `P(alive) ${pa} at ${at}`).toBe(true);
        for (const t of [1, 52, 1e7]) {
          const e = paretoNbdExpectedOne(p, t, x, tx, T);
          expect(Number.isFinite(e) && e >= 0, `E[Y(${t})] = ${e} at ${at}`).toBe(true);
        }
        const tau = paretoNbdNextPurchaseOne(p, x, tx, T);
        expect(tau > 0, `τ½ = ${tau} at ${at}`).toBe(true);
      }
    }
  });

  it("has no median next purchase when a purchase is more likely never to come", () => {
    // Long gone: one early purchase, then nothing for a long time.
    expect(paretoNbdNextPurchaseOne(TRUE, 1, 1, 200)).toBe(Infinity);
    expect(paretoNbdNextPurchaseOne(TRUE, 20, 29.9, 30)).toBeLessThan(5);
  });

  const params = fc.record({ r: fc.double({ min: 0.05, max: 5, noNaN: true }), alpha: fc.double({ min: 0.1, max: 50, noNaN: true }), s: fc.double({ min: 0.05, max: 5, noNaN: true }), beta: fc.double({ min: 0.1, max: 50, noNaN: true }) });
  const history = fc.tuple(fc.integer({ min: 0, max: 60 }), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0.1, max: 200, noNaN: true })).map(([x, f, T]) => [x, x === 0 ? 0 : f * T, T] as const);

  it("P(alive) is in [0, 1], falls with age and rises with recency; expectations grow with the horizon (property)", () => {
    fc.assert(
      fc.property(params, history, fc.double({ min: 0.01, max: 50, noNaN: true }), fc.double({ min: 0.01, max: 500, noNaN: true }), (p, [x, tx, T], dT, t) => {
        const pa = paretoNbdPAliveOne(p, x, tx, T);
        const older = paretoNbdPAliveOne(p, x, tx, T + dT);
        const later = x > 0 ? paretoNbdPAliveOne(p, x, Math.min(T, tx + dT), T) : pa;
        const e1 = paretoNbdExpectedOne(p, t, x, tx, T);
        const e2 = paretoNbdExpectedOne(p, 1.5 * t, x, tx, T);
        return pa >= 0 && pa <= 1 && older <= pa * (1 + 1e-9) && later >= pa * (1 - 1e-9) && Number.isFinite(e1) && e2 >= e1 * (1 - 1e-12);
      }),
      { numRuns: 200 },
    );
  });
});
