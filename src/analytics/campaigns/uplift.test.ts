import { describe, expect, it } from "vitest";
import { Sfc32 } from "../sfc32.ts";
import { campaignEffect, welchDifference } from "./uplift.ts";

/** A simulated campaign whose true effect is known: response +Δp, revenue per responder ×(1+lift). */
function simulate(seed: number, n: { treated: number; control: number }, p: { treated: number; control: number }, meanSpend: number) {
  const rng = new Sfc32(seed, 0x5eed, 7);
  const group = (size: number, rate: number) => {
    const revenue = new Float64Array(size);
    let responded = 0;
    for (let i = 0; i < size; i++) {
      if (rng.uniform() < rate) {
        responded++;
        revenue[i] = -meanSpend * Math.log(rng.uniform()); // exponential spend
      }
    }
    return { n: size, responded, revenue, margin: revenue.map((r) => r * 0.4) };
  };
  return { treated: group(n.treated, p.treated), control: group(n.control, p.control) };
}

describe("a campaign's effect against its control group", () => {
  it("finds a known effect: the intervals cover the true uplift in about 95% of campaigns", () => {
    // True response 30% vs 20%; revenue per customer 0.30·100 − 0.20·100 = 10 more.
    let coverResponse = 0;
    let coverRevenue = 0;
    const runs = 400;
    for (let seed = 1; seed <= runs; seed++) {
      const { treated, control } = simulate(seed, { treated: 1800, control: 200 }, { treated: 0.3, control: 0.2 }, 100);
      const e = campaignEffect(treated, control, 1000);
      if (e.response.interval![0] <= 0.1 && 0.1 <= e.response.interval![1]) coverResponse++;
      if (e.revenue.interval![0] <= 10 && 10 <= e.revenue.interval![1]) coverRevenue++;
    }
    expect(coverResponse / runs).toBeGreaterThan(0.92);
    expect(coverResponse / runs).toBeLessThan(0.98);
    expect(coverRevenue / runs).toBeGreaterThan(0.92);
    expect(coverRevenue / runs).toBeLessThan(0.98);
  });

  it("reports incremental totals and ROI from the margin, on a fixture worked by hand", () => {
    const treated = { n: 4, responded: 2, revenue: Float64Array.from([100, 0, 50, 0]), margin: Float64Array.from([40, 0, 20, 0]) };
    const control = { n: 4, responded: 1, revenue: Float64Array.from([0, 30, 0, 0]), margin: Float64Array.from([0, 12, 0, 0]) };
    const e = campaignEffect(treated, control, 10);
    expect(e.response).toMatchObject({ treated: 0.5, control: 0.25, difference: 0.25, incremental: 1 });
    // Revenue per customer 37.5 against 7.5: 30 more each, 120 over the 4 contacted.
    expect(e.revenue.difference).toBeCloseTo(30, 12);
    expect(e.revenue.incremental).toBeCloseTo(120, 12);
    // Margin per customer 15 against 3: 12 more each, 48 in all; ROI (48 − 10) / 10 = 3.8.
    expect(e.margin!.incremental).toBeCloseTo(48, 12);
    expect(e.roi!.value).toBeCloseTo(3.8, 12);
    expect(e.roi!.interval![0]).toBeLessThan(3.8);
    expect(e.roi!.interval![1]).toBeGreaterThan(3.8);
  });

  it("matches Welch's interval worked by hand (and SciPy's ttest_ind with equal_var=False)", () => {
    // a: mean 5, s² = 2.5 (n 5); b: mean 3, s² = 1 (n 3). se² = 0.5 + 1/3 = 5/6;
    // df = (5/6)² / (0.5²/4 + (1/3)²/2) = 5.882352…; t(0.975, 5.8824) = 2.458824 (SciPy).
    const w = welchDifference(Float64Array.from([3, 4, 5, 6, 7]), Float64Array.from([2, 3, 4]));
    expect(w.difference).toBeCloseTo(2, 12);
    expect(w.df).toBeCloseTo(5.882352941176471, 10);
    expect(w.interval![1] - 2).toBeCloseTo(2.458823709699146 * Math.sqrt(5 / 6), 6);
  });

  it("refuses groups whose counts do not add up", () => {
    const g = { n: 2, responded: 3, revenue: new Float64Array(2) };
    expect(() => campaignEffect(g, g, 0)).toThrow(/3 of 2 responded/);
  });
});
