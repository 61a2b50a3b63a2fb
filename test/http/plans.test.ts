import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testApp, type TestApp } from "../support/app.ts";
import { importLines } from "../support/import-rows.ts";
import { STORE_KINDS } from "../support/stores.ts";

describe.each(STORE_KINDS)("contact plans over HTTP (%s)", (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp(kind);
    // 10 customers who bought 100 … 1,000 in the year before the fourth quarter of 2026
    await importLines(t.store.db, Array.from({ length: 10 }, (_, i) => ({ customerRef: `H${i}`, orderNo: `H${i}`, orderedAt: "2026-05-05", quantity: "1", amount: `${(i + 1) * 100}` })));
    await t.store.db.updateTable("customers").set({ owner_id: t.as.agent.userId }).execute();
  });
  afterAll(async () => t?.close());

  it("starts from the apparel-chain example, refuses bad tiers naming the field, and lets only managers change plans", async () => {
    const example = (await t.as.analyst.get("/api/plans/example")).json();
    expect(example.tiers.map((x: { customerShare: string; budgetShare: string; contactsPerQuarter: number }) => [x.customerShare, x.budgetShare, x.contactsPerQuarter]))
      .toEqual([["0.14", "0.60", 5], ["0.34", "0.35", 3], ["0.52", "0.05", 2]]);
    expect(example.quarterStart).toMatch(/^\d{4}-(01|04|07|10)-01$/);

    const body = { ...example, name: "第四季度", quarterStart: "2026-10-01", budget: "20000" };
    const bad = await t.as.manager.post("/api/plans", { ...body, tiers: [{ ...body.tiers[0], budgetShare: "0.5" }, body.tiers[1], body.tiers[2]] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: "BAD_INPUT", field: "body.tiers" });
    expect(bad.json().message).toContain("sum to 0.90");
    const badType = await t.as.manager.post("/api/plans", { ...body, tiers: [{ ...body.tiers[0], contactTypes: ["fax"] }, body.tiers[1], body.tiers[2]] });
    expect(badType.json()).toMatchObject({ code: "BAD_INPUT", field: "body.tiers.0.contactTypes.0" });
    const badQuarter = await t.as.manager.post("/api/plans", { ...body, quarterStart: "2026-10-02" });
    expect(badQuarter.json()).toMatchObject({ code: "BAD_INPUT", field: "body.quarterStart" });
    expect((await t.as.agent.post("/api/plans", body)).statusCode).toBe(403);

    const created = await t.as.manager.post("/api/plans", body);
    expect(created.statusCode, created.body).toBe(201);
    const plan = created.json();
    expect(plan).toMatchObject({ status: "draft", controlShare: "0", caps: [{ max: 2, windowDays: 7 }, { max: 6, windowDays: 90 }] });

    const patched = await t.as.manager.patch(`/api/plans/${plan.id}`, { budget: "30000", tiers: [{ ...body.tiers[0], customerShare: "0.2" }, body.tiers[1], body.tiers[2]] });
    expect(patched.statusCode).toBe(400);
    expect(patched.json()).toMatchObject({ field: "tiers" });
    expect(patched.json().message).toContain("sum to 1.06");
    expect((await t.as.manager.patch(`/api/plans/${plan.id}`, { budget: "30000" })).json().budget).toBe("30000.00");

    const view = (await t.as.analyst.get(`/api/plans/${plan.id}`)).json();
    // 14% of 10 → 1, 34% → 3, the rest 6; the top customer bought 1,000 of 5,500
    expect(view.lines.map((l: { customers: number; sales: string; budget: string; budgetPerCustomer: string }) => [l.customers, l.sales, l.budget, l.budgetPerCustomer]))
      .toEqual([[1, "1000.00", "18000.00", "18000.00"], [4, "3000.00", "10500.00", "2625.00"], [5, "1500.00", "1500.00", "300.00"]]);

    expect((await t.as.agent.post(`/api/plans/${plan.id}/generate`)).statusCode).toBe(403);
    const gen = await t.as.manager.post(`/api/plans/${plan.id}/generate`);
    expect(gen.statusCode, gen.body).toBe(200);
    expect(gen.json()).toMatchObject({ customers: 10, created: 1 * 5 + 4 * 3 + 5 * 2, dropped: 0 });
    expect((await t.as.manager.patch(`/api/plans/${plan.id}`, { name: "late" })).statusCode).toBe(409);
    const agenda = await t.store.db.selectFrom("tasks").select(["owner_id", "source_type"]).where("source_id", "=", plan.id).execute();
    expect(agenda.every((x) => x.owner_id === t.as.agent.userId && x.source_type === "plan")).toBe(true);

    const results = await t.as.analyst.get(`/api/plans/${plan.id}/results`);
    expect(results.statusCode, results.body).toBe(200);
    expect(results.json()).toMatchObject({ effectMissing: "no_control", totals: { contacts: { planned: 27 } } });

    const log = (await t.as.admin.get("/api/audit?entityType=contact_plan")).json().items as Array<{ action: string; actor: string }>;
    const mine = log.filter((e) => e.action.startsWith("plan."));
    expect(mine.map((e) => e.action).sort()).toEqual(["plan.created", "plan.generated", "plan.updated"]);
    expect(mine.every((e) => e.actor === "manager@example.com")).toBe(true);
    expect((await t.as.analyst.get("/api/plans")).json().items.map((p: { id: number }) => p.id)).toContain(plan.id);
  });

  it("takes e-mail templates for message types only, names the field a template fails on, and links to the server's own address while no public one is set", async () => {
    const example = (await t.as.analyst.get("/api/plans/example")).json();
    // the first quarter of 2027, away from the first test's plan so the caps leave it alone
    const body = { ...example, name: "Coupons", quarterStart: "2027-01-01" };
    const good = { subject: "{{name}}, a coupon for you", body: "Hello {{name}}, here is a coupon for your next {{lastPurchase.product}}. Unsubscribe: {{unsubscribeUrl}}" };
    const visit = await t.as.manager.post("/api/plans", { ...body, emails: { visit: good } });
    expect(visit.statusCode).toBe(400);
    expect(visit.json()).toMatchObject({ code: "BAD_INPUT", field: "body.emails.visit" });
    expect(visit.json().message).toContain("in person");
    const generic = await t.as.manager.post("/api/plans", { ...body, emails: { coupon: { ...good, body: "Dear valued customer, a coupon for you: {{unsubscribeUrl}}" } } });
    expect(generic.json()).toMatchObject({ code: "BAD_INPUT", field: "body.emails.coupon.body" });
    const noLink = await t.as.manager.post("/api/plans", { ...body, emails: { coupon: { ...good, body: "Hello {{name}}, a coupon for you." } } });
    expect(noLink.json()).toMatchObject({ field: "body.emails.coupon.body" });
    expect(noLink.json().message).toContain("{{unsubscribeUrl}}");
    const badSubject = await t.as.manager.post("/api/plans", { ...body, emails: { coupon: { ...good, subject: "{{nickname}}, a coupon" } } });
    expect(badSubject.json()).toMatchObject({ field: "body.emails.coupon.subject" });

    const created = await t.as.manager.post("/api/plans", { ...body, emails: { coupon: good } });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json().emails).toEqual({ coupon: good });
    const plan = created.json();
    const patched = await t.as.manager.patch(`/api/plans/${plan.id}`, { emails: { coupon: good, clearanceNotice: { ...good, subject: "" } } });
    expect(patched.json()).toMatchObject({ field: "emails.clearanceNotice.subject" });

    // no public address is set: the links point to the address the request came to, as staff reach the server
    await t.store.db.updateTable("customers").set({ email: sql`lower(external_id) || '@example.com'`, name: sql`external_id` }).execute();
    await t.store.db.updateTable("order_lines").set({ description: "Jasmine tea" }).execute();
    const gen = await t.as.manager.post(`/api/plans/${plan.id}/generate`);
    expect(gen.statusCode, gen.body).toBe(200);
    const r = gen.json();
    expect(r.emails, JSON.stringify(r.emails)).toMatchObject({ held: 0 });
    expect(r.emails.queued).toBeGreaterThan(0);
    const jobs = await t.store.db.selectFrom("jobs").select("payload").where("key", "like", `plan-${plan.id}-%`).execute();
    expect(jobs).toHaveLength(r.emails.queued);
    expect(jobs.map((j) => /http:\/\/[^/]+\/u\//.exec((j.payload as { text: string }).text)?.[0])).toEqual(jobs.map(() => "http://localhost:80/u/"));
    expect(r.tiers.reduce((s: number, x: { emails: { held: number } }) => s + x.emails.held, 0)).toBe(r.emails.held);
  });
});
