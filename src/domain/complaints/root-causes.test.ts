import { describe, expect, it } from "vitest";
import { DEFAULT_ROOT_CAUSES, rootCauseIndex, treeIssues, trimTree, type RootCauseNode } from "./root-causes.ts";

const n = (key: string, children?: RootCauseNode[]): RootCauseNode => ({ key, label: { en: key, "zh-CN": key, "zh-TW": key }, ...(children ? { children } : {}) });

describe("the root-cause tree", () => {
  it("starts from a valid default tree of six causes, each with finer ones", () => {
    expect(treeIssues(DEFAULT_ROOT_CAUSES)).toEqual([]);
    expect(DEFAULT_ROOT_CAUSES.map((x) => x.key)).toEqual(["product", "logistics", "service", "price_billing", "policy", "customer_side"]);
    const index = rootCauseIndex(DEFAULT_ROOT_CAUSES);
    expect(index.get("logistics_late")).toMatchObject({ path: ["logistics", "logistics_late"], top: "logistics", leaf: true, label: { "zh-CN": "延迟送达" } });
    expect(index.get("logistics")).toMatchObject({ path: ["logistics"], top: "logistics", leaf: false });
  });

  it("indexes three levels with each node's top-level ancestor", () => {
    const index = rootCauseIndex([n("a", [n("a1", [n("a1x")])]), n("b")]);
    expect([...index.keys()]).toEqual(["a", "a1", "a1x", "b"]);
    expect(index.get("a1x")).toMatchObject({ path: ["a", "a1", "a1x"], top: "a", leaf: true });
  });

  it("names the node at fault by index and by key path", () => {
    expect(treeIssues([n("a", [n("a1"), n("a1")])])).toEqual([
      { field: "rootCauses.0.children.1.key", message: '(a › a1) the key "a1" is already used at a › a1; each node needs its own key.' },
    ]);
    expect(treeIssues([n("a", [n("a1", [n("a1x", [n("deep")])])])])).toEqual([
      { field: "rootCauses.0.children.0.children.0.children", message: "(a › a1 › a1x) the tree may be at most 3 levels deep; move these causes up a level." },
    ]);
    const blank = { key: "b", label: { en: "Billing", "zh-CN": " ", "zh-TW": "帳單" } };
    expect(treeIssues([n("a"), blank])).toEqual([{ field: "rootCauses.1.label.zh-CN", message: "(b) the zh-CN name must have 1 to 60 characters." }]);
    expect(treeIssues([n("Late Delivery")])[0]).toMatchObject({ field: "rootCauses.0.key" });
  });

  it("limits the children of a node and the size of the tree", () => {
    const wide = n("wide", Array.from({ length: 51 }, (_, i) => n(`w${i}`)));
    expect(treeIssues([wide])).toEqual([{ field: "rootCauses.0.children", message: "(wide) has 51 children; at most 50 are allowed." }]);
    const big = Array.from({ length: 30 }, (_, i) => n(`t${i}`, Array.from({ length: 10 }, (_, j) => n(`t${i}_${j}`))));
    expect(treeIssues(big)).toEqual([{ field: "rootCauses", message: "the tree has 330 nodes; at most 300 are allowed." }]);
  });

  it("trims names and drops empty child lists", () => {
    expect(trimTree([{ key: "a", label: { en: " A ", "zh-CN": "甲 ", "zh-TW": " 甲" }, children: [] }])).toEqual([{ key: "a", label: { en: "A", "zh-CN": "甲", "zh-TW": "甲" } }]);
  });
});
