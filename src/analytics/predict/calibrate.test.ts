import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { calibrate, chooseCalibration, fitIsotonic, fitPlatt, pav } from "./calibrate.ts";
import { sigmoid } from "./data.ts";
import { calibrationTable, logLoss } from "./metrics.ts";
import { Random } from "./random.ts";

/**
 * The least-squares non-decreasing fit by the max–min formula (Barlow et al. 1972, ch. 1;
 * Robertson, Wright & Dykstra 1988, "Order Restricted Statistical Inference", ch. 1):
 * ŷᵢ = max over j ≤ i of min over k ≥ i of the weighted mean of y_j … y_k. O(n³).
 */
function minMax(y: number[], w: number[]): number[] {
  const n = y.length;
  const mean = (j: number, k: number) => {
    let s = 0;
    let W = 0;
    for (let t = j; t <= k; t++) {
      s += w[t]! * y[t]!;
      W += w[t]!;
    }
    return s / W;
  };
  return y.map((_, i) => {
    let best = -Infinity;
    for (let j = 0; j <= i; j++) {
      let m = Infinity;
      for (let k = i; k < n; k++) m = Math.min(m, mean(j, k));
      best = Math.max(best, m);
    }
    return best;
  });
}

const sequence = fc.array(fc.tuple(fc.double({ min: -5, max: 5, noNaN: true }), fc.integer({ min: 1, max: 4 })), { minLength: 1, maxLength: 12 });

describe("pool-adjacent-violators", () => {
  it("is non-decreasing and equals the least-squares monotone fit of the min–max formula (property)", () => {
    fc.assert(
      fc.property(sequence, (rows) => {
        const y = rows.map((r) => r[0]);
        const w = rows.map((r) => r[1]);
        const fit = pav(Float64Array.from(y), Float64Array.from(w));
        for (let i = 1; i < fit.length; i++) expect(fit[i]!).toBeGreaterThanOrEqual(fit[i - 1]!);
        minMax(y, w).forEach((v, i) => expect(fit[i]!).toBeCloseTo(v, 10));
      }),
      { numRuns: 500 },
    );
  });

  it("leaves a sequence already in order alone, and pools a decreasing one into its mean", () => {
    expect(Array.from(pav(Float64Array.from([1, 2, 2, 5])))).toEqual([1, 2, 2, 5]);
    expect(Array.from(pav(Float64Array.from([3, 2, 1])))).toEqual([2, 2, 2]);
  });
});

describe("isotonic calibration", () => {
  it("maps scores to probabilities monotonically, within (0, 1) (property)", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.double({ min: -4, max: 4, noNaN: true }), fc.integer({ min: 0, max: 1 })), { minLength: 2, maxLength: 60 }), fc.array(fc.double({ min: -6, max: 6, noNaN: true }), { minLength: 2, maxLength: 30 }), (rows, probes) => {
        const c = fitIsotonic(Float64Array.from(rows, (r) => r[0]), Uint8Array.from(rows, (r) => r[1]));
        const sorted = probes.slice().sort((a, b) => a - b);
        const p = calibrate(c, sorted);
        for (let i = 0; i < p.length; i++) {
          expect(p[i]!).toBeGreaterThan(0);
          expect(p[i]!).toBeLessThan(1);
          if (i > 0) expect(p[i]!).toBeGreaterThanOrEqual(p[i - 1]! - 1e-15);
        }
      }),
      { numRuns: 300 },
    );
  });
});

/** Scores of a miscalibrated model: s = 2.5·z + 1 where the truth is P(y = 1) = sigmoid(z). */
function miscalibrated(n: number, seed: number) {
  const r = new Random(seed);
  const z = Float64Array.from({ length: n }, () => r.normal() - 1);
  const y = Uint8Array.from(z, (v) => (r.uniform() < sigmoid(v) ? 1 : 0));
  return { s: z.map((v) => 2.5 * v + 1), y, p: z.map(sigmoid) };
}

describe("calibration of miscalibrated scores", () => {
  const held = miscalibrated(20_000, 1);
  const fresh = miscalibrated(50_000, 2);

  it("Platt scaling recovers the sigmoid that undoes the distortion", () => {
    const c = fitPlatt(held.s, held.y);
    // P(y = 1 | s) = sigmoid((s − 1)/2.5) = 1/(1 + exp(−0.4·s + 0.4)): A = −0.4, B = 0.4.
    expect(c.A).toBeCloseTo(-0.4, 1);
    expect(c.B).toBeCloseTo(0.4, 1);
  });

  for (const kind of ["platt", "isotonic"] as const) {
    it(`${kind} makes predicted and observed rates agree on fresh rows`, () => {
      const c = kind === "platt" ? fitPlatt(held.s, held.y) : fitIsotonic(held.s, held.y);
      const before = calibrationTable(fresh.y, fresh.s.map(sigmoid));
      const after = calibrationTable(fresh.y, calibrate(c, fresh.s));
      // The count-weighted mean gap between predicted and observed (expected calibration error).
      const gap = (t: typeof before) => t.reduce((a, r) => a + r.count * Math.abs(r.meanPredicted - r.observedRate), 0) / fresh.y.length;
      expect(gap(before)).toBeGreaterThan(0.08);
      expect(gap(after)).toBeLessThan(0.015);
      expect(logLoss(fresh.y, calibrate(c, fresh.s))).toBeLessThan(logLoss(fresh.y, fresh.s.map(sigmoid)));
    });
  }

  it("chooses a calibration over none by cross-fitted log loss, and none for calibrated scores", () => {
    const choice = chooseCalibration(held.s, held.y, { seed: 3 });
    expect(choice.candidates.map((c) => c.kind)).toEqual(["none", "platt", "isotonic"]);
    expect(choice.calibrator.kind).not.toBe("none");
    const best = choice.candidates.reduce((a, b) => (b.logLoss < a.logLoss ? b : a));
    expect(choice.calibrator.kind).toBe(best.kind);
    // Scores that are already the true log-odds: calibrating cannot gain much.
    const good = chooseCalibration(held.s.map((v) => (v - 1) / 2.5), held.y, { seed: 3 });
    const none = good.candidates[0]!.logLoss;
    for (const c of good.candidates) expect(c.logLoss).toBeGreaterThan(none - 0.002);
  });
});
