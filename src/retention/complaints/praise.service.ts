import type { Kysely } from "kysely";
import { recordChange } from "../../audit/audit.repository.ts";
import { dayNumber, dayText, isDay } from "../../domain/days.ts";
import { recordPraise as checkPraise } from "../../domain/complaints/praise.ts";
import { RetainError } from "../../errors.ts";
import type { Database } from "../../store/schema.ts";
import { inTransaction } from "../../store/transaction.ts";
import { customerState } from "./complaints.repository.ts";
import type { Staff } from "./complaints.service.ts";
import { insertPraise, praiseCounts, praiseWords, userExists } from "./praise.repository.ts";

/**
 * Praise from customers, kept against the staff member praised so it can be recognised in
 * front of colleagues (DOMAIN §6, recovery standards): recording it, and the recognition report.
 */
type Db = Kysely<Database>;

export interface PraiseInput {
  staffUserId: number;
  words: string;
  channel?: string;
  at?: string;
}

export interface PraiseOut {
  id: number;
  customerId: number;
  staffUserId: number;
  channel: string;
  words: string;
  at: string;
}

/** Records praise for a staff member from a customer; audit-logged. */
export async function addPraise(db: Db, customerId: number, input: PraiseInput, who: Staff, now: Date = new Date()): Promise<PraiseOut> {
  if (!(await customerState(db, customerId))) throw new RetainError("NOT_FOUND", `No customer with id ${customerId}.`, { field: "id" });
  if (!(await userExists(db, input.staffUserId))) throw new RetainError("BAD_INPUT", `staffUserId: there is no user ${input.staffUserId}; name the member of staff praised.`, { field: "staffUserId" });
  const at = input.at ?? now.toISOString();
  if (Date.parse(at) > now.getTime() + 5 * 60_000) throw new RetainError("BAD_INPUT", `at: ${at} is in the future.`, { field: "at" });
  const r = checkPraise({ staffId: input.staffUserId, customerId, channel: input.channel ?? "other", words: input.words, recorded: { by: who.userId, role: who.role, at } });
  if (!r.ok) throw new RetainError("BAD_INPUT", r.error.message, r.error.field ? { field: r.error.field === "staffId" ? "staffUserId" : r.error.field } : {});
  const p = r.praise;
  return inTransaction(db, async (trx) => {
    const id = await insertPraise(trx, { customerId, staffUserId: p.staffId, channel: p.channel, words: p.words, at, recordedBy: who.userId });
    const out = { id, customerId, staffUserId: p.staffId, channel: p.channel, words: p.words, at };
    await recordChange(trx, who.actor, { action: "praise.recorded", entityType: "praise", entityId: id, customerId, after: out });
    return out;
  });
}

/** A day ('YYYY-MM-DD', local to China, UTC+8 like the SLA calendar) or an instant, as an instant. */
const dayStart = (d: string): string => `${d}T00:00:00+08:00`;

/**
 * Praise per staff member, most praised first: how often and when last. `since` and `until`
 * are days (inclusive) or instants (since inclusive, until exclusive).
 */
export async function praiseReport(db: Db, o: { since?: string; until?: string }): Promise<Array<{ staffUserId: number; staffName: string | null; count: number; latest: string }>> {
  const [since, until] = bounds(o);
  const rows = await praiseCounts(db, since, until);
  return rows.map((r) => ({ staffUserId: r.staff_user_id, staffName: r.staff_name, count: r.count, latest: new Date(r.latest).toISOString() }));
}

/** `since` and `until` (days or instants) as the instants [since, until), null for no bound. */
function bounds(o: { since?: string; until?: string }): [string | null, string | null] {
  const since = o.since === undefined ? null : isDay(o.since) ? dayStart(o.since) : o.since;
  const until = o.until === undefined ? null : isDay(o.until) ? dayStart(dayText(dayNumber(o.until) + 1)) : o.until;
  return [since, until];
}

/** One customer's praise as the recognition report quotes it. */
export interface PraiseQuote {
  id: number;
  /** Null when the reader may not see the customer (an agent: outside their book). */
  customerId: number | null;
  customerName: string | null;
  channel: string;
  /** The customer's words; "" once the customer's personal data was erased. */
  words: string;
  at: string;
}

export interface StaffPraise {
  staffUserId: number;
  staffName: string | null;
  count: number;
  /** Distinct customers who praised them in the period. */
  customers: number;
  latest: string;
  /** The newest quotes, at most `words` of them. */
  praise: PraiseQuote[];
}

export interface PraiseReport {
  /** The instants read: since inclusive, until exclusive; null for no bound. */
  since: string | null;
  until: string | null;
  total: number;
  items: StaffPraise[];
}

export interface PraiseReportQuery {
  since?: string;
  until?: string;
  /** How many of each staff member's newest quotes to give (default 5, 0 for none). */
  words?: number;
  /** The reader's book: customers outside it are quoted without their name. Null: everyone. */
  scope?: { userId: number; team: string | null } | null;
}

/**
 * The recognition report (GET /api/praise): praise per staff member, most praised first (how
 * often, from how many customers, when last) with their newest quotes. `since` and `until`
 * are days (inclusive) or instants (since inclusive, until exclusive).
 */
export async function recognitionReport(db: Db, o: PraiseReportQuery): Promise<PraiseReport> {
  const [since, until] = bounds(o);
  if (since !== null && until !== null && Date.parse(since) >= Date.parse(until)) {
    throw new RetainError("BAD_INPUT", `since ${o.since} is not before until ${o.until}; give a period that ends after it starts.`, { field: "since" });
  }
  const perStaff = o.words ?? 5;
  const [rows, quotes] = await Promise.all([
    praiseCounts(db, since, until),
    perStaff > 0 ? praiseWords(db, since, until, perStaff, o.scope ?? null) : Promise.resolve([]),
  ]);
  const byStaff = new Map<number, PraiseQuote[]>();
  for (const q of quotes) {
    const list = byStaff.get(q.staff_user_id) ?? [];
    list.push({
      id: q.id, customerId: q.visible ? q.customer_id : null, customerName: q.visible ? q.customer_name : null,
      channel: q.channel, words: q.words, at: new Date(q.at).toISOString(),
    });
    byStaff.set(q.staff_user_id, list);
  }
  return {
    since: since === null ? null : new Date(since).toISOString(),
    until: until === null ? null : new Date(until).toISOString(),
    total: rows.reduce((n, r) => n + r.count, 0),
    items: rows.map((r) => ({
      staffUserId: r.staff_user_id, staffName: r.staff_name, count: r.count, customers: r.customers,
      latest: new Date(r.latest).toISOString(), praise: byStaff.get(r.staff_user_id) ?? [],
    })),
  };
}
