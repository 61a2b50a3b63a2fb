import type { Kysely } from "kysely";
import { recordChange } from "../../audit/audit.repository.ts";
import { dayNumber, dayText, isDay } from "../../domain/days.ts";
import { recordPraise as checkPraise } from "../../domain/complaints/praise.ts";
import { RetainError } from "../../errors.ts";
import type { Database } from "../../store/schema.ts";
import { inTransaction } from "../../store/transaction.ts";
import { customerState } from "./complaints.repository.ts";
import type { Staff } from "./complaints.service.ts";
import { insertPraise, praiseCounts, userExists } from "./praise.repository.ts";

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
  const since = o.since === undefined ? null : isDay(o.since) ? dayStart(o.since) : o.since;
  const until = o.until === undefined ? null : isDay(o.until) ? dayStart(dayText(dayNumber(o.until) + 1)) : o.until;
  const rows = await praiseCounts(db, since, until);
  return rows.map((r) => ({ staffUserId: r.staff_user_id, staffName: r.staff_name, count: r.count, latest: new Date(r.latest).toISOString() }));
}
