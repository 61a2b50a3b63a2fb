import { sql, type Kysely, type RawBuilder } from "kysely";
import type { Database, TaskStatus } from "../../store/schema.ts";
import { bookFilter, type BookScope } from "./agenda.service.ts";
import { TASK_FIELDS, TASK_JOINS, toTask, type TaskOut } from "./task-actions.service.ts";

/** Filters of the task list; each one narrows it. */
export interface TaskFilter {
  status?: TaskStatus;
  /** A user's id, or null for tasks nobody owns. */
  ownerId?: number | null;
  sourceType?: string;
  customerId?: number;
  /** Open and due before `today`. */
  overdue?: boolean;
  /** The business's day, for `overdue`. */
  today: string;
  scope: BookScope;
}

/** Where a page ended: the due date and task id of its last task. */
export interface TaskCursor {
  dueOn: string;
  taskId: number;
}

/** Tasks soonest due first (then by id), a page at a time. */
export async function listTasks(db: Kysely<Database>, f: TaskFilter, page: { limit: number; after?: TaskCursor }): Promise<{ items: TaskOut[]; next: TaskCursor | null }> {
  const w: RawBuilder<unknown>[] = [sql`c.merged_into is null and c.erased_at is null`];
  if (f.status) w.push(sql`t.status = ${f.status}`);
  if (f.ownerId !== undefined) w.push(f.ownerId === null ? sql`t.owner_id is null` : sql`t.owner_id = ${f.ownerId}`);
  if (f.sourceType) w.push(sql`t.source_type = ${f.sourceType}`);
  if (f.customerId) w.push(sql`t.customer_id = ${f.customerId}`);
  if (f.overdue === true) w.push(sql`t.status = 'open' and t.due_on < ${f.today}::date`);
  if (f.overdue === false) w.push(sql`not (t.status = 'open' and t.due_on < ${f.today}::date)`);
  if (page.after) w.push(sql`(t.due_on, t.task_id) > (${page.after.dueOn}::date, ${page.after.taskId})`);
  const r = await sql<Parameters<typeof toTask>[0]>`select ${TASK_FIELDS} from tasks t ${TASK_JOINS}
    where ${sql.join(w, sql` and `)} ${bookFilter(f.scope)}
    order by t.due_on, t.task_id limit ${page.limit + 1}`.execute(db);
  const items = r.rows.slice(0, page.limit).map(toTask);
  const last = items.at(-1);
  return { items, next: r.rows.length > page.limit && last ? { dueOn: last.dueOn, taskId: last.taskId } : null };
}
