import type { CompensationKind, EventInput, EventType, Finding, FollowUpOutcome, Judgement, RejectionGround } from "./api/complaints.api";

/** A decimal amount as the server takes it: "50", "19.90"; up to 6 decimals, never negative. */
export const MONEY = /^\d{1,12}(\.\d{1,6})?$/;

/** What the action forms collect; each event type reads its own fields. */
export interface ActionValues {
  text?: string;
  account?: string;
  openQuestions?: string[];
  finding?: Finding;
  demand?: Judgement;
  demandReason?: string;
  fix?: string;
  compensation?: string;
  items?: { kind: CompensationKind; cost: string; note?: string }[];
  promise?: string;
  /** An ISO instant with its zone, from the date picker. */
  dueAt?: string;
  outcome?: FollowUpOutcome;
  note?: string;
  reason?: string;
  ground?: RejectionGround;
  /** A key of the root-cause tree. */
  rootCause?: string;
}

const s = (v: string | undefined) => (v ?? "").trim();
const optional = (v: string | undefined) => (s(v) === "" ? null : s(v));

/** The event a form's values make, trimmed; amounts are sent as the text typed, never as floats. */
export function toEvent(type: EventType, v: ActionValues): EventInput {
  switch (type) {
    case "apologised": return { type, text: s(v.text) };
    case "heard": return { type, account: s(v.account), openQuestions: (v.openQuestions ?? []).map(s).filter((q) => q !== "") };
    case "fix_proposed":
      return { type, finding: v.finding!, demand: v.demand!, demandReason: s(v.demandReason), fix: s(v.fix), compensation: s(v.compensation) };
    case "compensation_given": return { type, items: (v.items ?? []).map((it) => ({ kind: it.kind, cost: s(it.cost), note: optional(it.note) })) };
    case "promise_made": return { type, promise: s(v.promise), dueAt: v.dueAt! };
    case "followed_up": return { type, outcome: v.outcome!, note: optional(v.note) };
    case "rejected": return { type, ground: v.ground!, reason: s(v.reason) };
    case "fix_rejected": case "promise_broken": case "withdrawn": case "paused": return { type, reason: s(v.reason) };
    case "fix_approved": case "promise_kept": case "resumed": return { type };
    case "root_cause_set": return { type, rootCause: v.rootCause!, note: optional(v.note) };
  }
}

/** The steps this app has a form for (the server may offer others later); the root cause is set on the case card. */
export const KNOWN_ACTIONS: readonly EventType[] = [
  "apologised", "heard", "fix_proposed", "fix_approved", "fix_rejected", "compensation_given", "promise_made", "promise_kept",
  "promise_broken", "followed_up", "paused", "resumed", "withdrawn", "rejected",
];
export const isKnownAction = (t: string): t is EventType => (KNOWN_ACTIONS as readonly string[]).includes(t);
