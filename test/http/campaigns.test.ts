import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testApp, type TestApp } from "../support/app.ts";
import { STORE_KINDS } from "../support/stores.ts";

describe.each(STORE_KINDS)("campaigns over HTTP (%s)", (kind) => {
  let t: TestApp;
  const ids: number[] = [];
  beforeAll(async () => {
    t = await testApp(kind);
    for (let i = 0; i < 20; i++) {
      ids.push((await t.as.admin.post("/api/customers", { externalId: `CP-${i}`, name: `李${i}`, email: `li${i}@example.com`, ownerId: t.as.agent.userId })).json().id);
    }
  });
  afterAll(async () => t?.close());

  const draft = (over: Record<string, unknown> = {}) => ({
    name: "回访", kind: "adhoc", channel: "task", body: "Call {{name}} about the autumn range.", audience: { kind: "customers", ids }, holdoutShare: 0.1, seed: 5, ...over,
  });

  it("names the field of bad input", async () => {
    for (const [body, field] of [
      [draft({ holdoutShare: 0.8 }), "body.holdoutShare"],
      [draft({ costPerContact: "-1" }), "body.costPerContact"],
      [draft({ channel: "fax" }), "body.channel"],
      [draft({ audience: { kind: "segment", tiers: ["gold"] } }), "body.audience.tiers.0"],
    ] as const) {
      const r = await t.as.manager.post("/api/campaigns", body);
      expect(r.statusCode, r.body).toBe(400);
      expect(r.json().field).toBe(field);
    }
    const noSnapshot = await t.as.manager.post("/api/campaigns/preview-audience", { audience: { kind: "winback" } });
    expect(noSnapshot.statusCode).toBe(400);
    expect(noSnapshot.json()).toMatchObject({ code: "BAD_INPUT", field: "audience.kind" });
  });

  it("checks the template, previews the audience, starts once, audits, and lets only managers change it", async () => {
    const check = await t.as.manager.post("/api/campaigns/check-template", { channel: "email", subject: "News", body: "Dear valued customer, news." });
    expect(check.json().problems.map((p: { code: string }) => p.code).sort()).toEqual(["GENERIC_SALUTATION", "NOT_PERSONAL", "NO_UNSUBSCRIBE"]);
    const preview = await t.as.manager.post("/api/campaigns/preview-audience", { audience: { kind: "customers", ids } });
    expect(preview.json()).toMatchObject({ total: 20, byStratum: { none: 20, key: 0 }, sources: { snapshot: null, modelRun: null } });

    expect((await t.as.agent.post("/api/campaigns", draft())).statusCode).toBe(403);
    const created = await t.as.manager.post("/api/campaigns", draft());
    expect(created.statusCode, created.body).toBe(201);
    const c = created.json();
    expect(c).toMatchObject({ status: "draft", holdoutShare: 0.1, seed: 5, cost: "0", measureDays: 90 });
    const renamed = await t.as.manager.patch(`/api/campaigns/${c.id}`, { name: "秋季回访", costPerContact: "3.50" });
    expect(renamed.json()).toMatchObject({ name: "秋季回访", costPerContact: "3.5" });

    const started = await t.as.manager.post(`/api/campaigns/${c.id}/start`);
    expect(started.statusCode, started.body).toBe(200);
    expect(started.json()).toMatchObject({ status: "running", members: 20, control: 2, contacted: 18, byStatus: { queued: 18 } });
    expect((await t.as.manager.post(`/api/campaigns/${c.id}/start`)).json()).toMatchObject({ members: 20, control: 2 });
    const late = await t.as.manager.patch(`/api/campaigns/${c.id}`, { name: "too late" });
    expect(late.statusCode).toBe(409);

    // the agent's agenda now has the calls
    const tasks = await t.store.db.selectFrom("tasks").select(["owner_id", "source_id"]).where("task_key", "=", `campaign:${c.id}`).execute();
    expect(tasks.length).toBe(18);
    expect(tasks.every((x) => Number(x.owner_id) === t.as.agent.userId)).toBe(true);

    const results = await t.as.analyst.get(`/api/campaigns/${c.id}/results`);
    expect(results.statusCode, results.body).toBe(200);
    expect(results.json()).toMatchObject({ cost: "63", window: { day: 1, days: 90, open: true }, delivery: { contacted: 18, tasks: { open: 18 } } });
    expect((await t.as.agent.get(`/api/campaigns/${c.id}/results`)).statusCode).toBe(403);

    const audit = await t.as.admin.get(`/api/audit?entityType=campaign&entityId=${c.id}`);
    const actions = audit.json().items.map((a: { action: string; actor: string }) => `${a.action} ${a.actor}`);
    expect(actions.sort()).toEqual(["campaign.created manager@example.com", "campaign.started manager@example.com", "campaign.updated manager@example.com"]);

    const list = (await t.as.manager.get("/api/campaigns")).json().items;
    expect(list[0]).toMatchObject({ id: c.id, status: "running", contacted: 18, control: 2 });
  });
});
