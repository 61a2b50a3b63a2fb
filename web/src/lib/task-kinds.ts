import type { TFunction } from "i18next";
import i18n from "../i18n";

const tr = (t: TFunction, key: string) => (t as unknown as (k: string) => string)(key);

/** "journey.repurchaseOffer" → "Repurchase offer". */
export const humanize = (s: string) => {
  const last = s.split(".").at(-1) ?? s;
  const words = last.replace(/([a-z])([A-Z])/g, "$1 $2").replace(/[_-]+/g, " ").toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
};

/**
 * What a task asks for, in the reader's language ("care.birthday" → 生日关怀), for the agenda
 * and the customer's timeline alike: a kind the catalogue does not know yet still reads.
 */
export function kindLabel(t: TFunction, kind: string): string {
  const key = `agenda.kinds.${kind}`;
  // "journey" alone names a group of kinds, not a kind: only a leaf is a label.
  const leaf = (i18n.t as unknown as (k: string, o: object) => unknown)(key, { returnObjects: true });
  if (i18n.exists(key) && typeof leaf === "string") return leaf;
  const group = `agenda.kindGroups.${kind.split(".")[0]!}`;
  return kind.includes(".") && i18n.exists(group) ? `${tr(t, group)} · ${humanize(kind)}` : humanize(kind);
}
