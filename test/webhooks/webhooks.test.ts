import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Store } from "../../src/store/connect.ts";
import { createDispatcher, signPayload, verifySignature } from "../../src/webhooks/dispatcher.ts";
import { enqueueEvent } from "../../src/webhooks/outbox.ts";
import {
  createWebhook,
  deleteWebhook,
  getWebhook,
  listDeliveries,
  listWebhooks,
  updateWebhook,
} from "../../src/webhooks/webhooks.repository.ts";
import { freshStore, STORE_KINDS } from "../support/stores.ts";

interface Received {
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  signatureValid: boolean;
}

/** A real receiver on 127.0.0.1: checks each request's signature with the secret of its path. */
async function startReceiver(clock: () => Date) {
  const secrets = new Map<string, string>();
  const answers = new Map<string, number[]>();
  const received: Received[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const path = req.url ?? "/";
      const body = Buffer.concat(chunks).toString("utf8");
      const signatureValid = verifySignature(secrets.get(path) ?? "", req.headers["x-retain-signature"] as string | undefined, body, { now: clock() });
      received.push({ path, headers: req.headers, body, signatureValid });
      const status = answers.get(path)?.shift() ?? 200;
      res.writeHead(status, { "content-type": "text/plain" }).end(status === 200 ? "ok" : "receiver is down");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    received,
    url: (path: string) => `http://127.0.0.1:${port}${path}`,
    /** Registers a hook's secret for a path, and optionally the statuses its next requests get. */
    expect(path: string, secret: string, statuses: number[] = []) {
      secrets.set(path, secret);
      answers.set(path, [...statuses]);
    },
    reset() {
      received.length = 0;
      secrets.clear();
      answers.clear();
    },
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

describe("webhook signatures", () => {
  const secret = "whsec_test";
  const body = JSON.stringify({ id: "e1", event: "customer.created", at: "2030-01-01T00:00:00.000Z", data: { customerId: 7 } });
  const now = new Date("2030-01-01T00:00:00Z");
  const t = Math.floor(now.getTime() / 1000);

  it("accepts the header it signed", () => {
    const header = signPayload(secret, t, body);
    expect(header).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(verifySignature(secret, header, body, { now })).toBe(true);
  });

  it("refuses a tampered body, another secret, an old timestamp and a malformed header", () => {
    const header = signPayload(secret, t, body);
    expect(verifySignature(secret, header, body.replace("7", "8"), { now })).toBe(false);
    expect(verifySignature("whsec_other", header, body, { now })).toBe(false);
    expect(verifySignature(secret, header, body, { now: new Date(now.getTime() + 301_000) })).toBe(false);
    expect(verifySignature(secret, header, body, { now: new Date(now.getTime() + 301_000), toleranceSec: 600 })).toBe(true);
    const old = signPayload(secret, t - 3600, body);
    expect(verifySignature(secret, old, body, { now })).toBe(false);
    expect(verifySignature(secret, header.replace(/^t=\d+/, `t=${t + 1}`), body, { now })).toBe(false);
    expect(verifySignature(secret, "v1=abc", body, { now })).toBe(false);
    expect(verifySignature(secret, header.slice(0, -2), body, { now })).toBe(false);
    expect(verifySignature(secret, undefined, body, { now })).toBe(false);
  });
});

describe.each(STORE_KINDS)("webhooks on %s", (kind) => {
  let store: Store;
  let clock = Date.now();
  const now = () => new Date(clock);
  let receiver: Awaited<ReturnType<typeof startReceiver>>;

  beforeAll(async () => {
    store = await freshStore(kind);
    receiver = await startReceiver(now);
  });
  afterAll(async () => {
    await receiver?.close();
    await store?.close();
  });
  beforeEach(async () => {
    await store.db.deleteFrom("webhooks").execute();
    receiver.reset();
    // A little ahead of the store's clock, so deliveries queued just now are due.
    clock = Date.now() + 1000;
  });

  async function hook(path: string, events: string[], statuses: number[] = []) {
    const { webhook, secret } = await createWebhook(store.db, { url: receiver.url(path), events });
    receiver.expect(path, secret, statuses);
    return webhook;
  }
  const advance = (ms: number) => {
    clock += ms;
  };

  it("creates, lists, changes and deletes hooks; the secret is shown once", async () => {
    const { webhook, secret } = await createWebhook(store.db, { url: "https://example.com/hooks", events: ["customer.created", "customer.created"], description: "CRM sync" });
    expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(webhook).toMatchObject({ url: "https://example.com/hooks", events: ["customer.created"], active: true, description: "CRM sync" });
    expect(JSON.stringify(await listWebhooks(store.db))).not.toContain(secret);
    expect(JSON.stringify(await getWebhook(store.db, webhook.id))).not.toContain(secret);

    const changed = await updateWebhook(store.db, webhook.id, { events: ["orders.imported", "*"], active: false });
    expect(changed).toMatchObject({ events: ["*"], active: false, description: "CRM sync" });
    await expect(createWebhook(store.db, { url: "ftp://example.com/x", events: ["*"] })).rejects.toMatchObject({ code: "BAD_INPUT", details: { field: "url" } });
    await expect(createWebhook(store.db, { url: "not a url", events: ["*"] })).rejects.toMatchObject({ code: "BAD_INPUT", details: { field: "url" } });
    await expect(createWebhook(store.db, { url: "https://example.com", events: ["customer.deleted"] })).rejects.toMatchObject({ code: "BAD_INPUT", details: { field: "events" } });
    await expect(createWebhook(store.db, { url: "https://example.com", events: [] })).rejects.toMatchObject({ code: "BAD_INPUT", details: { field: "events" } });
    await expect(updateWebhook(store.db, webhook.id, { url: "javascript:alert(1)" })).rejects.toMatchObject({ code: "BAD_INPUT", details: { field: "url" } });

    await deleteWebhook(store.db, webhook.id);
    await expect(getWebhook(store.db, webhook.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(deleteWebhook(store.db, webhook.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(listDeliveries(store.db, webhook.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("sends nothing for a change that rolled back", async () => {
    await hook("/a", ["customer.created"]);
    await expect(store.db.transaction().execute(async (trx) => {
      expect(await enqueueEvent(trx, "customer.created", { customerId: 1 })).toBe(1);
      throw new Error("the change failed");
    })).rejects.toThrow("the change failed");
    const dispatcher = createDispatcher(store.db, { now });
    expect(await dispatcher.runOnce()).toEqual({ sent: 0, failed: 0, retried: 0 });
    expect(receiver.received).toEqual([]);
  });

  it("delivers a committed event once, signed, with its headers", async () => {
    const h = await hook("/a", ["customer.created"]);
    await store.db.transaction().execute((trx) => enqueueEvent(trx, "customer.created", { customerId: 42 }));
    const dispatcher = createDispatcher(store.db, { now });
    expect(await dispatcher.runOnce()).toEqual({ sent: 1, failed: 0, retried: 0 });
    expect(await dispatcher.runOnce()).toEqual({ sent: 0, failed: 0, retried: 0 });

    expect(receiver.received).toHaveLength(1);
    const [req] = receiver.received;
    const [delivery] = await listDeliveries(store.db, h.id);
    expect(req!.signatureValid).toBe(true);
    expect(req!.headers).toMatchObject({
      "content-type": "application/json",
      "user-agent": "retain-webhooks",
      "x-retain-event": "customer.created",
      "x-retain-delivery": String(delivery!.id),
    });
    const body = JSON.parse(req!.body) as Record<string, unknown>;
    expect(body).toEqual({ id: expect.stringMatching(/^[0-9a-f-]{36}$/), event: "customer.created", at: expect.any(String), data: { customerId: 42 } });
    expect(new Date(body.at as string).toISOString()).toBe(body.at);
    expect(delivery).toMatchObject({ status: "delivered", attempts: 1, lastStatus: 200, lastError: null, eventId: body.id });
    expect(delivery!.deliveredAt).toBeInstanceOf(Date);
  });

  it("retries a failed delivery after 1, then 2 minutes, counting attempts", async () => {
    const h = await hook("/flaky", ["interaction.created"], [500, 503]);
    await enqueueEvent(store.db, "interaction.created", { customerId: 5 });
    const dispatcher = createDispatcher(store.db, { now });
    const t0 = clock;

    expect(await dispatcher.runOnce()).toEqual({ sent: 0, failed: 0, retried: 1 });
    let [d] = await listDeliveries(store.db, h.id);
    expect(d).toMatchObject({ status: "pending", attempts: 1, lastStatus: 500 });
    expect(d!.lastError).toContain("receiver is down");
    expect(d!.nextAttemptAt.getTime()).toBe(t0 + 60_000);

    advance(59_000);
    expect(await dispatcher.runOnce()).toEqual({ sent: 0, failed: 0, retried: 0 });
    advance(1_000);
    expect(await dispatcher.runOnce()).toEqual({ sent: 0, failed: 0, retried: 1 });
    [d] = await listDeliveries(store.db, h.id);
    expect(d).toMatchObject({ status: "pending", attempts: 2, lastStatus: 503 });
    expect(d!.nextAttemptAt.getTime()).toBe(t0 + 60_000 + 120_000);

    advance(119_000);
    expect(await dispatcher.runOnce()).toEqual({ sent: 0, failed: 0, retried: 0 });
    advance(1_000);
    expect(await dispatcher.runOnce()).toEqual({ sent: 1, failed: 0, retried: 0 });
    [d] = await listDeliveries(store.db, h.id);
    expect(d).toMatchObject({ status: "delivered", attempts: 3, lastStatus: 200, lastError: null });
    expect(receiver.received).toHaveLength(3);
    expect(receiver.received.every((r) => r.signatureValid)).toBe(true);
    // Every attempt is the same delivery of the same event.
    expect(new Set(receiver.received.map((r) => r.headers["x-retain-delivery"])).size).toBe(1);
    expect(new Set(receiver.received.map((r) => (JSON.parse(r.body) as { id: string }).id)).size).toBe(1);
  });

  it("gives up after maxAttempts and marks the delivery failed", async () => {
    const h = await hook("/down", ["*"], [500, 500, 500, 500]);
    await enqueueEvent(store.db, "orders.imported", { importId: 3 });
    const dispatcher = createDispatcher(store.db, { now, maxAttempts: 3 });
    const results = [];
    for (let i = 0; i < 4; i++) {
      results.push(await dispatcher.runOnce());
      advance(10 * 60_000);
    }
    expect(results).toEqual([
      { sent: 0, failed: 0, retried: 1 },
      { sent: 0, failed: 0, retried: 1 },
      { sent: 0, failed: 1, retried: 0 },
      { sent: 0, failed: 0, retried: 0 },
    ]);
    const [d] = await listDeliveries(store.db, h.id);
    expect(d).toMatchObject({ status: "failed", attempts: 3, lastStatus: 500, deliveredAt: null });
    expect(receiver.received).toHaveLength(3);
  });

  it("sends only to active hooks subscribed to the event", async () => {
    const created = await hook("/created", ["customer.created"]);
    const imported = await hook("/imported", ["orders.imported"]);
    const inactive = await hook("/inactive", ["*"]);
    await updateWebhook(store.db, inactive.id, { active: false });
    const all = await hook("/all", ["*"]);
    const paused = await hook("/paused", ["customer.created"]);

    expect(await enqueueEvent(store.db, "customer.created", { customerId: 9 })).toBe(3);
    // A hook switched off after the event was queued keeps it until switched on again.
    await updateWebhook(store.db, paused.id, { active: false });
    const dispatcher = createDispatcher(store.db, { now });
    expect(await dispatcher.runOnce()).toEqual({ sent: 2, failed: 0, retried: 0 });
    expect(receiver.received.map((r) => r.path).sort()).toEqual(["/all", "/created"]);
    expect(await listDeliveries(store.db, imported.id)).toEqual([]);
    expect(await listDeliveries(store.db, inactive.id)).toEqual([]);
    expect(await listDeliveries(store.db, created.id)).toHaveLength(1);
    expect(await listDeliveries(store.db, all.id)).toHaveLength(1);
    expect(await listDeliveries(store.db, paused.id)).toMatchObject([{ status: "pending", attempts: 0 }]);

    await updateWebhook(store.db, paused.id, { active: true });
    expect(await dispatcher.runOnce()).toEqual({ sent: 1, failed: 0, retried: 0 });
    expect(receiver.received.map((r) => r.path).sort()).toEqual(["/all", "/created", "/paused"]);
  });

  it("a hook that cannot be reached or hangs does not hold up the others", async () => {
    const good = await hook("/good", ["customer.updated"]);
    const { webhook: closed } = await createWebhook(store.db, { url: "http://127.0.0.1:1/nothing-listens", events: ["customer.updated"] });
    let calls = 0;
    const hanging: typeof fetch = (input, init) => {
      calls++;
      if (String(input).includes("/slow")) {
        return new Promise((_resolve, reject) => init?.signal?.addEventListener("abort", () => reject(init.signal!.reason)));
      }
      return fetch(input, init);
    };
    const { webhook: slow } = await createWebhook(store.db, { url: receiver.url("/slow"), events: ["customer.updated"] });
    await enqueueEvent(store.db, "customer.updated", { customerId: 1 });
    const dispatcher = createDispatcher(store.db, { now, fetch: hanging, timeoutMs: 300 });
    expect(await dispatcher.runOnce()).toEqual({ sent: 1, failed: 0, retried: 2 });
    expect(calls).toBe(3);
    expect(await listDeliveries(store.db, good.id)).toMatchObject([{ status: "delivered" }]);
    const [c] = await listDeliveries(store.db, closed.id);
    expect(c).toMatchObject({ status: "pending", attempts: 1, lastStatus: null });
    expect(c!.lastError).toBeTruthy();
    expect(await listDeliveries(store.db, slow.id)).toMatchObject([{ status: "pending", attempts: 1, lastStatus: null, lastError: "no answer within 300 ms" }]);
  });

  it("two dispatchers running at once send each delivery once", async () => {
    const h = await hook("/many", ["customer.created"]);
    for (let i = 0; i < 12; i++) await enqueueEvent(store.db, "customer.created", { customerId: i });
    const a = createDispatcher(store.db, { now, batchSize: 5 });
    const b = createDispatcher(store.db, { now, batchSize: 5 });
    let total = 0;
    for (let round = 0; round < 4; round++) {
      const [ra, rb] = await Promise.all([a.runOnce(), b.runOnce()]);
      total += ra.sent + rb.sent;
    }
    expect(total).toBe(12);
    const ids = receiver.received.map((r) => r.headers["x-retain-delivery"]);
    expect(ids).toHaveLength(12);
    expect(new Set(ids).size).toBe(12);
    expect((await listDeliveries(store.db, h.id)).every((d) => d.status === "delivered" && d.attempts === 1)).toBe(true);
  });

  it("pages a hook's deliveries newest first", async () => {
    const h = await hook("/page", ["customer.merged"]);
    for (let i = 0; i < 5; i++) await enqueueEvent(store.db, "customer.merged", { customerId: i });
    const first = await listDeliveries(store.db, h.id, { limit: 3 });
    expect(first.map((d) => (d.payload.data as { customerId: number }).customerId)).toEqual([4, 3, 2]);
    const rest = await listDeliveries(store.db, h.id, { limit: 3, beforeId: first.at(-1)!.id });
    expect(rest.map((d) => (d.payload.data as { customerId: number }).customerId)).toEqual([1, 0]);
  });

  it("the loop sends queued events until stopped", async () => {
    await hook("/loop", ["customer.state_changed"]);
    const dispatcher = createDispatcher(store.db, { intervalMs: 20 });
    dispatcher.start();
    await enqueueEvent(store.db, "customer.state_changed", { customerId: 3 });
    for (let i = 0; i < 100 && receiver.received.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
    await dispatcher.stop();
    expect(receiver.received).toHaveLength(1);
    expect(receiver.received[0]!.signatureValid).toBe(true);
  });
});
