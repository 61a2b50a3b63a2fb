import { sql, type Kysely, type Transaction } from "kysely";
import { z } from "zod";
import { signLink, verifyLink } from "../../accounts/link-signing.ts";
import { recordChange, type Actor } from "../../audit/audit.repository.ts";
import { checkAnswers, checkQuestions, SURVEY_LANGUAGES, type Question } from "../../domain/surveys/questions.ts";
import { COMPLAINT_FOLLOW_UP } from "../../domain/surveys/templates.ts";
import { RetainError, badInput } from "../../errors.ts";
import { canonical, liveCustomerId } from "../../store/customers.repository.ts";
import type { Database } from "../../store/schema.ts";
import { getFeatureSetting, putFeatureSetting } from "../../store/settings.repository.ts";
import { inTransaction } from "../../store/transaction.ts";
import { problemText } from "../../domain/messages/template.ts";
import { checkSurveyTemplate } from "./post-purchase-template.ts";

/**
 * Satisfaction and loyalty surveys (DOMAIN §7): surveys and their questions, invitations by
 * link (after a resolved complaint, after a purchase, to a segment, to chosen customers),
 * and answers — one per invitation, anonymous or linked to the customer. docs/surveys.md.
 */
type Db = Kysely<Database>;
type Trx = Kysely<Database> | Transaction<Database>;

const Wording = z.partialRecord(z.enum(SURVEY_LANGUAGES), z.string().trim().max(500));
const Key = z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, "lower-case letters, digits and _ (e.g. \"attitude\"), starting with a letter");
const base = { key: Key, text: Wording, required: z.boolean().default(false) };

export const QuestionSchema = z.discriminatedUnion("type", [
  z.object({ ...base, type: z.literal("rating"), max: z.union([z.literal(5), z.literal(7), z.literal(10)]).default(5),
    measure: z.enum(["csat", "overall", "factor", "price_sensitivity"]).nullable().default(null), factor: Key.nullable().default(null) }),
  z.object({ ...base, type: z.literal("nps") }),
  z.object({ ...base, type: z.literal("choice"), options: z.array(z.object({ key: Key, text: Wording })).max(30), multiple: z.boolean().default(false) }),
  z.object({ ...base, type: z.literal("text"), maxLength: z.number().int().min(1).max(5000).default(2000) }),
  z.object({ ...base, type: z.literal("percent"), measure: z.enum(["share_of_wallet"]).nullable().default(null) }),
  z.object({ ...base, type: z.literal("kano"), feature: z.string().trim().min(1).max(200), functional: Wording, dysfunctional: Wording }),
  // no component id: the schema is read (body) and written (responses), and its defaults make those differ
]);

export const PURPOSES = ["complaint_followup", "post_purchase", "segment", "general"] as const;
export type Purpose = (typeof PURPOSES)[number];

export const SurveyInputSchema = z.object({
  name: z.string().trim().min(1).max(200),
  purpose: z.enum(PURPOSES),
  anonymous: z.boolean().default(false),
  questions: z.array(QuestionSchema).min(1).max(60),
});
export type SurveyInput = z.input<typeof SurveyInputSchema>;

export interface SurveyOut {
  id: number;
  name: string;
  purpose: Purpose;
  anonymous: boolean;
  status: "open" | "closed";
  version: number;
  questions: Question[];
  createdAt: string;
  invited: number;
  answered: number;
}


function checkDefinition(input: z.output<typeof SurveyInputSchema>): void {
  const problems = checkQuestions(input.questions as Question[]);
  if (problems.length) throw badInput(problems[0]!.key, problems[0]!.message);
}

type SurveyRow = { survey_id: number; name: string; purpose: string; anonymous: boolean; status: "open" | "closed"; version: number; questions: unknown; created_at: Date; invited: number; answered: number };

const surveyOut = (r: SurveyRow): SurveyOut => ({
  id: Number(r.survey_id), name: r.name, purpose: r.purpose as Purpose, anonymous: r.anonymous, status: r.status, version: r.version,
  questions: r.questions as Question[], createdAt: new Date(r.created_at).toISOString(), invited: Number(r.invited), answered: Number(r.answered),
});

async function surveyRows(db: Trx, id?: number): Promise<SurveyRow[]> {
  const r = await sql<SurveyRow>`select s.survey_id::float8 as survey_id, s.name, s.purpose, s.anonymous, s.status, s.version, s.questions, s.created_at,
      (select count(*) from survey_invitations i where i.survey_id = s.survey_id)::int as invited,
      (select count(*) from survey_responses r where r.survey_id = s.survey_id)::int as answered
    from surveys s ${id === undefined ? sql`` : sql`where s.survey_id = ${id}`} order by s.survey_id desc`.execute(db);
  return r.rows;
}

export async function listSurveys(db: Db): Promise<SurveyOut[]> {
  return (await surveyRows(db)).map(surveyOut);
}

export async function getSurvey(db: Trx, id: number): Promise<SurveyOut> {
  const [row] = await surveyRows(db, id);
  if (!row) throw new RetainError("NOT_FOUND", `No survey with id ${id}.`, { field: "id" });
  return surveyOut(row);
}

export async function createSurvey(db: Db, input: SurveyInput, actor: Actor & { userId: number | null }): Promise<SurveyOut> {
  const s = SurveyInputSchema.parse(input);
  checkDefinition(s);
  return inTransaction(db, (trx) => insertSurvey(trx, s, actor));
}

async function insertSurvey(trx: Transaction<Database>, s: z.output<typeof SurveyInputSchema>, actor: Actor): Promise<SurveyOut> {
  const row = await trx.insertInto("surveys")
    .values({ name: s.name, purpose: s.purpose, anonymous: s.anonymous, questions: JSON.stringify(s.questions), created_by: actor.userId })
    .returning(sql<number>`survey_id::float8`.as("id")).executeTakeFirstOrThrow();
  await recordChange(trx, actor, { action: "survey.created", entityType: "survey", entityId: row.id, after: s });
  return getSurvey(trx, row.id);
}

/**
 * Changes a survey. Once answered, its questions and whether it is anonymous stay as they
 * were (answers would no longer match their questions, or an anonymous promise be broken):
 * only the name and the status (open/closed) change; copy it to ask something else.
 */
export async function updateSurvey(
  db: Db, id: number, input: SurveyInput & { version: number; status: "open" | "closed" }, actor: Actor,
): Promise<SurveyOut> {
  const s = SurveyInputSchema.parse(input);
  checkDefinition(s);
  return inTransaction(db, async (trx) => {
    const before = await trx.selectFrom("surveys").selectAll().where("survey_id", "=", id).forUpdate().executeTakeFirst();
    if (!before) throw new RetainError("NOT_FOUND", `No survey with id ${id}.`, { field: "id" });
    if (before.version !== input.version) throw new RetainError("CONFLICT", "Someone changed this survey since you opened it.", { field: "version", hint: "Reload it and make your change again." });
    const answered = await trx.selectFrom("survey_responses").select(sql<number>`count(*)::int`.as("n")).where("survey_id", "=", id).executeTakeFirstOrThrow();
    if (answered.n > 0) {
      if (canonical(before.questions) !== canonical(s.questions)) {
        throw badInput("questions", `the survey has ${answered.n} answers, so its questions cannot change`, "Copy the survey and change the copy.");
      }
      if (before.anonymous !== s.anonymous) throw badInput("anonymous", "the survey already has answers given under the other setting");
    }
    await trx.updateTable("surveys").set({
      name: s.name, purpose: s.purpose, anonymous: s.anonymous, questions: JSON.stringify(s.questions), status: input.status,
      version: before.version + 1, updated_at: sql`now()`,
    }).where("survey_id", "=", id).execute();
    await recordChange(trx, actor, { action: "survey.updated", entityType: "survey", entityId: id, before: { name: before.name, status: before.status }, after: { ...s, status: input.status } });
    return getSurvey(trx, id);
  });
}

// ---- links -------------------------------------------------------------------------------

const PURPOSE = "survey";

/** The link token of an invitation: customer, invitation and their signature. */
export async function tokenFor(db: Db, customerId: number, invitationId: number): Promise<string> {
  return `${customerId}.${invitationId}.${await signLink(db, PURPOSE, `${customerId}.${invitationId}`)}`;
}

const INVALID = () => new RetainError("NOT_FOUND", "This survey link is not valid.", { field: "token", hint: "Open the link exactly as it was sent to you." });

async function invitationOf(db: Trx, token: string): Promise<{ customerId: number; invitationId: number }> {
  const m = /^(\d{1,15})\.(\d{1,15})\.([A-Za-z0-9_-]{22})$/.exec(token);
  if (!m || !(await verifyLink(db as Db, PURPOSE, `${m[1]}.${m[2]}`, m[3]!))) throw INVALID();
  // a link sent before the customer was merged into another still works; an erased customer's does not
  const customerId = await liveCustomerId(db as Db, Number(m[1]));
  if (customerId === null) throw INVALID();
  return { customerId, invitationId: Number(m[2]) };
}

// ---- invitations -------------------------------------------------------------------------

export const SETTINGS_KEY = "surveys";
/** No post-purchase survey by e-mail: the setting until an admin chooses a survey. */
const POST_PURCHASE_OFF = { surveyId: null, afterDays: 7, subject: null, body: null };

export const SurveySettingsSchema = z.object({
  /** The survey sent when a complaint closes resolved; made from the built-in one on first use. */
  complaintFollowUpSurveyId: z.number().int().positive().nullable(),
  /** How long a link can be answered. */
  linkValidDays: z.number().int().min(1).max(365),
  /** The post-purchase survey sent by e-mail once a day (post-purchase.service.ts); off while surveyId is null. */
  postPurchase: z.object({
    surveyId: z.number().int().positive().nullable().describe("the survey to invite buyers to; null: none are invited automatically"),
    afterDays: z.number().int().min(1).max(90).describe("days after the purchase"),
    subject: z.string().trim().max(200).nullable().describe("the e-mail's subject; null: the built-in one in the journeys' language"),
    body: z.string().trim().max(5000).nullable().describe("the e-mail's body, with {{surveyUrl}} and {{unsubscribeUrl}}; null: the built-in one"),
  }).default(() => ({ ...POST_PURCHASE_OFF })),
});
export type SurveySettings = z.infer<typeof SurveySettingsSchema>;
const DEFAULT_SETTINGS: SurveySettings = { complaintFollowUpSurveyId: null, linkValidDays: 30, postPurchase: { ...POST_PURCHASE_OFF } };

export async function getSurveySettings(db: Trx): Promise<SurveySettings> {
  const stored = await getFeatureSetting(db as Db, SETTINGS_KEY);
  const r = SurveySettingsSchema.safeParse({ ...DEFAULT_SETTINGS, ...(stored as object | undefined) });
  return r.success ? r.data : DEFAULT_SETTINGS;
}

export async function setSurveySettings(db: Db, s: SurveySettings, actor: Actor): Promise<SurveySettings> {
  if (s.complaintFollowUpSurveyId !== null) await getSurvey(db, s.complaintFollowUpSurveyId);
  const p = s.postPurchase;
  if (p.surveyId !== null) await getSurvey(db, p.surveyId);
  if ((p.subject === null) !== (p.body === null) || p.subject === "" || p.body === "") {
    throw badInput("postPurchase.body", "give both the subject and the body, or neither (the built-in e-mail is used)");
  }
  if (p.subject !== null && p.body !== null) {
    const [first] = checkSurveyTemplate({ subject: p.subject, body: p.body });
    if (first) {
      const what = first.code === "NO_SURVEY_LINK" ? "the body has no {{surveyUrl}}, the customer's link to the survey" : problemText(first);
      throw badInput(`postPurchase.${first.part}`, what, "Fix the template: merge fields are listed in docs/messaging.md; the body carries {{surveyUrl}} and {{unsubscribeUrl}}.");
    }
  }
  return inTransaction(db, async (trx) => {
    const before = await getSurveySettings(trx);
    await putFeatureSetting(trx as unknown as Db, SETTINGS_KEY, s);
    await recordChange(trx, actor, { action: "settings.surveys", entityType: "settings", entityId: null, before, after: s });
    return s;
  });
}

export type Audience =
  | { kind: "customers"; customerIds: number[] }
  | { kind: "tier"; tier: string }
  | { kind: "purchased"; from: string; to: string };

export interface InvitationOut {
  customerId: number;
  invitationId: number;
  surveyId: number;
  trigger: string;
  complaintId: number | null;
  staffUserId: number | null;
  createdAt: string;
  expiresAt: string;
  answeredAt: string | null;
  state: "open" | "answered" | "expired";
  token: string;
}

const MAX_AUDIENCE = 20_000;

async function audienceIds(db: Db, a: Audience): Promise<number[]> {
  const live = sql`c.merged_into is null and c.erased_at is null`;
  let rows: Array<{ id: number }>;
  if (a.kind === "customers") {
    if (!a.customerIds.length) return [];
    rows = (await sql<{ id: number }>`select c.customer_id::float8 as id from customers c
      where c.customer_id in (${sql.join(a.customerIds)}) and ${live} order by 1`.execute(db)).rows;
    const found = new Set(rows.map((r) => r.id));
    const missing = a.customerIds.find((id) => !found.has(id));
    if (missing !== undefined) throw badInput("audience.customerIds", `there is no (live) customer ${missing}`);
  } else if (a.kind === "tier") {
    rows = (await sql<{ id: number }>`select s.customer_id::float8 as id from customer_segments s join customers c using (customer_id)
      where s.as_of = (select max(as_of) from segment_snapshots) and s.tier = ${a.tier} and ${live} order by 1`.execute(db)).rows;
  } else {
    rows = (await sql<{ id: number }>`select distinct o.customer_id::float8 as id from orders o join customers c using (customer_id)
      where o.ordered_at >= ${a.from}::date and o.ordered_at < ${a.to}::date + 1 and ${live} order by 1`.execute(db)).rows;
  }
  if (rows.length > MAX_AUDIENCE) throw badInput("audience", `${rows.length} customers is more than ${MAX_AUDIENCE} at once`, "Narrow the audience or send in parts.");
  return rows.map((r) => r.id);
}

/**
 * Invites an audience to a survey: one invitation per customer, whose owner is the staff
 * member the answers count for. A customer with an open (unanswered, unexpired) invitation
 * to the same survey is skipped, so sending twice does not ask twice.
 */
export async function inviteAudience(db: Db, surveyId: number, audience: Audience, actor: Actor, now: Date = new Date()): Promise<{ invited: InvitationOut[]; skipped: number }> {
  const survey = await getSurvey(db, surveyId);
  if (survey.status !== "open") throw badInput("surveyId", "the survey is closed", "Open it again before inviting.");
  const ids = await audienceIds(db, audience);
  const { linkValidDays } = await getSurveySettings(db);
  const expires = new Date(now.getTime() + linkValidDays * 86_400_000);
  const trigger = audience.kind === "purchased" ? "purchase" : audience.kind === "tier" ? "segment" : "manual";
  const made = await inTransaction(db, async (trx) => {
    if (!ids.length) return [];
    const r = await sql<InvitationRow>`
      insert into survey_invitations as i (customer_id, survey_id, trigger, staff_user_id, created_by, created_at, expires_at)
      select c.customer_id, ${surveyId}, ${trigger}, c.owner_id, ${actor.userId}, ${now.toISOString()}::timestamptz, ${expires.toISOString()}::timestamptz
      from customers c
      where c.customer_id in (${sql.join(ids)})
        and not exists (select 1 from survey_invitations o where o.customer_id = c.customer_id and o.survey_id = ${surveyId}
                        and o.answered_at is null and o.expires_at > ${now.toISOString()}::timestamptz)
      returning ${INVITATION_COLUMNS}`.execute(trx);
    await recordChange(trx, actor, { action: "survey.invited", entityType: "survey", entityId: surveyId, after: { audience, invited: r.rows.length, skipped: ids.length - r.rows.length } });
    return r.rows;
  });
  const invited = await Promise.all(made.map((row) => invitationOut(db, row, now)));
  return { invited, skipped: ids.length - made.length };
}

/**
 * After a complaint closes resolved: invites the customer to the follow-up survey, counted
 * for the handler. At most one per complaint (a unique index), in the closing transaction.
 */
export async function inviteAfterComplaint(trx: Transaction<Database>, c: { customerId: number; complaintId: number; handlerId: number | null }, actor: Actor, now: Date): Promise<void> {
  const settings = await getSurveySettings(trx);
  let surveyId = settings.complaintFollowUpSurveyId;
  if (surveyId === null || !(await trx.selectFrom("surveys").select("survey_id").where("survey_id", "=", surveyId).executeTakeFirst())) {
    surveyId = (await insertSurvey(trx, SurveyInputSchema.parse(COMPLAINT_FOLLOW_UP), actor)).id;
    await putFeatureSetting(trx as unknown as Db, SETTINGS_KEY, { ...settings, complaintFollowUpSurveyId: surveyId });
  }
  const expires = new Date(now.getTime() + settings.linkValidDays * 86_400_000);
  await sql`insert into survey_invitations (customer_id, survey_id, trigger, complaint_id, staff_user_id, created_by, created_at, expires_at)
    values (${c.customerId}, ${surveyId}, 'complaint', ${c.complaintId}, ${c.handlerId}, ${actor.userId}, ${now.toISOString()}::timestamptz, ${expires.toISOString()}::timestamptz)
    on conflict (customer_id, survey_id, complaint_id) where complaint_id is not null do nothing`.execute(trx);
}

type InvitationRow = { customer_id: number; invitation_id: number; survey_id: number; trigger: string; complaint_id: number | null; staff_user_id: number | null; created_at: Date; expires_at: Date; answered_at: Date | null };
const INVITATION_COLUMNS = sql`i.customer_id::float8 as customer_id, i.invitation_id::float8 as invitation_id, i.survey_id::float8 as survey_id, i.trigger,
      i.complaint_id::float8 as complaint_id, i.staff_user_id::float8 as staff_user_id, i.created_at, i.expires_at, i.answered_at`;

async function invitationOut(db: Db, i: InvitationRow, now: Date): Promise<InvitationOut> {
  return {
    customerId: i.customer_id, invitationId: i.invitation_id, surveyId: i.survey_id, trigger: i.trigger, complaintId: i.complaint_id, staffUserId: i.staff_user_id,
    createdAt: new Date(i.created_at).toISOString(), expiresAt: new Date(i.expires_at).toISOString(), answeredAt: i.answered_at ? new Date(i.answered_at).toISOString() : null,
    state: i.answered_at ? "answered" : new Date(i.expires_at) <= now ? "expired" : "open",
    token: await tokenFor(db, i.customer_id, i.invitation_id),
  };
}

/** A customer's invitations (of one complaint when given), newest first, with their links. */
export async function customerInvitations(db: Db, customerId: number, complaintId?: number, now: Date = new Date()): Promise<InvitationOut[]> {
  const r = await sql<InvitationRow>`select ${INVITATION_COLUMNS} from survey_invitations i
    where i.customer_id = ${customerId} ${complaintId === undefined ? sql`` : sql`and i.complaint_id = ${complaintId}`}
    order by i.created_at desc, i.invitation_id desc limit 1000`.execute(db);
  return Promise.all(r.rows.map((row) => invitationOut(db, row, now)));
}

// ---- answering (public, by link) ------------------------------------------------------------

export interface PublicSurvey {
  name: string;
  anonymous: boolean;
  questions: Question[];
  state: "open" | "answered" | "expired" | "closed";
}

/** What the link's page shows: the survey and whether it can still be answered. Nothing about the customer. */
export async function openByToken(db: Db, token: string, now: Date = new Date()): Promise<PublicSurvey> {
  const { customerId, invitationId } = await invitationOf(db, token);
  const r = await sql<{ name: string; anonymous: boolean; questions: unknown; status: string; expires_at: Date; answered_at: Date | null }>`
    select s.name, s.anonymous, s.questions, s.status, i.expires_at, i.answered_at
    from survey_invitations i join surveys s on s.survey_id = i.survey_id
    where i.customer_id = ${customerId} and i.invitation_id = ${invitationId}`.execute(db);
  const row = r.rows[0];
  if (!row) throw INVALID();
  const state = row.answered_at ? "answered" : row.status !== "open" ? "closed" : new Date(row.expires_at) <= now ? "expired" : "open";
  return { name: row.name, anonymous: row.anonymous, questions: row.questions as Question[], state };
}

/**
 * Records the answers of one invitation. The invitation is marked answered in the same
 * transaction that stores them, under a row lock: a second answer, even sent at once from
 * two tabs, is refused. An anonymous survey's answer keeps no customer (only their value
 * tier at the time, for the breakdown by segment), and its audit entry names no answer.
 */
export async function answerByToken(db: Db, token: string, answers: Record<string, unknown>, meta: { ip: string | null }, now: Date = new Date()): Promise<{ thanks: true }> {
  const { customerId, invitationId } = await invitationOf(db, token);
  return inTransaction(db, async (trx) => {
    const r = await sql<{ survey_id: number; trigger: string; staff_user_id: number | null; expires_at: Date; answered_at: Date | null; anonymous: boolean; status: string; questions: unknown }>`
      select i.survey_id::float8 as survey_id, i.trigger, i.staff_user_id::float8 as staff_user_id, i.expires_at, i.answered_at, s.anonymous, s.status, s.questions
      from survey_invitations i join surveys s on s.survey_id = i.survey_id
      where i.customer_id = ${customerId} and i.invitation_id = ${invitationId} for update of i`.execute(trx);
    const inv = r.rows[0];
    if (!inv) throw INVALID();
    if (inv.answered_at) throw new RetainError("CONFLICT", "This survey was already answered from this link. Thank you!", { field: "token" });
    if (inv.status !== "open") throw new RetainError("CONFLICT", "This survey is closed.", { field: "token" });
    if (new Date(inv.expires_at) <= now) throw new RetainError("CONFLICT", "This survey link has expired.", { field: "token" });
    const checked = checkAnswers(inv.questions as Question[], answers);
    if (!checked.ok) {
      const p = checked.problems[0]!;
      throw new RetainError("BAD_INPUT", `answers.${p.key}: ${p.message}`, { field: `answers.${p.key}` });
    }
    const seg = await sql<{ tier: string | null }>`select tier from customer_segments
      where customer_id = ${customerId} and as_of = (select max(as_of) from segment_snapshots)`.execute(trx);
    // An anonymous answer and its invitation keep only the day: neither their times nor their
    // order within a day tie an answer to the customer invited.
    const answeredAt = inv.anonymous ? `${now.toISOString().slice(0, 10)}T00:00:00.000Z` : now;
    await trx.updateTable("survey_invitations").set({ answered_at: answeredAt }).where("customer_id", "=", customerId).where("invitation_id", "=", invitationId).execute();
    const row = await trx.insertInto("survey_responses").values({
      survey_id: inv.survey_id, customer_id: inv.anonymous ? null : customerId, staff_user_id: inv.staff_user_id, trigger: inv.trigger,
      segment: seg.rows[0]?.tier ?? null, answers: JSON.stringify(checked.answers), answered_at: answeredAt,
    }).returning(sql<number>`response_id::float8`.as("id")).executeTakeFirstOrThrow();
    await recordChange(trx, { userId: null, label: "survey link", ip: meta.ip }, {
      action: "survey.answered", entityType: "survey", entityId: inv.survey_id, customerId: inv.anonymous ? null : customerId,
      after: inv.anonymous ? { anonymous: true } : { responseId: row.id, invitationId },
    });
    return { thanks: true as const };
  });
}
