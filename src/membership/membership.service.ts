import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import { sql } from "kysely";
import { computeMembership, type Membership } from "../analytics/membership/ledger.ts";
import { DEFAULT_PROGRAMME, programmeIssues, type Programme } from "../analytics/membership/programme.ts";
import { recordChange, type Actor } from "../audit/audit.repository.ts";
import { isDay } from "../domain/days.ts";
import { RetainError } from "../errors.ts";
import {
  adoptMergedEntries, countLiveCustomers, customerIdsAfter, ledgerRows, levelChangeRows, loadCustomerEvents, loadProgrammeRow, memberRow, replaceMembership,
  saveProgrammeRow, type CustomerEvents, type LedgerRow, type LevelChangeRow, type MemberRow,
} from "../store/membership.repository.ts";
import type { Database } from "../store/schema.ts";
import { getSettings } from "../store/settings.repository.ts";
import { inTransaction } from "../store/transaction.ts";
import { todayIn } from "../value/value-report.service.ts";

/**
 * Membership as a service (docs/membership.md): the programme's settings, applying it to
 * the store's orders (all customers or one), recording redemptions and adjustments, and a
 * customer's standing and history. Every change is audit-logged in its own transaction.
 */
type Db = Kysely<Database>;

/** Customers per apply transaction: bounds the memory and the lock time of one step. */
const PAGE = 500;

export interface ProgrammeView {
  programme: Programme;
  /** No programme saved yet: these are the defaults. */
  isDefault: boolean;
  updatedAt: Date | null;
  updatedBy: number | null;
}

export async function getProgramme(db: Db): Promise<ProgrammeView> {
  const row = await loadProgrammeRow(db);
  if (!row) return { programme: DEFAULT_PROGRAMME, isDefault: true, updatedAt: null, updatedBy: null };
  return { programme: row.settings as Programme, isDefault: false, updatedAt: row.updated_at, updatedBy: row.updated_by };
}

/** Saves the programme after checking it; the first problem is the error, naming its field. */
export async function setProgramme(db: Db, programme: Programme, actor: Actor): Promise<ProgrammeView> {
  const issues = programmeIssues(programme);
  if (issues.length > 0) {
    const first = issues[0]!;
    throw new RetainError("BAD_INPUT", `Programme ${first.field}: ${first.message}.`, { field: first.field, hint: issues.slice(1).map((i) => `${i.field}: ${i.message}`).join("; ") || undefined });
  }
  return inTransaction(db, async (trx) => {
    const before = await loadProgrammeRow(trx);
    await saveProgrammeRow(trx, programme, actor.userId);
    await recordChange(trx, actor, { action: "membership.programme_updated", entityType: "membership_programme", entityId: 1, before: before?.settings ?? null, after: programme });
    return { programme, isDefault: false, updatedAt: new Date(), updatedBy: actor.userId };
  });
}

const levelNames = (p: Programme) => new Map(p.levels.map((l) => [l.key, l.name]));

async function todayOf(db: Db): Promise<string> {
  return todayIn((await getSettings(db)).timezone);
}

function checkDay(day: string | undefined, field: string): void {
  if (day !== undefined && !isDay(day)) throw new RetainError("BAD_INPUT", `${field}: give a date as YYYY-MM-DD (got "${day}").`, { field });
}

async function applyPage(trx: Kysely<Database>, programme: Programme, asOf: string, ids: readonly number[]): Promise<{ members: number; entries: number }> {
  const events = await loadCustomerEvents(trx, ids);
  const results = new Map<number, { m: Membership; asOf: string; manual: CustomerEvents["manual"] }>();
  let members = 0;
  let entries = 0;
  for (const [id, e] of events) {
    // Redemptions and adjustments are dated when they are recorded, and the ledger is rewritten
    // from what is computed: applying as of an earlier day must not drop the later ones.
    const day = e.manual.reduce((d, x) => (x.date > d ? x.date : d), asOf);
    const m = computeMembership(programme, day, e.orders, e.returns, e.manual);
    results.set(id, { m, asOf: day, manual: e.manual });
    if (m.level !== null) members += 1;
    entries += m.entries.length;
  }
  await inTransaction(trx, (t) => replaceMembership(t, ids, results, levelNames(programme)));
  return { members, entries };
}

export interface ApplySummary {
  asOf: string;
  customers: number;
  members: number;
  entries: number;
}

/**
 * Applies the programme to the orders in the store as of a day (default today in the
 * business's time zone): every live customer, or one. Idempotent: each customer's ledger,
 * level history and standing are replaced by what their orders and recorded entries give.
 */
export async function applyMembership(
  db: Db,
  o: { customerId?: number; asOf?: string; onProgress?: (done: number, total: number) => void } = {},
  actor?: Actor,
): Promise<ApplySummary> {
  checkDay(o.asOf, "asOf");
  const asOf = o.asOf ?? (await todayOf(db));
  const { programme } = await getProgramme(db);
  const summary: ApplySummary = { asOf, customers: 0, members: 0, entries: 0 };
  if (o.customerId !== undefined) {
    await assertCustomer(db, o.customerId);
    await inTransaction(db, async (trx) => {
      await adoptMergedEntries(trx, o.customerId);
      const r = await applyPage(trx, programme, asOf, [o.customerId!]);
      Object.assign(summary, { customers: 1, ...r });
      if (actor) await recordChange(trx, actor, { action: "membership.applied", entityType: "membership", entityId: o.customerId!, customerId: o.customerId!, after: summary });
    });
    return summary;
  }
  await db.transaction().execute((trx) => adoptMergedEntries(trx));
  const total = await countLiveCustomers(db);
  let after = 0;
  for (;;) {
    const ids = await customerIdsAfter(db, after, PAGE);
    if (ids.length === 0) break;
    const r = await db.transaction().execute((trx) => applyPage(trx, programme, asOf, ids));
    summary.customers += ids.length;
    summary.members += r.members;
    summary.entries += r.entries;
    after = ids.at(-1)!;
    o.onProgress?.(summary.customers, total);
  }
  if (actor) await recordChange(db, actor, { action: "membership.applied", entityType: "membership", entityId: null, after: summary });
  return summary;
}

async function assertCustomer(db: Kysely<Database>, customerId: number, lock = false): Promise<void> {
  const r = await sql<{ merged_into: number | null }>`select merged_into::float8 as merged_into from customers where customer_id = ${customerId}
    ${lock ? sql`for update` : sql``}`.execute(db);
  const row = r.rows[0];
  if (!row) throw new RetainError("NOT_FOUND", `No customer with id ${customerId}.`, { field: "customerId" });
  if (row.merged_into !== null) {
    throw new RetainError("BAD_INPUT", `Customer ${customerId} was merged into ${row.merged_into}.`, { field: "customerId", hint: `Use customer ${row.merged_into}.` });
  }
}

export interface ManualInput {
  customerId: number;
  kind: "redeem" | "adjust";
  /** redeem: the points spent (> 0); adjust: points added (> 0) or taken away (< 0). */
  points: number;
  reason: string;
  /** The day it happened, 'YYYY-MM-DD', not after today (a slip entered late); default today. */
  date?: string;
}

/**
 * Records a redemption or an adjustment dated today (or the day given), after re-applying the programme to the
 * customer's orders: a redemption (or a negative adjustment) larger than the balance is
 * refused. The customer's ledger and standing are brought up to date in the same transaction.
 */
export async function recordManualEntry(db: Db, input: ManualInput, actor: Actor): Promise<CustomerMembership> {
  const { customerId, kind, points } = input;
  const reason = typeof input.reason === "string" ? input.reason.trim() : "";
  if (!Number.isSafeInteger(points) || points === 0 || (kind === "redeem" && points < 0)) {
    throw new RetainError("BAD_INPUT", kind === "redeem" ? `points: give the whole number of points to redeem, above 0 (got ${points}).` : `points: give a whole number of points to add (above 0) or take away (below 0) (got ${points}).`, { field: "points" });
  }
  if (reason === "" || reason.length > 500) throw new RetainError("BAD_INPUT", "reason: say why, in 1 to 500 characters.", { field: "reason" });
  checkDay(input.date, "date");
  const today = await todayOf(db);
  if (input.date !== undefined && input.date > today) throw new RetainError("BAD_INPUT", `date: ${input.date} is after today (${today}).`, { field: "date" });
  const asOf = input.date ?? today;
  const { programme } = await getProgramme(db);
  await inTransaction(db, async (trx) => {
    await assertCustomer(trx, customerId, true);
    await adoptMergedEntries(trx, customerId);
    const events = (await loadCustomerEvents(trx, [customerId])).get(customerId)!;
    const key = `${kind}:${randomUUID()}`;
    const entry = { key, kind, date: asOf, points, reason, createdBy: actor.userId, createdAt: new Date() };
    const m = computeMembership(programme, asOf, events.orders, events.returns, [...events.manual, entry]);
    const refused = m.refused.find((r) => r.key === key);
    if (refused) {
      throw new RetainError("BAD_INPUT", `points: customer ${customerId} holds ${refused.balance} points; ${refused.points} cannot be ${kind === "redeem" ? "redeemed" : "taken away"}.`, {
        field: "points", hint: `Give at most ${Math.max(0, refused.balance)} points.`,
      });
    }
    const manual = [...events.manual, { ...entry, recorded: true }];
    await replaceMembership(trx, [customerId], new Map([[customerId, { m, asOf, manual }]]), levelNames(programme));
    await recordChange(trx, actor, {
      action: kind === "redeem" ? "membership.points_redeemed" : "membership.points_adjusted",
      entityType: "membership_ledger", entityId: key, customerId, after: { points: kind === "redeem" ? -points : points, reason, date: asOf, balance: m.balance },
    });
  });
  return customerMembership(db, customerId);
}

export interface CustomerMembership {
  customerId: number;
  /** null: the programme has not been applied to this customer (or they have no orders). */
  standing: MemberRow | null;
  levelName: string | null;
  entries: LedgerRow[];
  levels: LevelChangeRow[];
}

/** A customer's level, balance, points expiring next, ledger (newest first) and level history. */
export async function customerMembership(db: Db, customerId: number, o: { limit?: number } = {}): Promise<CustomerMembership> {
  await assertCustomer(db, customerId);
  const [standing, entries, levels, { programme }] = await Promise.all([
    memberRow(db, customerId), ledgerRows(db, customerId, Math.min(Math.max(o.limit ?? 100, 1), 1000)), levelChangeRows(db, customerId), getProgramme(db),
  ]);
  const levelName = standing?.level ? (programme.levels.find((l) => l.key === standing.level)?.name ?? standing.level) : null;
  return { customerId, standing: standing ?? null, levelName, entries, levels };
}
