import { sql, type Kysely } from "kysely";
import { EMAIL_QUEUE } from "../../messages/outbox.ts";
import type { Database } from "../../store/schema.ts";
import { getSettings } from "../../store/settings.repository.ts";
import { todayIn } from "../../value/value-report.service.ts";
import { effectOf, readOutcomes, type MeasuredEffect } from "../campaigns/outcomes.ts";
import { quarterOf } from "./plan-definition.ts";
import { assignTiers, netByCustomer } from "./plan-tiers.ts";
import { getPlan, planLines, tierActuals, type PlanLine, type PlanOut } from "./plans.service.ts";

/**
 * How a plan is doing (docs/contact-plans.md): per tier, the planned budget against the
 * tier's sales in the quarter so far, the contacts planned, done and overdue (tasks and
 * e-mails), and — when the plan holds out a control group — what contacting them changed,
 * measured against it.
 */
type Db = Kysely<Database>;

export interface TierResult extends PlanLine {
  contacts: { planned: number; done: number; open: number; overdue: number; cancelled: number };
  effect: MeasuredEffect | null;
}

export interface PlanResults {
  plan: PlanOut;
  /** The quarter so far: its first day to the earlier of its last day and today. */
  window: { from: string; to: string } | null;
  tiers: TierResult[];
  totals: { customers: number; sales: string; budget: string; contacts: TierResult["contacts"] };
  effect: MeasuredEffect | null;
  /** Why there is no effect: no control group, not generated, or the quarter has not begun. */
  effectMissing: "no_control" | "not_generated" | "not_started" | null;
}

type Counts = TierResult["contacts"];
const noContacts = (): Counts => ({ planned: 0, done: 0, open: 0, overdue: 0, cancelled: 0 });

/**
 * The plan's contacts per tier: its tasks by status, and its e-mails — sent ones are done, ones
 * still queued (or being retried) are open, ones the sender gave up on are cancelled. An e-mail
 * held back is counted once, as the task that stands in for it.
 */
async function contactCounts(db: Db, plan: PlanOut, today: string): Promise<Map<string, Counts>> {
  if (plan.campaignId === null) return new Map();
  const r = await sql<{ stratum: string } & Counts>`
    with contacts as (
      select t.customer_id, (t.status = 'done') as done, (t.status = 'open') as open,
        (t.status = 'open' and t.due_on < ${today}::date) as overdue, (t.status = 'cancelled') as cancelled
      from tasks t where t.source_type = 'plan' and t.source_id = ${plan.id}
      union all
      select (j.payload->>'customerId')::bigint, coalesce(s.status = 'sent', false),
        j.state in ('queued', 'running') and s.status is distinct from 'sent', false,
        j.state = 'failed' and s.status is distinct from 'sent'
      from jobs j
      left join message_sends s on s.customer_id = (j.payload->>'customerId')::bigint and s.send_key = j.payload->>'key'
      where j.queue = ${EMAIL_QUEUE} and j.key like ${`plan-${plan.id}-%`}
    )
    select m.stratum, count(*)::int as planned,
      count(*) filter (where c.done)::int as done,
      count(*) filter (where c.open)::int as open,
      count(*) filter (where c.overdue)::int as overdue,
      count(*) filter (where c.cancelled)::int as cancelled
    from contacts c join campaign_members m on m.customer_id = c.customer_id and m.campaign_id = ${plan.campaignId}
    group by m.stratum`.execute(db);
  return new Map(r.rows.map(({ stratum, ...c }) => [stratum, c]));
}

async function groupsOf(db: Db, campaignId: number): Promise<Map<string, { contacted: number[]; control: number[] }>> {
  const r = await sql<{ id: number; stratum: string; control: boolean }>`
    select customer_id::float8 as id, stratum, control from campaign_members where campaign_id = ${campaignId} order by customer_id`.execute(db);
  const out = new Map<string, { contacted: number[]; control: number[] }>();
  for (const m of r.rows) {
    const g = out.get(m.stratum) ?? { contacted: [], control: [] };
    (m.control ? g.control : g.contacted).push(Number(m.id));
    out.set(m.stratum, g);
  }
  return out;
}

/** The plan's results as of today (in the business's time zone) or the given day. */
export async function planResults(db: Db, id: number, asOf?: string): Promise<PlanResults> {
  const plan = await getPlan(db, id);
  const today = asOf ?? todayIn((await getSettings(db)).timezone);
  const q = quarterOf(plan.quarterStart);
  const started = today >= q.start;
  const window = started ? { from: q.start, to: today < q.end ? today : q.end } : null;

  // Sales of the quarter so far come from the month aggregates, which hold the current
  // month's sales to date. A draft has no members yet: its customers are cut as of now.
  let actuals: Array<{ customers: number; net: bigint }>;
  if (plan.campaignId !== null) {
    actuals = window ? await tierActuals(db, plan, window) : (await tierActuals(db, plan, { from: q.start, to: q.start })).map((a) => ({ customers: a.customers, net: 0n }));
  } else {
    const cut = await assignTiers(db, plan.quarterStart, plan.tiers.map((t) => t.customerShare));
    const net = window ? await netByCustomer(db, window.from, window.to) : new Map<number, bigint>();
    actuals = plan.tiers.map(() => ({ customers: 0, net: 0n }));
    cut.ids.forEach((c, i) => {
      const a = actuals[cut.tier[i]!]!;
      a.customers++;
      a.net += net.get(c) ?? 0n;
    });
  }
  const { lines, totals } = planLines(plan, actuals);
  const counts = await contactCounts(db, plan, today);

  let effectMissing: PlanResults["effectMissing"] = null;
  if (plan.campaignId === null) effectMissing = "not_generated";
  else if (Number(plan.controlShare) === 0) effectMissing = "no_control";
  else if (!window) effectMissing = "not_started";
  const groups = effectMissing === null ? await groupsOf(db, plan.campaignId!) : null;

  const all = groups ? [...groups.values()] : [];
  const contacted = all.flatMap((g) => g.contacted);
  const control = all.flatMap((g) => g.control);
  // what every member bought is read once, for the effect overall and in each tier
  const outcomes = window && contacted.length > 0 && control.length > 0 ? await readOutcomes(db, [...contacted, ...control], window) : null;
  const tiers: TierResult[] = [];
  for (const line of lines) {
    const g = groups?.get(line.key);
    const effect = g && outcomes && g.contacted.length > 0 && g.control.length > 0 ? effectOf(outcomes, g.contacted, g.control, line.budget) : null;
    tiers.push({ ...line, contacts: counts.get(line.key) ?? noContacts(), effect });
  }
  const effect: MeasuredEffect | null = outcomes ? effectOf(outcomes, contacted, control, plan.budget) : null;
  const sum = noContacts();
  for (const t of tiers) for (const k of Object.keys(sum) as Array<keyof Counts>) sum[k] += t.contacts[k];
  return { plan, window, tiers, totals: { customers: totals.customers, sales: totals.sales, budget: totals.budget, contacts: sum }, effect, effectMissing };
}

