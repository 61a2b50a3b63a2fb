import fs from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { followRate, followRates, sequenceRules } from "./sequence-rules.ts";
import { mineSequences, normalizeSequenceDatabase, sequenceElements, sequenceLabel, type FrequentSequences, type SequenceDatabase, type SequenceMiningOptions } from "./sequences.ts";

const FIXTURES = new URL("../../../test/fixtures/sequences/", import.meta.url);

/** Reads the arulesSequences text format (customer, time, number of items, items); labels sorted, ids in that order. */
function readBaskets(name: string, maxCustomers = Infinity): { db: SequenceDatabase; labels: string[] } {
  const rows = fs
    .readFileSync(new URL(name, FIXTURES), "utf8")
    .trim()
    .split(/\r?\n/)
    .map((l) => l.trim().split(/\s+/));
  const labels = [...new Set(rows.flatMap((r) => r.slice(3)))].sort();
  const id = new Map(labels.map((l, i) => [l, i]));
  const co = [0];
  const times: number[] = [];
  const eo = [0];
  const items: number[] = [];
  for (let i = 0; i < rows.length; i++) {
    const [c, t, , ...its] = rows[i]!;
    if (i > 0 && c !== rows[i - 1]![0]) {
      if (co.length === maxCustomers) break;
      co.push(times.length);
    }
    times.push(Number(t));
    for (const x of its) items.push(id.get(x)!);
    eo.push(items.length);
  }
  co.push(times.length);
  const db = { itemCount: labels.length, customerOffsets: Uint32Array.from(co), eventTimes: Int32Array.from(times), eventOffsets: Uint32Array.from(eo), items: Uint32Array.from(items) };
  return { db, labels };
}

/** A database from per-customer [day, items] lists, in the given order. */
function dbOf(itemCount: number, customers: Array<Array<[number, number[]]>>): SequenceDatabase {
  const co = [0];
  const times: number[] = [];
  const eo = [0];
  const items: number[] = [];
  for (const events of customers) {
    for (const [t, its] of events) {
      times.push(t);
      items.push(...its);
      eo.push(items.length);
    }
    co.push(times.length);
  }
  return { itemCount, customerOffsets: Uint32Array.from(co), eventTimes: Int32Array.from(times), eventOffsets: Uint32Array.from(eo), items: Uint32Array.from(items) };
}

const labelled = (s: FrequentSequences, labels: readonly string[]): Record<string, number> =>
  Object.fromEntries(Array.from({ length: s.count }, (_, i) => [sequenceLabel(s, i, labels), s.support[i]! / s.customers]));

// ---- Brute force: the definitions, written out with no shared code ----

type History = Array<{ t: number; items: Set<number> }>;
type Seq = number[][];
interface Constraints {
  mingap: number;
  maxgap: number;
  maxwin: number;
  maxlen: number;
  maxsize: number;
}

/** Each customer's elements: same-day events merged. */
function histories(db: SequenceDatabase): History[] {
  const out: History[] = [];
  for (let c = 0; c + 1 < db.customerOffsets.length; c++) {
    const h: History = [];
    for (let e = db.customerOffsets[c]!; e < db.customerOffsets[c + 1]!; e++) {
      const t = db.eventTimes[e]!;
      if (h.length === 0 || h[h.length - 1]!.t !== t) h.push({ t, items: new Set() });
      for (let j = db.eventOffsets[e]!; j < db.eventOffsets[e + 1]!; j++) h[h.length - 1]!.items.add(db.items[j]!);
    }
    out.push(h);
  }
  return out;
}

/** Whether some choice of elements holds the sequence within the constraints: every embedding tried. */
function contains(h: History, seq: Seq, k: Constraints): boolean {
  const rec = (j: number, prev: number, first: number): boolean => {
    if (j === seq.length) return true;
    for (let i = prev + 1; i < h.length; i++) {
      const t = h[i]!.t;
      if (j > 0 && (t - h[prev]!.t < k.mingap || t - h[prev]!.t > k.maxgap || t - first > k.maxwin)) continue;
      if (seq[j]!.every((x) => h[i]!.items.has(x)) && rec(j + 1, i, j === 0 ? t : first)) return true;
    }
    return false;
  };
  return rec(0, -1, 0);
}

const keyOf = (seq: Seq): string => seq.map((el) => [...el].sort((a, b) => a - b).join(",")).join("|");

/** Every sequence contained in the history within the constraints, enumerated from all embeddings. */
function allContained(h: History, k: Constraints): Set<string> {
  const out = new Set<string>();
  const subsets = (items: number[]): number[][] => {
    const res: number[][] = [];
    for (let mask = 1; mask < 1 << items.length; mask++) {
      const s = items.filter((_, b) => mask & (1 << b));
      if (s.length <= k.maxsize) res.push(s);
    }
    return res;
  };
  const rec = (seq: Seq, prev: number, first: number): void => {
    if (seq.length === k.maxlen) return;
    for (let i = prev + 1; i < h.length; i++) {
      const t = h[i]!.t;
      if (seq.length > 0 && (t - h[prev]!.t < k.mingap || t - h[prev]!.t > k.maxgap || t - first > k.maxwin)) continue;
      for (const s of subsets([...h[i]!.items])) {
        const next = [...seq, s];
        out.add(keyOf(next));
        rec(next, i, seq.length === 0 ? t : first);
      }
    }
  };
  rec([], -1, 0);
  return out;
}

const constraintsOf = (o: SequenceMiningOptions): Constraints => ({ mingap: o.mingap ?? 1, maxgap: o.maxgap ?? Infinity, maxwin: o.maxwin ?? Infinity, maxlen: o.maxlen ?? 10, maxsize: o.maxsize ?? 10 });

/** The follow rate straight from its definition: every pair of purchases of A and B compared. */
function bruteFollow(hs: History[], a: number[], b: number[], days: number, asOf?: number): { buyers: number; days: number[] } {
  let buyers = 0;
  const ds: number[] = [];
  for (const h of hs) {
    const aDays = h.filter((el) => a.every((x) => el.items.has(x)) && (asOf === undefined || el.t <= asOf - days)).map((el) => el.t);
    const bDays = h.filter((el) => b.every((x) => el.items.has(x))).map((el) => el.t);
    if (aDays.length === 0) continue;
    buyers++;
    const gaps = aDays.flatMap((ta) => bDays.filter((tb) => tb > ta).map((tb) => tb - ta));
    const d = Math.min(...gaps);
    if (d <= days) ds.push(d);
  }
  return { buyers, days: ds };
}

// ---- Zaki's example ----

const zaki = readBaskets("zaki.txt");

describe("cSPADE on Zaki's example", () => {
  it("finds the 18 sequences arulesSequences prints for support 0.4", () => {
    // arulesSequences tests/zaki.Rout.save, inspect(s1) for cspade(zaki, parameter = list(support = 0.4)):
    // minimum count ⌈0.4 · 4⌉ = 2 customers; the same list as Fig. 1 of Zaki (2001) at min_sup 2.
    const s = mineSequences(zaki.db, { minSupport: 0.4 });
    expect(s.minCount).toBe(2);
    expect(labelled(s, zaki.labels)).toEqual({
      "<{A}>": 1, "<{B}>": 1, "<{D}>": 0.5, "<{F}>": 1, "<{A,F}>": 0.75, "<{B,F}>": 1,
      "<{D},{F}>": 0.5, "<{D},{B,F}>": 0.5, "<{A,B,F}>": 0.75, "<{A,B}>": 0.75, "<{D},{B}>": 0.5,
      "<{B},{A}>": 0.5, "<{D},{A}>": 0.5, "<{F},{A}>": 0.5, "<{D},{F},{A}>": 0.5, "<{B,F},{A}>": 0.5,
      "<{D},{B,F},{A}>": 0.5, "<{D},{B},{A}>": 0.5,
    });
  });

  it("honours maxsize and maxlen as cspade does", () => {
    // Same file, as(s2, "data.frame") for support 0.4, maxsize 2, maxlen 2: 14 sequences.
    const s = mineSequences(zaki.db, { minSupport: 0.4, maxsize: 2, maxlen: 2 });
    expect(labelled(s, zaki.labels)).toEqual({
      "<{A}>": 1, "<{B}>": 1, "<{D}>": 0.5, "<{F}>": 1, "<{A,F}>": 0.75, "<{B,F}>": 1, "<{D},{F}>": 0.5,
      "<{D},{B,F}>": 0.5, "<{A,B}>": 0.75, "<{D},{B}>": 0.5, "<{B},{A}>": 0.5, "<{D},{A}>": 0.5,
      "<{F},{A}>": 0.5, "<{B,F},{A}>": 0.5,
    });
  });

  it("counts every sequence of the data at support 0.25 as arulesSequences does", () => {
    // arulesSequences tests/ptree.Rout.save: cspade(zaki, support = .25) gives 3917 sequences,
    // by number of elements 31, 328, 1353, 2205 (table(size(s7), …)).
    const s = mineSequences(zaki.db, { minSupport: 0.25 });
    const bySize = [0, 0, 0, 0, 0];
    for (let i = 0; i < s.count; i++) bySize[s.patternOffsets[i + 1]! - s.patternOffsets[i]!]!++;
    expect(s.count).toBe(3917);
    expect(bySize).toEqual([0, 31, 328, 1353, 2205]);
  });

  it("keeps only the sequences whose consecutive elements are at most maxgap days apart", () => {
    // By hand, maxgap 5 (customers: 1: C D@10, A B C@15, A B F@20, A C D F@25; 2: A B F@15, E@20;
    // 3: A B F@10; 4: D G H@10, B F@20, A G H@25). D is followed within 5 days only in customer 1
    // (D@10 → A B C@15), so every sequence starting with D drops to one customer; B, F and {B,F}
    // @20 → A@25 hold in customers 1 and 4. The eight one-element sequences stay.
    const s = mineSequences(zaki.db, { minSupport: 0.4, maxgap: 5 });
    expect(labelled(s, zaki.labels)).toEqual({
      "<{A}>": 1, "<{B}>": 1, "<{D}>": 0.5, "<{F}>": 1, "<{A,F}>": 0.75, "<{B,F}>": 1, "<{A,B,F}>": 0.75, "<{A,B}>": 0.75,
      "<{B},{A}>": 0.5, "<{F},{A}>": 0.5, "<{B,F},{A}>": 0.5,
    });
  });

  it("keeps only the sequences whose consecutive elements are at least mingap days apart", () => {
    // By hand, mingap 10: D@10 → B F@20 in customers 1 and 4, D@10 → A@20 (1) and A@25 (4);
    // B or F → A is 5 days apart in customer 4 (B F@20, A@25), so those drop to one customer.
    const s = mineSequences(zaki.db, { minSupport: 0.4, mingap: 10 });
    expect(labelled(s, zaki.labels)).toEqual({
      "<{A}>": 1, "<{B}>": 1, "<{D}>": 0.5, "<{F}>": 1, "<{A,F}>": 0.75, "<{B,F}>": 1, "<{A,B,F}>": 0.75, "<{A,B}>": 0.75,
      "<{D},{F}>": 0.5, "<{D},{B}>": 0.5, "<{D},{A}>": 0.5, "<{D},{B,F}>": 0.5,
    });
  });

  it("induces the 10 rules of ruleInduction(s1, confidence = 0.5)", () => {
    // arulesSequences tests/zaki.Rout.save, inspect(r1): lhs => rhs, support, confidence, lift.
    const s = mineSequences(zaki.db, { minSupport: 0.4 });
    const r = sequenceRules(s, 0.5);
    const rules = Object.fromEntries(
      Array.from({ length: r.count }, (_, k) => [
        `${sequenceLabel(s, r.lhs[k]!, zaki.labels)} => ${sequenceLabel(s, r.rhs[k]!, zaki.labels)}`,
        [r.support[k], r.confidence[k], r.lift[k]],
      ]),
    );
    expect(rules).toEqual({
      "<{D}> => <{F}>": [0.5, 1, 1], "<{D}> => <{B,F}>": [0.5, 1, 1], "<{D}> => <{B}>": [0.5, 1, 1],
      "<{B}> => <{A}>": [0.5, 0.5, 0.5], "<{D}> => <{A}>": [0.5, 1, 1], "<{F}> => <{A}>": [0.5, 0.5, 0.5],
      "<{D},{F}> => <{A}>": [0.5, 1, 1], "<{B,F}> => <{A}>": [0.5, 0.5, 0.5], "<{D},{B,F}> => <{A}>": [0.5, 1, 1],
      "<{D},{B}> => <{A}>": [0.5, 1, 1],
    });
    // The default minimum confidence, 0.8, keeps the seven rules of confidence 1.
    expect(sequenceRules(s).count).toBe(7);
  });

  it("measures D then B within N days, as the rule <{D}> => <{B}> under maxgap N", () => {
    // D buyers: customers 1 (D@10, D@25) and 4 (D@10). Next B after a D: 1 at day 15 (5 days),
    // 4 at day 20 (10 days). Within 10 days: both; within 5: customer 1 only.
    const ten = followRate(zaki.db, [3], [1], 10);
    expect(ten).toMatchObject({ buyers: 2, followers: 2, share: 1, meanDays: 7.5 });
    expect([...ten.histogram]).toEqual([0, 0, 0, 0, 1, 0, 0, 0, 0, 1]);
    expect(followRate(zaki.db, [3], [1], 5)).toMatchObject({ buyers: 2, followers: 1, share: 0.5 });
    const s = mineSequences(zaki.db, { minCount: 1, maxgap: 5 });
    const rule = sequenceRules(s, 0);
    const k = Array.from({ length: rule.count }, (_, i) => i).find((i) => sequenceLabel(s, rule.sequence[i]!, zaki.labels) === "<{D},{B}>")!;
    expect(rule.confidence[k]).toBe(0.5);
  });
});

describe("A then B within N days", () => {
  it("reproduces '30% of TV buyers buy audio within 90 days' on a hand-built history", () => {
    const TV = 0;
    const AUDIO = 1;
    const db = dbOf(2, [
      [[100, [TV]], [110, [AUDIO]]], // 10 days: counts
      [[100, [TV]], [145, [AUDIO]]], // 45 days: counts
      [[100, [TV]], [190, [AUDIO]]], // 90 days: counts (the window is 1 … 90 days)
      [[100, [TV]], [191, [AUDIO]]], // 91 days: too late
      [[70, [AUDIO]], [100, [TV]]], // audio before the TV only
      [[100, [TV, AUDIO]]], // the same day is not "after"
      [[100, [TV]]],
      [[100, [TV]]],
      [[100, [TV]]],
      [[150, [TV]]],
      [[120, [AUDIO]]], // not a TV buyer
    ]);
    const r = followRate(db, [TV], [AUDIO], 90, { binDays: 30 });
    // 10 TV buyers, 3 followers: 3/10; days 10, 45, 90 fall in bins 1–30, 31–60, 61–90.
    expect(r).toMatchObject({ buyers: 10, followers: 3, share: 0.3, binDays: 30, meanDays: (10 + 45 + 90) / 3 });
    expect([...r.histogram]).toEqual([1, 1, 1]);
    // As of day 195, only TVs bought by day 105 have a whole 90-day window: the day-150 buyer is left out.
    expect(followRate(db, [TV], [AUDIO], 90, { asOf: 195 })).toMatchObject({ buyers: 9, followers: 3, share: 3 / 9 });
    // The all-pairs list has the same numbers for TV → audio.
    const all = followRates(db, 90, { binDays: 30 });
    const k = Array.from({ length: all.count }, (_, i) => i).find((i) => all.a[i] === TV && all.b[i] === AUDIO)!;
    expect([all.buyers[k], all.followers[k], all.share[k]]).toEqual([10, 3, 0.3]);
    expect([...all.histograms.subarray(k * all.bins, (k + 1) * all.bins)]).toEqual([1, 1, 1]);
  });
});

describe("the database", () => {
  it("merges a customer's events of one day into one element", () => {
    const db = dbOf(4, [[[1, [3, 1]], [1, [1, 2]], [5, [0]]], [[2, [2]]]]);
    const n = normalizeSequenceDatabase(db);
    expect([...n.eventTimes]).toEqual([1, 5, 2]);
    expect([...n.items]).toEqual([1, 2, 3, 0, 2]);
    expect([...n.eventOffsets]).toEqual([0, 3, 4, 5]);
    expect([...n.customerOffsets]).toEqual([0, 2, 3]);
    const s = mineSequences(db, { minCount: 1 });
    const labels = Array.from({ length: s.count }, (_, i) => sequenceLabel(s, i));
    expect(labels).toContain("<{1,2,3},{0}>");
    expect(labels).not.toContain("<{1},{2}>");
  });

  it("refuses times that go back within a customer, and unknown items", () => {
    expect(() => mineSequences(dbOf(2, [[[5, [0]], [3, [1]]]]))).toThrow(RangeError);
    expect(() => mineSequences(dbOf(2, [[[5, [2]]]]))).toThrow(RangeError);
    expect(() => mineSequences(zaki.db, { minSupport: 0.5, minCount: 2 })).toThrow(RangeError);
    expect(() => mineSequences(zaki.db, { mingap: 0 })).toThrow(RangeError);
  });
});

// ---- Properties against brute force ----

const eventArb = fc.tuple(fc.integer({ min: 0, max: 12 }), fc.uniqueArray(fc.integer({ min: 0, max: 3 }), { minLength: 0, maxLength: 3 }));
const dbArb = fc
  .array(fc.array(eventArb, { maxLength: 4 }), { minLength: 1, maxLength: 7 })
  .map((cs) => dbOf(4, cs.map((evs) => [...evs].sort((x, y) => x[0] - y[0]) as Array<[number, number[]]>)));
const optionsArb: fc.Arbitrary<SequenceMiningOptions> = fc.record({
  minCount: fc.integer({ min: 1, max: 3 }),
  mingap: fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }),
  maxgap: fc.option(fc.integer({ min: 0, max: 6 }), { nil: undefined }),
  maxwin: fc.option(fc.integer({ min: 0, max: 10 }), { nil: undefined }),
  maxlen: fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }),
  maxsize: fc.option(fc.integer({ min: 1, max: 2 }), { nil: undefined }),
});

describe("cSPADE against brute force (property)", () => {
  it("finds every frequent sequence and only those, each with its number of customers", () => {
    fc.assert(
      fc.property(dbArb, optionsArb, (db, o) => {
        const k = constraintsOf(o);
        const counts = new Map<string, number>();
        for (const h of histories(db)) for (const key of allContained(h, k)) counts.set(key, (counts.get(key) ?? 0) + 1);
        const expected = Object.fromEntries([...counts].filter(([, n]) => n >= o.minCount!).sort());
        const s = mineSequences(db, o);
        const found = Object.fromEntries(Array.from({ length: s.count }, (_, i) => [keyOf(sequenceElements(s, i)), s.support[i]!]).sort());
        expect(found).toEqual(expected);
        expect(Object.keys(found)).toHaveLength(s.count);
      }),
      { numRuns: 300 },
    );
  });

  it("gives each rule the confidence and lift of containment counts", () => {
    fc.assert(
      fc.property(dbArb, optionsArb, (db, o) => {
        const k = constraintsOf(o);
        const hs = histories(db);
        const count = (seq: Seq): number => hs.filter((h) => contains(h, seq, k)).length;
        const s = mineSequences(db, o);
        const r = sequenceRules(s, 0);
        for (let j = 0; j < r.count; j++) {
          const seq = sequenceElements(s, r.sequence[j]!);
          expect(sequenceElements(s, r.lhs[j]!)).toEqual(seq.slice(0, -1));
          expect(sequenceElements(s, r.rhs[j]!)).toEqual(seq.slice(-1));
          expect(r.support[j]).toBe(count(seq) / hs.length);
          expect(r.confidence[j]).toBe(count(seq) / count(seq.slice(0, -1)));
          expect(r.lift[j]).toBe(count(seq) / count(seq.slice(0, -1)) / (count(seq.slice(-1)) / hs.length));
        }
        const multi = Array.from({ length: s.count }, (_, i) => i).filter((i) => s.prefix[i]! >= 0).length;
        expect(r.count).toBe(multi);
      }),
      { numRuns: 200 },
    );
  });

  const pairArb = fc.record({
    db: dbArb,
    a: fc.uniqueArray(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 2 }),
    b: fc.uniqueArray(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 2 }),
    days: fc.integer({ min: 1, max: 10 }),
    binDays: fc.integer({ min: 1, max: 4 }),
    asOf: fc.option(fc.integer({ min: 0, max: 20 }), { nil: undefined }),
  });

  it("measures the share of A buyers who buy B within N days, and the days, as brute force does", () => {
    fc.assert(
      fc.property(pairArb, ({ db, a, b, days, binDays, asOf }) => {
        const hs = histories(db);
        const want = bruteFollow(hs, a, b, days, asOf);
        const got = followRate(db, a, b, days, { binDays, asOf });
        expect(got.buyers).toBe(want.buyers);
        expect(got.followers).toBe(want.days.length);
        expect(got.share).toBe(want.buyers ? want.days.length / want.buyers : null);
        const hist = new Array<number>(Math.ceil(days / binDays)).fill(0);
        for (const d of want.days) hist[Math.floor((d - 1) / binDays)]!++;
        expect([...got.histogram]).toEqual(hist);
        expect(got.meanDays).toBe(want.days.length ? want.days.reduce((x, y) => x + y, 0) / want.days.length : null);
        // Without asOf the share is the confidence of <{A}> => <{B}> mined with maxgap N.
        if (asOf === undefined && want.buyers > 0) {
          const k = constraintsOf({ maxgap: days });
          expect(got.share).toBe(hs.filter((h) => contains(h, [a, b], k)).length / want.buyers);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("lists every item pair with enough buyers and followers, as brute force does, best share first", () => {
    fc.assert(
      fc.property(pairArb, fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 2 }), ({ db, days, binDays, asOf }, minBuyers, minFollowers) => {
        const hs = histories(db);
        const got = followRates(db, days, { binDays, asOf, minBuyers, minFollowers });
        const want: Array<[string, number, number, number[]]> = [];
        for (let a = 0; a < 4; a++) {
          for (let b = 0; b < 4; b++) {
            const f = bruteFollow(hs, [a], [b], days, asOf);
            if (f.buyers < minBuyers || f.days.length < minFollowers) continue;
            const hist = new Array<number>(Math.ceil(days / binDays)).fill(0);
            for (const d of f.days) hist[Math.floor((d - 1) / binDays)]!++;
            want.push([`${a}>${b}`, f.buyers, f.days.length, hist]);
          }
        }
        const rows = Array.from({ length: got.count }, (_, r): [string, number, number, number[]] => [
          `${got.a[r]}>${got.b[r]}`,
          got.buyers[r]!,
          got.followers[r]!,
          [...got.histograms.subarray(r * got.bins, (r + 1) * got.bins)],
        ]);
        expect(Object.fromEntries(rows.map((x) => [x[0], x.slice(1)]))).toEqual(Object.fromEntries(want.map((x) => [x[0], x.slice(1)])));
        for (let r = 1; r < got.count; r++) expect(got.share[r - 1]! >= got.share[r]!).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});

describe("cSPADE on IBM Quest data (the first 150 customers of arulesSequences' test data)", () => {
  it("has each sequence's support by containment, and no frequent one-item extension left out", () => {
    const { db } = readBaskets("quest_test.txt", 150);
    const o = { minSupport: 0.1, maxgap: 3, mingap: 1, maxwin: 6 };
    const k = constraintsOf(o);
    const hs = histories(db);
    const s = mineSequences(db, o);
    const count = (seq: Seq): number => hs.filter((h) => contains(h, seq, k)).length;
    const found = new Set<string>();
    const wrong: string[] = [];
    for (let i = 0; i < s.count; i++) {
      found.add(keyOf(sequenceElements(s, i)));
      if (s.support[i] !== count(sequenceElements(s, i))) wrong.push(sequenceLabel(s, i));
    }
    expect(wrong).toEqual([]);
    // Completeness: the parent of a frequent sequence (its last item removed) is frequent, so
    // every frequent sequence is a one-item extension of a found one (or a single item).
    // A customer holding a child holds its parent, so only the parent's customers are searched.
    const missed: string[] = [];
    const parents: Seq[] = [[], ...Array.from({ length: s.count }, (_, i) => sequenceElements(s, i))];
    for (const p of parents) {
      const holders = hs.filter((h) => contains(h, p, k));
      for (let y = 0; y < db.itemCount; y++) {
        const kids: Seq[] = [[...p, [y]]];
        if (p.length > 0 && y > p[p.length - 1]!.at(-1)!) kids.push([...p.slice(0, -1), [...p[p.length - 1]!, y]]);
        for (const kid of kids) if (!found.has(keyOf(kid)) && kid.length <= k.maxlen && holders.filter((h) => contains(h, kid, k)).length >= s.minCount) missed.push(keyOf(kid));
      }
    }
    expect(missed).toEqual([]);
    expect(s.count).toBeGreaterThan(20);
  });
});
