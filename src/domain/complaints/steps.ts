/**
 * What each event does to a case, once recovery.ts has checked that it may happen now and
 * that its fields are well formed. Each function returns a new case; none mutates its input.
 */
import { approvalRefusal, approversFor, canAuthorise, limitOf, type AuthorityPolicy } from "./authority.ts";
import { cmpMoney, sumMoney } from "./money.ts";
import type { Applied, ComplaintCase, Proposal, RecoveryError, RecoveryEvent, Round, Stamp, Status } from "./types.ts";
import { instantMs } from "./validate.ts";

type Ev<T extends RecoveryEvent["type"]> = Extract<RecoveryEvent, { type: T }>;

const ok = (c: ComplaintCase): Applied => ({ ok: true, case: c });
const fail = (error: RecoveryError): Applied => ({ ok: false, error });
const stampOf = (e: RecoveryEvent): Stamp => ({ by: e.actorId, role: e.role, at: e.at });
const note = (n: string | null | undefined): string | null => (n == null || n.trim() === "" ? null : n.trim());
const newRound = (): Round => ({ proposals: [], compensation: null, promise: null, followUps: [], end: null });
const limitText = (role: Stamp["role"], policy: AuthorityPolicy): string | null => {
  const l = limitOf(role, policy);
  return l.handles ? l.limit : null;
};

/** The round being worked on: the last one. */
export const currentRound = (c: ComplaintCase): Round | undefined => c.rounds.at(-1);

/** The fix that counts now: the last one proposed in the current round. */
export const liveProposal = (c: ComplaintCase): Proposal | undefined => currentRound(c)?.proposals.at(-1);

/** The case with its current round replaced by `f(round)` and its status set. */
function onRound(c: ComplaintCase, status: Status, f: (r: Round) => Round): ComplaintCase {
  const r = currentRound(c) ?? newRound();
  return { ...c, status, rounds: [...c.rounds.slice(0, -1), f(r)] };
}

/** The case with the live proposal replaced by `f(proposal)`. */
const onProposal = (c: ComplaintCase, status: Status, f: (p: Proposal) => Proposal): ComplaintCase =>
  onRound(c, status, (r) => ({ ...r, proposals: r.proposals.map((p, i) => (i === r.proposals.length - 1 ? f(p) : p)) }));

/** A failed fix: end the round and start the next at step 3 (DOMAIN §6: a second chance). */
const reopen = (c: ComplaintCase): ComplaintCase => ({
  ...c, status: "heard", reopenings: c.reopenings + 1,
  rounds: [...c.rounds.slice(0, -1), { ...(currentRound(c) ?? newRound()), end: "reopened" }, newRound()],
});

export function proposeFix(c: ComplaintCase, e: Ev<"fix_proposed">, policy: AuthorityPolicy): Applied {
  if (approversFor(e.compensation, policy).length === 0) {
    return fail({ code: "NO_APPROVER", field: "compensation", message: `No role may authorise compensation of ${e.compensation}; propose a smaller amount or raise a limit in the authority settings.` });
  }
  const s = stampOf(e);
  const self = canAuthorise(e.role, e.compensation, policy);
  const proposal: Proposal = {
    ...s, finding: e.finding, demand: { judgement: e.demand, reason: e.demandReason.trim() }, fix: e.fix.trim(),
    compensation: e.compensation, authorisedBy: self ? { ...s, limit: limitText(e.role, policy), self: true } : null, rejection: null,
  };
  return ok(onRound(c, self ? "fix_agreed" : "awaiting_approval", (r) => ({ ...r, proposals: [...r.proposals, proposal] })));
}

export function decideFix(c: ComplaintCase, e: Ev<"fix_approved"> | Ev<"fix_rejected">, policy: AuthorityPolicy): Applied {
  const p = liveProposal(c);
  if (!p) return fail({ code: "WRONG_STEP", message: "There is no proposed fix to decide on; propose one first." });
  const refusal = approvalRefusal({ id: e.actorId, role: e.role }, p.by, p.compensation, policy);
  if (refusal) return fail(refusal);
  const s = stampOf(e);
  return e.type === "fix_approved"
    ? ok(onProposal(c, "fix_agreed", (q) => ({ ...q, authorisedBy: { ...s, limit: limitText(e.role, policy), self: false } })))
    : ok(onProposal(c, "heard", (q) => ({ ...q, rejection: { ...s, reason: e.reason.trim() } })));
}

export function giveCompensation(c: ComplaintCase, e: Ev<"compensation_given">): Applied {
  const authorised = liveProposal(c)?.authorisedBy ? liveProposal(c)?.compensation : undefined;
  if (authorised === undefined) return fail({ code: "WRONG_STEP", message: "No fix has been authorised yet; propose one and get it approved first." });
  const items = e.items.map((it) => ({ kind: it.kind, cost: it.cost, note: note(it.note) }));
  const total = sumMoney(items.map((it) => it.cost));
  if (cmpMoney(total, authorised) > 0) {
    return fail({ code: "OVER_AUTHORISED", field: "items", message: `The items cost ${total} in all, above the ${authorised} authorised; give less, or propose a new fix for more.` });
  }
  return ok(onRound(c, "compensated", (r) => ({ ...r, compensation: { ...stampOf(e), items, total } })));
}

export function makePromise(c: ComplaintCase, e: Ev<"promise_made">): Applied {
  if (instantMs(e.dueAt) < instantMs(e.at)) {
    return fail({ code: "BAD_INPUT", field: "dueAt", message: `The promise is due ${e.dueAt}, before it was made (${e.at}); give a due date still to come.` });
  }
  const promise = { ...stampOf(e), promise: e.promise.trim(), dueAt: e.dueAt, kept: null, broken: null };
  return ok(onRound(c, "promised", (r) => ({ ...r, promise })));
}

export function settlePromise(c: ComplaintCase, e: Ev<"promise_kept"> | Ev<"promise_broken">): Applied {
  const p = currentRound(c)?.promise;
  if (!p) return fail({ code: "WRONG_STEP", message: "No promise has been made in this round; make one first." });
  if (e.type === "promise_kept") return ok(onRound(c, "promise_kept", (r) => ({ ...r, promise: { ...p, kept: stampOf(e) } })));
  return ok(reopen(onRound(c, c.status, (r) => ({ ...r, promise: { ...p, broken: { ...stampOf(e), reason: e.reason.trim() } } }))));
}

export function followUp(c: ComplaintCase, e: Ev<"followed_up">): Applied {
  const s = stampOf(e);
  const recorded = onRound(c, c.status, (r) => ({ ...r, followUps: [...r.followUps, { ...s, outcome: e.outcome, note: note(e.note) }] }));
  if (e.outcome === "unreachable") return ok(recorded);
  if (e.outcome === "not_satisfied") return ok(reopen(recorded));
  return ok(onRound({ ...recorded, closure: { ...s, kind: "resolved" } }, "closed", (r) => ({ ...r, end: "resolved" })));
}

export function close(c: ComplaintCase, e: Ev<"withdrawn"> | Ev<"rejected">): Applied {
  const s = stampOf(e);
  const closure = e.type === "withdrawn"
    ? { ...s, kind: "withdrawn" as const, reason: e.reason.trim() }
    : { ...s, kind: "rejected" as const, ground: e.ground, reason: e.reason.trim() };
  return ok(onRound({ ...c, closure }, "closed", (r) => ({ ...r, end: e.type })));
}

export function pause(c: ComplaintCase, e: Ev<"paused">): Applied {
  return ok({ ...c, pauses: [...c.pauses, { from: e.at, to: null, reason: e.reason.trim(), by: e.actorId, role: e.role }] });
}

export function resume(c: ComplaintCase, e: Ev<"resumed">): Applied {
  return ok({ ...c, pauses: c.pauses.map((p, i) => (i === c.pauses.length - 1 ? { ...p, to: e.at } : p)) });
}

/**
 * The root cause found, at any step and after the case closes: the status does not move. Which
 * keys exist is the settings' business (the service checks the tree); here only its form.
 */
export function setRootCause(c: ComplaintCase, e: Ev<"root_cause_set">): Applied {
  return ok({ ...c, rootCause: { ...stampOf(e), key: e.rootCause, note: note(e.note) } });
}

/** Steps 1 and 2 and the opening: plain records, no rules beyond their fields. */
export function record(c: ComplaintCase, e: Ev<"apologised"> | Ev<"heard">): Applied {
  const s = stampOf(e);
  return e.type === "apologised"
    ? ok({ ...c, status: "acknowledged", acknowledgement: { ...s, text: e.text.trim() } })
    : ok({ ...c, status: "heard", hearing: { ...s, account: e.account.trim(), openQuestions: e.openQuestions.map((q) => q.trim()) }, rounds: [newRound()] });
}

/** A new case from its opening event. */
export function open(e: Ev<"opened">): ComplaintCase {
  return {
    customerId: e.customerId, channel: e.channel.trim(), summary: e.summary.trim(), opened: stampOf(e), status: "new",
    acknowledgement: null, hearing: null, rounds: [], reopenings: 0, pauses: [], rootCause: null, closure: null, lastEventAt: e.at, version: 1,
  };
}
