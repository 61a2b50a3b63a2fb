import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addUser } from "../../src/accounts/accounts.service.ts";
import { applyCaps, brokenCap, type Cap } from "../../src/analytics/campaigns/caps.ts";
import { quarterContacts, type PlanTier } from "../../src/analytics/campaigns/tiered-plan.ts";
import { SYSTEM_ACTOR } from "../../src/audit/audit.repository.ts";
import { dayNumber, dayText } from "../../src/domain/days.ts";
import { decAdd } from "../../src/domain/decimal.ts";
import { apparelExample, type PlanInput } from "../../src/retention/plans/plan-definition.ts";
import { setConsent } from "../../src/messages/consent.ts";
import { putMessagingSettings } from "../../src/messages/messaging-settings.ts";
import { EMAIL_QUEUE, sendOnce, type OutgoingMessage } from "../../src/messages/outbox.ts";
import { campaignResults } from "../../src/retention/campaigns/campaign-results.service.ts";
import { contactHistory, generatePlan } from "../../src/retention/plans/plan-generate.ts";
import { planResults } from "../../src/retention/plans/plan-results.service.ts";
import { cutTiers } from "../../src/retention/plans/plan-tiers.ts";
import { createPlan, updatePlan, viewPlan } from "../../src/retention/plans/plans.service.ts";
import { createTasks } from "../../src/retention/tasks/tasks.repository.ts";
import type { Store } from "../../src/store/connect.ts";
import { errorOf } from "../support/errors.ts";
import { importLines } from "../support/import-rows.ts";
import { freshStore, STORE_KINDS } from "../support/stores.ts";

const Q4 = "2026-10-01";
const ref = (i: number) => `P${String(i).padStart(2, "0")}`;

/**
 * 20 customers: P01 … P18 bought (19 − i) × 100 in March 2026 (P01 1,800 down to P18 100),
 * P19 only in June 2025 (before the 12 months), P20 never; and one prospect. Tiers of 20%,
 * 30% and 50% of 20 customers: 4, 6 and 10, the last holding P19 and P20.
 */
const plan = (over: Partial<PlanInput> = {}): PlanInput => ({
  name: "Q4 plan", quarterStart: Q4, budget: "1000.01",
  tiers: [
    { key: "top", customerShare: "0.2", budgetShare: "0.6", contactsPerQuarter: 5, contactTypes: ["personalGift", "seasonPreview"] },
    { key: "middle", customerShare: "0.3", budgetShare: "0.35", contactsPerQuarter: 3, contactTypes: ["coupon"] },
    { key: "bottom", customerShare: "0.5", budgetShare: "0.05", contactsPerQuarter: 2, contactTypes: ["clearanceNotice"] },
  ],
  ...over,
});

/** Every cap holds on these days (sorted): any max + 1 of them span at least the window. */
const capsHold = (days: number[], caps: readonly Cap[]) => caps.every((c) => days.every((d, i) => i + c.max >= days.length || days[i + c.max]! - d >= c.windowDays));

describe("frequency caps over random plans and histories", () => {
  const capArb = fc.array(fc.record({ max: fc.integer({ min: 1, max: 6 }), windowDays: fc.integer({ min: 1, max: 60 }) }), { minLength: 1, maxLength: 3 });
  it("never lets a plan's contacts break a cap, and drops only contacts that would", () => {
    fc.assert(fc.property(
      capArb, fc.integer({ min: 1, max: 8 }), fc.integer({ min: 0, max: 6 }),
      fc.array(fc.array(fc.integer({ min: -30, max: 120 }), { maxLength: 12 }), { minLength: 1, maxLength: 12 }),
      (caps, perQuarter, priorPlans, raw) => {
        const customers = raw.map((_, i) => i + 1);
        // a history that itself keeps the caps: other sources' tasks and sends, then other plans
        const history = new Map<number, number[]>();
        const first = applyCaps(raw.flatMap((days, i) => days.map((day) => ({ customer: i + 1, day }))), caps);
        const flat = raw.flatMap((days, i) => days.map((day) => ({ customer: i + 1, day })));
        for (const k of first.kept) history.set(flat[k]!.customer, [...(history.get(flat[k]!.customer) ?? []), flat[k]!.day]);
        const tier: PlanTier = { key: "t", budgetShare: "1", contactsPerQuarter: perQuarter, contactTypes: ["call"] };
        for (let p = 0; p <= priorPlans; p++) {
          const proposals = quarterContacts(customers, { ...tier, contactsPerQuarter: 1 + ((perQuarter + p) % 8) }, p * 3, 92);
          const d = applyCaps(proposals, caps, history);
          for (const k of d.kept) history.set(proposals[k]!.customer, [...(history.get(proposals[k]!.customer) ?? []), proposals[k]!.day]);
          for (const x of d.dropped) expect(brokenCap([...(history.get(proposals[x.index]!.customer) ?? [])].sort((a, b) => a - b), proposals[x.index]!.day, caps)).not.toBeNull();
          expect(d.kept.length + d.dropped.length).toBe(proposals.length);
        }
        for (const days of history.values()) expect(capsHold([...days].sort((a, b) => a - b), caps)).toBe(true);
      },
    ), { numRuns: 300 });
  });

  it("cuts tiers by share of all customers, and puts those without sales in the last tier", () => {
    expect([...cutTiers(20, 18, ["0.2", "0.3", "0.5"])]).toEqual([0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2]);
    // few buyers: the top tier is not filled with customers who bought nothing
    expect([...cutTiers(10, 1, ["0.5", "0.5"])]).toEqual([0, 1, 1, 1, 1, 1, 1, 1, 1, 1]);
    // 14% of 7 customers is 0.98 → 1; the last tier ends at n whatever the rounding
    expect([...cutTiers(7, 7, ["0.14", "0.34", "0.52"])]).toEqual([0, 1, 1, 2, 2, 2, 2]);
  });
});

describe.each(STORE_KINDS)("contact plans on %s", (kind) => {
  let store: Store;
  let agent: number;
  let other: number;
  const id: Record<string, number> = {};

  beforeAll(async () => {
    store = await freshStore(kind);
    agent = (await addUser(store.db, { email: "agent@example.com", name: "Agent", role: "agent", password: "correct horse battery" }, SYSTEM_ACTOR)).id;
    other = (await addUser(store.db, { email: "other@example.com", name: "Other", role: "agent", password: "correct horse battery" }, SYSTEM_ACTOR)).id;
    const lines = Array.from({ length: 18 }, (_, k) => ({ customerRef: ref(k + 1), orderNo: `O${k + 1}`, orderedAt: "2026-03-10", quantity: "1", amount: `${(18 - k) * 100}.00` }));
    lines.push({ customerRef: ref(19), orderNo: "O19", orderedAt: "2025-06-10", quantity: "1", amount: "5000.00" });
    // a return inside the window lowers P18 from 100 to 60
    lines.push({ customerRef: ref(18), orderNo: "R18", orderedAt: "2026-04-01", quantity: "-1", amount: "-40.00" });
    const r = await importLines(store.db, lines);
    expect(r.refused).toEqual([]);
    await store.db.insertInto("customers").values([{ external_id: ref(20), name: "P20" }, { external_id: "PROSPECT", name: "Prospect", state: "potential" }]).execute();
    for (const c of await store.db.selectFrom("customers").select(["customer_id", "external_id"]).execute()) id[c.external_id!] = Number(c.customer_id);
    await store.db.updateTable("customers").set({ owner_id: agent }).execute();
    await store.db.updateTable("customers").set({ owner_id: other }).where("external_id", "=", ref(1)).execute();
  }, 120_000);
  afterAll(async () => store?.close());

  it("refuses shares that do not sum to 1, naming the tiers and the sum", async () => {
    const bad = plan();
    bad.tiers[2]!.budgetShare = "0.04";
    const e = await errorOf(createPlan(store.db, bad, SYSTEM_ACTOR));
    expect(e).toMatchObject({ code: "BAD_INPUT", field: "tiers" });
    expect(e.message).toContain("0.99");
    expect(await errorOf(createPlan(store.db, plan({ quarterStart: "2026-11-01" }), SYSTEM_ACTOR))).toMatchObject({ field: "quarterStart" });
  });

  it("ranks the live customers by the 12 months' net sales and shows spend against sales per tier, to the cent", async () => {
    const p = await createPlan(store.db, plan(), SYSTEM_ACTOR, 7);
    const v = await viewPlan(store.db, p.id);
    expect(v.reference).toEqual({ from: "2025-10-01", to: "2026-09-30" });
    expect(v.lines.map((l) => [l.key, l.customers, l.sales, l.budget, l.budgetPerCustomer])).toEqual([
      ["top", 4, "6600.00", "600.01", "150.00"],
      ["middle", 6, "6900.00", "350.00", "58.33"],
      ["bottom", 10, "3560.00", "50.00", "5.00"],
    ]);
    expect(v.lines.reduce((s, l) => decAdd(s, l.budget), "0")).toBe("1000.01");
    expect(v.lines[0]!.salesShare).toBeCloseTo(6600 / 17060, 5);
    expect(v.lines[0]!.intensity).toBeCloseTo(0.6 / (6600 / 17060), 4);
    expect(v.totals).toMatchObject({ customers: 20, sales: "17060.00", budget: "1000.01", contacts: 4 * 5 + 6 * 3 + 10 * 2 });
    const changed = await updatePlan(store.db, p.id, { name: "Q4 plan, renamed" }, SYSTEM_ACTOR);
    expect(changed).toMatchObject({ name: "Q4 plan, renamed", status: "draft", seed: 7 });
  });

  it("generates the quarter's contacts as tasks for the owners, once, as one campaign of kind 'plan'", async () => {
    const p = await createPlan(store.db, plan({ name: "Generated" }), SYSTEM_ACTOR, 11);
    const first = await generatePlan(store.db, p.id, SYSTEM_ACTOR);
    expect(first).toMatchObject({ customers: 20, control: 0, proposed: 58, kept: 58, created: 58, existing: 0, dropped: 0 });
    expect(first.tiers.map((t) => [t.key, t.customers, t.contacts])).toEqual([["top", 4, 20], ["middle", 6, 18], ["bottom", 10, 20]]);
    const tasks = await store.db.selectFrom("tasks").selectAll().where("source_type", "=", "plan").where("source_id", "=", p.id).execute();
    expect(tasks).toHaveLength(58);
    expect(tasks.filter((t) => Number(t.customer_id) === id[ref(1)]).map((t) => [t.kind, t.owner_id])).toEqual(
      expect.arrayContaining([["personalGift", other], ["seasonPreview", other]]));
    expect(tasks.filter((t) => Number(t.customer_id) === id[ref(1)])).toHaveLength(5);
    expect(tasks.every((t) => t.due_on >= "2026-10-01" && t.due_on <= "2026-12-31")).toBe(true);
    expect(tasks.some((t) => Number(t.customer_id) === id.PROSPECT)).toBe(false);
    const campaign = await store.db.selectFrom("campaigns").selectAll().where("plan_id", "=", p.id).execute();
    expect(campaign).toHaveLength(1);
    expect(campaign[0]).toMatchObject({ kind: "plan", channel: "task", start_day: Q4, measure_days: 92 });
    const again = await generatePlan(store.db, p.id, SYSTEM_ACTOR);
    expect(again).toMatchObject({ created: 0, existing: 58, dropped: 0, campaignId: first.campaignId });
    expect(await errorOf(updatePlan(store.db, p.id, { name: "x" }, SYSTEM_ACTOR))).toMatchObject({ code: "CONFLICT" });
  });

  it("keeps the caps across plans and other tasks, and says which cap dropped how many", async () => {
    // P15 gets a call from another source six days before its first contact of the first plan
    const [firstDue] = (await store.db.selectFrom("tasks").select("due_on").where("customer_id", "=", id[ref(15)]!).where("source_type", "=", "plan").orderBy("due_on").execute()).map((t) => t.due_on);
    await createTasks(store.db, [{ customerId: id[ref(15)]!, key: "manual:1", kind: "call", title: "call", dueOn: dayText(dayNumber(firstDue!) - 6), sourceType: "manual" }]);
    const p = await createPlan(store.db, plan({ name: "Second plan" }), SYSTEM_ACTOR, 13);
    const r = await generatePlan(store.db, p.id, SYSTEM_ACTOR);
    expect(r.dropped).toBeGreaterThan(0);
    expect(r.kept + r.dropped).toBe(r.proposed);
    expect(r.droppedByCap.reduce((s, c) => s + c.contacts, 0)).toBe(r.dropped);
    // with the first plan's 5 a quarter, a second 5 cannot all fit in 6 per 90 days; P15's call leaves no room that week
    expect(r.droppedByCap.find((c) => c.max === 6)!.contacts).toBeGreaterThan(0);
    expect(r.droppedByCap.find((c) => c.max === 2)!.contacts).toBeGreaterThan(0);
    const p15 = await store.db.selectFrom("tasks").select("due_on").where("customer_id", "=", id[ref(15)]!).where("source_id", "=", p.id).execute();
    expect(p15.map((t) => t.due_on)).not.toContain(firstDue);
    const all = await store.db.selectFrom("tasks").select(["customer_id", "due_on"]).where("status", "in", ["open", "done"]).execute();
    const days = new Map<number, number[]>();
    for (const t of all) days.set(Number(t.customer_id), [...(days.get(Number(t.customer_id)) ?? []), dayNumber(t.due_on)]);
    for (const d of days.values()) expect(capsHold(d.sort((a, b) => a - b), p.caps)).toBe(true);
  });

  it("holds out a control group per tier that gets no tasks, and measures the plan against it", async () => {
    const p = await createPlan(store.db, plan({ name: "With control", controlShare: "0.5", caps: [] }), SYSTEM_ACTOR, 99);
    const r = await generatePlan(store.db, p.id, SYSTEM_ACTOR);
    expect(r.tiers.map((t) => [t.key, t.customers, t.control, t.contacts])).toEqual([["top", 4, 2, 10], ["middle", 6, 3, 9], ["bottom", 10, 5, 10]]);
    const members = await store.db.selectFrom("campaign_members").selectAll().where("campaign_id", "=", r.campaignId).execute();
    const control = new Set(members.filter((m) => m.control).map((m) => Number(m.customer_id)));
    const tasks = await store.db.selectFrom("tasks").select("customer_id").where("source_type", "=", "plan").where("source_id", "=", p.id).execute();
    expect(tasks).toHaveLength(29);
    expect(tasks.some((t) => control.has(Number(t.customer_id)))).toBe(false);
    // the same seed on another run draws the same control group
    const again = await generatePlan(store.db, p.id, SYSTEM_ACTOR);
    expect(again.created).toBe(0);

    const contacted = members.filter((m) => !m.control).map((m) => Number(m.customer_id));
    const ext = Object.fromEntries(Object.entries(id).map(([k, v]) => [v, k]));
    await importLines(store.db, contacted.map((c, i) => ({ customerRef: ext[c]!, orderNo: `Q4-${i}`, orderedAt: "2026-10-20", quantity: "1", amount: "30.00" })));
    const res = await planResults(store.db, p.id, "2026-11-15");
    expect(res.window).toEqual({ from: Q4, to: "2026-11-15" });
    expect(res.effectMissing).toBeNull();
    expect(res.effect).toMatchObject({ contacted: 10, control: 10 });
    expect(res.effect!.revenue.difference).toBeCloseTo(30, 6);
    expect(res.tiers.map((t) => [t.key, t.sales, t.effect?.contacted])).toEqual([["top", "60.00", 2], ["middle", "90.00", 3], ["bottom", "150.00", 5]]);
    const planned = res.tiers.map((t) => t.contacts.planned);
    expect(planned).toEqual([10, 9, 10]);
    expect(res.totals.contacts.overdue).toBe(res.totals.contacts.open - (await store.db.selectFrom("tasks").select("task_id")
      .where("source_type", "=", "plan").where("source_id", "=", p.id).where("due_on", ">=", "2026-11-15").execute()).length);
    const noControl = await planResults(store.db, (await createPlan(store.db, plan({ name: "Draft" }), SYSTEM_ACTOR)).id, "2026-11-15");
    expect(noControl.effectMissing).toBe("not_generated");
    expect(noControl.tiers.map((t) => t.customers)).toEqual([4, 6, 10]);
  });

  // its speed is measured in bench/plans.bench.ts
  it("puts customers who bought nothing in the last tier and gives each its contacts", async () => {
    const big = await freshStore(kind);
    try {
      await big.db.insertInto("customers").values(Array.from({ length: 5000 }, (_, i) => ({ external_id: `B${i}`, name: `B${i}` }))).execute();
      const p = await createPlan(big.db, apparelExample(Q4), SYSTEM_ACTOR, 5);
      const r = await generatePlan(big.db, p.id, SYSTEM_ACTOR);
      expect(r.customers).toBe(5000);
      expect(r.tiers.map((t) => t.customers)).toEqual([0, 0, 5000]);
      expect(r.created).toBe(r.kept);
      expect(r.kept).toBe(5000 * 2);
    } finally {
      await big.close();
    }
  }, 60_000);
});

describe.each(STORE_KINDS)("contact plans sending e-mails on %s", (kind) => {
  let store: Store;
  const id: Record<string, number> = {};
  /** 10:00 on 15 November 2026 in Shanghai (the default time zone): the quarter is half gone. */
  const NOW = new Date("2026-11-15T02:00:00Z");
  const COUPON = {
    subject: "{{name}}, a coupon for your next visit",
    body: "Hello {{name}}, thank you for buying {{lastPurchase.product}}. Your coupon is at the till. Unsubscribe: {{unsubscribeUrl}}",
  };
  const jobsOf = async (planId: number) => (await store.db.selectFrom("jobs").selectAll().where("queue", "=", EMAIL_QUEUE)
    .where("key", "like", `plan-${planId}-%`).orderBy("key").execute()).map((j) => ({ ...j, payload: j.payload as OutgoingMessage }));

  beforeAll(async () => {
    store = await freshStore(kind);
    // the same 20 customers as above: the middle tier (30%) is P05 … P10
    const lines = Array.from({ length: 18 }, (_, k) => ({ customerRef: ref(k + 1), orderNo: `O${k + 1}`, orderedAt: "2026-03-10", quantity: "1", amount: `${(18 - k) * 100}.00`, description: "Wool coat" }));
    lines.push({ customerRef: ref(19), orderNo: "O19", orderedAt: "2025-06-10", quantity: "1", amount: "5000.00", description: "Wool coat" });
    expect((await importLines(store.db, lines)).refused).toEqual([]);
    await store.db.insertInto("customers").values({ external_id: ref(20), name: "P20" }).execute();
    for (const c of await store.db.selectFrom("customers").select(["customer_id", "external_id"]).execute()) {
      id[c.external_id!] = Number(c.customer_id);
      await store.db.updateTable("customers").set({ name: `Customer ${c.external_id}`, email: `${c.external_id!.toLowerCase()}@example.com` })
        .where("customer_id", "=", Number(c.customer_id)).execute();
    }
    // P06 withdrew consent to e-mail, P07 has no name to greet, P08 no address
    await setConsent(store.db, id[ref(6)]!, "email", "withdrawn", "test");
    await store.db.updateTable("customers").set({ name: null }).where("customer_id", "=", id[ref(7)]!).execute();
    await store.db.updateTable("customers").set({ email: null }).where("customer_id", "=", id[ref(8)]!).execute();
  }, 120_000);
  afterAll(async () => store?.close());

  it("sends a tier's coupons as e-mails, skips a withdrawn consent, holds what cannot be filled as a task, and keeps the rest tasks", async () => {
    await putMessagingSettings(store.db, { requireOptIn: false, serviceNumber: "", publicUrl: "https://shop.example" });
    const p = await createPlan(store.db, plan({ name: "Coupons by e-mail", emails: { coupon: COUPON } }), SYSTEM_ACTOR, 11);
    expect(p.emails).toEqual({ coupon: COUPON });
    const r = await generatePlan(store.db, p.id, SYSTEM_ACTOR, { now: NOW });
    expect(r).toMatchObject({ customers: 20, proposed: 58, kept: 58, dropped: 0, existing: 0 });
    // P05, P09, P10 get their 3 coupons; P06 (withdrawn) and P08 (no address) are skipped; P07's are held
    expect(r.emails).toEqual({ queued: 9, held: 3, skipped: 6 });
    expect(r.created).toBe(4 * 5 + 10 * 2 + 3);
    expect(r.tiers.map((t) => [t.key, t.tasks, t.emails.queued, t.emails.held, t.emails.skipped])).toEqual([
      ["top", 20, 0, 0, 0], ["middle", 3, 9, 3, 6], ["bottom", 20, 0, 0, 0],
    ]);

    const jobs = await jobsOf(p.id);
    expect(jobs).toHaveLength(9);
    expect(new Set(jobs.map((j) => j.payload.customerId))).toEqual(new Set([id[ref(5)], id[ref(9)], id[ref(10)]]));
    expect(jobs.every((j) => /^plan-\d+-[0-2]:\d+$/.test(j.key!) && j.key === `${j.payload.key}:${j.payload.customerId}`)).toBe(true);
    expect(jobs.find((j) => j.payload.customerId === id[ref(5)])!.payload.subject).toBe("Customer P05, a coupon for your next visit");
    // a coupon of a day to come is queued for 09:00 that day in Shanghai (01:00 UTC), one of a past day now
    for (const j of jobs) {
      const runAt = new Date(j.run_at).toISOString();
      expect(runAt === NOW.toISOString() || /T01:00:00\.000Z$/.test(runAt)).toBe(true);
    }
    expect(jobs.some((j) => new Date(j.run_at).getTime() > NOW.getTime())).toBe(true);
    expect(jobs.some((j) => new Date(j.run_at).getTime() === NOW.getTime())).toBe(true);

    const tasks = await store.db.selectFrom("tasks").select(["customer_id", "kind", "notes"]).where("source_type", "=", "plan").where("source_id", "=", p.id).execute();
    const coupons = tasks.filter((t) => t.kind === "coupon");
    expect(coupons.map((t) => Number(t.customer_id))).toEqual([id[ref(7)], id[ref(7)], id[ref(7)]]);
    expect(coupons.every((t) => t.notes?.includes("MISSING_VALUE:name"))).toBe(true);
    expect(tasks.some((t) => [id[ref(6)], id[ref(8)]].includes(Number(t.customer_id)))).toBe(false);
    expect(tasks.filter((t) => t.kind === "seasonPreview")).toHaveLength(4 * 2);

    const again = await generatePlan(store.db, p.id, SYSTEM_ACTOR, { now: new Date(NOW.getTime() + 86_400_000) });
    expect(again).toMatchObject({ created: 0, existing: 40 + 9 + 3, emails: { queued: 0, held: 0, skipped: 6 } });
    expect(await jobsOf(p.id)).toHaveLength(9);
    expect(await store.db.selectFrom("tasks").select("task_id").where("source_type", "=", "plan").where("source_id", "=", p.id).execute()).toHaveLength(43);
  });

  it("counts the queued e-mails against the caps of another plan", async () => {
    const [first] = (await store.db.selectFrom("contact_plans").select("plan_id").where("name", "=", "Coupons by e-mail").execute());
    const jobs = await jobsOf(Number(first!.plan_id));
    const p05 = id[ref(5)]!;
    const daysOf = (xs: Date[]) => xs.map((d) => dayNumber(new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai" }).format(new Date(d)))).sort((a, b) => a - b);
    const queued = daysOf(jobs.filter((j) => j.payload.customerId === p05).map((j) => j.run_at));
    const p = await createPlan(store.db, plan({ name: "Second, one contact a week", caps: [{ max: 1, windowDays: 7 }] }), SYSTEM_ACTOR, 11);
    const history = await contactHistory(store.db, p.id, "2026-09-01", "2027-01-31", "Asia/Shanghai");
    expect([...(history.get(p05) ?? [])].sort((a, b) => a - b)).toEqual(queued);
    expect(history.has(id[ref(6)]!)).toBe(false);
    // the same seed and tiers put the second plan's contacts on the first's days: P05's coming coupon day is taken
    const r = await generatePlan(store.db, p.id, SYSTEM_ACTOR, { now: NOW });
    expect(r.droppedByCap[0]!.contacts).toBeGreaterThan(0);
    const mine = await store.db.selectFrom("tasks").select(["customer_id", "due_on"]).where("source_id", "=", p.id).execute();
    const p05Days = mine.filter((t) => Number(t.customer_id) === p05).map((t) => dayNumber(t.due_on));
    expect(p05Days.length).toBeLessThan(3);
    for (const d of p05Days) expect(queued.every((q) => Math.abs(q - d) >= 7)).toBe(true);
    // P06 had no e-mail (withdrawn), so nothing stands in the way of its three
    expect(mine.filter((t) => Number(t.customer_id) === id[ref(6)]!)).toHaveLength(3);
  });

  it("counts e-mails in the results: sent ones as done, queued ones as planned", async () => {
    const [row] = await store.db.selectFrom("contact_plans").select("plan_id").where("name", "=", "Coupons by e-mail").execute();
    const planId = Number(row!.plan_id);
    const [job] = await jobsOf(planId);
    const sender = { channel: "email", send: async () => ({ providerId: "p-1" }) };
    expect(await sendOnce(store.db, sender, job!.payload)).toMatchObject({ status: "sent" });
    await store.db.updateTable("jobs").set({ state: "done" }).where("job_id", "=", job!.job_id).execute();
    const res = await planResults(store.db, planId, "2026-11-15");
    const middle = res.tiers.find((t) => t.key === "middle")!.contacts;
    // 9 e-mails (1 sent, 8 queued) and P07's 3 held coupons as open tasks
    expect(middle).toMatchObject({ planned: 12, done: 1, open: 11, cancelled: 0 });
    expect(res.tiers.find((t) => t.key === "top")!.contacts.planned).toBe(20);
    // the plan's campaign says it goes out both ways, and counts each way's delivery
    const [camp] = await store.db.selectFrom("campaigns").select("campaign_id").where("plan_id", "=", planId).execute();
    const delivery = (await campaignResults(store.db, Number(camp!.campaign_id), { today: "2026-11-15" })).delivery;
    expect(delivery).toMatchObject({ channel: "mixed", sends: { sent: 1, waiting: 8, failed: 0 } });
    expect(delivery.tasks!.open + delivery.tasks!.done + delivery.tasks!.cancelled).toBe(43);
  });

  it("without any address for the links, holds every e-mail it could send and makes it a task saying why", async () => {
    await putMessagingSettings(store.db, { requireOptIn: false, serviceNumber: "", publicUrl: "" });
    // the next quarter, so the caps leave this plan's contacts alone
    const p = await createPlan(store.db, plan({ name: "No address", quarterStart: "2027-01-01", emails: { coupon: COUPON } }), SYSTEM_ACTOR, 3);
    const r = await generatePlan(store.db, p.id, SYSTEM_ACTOR, { now: NOW });
    // the middle tier's 6 customers × 3 coupons, none queued: P06 (consent withdrawn) and P08 (no
    // address) are skipped as always, the other four's are held
    expect(r.emails).toEqual({ queued: 0, held: 12, skipped: 6 });
    expect(await jobsOf(p.id)).toEqual([]);
    const held = await store.db.selectFrom("tasks").select(["kind", "notes"]).where("source_id", "=", p.id).where("kind", "=", "coupon").execute();
    expect(held).toHaveLength(12);
    expect(held.every((t) => t.notes?.includes("NO_PUBLIC_URL"))).toBe(true);
  });
});
