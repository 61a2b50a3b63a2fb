import { sql, type Kysely } from "kysely";
import { dayNumber, dayText } from "../../domain/days.ts";
import type { FestivalKey } from "../../domain/calendar/festivals.ts";
import { lunarDateOf, type LunarDate } from "../../domain/calendar/lunar.ts";
import type { JourneyStep } from "../../domain/journeys/post-purchase.ts";
import { emailReach, type SkipReason } from "../../messages/dispatch.ts";
import { EMAIL_QUEUE } from "../../messages/outbox.ts";
import type { Database } from "../../store/schema.ts";
import { inBook, type Book } from "./book.ts";
import { getJourneySettings } from "./journey-settings.ts";
import { journeyPages } from "./journeys.service.ts";
import { getReminderSettings } from "./reminder-settings.ts";
import { carePages } from "./reminders.service.ts";
import type { CareKind } from "./task-text.ts";

/**
 * What journeys and care reminders have put, or will put, on the agenda in the next days:
 * the open tasks already made, and a dry run of the runs to come (nothing is written).
 */
type Db = Kysely<Database>;

export interface UpcomingItem {
  key: string;
  source: "journey" | "reminder" | "visit";
  kind: string;
  customerId: number;
  customerName: string | null;
  ownerId: number | null;
  ownerName: string | null;
  dueOn: string;
  title: string;
  channel: "task" | "email";
  /**
   * "task": on the agenda already; "email": queued or sent; "planned": a coming run will make
   * it; "skipped": an e-mail step a run would skip, for `skipReason`.
   */
  state: "task" | "email" | "planned" | "skipped";
  skipReason: SkipReason | null;
  taskId: number | null;
  step: JourneyStep | null;
  category: string | null;
  basis: "model" | "cycle" | null;
  occasion: { kind: CareKind | "visit"; date: string; lunar: LunarDate | null; festival: FestivalKey | null; years: number | null; label: string | null } | null;
}

export const MAX_ITEMS = 2000;
const LUNAR_KINDS = new Set(["lunarBirthday"]);

export async function upcoming(db: Db, o: { asOfDay: string; days: number; source?: "journey" | "reminder"; book?: Book }): Promise<{ items: UpcomingItem[]; truncated: boolean }> {
  const toDay = dayText(dayNumber(o.asOfDay) + o.days);
  const book = o.book ?? null;
  const planned = new Map<string, UpcomingItem>();
  const emailKeys = new Map<UpcomingItem, string>();
  let truncated = false;
  const add = (i: UpcomingItem) => {
    if (planned.size >= MAX_ITEMS) truncated = true;
    else planned.set(`${i.customerId} ${i.key}`, i);
  };
  if (o.source !== "reminder") {
    const s = await getJourneySettings(db);
    if (s.enabled) {
      for await (const page of journeyPages(db, o.asOfDay, o.asOfDay, toDay, s, book)) {
        for (const i of page) {
          const item: UpcomingItem = { key: i.key, source: "journey", kind: `journey.${i.step}`, customerId: i.customerId, customerName: i.customerName, ownerId: i.ownerId, ownerName: null,
            dueOn: i.dueOn, title: i.title, channel: i.channel, state: "planned", skipReason: null, taskId: null, step: i.step, category: i.category, basis: i.basis ?? null, occasion: null };
          if (i.channel === "email") emailKeys.set(item, `${i.emailKey}:${i.customerId}`);
          add(item);
        }
        if (truncated) break;
      }
    }
  }
  if (o.source !== "journey" && !truncated) {
    const s = await getReminderSettings(db);
    if (s.enabled) {
      for await (const page of carePages(db, o.asOfDay, toDay, s, book)) {
        for (const i of page) {
          add({ key: i.key, source: i.source, kind: i.kind === "visit" ? "visit" : `care.${i.kind}`, customerId: i.customerId, customerName: i.customerName,
            ownerId: i.ownerId, ownerName: null, dueOn: i.dueOn, title: i.title, channel: "task", state: "planned", skipReason: null, taskId: null, step: null, category: null, basis: null,
            occasion: { kind: i.kind, date: i.occasionDate, lunar: i.lunar, festival: i.festival, years: i.years, label: i.label } });
        }
        if (truncated) break;
      }
    }
  }

  // e-mail steps already queued (or sent) under their send key
  const emails = [...emailKeys.entries()];
  for (let k = 0; k < emails.length; k += 1000) {
    const chunk = emails.slice(k, k + 1000);
    const found = new Set((await sql<{ key: string }>`select key from jobs where queue = ${EMAIL_QUEUE} and key in (${sql.join(chunk.map(([, key]) => key))})`.execute(db)).rows.map((r) => r.key));
    for (const [item, key] of chunk) if (found.has(key)) item.state = "email";
  }
  // …and those still to come that a run would skip (no consent, no address), as it would.
  const toCome = emails.filter(([item]) => item.state === "planned").map(([item]) => item);
  const reach = await emailReach(db, toCome.map((i) => i.customerId));
  for (const item of toCome) {
    const skip = reach.get(item.customerId)?.skip ?? null;
    if (skip) Object.assign(item, { state: "skipped", skipReason: skip });
  }

  const sources = o.source === "journey" ? ["journey"] : o.source === "reminder" ? ["reminder", "visit"] : ["journey", "reminder", "visit"];
  const tasks = (await sql<{ task_id: number; customer_id: number; task_key: string | null; kind: string; title: string; due_on: string; owner_id: number | null;
    source_type: string; name: string | null }>`
    select t.task_id::float8 as task_id, t.customer_id::float8 as customer_id, t.task_key, t.kind, t.title, t.due_on::text as due_on, t.owner_id::float8 as owner_id,
           t.source_type, c.name
    from tasks t join customers c on c.customer_id = t.customer_id
    where t.status = 'open' and t.source_type in (${sql.join(sources)}) and t.due_on between ${o.asOfDay} and ${toDay} and ${inBook(book)}
    order by t.due_on, t.task_id limit ${MAX_ITEMS}`.execute(db)).rows;
  for (const t of tasks) {
    const id = `${t.customer_id} ${t.task_key}`;
    const p = t.task_key ? planned.get(id) : undefined;
    if (p) {
      Object.assign(p, { state: "task", skipReason: null, taskId: t.task_id, ownerId: t.owner_id, title: t.title, channel: "task", dueOn: t.due_on });
      continue;
    }
    add(fromTask(t));
  }
  const owners = [...new Set([...planned.values()].map((i) => i.ownerId).filter((x): x is number => x !== null))];
  const names = new Map<number, string>();
  if (owners.length) for (const u of await db.selectFrom("users").select(["user_id", "name"]).where("user_id", "in", owners).execute()) names.set(Number(u.user_id), u.name);
  const items = [...planned.values()].map((i) => ({ ...i, ownerName: i.ownerId === null ? null : (names.get(i.ownerId) ?? null) }));
  items.sort((a, b) => (a.dueOn < b.dueOn ? -1 : a.dueOn > b.dueOn ? 1 : a.customerId - b.customerId || (a.key < b.key ? -1 : 1)));
  return { items, truncated };
}

/** A task made by an earlier run (or under earlier settings) that the dry run no longer plans. */
function fromTask(t: { task_id: number; customer_id: number; task_key: string | null; kind: string; title: string; due_on: string; owner_id: number | null; source_type: string; name: string | null }): UpcomingItem {
  const parts = (t.task_key ?? "").split(":");
  const base: UpcomingItem = {
    key: t.task_key ?? `task:${t.task_id}`, source: t.source_type as UpcomingItem["source"], kind: t.kind, customerId: t.customer_id, customerName: t.name,
    ownerId: t.owner_id, ownerName: null, dueOn: t.due_on, title: t.title, channel: "task", state: "task", skipReason: null, taskId: t.task_id, step: null, category: null, basis: null, occasion: null,
  };
  if (t.source_type === "journey" && parts.length === 4) return { ...base, step: parts[3] as JourneyStep, category: parts[2] === "all" ? null : parts[2]! };
  if (t.source_type === "reminder" && parts.length === 4) {
    const kind = parts[1] as CareKind;
    const date = parts[3]!;
    return { ...base, occasion: { kind, date, lunar: LUNAR_KINDS.has(kind) ? lunarDateOf(dayNumber(date)) : null, festival: kind === "festival" ? (parts[2] as FestivalKey) : null, years: null, label: null } };
  }
  if (t.source_type === "visit") return { ...base, occasion: { kind: "visit", date: t.due_on, lunar: null, festival: null, years: null, label: null } };
  return base;
}
