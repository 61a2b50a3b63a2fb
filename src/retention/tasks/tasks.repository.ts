import { sql, type Kysely } from "kysely";
import type { Database, TaskStatus } from "../../store/schema.ts";

/**
 * Tasks on the staff's agenda (migration 0015). Everything that asks a person to contact a
 * customer — a contact plan's quarter, a post-purchase journey step, a care reminder, a
 * win-back, a key account's planned visit — lands here through `createTasks`, each under its
 * natural key, so running the same plan, journey or reminder again adds nothing.
 */
type Db = Kysely<Database>;

/** Where a task came from: the feature that made it. */
export type TaskSource = "plan" | "journey" | "reminder" | "winback" | "campaign" | "visit" | "suggestion" | "complaint" | "manual";

export interface NewTask {
  customerId: number;
  /** One task per (customer, key), ever; null for a task that is not tied to anything (entered by hand). */
  key: string | null;
  /** What to do, e.g. "call", "visit", "birthday", "journey.checkIn", a contact type of a plan. */
  kind: string;
  title: string;
  notes?: string | null;
  /** 'YYYY-MM-DD' in the business's time zone. */
  dueOn: string;
  /** The staff member; null = the customer's owner at creation, or nobody when the customer has none. */
  ownerId?: number | null;
  sourceType: TaskSource;
  sourceId?: number | null;
  createdBy?: number | null;
}

/**
 * Adds the tasks whose keys are new; a task whose owner is not given goes to the customer's
 * owner. Returns how many were added and how many were there already.
 */
export async function createTasks(db: Db, tasks: readonly NewTask[]): Promise<{ created: number; existing: number }> {
  let created = 0;
  const CHUNK = 500;
  for (let i = 0; i < tasks.length; i += CHUNK) {
    const chunk = tasks.slice(i, i + CHUNK);
    const ids = [...new Set(chunk.filter((t) => t.ownerId === undefined).map((t) => t.customerId))];
    const owners = new Map<number, number | null>();
    if (ids.length) {
      const rows = await db.selectFrom("customers").select(["customer_id", "owner_id"]).where("customer_id", "in", ids).execute();
      for (const r of rows) owners.set(Number(r.customer_id), r.owner_id === null ? null : Number(r.owner_id));
    }
    const rows = await db.insertInto("tasks").values(chunk.map((t) => ({
      customer_id: t.customerId, task_key: t.key, kind: t.kind, title: t.title, notes: t.notes ?? null, due_on: t.dueOn,
      owner_id: t.ownerId === undefined ? (owners.get(t.customerId) ?? null) : t.ownerId,
      source_type: t.sourceType, source_id: t.sourceId ?? null, outcome: null, created_by: t.createdBy ?? null,
    })))
      .onConflict((oc) => oc.columns(["customer_id", "task_key"]).where("task_key", "is not", null).doNothing())
      .returning("task_id").execute();
    created += rows.length;
  }
  return { created, existing: tasks.length - created };
}

/** Closes an open task as done (with what came of it) or cancelled; false when it was not open. */
export async function closeTask(db: Db, customerId: number, taskId: number, o: { status: Exclude<TaskStatus, "open">; outcome?: string | null; userId: number | null; at?: Date }): Promise<boolean> {
  const r = await db.updateTable("tasks")
    .set({ status: o.status, outcome: o.outcome ?? null, done_by: o.userId, done_at: o.at ?? sql<Date>`now()` })
    .where("customer_id", "=", customerId).where("task_id", "=", taskId).where("status", "=", "open")
    .returning("task_id").execute();
  return r.length === 1;
}
