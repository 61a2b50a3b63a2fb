import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bgnbdExpected, bgnbdExpectedCurve, bgnbdExpectedNew, bgnbdExpectedOne, bgnbdNextPurchaseOne, bgnbdPAlive, bgnbdPAliveOne, bgnbdPmf, fitBgnbd, type BgnbdParams } from "./bgnbd.ts";
import { groupTriples } from "./data.ts";
import { frequencyHistogram } from "./histogram.ts";
import { Random } from "./random.ts";
import { simulateBgnbd } from "./simulate.test-util.ts";

const TRUE: BgnbdParams = { r: 0.6, alpha: 5, a: 0.8, b: 2.5 };

/**
 * Self-normalised importance sampling over the prior: E[f(λ, p) | x, tx, T] for each f, with
 * weights the individual likelihood, and the standard errors.
 */
function posteriorMeans(p: BgnbdParams, x: number, tx: number, T: number, fs: ((lambda: number, death: number, pAlive: number) => number)[], draws = 200_000, seed = 11): { mean: number; se: number }[] {
  const rng = new Random(seed);
  const logs = new Float64Array(draws);
  const values = fs.map(() => new Float64Array(draws));
  let maxLog = -Infinity;
  for (let k = 0; k < draws; k++) {
    const lambda = rng.gamma(p.r, p.alpha);
    const death = rng.beta(p.a, p.b);
    const alive = x * Math.log1p(-death) + x * Math.log(lambda) - lambda * T;
    const dead = x > 0 ? Math.log(death) + (x - 1) * Math.log1p(-death) + x * Math.log(lambda) - lambda * tx : -Infinity;
    const m = Math.max(alive, dead);
    const logL = m + Math.log(Math.exp(alive - m) + Math.exp(dead - m));
    logs[k] = logL;
    if (logL > maxLog) maxLog = logL;
    fs.forEach((f, j) => (values[j]![k] = f(lambda, death, Math.exp(alive - logL))));
  }
  const w = logs.map((l) => Math.exp(l - maxLog));
  const sw = w.reduce((a, b) => a + b, 0);
  return values.map((v) => {
    let swv = 0;
    for (let k = 0; k < draws; k++) swv += w[k]! * v[k]!;
    const mean = swv / sw;
    let s2 = 0;
    for (let k = 0; k < draws; k++) s2 += (w[k]! * (v[k]! - mean)) ** 2;
    return { mean, se: Math.sqrt(s2) / sw };
  });
}

describe("BG/NBD on simulated customers", () => {
  it("recovers the parameters within 3 standard errors", () => {
    const sim = simulateBgnbd(TRUE, 5000, 20, 60, 0, 1);
    const fit = fitBgnbd(sim);
    expect(fit.hessianPositiveDefinite).toBe(true);
    for (const name of ["r", "alpha", "a", "b"] as const) {
      const z = (fit.params[name] - TRUE[name]) / fit.standardErrors[name];
      expect(Math.abs(z), `${name}: ${fit.params[name]} ± ${fit.standardErrors[name]} vs ${TRUE[name]}`).toBeLessThan(3);
    }
  });

  it("P(alive) matches the share of customers actually alive, by decile of P(alive)", () => {
    const sim = simulateBgnbd(TRUE, 20_000, 20, 60, 0, 2);
    const pa = bgnbdPAlive(TRUE, sim);
    const order = Array.from(pa.keys()).filter((i) => sim.x[i]! > 0).sort((i, j) => pa[i]! - pa[j]!);
    for (let d = 0; d < 10; d++) {
      const group = order.slice(Math.floor((d * order.length) / 10), Math.floor(((d + 1) * order.length) / 10));
      const predicted = group.reduce((s, i) => s + pa[i]!, 0) / group.length;
      const actual = group.reduce((s, i) => s + sim.alive[i]!, 0) / group.length;
      const se = Math.sqrt((predicted * (1 - predicted)) / group.length);
      expect(Math.abs(actual - predicted), `decile ${d}: ${actual} vs ${predicted}`).toBeLessThan(4 * se + 1e-3);
    }
    // Customers with no repeat purchase cannot have died (P(alive) = 1).
    for (let i = 0; i < sim.x.length; i++) if (sim.x[i] === 0) expect(sim.alive[i]).toBe(1);
  });

  it("conditional expectations match the simulated holdout purchases, by frequency", () => {
    const sim = simulateBgnbd(TRUE, 20_000, 20, 60, 39, 3);
    const e = bgnbdExpected(TRUE, 39, sim);
    for (const [lo, hi] of [[0, 0], [1, 1], [2, 2], [3, 4], [5, 7], [8, Infinity]] as const) {
      const group = Array.from(sim.x.keys()).filter((i) => sim.x[i]! >= lo && sim.x[i]! <= hi);
      const predicted = group.reduce((s, i) => s + e[i]!, 0) / group.length;
      const actual = group.reduce((s, i) => s + sim.future[i]!, 0) / group.length;
      const sd = Math.sqrt(group.reduce((s, i) => s + (sim.future[i]! - actual) ** 2, 0) / (group.length - 1));
      expect(Math.abs(actual - predicted), `x in [${lo}, ${hi}]: ${actual} vs ${predicted}`).toBeLessThan((4 * sd) / Math.sqrt(group.length));
    }
  });

  it("P(alive), E[Y(t)] and P(purchase within τ) match Monte Carlo over the posterior at fixed (x, tx, T)", () => {
    for (const [x, tx, T] of [[0, 0, 30], [2, 15, 30], [5, 28, 30], [4, 8, 40]] as const) {
      // τ½ from the closed form P(no purchase in (T, T + τ] | alive) = ((α + T)/(α + T + τ))^(r+x).
      const tau = bgnbdNextPurchaseOne(TRUE, x, tx, T);
      const [pa, ey, buy] = posteriorMeans(TRUE, x, tx, T, [
        (_l, _p, alive) => alive,
        (lambda, death, alive) => (alive * -Math.expm1(-lambda * death * 26)) / death,
        (lambda, _p, alive) => (Number.isFinite(tau) ? alive * -Math.expm1(-lambda * tau) : 0),
      ]);
      expect(Math.abs(bgnbdPAliveOne(TRUE, x, tx, T) - pa!.mean), `P(alive) at ${[x, tx, T]}`).toBeLessThan(4 * pa!.se + 1e-12);
      expect(Math.abs(bgnbdExpectedOne(TRUE, 26, x, tx, T) - ey!.mean), `E[Y(26)] at ${[x, tx, T]}`).toBeLessThan(4 * ey!.se);
      if (Number.isFinite(tau)) expect(Math.abs(buy!.mean - 0.5), `P(purchase by τ½ = ${tau}) at ${[x, tx, T]}`).toBeLessThan(4 * buy!.se);
    }
  });

  it("E[X(t)] and P(X(t) = x) match simulated new customers", () => {
    const t = 40;
    const sim = simulateBgnbd(TRUE, 30_000, t, t, 0, 4);
    const mean = sim.x.reduce((a, b) => a + b, 0) / sim.x.length;
    const sd = Math.sqrt(sim.x.reduce((s, v) => s + (v - mean) ** 2, 0) / sim.x.length);
    expect(Math.abs(mean - bgnbdExpectedNew(TRUE, t))).toBeLessThan((4 * sd) / Math.sqrt(sim.x.length));
    const h = frequencyHistogram((tt, k) => bgnbdPmf(TRUE, tt, k), sim.x, sim.T, 8);
    for (let k = 0; k <= 8; k++) expect(Math.abs(h.actual[k]! - h.expected[k]!), `bin ${k}`).toBeLessThan(4 * Math.sqrt(h.expected[k]!) + 1);
  });

  it("P(X(t) = x) sums to 1 and its mean is E[X(t)]", () => {
    for (const t of [0.5, 10, 100]) {
      let sum = 0;
      let mean = 0;
      for (let x = 0; x < 1500; x++) {
        const p = bgnbdPmf(TRUE, t, x);
        sum += p;
        mean += x * p;
      }
      expect(sum).toBeCloseTo(1, 10);
      expect(mean / bgnbdExpectedNew(TRUE, t)).toBeCloseTo(1, 8);
    }
  });
});

describe("BG/NBD numerics", () => {
  it("gives finite numbers and P(alive) in [0, 1] for extreme customers", () => {
    for (const p of [TRUE, { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }, { r: 50, alpha: 0.01, a: 1, b: 1e-3 }, { r: 1e-3, alpha: 1e4, a: 20, b: 0.05 }]) {
      for (const [x, tx, T] of [[1000, 99.999, 100], [1000, 1e4 - 1e-6, 1e4], [1000, 1, 1e5], [0, 0, 1e6], [1, 0, 0], [5000, 52, 52]] as const) {
        const pa = bgnbdPAliveOne(p, x, tx, T);
        expect(pa >= 0 && pa <= 1, `P(alive) ${pa} at ${[x, tx, T]}`).toBe(true);
        for (const t of [1, 52, 1e4, 1e7]) {
          const e = bgnbdExpectedOne(p, t, x, tx, T);
          expect(Number.isFinite(e) && e >= 0, `E[Y(${t})] = ${e} at ${[x, tx, T]} with ${JSON.stringify(p)}`).toBe(true);
        }
        expect(bgnbdNextPurchaseOne(p, x, tx, T) > 0).toBe(true);
      }
    }
  });

  it("the quadrature form (horizon over 9 times α + T) joins the series form continuously", () => {
    for (const [x, tx, T] of [[0, 0, 10], [3, 5, 20], [200, 19, 20]] as const) {
      const t = 9 * (TRUE.alpha + T);
      const below = bgnbdExpectedOne(TRUE, t * (1 - 1e-10), x, tx, T);
      const above = bgnbdExpectedOne(TRUE, t * (1 + 1e-10), x, tx, T);
      expect(Math.abs(above / below - 1), `at ${[x, tx, T]}`).toBeLessThan(1e-9);
    }
  });

  it("a curve of horizons equals the horizons one by one", () => {
    const times = Float64Array.from([1, 13, 52, 300, 5000]);
    const out = new Float64Array(times.length);
    bgnbdExpectedCurve(TRUE, 3, 12, 30, times, out);
    times.forEach((t, k) => expect(out[k]).toBe(bgnbdExpectedOne(TRUE, t, 3, 12, 30)));
  });

  const params = fc.record({ r: fc.double({ min: 0.05, max: 5, noNaN: true }), alpha: fc.double({ min: 0.1, max: 50, noNaN: true }), a: fc.double({ min: 0.1, max: 5, noNaN: true }), b: fc.double({ min: 0.1, max: 10, noNaN: true }) });
  const history = fc.tuple(fc.integer({ min: 0, max: 60 }), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0.1, max: 200, noNaN: true })).map(([x, f, T]) => [x, x === 0 ? 0 : f * T, T] as const);

  it("P(alive) is 1 without repeat purchases, in [0, 1], falls with age and rises with recency (property)", () => {
    fc.assert(
      fc.property(params, history, fc.double({ min: 0.01, max: 50, noNaN: true }), (p, [x, tx, T], dT) => {
        const pa = bgnbdPAliveOne(p, x, tx, T);
        if (x === 0) return pa === 1;
        return pa >= 0 && pa <= 1 && bgnbdPAliveOne(p, x, tx, T + dT) <= pa + 1e-15 && bgnbdPAliveOne(p, x, Math.min(T, tx + dT), T) >= pa - 1e-15;
      }),
    );
  });

  it("expected purchases are non-decreasing in the horizon and the median next purchase gives P = ½ (property)", () => {
    fc.assert(
      fc.property(params, history, fc.double({ min: 0.01, max: 500, noNaN: true }), (p, [x, tx, T], t) => {
        const e1 = bgnbdExpectedOne(p, t, x, tx, T);
        const e2 = bgnbdExpectedOne(p, t * 1.5, x, tx, T);
        const tau = bgnbdNextPurchaseOne(p, x, tx, T);
        const pa = bgnbdPAliveOne(p, x, tx, T);
        const atTau = Number.isFinite(tau) ? pa * -Math.expm1((p.r + x) * -Math.log1p(tau / (p.alpha + T))) : 0;
        return Number.isFinite(e1) && e1 >= 0 && e2 >= e1 * (1 - 1e-12) && (Number.isFinite(tau) ? Math.abs(atTau - 0.5) < 1e-9 : pa <= 0.5);
      }),
    );
  });

  it("fits grouped and ungrouped data to the same estimates", () => {
    const sim = simulateBgnbd(TRUE, 2000, 20, 60, 0, 5);
    const round = (v: Float64Array) => v.map((t) => Math.round(t * 7) / 7);
    const rows = { x: sim.x, tx: round(sim.tx), T: round(sim.T) };
    const g = groupTriples(rows.x, rows.tx, rows.T);
    expect(g.rows.x.length).toBeLessThan(2000);
    const a = fitBgnbd(rows);
    const b = fitBgnbd(g.rows);
    expect(b.logLikelihood).toBeCloseTo(a.logLikelihood, 6);
    for (let i = 0; i < 4; i++) expect(b.estimate[i]! / a.estimate[i]!).toBeCloseTo(1, 4);
  });
});

describe("BG/NBD with drop-out nearly the same for everyone", () => {
  it("gives finite expectations that approach the fixed-p limit when a and b are in the hundreds of thousands", () => {
    // Beta(a, b) with a = 3.2e5, b = 5.1e6 is p ≈ 0.059 with sd ≈ 1e-4: the fixed-p expectation.
    const p = { r: 0.7, alpha: 4, a: 3.2e5, b: 5.1e6 };
    for (const [x, tx, T, t] of [[0, 0, 20, 13], [3, 15, 20, 13], [12, 19, 20, 52]] as const) {
      const e = bgnbdExpectedOne(p, t, x, tx, T);
      expect(Number.isFinite(e), `x = ${x}`).toBe(true);
      const q = p.a / (p.a + p.b + x);
      const kappa = t / (p.alpha + T);
      const fixed = bgnbdPAliveOne(p, x, tx, T) * (1 - Math.pow(1 + q * kappa, -(p.r + x))) / q;
      expect(e).toBeCloseTo(fixed, 3);
    }
  });
});
