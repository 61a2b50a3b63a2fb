import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { STORE_KINDS } from "../support/stores.ts";
import { testApp, type TestApp } from "../support/app.ts";

describe.each(STORE_KINDS)("server smoke (%s)", (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp(kind);
  });
  afterAll(async () => t?.close());

  it("creates, lists, edits a customer", async () => {
    const created = await t.as.admin.post("/api/customers", { externalId: "C1", name: "王小明", email: "wang@example.com" });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id;
    const list = await t.as.admin.get("/api/customers");
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json().items.map((c: { id: number }) => c.id)).toContain(id);
    const patched = await t.as.admin.patch(`/api/customers/${id}`, { name: "王大明" }, { "if-match": created.headers.etag as string });
    expect(patched.statusCode, patched.body).toBe(200);
    const stale = await t.as.admin.patch(`/api/customers/${id}`, { name: "王中明" }, { "if-match": created.headers.etag as string });
    expect(stale.statusCode).toBe(409);
    const doc = await t.app.inject({ method: "GET", url: "/api/openapi.json" });
    expect(doc.statusCode).toBe(200);
    expect(doc.json().openapi).toBe("3.1.0");
    expect(Object.keys(doc.json().paths)).toContain("/api/customers/{id}");
    // The browsable reference needs no sign-in.
    const ui = await t.app.inject({ method: "GET", url: "/api/docs" });
    expect(ui.statusCode).toBe(200);
    expect(ui.headers["content-type"]).toMatch(/text\/html/);
  });
});
