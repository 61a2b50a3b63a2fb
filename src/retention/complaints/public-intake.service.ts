import { createHash, randomUUID, timingSafeEqual } from "node:crypto";
import type { Kysely } from "kysely";
import { signLink, verifyLink } from "../../accounts/link-signing.ts";
import { recordChange, type Actor } from "../../audit/audit.repository.ts";
import { RetainError } from "../../errors.ts";
import { customerFate, liveCustomerId } from "../../store/customers.repository.ts";
import type { Database } from "../../store/schema.ts";
import { inTransaction } from "../../store/transaction.ts";
import { getComplaintSettings, type ComplaintSettings } from "./complaint-settings.ts";
import { contactPointsOfOrder, insertFiledComplaint, type ContactPoint } from "./public-intake.repository.ts";

/**
 * The public complaint form (DOMAIN §6: make complaining easy; docs/complaints.md): a
 * customer files a complaint without signing in, either from a personal link (a signed,
 * expiring token naming them) or with an order number and the phone or e-mail of that
 * order's customer. Nothing here returns anything about a customer: a filing gets a
 * reference, a miss gets one error whichever part was wrong.
 */
type Db = Kysely<Database>;

/** Complaints from the form come in on the channel the staff form calls "Web form". */
export const PUBLIC_CHANNEL = "web_form";
/** How the form's complaints' references begin (the staff pages tell them from imported ones by it). */
export const PUBLIC_REF_PREFIX = "web-form:";
/** The longest text the form takes for the customer's own words. */
export const WORDS_MAX = 4000;
export const LINK_DAYS_DEFAULT = 30;
export const LINK_DAYS_MAX = 365;
const LINK_PURPOSE = "complaint-form";
const DAY_MS = 86_400_000;

// ---- contact details -----------------------------------------------------------------

export type Contact = { kind: "email"; value: string } | { kind: "phone"; digits: string };

/** What a visitor typed as their contact: an e-mail (any case) or a phone number (its digits), else null. */
export function parseContact(raw: string): Contact | null {
  const t = raw.trim();
  if (t.includes("@")) {
    const value = t.toLowerCase();
    return /^[^\s@,;<>()]+@[^\s@,;<>()]+\.[^\s@,;<>()]{2,}$/.test(value) ? { kind: "email", value } : null;
  }
  const digits = t.replace(/[\s\-.()/]/g, "");
  return /^\+?\d{6,20}$/.test(digits) ? { kind: "phone", digits: digits.replace(/^\+/, "") } : null;
}

const digest = (s: string): Buffer => createHash("sha256").update(s).digest();
/** Equal strings, compared in time that depends on neither. */
const sameText = (a: string, b: string): boolean => timingSafeEqual(digest(a), digest(b));

/**
 * Whether a phone on record is the one given: the same digits once leading zeros are
 * dropped, or the same number with a country code (+86, 0086) on one side only — at most 4
 * digits more, and at least 8 digits in common.
 */
export function samePhone(onRecord: string, given: string): boolean {
  // Leading zeros are the international (00) or trunk (0) prefix, never part of the number.
  const a = onRecord.replace(/\D/g, "").replace(/^0+/, "");
  const b = given.replace(/\D/g, "").replace(/^0+/, "");
  const [long, short] = a.length >= b.length ? [a, b] : [b, a];
  const extra = long.length - short.length;
  const comparable = short.length >= 6 && (extra === 0 || (extra <= 4 && short.length >= 8));
  // compared whatever the lengths, so a near-miss takes as long as a miss
  return sameText(long.slice(extra), short) && comparable;
}

/** Whether a contact point on record is the contact given. */
export function contactMatches(p: Pick<ContactPoint, "email" | "phone">, c: Contact): boolean {
  return c.kind === "email" ? sameText((p.email ?? "").trim().toLowerCase(), c.value) && p.email !== null : samePhone(p.phone ?? "", c.digits);
}

// ---- links -----------------------------------------------------------------------------

const TOKEN = /^(\d{1,15})\.(\d{1,12})\.([A-Za-z0-9_-]{22})$/;

/** The customer a link names, if its signature holds, it has not expired and the customer is still on record. */
async function linkedCustomer(db: Db, token: string, now: Date): Promise<number | null> {
  const m = TOKEN.exec(token);
  if (!m || !(await verifyLink(db, LINK_PURPOSE, `${m[1]}.${m[2]}`, m[3]!))) return null;
  if (Number(m[2]) * 1000 <= now.getTime()) return null;
  return liveCustomerId(db, Number(m[1]));
}

/** Makes a customer's personal link token, valid for `days`; audit-logged without the token. */
export async function createComplaintLink(
  db: Db, customerId: number, days: number, actor: Actor, now: Date = new Date(),
): Promise<{ token: string; expiresAt: string }> {
  if (!Number.isInteger(days) || days < 1 || days > LINK_DAYS_MAX) {
    throw new RetainError("BAD_INPUT", `validDays must be a whole number of days from 1 to ${LINK_DAYS_MAX}.`, { field: "validDays" });
  }
  const fate = await customerFate(db, customerId);
  if (!fate) throw new RetainError("NOT_FOUND", `No customer with id ${customerId}.`, { field: "id" });
  if (fate.merged_into !== null) {
    throw new RetainError("BAD_INPUT", `Customer ${customerId} was merged into ${fate.merged_into}.`, { field: "id", hint: `Make the link for customer ${fate.merged_into}.` });
  }
  if (fate.erased) throw new RetainError("BAD_INPUT", `Customer ${customerId} was erased: there is no one to send a link to.`, { field: "id" });
  const expires = Math.floor((now.getTime() + days * DAY_MS) / 1000);
  const payload = `${customerId}.${expires}`;
  const token = `${payload}.${await signLink(db, LINK_PURPOSE, payload)}`;
  const expiresAt = new Date(expires * 1000).toISOString();
  await recordChange(db, actor, { action: "customer.complaint_link_created", entityType: "customer", entityId: customerId, customerId, after: { expiresAt } });
  return { token, expiresAt };
}

// ---- the form ----------------------------------------------------------------------------

/** A category's name in each language the app speaks. */
export type CategoryLabel = ComplaintSettings["categoryLabels"][string];

export interface PublicForm {
  /** The category keys a complaint may be filed under, with their names (null: show the key). */
  categories: Array<{ key: string; label: CategoryLabel | null }>;
  /** Whether the link token asked about is good; null when none was given. */
  link: "valid" | "invalid" | null;
}

/** What the form shows: the complaint categories, and whether a link is good (never whose it is). */
export async function publicForm(db: Db, token: string | undefined, now: Date = new Date()): Promise<PublicForm> {
  const settings = await getComplaintSettings(db);
  const categories = settings.categories.map((key) => ({ key, label: settings.categoryLabels[key] ?? null }));
  if (!token) return { categories, link: null };
  return { categories, link: (await linkedCustomer(db, token, now)) === null ? "invalid" : "valid" };
}

export interface PublicFiling {
  /** A personal link's token; without one, orderNo and contact say who is complaining. */
  token?: string;
  orderNo?: string;
  contact?: string;
  category: string;
  /** The customer's own words. */
  words: string;
  product?: string;
  preferredContact?: "phone" | "email";
}

/** Who is filing, as found from their link or their order: only the service makes one. */
export interface Filer {
  readonly customerId: number;
  readonly via: "link" | "order";
}

const BAD_LINK = () => new RetainError("NOT_FOUND", "This complaint link is not valid or has expired.", {
  field: "token", hint: "Use your order number and the phone number or e-mail address of the order instead.",
});
// One error for a wrong order number and a wrong contact: the form must not tell which.
const NOT_MATCHED = () => new RetainError("NOT_FOUND", "No order matches this order number together with this phone number or e-mail address.", {
  hint: "Check both against your order confirmation and try again.",
});

/** The first customer of the order whose contact points include the contact given, else null. */
async function orderCustomer(db: Db, orderNo: string, contact: Contact): Promise<number | null> {
  const points = await contactPointsOfOrder(db, orderNo);
  let found: number | null = null;
  // at least one comparison even for an unknown order, so that a miss costs the same work
  for (const p of points.length ? points : [{ customer_id: 0, email: null, phone: null }]) {
    if (contactMatches(p, contact) && found === null && p.customer_id > 0) found = p.customer_id;
  }
  return found;
}

/**
 * Checks a filing and finds who files it: the category first (so that a bad field never
 * follows a match), then the link or the order and contact. Throws BAD_INPUT naming the
 * field, or NOT_FOUND for a bad link or an order and contact that do not go together.
 */
export async function identifyFiler(db: Db, f: PublicFiling, now: Date = new Date()): Promise<Filer> {
  const { categories } = await getComplaintSettings(db);
  if (!categories.includes(f.category.trim())) {
    throw new RetainError("BAD_INPUT", `category: choose one of ${categories.join(", ")}.`, { field: "category" });
  }
  if (f.words.trim() === "") throw new RetainError("BAD_INPUT", "words: tell us what happened.", { field: "words" });
  if (f.words.length > WORDS_MAX) throw new RetainError("BAD_INPUT", `words: at most ${WORDS_MAX} characters.`, { field: "words" });
  if (f.token) {
    const customerId = await linkedCustomer(db, f.token, now);
    if (customerId === null) throw BAD_LINK();
    return { customerId, via: "link" };
  }
  const orderNo = f.orderNo?.trim() ?? "";
  if (!orderNo) throw new RetainError("BAD_INPUT", "orderNo: enter the order number, or use your personal link.", { field: "orderNo" });
  const contact = parseContact(f.contact ?? "");
  if (!contact) throw new RetainError("BAD_INPUT", "contact: enter the phone number or e-mail address of the order.", { field: "contact" });
  const customerId = await orderCustomer(db, orderNo, contact);
  if (customerId === null) throw NOT_MATCHED();
  return { customerId, via: "order" };
}

/**
 * Files the complaint of a customer found by identifyFiler: open, severity normal, on the
 * web-form channel, linked to the order when they named one of theirs, with no handler yet
 * (the first recovery step adopts it). Audit-logged with `actor`. Returns only a reference.
 */
export async function fileComplaint(db: Db, filer: Filer, f: PublicFiling, actor: Actor, now: Date = new Date()): Promise<{ reference: string }> {
  const at = now.toISOString();
  const complaint = {
    customerId: filer.customerId, openedAt: at, channel: PUBLIC_CHANNEL, category: f.category.trim(), description: f.words.trim(),
    orderNo: f.orderNo?.trim() || null, product: f.product?.trim() || null, externalRef: `${PUBLIC_REF_PREFIX}${randomUUID()}`,
  };
  const id = await inTransaction(db, async (trx) => {
    const complaintId = await insertFiledComplaint(trx, complaint);
    await recordChange(trx, actor, {
      action: "complaint.opened", entityType: "complaint", entityId: complaintId, customerId: filer.customerId,
      after: { ...complaint, severity: "normal", via: filer.via, preferredContact: f.preferredContact ?? null },
    });
    return complaintId;
  });
  return { reference: String(id) };
}
