import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SYSTEM_ACTOR } from "../../src/audit/audit.repository.ts";
import { Worker } from "../../src/jobs/queue.ts";
import { readUnsubscribeToken } from "../../src/messages/consent.ts";
import { EMAIL_QUEUE, emailHandler } from "../../src/messages/outbox.ts";
import { smtpSender } from "../../src/messages/smtp.ts";
import { campaignResults } from "../../src/retention/campaigns/campaign-results.service.ts";
import { createCampaign, startCampaign } from "../../src/retention/campaigns/campaigns.service.ts";
import type { Store } from "../../src/store/connect.ts";
import { importLines } from "../support/import-rows.ts";
import { freshStore, STORE_KINDS } from "../support/stores.ts";

interface Received {
  to: string;
  subject: string;
  unsubscribe: string;
  body: string;
}

/** Quoted-printable as nodemailer writes long lines: soft breaks and =XX bytes. */
const unQuote = (s: string) => Buffer.from(s.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))), "latin1").toString("utf8");

/** A real SMTP server on loopback that keeps what it receives; it can stop and start again on its port. */
function smtpServer(received: Received[]) {
  let server: SMTPServer | null = null;
  let port = 0;
  const make = () => new SMTPServer({
    authOptional: true, disabledCommands: ["STARTTLS", "AUTH"], logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        const raw = Buffer.concat(chunks).toString("utf8");
        const [head, ...rest] = raw.split(/\r?\n\r?\n/);
        const header = (name: string) => new RegExp(`^${name}: (.*)$`, "mi").exec(head!)?.[1]?.trim() ?? "";
        const body = rest.join("\n");
        received.push({
          to: session.envelope.rcptTo.map((r) => r.address).join(","), subject: header("Subject"), unsubscribe: header("List-Unsubscribe"),
          body: /quoted-printable/i.test(header("Content-Transfer-Encoding")) ? unQuote(body) : body,
        });
        callback();
      });
    },
  });
  return {
    get url() { return `smtp://127.0.0.1:${port}`; },
    async start() {
      server = make();
      await new Promise<void>((resolve) => server!.listen(port, "127.0.0.1", resolve));
      port = (server.server.address() as AddressInfo).port;
    },
    async stop() {
      const s = server;
      server = null;
      if (s) await new Promise<void>((resolve) => s.close(() => resolve()));
    },
  };
}

const N = 30;
const ref = (i: number) => `E${String(i).padStart(2, "0")}`;

describe.each(STORE_KINDS)("an e-mail campaign through a real SMTP server on %s", (kind) => {
  let store: Store;
  const received: Received[] = [];
  const smtp = smtpServer(received);
  const ids = new Map<number, number>();
  beforeAll(async () => {
    store = await freshStore(kind);
    await smtp.start();
    // every customer bought a different product; the last purchase is the later one
    const lines = Array.from({ length: N }, (_, i) => [
      { customerRef: ref(i), customerName: `Wang Fang ${i}`, customerEmail: `c${i}@example.com`, orderNo: `A${i}`, orderedAt: "2026-03-01", sku: "OLD", description: "Old coat", quantity: "1", amount: "100" },
      { customerRef: ref(i), orderNo: `B${i}`, orderedAt: `2026-05-${String(1 + (i % 28)).padStart(2, "0")}`, sku: `S${i}`, description: `Silk scarf no. ${i}`, quantity: "1", amount: "80" },
    ]).flat();
    expect((await importLines(store.db, lines, { batchSize: 500 })).refused).toEqual([]);
    for (const r of await store.db.selectFrom("customers").select(["customer_id", "external_id"]).execute()) ids.set(Number(r.external_id!.slice(1)), Number(r.customer_id));
  }, 120_000);
  afterAll(async () => {
    await smtp.stop();
    await store?.close();
  });

  it("sends each contacted customer one personal message with an unsubscribe link, none to the control group, across a restart", async () => {
    const c = await createCampaign(store.db, {
      name: "Spring win-back", kind: "adhoc", channel: "email", holdoutShare: 0.2, seed: 3,
      subject: "{{name}}, something new for you",
      body: "Hello {{name}},\nthank you for your {{lastPurchase.product}} of {{lastPurchase.date}}. The new season is in.\nNo more e-mails: {{unsubscribeUrl}}",
      audience: { kind: "customers", ids: [...ids.values()] },
    }, SYSTEM_ACTOR);
    const t0 = Date.parse("2026-06-01T09:00:00Z");
    await startCampaign(store.db, c.id, SYSTEM_ACTOR, { baseUrl: "https://shop.example", startDay: "2026-06-01", now: new Date(t0) });
    await startCampaign(store.db, c.id, SYSTEM_ACTOR, { baseUrl: "https://shop.example" });
    const members = await store.db.selectFrom("campaign_members").select(["customer_id", "control", "status"]).where("campaign_id", "=", c.id).execute();
    const contacted = members.filter((m) => !m.control).map((m) => Number(m.customer_id));
    const control = members.filter((m) => m.control).map((m) => Number(m.customer_id));
    expect([contacted.length, control.length]).toEqual([24, 6]);
    expect(members.filter((m) => !m.control).every((m) => m.status === "queued")).toBe(true);
    expect((await store.db.selectFrom("jobs").select("job_id").where("queue", "=", EMAIL_QUEUE).execute()).length).toBe(24);

    const first = smtpSender({ url: smtp.url, from: "Shop <shop@example.com>" });
    const worker = new Worker(store.db, { [EMAIL_QUEUE]: emailHandler(store.db, first) }, { id: "first", leaseMs: 60_000, now: () => new Date(t0) });
    for (let i = 0; i < 10; i++) expect(await worker.runOnce()).toBe(true);
    expect(received.length).toBe(10);

    // the SMTP server goes away mid-campaign: the next sends fail and wait for a retry
    await smtp.stop();
    for (let i = 0; i < 3; i++) await worker.runOnce();
    first.close();
    expect(received.length).toBe(10);
    const refused = await store.db.selectFrom("message_sends").select("customer_id").where("send_key", "=", `campaign-${c.id}`).where("status", "=", "failed").execute();
    expect(refused.length).toBe(3);

    // both come back (a new worker, the server on its old port), after the retry wait
    await smtp.start();
    const again = smtpSender({ url: smtp.url, from: "Shop <shop@example.com>" });
    const second = new Worker(store.db, { [EMAIL_QUEUE]: emailHandler(store.db, again) }, { id: "second", leaseMs: 60_000, now: () => new Date(t0 + 3 * 3_600_000) });
    await second.drain();
    again.close();

    const byAddress = new Map<string, number>();
    for (const r of received) byAddress.set(r.to, (byAddress.get(r.to) ?? 0) + 1);
    const address = (customerId: number) => `c${[...ids].find(([, id]) => id === customerId)![0]}@example.com`;
    expect([...byAddress.keys()].sort()).toEqual(contacted.map(address).sort());
    expect([...byAddress.values()].every((n) => n === 1)).toBe(true);
    for (const id of control) expect(byAddress.has(address(id))).toBe(false);

    for (const m of received) {
      const i = Number(/^c(\d+)@/.exec(m.to)![1]);
      expect(m.subject).toBe(`Wang Fang ${i}, something new for you`);
      expect(m.body).toContain(`Hello Wang Fang ${i},`);
      expect(m.body).toContain(`thank you for your Silk scarf no. ${i} of 2026-05-${String(1 + (i % 28)).padStart(2, "0")}`);
      const link = /https:\/\/shop\.example\/u\/(\S+)/.exec(m.body);
      expect(link, m.body).not.toBeNull();
      expect(await readUnsubscribeToken(store.db, link![1]!)).toEqual({ customerId: ids.get(i), channel: "email" });
      expect(m.unsubscribe).toBe(`<${link![0]}>`);
    }

    const r = await campaignResults(store.db, c.id, { today: "2026-06-02" });
    expect(r.delivery.sends).toEqual({ waiting: 0, sending: 0, sent: 24, failed: 0, unknown: 0 });
  });
});
