/**
 * Message templates with merge fields from the customer's own history: {{name}},
 * {{lastPurchase.product}}, {{favouriteCategory}}, … (DOMAIN §1: a letter to a known customer
 * must not start "Dear valued customer" and ask what they bought — every message shows what
 * we know of them). A template is checked against each customer before it is sent: a field
 * the customer has no value for, a generic salutation, a message that says nothing personal,
 * or an e-mail without its unsubscribe link is a problem, and a message with a problem is
 * held back rather than sent with a blank or a fallback.
 */

/** The merge fields a template may use, and what each is. */
export const MERGE_FIELDS = {
  name: "the customer's name (a person's full name, or the company's)",
  "lastPurchase.date": "the date of the last purchase",
  "lastPurchase.product": "what the last purchase was (its first line's product)",
  favouriteCategory: "the category the customer has spent most on",
  nextBestOffer: "the offer the models suggest next",
  memberLevel: "the member level (会员等级)",
  points: "the points balance",
  owner: "the staff member who looks after the customer",
  serviceNumber: "the business's service phone number",
  unsubscribeUrl: "the link that unsubscribes the customer (required in e-mail)",
} as const;

export type MergeField = keyof typeof MERGE_FIELDS;

/** The fields that show we know this customer: a message needs at least one of them. */
const PERSONAL: readonly MergeField[] = ["name", "lastPurchase.date", "lastPurchase.product", "favouriteCategory", "nextBestOffer", "memberLevel", "points"];

/** Salutations that tell a customer we do not know them, in the languages retain speaks. */
const GENERIC = [
  /dear\s+(valued\s+)?(customer|client|member|shopper|friend)s?\b/i,
  /尊敬的(客户|顾客|会员|用户|客戶|顧客|會員|用戶)/,
  /亲爱的(客户|顾客|会员|用户)/,
  /親愛的(客戶|顧客|會員|用戶)/,
];

const FIELD = /\{\{\s*([A-Za-z.]+)\s*\}\}/g;

export type MergeValues = Partial<Record<MergeField, string>>;

export type TemplateProblem =
  | { code: "UNKNOWN_FIELD"; field: string }
  | { code: "MISSING_VALUE"; field: string }
  | { code: "GENERIC_SALUTATION"; text: string }
  | { code: "NOT_PERSONAL" }
  | { code: "NO_UNSUBSCRIBE" };

/** The merge fields a template uses, in order of first use; unknown names included as written. */
export function fieldsOf(template: string): string[] {
  const seen: string[] = [];
  for (const m of template.matchAll(FIELD)) if (!seen.includes(m[1]!)) seen.push(m[1]!);
  return seen;
}

const isField = (f: string): f is MergeField => Object.hasOwn(MERGE_FIELDS, f);

/**
 * What is wrong with a template as such, before any customer: unknown fields, generic
 * salutations, nothing personal. `own` names the fields one kind of message supplies itself
 * beyond the merge fields (a survey invitation's `surveyUrl`).
 */
export function checkTemplate(template: string, channel: "email" | "sms" | "other", own: readonly string[] = []): TemplateProblem[] {
  const problems: TemplateProblem[] = [];
  const fields = fieldsOf(template);
  for (const f of fields) if (!isField(f) && !own.includes(f)) problems.push({ code: "UNKNOWN_FIELD", field: f });
  for (const g of GENERIC) {
    const m = g.exec(template);
    if (m) problems.push({ code: "GENERIC_SALUTATION", text: m[0] });
  }
  if (!fields.some((f) => isField(f) && PERSONAL.includes(f))) problems.push({ code: "NOT_PERSONAL" });
  if (channel === "email" && !fields.includes("unsubscribeUrl")) problems.push({ code: "NO_UNSUBSCRIBE" });
  return problems;
}

/**
 * The message for one customer, or why it must not be sent to them: every problem of the
 * template, and each field the template uses that this customer has no value for.
 */
export function renderFor(
  template: string, channel: "email" | "sms" | "other", values: Readonly<Partial<Record<string, string>>>, own: readonly string[] = [],
): { ok: true; text: string } | { ok: false; problems: TemplateProblem[] } {
  const problems = checkTemplate(template, channel, own);
  for (const f of fieldsOf(template)) {
    if ((isField(f) || own.includes(f)) && !(values[f] ?? "").trim()) problems.push({ code: "MISSING_VALUE", field: f });
  }
  if (problems.length) return { ok: false, problems };
  return { ok: true, text: template.replace(FIELD, (_, f: string) => values[f]!) };
}

/** A problem of an e-mail template, with the part it is in. */
export type EmailProblem = (TemplateProblem | { code: "NO_SUBJECT" }) & { part: "subject" | "body" };

/**
 * What is wrong with an e-mail template, the one check every e-mail a business writes gets
 * (campaigns, plans, journeys, survey invitations): a subject without unknown fields or a
 * generic salutation (it need not be personal itself), and a body that is personal and
 * carries the unsubscribe link.
 */
export function checkEmailTemplate(t: { subject: string; body: string }, own: readonly string[] = []): EmailProblem[] {
  const subject: EmailProblem[] = !t.subject.trim()
    ? [{ code: "NO_SUBJECT", part: "subject" }]
    : checkTemplate(t.subject, "other", own).filter((p) => p.code !== "NOT_PERSONAL").map((p) => ({ ...p, part: "subject" }));
  return [...subject, ...checkTemplate(t.body, "email", own).map((p): EmailProblem => ({ ...p, part: "body" }))];
}

/** A template problem as a sentence for the person writing the template (what a 400 says). */
export function problemText(p: TemplateProblem | { code: "NO_SUBJECT" }): string {
  switch (p.code) {
    case "NO_SUBJECT": return "an e-mail needs a subject";
    case "UNKNOWN_FIELD": return `unknown merge field {{${p.field}}}`;
    case "MISSING_VALUE": return `no value for {{${p.field}}}`;
    case "GENERIC_SALUTATION": return `"${p.text}" tells a known customer we do not know them: use {{name}}`;
    case "NOT_PERSONAL": return "says nothing personal: use a merge field such as {{name}} or {{lastPurchase.product}}";
    case "NO_UNSUBSCRIBE": return "an e-mail must carry {{unsubscribeUrl}}";
  }
}
