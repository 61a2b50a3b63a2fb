import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decSign } from "../../domain/decimal.ts";
import { defaultProgrammes, roundText, sensitivity, type SensitivityInputError, type SensitivityInputs } from "./sensitivity.ts";

/**
 * Seed 000's table: 63,590 sales lost, 5,888 won back by programme A, 27,693 by B. The
 * published inputs behind it were not found, so these were chosen to reproduce its totals
 * (docs/complaints.md, "Sensitivity model"): the seed's own repurchase rates (83% without a
 * problem, 90% after a resolved complaint), 25% of customers with a problem complaining,
 * and 2 sales per customer who buys again.
 */
const SEED: SensitivityInputs = {
  customers: "334900", problemShare: "0.27", complainShare: "0.25", resolvedShare: "0.45",
  rNone: "0.83", rSilent: "0.38", rResolved: "0.90", rUnresolved: "0.67", salesPerCustomer: "2",
};

/** A small case worked by hand in docs/complaints.md. */
const HAND: SensitivityInputs = {
  customers: "1000", problemShare: "0.2", complainShare: "0.25", resolvedShare: "0.6",
  rNone: "0.8", rSilent: "0.5", rResolved: "0.9", rUnresolved: "0.4", salesPerCustomer: "100",
};

const whole = (x: string) => Math.round(Number(x));

describe("the sensitivity model", () => {
  it("reproduces seed 000's table: 63,590 lost, 5,888 and 27,693 won back", () => {
    const r = sensitivity(SEED, [
      { name: "A", problemShare: "0.245" },
      { name: "B", problemShare: "0.245", complainShare: "0.5", resolvedShare: "0.75" },
    ]);
    expect(whole(r.baseline.lostSales.total)).toBe(63_590);
    expect(r.programmes.map((p) => whole(p.recoveredSales))).toEqual([5_888, 27_693]);
    expect(r.programmes.map((p) => whole(p.lostSales.total))).toEqual([57_702, 35_897]);
  });

  it("splits the loss by group, and works out what each programme wins back and returns (the hand-worked case)", () => {
    const r = sensitivity(HAND, [
      { name: "A", problemShare: "0.18", cost: "200" },
      { name: "B", problemShare: "0.18", complainShare: "0.5", resolvedShare: "0.8", cost: "4600" },
      { name: "free" },
    ]);
    // 200 customers with a problem: 150 silent lose 0.3 each, 30 resolved gain 0.1, 20 unresolved lose 0.4.
    expect(r.baseline).toEqual({
      problemShare: "0.2", complainShare: "0.25", resolvedShare: "0.6", problemCustomers: "200",
      lostCustomers: { silent: "45", resolved: "-3", unresolved: "8", total: "50" },
      lostSales: { silent: "4500", resolved: "-300", unresolved: "800", total: "5000" },
    });
    const [a, b, free] = r.programmes;
    expect(a).toMatchObject({ name: "A", problemCustomers: "180", lostSales: { total: "4500" }, recoveredCustomers: "5", recoveredSales: "500", recoveredShare: 0.1, cost: "200", net: "300", returnOnCost: 1.5 });
    expect(b).toMatchObject({
      name: "B", complainShare: "0.5", resolvedShare: "0.8",
      lostCustomers: { silent: "27", resolved: "-7.2", unresolved: "7.2", total: "27" },
      recoveredSales: "2300", recoveredShare: 0.46, net: "-2300", returnOnCost: -0.5,
    });
    expect(free).toMatchObject({ recoveredSales: "0", cost: null, net: null, returnOnCost: null });
  });

  it("rounds the reported figures half away from zero, from the exact loss", () => {
    // 1.5 customers with a problem, none complaining, each losing 0.001: 0.0015 customers
    // (shown as 0), × 3.35 = 0.005025 sales (shown as 0.01).
    const r = sensitivity({ ...HAND, customers: "3", problemShare: "0.5", complainShare: "0", rNone: "0.001", rSilent: "0", salesPerCustomer: "3.35" });
    expect(r.baseline.lostCustomers.total).toBe("0");
    expect(r.baseline.lostSales.total).toBe("0.01");
    expect(roundText("2.345", 2)).toBe("2.35");
    expect(roundText("-2.345", 2)).toBe("-2.35");
    expect(roundText("-0.004", 2)).toBe("0");
  });

  it("refuses a figure out of range, naming it", () => {
    const refused = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        expect(e).toBeInstanceOf(RangeError);
        return [(e as SensitivityInputError).field, (e as Error).message];
      }
      throw new Error("accepted");
    };
    expect(refused(() => sensitivity({ ...HAND, rNone: "1.2" }))).toEqual(["inputs.rNone", expect.stringMatching(/^inputs\.rNone 1\.2: give a share from 0 to 1/)]);
    expect(refused(() => sensitivity({ ...HAND, customers: "10.5" }))[0]).toBe("inputs.customers");
    expect(refused(() => sensitivity({ ...HAND, salesPerCustomer: "-1" }))[0]).toBe("inputs.salesPerCustomer");
    const { rSilent: _, ...withoutSilent } = HAND;
    expect(refused(() => sensitivity(withoutSilent))).toEqual(["inputs.rSilent", expect.stringContaining("(missing)")]);
    expect(refused(() => sensitivity(HAND, [{ name: "A" }, { name: "B", cost: "lots" }]))[0]).toBe("programmes.1.cost");
    expect(refused(() => sensitivity(HAND, [{ name: "A", complainShare: "1.01" }]))[0]).toBe("programmes.0.complainShare");
  });

  it("makes seed 000's two programmes from the baseline: a tenth fewer problems; and twice the complaints heard, half the unresolved solved", () => {
    expect(defaultProgrammes({ problemShare: "0.27", complainShare: "0.25", resolvedShare: "0.45" })).toEqual([
      { name: "A", problemShare: "0.243" },
      { name: "B", problemShare: "0.243", complainShare: "0.50", resolvedShare: "0.725" },
    ]);
    expect(defaultProgrammes({ problemShare: "1", complainShare: "0.6", resolvedShare: "1" })[1]).toMatchObject({ complainShare: "1", resolvedShare: "1.0" });
  });
});

/** A share with 4 decimals, as the service rounds measured ones. */
const arbShare = fc.integer({ min: 0, max: 10_000 }).map((n) => (n / 10_000).toFixed(4));
const arbInputs = fc.record({
  customers: fc.integer({ min: 0, max: 10_000_000 }).map(String),
  problemShare: arbShare, complainShare: arbShare, resolvedShare: arbShare,
  rNone: arbShare, rSilent: arbShare, rResolved: arbShare, rUnresolved: arbShare,
  salesPerCustomer: fc.integer({ min: 0, max: 10_000_000 }).map((n) => (n / 100).toFixed(2)),
});
const atLeast0 = (x: string) => decSign(x) >= 0;

describe("the sensitivity model's properties", () => {
  it("a programme that changes nothing wins back nothing", () => {
    fc.assert(fc.property(arbInputs, (i) => {
      const [p] = sensitivity(i, [{ name: "same", problemShare: i.problemShare, complainShare: i.complainShare, resolvedShare: i.resolvedShare }]).programmes;
      expect(decSign(p!.recoveredSales)).toBe(0);
    }));
  });

  it("fewer problems never lose sales when no problem group buys again more than customers without one, and win back the share (p − p′)/p", () => {
    const arb = arbInputs.chain((i) => fc.record({
      i: fc.constant(i),
      // The groups' rates at most r_none; p′ at most p.
      cap: fc.tuple(arbShare, arbShare, arbShare),
      cut: arbShare,
    }));
    fc.assert(fc.property(arb, ({ i, cap, cut }) => {
      const below = (x: string) => (Number(x) * Number(i.rNone)).toFixed(8);
      const inputs = { ...i, rSilent: below(cap[0]), rResolved: below(cap[1]), rUnresolved: below(cap[2]) };
      const lower = (Number(i.problemShare) * Number(cut)).toFixed(8);
      const r = sensitivity(inputs, [{ name: "A", problemShare: lower }]);
      const a = r.programmes[0]!;
      expect(atLeast0(r.baseline.lostSales.total)).toBe(true);
      expect(atLeast0(a.recoveredSales)).toBe(true);
      if (a.recoveredShare !== null && Number(i.problemShare) > 0) expect(a.recoveredShare).toBeCloseTo(1 - Number(lower) / Number(i.problemShare), 9);
    }));
  });

  it("solving more complaints never loses sales when resolved complainers buy again at least as often as unresolved ones", () => {
    fc.assert(fc.property(arbInputs, arbShare, (i, more) => {
      const [lo, hi] = [i.rResolved, i.rUnresolved].sort((x, y) => Number(x) - Number(y));
      const s2 = (Number(i.resolvedShare) + (1 - Number(i.resolvedShare)) * Number(more)).toFixed(8);
      const [b] = sensitivity({ ...i, rResolved: hi!, rUnresolved: lo! }, [{ name: "B", resolvedShare: s2 }]).programmes;
      expect(atLeast0(b!.recoveredSales)).toBe(true);
    }));
  });

  it("hearing more complaints wins back sales exactly when complainers buy again more than silent customers", () => {
    fc.assert(fc.property(arbInputs, arbShare, (i, more) => {
      const c2 = (Number(i.complainShare) + (1 - Number(i.complainShare)) * Number(more)).toFixed(8);
      const [b] = sensitivity(i, [{ name: "B", complainShare: c2 }]).programmes;
      const s = Number(i.resolvedShare);
      const complainers = s * Number(i.rResolved) + (1 - s) * Number(i.rUnresolved);
      if (complainers > Number(i.rSilent) + 1e-12) expect(atLeast0(b!.recoveredSales)).toBe(true);
      if (complainers < Number(i.rSilent) - 1e-12) expect(decSign(b!.recoveredSales)).toBeLessThanOrEqual(0);
    }));
  });

  it("the loss's groups add up to its total, within the rounding of each", () => {
    fc.assert(fc.property(arbInputs, (i) => {
      const g = sensitivity(i).baseline.lostSales;
      expect(Math.abs(Number(g.silent) + Number(g.resolved) + Number(g.unresolved) - Number(g.total))).toBeLessThanOrEqual(0.015 + 1e-6);
    }));
  });
});
