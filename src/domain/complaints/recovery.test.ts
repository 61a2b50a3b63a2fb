import { describe, expect, it } from "vitest";
import { applyEvent, firstResponseAt, nextSteps, nextStepsFor, pausesOf, promiseState, replay, resolvedAt } from "./recovery.ts";
import { admin, agent, agent2, analyst, at, caseOf, ev, eventsTo, manager, policy } from "./recovery.fixtures.ts";
import { EVENT_TYPES, STATUSES, type ComplaintCase, type EventType, type RecoveryEvent, type Status } from "./types.ts";

/** Written out by hand, apart from the code's own table: what each status accepts and where it leads. */
const EXPECTED: Record<Status, Partial<Record<EventType, Status>>> = {
  new: { apologised: "acknowledged", paused: "new" },
  acknowledged: { heard: "heard", paused: "acknowledged" },
  heard: { fix_proposed: "fix_agreed", withdrawn: "closed", rejected: "closed", paused: "heard" },
  awaiting_approval: { fix_approved: "fix_agreed", fix_rejected: "heard", withdrawn: "closed", rejected: "closed", paused: "awaiting_approval" },
  fix_agreed: { compensation_given: "compensated", withdrawn: "closed", rejected: "closed", paused: "fix_agreed" },
  compensated: { promise_made: "promised", withdrawn: "closed", paused: "compensated" },
  promised: { promise_kept: "promise_kept", promise_broken: "heard", withdrawn: "closed", paused: "promised" },
  promise_kept: { followed_up: "closed", withdrawn: "closed", paused: "promise_kept" },
  closed: {},
};

/** Events that note something without moving the case: accepted at every open status, paused or not, and never offered as a step. */
const NOTES: readonly EventType[] = ["root_cause_set"];

/** A valid event of `type` an hour after the fixtures; decisions on a fix are the manager's. */
const late = (type: EventType): RecoveryEvent => ev(type, 60, type === "fix_approved" || type === "fix_rejected" ? manager : agent);
const closedWays: Record<string, RecoveryEvent[]> = {
  resolved: eventsTo("closed"),
  withdrawn: [...eventsTo("heard"), ev("withdrawn", 9)],
  rejected: [...eventsTo("awaiting_approval"), ev("rejected", 9)],
};

describe("every transition from every state", () => {
  it.each(EVENT_TYPES)("before a case exists: %s", (type) => {
    const r = applyEvent(null, late(type), policy);
    if (type === "opened") expect(r.ok && r.case.status).toBe("new");
    else expect(!r.ok && r.error.code).toBe("NOT_OPENED");
  });

  const open = STATUSES.filter((s) => s !== "closed");
  const rows = open.flatMap((status) => EVENT_TYPES.map((type) => [status, type] as const));
  it.each(rows)("%s, not paused: %s", (status, type) => {
    const c = caseOf(eventsTo(status));
    const r = applyEvent(c, late(type), policy);
    const to = NOTES.includes(type) ? status : EXPECTED[status][type];
    if (to) {
      expect(r.ok && r.case.status).toBe(to);
    } else {
      const code = type === "opened" ? "ALREADY_OPENED" : type === "resumed" ? "NOT_PAUSED" : "WRONG_STEP";
      expect(!r.ok && r.error.code).toBe(code);
    }
    expect(nextSteps(c).sort()).toEqual(Object.keys(EXPECTED[status]).sort());
  });

  it.each(rows)("%s, paused: %s", (status, type) => {
    const c = caseOf([...eventsTo(status), ev("paused", 30)]);
    const r = applyEvent(c, late(type), policy);
    if (type === "resumed") expect(r.ok && r.case.status).toBe(status);
    else if (NOTES.includes(type)) expect(r.ok && [r.case.status, r.case.pauses.at(-1)?.to]).toEqual([status, null]);
    else expect(!r.ok && r.error.code).toBe(type === "opened" ? "ALREADY_OPENED" : "PAUSED");
    expect(nextSteps(c)).toEqual(["resumed"]);
  });

  const closedRows = Object.keys(closedWays).flatMap((way) => EVENT_TYPES.map((type) => [way, type] as const));
  it.each(closedRows)("closed (%s): %s", (way, type) => {
    const c = caseOf(closedWays[way]!);
    const r = applyEvent(c, late(type), policy);
    if (NOTES.includes(type)) expect(r.ok && [r.case.status, r.case.closure]).toEqual(["closed", c.closure]);
    else expect(!r.ok && r.error.code).toBe(type === "opened" ? "ALREADY_OPENED" : "CLOSED");
    expect(nextSteps(c)).toEqual([]);
  });
});

const applied = (c: ComplaintCase, e: RecoveryEvent) => {
  const r = applyEvent(c, e, policy);
  if (!r.ok) throw new Error(r.error.message);
  return r.case;
};
const refused = (c: ComplaintCase | null, e: RecoveryEvent) => {
  const r = applyEvent(c, e, policy);
  if (r.ok) throw new Error(`${e.type} was accepted`);
  return r.error;
};

describe("authority over a fix", () => {
  const awaiting = caseOf(eventsTo("awaiting_approval"));

  it("lets a handler authorise within their limit, and sends a larger fix to approval", () => {
    expect(caseOf(eventsTo("fix_agreed")).rounds[0]?.proposals[0]?.authorisedBy).toMatchObject({ by: 1, limit: "200.00", self: true });
    expect(caseOf(eventsTo("heard")).status).toBe("heard");
    expect(applied(caseOf(eventsTo("heard")), ev("fix_proposed", 9, agent, { compensation: "200.00" })).status).toBe("fix_agreed");
    expect(applied(caseOf(eventsTo("heard")), ev("fix_proposed", 9, agent, { compensation: "200.01" })).status).toBe("awaiting_approval");
    expect(applied(caseOf(eventsTo("heard")), ev("fix_proposed", 9, admin, { compensation: "99999" })).status).toBe("fix_agreed");
  });

  it("refuses approval by the proposer, by a role below the amount, and by an analyst", () => {
    expect(refused(awaiting, ev("fix_approved", 9, agent)).code).toBe("SELF_APPROVAL");
    expect(refused(awaiting, ev("fix_approved", 9, agent2)).code).toBe("APPROVER_LIMIT");
    expect(refused(awaiting, ev("fix_rejected", 9, agent2)).code).toBe("APPROVER_LIMIT");
    expect(refused(awaiting, ev("fix_approved", 9, analyst)).code).toBe("ROLE_CANNOT_HANDLE");
    const big = applied(caseOf(eventsTo("heard")), ev("fix_proposed", 9, manager, { compensation: "5000" }));
    expect(refused(big, ev("fix_approved", 10, { id: 6, role: "manager" })).code).toBe("APPROVER_LIMIT");
    expect(applied(big, ev("fix_approved", 10, admin)).status).toBe("fix_agreed");
  });

  it("records the approval and keeps a rejected fix in the round's history", () => {
    const approved = applied(awaiting, ev("fix_approved", 9, manager));
    expect(approved.rounds[0]?.proposals[0]?.authorisedBy).toMatchObject({ by: 3, role: "manager", limit: "2000.00", self: false });
    const back = applied(awaiting, ev("fix_rejected", 9, manager));
    const again = applied(back, ev("fix_proposed", 10, agent, { compensation: "150" }));
    expect(again.rounds[0]?.proposals.map((p) => [p.compensation, p.rejection?.reason ?? null])).toEqual([["500.00", "A replacement is enough; no cash on top."], ["150", null]]);
    expect(again.status).toBe("fix_agreed");
  });

  it("refuses a fix no one may authorise when no role is unlimited", () => {
    const capped = { limits: { agent: "200", manager: "2000" } };
    const c = replay(eventsTo("heard"), capped);
    const r = c.ok ? applyEvent(c.case, ev("fix_proposed", 9, manager, { compensation: "2000.01" }), capped) : null;
    expect(r?.ok === false && r.error).toMatchObject({ code: "NO_APPROVER", field: "compensation" });
  });

  it("keeps compensation given within what was authorised", () => {
    const agreed = caseOf(eventsTo("fix_agreed"));
    expect(refused(agreed, ev("compensation_given", 9, agent, { items: [{ kind: "refund", cost: "50.01" }] }))).toMatchObject({ code: "OVER_AUTHORISED", field: "items" });
    const given = applied(agreed, ev("compensation_given", 9, agent, { items: [{ kind: "refund", cost: "49.99" }, { kind: "service", cost: "0.01" }] }));
    expect(given.rounds[0]?.compensation).toMatchObject({ total: "50.00", items: [{ kind: "refund", cost: "49.99", note: null }, { kind: "service", cost: "0.01", note: null }] });
    const approved = caseOf(eventsTo("awaiting_then_approved"));
    expect(applied(approved, ev("compensation_given", 9, agent, { items: [{ kind: "refund", cost: "500" }] })).status).toBe("compensated");
  });
});

describe("second chances and closing", () => {
  it("reopens at step 3 on a dissatisfied follow-up or a broken promise, counting each", () => {
    const kept = caseOf(eventsTo("promise_kept"));
    const unreachable = applied(kept, ev("followed_up", 9, agent, { outcome: "unreachable" }));
    expect(unreachable.status).toBe("promise_kept");
    const reopened = applied(unreachable, ev("followed_up", 10, agent, { outcome: "not_satisfied", note: "Still leaks." }));
    expect(reopened).toMatchObject({ status: "heard", reopenings: 1 });
    expect(reopened.rounds.map((r) => r.end)).toEqual(["reopened", null]);
    expect(reopened.rounds[0]?.followUps.map((f) => f.outcome)).toEqual(["unreachable", "not_satisfied"]);
    const broken = applied(caseOf([...eventsTo("promised")]), ev("promise_broken", 9));
    expect(broken).toMatchObject({ status: "heard", reopenings: 1 });
    expect(broken.rounds[0]?.promise?.broken?.reason).toBe("The courier lost the parcel.");
  });

  it("closes on a satisfied follow-up, a withdrawal or a rejection, each with its reason", () => {
    expect(caseOf(eventsTo("closed")).closure).toMatchObject({ kind: "resolved", at: at(7) });
    expect(caseOf(closedWays.withdrawn!).closure).toMatchObject({ kind: "withdrawn", reason: "The customer found the missing part in the box." });
    expect(caseOf(closedWays.rejected!).closure).toMatchObject({ kind: "rejected", ground: "unfounded" });
    expect(refused(caseOf(eventsTo("heard")), ev("withdrawn", 9, agent, { reason: "  " }))).toMatchObject({ code: "BAD_INPUT", field: "reason" });
    expect(refused(caseOf(eventsTo("acknowledged")), ev("withdrawn", 9)).code).toBe("WRONG_STEP");
  });
});

describe("the root cause", () => {
  it("records the cause found at any step before closing, paused or not, keeps the status, and lets a later one correct it", () => {
    expect(caseOf(eventsTo("new")).rootCause).toBeNull();
    const heard = caseOf(eventsTo("heard"));
    const found = applied(heard, ev("root_cause_set", 9, agent, { rootCause: "logistics", note: "  " }));
    expect(found).toMatchObject({ status: "heard", rootCause: { key: "logistics", note: null, by: 1, role: "agent", at: at(9) } });
    const finer = applied(found, ev("root_cause_set", 10, manager));
    expect(finer.rootCause).toMatchObject({ key: "logistics_damaged", note: "The carrier's depot crushed the box.", by: 3 });
    expect(finer.version).toBe(heard.version + 2);
    expect(applied(caseOf(eventsTo("promise_kept")), ev("root_cause_set", 9)).status).toBe("promise_kept");
    const waiting = applied(caseOf([...eventsTo("heard"), ev("paused", 5)]), ev("root_cause_set", 9));
    expect(waiting.pauses).toEqual([expect.objectContaining({ from: at(5), to: null })]);
    expect(nextSteps(waiting)).toEqual(["resumed"]);
    expect(refused(found, ev("root_cause_set", 8)).code).toBe("OUT_OF_ORDER");
  });

  it("refuses a malformed key and an analyst", () => {
    const heard = caseOf(eventsTo("heard"));
    expect(refused(heard, ev("root_cause_set", 9, agent, { rootCause: "Late Delivery" }))).toMatchObject({ code: "BAD_INPUT", field: "rootCause" });
    expect(refused(heard, ev("root_cause_set", 9, agent, { rootCause: 7 as never }))).toMatchObject({ code: "BAD_INPUT", field: "rootCause" });
    expect(refused(heard, ev("root_cause_set", 9, analyst)).code).toBe("ROLE_CANNOT_HANDLE");
  });

  it("notes the root cause on a closed case too, found after the customer's side was settled", () => {
    const closed = caseOf(eventsTo("closed"));
    const noted = applied(closed, ev("root_cause_set", 20));
    expect(noted).toMatchObject({ status: "closed", closure: closed.closure, rootCause: { key: "logistics_damaged" } });
    expect(refused(closed, ev("root_cause_set", 0)).code).toBe("OUT_OF_ORDER");
    expect(refused(noted, ev("followed_up", 21)).code).toBe("CLOSED");
  });
});

describe("the clocks", () => {
  it("gives first response, resolution and pauses from the events", () => {
    const c = caseOf([ev("opened", 0), ev("apologised", 5), ev("paused", 6), ev("resumed", 20), ev("heard", 21), ev("paused", 22)]);
    expect(firstResponseAt(c)).toBe(at(5));
    expect(resolvedAt(c)).toBeNull();
    expect(pausesOf(c)).toEqual([{ from: at(6), to: at(20) }, { from: at(22), to: null }]);
    expect(resolvedAt(caseOf(eventsTo("closed")))).toBe(at(7));
    expect(firstResponseAt(caseOf(eventsTo("new")))).toBeNull();
  });

  it("derives an overdue promise from the now given", () => {
    const c = caseOf(eventsTo("promised"));
    expect(promiseState(c, at(60))).toBe("pending");
    expect(promiseState(c, at(3 * 24 * 60))).toBe("pending");
    expect(promiseState(c, at(3 * 24 * 60 + 1))).toBe("overdue");
    expect(promiseState(caseOf(eventsTo("promise_kept")), at(99_999))).toBe("kept");
    expect(promiseState(caseOf(eventsTo("heard")), at(0))).toBe("none");
    expect(refused(caseOf(eventsTo("compensated")), ev("promise_made", 9, agent, { dueAt: at(8) })).field).toBe("dueAt");
  });
});

describe("input and order", () => {
  const heard = caseOf(eventsTo("heard"));
  it.each([
    [ev("apologised", 1, { id: 0, role: "agent" }), "actorId"],
    [ev("apologised", 1, { id: 1, role: "boss" as never }), "role"],
    [{ ...ev("opened", 1), at: "2026-02-30T10:00:00Z" }, "at"],
    [{ ...ev("opened", 1), at: "2026-03-01 10:00" }, "at"],
    [ev("opened", 1, agent, { customerId: 1.5 }), "customerId"],
    [{ ...ev("opened", 1), type: "praised" } as unknown as RecoveryEvent, "type"],
  ])("refuses a malformed event (%#)", (e, field) => {
    expect(refused(null, e)).toMatchObject({ code: "BAD_INPUT", field });
  });

  it.each([
    [ev("fix_proposed", 9, agent, { compensation: "-1" }), "compensation"],
    [ev("fix_proposed", 9, agent, { compensation: "1e3" }), "compensation"],
    [ev("fix_proposed", 9, agent, { finding: "maybe" as never }), "finding"],
    [ev("fix_proposed", 9, agent, { demandReason: "" }), "demandReason"],
    [ev("rejected", 9, agent, { ground: "rude" as never }), "ground"],
  ])("refuses bad step fields (%#)", (e, field) => {
    expect(refused(heard, e)).toMatchObject({ code: "BAD_INPUT", field });
  });

  it("refuses step fields that are missing or blank", () => {
    const ack = caseOf(eventsTo("acknowledged"));
    expect(refused(ack, ev("heard", 9, agent, { openQuestions: [] })).field).toBe("openQuestions");
    expect(refused(ack, ev("heard", 9, agent, { openQuestions: ["ok?", " "] })).field).toBe("openQuestions.1");
    const agreed = caseOf(eventsTo("fix_agreed"));
    expect(refused(agreed, ev("compensation_given", 9, agent, { items: [] })).field).toBe("items");
    expect(refused(agreed, ev("compensation_given", 9, agent, { items: [{ kind: "cash" as never, cost: "1" }] })).field).toBe("items.0.kind");
  });

  it("refuses analysts, events dated before the last, and leaves the case unchanged", () => {
    const before = structuredClone(heard);
    expect(refused(heard, ev("fix_proposed", 9, analyst)).code).toBe("ROLE_CANNOT_HANDLE");
    expect(refused(heard, ev("fix_proposed", 1)).code).toBe("OUT_OF_ORDER");
    expect(applied(heard, ev("fix_proposed", 2)).version).toBe(4);
    expect(heard).toEqual(before);
  });

  it("replays to the same case and names the first refused event", () => {
    expect(replay(eventsTo("closed"), policy)).toEqual(replay(eventsTo("closed"), policy));
    expect(replay([], policy)).toMatchObject({ ok: false, index: 0, error: { code: "NOT_OPENED" } });
    expect(replay([ev("opened", 0), ev("heard", 1)], policy)).toMatchObject({ ok: false, index: 1, error: { code: "WRONG_STEP" } });
    const c = caseOf(eventsTo("closed"));
    expect(JSON.parse(JSON.stringify(c))).toEqual(c);
  });
});

describe("nextStepsFor", () => {
  it("offers approval only to those who may give it, and nothing to analysts", () => {
    const c = caseOf(eventsTo("awaiting_approval"));
    expect(nextStepsFor(c, agent, policy)).toEqual(["withdrawn", "rejected", "paused"]);
    expect(nextStepsFor(c, manager, policy)).toEqual(["fix_approved", "fix_rejected", "withdrawn", "rejected", "paused"]);
    expect(nextStepsFor(c, analyst, policy)).toEqual([]);
    expect(nextStepsFor(null, agent, policy)).toEqual(["opened"]);
  });
});
