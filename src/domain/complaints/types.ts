/**
 * The complaint case and its six-step service recovery (DOMAIN §6, seed 000): the plain
 * records each step leaves, the events that move a case, and the errors a refused event
 * gives. Everything here is JSON: strings, numbers, arrays and plain objects, so a case or an
 * event can be stored as it is and read back equal.
 */

import type { Role } from "../roles.ts";

export { ROLES, type Role } from "../roles.ts";

/** Who did something and when: a user id, their role at the time, an ISO instant with zone. */
export interface Stamp {
  by: number;
  role: Role;
  at: string;
}

/** Step 1: the apology and acknowledgement of what the customer went through. */
export interface Acknowledgement extends Stamp {
  text: string;
}

/** Step 2: the customer's account in their own words and the open questions asked. */
export interface Hearing extends Stamp {
  account: string;
  openQuestions: string[];
}

/** Whether the investigation found the complaint true. */
export type Finding = "founded" | "unfounded" | "partly" | "undetermined";
export const FINDINGS: readonly Finding[] = ["founded", "unfounded", "partly", "undetermined"];

export type Judgement = "reasonable" | "unreasonable";
export const JUDGEMENTS: readonly Judgement[] = ["reasonable", "unreasonable"];

/** Who authorised a fix's compensation, with the limit their role had then (null = none). */
export interface Authorisation extends Stamp {
  limit: string | null;
  /** True when the proposer was within their own limit; false for an approval by another. */
  self: boolean;
}

/** Step 3: a fair fix, with the investigation behind it and the compensation it costs. */
export interface Proposal extends Stamp {
  finding: Finding;
  /** The customer's demand, judged, and why: accept what is reasonable, refuse what is not. */
  demand: { judgement: Judgement; reason: string };
  fix: string;
  /** Compensation proposed, a non-negative decimal string. */
  compensation: string;
  /** Null while the fix waits for approval, or after it was rejected. */
  authorisedBy: Authorisation | null;
  /** Set when an approver refused the fix: the round goes back to proposing. */
  rejection: (Stamp & { reason: string }) | null;
}

export type CompensationKind = "refund" | "coupon" | "gift" | "service" | "other";
export const COMPENSATION_KINDS: readonly CompensationKind[] = ["refund", "coupon", "gift", "service", "other"];

export interface CompensationItem {
  kind: CompensationKind;
  /** What it cost the business, a non-negative decimal string. */
  cost: string;
  note: string | null;
}

/** Step 4: the added-value compensation given; `total` never exceeds what was authorised. */
export interface Compensation extends Stamp {
  items: CompensationItem[];
  total: string;
}

/** Step 5: the promise made and what became of it. Overdue is derived from `dueAt` and a `now`. */
export interface PromiseRecord extends Stamp {
  promise: string;
  dueAt: string;
  kept: Stamp | null;
  broken: (Stamp & { reason: string }) | null;
}

export type FollowUpOutcome = "satisfied" | "not_satisfied" | "unreachable";
export const FOLLOW_UP_OUTCOMES: readonly FollowUpOutcome[] = ["satisfied", "not_satisfied", "unreachable"];

/** Step 6: one follow-up attempt. Unreachable ones are kept and the case waits for another. */
export interface FollowUp extends Stamp {
  outcome: FollowUpOutcome;
  note: string | null;
}

/**
 * One attempt at steps 3–6. A failed fix (not satisfied, promise broken) ends the round and
 * starts the next at step 3; steps 1 and 2 are not repeated.
 */
export interface Round {
  /** Every fix proposed in this round, oldest first; only the last is live. */
  proposals: Proposal[];
  compensation: Compensation | null;
  promise: PromiseRecord | null;
  followUps: FollowUp[];
  /** How the round ended, null while it runs. */
  end: null | "reopened" | "resolved" | "withdrawn" | "rejected";
}

/** Why a complaint is refused: not true, or the demand goes too far. */
export type RejectionGround = "unfounded" | "unreasonable";
export const REJECTION_GROUNDS: readonly RejectionGround[] = ["unfounded", "unreasonable"];

export type Closure =
  | (Stamp & { kind: "resolved" })
  | (Stamp & { kind: "withdrawn"; reason: string })
  | (Stamp & { kind: "rejected"; ground: RejectionGround; reason: string });

/**
 * The cause the investigation found, as a key of the root-cause tree in the complaint
 * settings (a leaf, or an inner node while the finer cause is unknown). The last one
 * recorded counts; the events keep the earlier ones.
 */
export interface RootCauseRecord extends Stamp {
  key: string;
  note: string | null;
}

/** A wait for the customer; the SLA clocks stop while it lasts. */
export interface Pause {
  from: string;
  to: string | null;
  reason: string;
  by: number;
  role: Role;
}

/**
 * Where the case stands, named by the last thing done:
 * new → acknowledged (1) → heard (2) → [awaiting_approval →] fix_agreed (3) → compensated (4)
 * → promised → promise_kept (5) → closed (6). A failed fix goes back to heard.
 */
export type Status =
  | "new"
  | "acknowledged"
  | "heard"
  | "awaiting_approval"
  | "fix_agreed"
  | "compensated"
  | "promised"
  | "promise_kept"
  | "closed";
export const STATUSES: readonly Status[] = ["new", "acknowledged", "heard", "awaiting_approval", "fix_agreed", "compensated", "promised", "promise_kept", "closed"];

export interface ComplaintCase {
  customerId: number;
  channel: string;
  summary: string;
  opened: Stamp;
  status: Status;
  acknowledgement: Acknowledgement | null;
  hearing: Hearing | null;
  /** Empty until the customer is heard; then one per attempt at a fix. */
  rounds: Round[];
  /** How many times a failed fix sent the case back to step 3 (= rounds − 1). */
  reopenings: number;
  pauses: Pause[];
  /** Null until a root cause is recorded; absent on cases stored before root causes were. */
  rootCause?: RootCauseRecord | null;
  closure: Closure | null;
  /** The instant of the last event applied: later events may not be earlier. */
  lastEventAt: string;
  /** Events applied so far, for the store's optimistic concurrency. */
  version: number;
}

/** Fields every event carries: the acting user, their role and the instant, given by the caller. */
interface EventBase {
  actorId: number;
  role: Role;
  at: string;
}

export type RecoveryEvent = EventBase &
  (
    | { type: "opened"; customerId: number; channel: string; summary: string }
    | { type: "apologised"; text: string }
    | { type: "heard"; account: string; openQuestions: readonly string[] }
    | { type: "fix_proposed"; finding: Finding; demand: Judgement; demandReason: string; fix: string; compensation: string }
    | { type: "fix_approved" }
    | { type: "fix_rejected"; reason: string }
    | { type: "compensation_given"; items: readonly { kind: CompensationKind; cost: string; note?: string | null }[] }
    | { type: "promise_made"; promise: string; dueAt: string }
    | { type: "promise_kept" }
    | { type: "promise_broken"; reason: string }
    | { type: "followed_up"; outcome: FollowUpOutcome; note?: string | null }
    | { type: "withdrawn"; reason: string }
    | { type: "rejected"; ground: RejectionGround; reason: string }
    | { type: "paused"; reason: string }
    | { type: "resumed" }
    | { type: "root_cause_set"; rootCause: string; note?: string | null }
  );

export type EventType = RecoveryEvent["type"];
export const EVENT_TYPES: readonly EventType[] = [
  "opened", "apologised", "heard", "fix_proposed", "fix_approved", "fix_rejected", "compensation_given",
  "promise_made", "promise_kept", "promise_broken", "followed_up", "withdrawn", "rejected", "paused", "resumed", "root_cause_set",
];

/**
 * Why an event was refused. At the HTTP edge an amount or field at fault is BAD_INPUT, a
 * role or person at fault FORBIDDEN, an event at the wrong moment CONFLICT (see RETAIN_CODE).
 */
export type RecoveryErrorCode =
  | "BAD_INPUT"
  | "NOT_OPENED"
  | "ALREADY_OPENED"
  | "CLOSED"
  | "WRONG_STEP"
  | "PAUSED"
  | "NOT_PAUSED"
  | "OUT_OF_ORDER"
  | "ROLE_CANNOT_HANDLE"
  | "SELF_APPROVAL"
  | "APPROVER_LIMIT"
  | "NO_APPROVER"
  | "OVER_AUTHORISED";

export interface RecoveryError {
  code: RecoveryErrorCode;
  message: string;
  field?: string;
}

/** The project's RetainErrorCode for each refusal (src/errors.ts; domain/ may not import it). */
export const RETAIN_CODE: Readonly<Record<RecoveryErrorCode, "BAD_INPUT" | "CONFLICT" | "FORBIDDEN" | "NOT_FOUND">> = {
  BAD_INPUT: "BAD_INPUT", NOT_OPENED: "NOT_FOUND", ALREADY_OPENED: "CONFLICT", CLOSED: "CONFLICT",
  WRONG_STEP: "CONFLICT", PAUSED: "CONFLICT", NOT_PAUSED: "CONFLICT", OUT_OF_ORDER: "CONFLICT",
  ROLE_CANNOT_HANDLE: "FORBIDDEN", SELF_APPROVAL: "FORBIDDEN", APPROVER_LIMIT: "FORBIDDEN",
  NO_APPROVER: "BAD_INPUT", OVER_AUTHORISED: "BAD_INPUT",
};

export type Applied = { ok: true; case: ComplaintCase } | { ok: false; error: RecoveryError };
