import { sql, type Kysely, type Transaction } from "kysely";
import { applyCaps, type Cap, type ProposedContact } from "../../analytics/campaigns/caps.ts";
import { assignHoldout } from "../../analytics/campaigns/holdout.ts";
import { quarterContacts, type ContactType } from "../../analytics/campaigns/tiered-plan.ts";
import { recordChange, type Actor } from "../../audit/audit.repository.ts";
import { dayNumber, dayText } from "../../domain/days.ts";
import { decDivInt } from "../../domain/decimal.ts";
import { RetainError } from "../../errors.ts";
import type { Database } from "../../store/schema.ts";
import { getSettings } from "../../store/settings.repository.ts";
import { inTransaction } from "../../store/transaction.ts";
import { createTasks, type NewTask } from "../tasks/tasks.repository.ts";
import { quarterOf } from "./plan-definition.ts";
import { assignTiers } from "./plan-tiers.ts";
import { getPlan, type PlanOut } from "./plans.service.ts";

/**
 * Generating a plan's quarter (docs/contact-plans.md): the first time, its customers are cut
 * into tiers and a control group is drawn per tier, and both are stored as the members of one
 * campaign of kind 'plan' (so the campaigns list shows it and its results are measured like
 * any campaign's). Then every contacted customer's contacts of the quarter, kept only where
 * the frequency caps allow given everything else the customer has had or has coming, become
 * tasks for the customer's owner. Generating again adds only what is missing.
 */
type Db = Kysely<Database>;
type Trx = Transaction<Database>;

export interface GenerateResult {
  planId: number;
  campaignId: number;
  customers: number;
  control: number;
  /** Contacts the tiers ask for (contacted customers × contacts per quarter). */
  proposed: number;
  /** Contacts within the caps, and how many of them were new tasks. */
  kept: number;
  created: number;
  existing: number;
  dropped: number;
  droppedByCap: Array<{ max: number; windowDays: number; contacts: number }>;
  tiers: Array<{ key: string; customers: number; control: number; contacts: number; dropped: number }>;
}

interface Member {
  customer: number;
  tier: number;
  control: boolean;
}

const CHUNK = 1000;

/** The plan's campaign and its members: stored ones, or drawn now and stored. */
async function membersOf(trx: Trx, plan: PlanOut, actor: Actor): Promise<{ campaignId: number; members: Member[] }> {
  const tierIndex = new Map(plan.tiers.map((t, i) => [t.key, i]));
  if (plan.campaignId !== null) {
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
    name: plan.name, kind: "plan", channel: "task", subject: null, body: summary,
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
 * done tasks from any source but this plan (whose own tasks are what is being decided), and
 * every message sent or on its way.
 */
export async function contactHistory(db: Db, planId: number, from: string, to: string, timezone: string): Promise<Map<number, number[]>> {
  const r = await sql<{ id: number; day: number }>`
    select customer_id::float8 as id, (due_on - date '1970-01-01')::int as day from tasks
      where status in ('open', 'done') and due_on between ${from}::date and ${to}::date
        and not (source_type = 'plan' and source_id is not distinct from ${planId})
    union all
    select customer_id::float8, ((created_at at time zone ${timezone})::date - date '1970-01-01')::int from message_sends
      where status <> 'failed' and (created_at at time zone ${timezone})::date between ${from}::date and ${to}::date`.execute(db);
  const history = new Map<number, number[]>();
  for (const { id, day } of r.rows) {
    const h = history.get(Number(id));
    if (h) h.push(Number(day));
    else history.set(Number(id), [Number(day)]);
  }
  return history;
}

/** Generates (or completes) the plan's quarter of tasks. Idempotent: the same plan adds nothing the second time. */
export async function generatePlan(db: Db, planId: number, actor: Actor): Promise<GenerateResult> {
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

    const proposals: Array<ProposedContact & { type: ContactType; k: number; tier: number }> = [];
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

    const tasks: NewTask[] = decision.kept.map((i) => {
      const p = proposals[i]!;
      return { customerId: p.customer, key: `plan:${planId}:${p.k}`, kind: p.type, title: p.type, dueOn: dayText(p.day), sourceType: "plan", sourceId: planId, createdBy: actor.userId };
    });
    const { created, existing } = await createTasks(trx, tasks);

    const byCap = new Map<Cap, number>();
    for (const d of decision.dropped) byCap.set(d.cap, (byCap.get(d.cap) ?? 0) + 1);
    const tiers = plan.tiers.map((tier) => ({ key: tier.key, customers: 0, control: 0, contacts: 0, dropped: 0 }));
    for (const m of members) {
      tiers[m.tier]!.customers++;
      if (m.control) tiers[m.tier]!.control++;
    }
    for (const i of decision.kept) tiers[proposals[i]!.tier]!.contacts++;
    for (const d of decision.dropped) tiers[proposals[d.index]!.tier]!.dropped++;

    await trx.updateTable("contact_plans").set({ status: "generated", generated_at: sql<Date>`coalesce(generated_at, now())`, updated_at: sql<Date>`now()` })
      .where("plan_id", "=", planId).execute();
    if (tasks.length > 0) {
      await trx.updateTable("campaigns").set({ cost_per_contact: decDivInt(plan.budget, tasks.length, 6) }).where("campaign_id", "=", campaignId).execute();
    }
    const result: GenerateResult = {
      planId, campaignId, customers: members.length, control: members.filter((m) => m.control).length,
      proposed: proposals.length, kept: decision.kept.length, created, existing, dropped: decision.dropped.length,
      droppedByCap: caps.map((c) => ({ max: c.max, windowDays: c.windowDays, contacts: byCap.get(c) ?? 0 })), tiers,
    };
    await recordChange(trx, actor, { action: "plan.generated", entityType: "contact_plan", entityId: planId, after: result });
    return result;
  });
}
