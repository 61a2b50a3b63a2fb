import { sql, type Kysely } from "kysely";
import type { Actor } from "../audit/audit.repository.ts";
import { responseLines, DEMO_LIFT, type ContactedCustomer } from "../demo/responses.ts";
import { Rng } from "../demo/rng.ts";
import { dayNumber, dayText } from "../domain/days.ts";
import type { OrderLineInput } from "../domain/inputs.ts";
import { runImport } from "../ingest/run.ts";
import { OrderSink } from "../ingest/sinks/orders.ts";
import type { Database } from "../store/schema.ts";
import { getSettings, loadFxTable } from "../store/settings.repository.ts";
import { createCampaign, startCampaign } from "./campaigns/campaigns.service.ts";
import { generateCareReminders } from "./journeys/reminders.service.ts";
import { apparelExample, quarterOf, quarterStartOf } from "./plans/plan-definition.ts";
import { generatePlan } from "./plans/plan-generate.ts";
import { createPlan } from "./plans/plans.service.ts";

/**
 * The demo business acts on its analyses (DOMAIN §5), so the plan and campaign pages have
 * results to show: a tiered contact plan after seed 000's apparel chain for the last whole
 * quarter, and a win-back call campaign over its churned and at-risk customers, each with a
 * 10% control group drawn per tier. The reps are taken to have made every contact that fell
 * due, and the customers answer as `demo/responses.ts` simulates, with a known lift — so the
 * measured effect can be checked against the truth. Made once: a store that has them keeps
 * them.
 */
type Db = Kysely<Database>;

export const DEMO_PLAN_NAME = "服装连锁分层联系计划（演示）";
export const DEMO_WINBACK_NAME = "流失与濒危客户赢回（演示）";
const ACTOR: Actor = { userId: null, label: "demo" };

export interface DemoActions {
  plan: { id: number; quarterStart: string; tasks: number; contacted: number; control: number } | null;
  winback: { id: number; startDay: string; contacted: number; control: number } | null;
  responses: number;
}

/** The first day of the last calendar quarter that ended by `end`. */
export function lastWholeQuarter(end: string): string {
  const next = quarterStartOf(dayText(dayNumber(end) + 1));
  return quarterStartOf(dayText(dayNumber(next) - 1));
}

/**
 * The win-back's first day: the day after the latest of `snapshotDates` that is dated before
 * the plan's quarter and leaves a whole 90-day window before `end`, so its audience is read
 * from the segments as they were then — segments that no simulated answer has touched.
 */
export function winbackStart(end: string, snapshotDates: readonly string[]): string | null {
  const fits = snapshotDates.filter((d) => dayNumber(d) + 90 <= dayNumber(end) && d < lastWholeQuarter(end)).sort();
  return fits.length ? dayText(dayNumber(fits[fits.length - 1]!) + 1) : null;
}

async function contactedOf(db: Db, campaignId: number): Promise<ContactedCustomer[]> {
  const r = await sql<{ id: number; ref: string; kind: string }>`
    select m.customer_id::float8 as id, i.external_id as ref, c.kind
    from campaign_members m
    join customers c on c.customer_id = m.customer_id
    join customer_identities i on i.customer_id = m.customer_id and i.source = 'demo'
    where m.campaign_id = ${campaignId} and not m.control
    order by m.customer_id`.execute(db);
  return r.rows.map((x) => ({ customerId: Number(x.id), ref: x.ref, enterprise: x.kind === "enterprise" }));
}

/** The reps made the calls that fell due by `end`: each such task is done on its day. */
async function completeDueTasks(db: Db, source: "plan" | "winback", sourceId: number, end: string): Promise<void> {
  await sql`update tasks set status = 'done', outcome = '已联系', done_at = (due_on + time '15:00') at time zone 'Asia/Shanghai', done_by = owner_id
    where source_type = ${source} and source_id = ${sourceId} and status = 'open' and due_on <= ${end}::date`.execute(db);
}

async function importResponses(db: Db, lines: OrderLineInput[], label: string): Promise<number> {
  if (!lines.length) return 0;
  const settings = await getSettings(db);
  const fx = await loadFxTable(db);
  const summary = await runImport(db, {
    kind: "orders", fileName: label, source: "demo",
    batches: (async function* () {
      yield lines.map((value, i) => ({ line: i + 1, ok: true as const, value }));
    })(),
    makeSink: (importId) => new OrderSink({ source: "demo", importId, settings, reason: "demo responses" }, fx),
  });
  return summary.landed;
}

/**
 * Makes the demo's plan and win-back (each once) and the customers' simulated answers.
 * Call it after the segment snapshots dated before the plan's quarter are saved and before
 * those dated in or after it, so every snapshot agrees with the orders.
 */
export async function loadDemoActions(db: Db, o: { seed: number; end: string; snapshotDates: readonly string[] }): Promise<DemoActions> {
  const out: DemoActions = { plan: null, winback: null, responses: 0 };
  const lines: OrderLineInput[] = [];
  const clip = (day: number) => Math.min(day, dayNumber(o.end));

  const hasPlan = await db.selectFrom("contact_plans").select("plan_id").where("name", "=", DEMO_PLAN_NAME).executeTakeFirst();
  if (!hasPlan) {
    const quarterStart = lastWholeQuarter(o.end);
    const plan = await createPlan(db, { ...apparelExample(quarterStart), name: DEMO_PLAN_NAME, budget: "20000.00", controlShare: "0.1" }, ACTOR, o.seed);
    const g = await generatePlan(db, plan.id, ACTOR);
    await completeDueTasks(db, "plan", plan.id, o.end);
    const contacted = await contactedOf(db, g.campaignId);
    const q = quarterOf(quarterStart);
    lines.push(...responseLines(o.seed, `plan-${plan.id}`, contacted, dayNumber(quarterStart), clip(dayNumber(q.end)), DEMO_LIFT.plan));
    out.plan = { id: plan.id, quarterStart, tasks: g.created, contacted: contacted.length, control: g.control };
  }

  const startDay = winbackStart(o.end, o.snapshotDates);
  const hasWinback = await db.selectFrom("campaigns").select("campaign_id").where("name", "=", DEMO_WINBACK_NAME).executeTakeFirst();
  if (!hasWinback && startDay) {
    const c = await createCampaign(db, {
      name: DEMO_WINBACK_NAME, kind: "winback", channel: "task", subject: null,
      body: "致电{{name}}：问候近况，提到上次购买的{{lastPurchase.product}}，介绍{{favouriteCategory}}的新品，邀请回店并送上老客专享券。",
      audience: { kind: "winback", loyalty: ["churned", "marginal"] }, holdoutShare: 0.1, seed: o.seed, costPerContact: "5.00", cost: "0", measureDays: 90,
    }, ACTOR);
    const started = await startCampaign(db, c.id, ACTOR, { startDay });
    await completeDueTasks(db, "winback", started.id, o.end);
    const contacted = await contactedOf(db, started.id);
    lines.push(...responseLines(o.seed, `winback-${started.id}`, contacted, dayNumber(startDay), clip(dayNumber(startDay) + 89), DEMO_LIFT.winback));
    const control = await db.selectFrom("campaign_members").select(sql<number>`count(*)::int`.as("n")).where("campaign_id", "=", started.id).where("control", "=", true).executeTakeFirstOrThrow();
    out.winback = { id: started.id, startDay, contacted: contacted.length, control: control.n };
  }
  out.responses = await importResponses(db, lines, `demo responses (seed=${o.seed}, end=${o.end})`);
  return out;
}

/** The days before the agenda's first day whose care reminders the demo's reps have worked. */
export const DEMO_CARE_DAYS = 30;
/** The share of those reminders the reps missed: they stand overdue on the agenda. */
const MISSED = 1 / 12;
const STREAM_CARE = 31;
const CARE_DONE: readonly (readonly [channel: string, outcome: string])[] = [
  ["wechat", "已送上祝福，客户回复感谢"], ["wechat", "已送上祝福"], ["phone", "电话问候，客户很高兴"], ["sms", "已发祝福短信"],
];
const VISIT_DONE: readonly (readonly [channel: string, outcome: string])[] = [
  ["visit", "拜访完成，沟通下季度需求"], ["visit", "拜访完成，客户反馈良好"], ["phone", "客户出差，改为电话沟通"],
];

export interface DemoCareMonth {
  /** The care reminders and planned visits that fell due to a rep over the month. */
  due: number;
  done: number;
  missed: number;
}

/**
 * The reps' last month of care (DOMAIN §5): the care reminders and key-account visits the
 * daily job would have made on each of the `DEMO_CARE_DAYS` days up to `end`, each done on its
 * due day by its owner with the contact on the customer's timeline — but about one in twelve,
 * missed and now overdue — so Today and the team view open on a team at work rather than on
 * an empty history. Made once: a store whose reps have done a care reminder keeps its own.
 */
export async function workDemoCareMonth(db: Db, o: { seed: number; end: string }): Promise<DemoCareMonth | null> {
  const worked = await db.selectFrom("tasks").select("task_id").where("source_type", "in", ["reminder", "visit"]).where("status", "=", "done").limit(1).executeTakeFirst();
  if (worked) return null;
  const first = dayNumber(o.end) - DEMO_CARE_DAYS + 1;
  await generateCareReminders(db, dayText(first), { throughDay: o.end });
  const due = await db.selectFrom("tasks").select(["customer_id", "task_id", "kind"])
    .where("source_type", "in", ["reminder", "visit"]).where("status", "=", "open").where("owner_id", "is not", null)
    .where("due_on", ">=", dayText(first)).where("due_on", "<=", o.end)
    .orderBy("customer_id").orderBy("task_key").execute();
  const rng = new Rng(o.seed, 0, STREAM_CARE);
  const done: Array<{ taskId: number; channel: string; outcome: string }> = [];
  for (const t of due) {
    if (rng.chance(MISSED)) continue;
    const choices = t.kind === "visit" ? VISIT_DONE : CARE_DONE;
    const [channel, outcome] = choices[rng.int(0, choices.length - 1)]!;
    done.push({ taskId: Number(t.task_id), channel, outcome });
  }
  for (let i = 0; i < done.length; i += 1000) {
    const chunk = done.slice(i, i + 1000);
    const rows = sql.join(chunk.map((d) => sql`(${d.taskId}::bigint, ${d.channel}, ${d.outcome})`));
    // Done at three in the afternoon of the due day, the business's (Shanghai's) time, like the plan's calls.
    await sql`update tasks t set status = 'done', outcome = d.outcome, done_at = (t.due_on + time '15:00') at time zone 'Asia/Shanghai', done_by = t.owner_id
      from (values ${rows}) as d(task_id, channel, outcome)
      where t.task_id = d.task_id and t.status = 'open'`.execute(db);
    await sql`insert into interactions (customer_id, occurred_at, channel, direction, purpose, outcome, notes, user_id, external_ref, import_id)
      select t.customer_id, t.done_at, d.channel, 'outbound', t.kind, t.outcome, null, t.owner_id, 'task:' || t.task_id, null
      from tasks t join (values ${rows}) as d(task_id, channel, outcome) on d.task_id = t.task_id`.execute(db);
  }
  return { due: due.length, done: done.length, missed: due.length - done.length };
}
