import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testApp, type TestApp } from "../support/app.ts";
import { STORE_KINDS } from "../support/stores.ts";

describe.each(STORE_KINDS)("surveys over HTTP (%s)", (kind) => {
  let t: TestApp;
  let customer: number;
  beforeAll(async () => {
    t = await testApp(kind);
    customer = (await t.as.admin.post("/api/customers", { externalId: "SV-1", name: "王小明", email: "wang@example.com", phone: "13800000000", ownerId: t.as.agent.userId })).json().id;
  });
  afterAll(async () => t?.close());

  const anonymous = (method: "GET" | "POST", url: string, payload?: object) => t.app.inject({ method, url, payload });

  it("creates a survey from a template, invites a customer and gives a link the customer answers once, without signing in", async () => {
    const templates = (await t.as.manager.get("/api/surveys/templates")).json().items;
    expect(templates.map((x: { purpose: string }) => x.purpose)).toEqual(["post_purchase", "complaint_followup"]);
    const created = await t.as.manager.post("/api/surveys", templates[0]);
    expect(created.statusCode, created.body).toBe(201);
    const survey = created.json();
    const bad = await t.as.manager.post("/api/surveys", { ...templates[0], questions: [templates[0].questions[0], templates[0].questions[0]] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: "BAD_INPUT", field: "questions[1].key" });

    const inv = await t.as.manager.post(`/api/surveys/${survey.id}/invitations`, { audience: { kind: "customers", customerIds: [customer] } });
    expect(inv.statusCode, inv.body).toBe(201);
    const { invited: [invitation] } = inv.json();
    expect(invitation).toMatchObject({ customerId: customer, trigger: "manual", staffUserId: t.as.agent.userId, state: "open" });
    const path = new URL(invitation.url).pathname;
    expect(path).toMatch(/^\/s\/\d+\.\d+\.[\w-]{22}$/);
    const token = path.slice(3);

    const shown = await anonymous("GET", `/api/public/surveys/${token}`);
    expect(shown.statusCode, shown.body).toBe(200);
    expect(shown.json()).toMatchObject({ name: templates[0].name, state: "open" });
    for (const secret of ["王小明", "wang@example.com", "13800000000", "SV-1"]) expect(shown.body).not.toContain(secret);

    const invalid = await anonymous("POST", `/api/public/surveys/${token}/answers`, { answers: { csat: 9, overall: 4 } });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json()).toMatchObject({ code: "BAD_INPUT", field: "answers.csat" });
    const ok = await anonymous("POST", `/api/public/surveys/${token}/answers`, { answers: { csat: 4, overall: 5, recommend: 10, words: "好" } });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toEqual({ thanks: true });
    const twice = await anonymous("POST", `/api/public/surveys/${token}/answers`, { answers: { csat: 1, overall: 1 } });
    expect(twice.statusCode).toBe(409);
    expect((await anonymous("GET", `/api/public/surveys/${token}`)).json().state).toBe("answered");
    const forged = await anonymous("GET", `/api/public/surveys/${token.replace(/.$/, (c) => (c === "A" ? "B" : "A"))}`);
    expect(forged.statusCode).toBe(404);

    const results = await t.as.analyst.get(`/api/surveys/${survey.id}/results`);
    expect(results.statusCode, results.body).toBe(200);
    expect(results.json()).toMatchObject({ invited: 1, answered: 1, responseRate: 1, csat: { n: 1, satisfied: 1, share: 1 }, nps: { n: 1, promoters: 1, score: 100 } });
    const mine = await t.as.agent.get(`/api/customers/${customer}/survey-invitations`);
    expect(mine.json().items).toEqual([expect.objectContaining({ invitationId: invitation.invitationId, state: "answered" })]);
    const timeline = (await t.as.agent.get(`/api/customers/${customer}/timeline`)).json();
    expect((timeline.items ?? timeline).filter((e: { kind: string }) => e.kind === "survey")).toHaveLength(1);
  });
});
