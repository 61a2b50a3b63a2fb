import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testApp, type TestApp } from "../support/app.ts";
import { STORE_KINDS } from "../support/stores.ts";

describe.each(STORE_KINDS)("complaints over HTTP (%s)", (kind) => {
  let t: TestApp;
  let mine: number;
  let theirs: number;
  beforeAll(async () => {
    t = await testApp(kind);
    const mk = async (externalId: string, ownerId: number) => (await t.as.admin.post("/api/customers", { externalId, name: `Customer ${externalId}`, ownerId })).json().id as number;
    mine = await mk("MINE", t.as.agent.userId);
    theirs = await mk("THEIRS", t.as.agent2.userId);
  });
  afterAll(async () => t?.close());

  const put = (body: unknown) => t.as.admin.request({ method: "PUT", url: "/api/complaints/settings", payload: body as object });

  it("opens a complaint, records steps as the signed-in user, and refuses a stale version or a decision out of someone's authority", async () => {
    const opened = await t.as.agent.post("/api/complaints", { customerId: mine, channel: "phone", severity: "high", category: "delivery", description: "Late again.", orderNo: "NO-SUCH", product: "Sofa" });
    expect(opened.statusCode, opened.body).toBe(201);
    let d = opened.json();
    expect(d).toMatchObject({ customerId: mine, status: "new", version: 1, severity: "high", orderNo: "NO-SUCH", product: "Sofa", customerExternalId: "MINE", nextSteps: ["apologised", "paused"], approvers: [] });
    expect(d.sla.firstResponse).toMatchObject({ targetMinutes: 120 });
    const url = `/api/complaints/${mine}/${d.complaintId}`;

    let r = await t.as.agent.post(`${url}/events`, { version: 1, event: { type: "apologised", text: "Sorry.", actorId: 999, role: "admin" } });
    expect(r.statusCode, r.body).toBe(200);
    d = r.json();
    expect(d.events[1]).toMatchObject({ type: "apologised", actorId: t.as.agent.userId, actorName: "The agent", event: { actorId: t.as.agent.userId, role: "agent" } });

    const stale = await t.as.agent.post(`${url}/events`, { version: 1, event: { type: "heard", account: "x", openQuestions: ["y?"] } });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: "CONFLICT", message: "changed by someone else: reload" });
    expect((await t.as.agent.post(`${url}/events`, { version: 2, event: { type: "teleported" } })).statusCode).toBe(400);

    r = await t.as.agent.post(`${url}/events`, { version: 2, event: { type: "heard", account: "Wants money back.", openQuestions: ["How much?"] } });
    r = await t.as.agent.post(`${url}/events`, { version: 3, event: { type: "fix_proposed", finding: "founded", demand: "reasonable", demandReason: "Our fault.", fix: "Refund", compensation: "350.00" } });
    expect(r.json()).toMatchObject({ status: "awaiting_approval", approvers: ["admin", "manager"] });
    const self = await t.as.agent.post(`${url}/events`, { version: 4, event: { type: "fix_approved" } });
    expect(self.statusCode).toBe(403);
    expect(self.json().code).toBe("FORBIDDEN");
    expect((await t.as.analyst.post(`${url}/events`, { version: 4, event: { type: "fix_approved" } })).statusCode).toBe(403);
    const ok = await t.as.manager.post(`${url}/events`, { version: 4, event: { type: "fix_approved" } });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ status: "fix_agreed", version: 5 });

    const timeline = (await t.as.agent.get(`/api/customers/${mine}/timeline`)).json().items;
    expect(timeline.filter((e: { kind: string }) => e.kind === "complaint_step").map((e: { data: { summary: string } }) => e.data.summary)).toEqual([
      "step 3: fix approved (350.00)", "step 3: fix proposed (350.00, awaiting approval)", "step 2: heard the customer (1 open question)", "step 1: apologised and acknowledged",
    ]);
  });

  it("lists complaints with counts, keeps agents to their book, and pages with a cursor", async () => {
    for (const description of ["One.", "Two."]) {
      expect((await t.as.manager.post("/api/complaints", { customerId: theirs, channel: "web", description })).statusCode).toBe(201);
    }
    const all = (await t.as.analyst.get("/api/complaints?status=all&limit=2")).json();
    expect(all.items).toHaveLength(2);
    expect(all.counts.open).toBe(3);
    const rest = (await t.as.analyst.get(`/api/complaints?status=all&limit=2&cursor=${all.nextCursor}`)).json();
    expect(rest.items).toHaveLength(1);
    expect(rest.nextCursor).toBeNull();
    const agents = (await t.as.agent.get("/api/complaints")).json();
    expect(agents.items.map((i: { customerId: number }) => i.customerId)).toEqual([mine]);
    expect(agents.counts.open).toBe(1);
    const theirComplaint = all.items[0];
    expect((await t.as.agent.get(`/api/complaints/${theirs}/${theirComplaint.complaintId}`)).statusCode).toBe(403);
    expect((await t.as.agent.post("/api/complaints", { customerId: theirs, channel: "web", description: "x" })).statusCode).toBe(403);
    expect((await t.as.analyst.post("/api/complaints", { customerId: mine, channel: "web", description: "x" })).statusCode).toBe(403);
    expect((await t.as.admin.get("/api/complaints?status=closed")).json().items).toEqual([]);
    expect((await t.as.admin.get("/api/complaints?cursor=nonsense")).statusCode).toBe(400);
  });

  it("reads complaint settings for every role, lets only admins change them, and names a bad field", async () => {
    const s = (await t.as.analyst.get("/api/complaints/settings")).json();
    expect(s.authority.limits).toEqual({ agent: "200.00", manager: "2000.00", admin: null });
    expect(s.categories).toContain("after-sales");
    expect((await t.as.manager.request({ method: "PUT", url: "/api/complaints/settings", payload: s })).statusCode).toBe(403);
    const bad = await put({ ...s, sla: { ...s.sla, warnAtFraction: 2 } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().field).toMatch(/warnAtFraction/);
    const badLimit = await put({ ...s, authority: { limits: { agent: "-5" } } });
    expect(badLimit.statusCode).toBe(400);
    expect(badLimit.json().field).toMatch(/limits\.agent/);
    const changed = await put({ ...s, authority: { limits: { ...s.authority.limits, agent: "500.00" } }, categories: [...s.categories, "installation"] });
    expect(changed.statusCode, changed.body).toBe(200);
    expect((await t.as.agent.get("/api/complaints/settings")).json().authority.limits.agent).toBe("500.00");
    expect((await t.as.admin.get("/api/settings")).json()).not.toHaveProperty("complaints");
    const wrongCategory = await t.as.agent.post("/api/complaints", { customerId: mine, channel: "web", description: "x", category: "weather" });
    expect(wrongCategory.statusCode).toBe(400);
    expect(wrongCategory.json().field).toBe("category");
  });

  it("records praise for staff and reports it", async () => {
    const r = await t.as.agent.post(`/api/customers/${mine}/praise`, { staffUserId: t.as.agent.userId, words: "So helpful!", channel: "phone" });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json()).toMatchObject({ customerId: mine, staffUserId: t.as.agent.userId, words: "So helpful!" });
    expect((await t.as.agent.post(`/api/customers/${theirs}/praise`, { staffUserId: t.as.agent.userId, words: "x" })).statusCode).toBe(403);
    const report = (await t.as.analyst.get("/api/praise")).json();
    expect(report.items).toEqual([expect.objectContaining({ staffUserId: t.as.agent.userId, staffName: "The agent", count: 1 })]);
  });

  it("documents the routes in the OpenAPI document", async () => {
    const doc = (await t.app.inject({ method: "GET", url: "/api/openapi.json" })).json();
    for (const p of ["/api/complaints", "/api/complaints/settings", "/api/complaints/{customerId}/{complaintId}", "/api/complaints/{customerId}/{complaintId}/events", "/api/praise"]) {
      expect(doc.paths, p).toHaveProperty([p]);
    }
  });
});
