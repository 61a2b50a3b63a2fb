import type { TFunction } from "i18next";
import i18n from "../../../i18n";
import type { AgendaTask } from "../api/agenda.api";

const tr = (t: TFunction, key: string) => (t as unknown as (k: string) => string)(key);

/** "journey.repurchaseOffer" → "Repurchase offer": a kind the catalogue does not know yet still reads. */
const humanize = (s: string) => {
  const last = s.split(".").at(-1) ?? s;
  const words = last.replace(/([a-z])([A-Z])/g, "$1 $2").replace(/[_-]+/g, " ").toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
};

/** What a task asks for, in the reader's language ("care.birthday" → 生日关怀). */
export function kindLabel(t: TFunction, kind: string): string {
  const key = `agenda.kinds.${kind}`;
  // "journey" alone names a group of kinds, not a kind: only a leaf is a label.
  const leaf = (i18n.t as unknown as (k: string, o: object) => unknown)(key, { returnObjects: true });
  if (i18n.exists(key) && typeof leaf === "string") return leaf;
  const group = `agenda.kindGroups.${kind.split(".")[0]!}`;
  return kind.includes(".") && i18n.exists(group) ? `${tr(t, group)} · ${humanize(kind)}` : humanize(kind);
}

/** Where a task came from: a plan, a journey, a reminder … */
export function sourceLabel(t: TFunction, sourceType: string): string {
  const key = `agenda.sources.${sourceType}`;
  return i18n.exists(key) ? tr(t, key) : humanize(sourceType);
}

/** The page of what made the task, where there is one. */
export function sourceLink(task: Pick<AgendaTask, "sourceType" | "sourceId" | "customerId">): string | null {
  if (task.sourceId === null) return null;
  switch (task.sourceType) {
    case "plan":
      return `/plans/${task.sourceId}`;
    case "campaign":
    case "winback":
      return `/campaigns/${task.sourceId}`;
    case "complaint":
      return `/complaints/${task.customerId}/${task.sourceId}`;
    default:
      return null;
  }
}

/** A value tier of the segment snapshot, in the reader's language. */
export function tierLabel(t: TFunction, tier: string): string {
  const key = `value.tiers.${tier}`;
  return i18n.exists(key) ? tr(t, key) : tier;
}
