import { sql, type Kysely, type Transaction } from "kysely";
import { applyCaps, type Cap, type ProposedContact } from "../../analytics/campaigns/caps.ts";
import { assignHoldout } from "../../analytics/campaigns/holdout.ts";
import { quarterContacts, type ContactType } from "../../analytics/campaigns/tiered-plan.ts";
import { recordChange, type Actor } from "../../audit/audit.repository.ts";
import { dayNumber, dayText } from "../../domain/days.ts";
import { decDivInt } from "../../domain/decimal.ts";
import { RetainError } from "../../errors.ts";
import { dispatchEmails, linkBase, morningOf } from "../../messages/dispatch.ts";
import { EMAIL_QUEUE } from "../../messages/outbox.ts";
import type { Database } from "../../store/schema.ts";
import { getSettings } from "../../store/settings.repository.ts";
import { inTransaction } from "../../store/transaction.ts";
import { todayIn } from "../../value/value-report.service.ts";
import { getJourneySettings } from "../journeys/journey-settings.ts";
import { heldNote } from "../journeys/task-text.ts";
import { createTasks, type NewTask } from "../tasks/tasks.repository.ts";
import { quarterOf } from "./plan-definition.ts";
import { assignTiers } from "./plan-tiers.ts";
import { getPlan, type PlanOut } from "./plans.service.ts";

/**
 * Generating a plan's quarter (docs/contact-plans.md): the first time, its customers are cut
 * into tiers and a control group is drawn per tier, and both are stored as the members of one
 * campaign of kind 'plan' (so the campaigns list shows it and its results are measured like
 * any campaign's). Then every contacted customer's contacts of the quarter, kept only where
 * the frequency caps allow given everything else the customer has had or has coming, are
 * delivered: a contact whose type has an e-mail template in the plan is queued as an e-mail
 * (held back ones become tasks, as in journeys), every other contact is a task for the
 * customer's owner. Generating again adds only what is missing.
 */
type Db = Kysely<Database>;
type Trx = Transaction<Database>;

/** What became of a generation's e-mail contacts. */
export interface EmailCounts {
  /** Newly queued for the sender (on the contact's day, at 09:00, when that is still to come). */
  queued: number;
  /** Held back (a blank merge field, no public address for the links): a task for the owner instead. */
  held: number;
  /** Not contacted: no consent to e-mail, no address, no longer a live customer. */
  skipped: number;
}

export interface GenerateResult {
  planId: number;
  campaignId: number;
  customers: number;
  control: number;
  /** Contacts the tiers ask for (contacted customers × contacts per quarter). */
  proposed: number;
  /** Contacts within the caps. */
  kept: number;
  /** New tasks (held e-mails included), and contacts an earlier generation made already (a task or a queued e-mail). */
  created: number;
  existing: number;
  emails: EmailCounts;
  dropped: number;
  droppedByCap: Array<{ max: number; windowDays: number; contacts: number }>;
  tiers: Array<{ key: string; customers: number; control: number; contacts: number; dropped: number; tasks: number; existing: number; emails: EmailCounts }>;
}

interface Member {
  customer: number;
  tier: number;
  control: boolean;
}

const CHUNK = 1000;

/** How the plan's contacts go out: by e-mail, as tasks for the owners, or both (by contact type). */
export function planChannel(plan: Pick<PlanOut, "tiers" | "emails">): "email" | "task" | "mixed" {
  const used = new Set(plan.tiers.filter((t) => t.contactsPerQuarter > 0).flatMap((t) => t.contactTypes));
  const mailed = [...used].filter((type) => plan.emails[type]).length;
  return mailed === 0 ? "task" : mailed === used.size ? "email" : "mixed";
}

/** The plan's campaign and its members: stored ones, or drawn now and stored. */
async function membersOf(trx: Trx, plan: PlanOut, actor: Actor): Promise<{ campaignId: number; members: Member[] }> {
  const tierIndex = new Map(plan.tiers.map((t, i) => [t.key, i]));
  if (plan.campaignId !== null) {
    // The plan may have changed its e-mail templates since: the campaign says how contacts go out now.
    await trx.updateTable("campaigns").set({ channel: planChannel(plan) }).where("campaign_id", "=", plan.campaignId).execute();
    // Merged or erased since: no more tasks for them (they stay members for the record).
    const r = await sql<{ id: number; stratum: string; control: boolean }>`
      select m.customer_id::float8 as id, m.stratum, m.control from campaign_members m
      join customers c on c.customer_id = m.customer_id and c.merged_into is null and c.erased_at is null
      where m.campaign_id = ${plan.campaignId} order by m.customer_id`.execute(trx);
    return { campaignId: plan.campaignId, members: r.rows.map((x) => ({ customer: Number(x.id), tier: tierIndex.get(x.stratum) ?? plan.tiers.length - 1, control: x.control })) };
  }
  const cut = await assignTiers(trx, plan.quarterStart, plan.tiers.map((t) => t.customerShare));
  const share = Number(plan.controlShare);
  const held = share > 0 ? assignHoldout(cut.ids, cut.tier, share, plan.seed) : new Uint8Array(cut.ids.length);
  const members = cut.ids.map((customer, i) => ({ customer, tier: cut.tier[i]!, control: held[i] === 1 }));
  const q = quarterOf(plan.quarterStart);
  const summary = `${plan.tiers.map((t, i) => `${t.key} ${cut.perTier[i]!.customers}×${t.contactsPerQuarter}`).join(", ")}; budget ${plan.budget}; ${q.start} … ${q.end}`;
  const row = await trx.insertInto("campaigns").values({
    name: plan.name, kind: "plan", channel: planChannel(plan), subject: null, body: summary,
    audience: JSON.stringify({ kind: "plan", planId: plan.id, tiers: plan.tiers.map((t) => t.key) }),
    holdout_share: plan.controlShare, seed: plan.seed, cost: plan.budget, measure_days: q.days, plan_id: plan.id,
    status: "running", started_at: sql<Date>`now()`, start_day: plan.quarterStart, created_by: actor.userId,
  }).returning(sql<number>`campaign_id::float8`.as("id")).executeTakeFirstOrThrow();
  for (let i = 0; i < members.length; i += CHUNK) {
    await trx.insertInto("campaign_members").values(members.slice(i, i + CHUNK).map((m) => ({
      customer_id: m.customer, campaign_id: row.id, stratum: plan.tiers[m.tier]!.key, control: m.control, status: m.control ? "control" as const : "queued" as const,
    }))).onConflict((oc) => oc.columns(["customer_id", "campaign_id"]).doNothing()).execute();
  }
  return { campaignId: row.id, members };
}

/**
 * Each customer's contacts already had or coming around the quarter, as day numbers: open or
 * done tasks from any source but this plan, every message sent or on its way, and every
 * e-mail queued but not yet handed to the sender (on the day it is due to run). This plan's
 * own tasks and e-mails are what is being decided, so they are left out: generating again
 * decides the same way.
 */
export async function contactHistory(db: Db, planId: number, from: string, to: string, timezone: string): Promise<Map<number, number[]>> {
  const own = `plan-${planId}-%`;
  const r = await sql<{ id: number; day: number }>`
    select customer_id::float8 as id, (due_on - date '1970-01-01')::int as day from tasks
      where status in ('open', 'done') and due_on between ${from}::date and ${to}::date
        and not (source_type = 'plan' and source_id is not distinct from ${planId})
    union all
    select customer_id::float8, ((created_at at time zone ${timezone})::date - date '1970-01-01')::int from message_sends
      where status <> 'failed' and (created_at at time zone ${timezone})::date between ${from}::date and ${to}::date
        and send_key not like ${own}
    union all
    select (j.payload->>'customerId')::float8, ((j.run_at at time zone ${timezone})::date - date '1970-01-01')::int from jobs j
      where j.queue = ${EMAIL_QUEUE} and j.state in ('queued', 'running') and j.key not like ${own}
        and (j.run_at at time zone ${timezone})::date between ${from}::date and ${to}::date
        -- once the send is recorded, message_sends counts it (a refused one is retried by the job)
        and not exists (select 1 from message_sends s where s.customer_id = (j.payload->>'customerId')::bigint
          and s.send_key = j.payload->>'key' and s.status <> 'failed')`.execute(db);
  const history = new Map<number, number[]>();
  for (const { id, day } of r.rows) {
    const h = history.get(Number(id));
    if (h) h.push(Number(day));
    else history.set(Number(id), [Number(day)]);
  }
  return history;
}

/**
 * The plan's contacts made by an earlier generation: its e-mail jobs (`<send key>:<customer>`)
 * and its tasks (`<customer> <task key>`), so an e-mail queued or held before is not sent again.
 */
async function madeBefore(db: Db, planId: number): Promise<Set<string>> {
  const r = await sql<{ k: string }>`
    select key as k from jobs where queue = ${EMAIL_QUEUE} and key like ${`plan-${planId}-%`}
    union all
    select customer_id::text || ' ' || task_key from tasks where source_type = 'plan' and source_id = ${planId} and task_key is not null`.execute(db);
  return new Set(r.rows.map((x) => x.k));
}

type Proposal = ProposedContact & { type: ContactType; k: number; tier: number };

/**
 * Generates (or completes) the plan's quarter of contacts. Idempotent: the same plan adds
 * nothing the second time. `now` stands for the clock (which contact days are still to come).
 */
export async function generatePlan(db: Db, planId: number, actor: Actor, o: { now?: Date; baseUrl?: string } = {}): Promise<GenerateResult> {
  return inTransaction(db, async (trx) => {
    const plan = await getPlan(trx, planId, true);
    if (plan.status === "archived") throw new RetainError("CONFLICT", `The plan "${plan.name}" is archived.`, { field: "status" });
    const { timezone } = await getSettings(trx);
    const q = quarterOf(plan.quarterStart);
    const { campaignId, members } = await membersOf(trx, plan, actor);

    const caps: Cap[] = plan.caps;
    const reach = Math.max(0, ...caps.map((c) => c.windowDays));
    const start = dayNumber(q.start);
    const history = await contactHistory(trx, planId, dayText(start - reach), dayText(dayNumber(q.end) + reach), timezone);

    const proposals: Proposal[] = [];
    plan.tiers.forEach((tier, t) => {
      const customers = members.filter((m) => m.tier === t && !m.control).map((m) => m.customer);
      let previous = -1;
      let k = 0;
      for (const c of quarterContacts(customers, tier, start, q.days)) {
        k = c.customer === previous ? k + 1 : 0;
        previous = c.customer;
        proposals.push({ customer: c.customer, day: c.day, type: c.type, k, tier: t });
      }
    });
    const decision = applyCaps(proposals, caps, history);

    const tiers: GenerateResult["tiers"] = plan.tiers.map((tier) => ({
      key: tier.key, customers: 0, control: 0, contacts: 0, dropped: 0, tasks: 0, existing: 0, emails: { queued: 0, held: 0, skipped: 0 },
    }));
    for (const m of members) {
      tiers[m.tier]!.customers++;
      if (m.control) tiers[m.tier]!.control++;
    }
    for (const i of decision.kept) tiers[proposals[i]!.tier]!.contacts++;
    for (const d of decision.dropped) tiers[proposals[d.index]!.tier]!.dropped++;

    // Contacts of a type with a template go by e-mail, unless an earlier generation made them.
    const sendKey = (p: Proposal) => `plan-${planId}-${p.k}`;
    const taskKey = (p: Proposal) => `plan:${planId}:${p.k}`;
    const asTasks: Array<{ p: Proposal; held?: string }> = [];
    const byEmail: Proposal[] = [];
    const before = Object.keys(plan.emails).length > 0 ? await madeBefore(trx, planId) : new Set<string>();
    for (const i of decision.kept) {
      const p = proposals[i]!;
      if (!plan.emails[p.type]) asTasks.push({ p });
      else if (before.has(`${sendKey(p)}:${p.customer}`) || before.has(`${p.customer} ${taskKey(p)}`)) tiers[p.tier]!.existing++;
      else byEmail.push(p);
    }
    if (byEmail.length > 0) {
      const baseUrl = await linkBase(trx, o.baseUrl);
      const today = dayNumber(todayIn(timezone, o.now));
      const groups = new Map<string, Proposal[]>();
      for (const p of byEmail) {
        // A contact of today or a past day of the quarter goes now; a coming one on its morning.
        const g = `${p.type} ${Math.max(p.day, today)}`;
        const group = groups.get(g);
        if (group) group.push(p);
        else groups.set(g, [p]);
      }
      for (const group of groups.values()) {
        const { type, day } = group[0]!;
        const runAt = day > today ? await morningOf(trx, dayText(day), timezone) : undefined;
        const results = await dispatchEmails(trx, group.map((p) => ({ customerId: p.customer, key: sendKey(p) })), plan.emails[type]!, { baseUrl, runAt, now: o.now });
        results.forEach((r, n) => {
          const p = group[n]!;
          tiers[p.tier]!.emails[r.status]++;
          if (r.status === "held") asTasks.push({ p, held: r.reason || "HELD" });
        });
      }
    }

    const language = asTasks.some((x) => x.held) ? (await getJourneySettings(trx)).language : "en";
    for (let t = 0; t < plan.tiers.length; t++) {
      const tasks = asTasks.filter((x) => x.p.tier === t).map(({ p, held }): NewTask => ({
        customerId: p.customer, key: taskKey(p), kind: p.type, title: p.type, dueOn: dayText(p.day), sourceType: "plan", sourceId: planId,
        createdBy: actor.userId, ...(held ? { notes: heldNote(language, held) } : {}),
      }));
      const r = await createTasks(trx, tasks);
      tiers[t]!.tasks += r.created;
      tiers[t]!.existing += r.existing;
    }

    const byCap = new Map<Cap, number>();
    for (const d of decision.dropped) byCap.set(d.cap, (byCap.get(d.cap) ?? 0) + 1);
    const sum = (f: (x: GenerateResult["tiers"][number]) => number) => tiers.reduce((s, x) => s + f(x), 0);
    const emails: EmailCounts = { queued: sum((x) => x.emails.queued), held: sum((x) => x.emails.held), skipped: sum((x) => x.emails.skipped) };

    await trx.updateTable("contact_plans").set({ status: "generated", generated_at: sql<Date>`coalesce(generated_at, now())`, updated_at: sql<Date>`now()` })
      .where("plan_id", "=", planId).execute();
    // The budget is spent on the customers reached: a skipped e-mail reaches no one.
    const contacted = decision.kept.length - emails.skipped;
    if (contacted > 0) {
      await trx.updateTable("campaigns").set({ cost_per_contact: decDivInt(plan.budget, contacted, 6) }).where("campaign_id", "=", campaignId).execute();
    }
    const result: GenerateResult = {
      planId, campaignId, customers: members.length, control: members.filter((m) => m.control).length,
      proposed: proposals.length, kept: decision.kept.length, created: sum((x) => x.tasks), existing: sum((x) => x.existing), emails,
      dropped: decision.dropped.length, droppedByCap: caps.map((c) => ({ max: c.max, windowDays: c.windowDays, contacts: byCap.get(c) ?? 0 })), tiers,
    };
    await recordChange(trx, actor, { action: "plan.generated", entityType: "contact_plan", entityId: planId, after: result });
    return result;
  });
}
