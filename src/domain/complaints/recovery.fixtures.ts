/**
 * Test helpers: people, instants, a valid event of every type, and the events that bring a
 * case to each status. Used by the tests beside this file only.
 */
import { DEFAULT_AUTHORITY } from "./authority.ts";
import { replay } from "./recovery.ts";
import type { ComplaintCase, EventType, RecoveryEvent, Role, Status } from "./types.ts";

export const policy = DEFAULT_AUTHORITY;

export interface Person { id: number; role: Role }
export const agent: Person = { id: 1, role: "agent" };
export const agent2: Person = { id: 2, role: "agent" };
export const manager: Person = { id: 3, role: "manager" };
export const admin: Person = { id: 4, role: "admin" };
export const analyst: Person = { id: 5, role: "analyst" };

/** The instant `minutes` after 2026-03-02 09:00 Beijing time. */
export const at = (minutes: number): string => new Date(Date.parse("2026-03-02T01:00:00Z") + minutes * 60_000).toISOString();

type Payload<T extends EventType> = Omit<Extract<RecoveryEvent, { type: T }>, "type" | "actorId" | "role" | "at">;

/** A well-formed payload for every event type (the fix within an agent's limit, the follow-up satisfied). */
export const PAYLOADS: { [T in EventType]: Payload<T> } = {
  opened: { customerId: 42, channel: "phone", summary: "The kettle arrived broken." },
  apologised: { text: "I am sorry the kettle arrived broken; that should not have happened." },
  heard: { account: "Box crushed, spout cracked, it was a gift.", openQuestions: ["How would you like us to put this right?"] },
  fix_proposed: { finding: "founded", demand: "reasonable", demandReason: "A replacement is what any buyer would expect.", fix: "Send a new kettle today.", compensation: "50.00" },
  fix_approved: {},
  fix_rejected: { reason: "A replacement is enough; no cash on top." },
  compensation_given: { items: [{ kind: "coupon", cost: "30.00" }, { kind: "gift", cost: "20", note: "tea sampler" }] },
  promise_made: { promise: "The new kettle will arrive by Friday.", dueAt: at(3 * 24 * 60) },
  promise_kept: {},
  promise_broken: { reason: "The courier lost the parcel." },
  followed_up: { outcome: "satisfied" },
  withdrawn: { reason: "The customer found the missing part in the box." },
  rejected: { ground: "unfounded", reason: "The photos show a different model." },
  paused: { reason: "Waiting for photos of the damage." },
  resumed: {},
  root_cause_set: { rootCause: "logistics_damaged", note: "The carrier's depot crushed the box." },
};

/** A valid event of `type` by `who` at `minute`, with `over` replacing payload fields. */
export function ev<T extends EventType>(type: T, minute: number, who: Person = agent, over: Partial<Payload<T>> = {}): RecoveryEvent {
  return { type, actorId: who.id, role: who.role, at: at(minute), ...PAYLOADS[type], ...over } as unknown as RecoveryEvent;
}

const upTo = (n: number): RecoveryEvent[] => [ev("opened", 0), ev("apologised", 1), ev("heard", 2)].slice(0, n);

/** Events that leave a case in `status`; awaiting_approval is an agent's 500.00 fix. */
export function eventsTo(status: Status | "awaiting_then_approved"): RecoveryEvent[] {
  const agreed = [...upTo(3), ev("fix_proposed", 3)];
  const promised = [...agreed, ev("compensation_given", 4), ev("promise_made", 5)];
  switch (status) {
    case "new": return upTo(1);
    case "acknowledged": return upTo(2);
    case "heard": return upTo(3);
    case "awaiting_approval": return [...upTo(3), ev("fix_proposed", 3, agent, { compensation: "500.00" })];
    case "awaiting_then_approved": return [...eventsTo("awaiting_approval"), ev("fix_approved", 4, manager)];
    case "fix_agreed": return agreed;
    case "compensated": return agreed.concat(ev("compensation_given", 4));
    case "promised": return promised;
    case "promise_kept": return [...promised, ev("promise_kept", 6)];
    case "closed": return [...promised, ev("promise_kept", 6), ev("followed_up", 7)];
  }
}

/** The case the events give; throws when they are refused, as a fixture must be valid. */
export function caseOf(events: readonly RecoveryEvent[]): ComplaintCase {
  const r = replay(events, policy);
  if (!r.ok) throw new Error(`fixture refused at ${r.index}: ${r.error.code} ${r.error.message}`);
  return r.case;
}
