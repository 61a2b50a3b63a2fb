import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { toLanguage } from "../../i18n";
import type { Labels, RootCauseNode } from "./api/complaints.api";
import { useComplaintSettings } from "./hooks/useComplaints";

/** Where a root-cause node sits: its keys from the top, and its names. */
export interface RootCausePlace {
  key: string;
  path: string[];
  label: Labels;
}

/** Every node of the tree by key (the first one when a key repeats). */
export function rootCauseIndex(tree: readonly RootCauseNode[]): Map<string, RootCausePlace> {
  const out = new Map<string, RootCausePlace>();
  const walk = (nodes: readonly RootCauseNode[], up: string[]) => {
    for (const n of nodes) {
      const path = [...up, n.key];
      if (!out.has(n.key)) out.set(n.key, { key: n.key, path, label: n.label });
      walk(n.children ?? [], path);
    }
  };
  walk(tree, []);
  return out;
}

/** A node for antd's TreeSelect: the key as value, the name in the language shown. */
export interface RootCauseOption {
  value: string;
  title: string;
  children?: RootCauseOption[];
}

/**
 * Category and root-cause names in the current language, from the complaint settings. A key
 * the settings do not name (an imported category, a cause since removed) is shown as it is.
 */
export function useComplaintLabels() {
  const { t, i18n } = useTranslation();
  const lang = toLanguage(i18n.language);
  const settings = useComplaintSettings();
  const data = settings.data;
  const names = useMemo(() => {
    const index = rootCauseIndex(data?.rootCauses ?? []);
    const name = (l: Labels | undefined): string | undefined => (l ? l[lang] || l.en : undefined);
    const options = (nodes: readonly RootCauseNode[]): RootCauseOption[] =>
      nodes.map((n) => ({ value: n.key, title: name(n.label) ?? n.key, ...(n.children?.length ? { children: options(n.children) } : {}) }));
    return {
      /** The category's name, or its key when it has none. */
      category: (key: string): string => name(data?.categoryLabels[key]) ?? key,
      /** The root cause's name, or its key when the tree no longer has it. */
      rootCause: (key: string): string => {
        const place = index.get(key);
        return place ? (name(place.label) ?? key) : data ? t("complaints.rootCause.unknown", { key }) : key;
      },
      /** The names from the top down to the node: "Logistics › Late delivery". */
      rootCausePath: (key: string): string => {
        const place = index.get(key);
        return place ? place.path.map((k) => name(index.get(k)?.label) ?? k).join(" › ") : data ? t("complaints.rootCause.unknown", { key }) : key;
      },
      treeData: options(data?.rootCauses ?? []),
    };
  }, [data, lang, t]);
  return { settings, ...names };
}
