import type { TFunction } from "i18next";
import i18n from "../../../i18n";
import { humanize, kindLabel } from "../../../lib/task-kinds";
import type { AgendaTask } from "../api/agenda.api";

export { kindLabel };

const tr = (t: TFunction, key: string) => (t as unknown as (k: string) => string)(key);

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
