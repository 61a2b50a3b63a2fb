import type { Kysely } from "kysely";
import { signLink, verifyLink } from "../accounts/link-signing.ts";
import type { Database } from "../store/schema.ts";

/**
 * Consent to be contacted, per customer and channel (migration 0015), and the signed
 * unsubscribe link every marketing e-mail carries. A customer with no row for a channel was
 * never asked: marketing to them follows the business's rule (`requireOptIn`), whereas a
 * withdrawn consent is always respected — nothing goes out to them on that channel.
 */
type Db = Kysely<Database>;

export type ConsentStatus = "granted" | "withdrawn";

export async function setConsent(db: Db, customerId: number, channel: string, status: ConsentStatus, source: string, at: Date = new Date()): Promise<void> {
  await db.insertInto("contact_consents").values({ customer_id: customerId, channel, status, source, changed_at: at })
    .onConflict((oc) => oc.columns(["customer_id", "channel"]).doUpdateSet({ status, source, changed_at: at })).execute();
}

/** Each given customer's consent on `channel`; absent from the map = never asked. */
export async function consentsOf(db: Db, customerIds: readonly number[], channel: string): Promise<Map<number, ConsentStatus>> {
  const out = new Map<number, ConsentStatus>();
  const CHUNK = 1000;
  for (let i = 0; i < customerIds.length; i += CHUNK) {
    const rows = await db.selectFrom("contact_consents").select(["customer_id", "status"])
      .where("channel", "=", channel).where("customer_id", "in", customerIds.slice(i, i + CHUNK)).execute();
    for (const r of rows) out.set(Number(r.customer_id), r.status);
  }
  return out;
}

/** Whether marketing may go to a customer on a channel: never when withdrawn; when never asked, unless opt-in is required. */
export const mayContact = (status: ConsentStatus | undefined, requireOptIn: boolean): boolean =>
  status === "granted" || (status === undefined && !requireOptIn);

const PURPOSE = "unsubscribe";

/** The token of a customer's unsubscribe link for a channel: `<customerId>.<channel>.<signature>`. */
export async function unsubscribeToken(db: Db, customerId: number, channel: string): Promise<string> {
  const payload = `${customerId}.${channel}`;
  return `${payload}.${await signLink(db, PURPOSE, payload)}`;
}

/** The customer and channel of a genuine token; null when it was not made here or was changed. */
export async function readUnsubscribeToken(db: Db, token: string): Promise<{ customerId: number; channel: string } | null> {
  const m = /^(\d{1,15})\.([a-z][a-z0-9_-]{0,31})\.([A-Za-z0-9_-]{22})$/.exec(token);
  if (!m) return null;
  if (!(await verifyLink(db, PURPOSE, `${m[1]}.${m[2]}`, m[3]!))) return null;
  return { customerId: Number(m[1]), channel: m[2]! };
}

/** Withdraws consent through an unsubscribe link; false when the link is not genuine. Idempotent. */
export async function unsubscribe(db: Db, token: string, at: Date = new Date()): Promise<{ customerId: number; channel: string } | null> {
  const t = await readUnsubscribeToken(db, token);
  if (!t) return null;
  await setConsent(db, t.customerId, t.channel, "withdrawn", "unsubscribe_link", at);
  return t;
}
