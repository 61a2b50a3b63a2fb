/**
 * The six-step service recovery of a complaint (DOMAIN §6) as a pure reducer over events:
 * apologise (1), hear the customer out (2), propose a fair fix within one's authority or get
 * it approved (3), give added-value compensation (4), keep the promise (5), follow up (6).
 * A failed fix reopens the case at step 3; a satisfied follow-up closes it. Times come from
 * the events, never from the clock, so replaying the same events gives the same case.
 */
import { approvalRefusal, canHandle, type AuthorityPolicy } from "./authority.ts";
import * as step from "./steps.ts";
import type { Applied, ComplaintCase, EventType, RecoveryError, RecoveryEvent, Role, Status } from "./types.ts";
import { isPaused } from "./timeline.ts";
import { ROLES } from "./types.ts";
import { checkBase, checkPayload, instantMs } from "./validate.ts";

export * from "./types.ts";
export { currentRound, liveProposal } from "./steps.ts";
export { firstResponseAt, isPaused, pausesOf, promiseState, resolvedAt, type PromiseState } from "./timeline.ts";

/** What may happen in each status, pauses aside. Closed is final: a new grievance is a new case. */
export const ALLOWED: Readonly<Record<Status, readonly EventType[]>> = {
  new: ["apologised", "paused"],
  acknowledged: ["heard", "paused"],
  heard: ["fix_proposed", "withdrawn", "rejected", "paused"],
  awaiting_approval: ["fix_approved", "fix_rejected", "withdrawn", "rejected", "paused"],
  fix_agreed: ["compensation_given", "withdrawn", "rejected", "paused"],
  compensated: ["promise_made", "withdrawn", "paused"],
  promised: ["promise_kept", "promise_broken", "withdrawn", "paused"],
  promise_kept: ["followed_up", "withdrawn", "paused"],
  closed: [],
};

/**
 * Events that note something about the case rather than move it through the steps: accepted
 * at any status until the case closes, while it waits for the customer too, the status
 * unchanged. nextSteps lists the steps only; these are open to whoever may handle the case.
 */
export const ANNOTATIONS: readonly EventType[] = ["root_cause_set"];

/** What the status waits for, to tell a caller who sent the wrong event what to do instead. */
const WAITING_FOR: Readonly<Record<Status, string>> = {
  new: "an apology and acknowledgement (step 1)",
  acknowledged: "the customer's account and the open questions asked (step 2)",
  heard: "a fair fix to be proposed (step 3), or the case withdrawn or rejected",
  awaiting_approval: "an approver to approve or reject the proposed fix (step 3)",
  fix_agreed: "the compensation to be given (step 4)",
  compensated: "a promise with its due date (step 5)",
  promised: "the promise to be kept or broken (step 5)",
  promise_kept: "a follow-up with the customer (step 6)",
  closed: "nothing: the case is closed",
};

const fail = (error: RecoveryError): Applied => ({ ok: false, error });

/** The steps that may be applied to `c` now (["opened"] before there is a case), for the UI; ANNOTATIONS aside. */
export function nextSteps(c: ComplaintCase | null): EventType[] {
  if (!c) return ["opened"];
  if (isPaused(c)) return ["resumed"];
  return [...ALLOWED[c.status]];
}

/** nextSteps narrowed to what this person may do: analysts nothing, approvals only within their limit. */
export function nextStepsFor(c: ComplaintCase | null, actor: { id: number; role: Role }, policy: AuthorityPolicy): EventType[] {
  if (!canHandle(actor.role, policy)) return [];
  const p = c ? step.liveProposal(c) : undefined;
  const mayDecide = p !== undefined && approvalRefusal(actor, p.by, p.compensation, policy) === null;
  return nextSteps(c).filter((t) => (t !== "fix_approved" && t !== "fix_rejected") || mayDecide);
}

/** Why `e` cannot happen to `c` now (whatever its fields say), or null. */
function refusal(c: ComplaintCase, e: RecoveryEvent): RecoveryError | null {
  if (e.type === "opened") return { code: "ALREADY_OPENED", message: "This case is already open; record the next step instead of opening it again." };
  // A root cause is often found after the customer's side is settled: notes still go on a closed case.
  if (c.status === "closed" && !ANNOTATIONS.includes(e.type)) {
    return { code: "CLOSED", message: `The case was closed (${c.closure?.kind ?? "closed"}) and takes no more steps (only its root cause may still be set); open a new case for a new grievance.` };
  }
  if (instantMs(e.at) < instantMs(c.lastEventAt)) {
    return { code: "OUT_OF_ORDER", field: "at", message: `The event is dated ${e.at}, before the case's last event (${c.lastEventAt}); record events in the order they happened.` };
  }
  if (ANNOTATIONS.includes(e.type)) return null;
  if (isPaused(c) && e.type !== "resumed") {
    return { code: "PAUSED", message: "The case is waiting for the customer; record that they came back (resumed) first." };
  }
  if (!isPaused(c) && e.type === "resumed") return { code: "NOT_PAUSED", message: "The case is not waiting for the customer, so there is nothing to resume." };
  if (e.type === "resumed" || ALLOWED[c.status].includes(e.type)) return null;
  return { code: "WRONG_STEP", message: `"${e.type}" cannot be recorded now: the case waits for ${WAITING_FOR[c.status]}. Possible now: ${ALLOWED[c.status].join(", ")}.` };
}

/** The event's effect, its time and version stamped on the new case. */
function effect(c: ComplaintCase, e: RecoveryEvent, policy: AuthorityPolicy): Applied {
  switch (e.type) {
    case "opened": return fail({ code: "ALREADY_OPENED", message: "This case is already open." }); // refusal() stops it first
    case "apologised": case "heard": return step.record(c, e);
    case "fix_proposed": return step.proposeFix(c, e, policy);
    case "fix_approved": case "fix_rejected": return step.decideFix(c, e, policy);
    case "compensation_given": return step.giveCompensation(c, e);
    case "promise_made": return step.makePromise(c, e);
    case "promise_kept": case "promise_broken": return step.settlePromise(c, e);
    case "followed_up": return step.followUp(c, e);
    case "withdrawn": case "rejected": return step.close(c, e);
    case "paused": return step.pause(c, e);
    case "resumed": return step.resume(c, e);
    case "root_cause_set": return step.setRootCause(c, e);
  }
}

/**
 * Apply one event: the new case, or why the event was refused (the case is then unchanged).
 * `c` is null before the case is opened.
 */
export function applyEvent(c: ComplaintCase | null, e: RecoveryEvent, policy: AuthorityPolicy): Applied {
  const base = checkBase(e);
  if (base) return fail(base);
  if (!canHandle(e.role, policy)) {
    const handlers = ROLES.filter((r) => canHandle(r, policy)).join(", ");
    return fail({ code: "ROLE_CANNOT_HANDLE", field: "role", message: `The role ${e.role} may not handle complaints; ask someone with the role ${handlers}, or change the authority settings.` });
  }
  if (!c) {
    if (e.type !== "opened") return fail({ code: "NOT_OPENED", message: `There is no case yet; open it before recording ${e.type}.` });
    const bad = checkPayload(e);
    return bad ? fail(bad) : { ok: true, case: step.open(e) };
  }
  const no = refusal(c, e) ?? checkPayload(e);
  if (no) return fail(no);
  const r = effect(c, e, policy);
  return r.ok ? { ok: true, case: { ...r.case, lastEventAt: e.at, version: c.version + 1 } } : r;
}

/** Rebuild a case from its events; on the first refused one, its index and why. */
export function replay(
  events: readonly RecoveryEvent[],
  policy: AuthorityPolicy,
): { ok: true; case: ComplaintCase } | { ok: false; index: number; error: RecoveryError } {
  let c: ComplaintCase | null = null;
  for (const [index, e] of events.entries()) {
    const r = applyEvent(c, e, policy);
    if (!r.ok) return { ok: false, index, error: r.error };
    c = r.case;
  }
  return c ? { ok: true, case: c } : { ok: false, index: 0, error: { code: "NOT_OPENED", message: "No events to replay; a case starts with an opened event." } };
}
