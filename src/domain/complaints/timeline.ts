/**
 * The instants and intervals other modules read off a case: the SLA clocks (first response,
 * resolution, pauses while waiting for the customer) and whether a promise is overdue.
 */
import type { ComplaintCase } from "./types.ts";
import { instantMs } from "./validate.ts";

/** Whether the case is waiting for the customer now. */
export const isPaused = (c: ComplaintCase): boolean => c.pauses.at(-1)?.to === null;

/** The intervals the case waited for the customer, oldest first; `to` is null while it still waits. */
export const pausesOf = (c: ComplaintCase): { from: string; to: string | null }[] => c.pauses.map((p) => ({ from: p.from, to: p.to }));

/** When the customer first got a response: the apology of step 1, null before it. */
export const firstResponseAt = (c: ComplaintCase): string | null => c.acknowledgement?.at ?? null;

/**
 * When the case was closed, whichever way (resolved, withdrawn, rejected: see
 * `c.closure.kind`); null while it is open.
 */
export const resolvedAt = (c: ComplaintCase): string | null => c.closure?.at ?? null;

export type PromiseState = "none" | "pending" | "overdue" | "kept" | "broken";

/**
 * The state of the current round's promise at `now` (an ISO instant the caller passes):
 * overdue when neither kept nor broken and its due instant has passed. After a broken promise
 * reopens the case the new round has none yet; the broken one stays in the earlier round.
 */
export function promiseState(c: ComplaintCase, now: string): PromiseState {
  const p = c.rounds.at(-1)?.promise;
  if (!p) return "none";
  if (p.kept) return "kept";
  if (p.broken) return "broken";
  return instantMs(now) > instantMs(p.dueAt) ? "overdue" : "pending";
}
