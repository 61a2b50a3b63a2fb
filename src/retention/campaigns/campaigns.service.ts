import { randomInt } from "node:crypto";
import { sql, type Kysely, type Transaction } from "kysely";
import { z } from "zod";
import { assignHoldout } from "../../analytics/campaigns/holdout.ts";
import { recordChange, type Actor } from "../../audit/audit.repository.ts";
import { dayNumber, dayText } from "../../domain/days.ts";
import { checkEmailTemplate, checkTemplate, type EmailProblem } from "../../domain/messages/template.ts";
import { RetainError, badInput } from "../../errors.ts";
import { dispatchEmails, linkBase } from "../../messages/dispatch.ts";
import { EMAIL_QUEUE } from "../../messages/outbox.ts";
import type { Database } from "../../store/schema.ts";
import { getSettings } from "../../store/settings.repository.ts";
import { inTransaction } from "../../store/transaction.ts";
import { todayIn } from "../../value/value-report.service.ts";
import { createTasks } from "../tasks/tasks.repository.ts";
import { AudienceSchema, resolveAudience, STRATA } from "./audience.ts";

/**
 * Campaigns (docs/campaigns.md): a message or a call to an audience, with a random control
 * group held out so the effect can be measured. A campaign is a draft until it starts; the
 * start resolves the audience once, draws the control group per tier from the stored seed,
 * and queues the e-mails or the owners' call tasks, all in one transaction — so a failed
 * start leaves a draft, and starting again does nothing.
 */
type Db = Kysely<Database>;
type Trx = Kysely<Database> | Transaction<Database>;

const Money = z.string().trim().regex(/^\d{1,14}(\.\d{1,6})?$/, "an amount of 0 or more with up to 6 decimals, such as 12.50");

export const CAMPAIGN_CHANNELS = ["email", "task"] as const;
export type CampaignChannel = (typeof CAMPAIGN_CHANNELS)[number];

export const CampaignInputSchema = z.object({
  name: z.string().trim().min(1).max(200),
  kind: z.enum(["winback", "adhoc"]),
  channel: z.enum(CAMPAIGN_CHANNELS).describe("email: a message to each contacted customer; task: a call by the customer's owner"),
  subject: z.string().trim().max(300).nullable().default(null).describe("the e-mail's subject (e-mail only)"),
  body: z.string().trim().min(1).max(20_000).describe("the message, or the call's talking points, with {{merge fields}}"),
  audience: AudienceSchema,
  holdoutShare: z.number().min(0).max(0.5).default(0.1).describe("the share of each tier held out as the control group"),
  seed: z.number().int().min(0).max(2_147_483_647).optional().describe("the control group's draw; random when absent, and stored"),
  costPerContact: Money.default("0"),
  cost: Money.default("0").describe("fixed cost of the campaign"),
  measureDays: z.number().int().min(7).max(730).default(90),
});
export type CampaignInput = z.input<typeof CampaignInputSchema>;
export const CampaignPatchSchema = CampaignInputSchema.partial().omit({ seed: true }).extend({ seed: z.number().int().min(0).max(2_147_483_647).optional() });
export type CampaignPatch = z.input<typeof CampaignPatchSchema>;

export type CampaignStatus = "draft" | "running" | "done" | "cancelled";

export interface CampaignOut {
  id: number;
  name: string;
  kind: "winback" | "plan" | "adhoc";
  channel: string;
  subject: string | null;
  body: string;
  audience: unknown;
  holdoutShare: number;
  seed: number;
  cost: string;
  costPerContact: string;
  measureDays: number;
  planId: number | null;
  status: CampaignStatus;
  startedAt: string | null;
  startDay: string | null;
  createdAt: string;
  members: number;
  control: number;
  contacted: number;
  /** Contacted members by their status: queued, held, skipped, failed, sent, pending. */
  byStatus: Record<string, number>;
}

/** A problem of a campaign's template, and in which part it is. */
export type CampaignProblem = EmailProblem;


function parse<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const r = schema.safeParse(input);
  if (!r.success) {
    const issue = r.error.issues[0]!;
    throw badInput(issue.path.join(".") || "campaign", issue.message);
  }
  return r.data;
}

/**
 * What stops a template from starting: for e-mail, the body's problems (domain/messages/
 * template.ts) and a subject with unknown fields or a generic salutation, or none; for a
 * call, the talking points' unknown fields and generic salutations.
 */
export function checkCampaignTemplate(t: { channel: CampaignChannel | string; subject: string | null; body: string }): CampaignProblem[] {
  if (t.channel === "email") return checkEmailTemplate({ subject: t.subject ?? "", body: t.body });
  // a call's script: no unknown fields, no generic salutation (the caller knows whom they call)
  return checkTemplate(t.body, "other").filter((p) => p.code === "UNKNOWN_FIELD" || p.code === "GENERIC_SALUTATION").map((p) => ({ ...p, part: "body" as const }));
}

type Row = {
  campaign_id: number; name: string; kind: CampaignOut["kind"]; channel: string; subject: string | null; body: string; audience: unknown;
  holdout_share: number; seed: number; cost: string; cost_per_contact: string; measure_days: number; plan_id: number | null;
  status: CampaignStatus; started_at: Date | null; start_day: string | null; created_at: Date;
};

async function rows(db: Trx, id?: number): Promise<Row[]> {
  const r = await sql<Row>`select campaign_id::float8 as campaign_id, name, kind, channel, subject, body, audience, holdout_share::float8 as holdout_share,
      seed, cost::text as cost, cost_per_contact::text as cost_per_contact, measure_days, plan_id::float8 as plan_id, status, started_at,
      to_char(start_day, 'YYYY-MM-DD') as start_day, created_at
    from campaigns ${id === undefined ? sql`` : sql`where campaign_id = ${id}`} order by campaign_id desc`.execute(db);
  return r.rows;
}

async function memberCounts(db: Trx, ids: readonly number[]): Promise<Map<number, Record<string, number>>> {
  const out = new Map<number, Record<string, number>>();
  if (!ids.length) return out;
  const r = await sql<{ campaign_id: number; status: string; n: number }>`select campaign_id::float8 as campaign_id, status, count(*)::int as n
    from campaign_members where campaign_id in (${sql.join(ids)}) group by campaign_id, status`.execute(db);
  for (const x of r.rows) {
    const m = out.get(Number(x.campaign_id)) ?? {};
    m[x.status] = Number(x.n);
    out.set(Number(x.campaign_id), m);
  }
  return out;
}

/** Decimal text without trailing fractional zeros ("12.500000" → "12.5"). */
export const money = (s: string): string => (s.includes(".") ? s.replace(/0+$/, "").replace(/\.$/, "") : s);

function out(r: Row, counts: Record<string, number>): CampaignOut {
  const { control = 0, ...byStatus } = counts;
  const contacted = Object.values(byStatus).reduce((a, b) => a + b, 0);
  return {
    id: Number(r.campaign_id), name: r.name, kind: r.kind, channel: r.channel, subject: r.subject, body: r.body, audience: r.audience,
    holdoutShare: Number(r.holdout_share), seed: r.seed, cost: money(r.cost), costPerContact: money(r.cost_per_contact), measureDays: r.measure_days,
    planId: r.plan_id === null ? null : Number(r.plan_id), status: r.status, startedAt: r.started_at ? new Date(r.started_at).toISOString() : null,
    startDay: r.start_day, createdAt: new Date(r.created_at).toISOString(), members: contacted + control, control, contacted, byStatus,
  };
}

export async function listCampaigns(db: Db): Promise<CampaignOut[]> {
  const rs = await rows(db);
  const counts = await memberCounts(db, rs.map((r) => Number(r.campaign_id)));
  return rs.map((r) => out(r, counts.get(Number(r.campaign_id)) ?? {}));
}

export async function getCampaign(db: Trx, id: number): Promise<CampaignOut> {
  const [r] = await rows(db, id);
  if (!r) throw new RetainError("NOT_FOUND", `No campaign with id ${id}.`, { field: "id" });
  return out(r, (await memberCounts(db, [id])).get(id) ?? {});
}

export async function createCampaign(db: Db, input: CampaignInput, actor: Actor): Promise<CampaignOut> {
  const c = parse(CampaignInputSchema, input);
  const seed = c.seed ?? randomInt(0, 2_147_483_647);
  return inTransaction(db, async (trx) => {
    const row = await trx.insertInto("campaigns").values({
      name: c.name, kind: c.kind, channel: c.channel, subject: c.channel === "email" ? c.subject : null, body: c.body,
      audience: JSON.stringify(c.audience), holdout_share: String(c.holdoutShare), seed, cost: c.cost, cost_per_contact: c.costPerContact,
      measure_days: c.measureDays, created_by: actor.userId,
    }).returning(sql<number>`campaign_id::float8`.as("id")).executeTakeFirstOrThrow();
    await recordChange(trx, actor, { action: "campaign.created", entityType: "campaign", entityId: row.id, after: { ...c, seed } });
    return getCampaign(trx, row.id);
  });
}

async function lockDraft(trx: Transaction<Database>, id: number, verb: string) {
  const before = await trx.selectFrom("campaigns").selectAll().where("campaign_id", "=", id).forUpdate().executeTakeFirst();
  if (!before) throw new RetainError("NOT_FOUND", `No campaign with id ${id}.`, { field: "id" });
  if (before.kind === "plan") throw new RetainError("CONFLICT", `Campaign ${id} belongs to contact plan ${before.plan_id}: ${verb} it there.`, { field: "id" });
  return before;
}

/** Changes a draft; a started or cancelled campaign keeps what it was started with. */
export async function updateCampaign(db: Db, id: number, patch: CampaignPatch, actor: Actor): Promise<CampaignOut> {
  const p = parse(CampaignPatchSchema, patch);
  return inTransaction(db, async (trx) => {
    const before = await lockDraft(trx, id, "change");
    if (before.status !== "draft") throw new RetainError("CONFLICT", `Campaign ${id} is ${before.status}: only a draft can change.`, { field: "status", hint: "Copy it into a new campaign instead." });
    const channel = p.channel ?? before.channel;
    await trx.updateTable("campaigns").set({
      ...(p.name !== undefined ? { name: p.name } : {}),
      ...(p.kind !== undefined ? { kind: p.kind } : {}),
      ...(p.channel !== undefined ? { channel: p.channel } : {}),
      ...(p.subject !== undefined || channel !== "email" ? { subject: channel === "email" ? (p.subject ?? before.subject) : null } : {}),
      ...(p.body !== undefined ? { body: p.body } : {}),
      ...(p.audience !== undefined ? { audience: JSON.stringify(p.audience) } : {}),
      ...(p.holdoutShare !== undefined ? { holdout_share: String(p.holdoutShare) } : {}),
      ...(p.seed !== undefined ? { seed: p.seed } : {}),
      ...(p.cost !== undefined ? { cost: p.cost } : {}),
      ...(p.costPerContact !== undefined ? { cost_per_contact: p.costPerContact } : {}),
      ...(p.measureDays !== undefined ? { measure_days: p.measureDays } : {}),
      updated_at: sql`now()`,
    }).where("campaign_id", "=", id).execute();
    await recordChange(trx, actor, { action: "campaign.updated", entityType: "campaign", entityId: id, before: { name: before.name, subject: before.subject, body: before.body }, after: p });
    return getCampaign(trx, id);
  });
}

export interface StartOptions {
  /** The campaign's first day (the demo starts one in the past); today in the business's time zone when absent. */
  startDay?: string;
  /** Where the links in e-mails point; the messaging settings' public address when absent. */
  baseUrl?: string;
  now?: Date;
}

/**
 * Starts a draft: resolves its audience, holds out the control group per tier, and queues
 * the contacted customers' e-mails or call tasks. Starting a campaign that already runs
 * changes nothing; a template with problems does not start.
 */
export async function startCampaign(db: Db, id: number, actor: Actor, o: StartOptions = {}): Promise<CampaignOut> {
  const now = o.now ?? new Date();
  const startDay = o.startDay ?? todayIn((await getSettings(db)).timezone);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(startDay) || dayText(dayNumber(startDay)) !== startDay) throw badInput("startDay", `"${startDay}" is not a date YYYY-MM-DD`);
  return inTransaction(db, async (trx) => {
    const c = await lockDraft(trx, id, "start");
    if (c.status === "running" || c.status === "done") return getCampaign(trx, id);
    if (c.status === "cancelled") throw new RetainError("CONFLICT", `Campaign ${id} was cancelled and cannot start.`, { field: "status" });
    const problems = checkCampaignTemplate(c);
    if (problems.length) {
      throw badInput(problems[0]!.part, `the template has ${problems.length} problem(s), first ${problems[0]!.code}`, "Check the template and fix what it lists.");
    }
    const audience = await resolveAudience(trx, c.audience as z.input<typeof AudienceSchema>, startDay);
    if (!audience.members.length) throw badInput("audience", "nobody is in the audience", "Preview the audience and widen it.");
    const ids = audience.members.map((m) => m.customerId);
    const strata = audience.members.map((m) => STRATA.indexOf(m.stratum));
    const control = assignHoldout(ids, strata, Number(c.holdout_share), c.seed);
    const contacted = ids.filter((_, i) => !control[i]);
    for (let i = 0; i < ids.length; i += 1000) {
      await trx.insertInto("campaign_members").values(audience.members.slice(i, i + 1000).map((m, j) => ({
        customer_id: m.customerId, campaign_id: id, stratum: m.stratum, control: control[i + j] === 1, status: control[i + j] ? "control" as const : "pending" as const, reason: null,
      }))).onConflict((oc) => oc.columns(["customer_id", "campaign_id"]).doNothing()).execute();
    }
    let results: Array<{ customerId: number; status: "queued" | "held" | "skipped"; reason?: string }>;
    if (c.channel === "email") {
      const baseUrl = await linkBase(trx, o.baseUrl);
      if (!baseUrl) throw badInput("publicUrl", "e-mails need the public address their links point to", "Set it under Settings → Messaging.");
      results = await dispatchEmails(trx, contacted.map((customerId) => ({ customerId, key: `campaign-${id}` })), { subject: c.subject ?? "", body: c.body }, { baseUrl, now });
    } else {
      await createTasks(trx, contacted.map((customerId) => ({
        customerId, key: `campaign:${id}`, kind: "call", title: c.name, notes: c.body, dueOn: dayText(dayNumber(startDay) + 7),
        sourceType: c.kind === "winback" ? "winback" : "campaign", sourceId: id, createdBy: actor.userId,
      })));
      results = contacted.map((customerId) => ({ customerId, status: "queued" }));
    }
    await setMemberStatuses(trx, id, results);
    await trx.updateTable("campaigns").set({ status: "running", started_at: now, start_day: startDay, updated_at: sql`now()` }).where("campaign_id", "=", id).execute();
    const tally = Object.fromEntries(["queued", "held", "skipped"].map((s) => [s, results.filter((r) => r.status === s).length]));
    await recordChange(trx, actor, {
      action: "campaign.started", entityType: "campaign", entityId: id,
      after: { startDay, members: ids.length, control: ids.length - contacted.length, ...tally, sources: audience.sources },
    });
    return getCampaign(trx, id);
  });
}

async function setMemberStatuses(trx: Transaction<Database>, id: number, results: ReadonlyArray<{ customerId: number; status: string; reason?: string }>) {
  const groups = new Map<string, number[]>();
  for (const r of results) {
    const k = JSON.stringify([r.status, r.reason ?? null]);
    const g = groups.get(k);
    if (g) g.push(r.customerId);
    else groups.set(k, [r.customerId]);
  }
  for (const [k, customers] of groups) {
    const [status, reason] = JSON.parse(k) as ["queued" | "held" | "skipped", string | null];
    for (let i = 0; i < customers.length; i += 1000) {
      await trx.updateTable("campaign_members").set({ status, reason }).where("campaign_id", "=", id).where("customer_id", "in", customers.slice(i, i + 1000)).execute();
    }
  }
}

/**
 * Cancels a campaign: a draft never starts; a running one sends nothing more (its queued
 * e-mails are dropped and its open call tasks cancelled) and its results stay readable.
 */
export async function cancelCampaign(db: Db, id: number, actor: Actor): Promise<CampaignOut> {
  return inTransaction(db, async (trx) => {
    const c = await lockDraft(trx, id, "cancel");
    if (c.status === "cancelled") return getCampaign(trx, id);
    if (c.status === "running") {
      // kept, not deleted: the job's key is what stops the same e-mail from being queued again
      await sql`update jobs set state = 'failed', last_error = 'campaign cancelled', finished_at = now()
        where queue = ${EMAIL_QUEUE} and key like ${`campaign-${id}:%`} and state = 'queued'`.execute(trx);
      await trx.updateTable("tasks").set({ status: "cancelled", done_at: sql`now()`, done_by: actor.userId })
        .where("task_key", "=", `campaign:${id}`).where("status", "=", "open").execute();
    }
    await trx.updateTable("campaigns").set({ status: "cancelled", updated_at: sql`now()` }).where("campaign_id", "=", id).execute();
    await recordChange(trx, actor, { action: "campaign.cancelled", entityType: "campaign", entityId: id, before: { status: c.status }, after: { status: "cancelled" } });
    return getCampaign(trx, id);
  });
}

/**
 * Marks done the running campaigns (and contact plans' campaigns) whose measurement window
 * ended before `today`: their results no longer change. Run daily; returns the ids closed.
 */
export async function closeFinishedCampaigns(db: Db, today: string, actor: Actor): Promise<number[]> {
  return inTransaction(db, async (trx) => {
    const r = await sql<{ id: number; last: string }>`update campaigns set status = 'done', updated_at = now()
      where status = 'running' and start_day is not null and start_day + measure_days - 1 < ${today}::date
      returning campaign_id::float8 as id, to_char(start_day + measure_days - 1, 'YYYY-MM-DD') as last`.execute(trx);
    for (const c of r.rows) {
      await recordChange(trx, actor, { action: "campaign.finished", entityType: "campaign", entityId: Number(c.id), after: { status: "done", lastDay: c.last } });
    }
    return r.rows.map((c) => Number(c.id));
  });
}
