import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addUser } from "../../src/accounts/accounts.service.ts";
import type { Role } from "../../src/accounts/users.repository.ts";
import { customerTimeline } from "../../src/archive/customers.service.ts";
import { eraseCustomer } from "../../src/archive/privacy.service.ts";
import { SYSTEM_ACTOR } from "../../src/audit/audit.repository.ts";
import { DEFAULT_COMPLAINT_SETTINGS, getComplaintSettings, setComplaintSettings } from "../../src/retention/complaints/complaint-settings.ts";
import {
  complaintDetail, listComplaints, openComplaint, recordEvent, type ComplaintDetail, type EventInput, type Staff,
} from "../../src/retention/complaints/complaints.service.ts";
import { addPraise, praiseReport } from "../../src/retention/complaints/praise.service.ts";
import type { Store } from "../../src/store/connect.ts";
import { getSettings } from "../../src/store/settings.repository.ts";
import { importComplaints, importCustomers } from "../support/import-rows.ts";
import { errorOf } from "../support/errors.ts";
import { freshStore, STORE_KINDS } from "../support/stores.ts";

// Friday 3 April 2026, 16:00 in China: Qingming (4–6 April) follows, so the next working
// time is Tuesday 7 April 09:00. Every call gets its clock from here, never from the wall.
const T0 = Date.parse("2026-04-03T16:00:00+08:00");
const at = (minutes: number): Date => new Date(T0 + minutes * 60_000);


describe.each(STORE_KINDS)("complaints and service recovery on %s", (kind) => {
  let store: Store;
  const who: Record<string, Staff> = {};
  const customer: Record<string, number> = {};
  const counts = async (customerId: number, complaintId: number) => {
    const r = await sql<{ events: number; audit: number; version: number }>`select
        (select count(*)::int from complaint_events where customer_id = ${customerId} and complaint_id = ${complaintId}) as events,
        (select count(*)::int from audit_log where entity_type = 'complaint' and entity_id = ${String(complaintId)}) as audit,
        (select version from complaints where customer_id = ${customerId} and complaint_id = ${complaintId}) as version`.execute(store.db);
    return r.rows[0]!;
  };
  const legacy = async (customerId: number, complaintId: number) =>
    (await sql<{ status: string; resolved_at: Date | null }>`select status, resolved_at from complaints
      where customer_id = ${customerId} and complaint_id = ${complaintId}`.execute(store.db)).rows[0]!;
  /** Records `event` as `by` at `minutes` after T0, with the version the detail showed. */
  const step = (d: ComplaintDetail, by: string, minutes: number, event: EventInput) =>
    recordEvent(store.db, d.customerId, d.complaintId, { version: d.version, event }, who[by]!, at(minutes));
  const open = (by: string, c: string, minutes = 0, extra: Partial<Parameters<typeof openComplaint>[1]> = {}) =>
    openComplaint(store.db, { customerId: customer[c]!, channel: "phone", severity: "normal", category: "delivery", description: "The sofa came late and scratched.", at: at(minutes).toISOString(), ...extra }, who[by]!, at(minutes + 1));

  beforeAll(async () => {
    store = await freshStore(kind);
    const users: Array<[string, Role, string | null]> = [["agent", "agent", "A"], ["agent2", "agent", "B"], ["manager", "manager", null], ["analyst", "analyst", null]];
    for (const [key, role, team] of users) {
      const u = await addUser(store.db, { email: `${key}@example.com`, name: `The ${key}`, role, team, password: "correct horse battery" }, SYSTEM_ACTOR);
      who[key] = { userId: u.id, role, actor: { userId: u.id, label: `${key}@example.com` } };
    }
    await importCustomers(store.db, ["C1", "C2", "C3", "C4"].map((externalId) => ({ externalId, name: `Customer ${externalId}` })));
    await importComplaints(store.db, [
      { customerRef: "L1", openedAt: "2026-03-02T10:00:00+08:00", channel: "web", severity: "high", description: "The parcel arrived broken.", status: "open", externalRef: "LEG-1" },
      { customerRef: "L1", openedAt: "2026-03-01T10:00:00+08:00", channel: "web", status: "resolved", resolvedAt: "2026-03-03T10:00:00+08:00", externalRef: "LEG-2" },
    ]);
    const ids = await store.db.selectFrom("customers").select(["customer_id", "external_id"]).execute();
    for (const r of ids) if (r.external_id) customer[r.external_id] = r.customer_id;
  });
  afterAll(async () => store?.close());

  it("opens a complaint and walks all six steps to resolved, keeping the legacy columns and the timeline in step", async () => {
    let d = await open("agent", "C1");
    expect(d).toMatchObject({ status: "new", version: 1, handlerId: who.agent!.userId, closure: null, nextSteps: ["apologised", "paused"] });
    expect(d.events.map((e) => [e.seq, e.type, e.actorName])).toEqual([[1, "opened", "The agent"]]);
    d = await step(d, "agent", 10, { type: "apologised", text: "We are sorry for the damage and the wait." });
    d = await step(d, "agent", 20, { type: "heard", account: "Delivered a week late, scratch on the arm.", openQuestions: ["What would put it right for you?"] });
    d = await step(d, "agent", 30, { type: "fix_proposed", finding: "founded", demand: "reasonable", demandReason: "The scratch is ours.", fix: "Repair visit", compensation: "50.00" });
    expect(d.status).toBe("fix_agreed");
    d = await step(d, "agent", 40, { type: "compensation_given", items: [{ kind: "coupon", cost: "50.00" }] });
    d = await step(d, "agent", 50, { type: "promise_made", promise: "Repair on Tuesday", dueAt: "2026-04-07T12:00:00+08:00" });
    expect((await legacy(d.customerId, d.complaintId)).status).toBe("open");
    d = await step(d, "agent", 60, { type: "promise_kept" });
    d = await step(d, "agent", 70, { type: "followed_up", outcome: "satisfied" });
    expect(d).toMatchObject({ status: "closed", version: 8, closure: { kind: "resolved", at: at(70).toISOString() }, nextSteps: [] });
    expect(d.sla.resolution.state).toBe("met");
    const row = await legacy(d.customerId, d.complaintId);
    expect(row.status).toBe("resolved");
    expect(row.resolved_at?.toISOString()).toBe(at(70).toISOString());
    expect(await counts(d.customerId, d.complaintId)).toEqual({ events: 8, audit: 8, version: 8 });

    const timeline = await customerTimeline(store.db, customer.C1!, { limit: 50 });
    const steps = timeline.filter((e) => e.kind === "complaint_step");
    expect(steps.map((e) => Number(e.ref))).toEqual(Array(7).fill(d.complaintId));
    expect(steps.map((e) => e.data.summary)).toEqual([
      "step 6: followed up (satisfied, resolved)", "step 5: promise kept", "step 5: promise made (due 2026-04-07T12:00:00+08:00)",
      "step 4: compensation given (50.00)", "step 3: fix proposed (50.00, agreed)", "step 2: heard the customer (1 open question)",
      "step 1: apologised and acknowledged",
    ]);
    expect(timeline.filter((e) => e.kind === "complaint")).toHaveLength(1);
  });

  it("sends a fix above the agent's limit for approval: not by the proposer, not by another agent, yes by a manager; a failed fix reopens", async () => {
    let d = await open("agent", "C2");
    d = await step(d, "agent", 10, { type: "apologised", text: "Sorry." });
    d = await step(d, "agent", 20, { type: "heard", account: "Wants a refund.", openQuestions: ["Which part failed?"] });
    d = await step(d, "agent", 30, { type: "fix_proposed", finding: "founded", demand: "reasonable", demandReason: "Faulty.", fix: "Partial refund", compensation: "350.00" });
    expect(d).toMatchObject({ status: "awaiting_approval", approvers: ["admin", "manager"] });
    expect(d.nextSteps).not.toContain("fix_approved");
    const before = await counts(d.customerId, d.complaintId);
    expect(await errorOf(step(d, "agent", 35, { type: "fix_approved" }))).toMatchObject({ code: "FORBIDDEN" });
    expect(await errorOf(step(d, "agent2", 35, { type: "fix_approved" }))).toMatchObject({ code: "FORBIDDEN" });
    expect(await counts(d.customerId, d.complaintId)).toEqual(before);
    expect((await complaintDetail(store.db, d.customerId, d.complaintId, who.manager!, at(36))).nextSteps).toContain("fix_approved");
    d = await step(d, "manager", 40, { type: "fix_approved" });
    expect(d.status).toBe("fix_agreed");
    d = await step(d, "agent", 50, { type: "compensation_given", items: [{ kind: "refund", cost: "350.00" }] });
    d = await step(d, "agent", 60, { type: "promise_made", promise: "Refund in 3 days", dueAt: "2026-04-09T18:00:00+08:00" });
    d = await step(d, "agent", 70, { type: "promise_kept" });
    d = await step(d, "agent", 80, { type: "followed_up", outcome: "not_satisfied", note: "Still unhappy." });
    expect(d).toMatchObject({ status: "heard", reopenings: 1, closure: null });
    expect((await legacy(d.customerId, d.complaintId)).status).toBe("open");
    const summaries = (await customerTimeline(store.db, customer.C2!, { limit: 50 })).filter((e) => e.kind === "complaint_step").map((e) => e.data.summary);
    expect(summaries).toContain("step 3: fix proposed (350.00, awaiting approval)");
    expect(summaries).toContain("step 3: fix approved (350.00)");
    expect(summaries[0]).toBe("step 6: followed up (not satisfied, reopened)");
  });

  it("refuses a stale version (409) and a refused event, storing nothing", async () => {
    const d0 = await open("agent", "C3");
    const d1 = await step(d0, "agent", 10, { type: "apologised", text: "Sorry." });
    const before = await counts(d1.customerId, d1.complaintId);
    const stale = await errorOf(step(d0, "agent", 20, { type: "heard", account: "x", openQuestions: ["y?"] }));
    expect(stale).toMatchObject({ code: "CONFLICT", message: "changed by someone else: reload" });
    const wrong = await errorOf(step(d1, "agent", 20, { type: "promise_kept" }));
    expect(wrong.code).toBe("CONFLICT");
    const badAmount = await errorOf(step(d1, "agent", 20, { type: "heard", account: "x", openQuestions: [] }));
    expect(badAmount).toMatchObject({ code: "BAD_INPUT", field: "openQuestions" });
    const earlier = await errorOf(step(d1, "agent", 5, { type: "heard", account: "x", openQuestions: ["y?"], at: at(5).toISOString() }));
    expect(earlier).toMatchObject({ code: "CONFLICT", field: "at" });
    expect(await counts(d1.customerId, d1.complaintId)).toEqual(before);
  });

  it("refuses an analyst: the authority policy gives the role no complaints to handle", async () => {
    const d = await open("agent", "C4");
    expect(await errorOf(step(d, "analyst", 10, { type: "apologised", text: "Sorry." }))).toMatchObject({ code: "FORBIDDEN", field: "role" });
    expect(await errorOf(open("analyst", "C4"))).toMatchObject({ code: "FORBIDDEN" });
    expect((await complaintDetail(store.db, d.customerId, d.complaintId, who.analyst!, at(10))).nextSteps).toEqual([]);
  });

  it("adopts an imported open complaint on its first event; an imported resolved one takes no events", async () => {
    const list = await listComplaints(store.db, { status: "all", customerId: customer.L1!, limit: 10, scope: null }, at(0));
    const [open1, resolved] = list.items;
    expect(open1).toMatchObject({ status: "legacy_open", closure: null, severity: "high", description: "The parcel arrived broken." });
    expect(resolved).toMatchObject({ status: "legacy_resolved", closure: { kind: "resolved", at: "2026-03-03T02:00:00.000Z" } });
    let d = await complaintDetail(store.db, open1!.customerId, open1!.complaintId, who.agent!, at(0));
    expect(d).toMatchObject({ recovery: null, version: 0, events: [], nextSteps: ["apologised", "paused"] });
    d = await step(d, "agent", 10, { type: "apologised", text: "Sorry about the parcel." });
    expect(d.events.map((e) => [e.seq, e.type, e.at])).toEqual([[1, "opened", "2026-03-02T02:00:00.000Z"], [2, "apologised", at(10).toISOString()]]);
    expect(d).toMatchObject({ status: "acknowledged", version: 2, handlerId: who.agent!.userId });
    expect(d.recovery).toMatchObject({ summary: "The parcel arrived broken.", channel: "web" });
    d = await step(d, "agent", 20, { type: "heard", account: "Box crushed.", openQuestions: ["Photos?"] });
    d = await step(d, "agent", 30, { type: "withdrawn", reason: "Customer kept it after all." });
    expect(await legacy(d.customerId, d.complaintId)).toEqual({ status: "closed", resolved_at: null });
    const r = await complaintDetail(store.db, resolved!.customerId, resolved!.complaintId, who.agent!, at(0));
    expect(r.nextSteps).toEqual([]);
    expect(await errorOf(step(r, "agent", 10, { type: "apologised", text: "Sorry." }))).toMatchObject({ code: "CONFLICT" });
  });

  it("runs the SLA clocks on the working calendar: a Friday-afternoon complaint falls due after the Qingming holiday", async () => {
    const d = await open("agent", "C4", 0, { severity: "normal", description: "Wrong colour delivered." });
    // First response: 240 business minutes = Fri 16:00–18:00, then Tue 7 April 09:00–11:00.
    expect(d.sla.firstResponse).toMatchObject({ targetMinutes: 240, dueAt: "2026-04-07T03:00:00.000Z", warnAt: "2026-04-07T02:12:00.000Z" });
    // Resolution: 1440 minutes = Fri 120 + Tue 480 + Wed 480 + Thu 360 → Thu 9 April 16:00.
    expect(d.sla.resolution.dueAt).toBe("2026-04-09T08:00:00.000Z");
    expect(d.missingHolidayYears).toEqual([]);
    const tuesday = (hhmm: string) => new Date(`2026-04-07T${hhmm}:00+08:00`);
    const view = async (now: Date) => listComplaints(store.db, { status: "open", customerId: customer.C4!, limit: 10, scope: null }, now);
    const find = (l: Awaited<ReturnType<typeof view>>) => l.items.find((i) => i.complaintId === d.complaintId)!;
    expect(find(await view(tuesday("10:00"))).sla.firstResponse.state).toBe("running");
    expect(find(await view(tuesday("10:30"))).sla.firstResponse.state).toBe("warning");
    const late = await view(tuesday("11:30"));
    expect(find(late).sla.firstResponse).toMatchObject({ state: "breached", elapsedMinutes: 270, remainingMinutes: -30 });
    const breachedOnly = await listComplaints(store.db, { status: "open", breached: true, customerId: customer.C4!, limit: 10, scope: null }, tuesday("11:30"));
    expect(breachedOnly.items.map((i) => i.complaintId)).toContain(d.complaintId);
    expect(breachedOnly.counts.breached).toBeGreaterThanOrEqual(1);
    expect(late.counts.open).toBe(2);

    // A pause while waiting for the customer stops both clocks; the apology stops the first.
    const now = (hhmm: string) => tuesday(hhmm).getTime() - T0;
    let e = await recordEvent(store.db, d.customerId, d.complaintId, { version: d.version, event: { type: "paused", reason: "Waiting for photos." } }, who.agent!, tuesday("11:40"));
    expect(e.paused).toBe(true);
    expect(e.sla.resolution.dueAt).toBeNull();
    e = await step(e, "agent", now("12:00") / 60_000, { type: "resumed" });
    e = await step(e, "agent", now("13:30") / 60_000, { type: "apologised", text: "Sorry for the wrong colour." });
    expect(e.sla.firstResponse.state).toBe("missed");
    // 11:40–12:00 paused (20 working minutes): the resolution falls due 20 minutes later.
    expect(e.sla.resolution.dueAt).toBe("2026-04-09T08:20:00.000Z");
  });

  it("keeps the complaint settings valid, names a bad field, and uses holiday corrections", async () => {
    expect(await getComplaintSettings(store.db)).toEqual(DEFAULT_COMPLAINT_SETTINGS);
    const badLimit = await errorOf(setComplaintSettings(store.db, { ...DEFAULT_COMPLAINT_SETTINGS, authority: { limits: { agent: "lots" } } }, SYSTEM_ACTOR));
    expect(badLimit).toMatchObject({ code: "BAD_INPUT", field: "authority.limits.agent" });
    const badDay = { ...DEFAULT_COMPLAINT_SETTINGS, sla: { ...DEFAULT_COMPLAINT_SETTINGS.sla, holidayOverrides: { 2027: { addDaysOff: ["2026-12-31"] } } } };
    expect(await errorOf(setComplaintSettings(store.db, badDay, SYSTEM_ACTOR))).toMatchObject({ code: "BAD_INPUT", field: "sla.holidayOverrides.2027" });
    const badHours = { ...DEFAULT_COMPLAINT_SETTINGS, sla: { ...DEFAULT_COMPLAINT_SETTINGS.sla, hours: { ...DEFAULT_COMPLAINT_SETTINGS.sla.hours, 1: [[600, 540]] } } };
    expect(await errorOf(setComplaintSettings(store.db, badHours, SYSTEM_ACTOR))).toMatchObject({ code: "BAD_INPUT", field: "sla.hours" });

    // Tuesday 7 April made a day off too: the first response falls due on Wednesday.
    const fixed = { ...DEFAULT_COMPLAINT_SETTINGS, sla: { ...DEFAULT_COMPLAINT_SETTINGS.sla, holidayOverrides: { 2026: { addDaysOff: ["2026-04-07"] } } } };
    await setComplaintSettings(store.db, fixed, SYSTEM_ACTOR);
    expect((await getSettings(store.db)) as object).not.toHaveProperty("complaints");
    const d = await open("agent", "C1");
    expect(d.sla.firstResponse.dueAt).toBe("2026-04-08T03:00:00.000Z");
    await setComplaintSettings(store.db, DEFAULT_COMPLAINT_SETTINGS, SYSTEM_ACTOR);
  });

  it("records praise for staff and reports it per person", async () => {
    await addPraise(store.db, customer.C1!, { staffUserId: who.agent!.userId, words: "Very patient on the phone." }, who.manager!, at(0));
    await addPraise(store.db, customer.C2!, { staffUserId: who.agent!.userId, words: "Solved it fast.", channel: "letter", at: at(5).toISOString() }, who.manager!, at(10));
    await addPraise(store.db, customer.C2!, { staffUserId: who.manager!.userId, words: "Kind." }, who.agent!, at(20));
    expect(await errorOf(addPraise(store.db, customer.C1!, { staffUserId: 999_999, words: "?" }, who.agent!, at(0)))).toMatchObject({ code: "BAD_INPUT", field: "staffUserId" });
    expect(await errorOf(addPraise(store.db, customer.C1!, { staffUserId: who.agent!.userId, words: "  " }, who.agent!, at(0)))).toMatchObject({ field: "words" });
    const report = await praiseReport(store.db, { since: "2026-04-03", until: "2026-04-03" });
    expect(report).toEqual([
      { staffUserId: who.agent!.userId, staffName: "The agent", count: 2, latest: at(5).toISOString() },
      { staffUserId: who.manager!.userId, staffName: "The manager", count: 1, latest: at(20).toISOString() },
    ]);
    expect(await praiseReport(store.db, { since: "2026-04-04" })).toEqual([]);
  });

  it("leaves a complaint recovered in retain alone on a re-import, and erases the customer's words from recovery and praise", async () => {
    // LEG-1 was adopted and withdrawn above; the same file imported again does not reopen it.
    await importComplaints(store.db, [{ customerRef: "L1", openedAt: "2026-03-02T10:00:00+08:00", channel: "web", severity: "high", description: "The parcel arrived broken.", status: "open", externalRef: "LEG-1" }]);
    const leg = await store.db.selectFrom("complaints").select(["status", "recovery"]).where("external_ref", "=", "LEG-1").executeTakeFirstOrThrow();
    expect(leg.status).toBe("closed");
    expect(leg.recovery).not.toBeNull();

    const erased = await eraseCustomer(store.db, customer.C1!, SYSTEM_ACTOR);
    if (erased.alreadyErased) throw new Error("C1 was erased before");
    expect(erased.removed.complaintRecords).toBeGreaterThan(0);
    expect(erased.removed.praise).toBe(1);
    const words = await sql<{ n: number }>`select count(*)::int as n from complaint_events
      where customer_id = ${customer.C1!} and (event::text like '%scratch%' or event::text like '%Repair%')`.execute(store.db);
    expect(words.rows[0]!.n).toBe(0);
    const cases = await store.db.selectFrom("complaints").select(["status", "recovery"]).where("customer_id", "=", customer.C1!).execute();
    expect(cases.every((c) => c.recovery === null)).toBe(true);
    expect(cases.some((c) => c.status === "resolved")).toBe(true);
    expect((await store.db.selectFrom("praise").select("words").where("customer_id", "=", customer.C1!).execute()).map((r) => r.words)).toEqual([""]);
  });
});
