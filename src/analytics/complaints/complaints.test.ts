import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { dayNumber } from "../../domain/days.ts";
import { newcombeDifference, wilson } from "../stats/proportions.ts";
import { CLOSED, complaintVolumes, OPEN, periodEnding, RESOLVED, resolution, type ComplaintColumns, type Severity } from "./complaints.ts";
import { baselineDays, complainerWindows, G_INCOMPLETE, G_RESOLVED, G_UNRESOLVED, repurchaseComparison } from "./repurchase.ts";

const d = dayNumber;
type Row = [customer: number, opened: string, status: number, ended: string | null, category: string | null, channel: string, severity: Severity, product?: string | null, rootCause?: string | null];

function columns(rows: Row[]): ComplaintColumns {
  return {
    customer: Float64Array.from(rows.map((r) => r[0])),
    opened: Int32Array.from(rows.map((r) => d(r[1]))),
    status: Uint8Array.from(rows.map((r) => r[2])),
    ended: Float64Array.from(rows.map((r) => (r[3] ? d(r[3]) : NaN))),
    category: rows.map((r) => r[4]),
    channel: rows.map((r) => r[5]),
    severity: rows.map((r) => r[6]),
    product: rows.map((r) => r[7] ?? null),
    rootCause: rows.map((r) => r[8] ?? null),
  };
}

/**
 * The worked example of docs/complaints.md: as of 2024-06-30, a 12-month period
 * (2023-07-01 … 2024-06-30) and a 30-day window. Customer 7's first complaint is before the
 * period, so their January one counts; customer 8 complains twice in it, the first counts.
 */
const ROWS: Row[] = [
  [7, "2023-05-01", RESOLVED, "2023-05-02", "quality", "phone", "normal", "kettle", "logistics_late"],
  [8, "2023-08-01", RESOLVED, null, "quality", "phone", "normal", "kettle", "product_material"],
  [8, "2023-09-01", OPEN, null, "delivery", "web", "normal", null, "logistics_late"],
  [7, "2024-01-05", OPEN, null, null, "web", "normal"],
  [1, "2024-01-10", RESOLVED, "2024-01-15", "quality", "phone", "normal", "kettle", "product"],
  [2, "2024-02-01", RESOLVED, "2024-02-11", "quality", "web", "high", "cup", "product_material"],
  [3, "2024-03-01", OPEN, null, "delivery", "phone", "normal", "cup", "logistics_damaged"],
  [4, "2024-04-01", CLOSED, "2024-04-03", "quality", "web", "normal", null, "unfounded"],
  [5, "2024-04-10", RESOLVED, "2024-05-20", "delivery", "phone", "critical", "kettle", "retired_cause"],
  [6, "2024-06-15", RESOLVED, "2024-06-16", null, "web", "normal"],
];
/** Each recorded root cause's top-level cause, as the settings' tree gives it ("retired_cause" is no longer in it). */
const TOP = new Map([["product", "product"], ["product_material", "product"], ["logistics_late", "logistics"], ["logistics_damaged", "logistics"], ["unfounded", "customer_side"]]);
/** Counts without their months. */
const totals = <T extends { months: number[] }>(xs: T[]) => xs.map(({ months: _months, ...x }) => x);
/** A month series of the 12-month period from 2023-07 as { 'YYYY-MM': n } of its non-zero months. */
const nonZero = (months: number[]) =>
  Object.fromEntries(months.flatMap((n, i) => (n ? [[`${2023 + Math.floor((6 + i) / 12)}-${String(((6 + i) % 12) + 1).padStart(2, "0")}`, n]] : [])));
const C = columns(ROWS);
const PERIOD = periodEnding("2024-06-30", 12);
/** Each complainer's first purchase day after their first complaint in the period, in the order of complainerWindows. */
const NEXT: Record<number, string | null> = { 8: "2023-08-31", 7: null, 1: "2024-01-20", 2: "2024-03-15", 3: "2024-03-01", 4: "2024-04-20", 5: "2024-05-01", 6: "2024-06-20" };

describe("complaint volumes and resolution", () => {
  it("counts the period's complaints by category, channel, severity and month", () => {
    expect(PERIOD).toEqual({ from: d("2023-07-01"), to: d("2024-06-30") });
    const v = complaintVolumes(C, PERIOD);
    expect(v.complaints).toBe(9);
    expect(v.customers).toBe(8);
    expect(totals(v.byCategory)).toEqual([
      { key: "quality", complaints: 4, customers: 4 },
      { key: "delivery", complaints: 3, customers: 3 },
      { key: null, complaints: 2, customers: 2 },
    ]);
    expect(totals(v.byChannel)).toEqual([{ key: "web", complaints: 5, customers: 5 }, { key: "phone", complaints: 4, customers: 4 }]);
    expect(totals(v.bySeverity)).toEqual([
      { key: "low", complaints: 0, customers: 0 }, { key: "normal", complaints: 7, customers: 6 },
      { key: "high", complaints: 1, customers: 1 }, { key: "critical", complaints: 1, customers: 1 },
    ]);
    expect(v.byMonth.length).toBe(12);
    expect(Object.fromEntries(v.byMonth.filter((m) => m.complaints).map((m) => [m.month, m.complaints])))
      .toEqual({ "2023-08": 1, "2023-09": 1, "2024-01": 2, "2024-02": 1, "2024-03": 1, "2024-04": 2, "2024-06": 1 });
  });

  it("counts by product and by root cause, top level and node, with not yet determined last", () => {
    const v = complaintVolumes(C, PERIOD, TOP);
    expect(totals(v.byProduct)).toEqual([
      { key: "kettle", complaints: 3, customers: 3 }, { key: "cup", complaints: 2, customers: 2 }, { key: null, complaints: 4, customers: 4 },
    ]);
    expect(totals(v.byRootCause)).toEqual([
      { key: "product", complaints: 3, customers: 3 }, { key: "logistics", complaints: 2, customers: 2 },
      { key: "customer_side", complaints: 1, customers: 1 }, { key: "retired_cause", complaints: 1, customers: 1 },
      { key: null, complaints: 2, customers: 2 },
    ]);
    expect(totals(v.byRootCauseNode).map((x) => [x.key, x.top, x.complaints])).toEqual([
      ["product_material", "product", 2], ["logistics_damaged", "logistics", 1], ["logistics_late", "logistics", 1], ["product", "product", 1],
      ["retired_cause", "retired_cause", 1], ["unfounded", "customer_side", 1], [null, null, 2],
    ]);
    // Without the tree every node is its own top-level cause.
    expect(complaintVolumes(C, PERIOD).byRootCause.map((x) => x.key)).toEqual(v.byRootCauseNode.map((x) => x.key));
  });

  it("spreads every count over the months of the period, adding up to the month totals", () => {
    const v = complaintVolumes(C, PERIOD, TOP);
    const product = v.byRootCause.find((x) => x.key === "product")!;
    expect(nonZero(product.months)).toEqual({ "2023-08": 1, "2024-01": 1, "2024-02": 1 });
    expect(nonZero(v.byRootCause.find((x) => x.key === null)!.months)).toEqual({ "2024-01": 1, "2024-06": 1 });
    expect(nonZero(v.byProduct.find((x) => x.key === "kettle")!.months)).toEqual({ "2023-08": 1, "2024-01": 1, "2024-04": 1 });
    for (const rows of [v.byCategory, v.byChannel, v.bySeverity, v.byProduct, v.byRootCause, v.byRootCauseNode]) {
      for (const x of rows) expect(x.months.reduce((a, b) => a + b, 0)).toBe(x.complaints);
      expect(v.byMonth.map((_, m) => rows.reduce((n, x) => n + (x.months[m] as number), 0))).toEqual(v.byMonth.map((m) => m.complaints));
    }
  });

  it("counts resolved, closed and open as of the last day, and the days to resolve of the dated resolutions", () => {
    const r = resolution(C, PERIOD);
    expect(r).toEqual({ complaints: 9, resolved: 5, closed: 1, open: 3, resolvedShare: 5 / 9, undated: 1, medianDays: 7.5, p90Days: 31, meanDays: 14 });
    // As of 2024-05-15, customer 5's complaint (resolved on 2024-05-20) was still open; 6's not yet opened.
    const earlier = resolution(C, { from: PERIOD.from, to: d("2024-05-15") });
    expect(earlier).toMatchObject({ complaints: 8, resolved: 3, closed: 1, open: 4, medianDays: 7.5, undated: 1 });
  });
});

describe("repurchase after a complaint", () => {
  const w = complainerWindows(C, PERIOD, 30);
  const next = Float64Array.from(Array.from(w.customer, (id) => (NEXT[id] ? d(NEXT[id]) : NaN)));

  it("puts each complainer in one group by their first complaint in the period", () => {
    const groups = Object.fromEntries(Array.from(w.customer, (id, k) => [id, w.group[k]]));
    expect(groups).toEqual({ 8: G_RESOLVED, 7: G_UNRESOLVED, 1: G_RESOLVED, 2: G_RESOLVED, 3: G_UNRESOLVED, 4: G_UNRESOLVED, 5: G_UNRESOLVED, 6: G_INCOMPLETE });
    expect(Array.from(w.t)).toEqual(["2023-08-01", "2024-01-05", "2024-01-10", "2024-02-01", "2024-03-01", "2024-04-01", "2024-04-10", "2024-06-15"].map(d));
  });

  it("compares the groups' repurchase rates with Wilson and Newcombe intervals", () => {
    const r = repurchaseComparison(C, w, next, 30, { customers: 10, repurchased: 7 });
    expect(r).toMatchObject({ windowDays: 30, complainers: 8, incomplete: 1, resolvedLate: 1, undatedResolved: 1 });
    expect(r.groups.map((g) => [g.group, g.customers, g.repurchased, g.rate])).toEqual([
      ["resolved", 3, 2, 2 / 3], ["unresolved", 4, 2, 0.5], ["noComplaint", 10, 7, 0.7],
    ]);
    expect(r.groups[0]!.interval).toEqual(wilson(2, 3));
    expect(r.groups[0]!.interval![0]).toBeCloseTo(0.2077, 4);
    expect(r.groups[0]!.interval![1]).toBeCloseTo(0.9385, 4);
    expect(r.differences.map((x) => [x.a, x.b, x.difference])).toEqual([
      ["resolved", "unresolved", 2 / 3 - 0.5], ["resolved", "noComplaint", 2 / 3 - 0.7], ["unresolved", "noComplaint", 0.5 - 0.7],
    ]);
    expect(r.differences[0]!.interval).toEqual(newcombeDifference(2, 3, 2, 4));
  });

  it("defines the no-complaint group's days from A − W", () => {
    expect(baselineDays(d("2024-06-30"), 30)).toEqual({
      reference: d("2024-05-31"), bought: { from: d("2023-06-01"), to: d("2024-05-31") }, repurchase: { from: d("2024-06-01"), to: d("2024-06-30") },
    });
  });

  it("property: every complainer in exactly one group, rates in [0, 1], intervals around them", () => {
    const row = fc.tuple(fc.integer({ min: 1, max: 30 }), fc.integer({ min: 0, max: 500 }), fc.constantFrom(OPEN, RESOLVED, CLOSED), fc.option(fc.integer({ min: -3, max: 200 })));
    fc.assert(fc.property(fc.array(row, { maxLength: 80 }), fc.integer({ min: 1, max: 120 }), fc.integer({ min: 0, max: 500 }), fc.array(fc.option(fc.integer({ min: -10, max: 200 })), { minLength: 30, maxLength: 30 }), (rows, windowDays, asOf, buys) => {
      rows.sort((a, b) => a[1] - b[1]);
      const c: ComplaintColumns = {
        customer: Float64Array.from(rows.map((r) => r[0])), opened: Int32Array.from(rows.map((r) => r[1])), status: Uint8Array.from(rows.map((r) => r[2])),
        ended: Float64Array.from(rows.map((r) => (r[2] !== OPEN && r[3] !== null ? r[1] + r[3] : NaN))),
        category: rows.map(() => null), channel: rows.map(() => "web"), severity: rows.map(() => "normal" as const),
        product: rows.map(() => null), rootCause: rows.map(() => null),
      };
      const period = { from: 100, to: asOf };
      const win = complainerWindows(c, period, windowDays);
      const inPeriod = new Set(rows.filter((r) => r[1] >= 100 && r[1] <= asOf).map((r) => r[0]));
      expect(new Set(win.customer).size).toBe(win.customer.length);
      expect(new Set(win.customer)).toEqual(inPeriod);
      const next = Float64Array.from(Array.from(win.t, (t, k) => (buys[k % 30] == null ? NaN : t + buys[k % 30]!)));
      const r = repurchaseComparison(c, win, next, windowDays, { customers: 5, repurchased: 3 });
      const [resolved, unresolved] = r.groups;
      expect(resolved!.customers + unresolved!.customers + r.incomplete).toBe(inPeriod.size);
      for (const g of r.groups) {
        if (g.rate === null) expect(g.customers).toBe(0);
        else {
          expect(g.rate).toBeGreaterThanOrEqual(0);
          expect(g.rate).toBeLessThanOrEqual(1);
          expect(g.interval![0]).toBeLessThanOrEqual(g.rate);
          expect(g.interval![1]).toBeGreaterThanOrEqual(g.rate);
        }
      }
      for (const x of r.differences) if (x.difference !== null) expect(x.interval![0] <= x.difference && x.difference <= x.interval![1]).toBe(true);
    }));
  });
});
