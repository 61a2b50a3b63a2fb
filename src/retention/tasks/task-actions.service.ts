import { sql, type Kysely } from "kysely";
import { RetainError } from "../../errors.ts";
import type { Database, TaskStatus } from "../../store/schema.ts";
import { inTransaction } from "../../store/transaction.ts";
import { closeTask } from "./tasks.repository.ts";

/**
 * Working a task (docs/agenda.md): done (logging the contact on the customer's timeline),
 * cancelled, handed to someone else, moved to a later day, or added by hand. The caller
 * checks who may act on the customer and records the change in the same transaction.
 */
type Db = Kysely<Database>;

/** How a contact was made, as logged in `interactions.channel`. */
export const CONTACT_CHANNELS = ["phone", "visit", "email", "wechat", "sms", "other"] as const;
export type ContactChannel = (typeof CONTACT_CHANNELS)[number];

export interface TaskOut {
  customerId: number;
  taskId: number;
  key: string | null;
  kind: string;
  title: string;
  notes: string | null;
  dueOn: string;
  ownerId: number | null;
  ownerName: string | null;
  customerName: string | null;
  status: TaskStatus;
  sourceType: string;
  sourceId: number | null;
  outcome: string | null;
  createdAt: Date;
  createdBy: number | null;
  doneAt: Date | null;
  doneBy: number | null;
}

interface TaskRow {
  customer_id: number; task_id: number; task_key: string | null; kind: string; title: string; notes: string | null; due_on: string;
  owner_id: number | null; owner_name: string | null; customer_name: string | null; status: TaskStatus; source_type: string; source_id: number | null;
  outcome: string | null; created_at: Date; created_by: number | null; done_at: Date | null; done_by: number | null;
}

/** The columns of a task with its owner's and customer's names, for `from tasks t`. */
export const TASK_FIELDS = sql`t.customer_id::float8 as customer_id, t.task_id::float8 as task_id, t.task_key, t.kind, t.title, t.notes,
  to_char(t.due_on, 'YYYY-MM-DD') as due_on, t.owner_id::float8 as owner_id, u.name as owner_name, c.name as customer_name, t.status,
  t.source_type, t.source_id::float8 as source_id, t.outcome, t.created_at, t.created_by::float8 as created_by, t.done_at, t.done_by::float8 as done_by`;
export const TASK_JOINS = sql`join customers c on c.customer_id = t.customer_id left join users u on u.user_id = t.owner_id`;

export const toTask = (r: TaskRow): TaskOut => ({
  customerId: r.customer_id, taskId: r.task_id, key: r.task_key, kind: r.kind, title: r.title, notes: r.notes, dueOn: r.due_on,
  ownerId: r.owner_id, ownerName: r.owner_name, customerName: r.customer_name, status: r.status, sourceType: r.source_type,
  sourceId: r.source_id, outcome: r.outcome, createdAt: r.created_at, createdBy: r.created_by, doneAt: r.done_at, doneBy: r.done_by,
});

/** One task; NOT_FOUND when the customer has no such task. */
export async function getTask(db: Db, customerId: number, taskId: number): Promise<TaskOut> {
  const r = await sql<TaskRow>`select ${TASK_FIELDS} from tasks t ${TASK_JOINS} where t.customer_id = ${customerId} and t.task_id = ${taskId}`.execute(db);
  const row = r.rows[0];
  if (!row) throw new RetainError("NOT_FOUND", `Customer ${customerId} has no task ${taskId}.`, { field: "taskId" });
  return toTask(row);
}

/** The task, which must still be open: CONFLICT once it was done or cancelled. */
async function openTask(db: Db, customerId: number, taskId: number): Promise<TaskOut> {
  const t = await getTask(db, customerId, taskId);
  if (t.status !== "open") {
    throw new RetainError("CONFLICT", `Task ${taskId} is already ${t.status}.`, { field: "taskId", hint: "Reload the agenda: someone closed it meanwhile." });
  }
  return t;
}

export interface Completion {
  outcome: string;
  channel?: ContactChannel;
  notes?: string;
}

/**
 * Marks an open task done; with a channel, logs the contact (outbound, purpose = the task's
 * kind) so it lands on the customer's timeline. One transaction: both or neither.
 */
export async function completeTask(db: Db, customerId: number, taskId: number, c: Completion, userId: number, at: Date = new Date()): Promise<{ before: TaskOut; after: TaskOut; interactionId: number | null }> {
  return inTransaction(db, async (trx) => {
    const before = await openTask(trx, customerId, taskId);
    if (!(await closeTask(trx, customerId, taskId, { status: "done", outcome: c.outcome, userId, at }))) {
      throw new RetainError("CONFLICT", `Task ${taskId} was closed meanwhile.`, { field: "taskId" });
    }
    let interactionId: number | null = null;
    if (c.channel) {
      const row = await trx.insertInto("interactions").values({
        customer_id: customerId, occurred_at: at, channel: c.channel, direction: "outbound", purpose: before.kind, outcome: c.outcome,
        notes: c.notes ?? null, user_id: userId, external_ref: `task:${taskId}`, import_id: null,
      }).returning("interaction_id").executeTakeFirstOrThrow();
      interactionId = Number(row.interaction_id);
    }
    return { before, after: await getTask(trx, customerId, taskId), interactionId };
  });
}

export async function cancelTask(db: Db, customerId: number, taskId: number, reason: string, userId: number): Promise<{ before: TaskOut; after: TaskOut }> {
  return inTransaction(db, async (trx) => {
    const before = await openTask(trx, customerId, taskId);
    if (!(await closeTask(trx, customerId, taskId, { status: "cancelled", outcome: reason, userId }))) {
      throw new RetainError("CONFLICT", `Task ${taskId} was closed meanwhile.`, { field: "taskId" });
    }
    return { before, after: await getTask(trx, customerId, taskId) };
  });
}

/** An active staff member to own a task; BAD_INPUT naming `field` otherwise. */
export async function assertOwner(db: Db, ownerId: number, field: string): Promise<void> {
  const u = await db.selectFrom("users").select(["user_id", "disabled", "role"]).where("user_id", "=", ownerId).executeTakeFirst();
  if (!u || u.disabled) throw new RetainError("BAD_INPUT", `No active user with id ${ownerId} to own the task.`, { field });
  if (u.role === "analyst") throw new RetainError("BAD_INPUT", `User ${ownerId} is an analyst and works on no customer; choose an agent or manager.`, { field });
}

/** Changes an open task's owner or due date. */
async function changeOpen(db: Db, customerId: number, taskId: number, set: { owner_id?: number; due_on?: string }): Promise<{ before: TaskOut; after: TaskOut }> {
  return inTransaction(db, async (trx) => {
    const before = await openTask(trx, customerId, taskId);
    await trx.updateTable("tasks").set(set).where("customer_id", "=", customerId).where("task_id", "=", taskId).where("status", "=", "open").execute();
    return { before, after: await getTask(trx, customerId, taskId) };
  });
}

export async function reassignTask(db: Db, customerId: number, taskId: number, ownerId: number): Promise<{ before: TaskOut; after: TaskOut }> {
  await assertOwner(db, ownerId, "body.ownerId");
  return changeOpen(db, customerId, taskId, { owner_id: ownerId });
}

/** Moves an open task to a later day; `today` is the business's day, before which it may not go. */
export async function snoozeTask(db: Db, customerId: number, taskId: number, dueOn: string, today: string): Promise<{ before: TaskOut; after: TaskOut }> {
  if (dueOn < today) throw new RetainError("BAD_INPUT", `A task can be moved to today (${today}) or later, not to ${dueOn}.`, { field: "body.dueOn" });
  return changeOpen(db, customerId, taskId, { due_on: dueOn });
}

export interface ManualTask {
  customerId: number;
  kind: string;
  title: string;
  dueOn: string;
  notes?: string;
  ownerId: number;
}

/** A task entered by hand (no natural key: each one is new). */
export async function addTask(db: Db, t: ManualTask, createdBy: number): Promise<TaskOut> {
  return inTransaction(db, async (trx) => {
    const row = await trx.insertInto("tasks").values({
      customer_id: t.customerId, task_key: null, kind: t.kind, title: t.title, notes: t.notes ?? null, due_on: t.dueOn, owner_id: t.ownerId,
      source_type: "manual", source_id: null, outcome: null, created_by: createdBy,
    }).returning("task_id").executeTakeFirstOrThrow();
    return getTask(trx, t.customerId, Number(row.task_id));
  });
}
