import { createHmac, timingSafeEqual } from "node:crypto";
import { sql, type Kysely } from "kysely";
import type { Database } from "../store/schema.ts";

/** Where the dispatcher reports trouble; a pino/Fastify logger fits. */
export interface DispatcherLog {
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface DispatcherOptions {
  /** Tests inject a fake; the global fetch otherwise. */
  fetch?: typeof fetch;
  /** The clock for due times, backoff and signature timestamps (tests move it). */
  now?: () => Date;
  /** Pause between runs of the loop when there was nothing more to send. */
  intervalMs?: number;
  /** How long a receiver may take to answer before the attempt counts as failed. */
  timeoutMs?: number;
  maxAttempts?: number;
  /** Deliveries claimed per run. */
  batchSize?: number;
  log?: DispatcherLog;
}

export interface DispatchResult {
  /** Delivered with a 2xx answer. */
  sent: number;
  /** Gave up: the last attempt failed. */
  failed: number;
  /** Failed, to be tried again later. */
  retried: number;
}

export interface Dispatcher {
  start(): void;
  /** Stops the loop and waits for a run in progress to finish. */
  stop(): Promise<void>;
  runOnce(): Promise<DispatchResult>;
}

const BASE_BACKOFF_MS = 60_000;
const MAX_ERROR_CHARS = 500;

/** The X-Retain-Signature value: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`. */
export function signPayload(secret: string, timestamp: number, body: string): string {
  const v1 = createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex");
  return `t=${timestamp},v1=${v1}`;
}

/**
 * Checks an X-Retain-Signature header against the body as received (the raw text, before
 * any JSON parsing). Refuses a timestamp further than `toleranceSec` from now, so a
 * captured request cannot be replayed later.
 */
export function verifySignature(
  secret: string,
  header: string | null | undefined,
  body: string,
  opts: { toleranceSec?: number; now?: Date } = {},
): boolean {
  if (!header) return false;
  let t: number | undefined;
  const candidates: string[] = [];
  for (const part of header.split(",")) {
    const [key, value] = part.trim().split("=", 2);
    if (key === "t" && value && /^\d+$/.test(value)) t = Number(value);
    else if (key === "v1" && value) candidates.push(value);
  }
  if (t === undefined || candidates.length === 0) return false;
  const nowSec = Math.floor((opts.now ?? new Date()).getTime() / 1000);
  if (Math.abs(nowSec - t) > (opts.toleranceSec ?? 300)) return false;
  const expected = Buffer.from(createHmac("sha256", secret).update(`${t}.${body}`).digest("hex"));
  // timingSafeEqual needs equal lengths; a wrong length says nothing about the secret.
  return candidates.some((c) => {
    const given = Buffer.from(c);
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}

interface Claimed {
  delivery_id: number;
  webhook_id: number;
  event: string;
  payload: unknown;
  attempts: number;
  url: string;
  secret: string;
}

type Outcome = { ok: true; status: number } | { ok: false; status: number | null; error: string };

const defaultLog: DispatcherLog = { warn: () => {}, error: (obj, msg) => console.error(msg, obj) };

/**
 * Sends queued webhook deliveries. Each run claims the due ones (the claim pushes their due
 * time past the send's timeout, so another server, or another run, leaves them alone), sends
 * them outside any transaction, then records each outcome: delivered, or tried again after
 * 1, 2, 4 … minutes, or failed after `maxAttempts`. A process that dies mid-send leaves the
 * delivery to be sent again once the claim lapses: receivers get each event at least once
 * and drop repeats by the payload's `id`.
 */
export function createDispatcher(db: Kysely<Database>, options: DispatcherOptions = {}): Dispatcher {
  const opts = {
    fetch: options.fetch ?? ((input, init) => fetch(input, init)),
    now: options.now ?? (() => new Date()),
    intervalMs: options.intervalMs ?? 5_000,
    timeoutMs: options.timeoutMs ?? 10_000,
    maxAttempts: options.maxAttempts ?? 8,
    batchSize: options.batchSize ?? 20,
    log: options.log ?? defaultLog,
  } satisfies Required<DispatcherOptions>;

  async function claim(now: Date): Promise<Claimed[]> {
    const leaseUntil = new Date(now.getTime() + opts.timeoutMs + BASE_BACKOFF_MS);
    // skip locked: two servers claiming at once each take different rows instead of waiting.
    const res = await sql<Claimed>`
      with due as (
        select d.delivery_id from webhook_deliveries d
        join webhooks w on w.webhook_id = d.webhook_id
        where d.status = 'pending' and d.next_attempt_at <= ${now} and w.active
        order by d.next_attempt_at, d.delivery_id
        limit ${opts.batchSize}
        for update of d skip locked
      ), claimed as (
        update webhook_deliveries d set next_attempt_at = ${leaseUntil}
        from due where d.delivery_id = due.delivery_id
        returning d.delivery_id, d.webhook_id, d.event, d.payload, d.attempts
      )
      select c.*, w.url, w.secret from claimed c join webhooks w on w.webhook_id = c.webhook_id
      order by c.delivery_id`.execute(db);
    return res.rows;
  }

  async function send(d: Claimed, now: Date): Promise<Outcome> {
    const body = JSON.stringify(d.payload);
    const signature = signPayload(d.secret, Math.floor(now.getTime() / 1000), body);
    try {
      const res = await opts.fetch(d.url, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "user-agent": "retain-webhooks",
          "x-retain-event": d.event,
          "x-retain-delivery": String(d.delivery_id),
          "x-retain-signature": signature,
        },
        body,
        // A redirect would re-send a signed body somewhere the admin did not choose.
        redirect: "manual",
        signal: AbortSignal.timeout(opts.timeoutMs),
      });
      if (res.status >= 200 && res.status < 300) {
        await res.body?.cancel().catch(() => {});
        return { ok: true, status: res.status };
      }
      const text = await res.text().catch(() => "");
      return { ok: false, status: res.status, error: `HTTP ${res.status}${text ? `: ${text.slice(0, MAX_ERROR_CHARS)}` : ""}` };
    } catch (e) {
      const err = e as Error;
      const error = err.name === "TimeoutError" ? `no answer within ${opts.timeoutMs} ms` : `${err.message}${err.cause instanceof Error ? ` (${err.cause.message})` : ""}`;
      return { ok: false, status: null, error: error.slice(0, MAX_ERROR_CHARS) };
    }
  }

  async function record(d: Claimed, outcome: Outcome, now: Date): Promise<keyof DispatchResult> {
    const attempts = d.attempts + 1;
    if (outcome.ok) {
      await db.updateTable("webhook_deliveries")
        .set({ status: "delivered", attempts, delivered_at: now, last_status: outcome.status, last_error: null })
        .where("delivery_id", "=", d.delivery_id).where("status", "=", "pending").execute();
      return "sent";
    }
    const givingUp = attempts >= opts.maxAttempts;
    await db.updateTable("webhook_deliveries")
      .set({
        status: givingUp ? "failed" : "pending",
        attempts,
        last_status: outcome.status,
        last_error: outcome.error,
        next_attempt_at: new Date(now.getTime() + BASE_BACKOFF_MS * 2 ** (attempts - 1)),
      })
      .where("delivery_id", "=", d.delivery_id).where("status", "=", "pending").execute();
    opts.log.warn({ deliveryId: d.delivery_id, webhookId: d.webhook_id, attempts, status: outcome.status, error: outcome.error },
      givingUp ? "webhook delivery failed for good" : "webhook delivery failed; will retry");
    return givingUp ? "failed" : "retried";
  }

  async function runOnce(): Promise<DispatchResult> {
    const result: DispatchResult = { sent: 0, failed: 0, retried: 0 };
    const claimed = await claim(opts.now());
    await Promise.all(claimed.map(async (d) => {
      try {
        const outcome = await send(d, opts.now());
        result[await record(d, outcome, opts.now())]++;
      } catch (e) {
        // Recording failed (the store went away): the claim lapses and the delivery is sent again.
        opts.log.error({ deliveryId: d.delivery_id, err: e }, "could not record a webhook delivery");
      }
    }));
    return result;
  }

  let stopped = true;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> | undefined;

  async function tick() {
    timer = undefined;
    let more = false;
    try {
      const run = runOnce();
      running = run;
      const r = await run;
      more = r.sent + r.failed + r.retried >= opts.batchSize;
    } catch (e) {
      opts.log.error({ err: e }, "webhook dispatch run failed");
    } finally {
      running = undefined;
    }
    if (!stopped) schedule(more ? 0 : opts.intervalMs);
  }

  function schedule(ms: number) {
    timer = setTimeout(() => void tick(), ms);
    // The loop alone never keeps the process alive.
    timer.unref();
  }

  return {
    start() {
      if (!stopped) return;
      stopped = false;
      schedule(0);
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = undefined;
      await running;
    },
    runOnce,
  };
}
