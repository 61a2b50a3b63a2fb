import fs from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { FPGrowth } from "node-fpgrowth";
import { describe, expect, it } from "vitest";
import { encodeBaskets, fpGrowth, type FrequentItemsets, minCountFor, rollUp, selectTransactions, type Transactions } from "./fpgrowth.ts";

const fixtures = path.join(import.meta.dirname, "..", "..", "..", "test", "fixtures");

/** A toy file of test/fixtures/patterns-toys: header `tid,items`, items separated by `|`. */
function readToy(name: string): { transactions: Transactions; labels: string[] } {
  const lines = fs.readFileSync(path.join(fixtures, "patterns-toys", name), "utf8").trim().split("\n").slice(1);
  return encodeBaskets(lines.map((line) => line.slice(line.indexOf(",") + 1).split("|")));
}

/** Itemsets by name: "a,b" (names sorted) → count. */
function byName(sets: FrequentItemsets, labels: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (let i = 0; i < sets.size; i++) out[sets.itemsAt(i).map((j) => labels[j]!).sort().join(",")] = sets.counts[i]!;
  return out;
}

function fromLists(lists: number[][], itemCount: number): Transactions {
  const offsets = new Uint32Array(lists.length + 1);
  lists.forEach((l, t) => (offsets[t + 1] = offsets[t]! + l.length));
  return { itemCount, offsets, items: Uint32Array.from(lists.flat()) };
}

describe("minimum support as a count", () => {
  it("rounds a fraction of the transactions up: support ≥ minSupport", () => {
    // 0.001 · 9835 = 9.835 → 10; 0.005 · 9835 = 49.175 → 50; 0.01 · 9835 = 98.35 → 99 (arules'
    // ⌈n · supp⌉); 0.25 · 7 = 1.75 → 2; support 1 needs every transaction; 0 still needs one.
    expect(minCountFor(0.001, 9835)).toBe(10);
    expect(minCountFor(0.005, 9835)).toBe(50);
    expect(minCountFor(0.01, 9835)).toBe(99);
    expect(minCountFor(0.25, 7)).toBe(2);
    expect(minCountFor(1, 7)).toBe(7);
    expect(minCountFor(0, 7)).toBe(1);
  });

  it("is not misled by the rounding of the product", () => {
    // 7 of 100 transactions have support 7 / 100 = 0.07, which meets 0.07; the product
    // 0.07 · 100 is 7.000000000000001 in double, whose ceiling would ask for 8.
    expect(0.07 * 100).toBe(7.000000000000001);
    expect(7 / 100 >= 0.07).toBe(true);
    expect(minCountFor(0.07, 100)).toBe(7);
    expect(minCountFor(0.07, 1100)).toBe(77);
  });

  it("is the smallest count whose support reaches the threshold (property, against a scan)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2000 }), fc.double({ min: 0, max: 1, noNaN: true }), (n, f) => {
        let c = 1;
        while (c / n < f) c++;
        expect(minCountFor(f, n)).toBe(c);
      }),
    );
    // Thresholds of the form k / n exactly, where the product most often misrounds.
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2000 }), fc.integer({ min: 1, max: 2000 }), (n, k0) => {
        const k = Math.min(k0, n);
        expect(minCountFor(k / n, n)).toBe(k);
      }),
    );
  });

  it("rejects a threshold outside [0, 1] and a second threshold", () => {
    const tx = fromLists([[0]], 1);
    expect(() => minCountFor(1.5, 10)).toThrow(RangeError);
    expect(() => fpGrowth(tx, { minSupport: 0.5, minCount: 1 })).toThrow(RangeError);
    expect(() => fpGrowth(tx, {})).toThrow(RangeError);
    expect(() => fpGrowth(tx, { minCount: 0 })).toThrow(RangeError);
    expect(() => fpGrowth(fromLists([[0, 3]], 2), { minCount: 1 })).toThrow(RangeError);
  });
});

describe("FP-growth on the published toys", () => {
  it("finds arules' toy itemsets at supp = 0.25", () => {
    // arules tests/testthat/test-apriori.R: Tr1 abc, Tr2 ab, Tr3 abd, Tr4 be, Tr5 ac, Tr6 ce,
    // Tr7 abde; n = 7, supp 0.25 → count ≥ ⌈1.75⌉ = 2. Counted by hand: a 5 (Tr1,2,3,5,7),
    // b 5 (Tr1,2,3,4,7), c 3, d 2, e 3; ab 4, ac 2 (Tr1,5), ad 2 (Tr3,7), bd 2 (Tr3,7),
    // be 2 (Tr4,7); abd 2 (Tr3,7). The other pairs (ae, bc, ce, de: 1; cd: 0) and triples fall short.
    const { transactions, labels } = readToy("arules_toy_7tx.csv");
    const sets = fpGrowth(transactions, { minSupport: 0.25 });
    expect(sets.minCount).toBe(2);
    expect(byName(sets, labels)).toEqual({ a: 5, b: 5, c: 3, d: 2, e: 3, "a,b": 4, "a,c": 2, "a,d": 2, "b,d": 2, "b,e": 2, "a,b,d": 2 });
  });

  it("finds arules' 20 eclat itemsets at its default supp = 0.1", () => {
    // test-apriori.R: eclat(trans) gives 20 itemsets whose supports, rounded, are nine 0.14
    // (1/7), six 0.29 (2/7), two 0.43, one 0.57 and two 0.71; the fifth is {a,d} at 0.29.
    const { transactions, labels } = readToy("arules_toy_7tx.csv");
    const sets = fpGrowth(transactions, { minSupport: 0.1 });
    expect(sets.size).toBe(20);
    expect([...sets.counts].sort((x, y) => x - y)).toEqual([1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 3, 3, 4, 5, 5]);
    expect(byName(sets, labels)["a,d"]).toBe(2);
  });

  it("finds mlxtend's toy itemsets at its default min_support = 0.5", () => {
    // mlxtend frequent_patterns/tests/test_fpbase.py, test_default: supports 0.8 {Eggs},
    // 1.0 {Kidney Beans}, 0.6 {Milk}, {Onion}, {Yogurt}, 0.8 {Eggs, Kidney Beans}, 0.6 {Eggs,
    // Onion}, {Kidney Beans, Milk}, {Kidney Beans, Onion}, {Kidney Beans, Yogurt}, {Eggs,
    // Kidney Beans, Onion}; as counts of the 5 transactions (≥ ⌈2.5⌉ = 3).
    const { transactions, labels } = readToy("mlxtend_toy_5tx.csv");
    const sets = fpGrowth(transactions, { minSupport: 0.5 });
    expect(byName(sets, labels)).toEqual({
      Eggs: 4,
      "Kidney Beans": 5,
      Milk: 3,
      Onion: 3,
      Yogurt: 3,
      "Eggs,Kidney Beans": 4,
      "Eggs,Onion": 3,
      "Kidney Beans,Milk": 3,
      "Kidney Beans,Onion": 3,
      "Kidney Beans,Yogurt": 3,
      "Eggs,Kidney Beans,Onion": 3,
    });
    // test_max_len: the longest itemset has 3 items, 2 with max_len = 2.
    const longest = (s: FrequentItemsets): number => Math.max(...Array.from({ length: s.size }, (_, i) => s.itemsAt(i).length));
    expect(longest(sets)).toBe(3);
    expect(longest(fpGrowth(transactions, { minSupport: 0.5, maxLength: 2 }))).toBe(2);
  });

  it("counts an item repeated inside a transaction once", () => {
    // mlxtend's user guide lists Onion twice in its fifth basket; the itemsets stay those above.
    const { transactions, labels } = readToy("mlxtend_toy_5tx.csv");
    const onion = labels.indexOf("Onion");
    const lists = Array.from({ length: 5 }, (_, t) => Array.from(transactions.items.subarray(transactions.offsets[t]!, transactions.offsets[t + 1]!)));
    lists[4]!.push(onion);
    const doubled = fpGrowth(fromLists(lists, labels.length), { minSupport: 0.5 });
    expect(byName(doubled, labels)).toEqual(byName(fpGrowth(transactions, { minSupport: 0.5 }), labels));
    expect(doubled.countOf([onion])).toBe(3);
    const tx = fromLists([[0, 1, 1], [1, 1, 1], [0, 2]], 3);
    const sets = fpGrowth(tx, { minCount: 1 });
    expect(sets.countOf([1])).toBe(2);
    expect(sets.countOf([0, 1])).toBe(1);
    expect(sets.countOf([1, 0])).toBe(1);
    expect(sets.countOf([])).toBe(3);
    expect(sets.countOf([1, 2])).toBe(-1);
  });

  it("mines a category level and a subset of the transactions", () => {
    // Products 0, 1 are category 0; product 2 is category 1. Basket {0, 1} holds category 0 once.
    const tx = fromLists([[0, 1], [0, 2], [1, 2], [2]], 3);
    const cat = fpGrowth(rollUp(tx, Uint32Array.from([0, 0, 1]), 2), { minCount: 1 });
    expect(cat.countOf([0])).toBe(3);
    expect(cat.countOf([1])).toBe(3);
    expect(cat.countOf([0, 1])).toBe(2);
    const some = fpGrowth(selectTransactions(tx, [1, 3]), { minCount: 2 });
    expect(some.transactionCount).toBe(2);
    expect(some.size).toBe(1);
    expect(some.itemsAt(0)).toEqual([2]);
  });
});

describe("FP-growth against brute force (property)", () => {
  const data = fc
    .integer({ min: 1, max: 7 })
    .chain((itemCount) =>
      fc.record({
        itemCount: fc.constant(itemCount),
        lists: fc.array(fc.array(fc.integer({ min: 0, max: itemCount - 1 }), { maxLength: 9 }), { maxLength: 30 }),
        minCount: fc.integer({ min: 1, max: 8 }),
        maxLength: fc.option(fc.integer({ min: 1, max: 4 }), { nil: undefined }),
      }),
    );

  it("reports every itemset with count ≥ minCount, only those, with their counts", () => {
    fc.assert(
      fc.property(data, ({ itemCount, lists, minCount, maxLength }) => {
        const sets = fpGrowth(fromLists(lists, itemCount), { minCount, maxLength });
        const expected = new Map<string, number>();
        for (let mask = 1; mask < 1 << itemCount; mask++) {
          const members = [...Array(itemCount).keys()].filter((j) => mask & (1 << j));
          if (maxLength !== undefined && members.length > maxLength) continue;
          const count = lists.filter((l) => members.every((j) => l.includes(j))).length;
          if (count >= minCount) expected.set(members.join(","), count);
        }
        const found = new Map<string, number>();
        for (let i = 0; i < sets.size; i++) found.set(sets.itemsAt(i).join(","), sets.counts[i]!);
        expect(sets.size).toBe(found.size);
        expect(found).toEqual(expected);
        for (const [key, count] of expected) expect(sets.countOf(key.split(",").map(Number))).toBe(count);
      }),
      { numRuns: 300 },
    );
  });
});

describe("FP-growth on Groceries (9,835 baskets)", () => {
  const lines = fs.readFileSync(path.join(fixtures, "groceries", "groceries.csv"), "utf8").split("\n").filter((l) => l.length > 0);
  const { transactions, labels } = encodeBaskets(lines.map((l) => l.split(",")));

  it("reads 9,835 baskets of 169 items", () => {
    // The data set's README and arules' summary(Groceries): 9835 rows, 169 columns.
    expect(transactions.offsets.length - 1).toBe(9835);
    expect(labels).toHaveLength(169);
  });

  it.each([0.01, 0.005, 0.001])("finds the itemsets node-fpgrowth finds at support %s, with the same counts", async (minSupport) => {
    // node-fpgrowth (README, dist/fpgrowth.js) keeps itemsets whose count ≥ ⌈support · n⌉ and
    // reports `support` as that count; Groceries has no repeated item within a basket.
    const reference = await new FPGrowth<number>(minSupport).exec(lines.map((l) => l.split(",").map((name) => labels.indexOf(name))));
    const sets = fpGrowth(transactions, { minSupport });
    expect(sets.size).toBe(reference.length);
    for (const itemset of reference) expect(sets.countOf(itemset.items)).toBe(itemset.support);
  });
});
