import { sql, type Kysely } from "kysely";
import type { Handler, Job } from "../jobs/queue.ts";
import type { Database } from "../store/schema.ts";

/**
 * Messages to customers, each sent at most once (migration 0014). Before a message leaves,
 * its row (customer, send key) is committed as `sending`; after the sender accepts it, the
 * row becomes `sent`. So:
 * - the same send asked for again (a retried job, a campaign run twice) finds its row and
 *   sends nothing;
 * - a send the sender refused (the SMTP server said no, the connection failed before the
 *   message was accepted) is `failed`, and may be tried again;
 * - a process that dies between the sender's acceptance and `sent` leaves the row `sending`:
 *   whether the message left is not known, so it is never sent again (at most once, not at
 *   least once: a customer must not get the same message twice). A daily job marks such
 *   rows `unknown` (`staleSends`), and `deliveryProblems` lists them, with the refused sends
 *   that have no retry left, for someone to look at (Settings → Messaging).
 */
type Db = Kysely<Database>;

export interface OutgoingMessage {
  customerId: number;
  /** What makes this send itself: e.g. "campaign-12" — the same key is never sent twice to a customer. */
  key: string;
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** Extra headers, e.g. List-Unsubscribe. */
  headers?: Record<string, string>;
}

/** A way to deliver messages (SMTP, SMS, a messaging app): the channel and one send. */
export interface Sender {
  readonly channel: string;
  /** Resolves once the provider has accepted the message; throws when it did not. */
  send(m: OutgoingMessage & { messageId: string }): Promise<{ providerId: string }>;
}

export type SendOutcome =
  | { status: "sent"; providerId: string }
  | { status: "skipped"; reason: "already_sent" | "in_flight_or_interrupted" | "unknown" };

/** The Message-ID a send carries, the same on every attempt, so a receiver can tell repeats. */
export const messageIdOf = (m: Pick<OutgoingMessage, "customerId" | "key">): string =>
  `<${encodeURIComponent(m.key)}.${m.customerId}@retain.invalid>`;

/** Sends `m` through `sender` unless this customer already had (or may have had) this send. */
export async function sendOnce(db: Db, sender: Sender, m: OutgoingMessage, now: () => Date = () => new Date()): Promise<SendOutcome> {
  const claimed = await sql<{ customer_id: number }>`
    insert into message_sends (customer_id, send_key, channel, to_address, subject, status, created_at)
    values (${m.customerId}, ${m.key}, ${sender.channel}, ${m.to}, ${m.subject}, 'sending', ${now().toISOString()}::timestamptz)
    on conflict (customer_id, send_key) do nothing
    returning customer_id`.execute(db);
  if (!claimed.rows.length) {
    // a row exists: retry only a send that was refused, and only one retrier at a time
    const retry = await sql<{ customer_id: number }>`update message_sends set status = 'sending', error = null, to_address = ${m.to}
      where customer_id = ${m.customerId} and send_key = ${m.key} and status = 'failed' returning customer_id`.execute(db);
    if (!retry.rows.length) {
      const row = await db.selectFrom("message_sends").select("status").where("customer_id", "=", m.customerId).where("send_key", "=", m.key).executeTakeFirstOrThrow();
      return { status: "skipped", reason: row.status === "sent" ? "already_sent" : row.status === "unknown" ? "unknown" : "in_flight_or_interrupted" };
    }
  }
  let providerId: string;
  try {
    ({ providerId } = await sender.send({ ...m, messageId: messageIdOf(m) }));
  } catch (e) {
    await sql`update message_sends set status = 'failed', error = ${(e instanceof Error ? e.message : String(e)).slice(0, 2000)}
      where customer_id = ${m.customerId} and send_key = ${m.key}`.execute(db);
    throw e;
  }
  await sql`update message_sends set status = 'sent', provider_id = ${providerId}, sent_at = ${now().toISOString()}::timestamptz
    where customer_id = ${m.customerId} and send_key = ${m.key}`.execute(db);
  return { status: "sent", providerId };
}

/**
 * Sends left `sending` for longer than `olderThanMs`: their process stopped between the
 * provider's acceptance and the record of it. They are marked `unknown` and listed, never
 * sent again.
 */
export async function staleSends(db: Db, olderThanMs: number, now: Date = new Date()): Promise<Array<{ customerId: number; key: string; to: string; createdAt: string }>> {
  const r = await sql<{ customer_id: number; send_key: string; to_address: string; created_at: Date }>`
    update message_sends set status = 'unknown'
    where status = 'sending' and created_at < ${new Date(now.getTime() - olderThanMs).toISOString()}::timestamptz
    returning customer_id::float8 as customer_id, send_key, to_address, created_at`.execute(db);
  return r.rows.map((x) => ({ customerId: x.customer_id, key: x.send_key, to: x.to_address, createdAt: new Date(x.created_at).toISOString() }));
}

/** How long a send may stay `sending` before its outcome counts as unknown. */
export const STALE_SEND_MS = 15 * 60_000;

export interface DeliveryProblem {
  customerId: number;
  customerName: string | null;
  key: string;
  channel: string;
  to: string;
  subject: string | null;
  /** "unknown": the process stopped after handing it over, never sent again; "failed": refused, and no retry is left. */
  status: "unknown" | "failed";
  error: string | null;
  createdAt: string;
}

/**
 * The sends someone should look at, newest first: those whose outcome is unknown (marked so,
 * or left `sending` longer than `staleMs`) and those the sender refused with no retry left
 * in the queue. Nothing is changed here; `staleSends` marks the unknown ones.
 */
export async function deliveryProblems(db: Db, o: { now?: Date; staleMs?: number; limit?: number } = {}): Promise<{ items: DeliveryProblem[]; total: number }> {
  const stale = new Date((o.now ?? new Date()).getTime() - (o.staleMs ?? STALE_SEND_MS)).toISOString();
  const where = sql`(s.status = 'unknown' or (s.status = 'sending' and s.created_at < ${stale}::timestamptz)
    or (s.status = 'failed' and not exists (select 1 from jobs j where j.queue = ${EMAIL_QUEUE}
      and j.key = s.send_key || ':' || s.customer_id::text and j.state in ('queued', 'running'))))`;
  const rows = await sql<{ customer_id: number; name: string | null; send_key: string; channel: string; to_address: string; subject: string | null; status: string; error: string | null; created_at: Date }>`
    select s.customer_id::float8 as customer_id, c.name, s.send_key, s.channel, s.to_address, s.subject, s.status, s.error, s.created_at
    from message_sends s left join customers c on c.customer_id = s.customer_id
    where ${where} order by s.created_at desc, s.customer_id, s.send_key limit ${o.limit ?? 200}`.execute(db);
  const total = await sql<{ n: number }>`select count(*)::int as n from message_sends s where ${where}`.execute(db);
  return {
    items: rows.rows.map((r) => ({
      customerId: r.customer_id, customerName: r.name, key: r.send_key, channel: r.channel, to: r.to_address, subject: r.subject,
      status: r.status === "failed" ? "failed" : "unknown", error: r.error, createdAt: new Date(r.created_at).toISOString(),
    })),
    total: Number(total.rows[0]!.n),
  };
}

/** The queue that sends e-mail, and its handler: each job's payload is one OutgoingMessage. */
export const EMAIL_QUEUE = "messages.email";

export function emailHandler(db: Db, sender: Sender, now?: () => Date): Handler {
  return async (job: Job<unknown>) => {
    await sendOnce(db, sender, job.payload as OutgoingMessage, now);
  };
}
