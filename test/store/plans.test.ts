import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addUser } from "../../src/accounts/accounts.service.ts";
import { applyCaps, brokenCap, type Cap } from "../../src/analytics/campaigns/caps.ts";
import { quarterContacts, type PlanTier } from "../../src/analytics/campaigns/tiered-plan.ts";
import { SYSTEM_ACTOR } from "../../src/audit/audit.repository.ts";
import { dayNumber, dayText } from "../../src/domain/days.ts";
import { decAdd } from "../../src/domain/decimal.ts";
import { apparelExample, type PlanInput } from "../../src/retention/plans/plan-definition.ts";
import { generatePlan } from "../../src/retention/plans/plan-generate.ts";
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

  it("generates a plan over 5,000 customers in seconds", async () => {
    const big = await freshStore(kind);
    try {
      await big.db.insertInto("customers").values(Array.from({ length: 5000 }, (_, i) => ({ external_id: `B${i}`, name: `B${i}` }))).execute();
      const p = await createPlan(big.db, apparelExample(Q4), SYSTEM_ACTOR, 5);
      const t0 = Date.now();
      const r = await generatePlan(big.db, p.id, SYSTEM_ACTOR);
      expect(Date.now() - t0).toBeLessThan(10_000);
      expect(r.customers).toBe(5000);
      expect(r.created).toBe(r.kept);
      expect(r.kept).toBe(5000 * 2);
    } finally {
      await big.close();
    }
  }, 60_000);
});
