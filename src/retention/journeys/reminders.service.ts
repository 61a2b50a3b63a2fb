import { sql, type Kysely } from "kysely";
import { dayNumber, dayText } from "../../domain/days.ts";
import { festival, isLunarRule, type FestivalKey } from "../../domain/calendar/festivals.ts";
import { lunarDateOf, type LunarDate } from "../../domain/calendar/lunar.ts";
import { occasionsInRange, leadDays, type Occasion } from "../../domain/calendar/occasions.ts";
import type { Database } from "../../store/schema.ts";
import { getSettings } from "../../store/settings.repository.ts";
import { createTasks, type NewTask } from "../tasks/tasks.repository.ts";
import { inBook, LIVE, type Book } from "./book.ts";
import { getReminderSettings, type ReminderSettings } from "./reminder-settings.ts";
import { careNotes, careTitle, lunarText, visitTitle, type CareKind } from "./task-text.ts";

/**
 * Care reminders (DOMAIN §5): birthdays (Gregorian and lunar), wedding and company
 * anniversaries, holidays of both calendars and key accounts' planned visits, each a task on
 * the owner's agenda due a few days before the occasion, made once under a key naming the
 * occasion and its date. Reads key dates and customers a page at a time.
 */
type Db = Kysely<Database>;
const PAGE = 1000;

export interface CareItem {
  customerId: number;
  customerName: string | null;
  ownerId: number | null;
  source: "reminder" | "visit";
  kind: CareKind | "visit";
  key: string;
  dueOn: string;
  title: string;
  notes: string | null;
  /** The occasion's own day; for a visit, the day it is planned. */
  occasionDate: string;
  /** The lunar date, for occasions kept in the lunar calendar. */
  lunar: LunarDate | null;
  festival: FestivalKey | null;
  years: number | null;
  /** The key date's own label ("开业纪念日"), when it has one. */
  label: string | null;
}

type KeyDateRow = { customer_id: number; key_date_id: number; kind: "birthday" | "wedding" | "company_anniversary" | "other"; label: string | null;
  calendar: "gregorian" | "lunar"; year: number | null; month: number; day: number; leap_month: boolean; name: string | null; owner_id: number | null };

const pad = (n: number) => String(n).padStart(2, "0");

/** The occasion a key date recurs as, and the kind its reminder is filed under. */
function occasionOf(r: KeyDateRow): { occasion: Occasion; kind: CareKind; yearKnown: boolean } {
  const ref = `kd${r.key_date_id}`;
  const kind: CareKind = r.kind === "birthday" ? (r.calendar === "lunar" ? "lunarBirthday" : "birthday")
    : r.kind === "wedding" ? "weddingAnniversary" : r.kind === "company_anniversary" ? "companyAnniversary" : "other";
  if (r.calendar === "lunar") {
    // Every lunar date recurs by the lunar-birthday rule (day 30 and leap months fall back alike).
    const o: Occasion = { kind: "lunarBirthday", ref, month: r.month, day: r.day, leap: r.leap_month };
    if (r.year !== null) o.birthYear = r.year;
    return { occasion: o, kind, yearKnown: r.year !== null };
  }
  // Without a year, a leap year stands in so that 29 February stays a date; the years are not shown.
  const date = `${r.year ?? 1904}-${pad(r.month)}-${pad(r.day)}`;
  const occasion: Occasion = kind === "birthday" ? { kind: "birthday", ref, date }
    : kind === "companyAnniversary" ? { kind: "companyAnniversary", ref, date, basis: "founding" }
    : { kind: "weddingAnniversary", ref, date };
  return { occasion, kind, yearKnown: r.year !== null };
}

/**
 * The reminders due up to `toDay` of occasions from `asOfDay` on (a reminder whose day has
 * passed while its occasion is still ahead is due today: a late greeting beats none).
 */
export async function* carePages(db: Db, asOfDay: string, toDay: string, s: ReminderSettings, book: Book = null): AsyncGenerator<CareItem[]> {
  const asOf = dayNumber(asOfDay);
  const to = dayNumber(toDay);
  const maxLead = Math.max(...Object.values(s.leadDays));
  const options = { feb29: s.feb29, xiaonian: s.xiaonian };
  const lang = s.language;
  const dueOf = (occasionDay: number, kind: CareKind): number | null => {
    const due = Math.max(leadDays(occasionDay, s.leadDays[kind]), asOf);
    return occasionDay >= asOf && due <= to ? due : null;
  };

  let after = { customer: 0, id: 0 };
  for (;;) {
    const rows = (await sql<KeyDateRow>`
      select k.customer_id::float8 as customer_id, k.key_date_id::float8 as key_date_id, k.kind, k.label, k.calendar, k.year, k.month, k.day, k.leap_month,
             c.name, c.owner_id::float8 as owner_id
      from customer_key_dates k join customers c on c.customer_id = k.customer_id
      where (k.customer_id, k.key_date_id) > (${after.customer}, ${after.id}) and ${LIVE} and ${inBook(book)}
      order by k.customer_id, k.key_date_id limit ${PAGE}`.execute(db)).rows;
    if (!rows.length) break;
    const lastRow = rows[rows.length - 1]!;
    after = { customer: lastRow.customer_id, id: lastRow.key_date_id };
    const items: CareItem[] = [];
    for (const r of rows) {
      let o;
      try {
        o = occasionOf(r);
      } catch {
        continue; // a date that exists in no year (kept before validation was added) has no occasion
      }
      for (const d of occasionsInRange(asOf, to + maxLead, [o.occasion], options)) {
        const due = dueOf(d.day, o.kind);
        if (due === null) continue;
        const years = o.yearKnown && d.years !== undefined ? d.years : undefined;
        const lunar = r.calendar === "lunar" ? lunarDateOf(d.day) : null;
        items.push({
          customerId: r.customer_id, customerName: r.name, ownerId: r.owner_id, source: "reminder", kind: o.kind,
          key: `reminder:${o.kind}:kd${r.key_date_id}:${d.date}`, dueOn: dayText(due),
          title: careTitle(lang, o.kind, r.name, { label: r.label, years }),
          notes: careNotes(lang, d.date, lunar ? lunarText(lang, lunar) : null, years, o.kind),
          occasionDate: d.date, lunar, festival: null, years: years ?? null, label: r.label,
        });
      }
    }
    if (items.length) yield items;
  }

  const snapshot = (await sql<{ as_of: string }>`select max(as_of)::text as as_of from segment_snapshots`.execute(db)).rows[0]?.as_of ?? null;
  for (const f of s.festivals) {
    if (!f.tiers.length || !snapshot) continue;
    const days = occasionsInRange(asOf, to + s.leadDays.festival, [{ kind: "festival", ref: f.key, key: f.key }], options)
      .flatMap((d) => { const due = dueOf(d.day, "festival"); return due === null ? [] : [{ d, due }]; });
    if (!days.length) continue;
    const lunarRule = isLunarRule(festival(f.key).rule);
    let afterId = 0;
    for (;;) {
      const customers = (await sql<{ customer_id: number; name: string | null; owner_id: number | null }>`
        select c.customer_id::float8 as customer_id, c.name, c.owner_id::float8 as owner_id
        from customer_segments s join customers c on c.customer_id = s.customer_id
        where s.as_of = ${snapshot} and s.tier in (${sql.join(f.tiers)}) and c.customer_id > ${afterId} and ${LIVE} and ${inBook(book)}
        order by c.customer_id limit ${PAGE}`.execute(db)).rows;
      if (!customers.length) break;
      afterId = customers[customers.length - 1]!.customer_id;
      yield customers.flatMap((c) => days.map(({ d, due }): CareItem => {
        const lunar = lunarRule ? lunarDateOf(d.day) : null;
        return {
          customerId: c.customer_id, customerName: c.name, ownerId: c.owner_id, source: "reminder", kind: "festival",
          key: `reminder:festival:${f.key}:${d.date}`, dueOn: dayText(due), title: careTitle(lang, "festival", c.name, { festivalKey: f.key }),
          notes: careNotes(lang, d.date, lunar ? lunarText(lang, lunar) : null, undefined, "festival"),
          occasionDate: d.date, lunar, festival: f.key, years: null, label: null,
        };
      }));
    }
  }

  if (s.visits.enabled && s.visits.tiers.length && snapshot) {
    const { timezone } = await getSettings(db);
    let afterId = 0;
    for (;;) {
      const customers = (await sql<{ customer_id: number; name: string | null; owner_id: number | null; last_visit: string | null; last_planned: string | null }>`
        select c.customer_id::float8 as customer_id, c.name, c.owner_id::float8 as owner_id,
          (select max((i.occurred_at at time zone ${timezone})::date) from interactions i where i.customer_id = c.customer_id and i.channel = 'visit' and (i.occurred_at at time zone ${timezone})::date <= ${asOfDay})::text as last_visit,
          (select max(t.due_on) from tasks t where t.customer_id = c.customer_id and t.source_type = 'visit' and t.status <> 'cancelled')::text as last_planned
        from customer_segments s join customers c on c.customer_id = s.customer_id
        where s.as_of = ${snapshot} and s.tier in (${sql.join(s.visits.tiers)}) and c.kind = 'enterprise' and c.customer_id > ${afterId} and ${LIVE} and ${inBook(book)}
        order by c.customer_id limit ${PAGE}`.execute(db)).rows;
      if (!customers.length) break;
      afterId = customers[customers.length - 1]!.customer_id;
      const items: CareItem[] = [];
      for (const c of customers) {
        const last = [c.last_visit, c.last_planned].filter((x): x is string => x !== null).map(dayNumber);
        // Never visited nor planned: the first visit is due now. Each planned visit counts as
        // the last one for the next, as it will for the next day's run.
        for (let due = Math.max(last.length ? Math.max(...last) + s.visits.everyDays : asOf, asOf); due <= to; due += s.visits.everyDays) {
          const date = dayText(due);
          items.push({
            customerId: c.customer_id, customerName: c.name, ownerId: c.owner_id, source: "visit", kind: "visit", key: `visit:${date}`, dueOn: date,
            title: visitTitle(lang, c.name), notes: c.last_visit ? `${c.last_visit} →` : null, occasionDate: date, lunar: null, festival: null, years: null, label: null,
          });
        }
      }
      if (items.length) yield items;
    }
  }
}

export interface CareRun {
  enabled: boolean;
  created: number;
  existing: number;
  byKind: Partial<Record<CareKind | "visit", number>>;
}

/**
 * The care reminders due from `asOfDay` (the business's local day) to the settings' horizon,
 * as tasks for the customers' owners (unassigned when the customer has none). Idempotent.
 * `throughDay` reaches further than the horizon: one run then makes what a run on each day
 * up to it would have made (the demo's past month).
 */
export async function generateCareReminders(db: Db, asOfDay: string, o: { throughDay?: string } = {}): Promise<CareRun> {
  const s = await getReminderSettings(db);
  const out: CareRun = { enabled: s.enabled, created: 0, existing: 0, byKind: {} };
  if (!s.enabled) return out;
  const through = o.throughDay && o.throughDay > asOfDay ? o.throughDay : asOfDay;
  const toDay = dayText(dayNumber(through) + s.horizonDays);
  for await (const items of carePages(db, asOfDay, toDay, s)) {
    for (const kind of new Set(items.map((i) => i.kind))) {
      const mine = items.filter((i) => i.kind === kind);
      const r = await createTasks(db, mine.map((i): NewTask => ({
        customerId: i.customerId, key: i.key, kind: i.kind === "visit" ? "visit" : `care.${i.kind}`, title: i.title, notes: i.notes,
        dueOn: i.dueOn, sourceType: i.source,
      })));
      out.created += r.created;
      out.existing += r.existing;
      out.byKind[kind] = (out.byKind[kind] ?? 0) + r.created;
    }
  }
  return out;
}
