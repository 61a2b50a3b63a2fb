import { sql, type Kysely } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addUser } from "../../src/accounts/accounts.service.ts";
import { customerTimeline, mergeCustomers } from "../../src/archive/customers.service.ts";
import { eraseCustomer } from "../../src/archive/privacy.service.ts";
import { SYSTEM_ACTOR } from "../../src/audit/audit.repository.ts";
import { POST_PURCHASE } from "../../src/domain/surveys/templates.ts";
import { openComplaint, recordEvent, type ComplaintDetail, type EventInput, type Staff } from "../../src/retention/complaints/complaints.service.ts";
import { surveyResults } from "../../src/retention/surveys/survey-results.service.ts";
import {
  answerByToken, createSurvey, customerInvitations, getSurveySettings, inviteAudience, openByToken, updateSurvey,
} from "../../src/retention/surveys/surveys.service.ts";
import type { Store } from "../../src/store/connect.ts";
import type { Database } from "../../src/store/schema.ts";
import { errorOf } from "../support/errors.ts";
import { importCustomers } from "../support/import-rows.ts";
import { freshStore, STORE_KINDS } from "../support/stores.ts";

const T0 = Date.parse("2026-04-07T10:00:00+08:00");
const at = (minutes: number): Date => new Date(T0 + minutes * 60_000);

/** Walks a new complaint of `customerId` through the six steps to "resolved". */
async function resolvedComplaint(db: Kysely<Database>, customerId: number, who: Staff): Promise<ComplaintDetail> {
  let d = await openComplaint(db, { customerId, channel: "phone", severity: "normal", category: "delivery", description: "Late and scratched.", at: at(0).toISOString() }, who, at(1));
  const events: EventInput[] = [
    { type: "apologised", text: "We are sorry." },
    { type: "heard", account: "A week late.", openQuestions: ["What would put it right?"] },
    { type: "fix_proposed", finding: "founded", demand: "reasonable", demandReason: "Ours.", fix: "Repair", compensation: "20.00" },
    { type: "compensation_given", items: [{ kind: "coupon", cost: "20.00" }] },
    { type: "promise_made", promise: "Repair tomorrow", dueAt: at(24 * 60).toISOString() },
    { type: "promise_kept" },
    { type: "followed_up", outcome: "satisfied" },
  ];
  for (const [i, event] of events.entries()) d = await recordEvent(db, customerId, d.complaintId, { version: d.version, event }, who, at(10 * (i + 1)));
  return d;
}

describe.each(STORE_KINDS)("surveys on %s", (kind) => {
  let store: Store;
  let agent: Staff;
  let manager: Staff;
  const customer: Record<string, number> = {};

  beforeAll(async () => {
    store = await freshStore(kind);
    for (const [key, role] of [["agent", "agent"], ["manager", "manager"]] as const) {
      const u = await addUser(store.db, { email: `${key}@example.com`, name: `The ${key}`, role, team: null, password: "correct horse battery" }, SYSTEM_ACTOR);
      const staff = { userId: u.id, role, actor: { userId: u.id, label: `${key}@example.com` } };
      if (key === "agent") agent = staff;
      else manager = staff;
    }
    await importCustomers(store.db, ["S1", "S2", "S3", "S4", "S5"].map((externalId) => ({ externalId, name: `Customer ${externalId}`, email: `${externalId.toLowerCase()}@example.com` })));
    for (const r of await store.db.selectFrom("customers").select(["customer_id", "external_id"]).execute()) if (r.external_id) customer[r.external_id] = r.customer_id;
  });
  afterAll(async () => store?.close());

  const tokenOf = async (customerId: number, complaintId?: number) => {
    const [inv] = await customerInvitations(store.db, customerId, complaintId, at(300));
    return inv!;
  };

  it("invites the customer to the follow-up survey once a complaint is resolved, once per complaint, and shows it on the timeline", async () => {
    const d = await resolvedComplaint(store.db, customer.S1!, agent);
    expect(d.closure?.kind).toBe("resolved");
    const invs = await customerInvitations(store.db, customer.S1!, d.complaintId, at(300));
    expect(invs).toHaveLength(1);
    expect(invs[0]).toMatchObject({ trigger: "complaint", complaintId: d.complaintId, staffUserId: agent.userId, state: "open", answeredAt: null });
    const settings = await getSurveySettings(store.db);
    expect(settings.complaintFollowUpSurveyId).toBe(invs[0]!.surveyId);

    // a second resolved complaint reuses the same built-in survey
    const d2 = await resolvedComplaint(store.db, customer.S2!, agent);
    expect((await tokenOf(customer.S2!, d2.complaintId)).surveyId).toBe(invs[0]!.surveyId);
    expect(await store.db.selectFrom("surveys").select(sql<number>`count(*)::int`.as("n")).executeTakeFirstOrThrow()).toEqual({ n: 1 });

    const timeline = await customerTimeline(store.db, customer.S1!, { limit: 50 });
    const survey = timeline.filter((e) => e.kind === "survey");
    expect(survey).toHaveLength(1);
    expect(survey[0]!.data).toMatchObject({ surveyId: invs[0]!.surveyId, complaintId: d.complaintId, answeredAt: null });
  });

  it("shows the survey behind a link without any customer data, and refuses a tampered link", async () => {
    const inv = await tokenOf(customer.S1!);
    const s = await openByToken(store.db, inv.token, at(300));
    expect(s.state).toBe("open");
    expect(s.questions.map((q) => q.type)).toEqual(["rating", "rating", "rating", "rating", "rating", "nps", "text"]);
    expect(JSON.stringify(s)).not.toMatch(/Customer S1|s1@example\.com/);
    const [c, i, sig] = inv.token.split(".");
    const other = sig!.startsWith("A") ? `B${sig!.slice(1)}` : `A${sig!.slice(1)}`;
    for (const bad of [`${c}.${i}.${other}`, `${customer.S2}.${i}.${sig}`, "1.2.3", ""]) {
      expect(await errorOf(openByToken(store.db, bad, at(300)))).toMatchObject({ code: "NOT_FOUND", message: "This survey link is not valid." });
    }
  });

  it("checks the answers, naming the question, and takes exactly one answer per invitation even when two arrive at once", async () => {
    const inv = await tokenOf(customer.S1!);
    expect(await errorOf(answerByToken(store.db, inv.token, { handling: 6, overall: 4 }, { ip: null }, at(300))))
      .toMatchObject({ code: "BAD_INPUT", field: "answers.handling", message: "answers.handling: a whole number from 1 to 5" });
    expect(await errorOf(answerByToken(store.db, inv.token, { overall: 4 }, { ip: null }, at(300))))
      .toMatchObject({ code: "BAD_INPUT", field: "answers.handling", message: "answers.handling: an answer is required" });
    expect(await errorOf(answerByToken(store.db, inv.token, { handling: 5, overall: 4, bogus: 1 }, { ip: null }, at(300))))
      .toMatchObject({ field: "answers.bogus" });
    const answers = { handling: 5, attitude: 5, speed: 4, fix: 4, overall: 5, recommend: 9, words: "  Quick and kind.  " };
    const both = await Promise.allSettled([
      answerByToken(store.db, inv.token, answers, { ip: "127.0.0.1" }, at(300)),
      answerByToken(store.db, inv.token, answers, { ip: "127.0.0.1" }, at(300)),
    ]);
    expect(both.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(both.find((r) => r.status === "rejected")).toMatchObject({ reason: { code: "CONFLICT" } });
    expect((await openByToken(store.db, inv.token, at(301))).state).toBe("answered");
    const rows = await store.db.selectFrom("survey_responses").selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ customer_id: customer.S1, staff_user_id: agent.userId, trigger: "complaint", answers: { ...answers, words: "Quick and kind." } });
    const survey = (await customerTimeline(store.db, customer.S1!, { limit: 50 })).find((e) => e.kind === "survey")!;
    expect(new Date(survey.data.answeredAt as string).toISOString()).toBe(at(300).toISOString());
  });

  it("computes CSAT, NPS, the index and the groups from the answers", async () => {
    const inv = await tokenOf(customer.S2!);
    await answerByToken(store.db, inv.token, { handling: 2, attitude: 3, speed: 1, fix: 2, overall: 2, recommend: 3 }, { ip: null }, at(400));
    const r = await surveyResults(store.db, inv.surveyId);
    expect(r).toMatchObject({ invited: 2, answered: 2, responseRate: 1 });
    // handling 5 and 2: one of two at 4 or more
    expect(r.csat).toMatchObject({ n: 2, satisfied: 1, share: 0.5, mean: 3.5 });
    // recommend 9 (promoter) and 3 (detractor)
    expect(r.nps).toMatchObject({ n: 2, promoters: 1, detractors: 1, score: 0 });
    // two answers cannot fit three weights: equal weights over the factor means (0..1 of the scale)
    expect(r.index!.method).toBe("equal");
    const means = [(1 + 0.5) / 2, (0.75 + 0) / 2, (0.75 + 0.25) / 2]; // attitude, procedures, service content
    expect(r.index!.factors.map((f) => f.factor)).toEqual(["attitude", "procedures", "service_content"]);
    expect(r.index!.value!).toBeCloseTo(100 * (means[0]! + means[1]! + means[2]!) / 3, 9);
    expect(r.byStaff).toEqual([expect.objectContaining({ key: String(agent.userId), label: "The agent", n: 2 })]);
    expect(r.byTrigger.map((g) => [g.key, g.n])).toEqual([["complaint", 2]]);
    expect(r.words).toEqual([{ question: "words", text: "Quick and kind.", answeredAt: at(300).toISOString() }]);
  });

  it("invites an audience once, keeps an anonymous survey's answers unlinked, and refuses changing answered questions", async () => {
    const s = await createSurvey(store.db, { ...POST_PURCHASE, anonymous: true }, manager.actor);
    const first = await inviteAudience(store.db, s.id, { kind: "customers", customerIds: [customer.S3!, customer.S4!] }, manager.actor, at(0));
    expect(first.invited.map((i) => i.customerId).sort()).toEqual([customer.S3, customer.S4].sort());
    const again = await inviteAudience(store.db, s.id, { kind: "customers", customerIds: [customer.S3!, customer.S4!, customer.S5!] }, manager.actor, at(1));
    expect(again).toMatchObject({ skipped: 2, invited: [expect.objectContaining({ customerId: customer.S5 })] });
    expect(await errorOf(inviteAudience(store.db, s.id, { kind: "customers", customerIds: [999_999] }, manager.actor))).toMatchObject({ field: "audience.customerIds" });

    const inv = first.invited.find((i) => i.customerId === customer.S3)!;
    await answerByToken(store.db, inv.token, { csat: 4, overall: 4, recommend: 10, gift_wrap: [1, 3], words: "Nice." }, { ip: null }, at(100));
    const row = await store.db.selectFrom("survey_responses").selectAll().where("survey_id", "=", s.id).executeTakeFirstOrThrow();
    expect(row.customer_id).toBeNull();
    expect(new Date(row.answered_at).toISOString()).toBe(`${at(100).toISOString().slice(0, 10)}T00:00:00.000Z`);
    const day = `${at(100).toISOString().slice(0, 10)}T00:00:00.000Z`;
    const invitation = await store.db.selectFrom("survey_invitations").select("answered_at").where("customer_id", "=", customer.S3!).where("survey_id", "=", s.id).executeTakeFirstOrThrow();
    expect(new Date(invitation.answered_at!).toISOString()).toBe(day);
    const audit = await store.db.selectFrom("audit_log").select(["customer_id", "after"]).where("action", "=", "survey.answered").where("entity_id", "=", String(s.id)).execute();
    expect(audit).toEqual([{ customer_id: null, after: { anonymous: true } }]);
    const r = await surveyResults(store.db, s.id);
    expect(r.kano).toEqual([expect.objectContaining({ question: "gift_wrap", n: 1, category: "A" })]);

    const changed = { ...POST_PURCHASE, anonymous: true, questions: POST_PURCHASE.questions.slice(1), version: s.version, status: "open" as const };
    expect(await errorOf(updateSurvey(store.db, s.id, changed, manager.actor))).toMatchObject({ code: "BAD_INPUT", field: "questions" });
    const closed = await updateSurvey(store.db, s.id, { ...POST_PURCHASE, anonymous: true, name: "Closed now", version: s.version, status: "closed" }, manager.actor);
    expect(closed).toMatchObject({ name: "Closed now", status: "closed", version: s.version + 1 });
    const open = first.invited.find((i) => i.customerId === customer.S4)!;
    expect((await openByToken(store.db, open.token)).state).toBe("closed");
  });

  it("gives back a link for every customer invited, however many", async () => {
    await importCustomers(store.db, Array.from({ length: 400 }, (_, i) => ({ externalId: `M${i}`, name: `Many ${i}` })));
    const ids = (await store.db.selectFrom("customers").select("customer_id").where("external_id", "like", "M%").execute()).map((r) => r.customer_id);
    const s = await createSurvey(store.db, { ...POST_PURCHASE, name: "Many" }, manager.actor);
    const r = await inviteAudience(store.db, s.id, { kind: "customers", customerIds: ids }, manager.actor, at(0));
    expect(r.skipped).toBe(0);
    expect(r.invited.map((i) => i.customerId).sort((a, b) => a - b)).toEqual([...ids].sort((a, b) => a - b));
    expect(new Set(r.invited.map((i) => i.token)).size).toBe(400);
  });

  it("keeps a link working after its customer is merged, and erasure unlinks the answers and removes their words", async () => {
    const d = await resolvedComplaint(store.db, customer.S5!, agent);
    const inv = await tokenOf(customer.S5!, d.complaintId);
    await mergeCustomers(store.db, customer.S4!, customer.S5!);
    expect((await openByToken(store.db, inv.token, at(300))).state).toBe("open");
    await answerByToken(store.db, inv.token, { handling: 4, overall: 4, words: "Call me on 555-0100." }, { ip: null }, at(300));
    const linked = await store.db.selectFrom("survey_responses").selectAll().where("customer_id", "=", customer.S4!).execute();
    expect(linked).toHaveLength(1);
    const erased = await eraseCustomer(store.db, customer.S4!, SYSTEM_ACTOR);
    expect(erased).toMatchObject({ removed: { surveyAnswers: 1 } });
    const after = await store.db.selectFrom("survey_responses").selectAll().where("response_id", "=", linked[0]!.response_id).executeTakeFirstOrThrow();
    expect(after).toMatchObject({ customer_id: null, answers: { handling: 4, overall: 4 } });
    // the erased customer's links no longer open
    expect(await errorOf(openByToken(store.db, inv.token, at(300)))).toMatchObject({ code: "NOT_FOUND" });
  });
});
