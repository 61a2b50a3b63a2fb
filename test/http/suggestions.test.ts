import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyMembership } from "../../src/membership/membership.service.ts";
import { testApp, type TestApp } from "../support/app.ts";
import { importLines } from "../support/import-rows.ts";
import { STORE_KINDS } from "../support/stores.ts";

describe.each(STORE_KINDS)("community plan over HTTP (%s)", (kind) => {
  let t: TestApp;
  let member = 0;
  let guest = 0;
  beforeAll(async () => {
    t = await testApp(kind);
    expect((await importLines(t.store.db, [{ customerRef: "SUG-M", orderNo: "S1", orderedAt: "2026-06-01", quantity: "1", amount: "300" }])).refused).toEqual([]);
    member = (await t.store.db.selectFrom("customers").select("customer_id").where("external_id", "=", "SUG-M").executeTakeFirstOrThrow()).customer_id;
    await t.store.db.updateTable("customers").set({ owner_id: t.as.agent.userId }).where("customer_id", "=", member).execute();
    await applyMembership(t.store.db, { asOf: "2026-06-30" });
    guest = (await t.as.admin.post("/api/customers", { externalId: "SUG-G", name: "散客", ownerId: t.as.agent2.userId })).json().id;
  });
  afterAll(async () => t?.close());

  it("lets an agent record a suggestion on their book and a manager accept and reward it once, with the points in the ledger", async () => {
    const rec = await t.as.agent.post(`/api/customers/${member}/suggestions`, { channel: "wechat", text: "希望增加儿童座椅" });
    expect(rec.statusCode, rec.body).toBe(201);
    const s = rec.json();
    expect(s).toMatchObject({ customerId: member, status: "new", member: true, createdBy: t.as.agent.userId });
    expect((await t.as.agent2.post(`/api/customers/${member}/suggestions`, { channel: "wechat", text: "x" })).statusCode).toBe(403);
    expect((await t.as.agent.post(`/api/suggestions/${s.id}/decision`, { status: "accepted" })).statusCode).toBe(403);

    const decided = await t.as.manager.post(`/api/suggestions/${s.id}/decision`, { status: "implemented", rewardPoints: 150, rewardNote: "电话致谢" });
    expect(decided.statusCode, decided.body).toBe(200);
    expect(decided.json()).toMatchObject({ status: "implemented", rewardPoints: 150, rewardNote: "电话致谢", decidedBy: { id: t.as.manager.userId } });
    const twice = await t.as.manager.post(`/api/suggestions/${s.id}/decision`, { status: "implemented", rewardPoints: 150 });
    expect(twice.statusCode).toBe(409);
    expect(twice.json()).toMatchObject({ code: "CONFLICT", field: "rewardPoints" });

    const m = (await t.as.agent.get(`/api/customers/${member}/membership`)).json();
    expect(m.entries.filter((e: { kind: string }) => e.kind === "adjust")).toEqual([expect.objectContaining({ points: 150, reason: `Community plan: reward for suggestion #${s.id}` })]);
    const audit = await t.store.db.selectFrom("audit_log").select(["action", "actor"]).where("customer_id", "=", member).where("action", "in", ["suggestion.recorded", "suggestion.decided", "membership.points_adjusted"]).orderBy("audit_id").execute();
    expect(audit.map((a) => a.action)).toEqual(["suggestion.recorded", "membership.points_adjusted", "suggestion.decided"]);
    expect(audit.slice(1).every((a) => a.actor === "manager@example.com")).toBe(true);
  });

  it("says a non-member cannot get points and takes a note-only reward", async () => {
    const s = (await t.as.agent2.post(`/api/customers/${guest}/suggestions`, { channel: "store", text: "门口加个雨伞架" })).json();
    expect(s.member).toBe(false);
    const points = await t.as.admin.post(`/api/suggestions/${s.id}/decision`, { status: "accepted", rewardPoints: 50 });
    expect(points.statusCode).toBe(409);
    expect(points.json()).toMatchObject({ field: "rewardPoints" });
    expect(points.json().message).toContain("not a member");
    const note = await t.as.admin.post(`/api/suggestions/${s.id}/decision`, { status: "accepted", rewardNote: "送雨伞一把" });
    expect(note.statusCode, note.body).toBe(200);
    expect(note.json()).toMatchObject({ rewardPoints: null, rewardNote: "送雨伞一把", rewarded: true });
  });

  it("lists suggestions by status within an agent's book, and names the field of bad input", async () => {
    const mine = (await t.as.agent.get("/api/suggestions")).json();
    expect(mine.items.every((x: { customerId: number }) => x.customerId === member)).toBe(true);
    expect(mine.counts).toEqual({ new: 0, accepted: 0, implemented: 1, declined: 0 });
    const all = (await t.as.analyst.get("/api/suggestions?status=accepted")).json();
    expect(all.items.map((x: { customerId: number }) => x.customerId)).toEqual([guest]);
    expect((await t.as.agent.get(`/api/customers/${guest}/suggestions`)).statusCode).toBe(403);

    for (const [body, field] of [[{ channel: "pigeon", text: "x" }, "body.channel"], [{ channel: "store", text: "  " }, "body.text"], [{ channel: "store", text: "x", receivedAt: "yesterday" }, "body.receivedAt"]] as const) {
      const res = await t.as.agent.post(`/api/customers/${member}/suggestions`, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json()).toMatchObject({ code: "BAD_INPUT", field });
    }
    const s = (await t.as.agent.post(`/api/customers/${member}/suggestions`, { channel: "phone", text: "会员日改到周六" })).json();
    for (const [body, field] of [[{ status: "new" }, "body.status"], [{ status: "accepted", rewardPoints: 0 }, "body.rewardPoints"], [{ status: "declined", rewardNote: "谢谢" }, "rewardNote"]] as const) {
      const res = await t.as.manager.post(`/api/suggestions/${s.id}/decision`, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json()).toMatchObject({ code: "BAD_INPUT", field });
    }
    expect((await t.as.manager.post("/api/suggestions/999999/decision", { status: "declined" })).statusCode).toBe(404);
  });
});
