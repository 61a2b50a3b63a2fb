import fs from "node:fs";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { enqueue, Worker } from "../../src/jobs/queue.ts";
import { EMAIL_QUEUE, emailHandler, messageIdOf, sendOnce, staleSends, type OutgoingMessage, type Sender } from "../../src/messages/outbox.ts";
import { smtpSender } from "../../src/messages/smtp.ts";
import { openStore, type Store } from "../../src/store/connect.ts";
import { freshStore, STORE_KINDS } from "../support/stores.ts";

interface Received {
  to: string;
  messageId: string;
  subject: string;
  unsubscribe: string;
  body: string;
}

/** A real SMTP server on loopback that keeps what it receives; `refuse` makes it answer 451 to DATA. */
async function startSmtp(): Promise<{ url: string; received: Received[]; refuse: { next: number }; close(): Promise<void> }> {
  const received: Received[] = [];
  const refuse = { next: 0 };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        if (refuse.next > 0) {
          refuse.next--;
          return callback(Object.assign(new Error("try again later"), { responseCode: 451 }));
        }
        const raw = Buffer.concat(chunks).toString("utf8");
        const header = (name: string) => new RegExp(`^${name}: (.*)$`, "mi").exec(raw)?.[1]?.trim() ?? "";
        received.push({ to: session.envelope.rcptTo.map((r) => r.address).join(","), messageId: header("Message-ID"), subject: header("Subject"), unsubscribe: header("List-Unsubscribe"), body: raw.split(/\r?\n\r?\n/).slice(1).join("\n") });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.server.address() as AddressInfo).port;
  return { url: `smtp://127.0.0.1:${port}`, received, refuse, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

const message = (i: number, key = "campaign-1"): OutgoingMessage => ({
  customerId: 1000 + i, key, to: `customer${i}@example.com`, subject: `Hello ${i}`, text: `Dear customer ${i}, your order is on its way.`,
  headers: { "List-Unsubscribe": `<https://shop.example/u/${i}>` },
});

describe.each(STORE_KINDS)("messages to customers through a real SMTP server on %s", (kind) => {
  let store: Store;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let sender: ReturnType<typeof smtpSender>;
  beforeAll(async () => {
    store = await freshStore(kind);
    smtp = await startSmtp();
    sender = smtpSender({ url: smtp.url, from: "Shop <shop@example.com>" });
  });
  afterAll(async () => {
    sender?.close();
    await smtp?.close();
    await store?.close();
  });

  it("sends the message as given, with its headers, and never the same send twice", async () => {
    expect(await sendOnce(store.db, sender, message(1))).toMatchObject({ status: "sent" });
    expect(await sendOnce(store.db, sender, message(1))).toEqual({ status: "skipped", reason: "already_sent" });
    expect(await sendOnce(store.db, sender, message(1, "campaign-2"))).toMatchObject({ status: "sent" });
    expect(smtp.received.map((r) => r.to)).toEqual(["customer1@example.com", "customer1@example.com"]);
    const first = smtp.received[0]!;
    expect(first.subject).toBe("Hello 1");
    expect(first.unsubscribe).toBe("<https://shop.example/u/1>");
    expect(first.messageId).toBe(messageIdOf(message(1)));
    expect(first.body).toContain("Dear customer 1, your order is on its way.");
    const row = await store.db.selectFrom("message_sends").selectAll().where("customer_id", "=", 1001).where("send_key", "=", "campaign-1").executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: "sent", channel: "email", to_address: "customer1@example.com" });
  });

  it("records a refusal and sends on a later try, once", async () => {
    smtp.refuse.next = 1;
    const before = smtp.received.length;
    await expect(sendOnce(store.db, sender, message(2))).rejects.toThrow(/451/);
    expect((await store.db.selectFrom("message_sends").select(["status", "error"]).where("customer_id", "=", 1002).executeTakeFirstOrThrow()).status).toBe("failed");
    expect(await sendOnce(store.db, sender, message(2))).toMatchObject({ status: "sent" });
    expect(await sendOnce(store.db, sender, message(2))).toMatchObject({ status: "skipped" });
    expect(smtp.received.length - before).toBe(1);
  });
});

describe("a campaign's sends across a restart of the embedded store", () => {
  it("gets every customer exactly one message when the process dies mid-campaign", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "retain-outbox-"));
    const smtp = await startSmtp();
    const real = smtpSender({ url: smtp.url, from: "shop@example.com" });
    try {
      let store = await openStore({ kind: "pglite", dataDir: dir });
      for (let i = 1; i <= 10; i++) await enqueue(store.db, { queue: EMAIL_QUEUE, key: `campaign-9:${1000 + i}`, payload: message(i, "campaign-9") });
      // The first process: the fourth message reaches the SMTP server, then the process
      // "dies" before recording it (its send never returns).
      let sent = 0;
      const dying: Sender = {
        channel: "email",
        async send(m) {
          const r = await real.send(m);
          if (++sent === 4) return new Promise<never>(() => undefined);
          return r;
        },
      };
      const t0 = Date.now();
      const first = new Worker(store.db, { [EMAIL_QUEUE]: emailHandler(store.db, dying) }, { id: "first", leaseMs: 60_000, now: () => new Date(t0) });
      void first.drain();
      await expect.poll(() => smtp.received.length, { timeout: 10_000 }).toBe(4);
      await store.close();

      // The restart: a new process on the same data folder, after the dead worker's lease.
      store = await openStore({ kind: "pglite", dataDir: dir });
      const second = new Worker(store.db, { [EMAIL_QUEUE]: emailHandler(store.db, real) }, { id: "second", leaseMs: 60_000, now: () => new Date(t0 + 120_000) });
      expect(await second.drain()).toBe(7); // the six not yet sent, and the fourth, found interrupted
      expect(smtp.received.map((r) => r.to).sort()).toEqual(Array.from({ length: 10 }, (_, i) => `customer${i + 1}@example.com`).sort());
      expect(new Set(smtp.received.map((r) => r.messageId)).size).toBe(10);
      // the interrupted send is reported, not repeated
      expect(await staleSends(store.db, 0, new Date(t0 + 200_000))).toEqual([expect.objectContaining({ customerId: 1004, key: "campaign-9", to: "customer4@example.com" })]);
      await store.close();
    } finally {
      real.close();
      await smtp.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
