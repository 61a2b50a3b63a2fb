/**
 * The signals the demo promises to later analyses, measured the way those analyses would
 * measure them: basket lift, follow-up rates, replenishment cycles, drop-out, seasonality,
 * price-only customers, complaint recovery.
 */
import { describe, expect, it } from "vitest";
import { demoCustomers, type DemoCustomer } from "./generate.ts";

const END = "2026-11-21";
const all: DemoCustomer[] = [...demoCustomers({ customers: 10_000, seed: 3, end: END })];
const buyers = all.filter((c) => c.truth);
const DAY = 86_400_000;
const dayOf = (iso: string) => Date.parse(iso) / DAY;
const endDay = dayOf(END);

const sku = (prefixes: string[]) => (s: string | undefined) => prefixes.some((p) => s === p);
// SKUs of the signal products (catalog.ts): see the names in the world's product list.
const DIAPERS = sku(["MY-001", "MY-002", "MY-003", "MY-004"]);
const MILK = sku(["MY-005", "MY-006", "MY-007"]);
const BOTTLE = sku(["MY-008", "MY-009"]);
const BEER = sku(["YL-001", "YL-002"]);
const TV = sku(["JD-001", "JD-002", "JD-003"]);
const SOUNDBAR = sku(["YY-001", "YY-002", "YY-003"]);
const PRINTER = sku(["BG-001", "BG-002"]);
const INK = sku(["BG-003", "BG-004"]);
const PHONE = sku(["SM-001", "SM-002", "SM-003"]);
const CASE = sku(["SM-004", "SM-005"]);

/** Sale orders as sets of SKUs. */
const baskets: Set<string>[] = [];
for (const c of buyers) {
  const byOrder = new Map<string, Set<string>>();
  for (const l of c.lines) {
    if (l.isReturn) continue;
    const b = byOrder.get(l.orderNo!) ?? new Set<string>();
    b.add(l.sku!);
    byOrder.set(l.orderNo!, b);
  }
  baskets.push(...byOrder.values());
}

function lift(a: (s: string) => boolean, b: (s: string) => boolean): number {
  let na = 0;
  let nb = 0;
  let nab = 0;
  for (const x of baskets) {
    const ha = [...x].some(a);
    const hb = [...x].some(b);
    na += +ha;
    nb += +hb;
    nab += +(ha && hb);
  }
  return (nab / baskets.length) / ((na / baskets.length) * (nb / baskets.length));
}

/** Among purchases of `first` at least `window` days before the end: share followed by `then` within the window. */
function followRate(first: (s: string) => boolean, then: (s: string) => boolean, window: number, sameOrder: boolean): number {
  let n = 0;
  let hit = 0;
  for (const c of buyers) {
    const sales = c.lines.filter((l) => !l.isReturn);
    for (const l of sales) {
      if (!first(l.sku!) || dayOf(l.orderedAt) > endDay - window) continue;
      n++;
      const d = dayOf(l.orderedAt);
      const after = sales.some((m) => then(m.sku!) && (sameOrder ? dayOf(m.orderedAt) >= d : dayOf(m.orderedAt) > d) && dayOf(m.orderedAt) <= d + window);
      hit += +after;
    }
  }
  expect(n).toBeGreaterThan(80);
  return hit / n;
}

function orderDays(c: DemoCustomer): number[] {
  return [...new Set(c.lines.filter((l) => !l.isReturn).map((l) => dayOf(l.orderedAt)))].sort((a, b) => a - b);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

describe("association (same order)", () => {
  it.each([
    ["diapers + beer", DIAPERS, BEER],
    ["milk powder + bottle", MILK, BOTTLE],
    ["printer + ink", PRINTER, INK],
    ["phone + case", PHONE, CASE],
  ])("%s have lift > 1.5", (_, a, b) => {
    expect(lift(a, b)).toBeGreaterThan(1.5);
  });

  it("a random pair has lift near 1", () => {
    const l = lift(sku(["SP-001"]), sku(["JJ-008"]));
    expect(l).toBeGreaterThan(0.5);
    expect(l).toBeLessThan(1.6);
  });
});

describe("sequences (across orders)", () => {
  it("a big-screen TV buyer buys a soundbar within 90 days ~30% of the time", () => {
    const r = followRate(TV, SOUNDBAR, 90, true);
    expect(r).toBeGreaterThan(0.22);
    expect(r).toBeLessThan(0.4);
  });

  it("a printer buyer buys ink in a later order within 60 days ~50% of the time", () => {
    const r = followRate(PRINTER, INK, 60, false);
    expect(r).toBeGreaterThan(0.4);
    expect(r).toBeLessThan(0.62);
  });

  it("milk powder is bought again every ~25 days", () => {
    const gaps: number[] = [];
    for (const c of buyers) {
      const days = [...new Set(c.lines.filter((l) => !l.isReturn && MILK(l.sku)).map((l) => dayOf(l.orderedAt)))].sort((a, b) => a - b);
      for (let k = 1; k < days.length; k++) gaps.push(days[k]! - days[k - 1]!);
    }
    expect(gaps.length).toBeGreaterThan(500);
    const m = median(gaps);
    expect(m).toBeGreaterThanOrEqual(22);
    expect(m).toBeLessThanOrEqual(28);
  });
});

describe("purchase process (BG/NBD truth)", () => {
  it("gives a median of 3–6 orders with a long tail", () => {
    const counts = buyers.map((c) => orderDays(c).length).sort((a, b) => a - b);
    expect(median(counts)).toBeGreaterThanOrEqual(3);
    expect(median(counts)).toBeLessThanOrEqual(6);
    expect(counts[Math.floor(counts.length * 0.99)]!).toBeGreaterThan(25);
  });

  it("has 40–50% of buyers inactive by the end, and drop-out is visible: many silent for 6 months", () => {
    const inactive = buyers.filter((c) => !c.truth!.alive).length / buyers.length;
    expect(inactive).toBeGreaterThan(0.38);
    expect(inactive).toBeLessThan(0.55);
    const silent = buyers.filter((c) => orderDays(c).at(-1)! < endDay - 182).length / buyers.length;
    expect(silent).toBeGreaterThan(0.25);
    // Silence tracks the truth: the dropped-out are far more often silent than the active.
    const silentShare = (xs: DemoCustomer[]) => xs.filter((c) => orderDays(c).at(-1)! < endDay - 182).length / xs.length;
    expect(silentShare(buyers.filter((c) => !c.truth!.alive))).toBeGreaterThan(2 * silentShare(buyers.filter((c) => c.truth!.alive)));
    // Nobody buys after dropping out, apart from returns.
    for (const c of buyers.filter((x) => x.truth!.droppedAt)) expect(orderDays(c).at(-1)).toBe(dayOf(c.truth!.droppedAt!));
  });

  it("lets enterprises buy more regularly than individuals", () => {
    const cv = (c: DemoCustomer) => {
      const d = orderDays(c);
      const gaps = d.slice(1).map((x, k) => x - d[k]!);
      const m = gaps.reduce((a, b) => a + b, 0) / gaps.length;
      return Math.sqrt(gaps.reduce((a, b) => a + (b - m) ** 2, 0) / gaps.length) / m;
    };
    const regular = (kind: string) => median(buyers.filter((c) => c.customer.kind === kind && orderDays(c).length >= 5).map(cv));
    expect(regular("enterprise")).toBeLessThan(regular("individual") - 0.15);
  });

  it("spreads first purchases over the months, some months far busier than others", () => {
    const byMonth = new Map<string, number>();
    for (const c of buyers) {
      const m = c.lines[0]!.orderedAt.slice(0, 7);
      byMonth.set(m, (byMonth.get(m) ?? 0) + 1);
    }
    const full = [...byMonth.entries()].filter(([m]) => m > "2024-11" && m < "2026-11").map(([, n]) => n);
    expect(full.length).toBe(23);
    expect(Math.max(...full) / Math.min(...full)).toBeGreaterThan(1.8);
  });
});

describe("seasonality", () => {
  const perDay = new Map<string, number>();
  for (const c of buyers) for (const d of orderDays(c)) perDay.set(new Date(d * DAY).toISOString().slice(0, 10), (perDay.get(new Date(d * DAY).toISOString().slice(0, 10)) ?? 0) + 1);
  const mean = (from: string, to: string) => {
    let s = 0;
    let n = 0;
    for (let d = dayOf(from); d <= dayOf(to); d++) {
      s += perDay.get(new Date(d * DAY).toISOString().slice(0, 10)) ?? 0;
      n++;
    }
    return s / n;
  };

  it("peaks on Double 11 and 618 against the weeks around them", () => {
    expect(mean("2025-11-10", "2025-11-11")).toBeGreaterThan(2 * mean("2025-09-01", "2025-09-30"));
    expect(mean("2026-06-16", "2026-06-18")).toBeGreaterThan(1.8 * mean("2026-07-01", "2026-07-31"));
  });

  it("dips over the Spring Festival after the gift peak before it", () => {
    // Spring Festival 2026 is Feb 17.
    expect(mean("2026-02-14", "2026-02-24")).toBeLessThan(0.6 * mean("2026-01-25", "2026-02-12"));
  });
});

describe("prices", () => {
  it("price-only customers (~15% of individuals) get 20–50% off nearly every line", () => {
    const ind = buyers.filter((c) => c.customer.kind === "individual");
    const po = ind.filter((c) => c.truth!.priceOnly);
    expect(po.length / ind.length).toBeGreaterThan(0.11);
    expect(po.length / ind.length).toBeLessThan(0.19);
    const discountShare = (xs: DemoCustomer[]) => {
      let n = 0;
      let deep = 0;
      for (const c of xs) {
        for (const l of c.lines) {
          if (l.isReturn) continue;
          n++;
          const gross = Number(l.quantity) * Number(l.unitPrice);
          deep += +(Number(l.discount) >= 0.19 * gross);
        }
      }
      return deep / n;
    };
    expect(discountShare(po)).toBeGreaterThan(0.8);
    expect(discountShare(ind.filter((c) => !c.truth!.priceOnly))).toBeLessThan(0.15);
  });

  it("discounts more in the 618 and Double 11 windows", () => {
    const share = (inWindow: (d: string) => boolean) => {
      let n = 0;
      let disc = 0;
      for (const c of buyers) {
        if (c.truth!.priceOnly || c.customer.kind === "enterprise") continue;
        for (const l of c.lines) {
          if (l.isReturn || !inWindow(l.orderedAt)) continue;
          n++;
          disc += +(l.discount !== "0.00");
        }
      }
      return disc / n;
    };
    const promo = (d: string) => (d.slice(5) >= "06-01" && d.slice(5) <= "06-18") || (d.slice(5) >= "10-20" && d.slice(5) <= "11-11");
    expect(share(promo)).toBeGreaterThan(2 * share((d) => d.slice(5, 7) === "08"));
  });
});

describe("complaints", () => {
  it("resolved complainers buy again more often than unresolved ones", () => {
    const rate = (resolved: boolean) => {
      const xs = buyers.filter((c) => c.complaints[0] && (c.complaints[0].status === "resolved") === resolved);
      const again = xs.filter((c) => orderDays(c).some((d) => d > dayOf(c.complaints[0]!.openedAt.slice(0, 10))));
      return again.length / xs.length;
    };
    expect(rate(true)).toBeGreaterThan(rate(false) + 0.2);
  });
});
