import { sql, type Kysely } from "kysely";
import type { Database } from "../store/schema.ts";

/** Who made a change: a signed-in user, a token's owner, or the system (imports from the CLI, jobs). */
export interface Actor {
  userId: number | null;
  /** e-mail of the user, or "system", "cli" … as shown in the log. */
  label: string;
  ip?: string | null;
  requestId?: string | null;
}

export const SYSTEM_ACTOR: Actor = Object.freeze({ userId: null, label: "system" });

export interface Change {
  /** A verb in the past: "customer.updated", "user.created", "import.completed" … */
  action: string;
  entityType: string;
  entityId: string | number | null;
  /** The customer the change is about, if any: the audit trail of one customer reads by it. */
  customerId?: number | null;
  before?: unknown;
  after?: unknown;
}

/** JSON for a jsonb column: undefined stays SQL null; Dates become ISO strings. */
const json = (v: unknown): string | null => (v === undefined ? null : JSON.stringify(v));

/**
 * Appends one change to the audit log, inside the caller's transaction so that the entry
 * exists if and only if the change committed. The table refuses updates and deletes.
 */
export async function recordChange(db: Kysely<Database>, actor: Actor, change: Change): Promise<void> {
  await db.insertInto("audit_log").values({
    user_id: actor.userId,
    actor: actor.label,
    action: change.action,
    entity_type: change.entityType,
    entity_id: change.entityId === null ? null : String(change.entityId),
    customer_id: change.customerId ?? null,
    before: json(change.before),
    after: json(change.after),
    ip: actor.ip ?? null,
    request_id: actor.requestId ?? null,
  }).execute();
}

export interface AuditQuery {
  userId?: number;
  entityType?: string;
  entityId?: string;
  customerId?: number;
  action?: string;
  from?: Date;
  to?: Date;
  /** Entries older than this id (newest first). */
  beforeId?: number;
  limit?: number;
}

/** Audit entries, newest first; page with `beforeId` (the last id seen). */
export async function listAudit(db: Kysely<Database>, q: AuditQuery = {}) {
  let query = db.selectFrom("audit_log").selectAll();
  if (q.userId !== undefined) query = query.where("user_id", "=", q.userId);
  if (q.entityType) query = query.where("entity_type", "=", q.entityType);
  if (q.entityId) query = query.where("entity_id", "=", q.entityId);
  if (q.customerId !== undefined) query = query.where("customer_id", "=", q.customerId);
  if (q.action) query = query.where("action", "like", `${q.action.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  if (q.from) query = query.where("at", ">=", q.from);
  if (q.to) query = query.where("at", "<", q.to);
  if (q.beforeId !== undefined) query = query.where("audit_id", "<", q.beforeId);
  return query.orderBy("audit_id", "desc").limit(Math.min(q.limit ?? 100, 10_000)).execute();
}

/**
 * Removes personal data from a customer's audit entries (an erasure request): the
 * before/after snapshots become `{"erased": true}`. The only update the table allows.
 */
export async function redactCustomerAudit(db: Kysely<Database>, customerId: number): Promise<number> {
  await sql`select set_config('retain.audit_redact', 'on', true)`.execute(db);
  const res = await db.updateTable("audit_log")
    .set({ before: sql`case when before is null then null else '{"erased":true}'::jsonb end`, after: sql`case when after is null then null else '{"erased":true}'::jsonb end` })
    .where("customer_id", "=", customerId)
    .executeTakeFirst();
  await sql`select set_config('retain.audit_redact', 'off', true)`.execute(db);
  return Number(res.numUpdatedRows);
}
