import { sql, type Kysely } from "kysely";
import { renderFor, type MergeValues, type TemplateProblem } from "../domain/messages/template.ts";
import { enqueue } from "../jobs/queue.ts";
import type { Database } from "../store/schema.ts";
import { consentsOf, mayContact } from "./consent.ts";
import { mergeValuesFor } from "./merge-values.ts";
import { getMessagingSettings } from "./messaging-settings.ts";
import { EMAIL_QUEUE, type OutgoingMessage } from "./outbox.ts";

/**
 * Turns one template into e-mails for many customers and queues them for the sender
 * (docs/messaging.md). Each customer is checked in turn: consent on e-mail (a withdrawal
 * always wins; never asked follows the `requireOptIn` setting), an address, a live record,
 * and the template rendered with their own merge values. A message that would go out with a
 * blank field, a generic salutation or without its unsubscribe link is held, not sent.
 *
 * A kind of message may supply fields of its own beyond the merge fields (`ownFields`, each
 * item's values in `own`): a survey invitation's link to the survey.
 *
 * Queued jobs are keyed `<send key>:<customer>`, so dispatching the same send again (a retry,
 * a double click, two servers) queues nothing new; the outbox then sends each at most once.
 * Runs inside the caller's transaction when given one.
 */
export type DispatchStatus = "queued" | "held" | "skipped";
export interface DispatchResult { customerId: number; status: DispatchStatus; reason?: string }

const CHANNEL = "email";
const FIELD = /\{\{\s*([A-Za-z.]+)\s*\}\}/g;
const SIMPLE_EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** A held message's reason: its problems' codes, with the field where there is one ("MISSING_VALUE:points"). */
export const problemCodes = (problems: readonly TemplateProblem[]): string =>
  [...new Set(problems.map((p) => ("field" in p ? `${p.code}:${p.field}` : p.code)))].join(",");

/** Why an e-mail to a customer would be skipped before its template is even rendered. */
export type SkipReason = "not_live" | "no_consent" | "no_address";
export type EmailReach = { email: string; skip: null } | { email: null; skip: SkipReason };

/**
 * Whether each customer can be e-mailed at all: a live record, consent (a withdrawal always
 * wins; never asked follows `requireOptIn`) and an address. The dispatch and the journeys' dry
 * run both ask here, so what the dry run predicts is what a run does.
 */
export async function emailReach(db: Kysely<Database>, customerIds: readonly number[]): Promise<Map<number, EmailReach>> {
  const ids = [...new Set(customerIds)];
  const settings = await getMessagingSettings(db);
  const consents = await consentsOf(db, ids, CHANNEL);
  const out = new Map<number, EmailReach>();
  for (let i = 0; i < ids.length; i += 1000) {
    const rows = await db.selectFrom("customers").select(["customer_id", "email", "erased_at", "merged_into"])
      .where("customer_id", "in", ids.slice(i, i + 1000)).execute();
    for (const r of rows) {
      const id = Number(r.customer_id);
      const email = r.email?.trim() || null;
      if (r.erased_at !== null || r.merged_into !== null) out.set(id, { email: null, skip: "not_live" });
      else if (!mayContact(consents.get(id), settings.requireOptIn)) out.set(id, { email: null, skip: "no_consent" });
      else if (!email || !SIMPLE_EMAIL.test(email)) out.set(id, { email: null, skip: "no_address" });
      else out.set(id, { email, skip: null });
    }
  }
  for (const id of ids) if (!out.has(id)) out.set(id, { email: null, skip: "not_live" });
  return out;
}

/**
 * The address the links in messages (unsubscribe, survey) point to: the messaging settings'
 * public address, else the server's own as the caller knows it (the address staff use), else
 * none, and then every e-mail is held.
 */
export async function linkBase(db: Kysely<Database>, serverBase?: string): Promise<string> {
  return (await getMessagingSettings(db)).publicUrl || serverBase || "";
}

export async function dispatchEmails(
  db: Kysely<Database>,
  items: ReadonlyArray<{ customerId: number; key: string; own?: Readonly<Record<string, string>> }>,
  template: { subject: string; body: string },
  o: { baseUrl: string; runAt?: Date; now?: Date; ownFields?: readonly string[] },
): Promise<DispatchResult[]> {
  if (items.length === 0) return [];
  const reach = await emailReach(db, items.map((i) => i.customerId));
  const reachable = [...reach.entries()].filter(([, r]) => r.skip === null).map(([id]) => id);
  const values = o.baseUrl ? await mergeValuesFor(db, reachable, { baseUrl: o.baseUrl, channel: CHANNEL }) : new Map<number, MergeValues>();

  const out: DispatchResult[] = [];
  for (const item of items) {
    const { customerId } = item;
    const person = reach.get(customerId)!;
    if (person.skip !== null) { out.push({ customerId, status: "skipped", reason: person.skip }); continue; }
    // without an address for its links, no e-mail can carry its unsubscribe link
    if (!o.baseUrl) { out.push({ customerId, status: "held", reason: "NO_PUBLIC_URL" }); continue; }
    // the customer's merge values, and the fields this kind of message supplies itself (a survey link)
    const v: Readonly<Partial<Record<string, string>>> = { ...values.get(customerId), ...item.own };
    const own = o.ownFields ?? [];
    const body = renderFor(template.body, CHANNEL, v, own);
    // A subject need not be personal itself (the body is); it must still have no blanks or generic salutation.
    const subject = renderFor(template.subject, "other", v, own);
    const problems = [
      ...(subject.ok ? [] : subject.problems.filter((p) => p.code !== "NOT_PERSONAL")),
      ...(body.ok ? [] : body.problems),
    ];
    if (problems.length || !body.ok) { out.push({ customerId, status: "held", reason: problemCodes(problems) }); continue; }
    // Only NOT_PERSONAL stopped the subject, so every field it uses has a value.
    const subjectText = subject.ok ? subject.text : template.subject.replace(FIELD, (_, f: string) => v[f] ?? "");
    const message: OutgoingMessage = {
      customerId, key: item.key, to: person.email, subject: subjectText, text: body.text,
      headers: { "List-Unsubscribe": `<${v.unsubscribeUrl}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" },
    };
    await enqueue(db, { queue: EMAIL_QUEUE, key: `${item.key}:${customerId}`, payload: message, runAt: o.runAt }, o.now);
    out.push({ customerId, status: "queued" });
  }
  return out;
}

/**
 * 09:00 of a local day in the business's time zone: when a message due on a future day is
 * queued to run, so it reaches the customer in the morning of that day, not at midnight.
 */
export async function morningOf(db: Kysely<Database>, day: string, timezone: string): Promise<Date> {
  const r = await sql<{ at: Date }>`select (${day}::date + time '09:00') at time zone ${timezone} as at`.execute(db);
  return new Date(r.rows[0]!.at);
}
