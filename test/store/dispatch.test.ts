import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql, type Kysely } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Worker } from "../../src/jobs/queue.ts";
import { setConsent, readUnsubscribeToken } from "../../src/messages/consent.ts";
import { dispatchEmails } from "../../src/messages/dispatch.ts";
import { mergeValuesFor } from "../../src/messages/merge-values.ts";
import { putMessagingSettings } from "../../src/messages/messaging-settings.ts";
import { senderFromEnv } from "../../src/messages/senders.ts";
import { EMAIL_QUEUE, emailHandler, type OutgoingMessage, type Sender } from "../../src/messages/outbox.ts";
import { saveRun } from "../../src/store/pattern-runs.repository.ts";
import type { Database } from "../../src/store/schema.ts";
import type { Store } from "../../src/store/connect.ts";
import { freshStore, STORE_KINDS } from "../support/stores.ts";

const BASE = "https://shop.example";
const TEMPLATE = {
  subject: "{{name}}, something for your {{favouriteCategory}}",
  body: "Hello {{name}}, thank you for buying {{lastPurchase.product}} on {{lastPurchase.date}}. Questions: {{serviceNumber}}. Unsubscribe: {{unsubscribeUrl}}",
};

async function customer(db: Kysely<Database>, o: { name: string | null; email: string | null; owner?: number }): Promise<number> {
  const r = await db.insertInto("customers").values({ name: o.name, email: o.email, owner_id: o.owner ?? null }).returning("customer_id").executeTakeFirstOrThrow();
  return Number(r.customer_id);
}

/** One order with its lines: [description, category, amount, product id]; a negative amount is a return line. */
async function order(db: Kysely<Database>, customerId: number, no: string, day: string, lines: Array<[string, string, number, number?]>): Promise<void> {
  const o = await sql<{ order_id: number }>`insert into orders (customer_id, order_no, ordered_at, order_date, currency, fx_rate)
    values (${customerId}, ${no}, ${`${day}T10:00:00Z`}::timestamptz, ${day}::date, 'CNY', 1) returning order_id::float8 as order_id`.execute(db);
  let n = 0;
  for (const [description, category, amount, productId] of lines) {
    await sql`insert into order_lines (customer_id, order_id, line_no, order_date, product_id, description, category, quantity, amount, base_amount, base_discount, is_return)
      values (${customerId}, ${o.rows[0]!.order_id}, ${++n}, ${day}::date, ${productId ?? null}, ${description}, ${category}, ${amount < 0 ? -1 : 1},
        ${amount}, ${amount}, 0, ${amount < 0})`.execute(db);
  }
}

describe.each(STORE_KINDS)("dispatching e-mails on %s", (kind) => {
  let store: Store;
  let db: Kysely<Database>;
  let ann: number;
  let bob: number;
  let owner: number;
  beforeAll(async () => {
    store = await freshStore(kind);
    db = store.db;
    owner = Number((await db.insertInto("users").values({ email: "li@example.com", name: "Li Na", role: "agent" }).returning("user_id").executeTakeFirstOrThrow()).user_id);
    ann = await customer(db, { name: "Wang Fang", email: "fang@example.com", owner });
    bob = await customer(db, { name: "Zhou Bo", email: "bo@example.com" });
    const p = await db.insertInto("products").values({ sku: "SCARF-1", name: "Silk scarf", category: "accessories" }).returning("product_id").executeTakeFirstOrThrow();
    await order(db, ann, "A1", "2026-03-01", [["Wool coat", "outerwear", 900], ["Gloves", "accessories", 100]]);
    await order(db, ann, "A2", "2026-06-10", [["Linen shirt", "shirts", 200], ["Belt", "accessories", 150, Number(p.product_id)]]);
    // a coat bought and returned: the net spend on outerwear is what counts
    await order(db, ann, "A3", "2026-07-01", [["Wool coat", "outerwear", -900]]);
    await order(db, bob, "B1", "2026-05-05", [["Belt", "accessories", 150, Number(p.product_id)]]);
    await saveRun(db, { kind: "baskets", level: "product", params: {}, summary: {}, createdBy: null }, [{
      antecedent: [String(p.product_id)], consequent: ["d:Silk tie"], support: 0.1, confidence: 0.4, lift: 2, leverage: null, conviction: null,
      count: 10, antecedent_count: 25, within_days: null, mean_days: null,
    }]);
    await sql`insert into membership_members (customer_id, level, value, balance, earned, returned, redeemed, expired, adjusted, expiring_points, as_of)
      values (${ann}, 'Gold', 0, 1200, 1200, 0, 0, 0, 0, 0, '2026-07-01')`.execute(db);
  });
  afterAll(async () => store?.close());

  it("fills every merge field from the customer's own history, and leaves out what they lack", async () => {
    await putMessagingSettings(db, { requireOptIn: false, serviceNumber: "400-820-8820", publicUrl: "" });
    const values = await mergeValuesFor(db, [ann, bob], { baseUrl: `${BASE}/`, channel: "email" });
    const a = values.get(ann)!;
    expect(a).toMatchObject({
      name: "Wang Fang", owner: "Li Na", "lastPurchase.date": "2026-06-10", "lastPurchase.product": "Linen shirt",
      // outerwear: 900 bought, 900 returned; accessories 250 beat shirts 200
      favouriteCategory: "accessories", nextBestOffer: "Silk tie", memberLevel: "Gold", points: "1200", serviceNumber: "400-820-8820",
    });
    expect(a.unsubscribeUrl).toMatch(new RegExp(`^${BASE}/u/${ann}\\.email\\.[A-Za-z0-9_-]{22}$`));
    expect(await readUnsubscribeToken(db, a.unsubscribeUrl!.split("/u/")[1]!)).toEqual({ customerId: ann, channel: "email" });
    const b = values.get(bob)!;
    expect(b.owner).toBeUndefined();
    expect(b.memberLevel).toBeUndefined();
    // bob bought the belt too, so the rule applies to him as well
    expect(b.nextBestOffer).toBe("Silk tie");
  });

  it("queues a personal message with its unsubscribe headers, once however often it is dispatched", async () => {
    const first = await dispatchEmails(db, [{ customerId: ann, key: "campaign-1" }], TEMPLATE, { baseUrl: BASE });
    expect(first).toEqual([{ customerId: ann, status: "queued" }]);
    const again = await dispatchEmails(db, [{ customerId: ann, key: "campaign-1" }], TEMPLATE, { baseUrl: BASE });
    expect(again).toEqual([{ customerId: ann, status: "queued" }]);
    const jobs = await db.selectFrom("jobs").select(["key", "payload"]).where("queue", "=", EMAIL_QUEUE).where("key", "=", `campaign-1:${ann}`).execute();
    expect(jobs).toHaveLength(1);
    const m = jobs[0]!.payload as OutgoingMessage;
    expect(m.to).toBe("fang@example.com");
    expect(m.subject).toBe("Wang Fang, something for your accessories");
    expect(m.text).toContain("thank you for buying Linen shirt on 2026-06-10. Questions: 400-820-8820.");
    expect(m.headers?.["List-Unsubscribe"]).toMatch(new RegExp(`^<${BASE}/u/${ann}\\.email\\.`));
    expect(m.headers?.["List-Unsubscribe-Post"]).toBe("List-Unsubscribe=One-Click");

    const sent: OutgoingMessage[] = [];
    const sender: Sender = { channel: "email", send: async (x) => { sent.push(x); return { providerId: "p1" }; } };
    const worker = new Worker(db, { [EMAIL_QUEUE]: emailHandler(db, sender) });
    await worker.drain();
    expect(sent.map((x) => x.to)).toEqual(["fang@example.com"]);
  });

  it("holds a message with a blank field or a generic salutation, and says why", async () => {
    const r = await dispatchEmails(db, [{ customerId: bob, key: "campaign-2" }, { customerId: ann, key: "campaign-2" }], {
      subject: "News", body: "Dear valued customer, as a {{memberLevel}} member … {{unsubscribeUrl}}",
    }, { baseUrl: BASE });
    expect(r[0]).toEqual({ customerId: bob, status: "held", reason: "GENERIC_SALUTATION,MISSING_VALUE:memberLevel" });
    expect(r[1]).toEqual({ customerId: ann, status: "held", reason: "GENERIC_SALUTATION" });
    const n = await db.selectFrom("jobs").select(sql<number>`count(*)::int`.as("n")).where("key", "like", "campaign-2:%").executeTakeFirstOrThrow();
    expect(n.n).toBe(0);
  });

  it("skips customers who withdrew, were never asked under opt-in, have no address or are erased", async () => {
    const noMail = await customer(db, { name: "Chen Jie", email: null });
    const gone = await customer(db, { name: "Old Record", email: "old@example.com" });
    await db.updateTable("customers").set({ erased_at: new Date() }).where("customer_id", "=", gone).execute();
    await setConsent(db, bob, "email", "withdrawn", "staff");
    const items = [ann, bob, noMail, gone, 999_999].map((customerId) => ({ customerId, key: "campaign-3" }));
    const r = await dispatchEmails(db, items, TEMPLATE, { baseUrl: BASE });
    expect(r.map((x) => [x.status, x.reason])).toEqual([
      ["queued", undefined], ["skipped", "no_consent"], ["skipped", "no_address"], ["skipped", "not_live"], ["skipped", "not_live"],
    ]);

    await putMessagingSettings(db, { requireOptIn: true, serviceNumber: "400-820-8820", publicUrl: "" });
    const optIn = await dispatchEmails(db, [{ customerId: ann, key: "campaign-4" }], TEMPLATE, { baseUrl: BASE });
    expect(optIn).toEqual([{ customerId: ann, status: "skipped", reason: "no_consent" }]);
    await setConsent(db, ann, "email", "granted", "staff");
    expect((await dispatchEmails(db, [{ customerId: ann, key: "campaign-4" }], TEMPLATE, { baseUrl: BASE }))[0]!.status).toBe("queued");
  });

  it("links to the public address from the settings when one is set, and works inside a transaction", async () => {
    await putMessagingSettings(db, { requireOptIn: false, serviceNumber: "400-820-8820", publicUrl: "https://crm.example.cn/" });
    const r = await db.transaction().execute((trx) => dispatchEmails(trx, [{ customerId: ann, key: "campaign-5" }], TEMPLATE, { baseUrl: "http://127.0.0.1:3000" }));
    expect(r[0]!.status).toBe("queued");
    const job = await db.selectFrom("jobs").select("payload").where("key", "=", `campaign-5:${ann}`).executeTakeFirstOrThrow();
    expect((job.payload as OutgoingMessage).text).toMatch(/Unsubscribe: https:\/\/crm\.example\.cn\/u\//);
  });
});

describe("the sender chosen from the environment", () => {
  it("writes each message as an .eml file into the data folder's outbox when no SMTP server is set", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "retain-outbox-"));
    try {
      const { sender, description } = senderFromEnv({}, dir);
      expect(description).toContain(path.join(dir, "outbox"));
      const r = await sender.send({
        customerId: 7, key: "campaign-9", to: "fang@example.com", subject: "王芳，新品到店", text: "Hello",
        headers: { "List-Unsubscribe": "<https://shop.example/u/7.email.x>" }, messageId: "<campaign-9.7@retain.invalid>",
      });
      const files = fs.readdirSync(path.join(dir, "outbox"));
      expect(files).toHaveLength(1);
      expect(r.providerId).toBe(`file:${files[0]}`);
      const eml = fs.readFileSync(path.join(dir, "outbox", files[0]!), "utf8");
      expect(eml).toMatch(/^To: fang@example\.com$/m);
      expect(eml).toMatch(/^List-Unsubscribe: <https:\/\/shop\.example\/u\/7\.email\.x>$/m);
      expect(eml).toMatch(/^Message-ID: <campaign-9\.7@retain\.invalid>$/m);
      sender.close();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("uses SMTP when both settings are given, and names a missing one", () => {
    const smtp = senderFromEnv({ RETAIN_SMTP_URL: "smtp://u:secret@mail.example.com:587", RETAIN_MAIL_FROM: "Shop <s@shop.example>" }, null);
    expect(smtp.description).toBe("E-mail is sent through mail.example.com:587 from Shop <s@shop.example>.");
    expect(smtp.description).not.toContain("secret");
    smtp.sender.close();
    expect(() => senderFromEnv({ RETAIN_SMTP_URL: "smtp://mail.example.com" }, null)).toThrow(/RETAIN_MAIL_FROM/);
    expect(() => senderFromEnv({ RETAIN_SMTP_URL: "mail.example.com", RETAIN_MAIL_FROM: "s@shop.example" }, null)).toThrow(/smtp:\/\//);
    expect(senderFromEnv({ RETAIN_OUTBOX_DIR: "/srv/mail-out" }, null).description).toContain("/srv/mail-out");
  });
});
