import { z } from "zod";
import { CONTACT_TYPES, APPAREL_CASE, EMAIL_CONTACT_TYPES } from "../../analytics/campaigns/tiered-plan.ts";
import { addMonths, dayNumber, dayText, isDay } from "../../domain/days.ts";
import { decAdd, decSign } from "../../domain/decimal.ts";
import { checkEmailTemplate, problemText } from "../../domain/messages/template.ts";
import { RetainError } from "../../errors.ts";

/**
 * What a tiered contact plan says (docs/contact-plans.md): its quarter, budget, tiers and
 * frequency caps, the share of each tier held out as a control group, and the e-mail templates
 * of the kinds of contact that go out as e-mail. Shares are decimal
 * strings so "0.14 + 0.34 + 0.52 = 1" holds exactly, as the user typed it.
 */

const Share = z.string().regex(/^(0(\.\d{1,6})?|1(\.0{1,6})?)$/, "a share between 0 and 1 with up to 6 decimals, e.g. \"0.14\"");
const Money = z.string().regex(/^\d{1,14}(\.\d{1,2})?$/, "an amount ≥ 0 with up to 2 decimals, e.g. \"100000.00\"");

export const TierSchema = z.object({
  key: z.string().regex(/^[a-z][a-z0-9_-]{0,39}$/, "lower-case letters, digits, _ and -, starting with a letter (e.g. \"top\")"),
  label: z.string().trim().max(100).nullable().default(null),
  customerShare: Share.describe("share of the ranked customers in this tier, top tier first"),
  budgetShare: Share.describe("share of the marketing budget spent on this tier"),
  contactsPerQuarter: z.number().int().min(0).max(90),
  contactTypes: z.array(z.enum(CONTACT_TYPES)).max(CONTACT_TYPES.length),
});

export const CapSchema = z.object({
  max: z.number().int().min(0).max(90).describe("at most this many contacts of one customer …"),
  windowDays: z.number().int().min(1).max(366).describe("… in any this many consecutive days"),
});

export const EmailTemplateSchema = z.object({
  subject: z.string().trim().max(200),
  body: z.string().trim().max(5000),
});
export type EmailTemplate = z.output<typeof EmailTemplateSchema>;

/**
 * Contact type → the e-mail that delivers it. The keys are checked in `checkEmails` rather
 * than by an enum, so a personal type (a visit) is refused with a reason, not as unknown.
 */
const EmailsSchema = z.record(z.string(), EmailTemplateSchema)
  .describe("contact type → {subject, body}: contacts of these types go out as e-mail, the others are tasks for the owners");

export const DEFAULT_CAPS = [{ max: 2, windowDays: 7 }, { max: 6, windowDays: 90 }] as const;

const sumOf = (xs: readonly string[]) => xs.reduce((s, x) => decAdd(s, x), "0");

/** The day a quarter starts: 1 January, April, July or October. */
export const isQuarterStart = (d: string): boolean => isDay(d) && d.endsWith("-01") && ["01", "04", "07", "10"].includes(d.slice(5, 7));

const fields = {
  name: z.string().trim().min(1).max(200),
  quarterStart: z.iso.date().refine(isQuarterStart, "the first day of a calendar quarter (1 January, April, July or October)"),
  budget: Money.describe("the quarter's marketing budget, in the base currency"),
  tiers: z.array(TierSchema).min(1).max(10),
  caps: z.array(CapSchema).max(10).default([...DEFAULT_CAPS].map((c) => ({ ...c }))),
  controlShare: z.string().regex(/^0(\.\d{1,6})?$/, "a share from 0 to below 1, e.g. \"0.10\"").default("0")
    .describe("share of each tier held out as a control group; \"0\" = none"),
  emails: EmailsSchema.default({}),
};

/** The plan-wide rules a single field cannot check: shares summing to 1, distinct keys, a type for every contact. */
function checkTiers(tiers: ReadonlyArray<z.output<typeof TierSchema>>, ctx: z.RefinementCtx): void {
  for (const which of ["customerShare", "budgetShare"] as const) {
    const sum = sumOf(tiers.map((t) => t[which]));
    if (decSign(decAdd(sum, "-1")) !== 0) {
      const what = which === "customerShare" ? "customer" : "budget";
      ctx.addIssue({ code: "custom", path: ["tiers"], message: `the tiers' ${what} shares sum to ${sum}, not 1` });
    }
  }
  const seen = new Set<string>();
  tiers.forEach((t, i) => {
    if (seen.has(t.key)) ctx.addIssue({ code: "custom", path: ["tiers", i, "key"], message: `the tier key "${t.key}" is used twice` });
    seen.add(t.key);
    if (t.contactsPerQuarter > 0 && t.contactTypes.length === 0) {
      ctx.addIssue({ code: "custom", path: ["tiers", i, "contactTypes"], message: "choose at least one contact type for a tier that is contacted" });
    }
  });
}

const isEmailType = (k: string): boolean => (EMAIL_CONTACT_TYPES as readonly string[]).includes(k);

/**
 * The e-mail templates: only message types may have one, and each must be fit to send — a
 * subject without unknown fields or a generic salutation, a body that is personal and carries
 * the unsubscribe link (the same checks as a journey's or a campaign's e-mail).
 */
function checkEmails(emails: Record<string, EmailTemplate>, ctx: z.RefinementCtx): void {
  for (const [type, t] of Object.entries(emails)) {
    if (!isEmailType(type)) {
      const why = (CONTACT_TYPES as readonly string[]).includes(type) ? `"${type}" is made in person by the owner, so it stays a task` : `"${type}" is not a contact type`;
      ctx.addIssue({ code: "custom", path: ["emails", type], message: `${why}; only ${EMAIL_CONTACT_TYPES.join(", ")} can be sent as e-mail` });
      continue;
    }
    for (const p of checkEmailTemplate(t)) ctx.addIssue({ code: "custom", path: ["emails", type, p.part], message: problemText(p) });
  }
}

export const PlanInputSchema = z.object(fields).superRefine((p, ctx) => {
  checkTiers(p.tiers, ctx);
  checkEmails(p.emails, ctx);
});
export type PlanInput = z.input<typeof PlanInputSchema>;
export type PlanDefinition = z.output<typeof PlanInputSchema>;
export type PlanTierDef = z.output<typeof TierSchema>;
export type PlanCap = z.output<typeof CapSchema>;

/** A change to a draft plan: any of its fields (the whole plan is checked again after merging). */
export const PlanPatchSchema = z.object({
  name: fields.name.optional(), quarterStart: fields.quarterStart.optional(), budget: fields.budget.optional(),
  tiers: fields.tiers.optional(), caps: z.array(CapSchema).max(10).optional(), controlShare: fields.controlShare.optional(),
  emails: EmailsSchema.optional(),
});
export type PlanPatch = z.input<typeof PlanPatchSchema>;

/** Parses a plan outside HTTP (CLI, a merged patch): the first problem becomes a 400 naming its field. */
export function parsePlan(input: unknown): PlanDefinition {
  const r = PlanInputSchema.safeParse(input);
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  const field = issue.path.map(String).join(".") || "plan";
  throw new RetainError("BAD_INPUT", `${field}: ${issue.message}`, { field });
}

export interface Quarter {
  start: string;
  /** The last day, inclusive. */
  end: string;
  days: number;
}

export function quarterOf(start: string): Quarter {
  const s = dayNumber(start);
  const next = addMonths(s, 3);
  return { start, end: dayText(next - 1), days: next - s };
}

/** The first day of the quarter that `day` is in. */
export function quarterStartOf(day: string): string {
  const m = Number(day.slice(5, 7));
  return `${day.slice(0, 4)}-${String(m - ((m - 1) % 3)).padStart(2, "0")}-01`;
}

/** The apparel chain of seed 000 (DOMAIN §5) as a plan to start from: 14/34/52% of the customers, 60/35/5% of the budget. */
export function apparelExample(quarterStart: string): PlanDefinition {
  const customerShares: Record<string, string> = { top: "0.14", middle: "0.34", bottom: "0.52" };
  return {
    name: "Apparel chain example", quarterStart, budget: "100000.00",
    tiers: APPAREL_CASE.map((t) => ({ ...t, label: null, customerShare: customerShares[t.key]!, contactTypes: [...t.contactTypes] })),
    caps: DEFAULT_CAPS.map((c) => ({ ...c })), controlShare: "0", emails: {},
  };
}
