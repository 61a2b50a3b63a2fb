import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testApp, type TestApp } from "../support/app.ts";
import { STORE_KINDS } from "../support/stores.ts";

describe.each(STORE_KINDS)("prospects over HTTP (%s)", (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp(kind);
  });
  afterAll(async () => t?.close());

  const audit = async (action: string, customerId: number) =>
    t.store.db.selectFrom("audit_log").select(["action", "actor", "before", "after"]).where("action", "=", action).where("customer_id", "=", customerId).execute();

  it("lets an agent create, work and convert a prospect of their book, audited, with its state change in the timeline", async () => {
    const created = await t.as.agent.post("/api/prospects", {
      name: "赵女士", phone: "13900000001", leadSource: "event", signals: ["compares_terms"], persuasionType: "impulsive", persuasionNote: "现场体验",
    });
    expect(created.statusCode, created.body).toBe(201);
    const p = created.json();
    expect(p).toMatchObject({ state: "potential", owner: { id: t.as.agent.userId }, leadSource: "event", signals: ["compares_terms"], lookAlike: null });
    expect(p.readiness).toBeCloseTo(1 / 6, 12);
    expect(await audit("prospect.created", p.id)).toEqual([expect.objectContaining({ actor: "agent@example.com" })]);

    const patched = await t.as.agent.patch(`/api/prospects/${p.id}`, { state: "target", signals: ["compares_terms", "asks_for_details", "introduces_to_manager"] });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json()).toMatchObject({ state: "target", readiness: 0.5, persuasionNote: "现场体验" });
    const [updated] = await audit("prospect.updated", p.id);
    expect(updated).toMatchObject({ before: expect.objectContaining({ state: "potential" }), after: expect.objectContaining({ state: "target" }) });

    const call = await t.as.agent.post(`/api/customers/${p.id}/interactions`, { channel: "phone", notes: "约了周五见面" });
    expect(call.statusCode, call.body).toBe(201);
    const converted = await t.as.agent.post(`/api/prospects/${p.id}/convert`, { reason: "签了年卡" });
    expect(converted.statusCode, converted.body).toBe(200);
    expect(converted.json()).toMatchObject({ id: p.id, state: "current" });
    expect((await audit("prospect.converted", p.id))).toHaveLength(1);
    const again = await t.as.agent.post(`/api/prospects/${p.id}/convert`, {});
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: "CONFLICT", field: "id" });

    const timeline = (await t.as.agent.get(`/api/customers/${p.id}/timeline`)).json().items as Array<{ kind: string; data: Record<string, unknown> }>;
    expect(timeline.filter((e) => e.kind === "state_change").map((e) => [e.data.from, e.data.to])).toEqual([["target", "current"], ["potential", "target"], [null, "potential"]]);
    expect(timeline.find((e) => e.kind === "state_change")!.data.reason).toBe("签了年卡");
    expect(timeline.some((e) => e.kind === "interaction")).toBe(true);
  });

  it("keeps agents to their book: another team's prospect is neither listed nor changed", async () => {
    const theirs = (await t.as.agent2.post("/api/prospects", { name: "B组客户", leadSource: "web" })).json();
    const mine = (await t.as.agent.post("/api/prospects", { name: "A组客户", leadSource: "web" })).json();
    const listed = (c: typeof t.as.agent) => c.get("/api/prospects?leadSource=web").then((r) => r.json().items.map((x: { id: number }) => x.id));
    expect(await listed(t.as.agent)).toEqual([mine.id]);
    expect(await listed(t.as.agent2)).toEqual([theirs.id]);
    expect(await listed(t.as.manager)).toEqual([theirs.id, mine.id].sort((a, b) => b - a));
    for (const res of [
      await t.as.agent.get(`/api/prospects/${theirs.id}`),
      await t.as.agent.patch(`/api/prospects/${theirs.id}`, { signals: ["warmer_reception"] }),
      await t.as.agent.post(`/api/prospects/${theirs.id}/convert`, {}),
    ]) expect(res.statusCode, res.body).toBe(403);
    expect((await t.as.agent.post("/api/prospects", { name: "给别组", ownerId: t.as.agent2.userId })).statusCode).toBe(403);
    expect((await t.as.analyst.post("/api/prospects", { name: "分析师" })).statusCode).toBe(403);
  });

  it("refuses bad input with a 400 naming the field, and a customer that is not a prospect with a 409", async () => {
    const cases: Array<[string, unknown, string]> = [
      ["/api/prospects", { name: "" }, "body.name"],
      ["/api/prospects", { name: "x", state: "current" }, "body.state"],
      ["/api/prospects", { name: "x", leadSource: "newspaper" }, "body.leadSource"],
      ["/api/prospects", { name: "x", signals: ["compares_terms", "smiles"] }, "body.signals.1"],
      ["/api/prospects", { name: "x", persuasionType: "grumpy" }, "body.persuasionType"],
      ["/api/prospects", { name: "x", email: "not-an-email" }, "body.email"],
    ];
    for (const [url, body, field] of cases) {
      const res = await t.as.manager.post(url, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json(), JSON.stringify(body)).toMatchObject({ code: "BAD_INPUT", field });
    }
    expect((await t.as.manager.get("/api/prospects?minLookAlike=2")).json()).toMatchObject({ code: "BAD_INPUT", field: "query.minLookAlike" });
    expect((await t.as.manager.get("/api/prospects?cursor=nonsense")).json()).toMatchObject({ code: "BAD_INPUT", field: "query.cursor" });

    const customer = (await t.as.manager.post("/api/customers", { externalId: "C-CURRENT", name: "老客户" })).json();
    const res = await t.as.manager.patch(`/api/prospects/${customer.id}`, { signals: ["compares_terms"] });
    expect(res.statusCode).toBe(409);
    expect(res.json().message).toContain("not a prospect");
    expect((await t.as.manager.post(`/api/prospects/${customer.id}/convert`, {})).statusCode).toBe(409);
  });

  it("pages through the list with a cursor, sorted by readiness", async () => {
    for (const [name, n] of [["R0", 0], ["R1", 1], ["R2", 2], ["R3", 3]] as const) {
      expect((await t.as.manager.post("/api/prospects", { name, leadSource: "directory", signals: ["compares_terms", "asks_for_discount", "warmer_reception"].slice(0, n) })).statusCode).toBe(201);
    }
    const names: string[] = [];
    let url = "/api/prospects?leadSource=directory&sort=readiness&limit=3";
    for (;;) {
      const page = (await t.as.manager.get(url)).json();
      expect(page.total).toBe(4);
      names.push(...page.items.map((x: { name: string }) => x.name));
      if (!page.nextCursor) break;
      url = `/api/prospects?leadSource=directory&sort=readiness&limit=3&cursor=${page.nextCursor}`;
    }
    expect(names).toEqual(["R3", "R2", "R1", "R0"]);
  });
});
