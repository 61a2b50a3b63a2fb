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
 *   least once: a customer must not get the same message twice). `staleSends` lists such
 *   rows for someone to look at.
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

/** The queue that sends e-mail, and its handler: each job's payload is one OutgoingMessage. */
export const EMAIL_QUEUE = "messages.email";

export function emailHandler(db: Db, sender: Sender, now?: () => Date): Handler {
  return async (job: Job<unknown>) => {
    await sendOnce(db, sender, job.payload as OutgoingMessage, now);
  };
}
