import { sql } from "kysely";
import type { FastifyInstance, LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addUser } from "../../src/accounts/accounts.service.ts";
import { SYSTEM_ACTOR } from "../../src/audit/audit.repository.ts";
import { buildApp } from "../../src/http/app.ts";
import { LoginLimiter } from "../../src/http/auth.ts";
import type { Store } from "../../src/store/connect.ts";
import { PASSWORD, signIn, type Client } from "../support/app.ts";
import { freshStore, STORE_KINDS } from "../support/stores.ts";

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/**
 * The public complaint form over HTTP (docs/complaints.md, "Public complaint form"): filing
 * without a session by order number and contact or by a personal link, the spam limits on a
 * clock the test moves, and that nothing about the customer comes back.
 */
describe.each(STORE_KINDS)("the public complaint form over HTTP (%s)", (kind) => {
  let store: Store;
  let app: FastifyInstance;
  let admin: Client;
  let agent2: Client;
  let clock = Date.now();
  let wang = 0;
  let li = 0;
  /** Every body the public routes answered, to look for customer data in. */
  const publicBodies: string[] = [];
  let address = 0;
  /** A visitor from an address of their own, so the per-address limit of one test leaves the others alone. */
  const visitor = () => {
    const remoteAddress = `10.0.0.${++address}`;
    const send = async (payload: Record<string, unknown>, headers: Record<string, string> = {}) => {
      const res = await app.inject({ method: "POST", url: "/api/public/complaints", payload, remoteAddress, headers });
      publicBodies.push(res.body);
      return res;
    };
    const form = async (token?: string) => {
      const res = await app.inject({ method: "GET", url: `/api/public/complaint-form${token === undefined ? "" : `?t=${encodeURIComponent(token)}`}`, remoteAddress });
      publicBodies.push(res.body);
      return res;
    };
    return { send, form, remoteAddress };
  };
  const withoutId = (res: LightMyRequestResponse) => {
    const { requestId: _requestId, ...rest } = res.json() as Record<string, unknown>;
    return rest;
  };
  const complaintsOf = async (customerId: number) =>
    (await admin.get(`/api/complaints?status=all&customerId=${customerId}`)).json().items as Array<Record<string, unknown>>;
  const linkFor = async (customerId: number, by: Client = admin, body?: unknown) =>
    by.request({ method: "POST", url: `/api/customers/${customerId}/complaint-link`, payload: body as object | undefined });

  beforeAll(async () => {
    store = await freshStore(kind);
    app = await buildApp({ db: store.db, webRoot: null, loginLimiter: new LoginLimiter(1000, 15 * MINUTE, () => clock) });
    for (const [key, role, team] of [["admin", "admin", null], ["agent2", "agent", "Team B"]] as const) {
      await addUser(store.db, { email: `${key}@example.com`, name: `The ${key}`, role, team, password: PASSWORD }, SYSTEM_ACTOR);
    }
    admin = await signIn(app, "admin@example.com");
    agent2 = await signIn(app, "agent2@example.com");
    const mk = async (body: Record<string, unknown>) => {
      const r = await admin.post("/api/customers", body);
      expect(r.statusCode, r.body).toBe(201);
      return r.json().id as number;
    };
    wang = await mk({ externalId: "WANG", name: "王芳 Wang Fang", email: "Wang.Fang@Example.com", phone: "+86 138-0013-8000" });
    li = await mk({ externalId: "LI", kind: "enterprise", name: "李氏贸易 Li Trading", email: "office@li-trading.example" });
    expect((await admin.post(`/api/customers/${li}/contacts`, { name: "Buyer Zhao", phone: "021-6123-4567" })).statusCode).toBe(200);
    for (const [customerId, orderNo] of [[wang, "DD-1001"], [wang, "DD-1002"], [li, "DD-1001"], [li, "LI-77"]] as const) {
      await sql`insert into orders (customer_id, order_no, ordered_at, order_date, currency, fx_rate)
        values (${customerId}, ${orderNo}, '2026-05-02T10:00:00+08:00', '2026-05-02', 'CNY', 1)`.execute(store.db);
    }
  });
  afterAll(async () => {
    await app?.close();
    await store?.close();
  });

  it("files a complaint by order number and contact, which staff then see on the web-form channel in the customer's words", async () => {
    const v = visitor();
    const form = await v.form();
    expect(form.statusCode).toBe(200);
    expect(form.json().link).toBeNull();
    expect(form.json().categories.map((c: { key: string }) => c.key)).toEqual(["product quality", "delivery", "service attitude", "price/billing", "after-sales", "other"]);
    expect(form.json().categories[0].label).toEqual({ en: "Product quality", "zh-CN": "产品质量", "zh-TW": "產品品質" });

    // the e-mail in another case, the phone without its country code and with other separators
    const byEmail = await v.send({ orderNo: "DD-1002", contact: "  wang.fang@EXAMPLE.com ", category: "delivery", words: "The parcel came a week late and the box was crushed.", preferredContact: "email" });
    expect(byEmail.statusCode, byEmail.body).toBe(201);
    expect(Object.keys(byEmail.json()).sort()).toEqual(["reference", "thanks"]);
    const byPhone = await v.send({ orderNo: "DD-1002", contact: "138 0013 8000", category: "product quality", words: "杯子漏水。", product: "Thermos 500ml" });
    expect(byPhone.statusCode, byPhone.body).toBe(201);

    const mine = await complaintsOf(wang);
    expect(mine.map((c) => c.complaintId).sort()).toEqual([Number(byEmail.json().reference), Number(byPhone.json().reference)].sort());
    const late = mine.find((c) => String(c.complaintId) === byEmail.json().reference)!;
    expect(late).toMatchObject({
      channel: "web_form", severity: "normal", category: "delivery", orderNo: "DD-1002", status: "legacy_open", origin: "public_form", handlerId: null,
      description: "The parcel came a week late and the box was crushed.",
    });
    expect(mine.find((c) => String(c.complaintId) === byPhone.json().reference)).toMatchObject({ product: "Thermos 500ml", description: "杯子漏水。" });

    const audit = (await admin.get(`/api/audit?customerId=${wang}&action=complaint.opened`)).json().items as Array<Record<string, unknown>>;
    expect(audit).toHaveLength(2);
    expect(audit[0]).toMatchObject({ actor: "public complaint form", userId: null, ip: v.remoteAddress });
    expect(audit.find((e) => (e.after as { preferredContact: unknown }).preferredContact === "email")).toBeDefined();

    // The first recovery step of a member of staff adopts it into the six steps.
    const step = await admin.post(`/api/complaints/${wang}/${byEmail.json().reference}/events`, { version: 0, event: { type: "apologised", text: "We are sorry." } });
    expect(step.statusCode, step.body).toBe(200);
    expect(step.json()).toMatchObject({ status: "acknowledged", origin: "public_form", channel: "web_form", events: [{ type: "opened" }, { type: "apologised" }] });
  });

  it("matches the contact people of an enterprise customer, and the one customer of a shared order number whose contact it is", async () => {
    const v = visitor();
    const res = await v.send({ orderNo: "DD-1001", contact: "+86 21 6123 4567", category: "other", words: "Invoice is wrong." });
    expect(res.statusCode, res.body).toBe(201);
    expect((await complaintsOf(li)).map((c) => String(c.complaintId))).toEqual([res.json().reference]);
  });

  it("gives the same answer for a wrong order number and a wrong contact, and files nothing", async () => {
    const v = visitor();
    const before = (await complaintsOf(wang)).length;
    const wrongOrder = await v.send({ orderNo: "DD-9999", contact: "wang.fang@example.com", category: "other", words: "Hello." });
    const wrongContact = await v.send({ orderNo: "DD-1002", contact: "someone@example.com", category: "other", words: "Hello." });
    const wrongPhone = await v.send({ orderNo: "DD-1002", contact: "139 0000 0000", category: "other", words: "Hello." });
    for (const r of [wrongOrder, wrongContact, wrongPhone]) expect(r.statusCode).toBe(404);
    expect(withoutId(wrongOrder)).toEqual(withoutId(wrongContact));
    expect(withoutId(wrongOrder)).toEqual(withoutId(wrongPhone));
    expect(wrongOrder.json()).toMatchObject({ code: "NOT_FOUND" });
    expect(wrongOrder.json().field).toBeUndefined();
    expect((await complaintsOf(wang)).length).toBe(before);
  });

  it("names the field of a bad submission, before it looks for the order", async () => {
    const v = visitor();
    const good = { orderNo: "DD-1002", contact: "wang.fang@example.com", category: "delivery", words: "Late." };
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ ...good, words: "   " }, "body.words"],
      [{ ...good, words: "字".repeat(4001) }, "body.words"],
      [{ ...good, orderNo: undefined }, "body.orderNo"],
      [{ ...good, contact: "not a contact" }, "body.contact"],
      [{ ...good, preferredContact: "pigeon" }, "body.preferredContact"],
      [{ ...good, category: "weather" }, "category"],
    ];
    for (const [body, field] of cases) {
      const res = await v.send(body);
      expect(res.statusCode, `${field}: ${res.body}`).toBe(400);
      expect(res.json()).toMatchObject({ code: "BAD_INPUT", field });
      clock += 3 * MINUTE; // three in ten minutes: stay under the address limit
    }
    // A bad field is refused the same for an order that is not there: nothing tells them apart.
    const a = await v.send({ ...good, category: "weather" });
    clock += 3 * MINUTE;
    const b = await v.send({ ...good, orderNo: "DD-9999", category: "weather" });
    expect(withoutId(a)).toEqual(withoutId(b));
    clock += 10 * MINUTE;
    const big = await v.send({ ...good, words: "x".repeat(40 * 1024) });
    expect(big.statusCode).toBe(413);
  });

  it("refuses a filled-in honeypot and files nothing", async () => {
    const v = visitor();
    const before = (await complaintsOf(wang)).length;
    const res = await v.send({ orderNo: "DD-1002", contact: "wang.fang@example.com", category: "delivery", words: "Buy cheap watches", website: "http://spam.example" });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: "BAD_INPUT", field: "website" });
    expect((await complaintsOf(wang)).length).toBe(before);
  });

  it("allows five submissions from an address in ten minutes, refused ones too, then 429 until the window moves on", async () => {
    const v = visitor();
    clock += DAY; // the customer's own daily limit starts afresh
    const ok = { orderNo: "DD-1002", contact: "wang.fang@example.com", category: "delivery", words: "Again late." };
    expect((await v.send({ ...ok, contact: "nobody@example.com" })).statusCode).toBe(404);
    expect((await v.send({ ...ok, words: "" })).statusCode).toBe(400);
    for (let i = 0; i < 3; i++) {
      expect((await v.send(ok)).statusCode).toBe(201);
      clock += MINUTE;
    }
    const blocked = await v.send(ok);
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json()).toMatchObject({ code: "RATE_LIMITED" });
    // the first two were sent 3 minutes ago: the first leaves the window in 7 minutes
    expect(blocked.headers["retry-after"]).toBe(String(7 * 60));
    // another address is not held back by this one
    expect((await visitor().send({ ...ok, contact: "nobody@example.com" })).statusCode).toBe(404);

    clock += 7 * MINUTE + 1;
    const again = await v.send({ ...ok, contact: "nobody@example.com" });
    expect(again.statusCode, again.body).toBe(404);
  });

  it("files at most three complaints a day for one customer, from any address", async () => {
    clock += DAY;
    const ok = { orderNo: "LI-77", contact: "OFFICE@li-trading.example", category: "after-sales", words: "Still broken." };
    for (let i = 0; i < 3; i++) expect((await visitor().send(ok)).statusCode).toBe(201);
    clock += 20 * 60 * MINUTE;
    const blocked = await visitor().send(ok);
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().code).toBe("RATE_LIMITED");
    expect(blocked.headers["retry-after"]).toBe(String(4 * 60 * 60));
    clock += 4 * 60 * MINUTE + 1;
    expect((await visitor().send(ok)).statusCode).toBe(201);
  });

  it("makes a personal link that files without order or contact, and refuses it tampered with or expired", async () => {
    clock += DAY;
    const created = await linkFor(wang, admin, { validDays: 30 });
    expect(created.statusCode, created.body).toBe(201);
    const { url, token, expiresAt } = created.json();
    expect(url).toMatch(/^http:\/\/[^/]+\/feedback\?t=/);
    expect(new URL(url).searchParams.get("t")).toBe(token);
    expect(Date.parse(expiresAt)).toBe(Math.floor((clock + 30 * DAY) / 1000) * 1000);
    const audit = (await admin.get(`/api/audit?customerId=${wang}&action=customer.complaint_link_created`)).json().items;
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit)).not.toContain(token);
    // an agent cannot make links for a customer outside their book
    expect((await linkFor(wang, agent2)).statusCode).toBe(403);
    expect((await linkFor(999_999)).statusCode).toBe(404);

    const v = visitor();
    expect((await v.form(token)).json().link).toBe("valid");
    const filed = await v.send({ token, category: "service attitude", words: "Nobody answered the phone." });
    expect(filed.statusCode, filed.body).toBe(201);
    expect((await complaintsOf(wang)).find((c) => String(c.complaintId) === filed.json().reference)).toMatchObject({ channel: "web_form", orderNo: null });

    const [id, exp, sig] = token.split(".") as [string, string, string];
    const flipped = `${sig.slice(0, -1)}${sig.endsWith("A") ? "B" : "A"}`;
    for (const bad of [`${id}.${exp}.${flipped}`, `${li}.${exp}.${sig}`, `${id}.${Number(exp) + 86_400}.${sig}`, "nonsense"]) {
      expect((await v.form(bad)).json().link, bad).toBe("invalid");
      clock += 3 * MINUTE;
      const res = await v.send({ token: bad, category: "other", words: "x" });
      expect(res.statusCode, bad).toBe(404);
      expect(res.json()).toMatchObject({ code: "NOT_FOUND", field: "token" });
    }
    clock += 31 * DAY;
    expect((await v.form(token)).json().link).toBe("invalid");
    expect((await v.send({ token, category: "other", words: "Later." })).json()).toMatchObject({ code: "NOT_FOUND", field: "token" });
  });

  it("never answers the public with the customer's name, e-mail or phone", async () => {
    expect(publicBodies.length).toBeGreaterThan(25);
    expect(publicBodies.some((b) => b.includes('"reference"'))).toBe(true);
    const leaks = ["王芳", "Wang Fang", "wang.fang@example.com", "13800138000", "138-0013-8000", "李氏贸易", "Li Trading", "office@li-trading.example", "Buyer Zhao", "61234567", "WANG"];
    for (const body of publicBodies) {
      for (const leak of leaks) expect(body.toLowerCase(), body).not.toContain(leak.toLowerCase());
    }
  });
});
