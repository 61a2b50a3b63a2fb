import { sql, type Kysely } from "kysely";
import { dayNumber, dayText } from "../../domain/days.ts";
import { journeysFor, type CategoryJourney, type JourneyStep, type Purchase } from "../../domain/journeys/post-purchase.ts";
import { dispatchEmails, linkBase, morningOf } from "../../messages/dispatch.ts";
import { EMAIL_QUEUE } from "../../messages/outbox.ts";
import type { Database } from "../../store/schema.ts";
import { getFeatureSetting, getSettings, putFeatureSetting } from "../../store/settings.repository.ts";
import { createTasks, type NewTask } from "../tasks/tasks.repository.ts";
import { inBook, LIVE, type Book } from "./book.ts";
import { getJourneySettings, knownCategories, type JourneySettings } from "./journey-settings.ts";
import { JOURNEY_STEPS } from "./journey-templates.ts";
import { journeyNotes, journeyTitle } from "./task-text.ts";

/**
 * Turns recent purchases into the post-purchase journey's steps (DOMAIN §5): each step due
 * in the run's window becomes a task on the owner's agenda or an e-mail, once — under a key
 * of the order, the category and the step, so running again (the next day, after a restart,
 * twice at once) adds nothing. The plan itself is the pure `journeysFor`.
 */
type Db = Kysely<Database>;

/** Steps up to two weeks late are still worth doing; older ones are not (the scheduler was off). */
export const CATCH_UP_DAYS = 14;
const PAGE = 500;

export interface JourneyItem {
  customerId: number;
  customerName: string | null;
  ownerId: number | null;
  orderId: number;
  orderNo: string;
  orderDate: string;
  /** null for the welcome, which is one per purchase. */
  category: string | null;
  step: JourneyStep;
  dueOn: string;
  basis?: "model" | "cycle";
  channel: "task" | "email";
  /** The task's key; the e-mail's send key is `emailKey`. */
  key: string;
  emailKey: string;
  title: string;
}

const part = (category: string | null) => category ?? "all";

/**
 * Every step due from `fromDay` to `toDay` (inclusive) of the purchases that can still have
 * one, page by page of customers: orders back as far as the longest delay, returns-only
 * orders left out, the orders of one customer on one day counted as one purchase.
 */
export async function* journeyPages(db: Db, asOfDay: string, fromDay: string, toDay: string, s: JourneySettings, book: Book = null): AsyncGenerator<JourneyItem[]> {
  const cats = await knownCategories(db, s);
  const byCategory = new Map<string, CategoryJourney>(cats.map((c) => [c.category, c.journey]));
  const longest = Math.max(365, ...[s.default, ...byCategory.values()].map((j) => Math.max(j.checkInAfterDays, j.replacementCycleDays)));
  const asOf = dayNumber(asOfDay);
  const since = dayText(dayNumber(fromDay) - longest);
  const run = (await sql<{ run_id: number; as_of: string }>`select run_id::float8 as run_id, as_of::text as as_of from model_runs order by run_id desc limit 1`.execute(db)).rows[0];
  const from = dayNumber(fromDay);
  const to = dayNumber(toDay);
  let after = 0;
  for (;;) {
    const customers = (await sql<{ customer_id: number; name: string | null; owner_id: number | null }>`
      select c.customer_id::float8 as customer_id, c.name, c.owner_id::float8 as owner_id from customers c
      where c.customer_id > ${after} and ${LIVE} and ${inBook(book)}
        and exists (select 1 from orders o where o.customer_id = c.customer_id and o.order_date between ${since} and ${asOfDay})
      order by c.customer_id limit ${PAGE}`.execute(db)).rows;
    if (!customers.length) return;
    after = customers[customers.length - 1]!.customer_id;
    const ids = customers.map((c) => c.customer_id);
    const orders = (await sql<{ customer_id: number; order_id: number; order_no: string; order_date: string; categories: string[] | null }>`
      select o.customer_id::float8 as customer_id, o.order_id::float8 as order_id, o.order_no, o.order_date::text as order_date,
             array_remove(array_agg(distinct coalesce(nullif(l.category, ''), p.category)) filter (where not l.is_return), null) as categories
      from orders o
      join order_lines l on l.customer_id = o.customer_id and l.order_id = o.order_id
      left join products p on p.product_id = l.product_id
      where o.customer_id in (${sql.join(ids)}) and o.order_date between ${since} and ${asOfDay}
      group by o.customer_id, o.order_id, o.order_no, o.order_date
      having bool_or(not l.is_return)
      order by o.customer_id, o.order_date, o.order_id`.execute(db)).rows;
    const expected = new Map<number, number>();
    if (run) {
      const scores = await sql<{ customer_id: number; next_purchase_days: number }>`select customer_id::float8 as customer_id, next_purchase_days from customer_scores
        where run_id = ${run.run_id} and next_purchase_days is not null and customer_id in (${sql.join(ids)})`.execute(db);
      for (const r of scores.rows) expected.set(r.customer_id, dayNumber(run.as_of) + Math.round(r.next_purchase_days));
    }
    const items: JourneyItem[] = [];
    for (const c of customers) {
      const mine = orders.filter((o) => o.customer_id === c.customer_id);
      // One purchase per day: two tills on the same afternoon are one visit, with one welcome.
      const byDay = new Map<number, { orderId: number; orderNo: string; orderDate: string; categories: Set<string> }>();
      for (const o of mine) {
        const d = dayNumber(o.order_date);
        const p = byDay.get(d) ?? { orderId: o.order_id, orderNo: o.order_no, orderDate: o.order_date, categories: new Set<string>() };
        for (const k of o.categories ?? []) p.categories.add(k);
        byDay.set(d, p);
      }
      const days = [...byDay.keys()].sort((a, b) => a - b);
      const last = days[days.length - 1];
      const purchases: Purchase[] = days.map((day) => {
        const p: Purchase = { customer: c.customer_id, day, categories: [...byDay.get(day)!.categories] };
        const e = expected.get(c.customer_id);
        // The model's date speaks for the purchases it saw, and only the last of them starts a repurchase.
        if (e !== undefined && day === last && run && day <= dayNumber(run.as_of)) p.expectedNextOrderDay = e;
        return p;
      });
      for (const step of journeysFor(purchases, byCategory, s.welcomeWithinDays)) {
        const due = step.due;
        if (due < from || due > to || step.orderDay > asOf) continue;
        const o = byDay.get(step.orderDay)!;
        const item: JourneyItem = {
          customerId: c.customer_id, customerName: c.name, ownerId: c.owner_id, orderId: o.orderId, orderNo: o.orderNo, orderDate: o.orderDate,
          category: step.category, step: step.step, dueOn: dayText(due), channel: s.steps[step.step].channel,
          key: `journey:${o.orderId}:${part(step.category)}:${step.step}`, emailKey: `journey-${o.orderId}-${part(step.category)}-${step.step}`,
          title: journeyTitle(s.language, step.step, c.name, step.category),
        };
        if (step.basis) item.basis = step.basis;
        items.push(item);
      }
    }
    if (items.length) yield items;
  }
}

type ByStep = Record<JourneyStep, number>;
const zero = (): ByStep => Object.fromEntries(JOURNEY_STEPS.map((s) => [s, 0])) as ByStep;

export interface JourneyRun {
  enabled: boolean;
  /** New tasks plus newly queued e-mails. */
  created: number;
  /** Steps found done already (a task or an e-mail under the same key). */
  existing: number;
  byStep: ByStep;
  tasks: number;
  emails: { queued: number; held: number; skipped: number };
}

/**
 * The journey steps due around `asOfDay` (the business's local day): from the day after the
 * last run (at most CATCH_UP_DAYS before; today on the first run) to the next day, so a step
 * due tomorrow morning is on the agenda or queued today.
 * An e-mail the customer has not agreed to is skipped; one whose template cannot be filled
 * for this customer is held, and becomes a task so someone contacts them in person.
 */
export async function generateJourneySteps(db: Db, asOfDay: string, o: { baseUrl?: string; now?: Date } = {}): Promise<JourneyRun> {
  const s = await getJourneySettings(db);
  const out: JourneyRun = { enabled: s.enabled, created: 0, existing: 0, byStep: zero(), tasks: 0, emails: { queued: 0, held: 0, skipped: 0 } };
  if (!s.enabled) return out;
  const asOf = dayNumber(asOfDay);
  const baseUrl = await linkBase(db, o.baseUrl);
  const { timezone } = await getSettings(db);
  // Steps due since the last run (at most CATCH_UP_DAYS back, for days the server was down);
  // the first run starts today, so switching journeys on does not bring weeks of late welcomes.
  const last = await getFeatureSetting(db, LAST_RUN);
  const from = typeof last === "string" ? Math.max(asOf - CATCH_UP_DAYS, Math.min(dayNumber(last) + 1, asOf)) : asOf;
  for await (const items of journeyPages(db, asOfDay, dayText(from), dayText(asOf + 1), s)) {
    for (const step of JOURNEY_STEPS) {
      const mine = items.filter((i) => i.step === step);
      if (!mine.length) continue;
      const asTasks: Array<{ item: JourneyItem; held?: string }> = [];
      if (s.steps[step].channel === "task") asTasks.push(...mine.map((item) => ({ item })));
      else {
        const fresh = await notYetSent(db, mine);
        out.existing += mine.length - fresh.length;
        for (const [dueOn, group] of groupBy(fresh, (i) => i.dueOn)) {
          // Tomorrow's step waits for the morning; today's and late ones go now.
          const runAt = dayNumber(dueOn) > asOf ? await morningOf(db, dueOn, timezone) : undefined;
          const results = await dispatchEmails(db, group.map((i) => ({ customerId: i.customerId, key: i.emailKey })), s.steps[step], { baseUrl, runAt, now: o.now });
          results.forEach((r, n) => {
            out.emails[r.status] += 1;
            if (r.status === "queued") out.byStep[step] += 1;
            if (r.status === "held") asTasks.push({ item: group[n]!, held: r.reason ?? "HELD" });
          });
        }
      }
      if (!asTasks.length) continue;
      const r = await createTasks(db, asTasks.map(({ item, held }): NewTask => ({
        customerId: item.customerId, key: item.key, kind: `journey.${step}`, title: item.title,
        notes: journeyNotes(s.language, item.orderNo, item.orderDate, held), dueOn: item.dueOn, sourceType: "journey", sourceId: item.orderId,
      })));
      out.tasks += r.created;
      out.existing += r.existing;
      out.byStep[step] += r.created;
    }
  }
  out.created = out.tasks + out.emails.queued;
  if (typeof last !== "string" || asOfDay > last) await putFeatureSetting(db, LAST_RUN, asOfDay);
  return out;
}

/** The last day the journeys ran for (a feature setting), so the next run picks up from there. */
const LAST_RUN = "journeys_last_run";

/** The e-mail steps neither queued before nor turned into a task (held) before. */
async function notYetSent(db: Db, items: readonly JourneyItem[]): Promise<JourneyItem[]> {
  if (!items.length) return [];
  const jobs = await sql<{ key: string }>`select key from jobs where queue = ${EMAIL_QUEUE}
    and key in (${sql.join(items.map((i) => `${i.emailKey}:${i.customerId}`))})`.execute(db);
  const tasks = await sql<{ k: string }>`select customer_id::text || ' ' || task_key as k from tasks
    where task_key in (${sql.join([...new Set(items.map((i) => i.key))])})`.execute(db);
  const done = new Set([...jobs.rows.map((r) => r.key), ...tasks.rows.map((r) => r.k)]);
  return items.filter((i) => !done.has(`${i.emailKey}:${i.customerId}`) && !done.has(`${i.customerId} ${i.key}`));
}

function groupBy<T>(xs: readonly T[], key: (x: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const x of xs) m.set(key(x), [...(m.get(key(x)) ?? []), x]);
  return m;
}
