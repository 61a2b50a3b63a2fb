import fs from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { FPGrowth } from "node-fpgrowth";
import { describe, expect, it } from "vitest";
import { type AssociationRules, associationRules, type ConsequentMode, type Rule, ruleAt } from "./association-rules.ts";
import { encodeBaskets, fpGrowth, type Transactions } from "./fpgrowth.ts";

const fixtures = path.join(import.meta.dirname, "..", "..", "..", "test", "fixtures");

function readToy(name: string): { transactions: Transactions; labels: string[] } {
  const lines = fs.readFileSync(path.join(fixtures, "patterns-toys", name), "utf8").trim().split("\n").slice(1);
  return encodeBaskets(lines.map((line) => line.slice(line.indexOf(",") + 1).split("|")));
}

function fromLists(lists: number[][], itemCount: number): Transactions {
  const offsets = new Uint32Array(lists.length + 1);
  lists.forEach((l, t) => (offsets[t + 1] = offsets[t]! + l.length));
  return { itemCount, offsets, items: Uint32Array.from(lists.flat()) };
}

const all = (rules: AssociationRules): Rule[] => Array.from({ length: rules.size }, (_, r) => ruleAt(rules, r));

/** "{a,b} => {c}" with names sorted, as arules prints a rule. */
const label = (rule: Rule, labels: string[]): string => {
  const set = (ids: number[]): string => `{${ids.map((j) => labels[j]!).sort().join(",")}}`;
  return `${set(rule.lhs)} => ${set(rule.rhs)}`;
};

describe("rules of the published toys", () => {
  const arulesToy = readToy("arules_toy_7tx.csv");

  it("gives arules' 18 rules at supp = 0.25, conf = 0, five with an empty left-hand side", () => {
    // arules tests/testthat/test-apriori.R expects length(r) == 18. By hand: 11 frequent
    // itemsets (fpgrowth.test.ts): 5 single items → {} => {x}; 5 pairs → 2 rules each; abd → 3.
    const { transactions, labels } = arulesToy;
    const rules = associationRules(fpGrowth(transactions, { minSupport: 0.25 }), { minConfidence: 0 });
    expect(rules.size).toBe(18);
    const byLabel = new Map(all(rules).map((r) => [label(r, labels), r]));
    expect([...byLabel.keys()].filter((k) => k.startsWith("{} =>")).sort()).toEqual(["{} => {a}", "{} => {b}", "{} => {c}", "{} => {d}", "{} => {e}"]);
    // {d} => {a}: count(ad) = 2 = count(d); supp(a) = 5/7, so lift = 7/5, leverage =
    // 2/7 − (2/7)(5/7) = 4/49, conviction ∞ (confidence 1).
    expect(byLabel.get("{d} => {a}")).toMatchObject({ count: 2, lhsCount: 2, rhsCount: 5, confidence: 1, conviction: Infinity });
    expect(byLabel.get("{d} => {a}")!.lift).toBeCloseTo(1.4, 12);
    expect(byLabel.get("{d} => {a}")!.leverage).toBeCloseTo(4 / 49, 12);
    // {a,b} => {d}: 2 of the 4 baskets with ab; lift 0.5 / (2/7) = 1.75; leverage
    // 2/7 − (4/7)(2/7) = 6/49; conviction (1 − 2/7) / (1 − 0.5) = 10/7.
    const abd = byLabel.get("{a,b} => {d}")!;
    expect(abd.confidence).toBe(0.5);
    expect(abd.support).toBeCloseTo(2 / 7, 12);
    expect(abd.lift).toBeCloseTo(1.75, 12);
    expect(abd.leverage).toBeCloseTo(6 / 49, 12);
    expect(abd.conviction).toBeCloseTo(10 / 7, 12);
    // {} => {a}: confidence supp(a) = 5/7, lift 1, leverage 0, conviction (2/7) / (2/7) = 1.
    const a = byLabel.get("{} => {a}")!;
    expect(a.confidence).toBeCloseTo(5 / 7, 12);
    expect(a.lift).toBeCloseTo(1, 12);
    expect(a.leverage).toBeCloseTo(0, 12);
    expect(a.conviction).toBeCloseTo(1, 12);
  });

  it("drops the empty left-hand sides with minLength = 2 (arules' minlen = 2)", () => {
    const rules = associationRules(fpGrowth(arulesToy.transactions, { minSupport: 0.25 }), { minConfidence: 0, minLength: 2 });
    expect(rules.size).toBe(13);
    expect(all(rules).every((r) => r.lhs.length > 0)).toBe(true);
  });

  it("keeps {} => {x} only when supp(x) reaches the confidence", () => {
    // supp(a) = supp(b) = 5/7 ≈ 0.714 ≥ 0.7; c, e: 3/7; d: 2/7.
    const rules = associationRules(fpGrowth(arulesToy.transactions, { minSupport: 0.25 }), { minConfidence: 0.7 });
    const empty = all(rules).filter((r) => r.lhs.length === 0).map((r) => label(r, arulesToy.labels));
    expect(empty.sort()).toEqual(["{} => {a}", "{} => {b}"]);
  });

  const mlxtendToy = readToy("mlxtend_toy_5tx.csv");

  it("gives mlxtend's 9 rules at min_support = 0.6 and its default confidence 0.8", () => {
    // mlxtend frequent_patterns/tests/test_association_rules.py, test_default (columns
    // 3 Eggs, 5 Kidney Beans, 6 Milk, 8 Onion, 10 Yogurt), with its expected confidences.
    const { transactions, labels } = mlxtendToy;
    const rules = associationRules(fpGrowth(transactions, { minSupport: 0.6 }), { consequents: "all" });
    const got = Object.fromEntries(all(rules).map((r) => [label(r, labels), r.confidence]));
    expect(got).toEqual({
      "{Onion} => {Kidney Beans}": 1,
      "{Milk} => {Kidney Beans}": 1,
      "{Eggs,Onion} => {Kidney Beans}": 1,
      "{Kidney Beans,Onion} => {Eggs}": 1,
      "{Onion} => {Eggs,Kidney Beans}": 1,
      "{Eggs} => {Kidney Beans}": 1,
      "{Kidney Beans} => {Eggs}": 0.8,
      "{Yogurt} => {Kidney Beans}": 1,
      "{Onion} => {Eggs}": 1,
    });
  });

  it("gives the 12 rules of mlxtend's user guide at confidence 0.7, with its measures", () => {
    // The user guide's association_rules(frequent_itemsets, metric="confidence",
    // min_threshold=0.7) on itemsets with support ≥ 0.6. By hand (n = 5; Eggs 4, Kidney
    // Beans 5, Milk, Onion, Yogurt 3): the 9 rules above plus {Eggs} => {Onion} (3/4),
    // {Eggs,Kidney Beans} => {Onion} (3/4) and {Eggs} => {Kidney Beans,Onion} (3/4).
    const { transactions, labels } = mlxtendToy;
    const rules = all(associationRules(fpGrowth(transactions, { minSupport: 0.6 }), { minConfidence: 0.7, consequents: "all" }));
    expect(rules).toHaveLength(12);
    const eggsOnion = rules.find((r) => label(r, labels) === "{Eggs} => {Onion}")!;
    // support 0.6, confidence 0.75, lift 0.75 / 0.6 = 1.25, leverage 0.6 − 0.8 · 0.6 = 0.12,
    // conviction (1 − 0.6) / (1 − 0.75) = 1.6.
    expect(eggsOnion.support).toBeCloseTo(0.6, 12);
    expect(eggsOnion.confidence).toBe(0.75);
    expect(eggsOnion.lift).toBeCloseTo(1.25, 12);
    expect(eggsOnion.leverage).toBeCloseTo(0.12, 12);
    expect(eggsOnion.conviction).toBeCloseTo(1.6, 12);
    // {Kidney Beans} => {Eggs}: confidence 0.8 = supp(Eggs): lift 1, leverage 0, conviction 1.
    const beansEggs = rules.find((r) => label(r, labels) === "{Kidney Beans} => {Eggs}")!;
    expect(beansEggs.lift).toBeCloseTo(1, 12);
    expect(beansEggs.leverage).toBeCloseTo(0, 12);
    expect(beansEggs.conviction).toBeCloseTo(1, 12);
    // Confidence 1 gives an infinite conviction, as mlxtend reports it.
    expect(rules.find((r) => label(r, labels) === "{Eggs} => {Kidney Beans}")!.conviction).toBe(Infinity);
    // The order: the six rules that split Eggs from Onion have lift 1.25 (0.75 / 0.6 or
    // 1 / 0.8) and come first; the six others have lift 1.
    expect(rules.slice(0, 6).every((r) => Math.abs(r.lift - 1.25) < 1e-12)).toBe(true);
    expect(rules.slice(6).every((r) => Math.abs(r.lift - 1) < 1e-12)).toBe(true);
  });

  it("rejects a confidence outside [0, 1] and an unknown mode", () => {
    const sets = fpGrowth(mlxtendToy.transactions, { minSupport: 0.6 });
    expect(() => associationRules(sets, { minConfidence: 1.2 })).toThrow(RangeError);
    expect(() => associationRules(sets, { consequents: "some" as ConsequentMode })).toThrow(RangeError);
  });
});

describe("rules against brute force (property)", () => {
  const data = fc
    .integer({ min: 1, max: 6 })
    .chain((itemCount) =>
      fc.record({
        itemCount: fc.constant(itemCount),
        lists: fc.array(fc.array(fc.integer({ min: 0, max: itemCount - 1 }), { maxLength: 7 }), { minLength: 1, maxLength: 25 }),
        minCount: fc.integer({ min: 1, max: 6 }),
        minConfidence: fc.constantFrom(0, 0.25, 0.5, 2 / 3, 0.8, 1),
        consequents: fc.constantFrom<ConsequentMode>("single", "all"),
        minLength: fc.integer({ min: 1, max: 3 }),
      }),
    );

  it("reports exactly the rules that pass, each measure recomputed from the transactions, in order", () => {
    fc.assert(
      fc.property(data, ({ itemCount, lists, minCount, minConfidence, consequents, minLength }) => {
        const n = lists.length;
        const countOf = (ids: number[]): number => lists.filter((l) => ids.every((j) => l.includes(j))).length;
        const idsOf = (mask: number): number[] => [...Array(itemCount).keys()].filter((j) => mask & (1 << j));
        // Every split X ⇒ Y of disjoint sets, Y non-empty, X non-empty in "all" mode, |Y| = 1 in "single".
        const expected = new Set<string>();
        for (let z = 1; z < 1 << itemCount; z++) {
          const cZ = countOf(idsOf(z));
          if (cZ < minCount || idsOf(z).length < minLength) continue;
          for (let y = 1; y <= z; y++) {
            if ((y & z) !== y) continue;
            const x = z & ~y;
            if (consequents === "single" ? idsOf(y).length !== 1 : x === 0) continue;
            if (cZ / countOf(idsOf(x)) >= minConfidence) expected.add(`${idsOf(x).join(" ")}|${idsOf(y).join(" ")}`);
          }
        }
        const rules = associationRules(fpGrowth(fromLists(lists, itemCount), { minCount }), { minConfidence, consequents, minLength });
        const got = all(rules);
        expect(new Set(got.map((r) => `${r.lhs.join(" ")}|${r.rhs.join(" ")}`))).toEqual(expected);
        expect(got).toHaveLength(expected.size);
        for (const r of got) {
          const cZ = countOf([...r.lhs, ...r.rhs]);
          const cX = countOf(r.lhs);
          const cY = countOf(r.rhs);
          expect([r.count, r.lhsCount, r.rhsCount]).toEqual([cZ, cX, cY]);
          expect(r.support).toBeCloseTo(cZ / n, 12);
          expect(r.confidence).toBeCloseTo(cZ / cX, 12);
          expect(r.lift).toBeCloseTo((cZ * n) / (cX * cY), 10);
          expect(r.leverage).toBeCloseTo((cZ * n - cX * cY) / (n * n), 12);
          if (cZ === cX) expect(r.conviction).toBe(Infinity);
          else expect(r.conviction).toBeCloseTo((n - cY) / n / (1 - cZ / cX), 10);
        }
        for (let k = 1; k < got.length; k++) {
          const [p, q] = [got[k - 1]!, got[k]!];
          const key = (r: Rule): number[] => [-r.lift, -r.confidence, -r.support];
          const [a, b] = [key(p), key(q)];
          const i = a.findIndex((v, j) => v !== b[j]);
          if (i >= 0) expect(a[i]!).toBeLessThan(b[i]!);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe("rules of Groceries (9,835 baskets) at confidence 0.5", () => {
  const lines = fs.readFileSync(path.join(fixtures, "groceries", "groceries.csv"), "utf8").split("\n").filter((l) => l.length > 0);
  const baskets = lines.map((l) => l.split(","));
  const { transactions, labels } = encodeBaskets(baskets);

  it("gives arules' 5,668 rules at support 0.001, the three of highest lift as published", () => {
    // Hahsler & Chelluboina, "Visualizing association rules: introduction to the
    // R-extension package arulesViz" (vignette of arulesViz): apriori(Groceries,
    // parameter = list(support = 0.001, confidence = 0.5)) is a "set of 5668 rules", and
    // inspect(head(sort(rules, by = "lift"), 3)) prints (support, confidence, lift):
    //   {Instant food products, soda} => {hamburger meat}  0.001220132 0.6315789 18.99565
    //   {soda, popcorn} => {salty snack}                   0.001220132 0.6315789 16.69779
    //   {flour, baking powder} => {sugar}                  0.001016777 0.5555556 16.40807
    const rules = associationRules(fpGrowth(transactions, { minSupport: 0.001 }), { minConfidence: 0.5 });
    expect(rules.size).toBe(5668);
    const top = all(rules).slice(0, 3);
    expect(top.map((r) => label(r, labels))).toEqual(["{Instant food products,soda} => {hamburger meat}", "{popcorn,soda} => {salty snack}", "{baking powder,flour} => {sugar}"]);
    const published = [
      [0.001220132, 0.6315789, 18.99565],
      [0.001220132, 0.6315789, 16.69779],
      [0.001016777, 0.5555556, 16.40807],
    ];
    top.forEach((r, k) => {
      expect(r.support).toBeCloseTo(published[k]![0]!, 9);
      expect(r.confidence).toBeCloseTo(published[k]![1]!, 7);
      expect(r.lift).toBeCloseTo(published[k]![2]!, 5);
    });
  });

  it("gives arules' 2,918 rules at support 0.001, confidence 0.6", () => {
    // apriori(Groceries, parameter = list(minlen = 1, support = 0.001, confidence = 0.6)):
    // "writing ... [2918 rule(s)]", as printed in a published walk-through of arules
    // (blog.csdn.net/jianlin0402/article/details/79339711).
    expect(associationRules(fpGrowth(transactions, { minSupport: 0.001 }), { minConfidence: 0.6 }).size).toBe(2918);
  });

  it.each([0.01, 0.005])("gives as many rules at support %s as recomputed from node-fpgrowth's itemsets", async (minSupport) => {
    // No published arules count at these supports was found: the rules are recomputed here
    // by brute force from node-fpgrowth's itemsets (count ≥ ⌈support · n⌉), one item on the
    // right (arules) and every split (mlxtend), confidence count(Z) / count(X) ≥ 0.5.
    const reference = await new FPGrowth<number>(minSupport).exec(baskets.map((b) => b.map((name) => labels.indexOf(name))));
    const n = baskets.length;
    const counts = new Map(reference.map((s) => [[...s.items].sort((a, b) => a - b).join(","), s.support]));
    const count = (ids: number[]): number => (ids.length === 0 ? n : counts.get([...ids].sort((a, b) => a - b).join(","))!);
    let single = 0;
    let splits = 0;
    for (const { items, support } of reference) {
      for (const y of items) if (support / count(items.filter((j) => j !== y)) >= 0.5) single++;
      for (let mask = 1; mask < (1 << items.length) - 1; mask++) if (support / count(items.filter((_, q) => mask & (1 << q))) >= 0.5) splits++;
    }
    const sets = fpGrowth(transactions, { minSupport });
    expect(associationRules(sets, { minConfidence: 0.5 }).size).toBe(single);
    expect(associationRules(sets, { minConfidence: 0.5, consequents: "all" }).size).toBe(splits);
  });

  it("measures {citrus fruit, root vegetables} => {other vegetables} as a scan of the baskets does", () => {
    // At support 0.01 this is the rule of highest lift; its measures recomputed by counting
    // the baskets that hold each side.
    const rules = associationRules(fpGrowth(transactions, { minSupport: 0.01 }), { minConfidence: 0.5 });
    const rule = ruleAt(rules, 0);
    expect(label(rule, labels)).toBe("{citrus fruit,root vegetables} => {other vegetables}");
    const holding = (names: string[]): number => baskets.filter((b) => names.every((x) => b.includes(x))).length;
    const cZ = holding(["citrus fruit", "root vegetables", "other vegetables"]);
    const cX = holding(["citrus fruit", "root vegetables"]);
    const cY = holding(["other vegetables"]);
    const n = baskets.length;
    expect([rule.count, rule.lhsCount, rule.rhsCount]).toEqual([cZ, cX, cY]);
    expect(rule.support).toBeCloseTo(cZ / n, 12);
    expect(rule.confidence).toBeCloseTo(cZ / cX, 12);
    expect(rule.lift).toBeCloseTo((cZ * n) / (cX * cY), 10);
  });
});
