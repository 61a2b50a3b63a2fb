import { describe, expect, it } from "vitest";
import type { ComplaintSettings } from "../../api/complaints.api";
import { addNode, categoryProblem, depthOf, removeNode, toEditCategories, toEditTree, treeKeys, updateNode, withEdits, type EditNode } from "./tree";

const label = (en: string, zh: string) => ({ en, "zh-CN": zh, "zh-TW": zh });
const SETTINGS: ComplaintSettings = {
  authority: { limits: { agent: "200.00" } },
  sla: { warnAtFraction: 0.8 },
  categories: ["delivery", "quality"],
  categoryLabels: { delivery: label("Delivery", "物流"), retired: label("Retired", "旧") },
  rootCauses: [{ key: "logistics", label: label("Logistics", "物流"), children: [{ key: "late", label: label("Late", "迟") }] }],
};
const node = (key: string): EditNode => ({ key, saved: false, label: label(key, key), children: [] });

describe("editing the root-cause tree", () => {
  it("adds, renames and removes nodes, keeping the saved keys marked", () => {
    let tree = toEditTree(SETTINGS.rootCauses);
    expect(tree[0]).toMatchObject({ key: "logistics", saved: true, children: [{ key: "late", saved: true }] });
    tree = addNode(tree, "late", node("late_holiday"));
    tree = addNode(tree, null, node("service"));
    expect(treeKeys(tree)).toEqual(["logistics", "late", "late_holiday", "service"]);
    expect([depthOf(tree, "late_holiday"), depthOf(tree, "service"), depthOf(tree, "nowhere")]).toEqual([3, 1, 0]);
    tree = updateNode(tree, "late", (n) => ({ ...n, label: { ...n.label, en: " Late delivery " } }));
    tree = removeNode(tree, "service");
    expect(withEdits(SETTINGS, toEditCategories(SETTINGS), tree).rootCauses).toEqual([
      { key: "logistics", label: label("Logistics", "物流"), children: [{ key: "late", label: { en: "Late delivery", "zh-CN": "迟", "zh-TW": "迟" }, children: [{ key: "late_holiday", label: label("late_holiday", "late_holiday") }] }] },
    ]);
    expect(treeKeys(removeNode(tree, "logistics"))).toEqual([]);
  });
});

describe("editing the categories", () => {
  it("keeps keys, names the listed ones, and keeps the names of keys no longer listed", () => {
    const rows = toEditCategories(SETTINGS);
    expect(rows.map((r) => [r.key, r.label.en])).toEqual([["delivery", "Delivery"], ["quality", ""]]);
    const edited = [rows[0]!, { id: 9, key: " install ", saved: false, label: label("Installation", "安装") }];
    const s = withEdits(SETTINGS, edited, toEditTree(SETTINGS.rootCauses));
    expect(s.categories).toEqual(["delivery", "install"]);
    expect(Object.keys(s.categoryLabels).sort()).toEqual(["delivery", "install", "retired"]);
    expect(s.sla).toBe(SETTINGS.sla);
  });

  it("finds the first problem: a missing or repeated key, names given for some languages only", () => {
    const rows = toEditCategories(SETTINGS);
    expect(categoryProblem(rows)).toBeNull();
    expect(categoryProblem([...rows, { id: 5, key: " ", saved: false, label: label("", "") }])).toEqual({ row: 2, field: "key", reason: "required" });
    expect(categoryProblem([...rows, { id: 5, key: "delivery", saved: false, label: label("", "") }])).toEqual({ row: 2, field: "key", reason: "duplicate" });
    expect(categoryProblem([{ ...rows[0]!, label: { en: "Delivery", "zh-CN": "", "zh-TW": "" } }])).toEqual({ row: 0, field: "label", reason: "partial" });
  });
});
