import type { ComplaintSettings, Labels, RootCauseNode } from "../../api/complaints.api";

/**
 * The categories and the root-cause tree as the editor holds them: `saved` marks keys already
 * stored (complaints may carry them, so they cannot be renamed, only their names changed).
 */
export interface EditNode {
  key: string;
  saved: boolean;
  label: Labels;
  children: EditNode[];
}

export interface EditCategory {
  /** A stable row id for the table; the key may still be typed. */
  id: number;
  key: string;
  saved: boolean;
  label: Labels;
}

/** The deepest level a root cause may sit at (as the server checks). */
export const MAX_DEPTH = 3;
/** A root-cause key as the server takes it. */
export const KEY = /^[a-z0-9][a-z0-9_-]{0,39}$/;
export const LANGS = ["en", "zh-CN", "zh-TW"] as const;
export const BLANK: Labels = { en: "", "zh-CN": "", "zh-TW": "" };

export const toEditTree = (nodes: readonly RootCauseNode[]): EditNode[] =>
  nodes.map((n) => ({ key: n.key, saved: true, label: { ...n.label }, children: toEditTree(n.children ?? []) }));

export const fromEditTree = (nodes: readonly EditNode[]): RootCauseNode[] =>
  nodes.map((n) => {
    const label = { en: n.label.en.trim(), "zh-CN": n.label["zh-CN"].trim(), "zh-TW": n.label["zh-TW"].trim() };
    return n.children.length ? { key: n.key, label, children: fromEditTree(n.children) } : { key: n.key, label };
  });

/** Every key of the tree. */
export function treeKeys(nodes: readonly EditNode[]): string[] {
  return nodes.flatMap((n) => [n.key, ...treeKeys(n.children)]);
}

/** The tree with `f` applied to the node `key` (and the rest untouched). */
export function updateNode(nodes: readonly EditNode[], key: string, f: (n: EditNode) => EditNode): EditNode[] {
  return nodes.map((n) => (n.key === key ? f(n) : { ...n, children: updateNode(n.children, key, f) }));
}

/** The tree without the node `key` and what is under it. */
export function removeNode(nodes: readonly EditNode[], key: string): EditNode[] {
  return nodes.filter((n) => n.key !== key).map((n) => ({ ...n, children: removeNode(n.children, key) }));
}

/** The tree with `child` added under `parent` (null: at the top), last. */
export function addNode(nodes: readonly EditNode[], parent: string | null, child: EditNode): EditNode[] {
  return parent === null ? [...nodes, child] : updateNode(nodes, parent, (n) => ({ ...n, children: [...n.children, child] }));
}

/** The level of node `key` (1 at the top), 0 when it is not in the tree. */
export function depthOf(nodes: readonly EditNode[], key: string, level = 1): number {
  for (const n of nodes) {
    if (n.key === key) return level;
    const d = depthOf(n.children, key, level + 1);
    if (d) return d;
  }
  return 0;
}

export const toEditCategories = (s: Pick<ComplaintSettings, "categories" | "categoryLabels">): EditCategory[] =>
  s.categories.map((key, id) => ({ id, key, saved: true, label: { ...BLANK, ...s.categoryLabels[key] } }));

export type CategoryProblem = { row: number; field: "key" | "label"; reason: "required" | "duplicate" | "partial" };

/** The first thing wrong with the category rows, or null: keys filled and unique, names all three or none. */
export function categoryProblem(rows: readonly EditCategory[]): CategoryProblem | null {
  const seen = new Set<string>();
  for (const [row, c] of rows.entries()) {
    const key = c.key.trim();
    if (!key) return { row, field: "key", reason: "required" };
    if (seen.has(key)) return { row, field: "key", reason: "duplicate" };
    seen.add(key);
    const filled = LANGS.filter((l) => c.label[l].trim() !== "").length;
    if (filled !== 0 && filled !== LANGS.length) return { row, field: "label", reason: "partial" };
  }
  return null;
}

/**
 * The settings with the edited categories and tree. Names of category keys no longer listed
 * are kept: stored complaints still carry those keys.
 */
export function withEdits(s: ComplaintSettings, rows: readonly EditCategory[], tree: readonly EditNode[]): ComplaintSettings {
  const listed = rows.map((c) => c.key.trim());
  const labels: Record<string, Labels> = Object.fromEntries(Object.entries(s.categoryLabels).filter(([k]) => !listed.includes(k)));
  for (const c of rows) {
    const label = { en: c.label.en.trim(), "zh-CN": c.label["zh-CN"].trim(), "zh-TW": c.label["zh-TW"].trim() };
    if (LANGS.every((l) => label[l] !== "")) labels[c.key.trim()] = label;
  }
  return { ...s, categories: listed, categoryLabels: labels, rootCauses: fromEditTree(tree) };
}
