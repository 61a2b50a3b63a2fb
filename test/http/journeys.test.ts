import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testApp, type TestApp } from "../support/app.ts";
import { STORE_KINDS } from "../support/stores.ts";

describe.each(STORE_KINDS)("journeys and reminders over HTTP (%s)", (kind) => {
  let t: TestApp;
  let mine: number;
  let theirs: number;
  beforeAll(async () => {
    t = await testApp(kind);
    mine = (await t.as.admin.post("/api/customers", { externalId: "JR-1", name: "林小姐", ownerId: t.as.agent.userId })).json().id;
    theirs = (await t.as.admin.post("/api/customers", { externalId: "JR-2", name: "王先生", ownerId: t.as.agent2.userId })).json().id;
    for (const id of [mine, theirs]) {
      const r = await t.as.admin.post(`/api/customers/${id}/key-dates`, { kind: "birthday", calendar: "lunar", year: 1980, month: 8, day: 15 });
      expect(r.statusCode, r.body).toBe(200);
    }
  });
  afterAll(async () => t?.close());

  it("saves journey settings, refusing a bad one with the field named", async () => {
    const view = (await t.as.manager.get("/api/journeys/settings")).json();
    expect([view.settings.steps.welcome.channel, view.settings.steps.checkIn.channel]).toEqual(["email", "task"]);
    expect(view.defaultTemplates["zh-CN"].welcome.body).toContain("{{serviceNumber}}");
    const s = view.settings;
    const put = (body: unknown) => t.as.manager.request({ method: "PUT", url: "/api/journeys/settings", payload: body as object });

    const generic = await put({ ...s, steps: { ...s.steps, checkIn: { channel: "email", subject: "Hello", body: "Dear valued customer, how is it going? {{unsubscribeUrl}}" } } });
    expect(generic.statusCode).toBe(400);
    expect(generic.json()).toMatchObject({ code: "BAD_INPUT", field: "body.steps.checkIn.body" });
    const noNumber = await put({ ...s, steps: { ...s.steps, welcome: { channel: "email", subject: "Hi {{name}}", body: "Hello {{name}}. {{unsubscribeUrl}}" } } });
    expect(noNumber.json()).toMatchObject({ code: "BAD_INPUT", field: "body.steps.welcome.body" });
    const order = await put({ ...s, categories: [{ category: "茶叶", infoAfterDays: 10, checkInAfterDays: 5, replacementCycleDays: 90, offerLeadDays: 7 }] });
    expect(order.json()).toMatchObject({ code: "BAD_INPUT", field: "body.categories.0.checkInAfterDays" });

    const ok = await put({ ...s, categories: [{ category: "茶叶", infoAfterDays: 3, checkInAfterDays: 21, replacementCycleDays: 90, offerLeadDays: 7 }] });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().categories).toContainEqual(expect.objectContaining({ category: "茶叶", custom: true, journey: { infoAfterDays: 3, checkInAfterDays: 21, replacementCycleDays: 90, offerLeadDays: 7 } }));
    const audit = await t.store.db.selectFrom("audit_log").select(["action"]).where("action", "=", "settings.journeys").execute();
    expect(audit).toHaveLength(1);
    expect((await t.as.agent.get("/api/journeys/settings")).statusCode).toBe(403);
  });

  it("saves reminder settings, refusing an unknown festival by its field", async () => {
    const { settings } = (await t.as.admin.get("/api/reminders/settings")).json();
    const bad = await t.as.admin.request({ method: "PUT", url: "/api/reminders/settings", payload: { ...settings, festivals: [{ key: "easter", tiers: ["key"] }] } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: "BAD_INPUT", field: "body.festivals.0.key" });
    const lead = await t.as.admin.request({ method: "PUT", url: "/api/reminders/settings", payload: { ...settings, leadDays: { ...settings.leadDays, lunarBirthday: -1 } } });
    expect(lead.json()).toMatchObject({ code: "BAD_INPUT", field: "body.leadDays.lunarBirthday" });
    const ok = await t.as.admin.request({ method: "PUT", url: "/api/reminders/settings", payload: { ...settings, horizonDays: 14 } });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().settings.horizonDays).toBe(14);
  });

  it("runs now for managers only, and shows agents only their book's upcoming reminders", async () => {
    expect((await t.as.agent.post("/api/journeys/run", { asOfDay: "2026-09-15" })).statusCode).toBe(403);
    // Mid-Autumn 2026 is 25 September: the lunar birthday 八月十五 falls on it; reminded 3 days before.
    const run = await t.as.manager.post("/api/journeys/run", { asOfDay: "2026-09-15" });
    expect(run.statusCode, run.body).toBe(200);
    expect(run.json().reminders).toMatchObject({ created: 2, byKind: { lunarBirthday: 2 } });
    const again = await t.as.manager.post("/api/journeys/run", { asOfDay: "2026-09-15" });
    expect(again.json().reminders.created).toBe(0);

    const agent = (await t.as.agent.get("/api/journeys/upcoming?days=30&from=2026-09-15&source=reminder")).json();
    expect(agent.items.map((i: { customerId: number }) => i.customerId)).toEqual([mine]);
    expect(agent.items[0]).toMatchObject({ state: "task", dueOn: "2026-09-22", ownerName: "The agent", occasion: { date: "2026-09-25", lunar: { month: 8, day: 15 }, years: 46 } });
    const all = (await t.as.manager.get("/api/journeys/upcoming?days=30&from=2026-09-15")).json();
    expect(all.items.map((i: { customerId: number }) => i.customerId).sort()).toEqual([mine, theirs].sort());
    const bad = await t.as.manager.get("/api/journeys/upcoming?days=0");
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ field: "query.days" });
  });
});
