import type { TFunction } from "i18next";

/** The tier's own label, else the built-in name of top/middle/bottom, else its key. */
export function tierName(t: TFunction, l: { key: string; label: string | null }): string {
  if (l.label) return l.label;
  const builtIn = ["top", "middle", "bottom"] as const;
  const k = builtIn.find((b) => b === l.key);
  return k ? t(`plans.tierNames.${k}`) : l.key;
}
