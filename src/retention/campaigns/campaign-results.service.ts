import { sql, type Kysely, type RawBuilder } from "kysely";
import { holdoutBalance } from "../../analytics/campaigns/holdout.ts";
import { dayNumber, dayText } from "../../domain/days.ts";
import { decAdd, decMul } from "../../domain/decimal.ts";
import { EMAIL_QUEUE } from "../../messages/outbox.ts";
import type { Database } from "../../store/schema.ts";
import { getSettings } from "../../store/settings.repository.ts";
import { todayIn } from "../../value/value-report.service.ts";
import { STRATA, type Stratum } from "./audience.ts";
import { getCampaign, money, type CampaignOut } from "./campaigns.service.ts";
import { effectOf, readOutcomes, type MeasuredEffect } from "./outcomes.ts";

/**
 * A campaign's results (docs/campaigns.md, "Results"): the contacted group against the
 * control group over the measurement window, overall and per tier, with the balance of the
 * draw, what happened to the messages or calls, and the cost.
 *
 * Intention to treat: the contacted group is every member not held out, including those
 * whose e-mail was held or skipped. They were drawn at random exactly like the control
 * group; dropping them would compare the reachable (who buy more anyway) with everybody.
 */
type Db = Kysely<Database>;

export interface MeasurementWindow {
  from: string;
  to: string;
  /** Days measured so far, and in all. */
  day: number;
  days: number;
  /** Whether the window is still open (its last day is after today). */
  open: boolean;
}

export interface CampaignResults {
  campaign: CampaignOut;
  /** null until the campaign has started and its first day has come. */
  window: MeasurementWindow | null;
  /** Fixed cost + cost per contact × contacted members, a decimal string. */
  cost: string;
  /** The effect overall; null without a window or without both groups. */
  effect: MeasuredEffect | null;
  byStratum: Array<{ stratum: Stratum; contacted: number; control: number; effect: MeasuredEffect | null }>;
  balance: Array<{ stratum: Stratum; members: number; control: number; share: number }>;
  delivery: {
    channel: string;
    /** Intention to treat: every non-control member, however their contact went. */
    contacted: number;
    held: number;
    skipped: number;
    reasons: Array<{ status: "held" | "skipped"; reason: string; n: number }>;
    /** E-mail: the sends by their outbox status, and those still waiting in the queue. */
    sends: { waiting: number; sending: number; sent: number; failed: number; unknown: number } | null;
    /** Calls: the owners' tasks by status. */
    tasks: { open: number; done: number; cancelled: number } | null;
  };
}

/** The window [start day, min(start day + measure days − 1, today)], or null before the start day. */
export function measurementWindow(startDay: string | null, measureDays: number, today: string): MeasurementWindow | null {
  if (!startDay || today < startDay) return null;
  const last = dayNumber(startDay) + measureDays - 1;
  const to = Math.min(last, dayNumber(today));
  return { from: startDay, to: dayText(to), day: to - dayNumber(startDay) + 1, days: measureDays, open: last > dayNumber(today) };
}

export async function campaignResults(db: Db, id: number, o: { today?: string } = {}): Promise<CampaignResults> {
  const campaign = await getCampaign(db, id);
  const today = o.today ?? todayIn((await getSettings(db)).timezone);
  const members = (await sql<{ customer_id: number; stratum: string; control: boolean; status: string; reason: string | null }>`
    select customer_id::float8 as customer_id, stratum, control, status, reason from campaign_members where campaign_id = ${id} order by customer_id`.execute(db)).rows;
  const contactedIds = members.filter((m) => !m.control).map((m) => Number(m.customer_id));
  const controlIds = members.filter((m) => m.control).map((m) => Number(m.customer_id));
  const cost = money(decAdd(campaign.cost, decMul(campaign.costPerContact, String(contactedIds.length))));
  const window = measurementWindow(campaign.startDay, campaign.measureDays, today);

  // what every member bought is read once, for the effect overall and in each tier
  const outcomes = window !== null && contactedIds.length > 0 && controlIds.length > 0 ? await readOutcomes(db, [...contactedIds, ...controlIds], window) : null;
  const effect = outcomes ? effectOf(outcomes, contactedIds, controlIds, cost) : null;

  const strata = members.map((m) => STRATA.indexOf(m.stratum as Stratum));
  const balanceMap = holdoutBalance(strata, Uint8Array.from(members, (m) => (m.control ? 1 : 0)));
  const balance = [...balanceMap].sort((a, b) => a[0] - b[0])
    .map(([s, b]) => ({ stratum: STRATA[s] ?? "none", members: b.n, control: b.control, share: b.n ? b.control / b.n : 0 }));

  const byStratum: CampaignResults["byStratum"] = [];
  for (const b of balance) {
    const inStratum = members.filter((m) => m.stratum === b.stratum);
    const t = inStratum.filter((m) => !m.control).map((m) => Number(m.customer_id));
    const c = inStratum.filter((m) => m.control).map((m) => Number(m.customer_id));
    // a tier's cost is not apportioned: its ROI would rest on an allocation rule, not on data
    const e = outcomes && t.length && c.length ? effectOf(outcomes, t, c, "0") : null;
    byStratum.push({ stratum: b.stratum, contacted: t.length, control: c.length, effect: e });
  }

  const reasons = new Map<string, { status: "held" | "skipped"; reason: string; n: number }>();
  for (const m of members) {
    if (m.status !== "held" && m.status !== "skipped") continue;
    const k = `${m.status}:${m.reason ?? ""}`;
    const e = reasons.get(k) ?? { status: m.status, reason: m.reason ?? "", n: 0 };
    e.n++;
    reasons.set(k, e);
  }
  return {
    campaign, window, cost, effect, byStratum, balance,
    delivery: {
      channel: campaign.channel, contacted: contactedIds.length,
      held: members.filter((m) => m.status === "held").length, skipped: members.filter((m) => m.status === "skipped").length,
      reasons: [...reasons.values()].sort((a, b) => b.n - a.n),
      // a plan goes out by e-mail, as tasks, or both ("mixed"), by contact type
      sends: campaign.channel === "email" || campaign.channel === "mixed"
        ? (campaign.planId !== null ? await planSendCounts(db, campaign.planId) : await sendCounts(db, sql`send_key = ${`campaign-${id}`}`, members.filter((m) => m.status === "queued").length))
        : null,
      tasks: campaign.channel === "task" || campaign.channel === "mixed" ? await taskCounts(db, id, campaign.kind === "plan") : null,
    },
  };
}

/** The sends whose key meets `keys`, by status, and those of the `queued` e-mails not yet tried. */
async function sendCounts(db: Db, keys: RawBuilder<unknown>, queued: number) {
  const r = await sql<{ status: string; n: number }>`select status, count(*)::int as n from message_sends where ${keys} group by status`.execute(db);
  const by = Object.fromEntries(r.rows.map((x) => [x.status, Number(x.n)]));
  const [sending, sent, failed, unknown] = [by.sending ?? 0, by.sent ?? 0, by.failed ?? 0, by.unknown ?? 0];
  return { waiting: Math.max(0, queued - sending - sent - failed - unknown), sending, sent, failed, unknown };
}

/** A plan's e-mails: several per customer, each job keyed `plan-<plan>-<k>:<customer>` and its send `plan-<plan>-<k>`. */
async function planSendCounts(db: Db, planId: number) {
  const own = `plan-${planId}-%`;
  const jobs = await sql<{ n: number }>`select count(*)::int as n from jobs where queue = ${EMAIL_QUEUE} and key like ${own}`.execute(db);
  return sendCounts(db, sql`send_key like ${own}`, Number(jobs.rows[0]!.n));
}

async function taskCounts(db: Db, id: number, plan: boolean) {
  // a contact plan's tasks carry the plan's keys; a campaign's, its own
  const r = plan
    ? await sql<{ status: string; n: number }>`select t.status, count(*)::int as n from tasks t
        join campaigns c on c.campaign_id = ${id} where t.source_type = 'plan' and t.source_id = c.plan_id group by t.status`.execute(db)
    : await sql<{ status: string; n: number }>`select status, count(*)::int as n from tasks where task_key = ${`campaign:${id}`} group by status`.execute(db);
  const by = Object.fromEntries(r.rows.map((x) => [x.status, Number(x.n)]));
  return { open: by.open ?? 0, done: by.done ?? 0, cancelled: by.cancelled ?? 0 };
}
