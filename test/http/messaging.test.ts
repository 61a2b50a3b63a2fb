import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { unsubscribeToken } from "../../src/messages/consent.ts";
import { dispatchEmails } from "../../src/messages/dispatch.ts";
import { EMAIL_QUEUE, STALE_SEND_MS, staleSends } from "../../src/messages/outbox.ts";
import { testApp, type TestApp } from "../support/app.ts";
import { STORE_KINDS } from "../support/stores.ts";

describe.each(STORE_KINDS)("consent and unsubscribe over HTTP (%s)", (kind) => {
  let t: TestApp;
  let mine: number;
  let theirs: number;
  beforeAll(async () => {
    t = await testApp(kind);
    mine = (await t.as.admin.post("/api/customers", { externalId: "M-1", name: "王小明", email: "wang@example.com", ownerId: t.as.agent.userId })).json().id;
    theirs = (await t.as.admin.post("/api/customers", { externalId: "M-2", name: "Zhou Bo", email: "bo@example.com", ownerId: t.as.agent2.userId })).json().id;
  });
  afterAll(async () => t?.close());

  const anonymous = (method: "GET" | "POST", url: string, o: { payload?: string | object; headers?: Record<string, string> } = {}) =>
    t.app.inject({ method, url, payload: o.payload, headers: o.headers });
  const audit = async (action: string) =>
    t.store.db.selectFrom("audit_log").select(["actor", "user_id", "customer_id", "before", "after"]).where("action", "=", action).orderBy("audit_id").execute();

  it("shows and records consent per channel, audited; an agent only on their own book", async () => {
    const empty = await t.as.agent.get(`/api/customers/${mine}/consents`);
    expect(empty.statusCode).toBe(200);
    expect(empty.json().consents).toEqual([
      { channel: "email", status: null, source: null, changedAt: null },
      { channel: "sms", status: null, source: null, changedAt: null },
      { channel: "phone", status: null, source: null, changedAt: null },
    ]);
    const put = await t.as.agent.request({ method: "PUT", url: `/api/customers/${mine}/consents`, payload: { email: "granted", sms: "withdrawn" } });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json().consents.map((c: { channel: string; status: string | null; source: string | null }) => [c.channel, c.status, c.source])).toEqual([
      ["email", "granted", "staff"], ["sms", "withdrawn", "staff"], ["phone", null, null],
    ]);
    const logged = await audit("customer.consents_updated");
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ actor: "agent@example.com", user_id: t.as.agent.userId, customer_id: mine });

    expect((await t.as.agent.get(`/api/customers/${theirs}/consents`)).statusCode).toBe(403);
    expect((await t.as.agent.request({ method: "PUT", url: `/api/customers/${theirs}/consents`, payload: { email: "withdrawn" } })).statusCode).toBe(403);
    expect((await t.as.analyst.request({ method: "PUT", url: `/api/customers/${mine}/consents`, payload: { email: "withdrawn" } })).statusCode).toBe(403);
  });

  it("names the field of a bad consent or setting", async () => {
    const bad = await t.as.admin.request({ method: "PUT", url: `/api/customers/${mine}/consents`, payload: { email: "maybe" } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: "BAD_INPUT", field: "body.email" });
    const none = await t.as.admin.request({ method: "PUT", url: `/api/customers/${mine}/consents`, payload: {} });
    expect(none.statusCode).toBe(400);
    const fax = await t.as.admin.request({ method: "PUT", url: `/api/customers/${mine}/consents`, payload: { fax: "granted" } });
    expect(fax.statusCode).toBe(400);
    const url = await t.as.admin.request({ method: "PUT", url: "/api/settings/messaging", payload: { requireOptIn: true, serviceNumber: "400", publicUrl: "ftp://x" } });
    expect(url.statusCode).toBe(400);
    expect(url.json()).toMatchObject({ code: "BAD_INPUT", field: "body.publicUrl" });
  });

  it("keeps the messaging settings, audited, for admins only", async () => {
    expect((await t.as.admin.get("/api/settings/messaging")).json()).toEqual({ requireOptIn: false, serviceNumber: "", publicUrl: "" });
    const put = await t.as.admin.request({ method: "PUT", url: "/api/settings/messaging", payload: { requireOptIn: true, serviceNumber: "400-820-8820", publicUrl: "https://crm.example.cn/" } });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json()).toEqual({ requireOptIn: true, serviceNumber: "400-820-8820", publicUrl: "https://crm.example.cn" });
    expect((await t.as.admin.get("/api/settings/messaging")).json().publicUrl).toBe("https://crm.example.cn");
    expect(await audit("settings.messaging")).toHaveLength(1);
    expect((await t.as.manager.get("/api/settings/messaging")).statusCode).toBe(403);
    await t.as.admin.request({ method: "PUT", url: "/api/settings/messaging", payload: { requireOptIn: false, serviceNumber: "400-820-8820", publicUrl: "" } });
  });

  it("answers a tampered and an unknown link alike, and shows a real one's channel and masked name only", async () => {
    const token = await unsubscribeToken(t.store.db, mine, "email");
    const tampered = token.replace(/^\d+/, String(theirs));
    const unknown = await unsubscribeToken(t.store.db, 999_999, "email");
    const a = await anonymous("GET", `/api/public/unsubscribe/${tampered}`);
    const b = await anonymous("GET", `/api/public/unsubscribe/${unknown}`);
    const c = await anonymous("GET", "/api/public/unsubscribe/not-a-token");
    // a customer since erased is gone too: the link names nobody
    const erased = Number((await t.store.db.insertInto("customers").values({ name: "已删除", erased_at: new Date() } as never).returning("customer_id").executeTakeFirstOrThrow()).customer_id);
    const d = await anonymous("GET", `/api/public/unsubscribe/${await unsubscribeToken(t.store.db, erased, "email")}`);
    expect([a.statusCode, b.statusCode, c.statusCode, d.statusCode]).toEqual([404, 404, 404, 404]);
    const strip = (body: string) => { const { requestId: _, ...rest } = JSON.parse(body) as Record<string, unknown>; return rest; };
    expect(strip(a.body)).toEqual(strip(b.body));
    expect(strip(b.body)).toEqual(strip(c.body));
    expect(strip(c.body)).toEqual(strip(d.body));

    const shown = await anonymous("GET", `/api/public/unsubscribe/${token}`);
    expect(shown.statusCode).toBe(200);
    expect(shown.json()).toEqual({ channel: "email", name: "王**", unsubscribed: false });
    expect(shown.body).not.toContain("wang@example.com");
  });

  it("withdraws consent by the link's one-click POST, once, audited as the system, and later sends skip the customer", async () => {
    const token = await unsubscribeToken(t.store.db, mine, "email");
    const queued = await dispatchEmails(t.store.db, [{ customerId: mine, key: "before" }], { subject: "Hi", body: "Hello {{name}} {{unsubscribeUrl}}" }, { baseUrl: "http://localhost" });
    expect(queued[0]!.status).toBe("queued");

    const oneClick = { payload: "List-Unsubscribe=One-Click", headers: { "content-type": "application/x-www-form-urlencoded" } };
    const first = await anonymous("POST", `/api/public/unsubscribe/${token}`, oneClick);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toEqual({ channel: "email", name: "王**", unsubscribed: true });
    const again = await anonymous("POST", `/api/public/unsubscribe/${token}`, { payload: {} });
    expect(again.statusCode).toBe(200);

    const consent = await t.store.db.selectFrom("contact_consents").select(["status", "source"]).where("customer_id", "=", mine).where("channel", "=", "email").executeTakeFirstOrThrow();
    expect(consent).toEqual({ status: "withdrawn", source: "unsubscribe_link" });
    const logged = await audit("customer.unsubscribed");
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ actor: "system", user_id: null, customer_id: mine });
    expect((await anonymous("GET", `/api/public/unsubscribe/${token}`)).json().unsubscribed).toBe(true);

    const later = await dispatchEmails(t.store.db, [{ customerId: mine, key: "after" }], { subject: "Hi", body: "Hello {{name}} {{unsubscribeUrl}}" }, { baseUrl: "http://localhost" });
    expect(later).toEqual([{ customerId: mine, status: "skipped", reason: "no_consent" }]);
    // staff see the withdrawal on the customer's consents
    expect((await t.as.agent.get(`/api/customers/${mine}/consents`)).json().consents[0]).toMatchObject({ status: "withdrawn", source: "unsubscribe_link" });
  });

  it("takes the one-click form as multipart/form-data too, as RFC 8058 allows mail programs to send it", async () => {
    const token = await unsubscribeToken(t.store.db, theirs, "email");
    const payload = ["--b0undary", 'Content-Disposition: form-data; name="List-Unsubscribe"', "", "One-Click", "--b0undary--", ""].join("\r\n");
    const r = await anonymous("POST", `/api/public/unsubscribe/${token}`, { payload, headers: { "content-type": "multipart/form-data; boundary=b0undary" } });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toEqual({ channel: "email", name: "Z*** B*", unsubscribed: true });
    const consent = await t.store.db.selectFrom("contact_consents").select("status").where("customer_id", "=", theirs).where("channel", "=", "email").executeTakeFirstOrThrow();
    expect(consent.status).toBe("withdrawn");
  });

  it("lists for admins the sends of unknown outcome and the refused ones with no retry left, newest first", async () => {
    const db = t.store.db;
    const ago = (min: number) => new Date(Date.now() - min * 60_000).toISOString();
    const send = (customerId: number, key: string, status: string, createdAt: string, error: string | null = null) =>
      db.insertInto("message_sends").values({ customer_id: customerId, send_key: key, channel: "email", to_address: `${key}@example.com`, subject: `About ${key}`, status, error, created_at: createdAt } as never).execute();
    const job = (customerId: number, key: string, state: string) =>
      db.insertInto("jobs").values({ queue: EMAIL_QUEUE, key: `${key}:${customerId}`, payload: JSON.stringify({ customerId, key }), state } as never).execute();
    await send(mine, "p-interrupted", "sending", ago(60));
    await send(mine, "p-in-flight", "sending", ago(1));
    await send(theirs, "p-retrying", "failed", ago(30), "451 try later");
    await job(theirs, "p-retrying", "queued");
    await send(theirs, "p-given-up", "failed", ago(20), "550 mailbox unavailable");
    await job(theirs, "p-given-up", "failed");
    await send(mine, "p-sent", "sent", ago(10));

    const r = await t.as.admin.get("/api/messages/problems");
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().total).toBe(2);
    expect(r.json().items.map((i: { key: string; status: string; error: string | null; customerName: string }) => [i.key, i.status, i.error, i.customerName])).toEqual([
      ["p-given-up", "failed", "550 mailbox unavailable", "Zhou Bo"],
      ["p-interrupted", "unknown", null, "王小明"],
    ]);
    expect((await t.as.manager.get("/api/messages/problems")).statusCode).toBe(403);

    // the daily job marks the interrupted one unknown for good; the one in flight is left alone
    expect((await staleSends(db, STALE_SEND_MS)).map((x) => x.key)).toEqual(["p-interrupted"]);
    const after = (await t.as.admin.get("/api/messages/problems?limit=1")).json();
    expect(after).toMatchObject({ total: 2, items: [{ key: "p-given-up" }] });
    await db.deleteFrom("message_sends").where("send_key", "like", "p-%").execute();
    await db.deleteFrom("jobs").where("key", "like", "p-%").execute();
  });
});
