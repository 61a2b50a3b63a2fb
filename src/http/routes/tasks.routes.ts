import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { RetainError } from "../../errors.ts";
import { agenda, agendaDay, teamView, type BookScope } from "../../retention/tasks/agenda.service.ts";
import {
  addTask, assertOwner, cancelTask, completeTask, CONTACT_CHANNELS, reassignTask, snoozeTask, type TaskOut,
} from "../../retention/tasks/task-actions.service.ts";
import { listTasks } from "../../retention/tasks/task-list.ts";
import { inTransaction } from "../../store/transaction.ts";
import { principalOf } from "../auth.ts";
import { recordRequestChange } from "../changes.ts";
import { assertAssignable, assertCustomerAccess, can, isScoped } from "../permissions.ts";
import { decodeCursor, encodeCursor, Id, Limit, Text } from "../schemas.ts";

/**
 * Tasks and the agenda (docs/agenda.md): the signed-in rep's list for the day ranked by value
 * at stake, the manager's team view, and working a task. Agents act on their book only.
 */
const tags = ["tasks"];
const Day = z.iso.date();
const Kind = z.string().trim().regex(/^[A-Za-z][\w.-]{0,59}$/, "letters, digits, '.', '_' or '-', starting with a letter");

const Task = z.object({
  customerId: z.number(), taskId: z.number(), key: z.string().nullable(), kind: z.string(), title: z.string(), notes: z.string().nullable(),
  dueOn: z.string(), ownerId: z.number().nullable(), ownerName: z.string().nullable(), customerName: z.string().nullable(),
  status: z.enum(["open", "done", "cancelled"]), sourceType: z.string(), sourceId: z.number().nullable(), outcome: z.string().nullable(),
  createdAt: z.date(), createdBy: z.number().nullable(), doneAt: z.date().nullable(), doneBy: z.number().nullable(),
}).meta({ id: "Task" });

const Definition = z.object({
  runAsOf: z.string().nullable().describe("the date of the model run whose values at risk are used; null: no run yet"),
  salesFrom: z.string(), salesTo: z.string().describe("the fallback's window of net sales"),
});

const AgendaTask = z.object({
  customerId: z.number(), taskId: z.number(), kind: z.string(), title: z.string(), notes: z.string().nullable(), dueOn: z.string(),
  daysOverdue: z.number(), overdue: z.boolean(), sourceType: z.string(), sourceId: z.number().nullable(),
  customer: z.object({ name: z.string().nullable(), phone: z.string().nullable(), tier: z.string().nullable() }),
  valueAtStake: z.string(), valueBasis: z.enum(["risk", "sales12m"]),
}).meta({ id: "AgendaTask" });

const Agenda = z.object({
  day: z.string(), owner: z.object({ id: z.number(), name: z.string() }), definition: Definition,
  due: z.array(AgendaTask), upcoming: z.array(AgendaTask), truncated: z.boolean(),
}).meta({ id: "Agenda" });

const Load = {
  open: z.number(), dueToday: z.number(), overdue: z.number(), oldestOverdue: z.string().nullable(), done7: z.number(), done30: z.number(), valueAtStake: z.string(),
};
const Team = z.object({
  day: z.string(), definition: Definition,
  staff: z.array(z.object({ userId: z.number().nullable(), name: z.string().nullable(), email: z.string().nullable(), team: z.string().nullable(), ...Load })),
  teams: z.array(z.object({ team: z.string().nullable(), members: z.number(), ...Load })),
}).meta({ id: "TeamAgenda" });

const TaskParams = z.object({ customerId: Id, taskId: Id });
const Cursor = z.object({ dueOn: Day, taskId: z.number().int().positive() });

export const taskRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app;
  const scopeOf = (req: Parameters<typeof principalOf>[0]): BookScope => {
    const p = principalOf(req);
    return isScoped(p) ? { userId: p.userId, team: p.team } : null;
  };
  const access = (req: Parameters<typeof principalOf>[0], customerId: number) => assertCustomerAccess(db, principalOf(req), customerId);
  const audit = (action: string, t: { before?: TaskOut; after: TaskOut }, extra?: Record<string, unknown>) => ({
    action, entityType: "task", entityId: t.after.taskId, customerId: t.after.customerId, before: t.before, after: { ...t.after, ...extra },
  });

  app.get("/tasks/agenda", {
    config: { permission: "customers:read" },
    schema: {
      tags, summary: "A staff member's agenda: open tasks due by the day (overdue first, then by value at stake) and the week after",
      querystring: z.object({ day: Day.optional().describe("default: today in the business's time zone"), owner: Id.optional().describe("another staff member (needs tasks:team)") }),
      response: { 200: Agenda },
    },
  }, async (req) => {
    const p = principalOf(req);
    const ownerId = req.query.owner ?? p.userId;
    if (ownerId !== p.userId && !can(p, "tasks:team")) {
      throw new RetainError("FORBIDDEN", "Only managers may open another staff member's agenda.", { field: "query.owner" });
    }
    const owner = await db.selectFrom("users").select(["user_id", "name"]).where("user_id", "=", ownerId).executeTakeFirst();
    if (!owner) throw new RetainError("BAD_INPUT", `No user with id ${ownerId}.`, { field: "query.owner" });
    const { day } = await agendaDay(db, req.query.day);
    const a = await agenda(db, { ownerId, day, scope: scopeOf(req) });
    return { ...a, owner: { id: Number(owner.user_id), name: owner.name } };
  });

  app.get("/tasks/team", {
    config: { permission: "tasks:team" },
    schema: {
      tags, summary: "The team's workload: per staff member and per team, open, due, overdue, done in 7 and 30 days, value at stake",
      querystring: z.object({ day: Day.optional() }), response: { 200: Team },
    },
  }, async (req) => teamView(db, await agendaDay(db, req.query.day)));

  app.get("/tasks", {
    config: { permission: "customers:read" },
    schema: {
      tags, summary: "Tasks, soonest due first, a page at a time (agents: of their book)",
      querystring: z.object({
        status: z.enum(["open", "done", "cancelled"]).optional(),
        owner: z.union([z.literal("none"), Id]).optional().describe("a user's id, or none for unassigned tasks"),
        source: z.string().trim().max(40).optional().describe("plan, journey, reminder, winback, campaign, visit, suggestion, complaint, manual"),
        customerId: Id.optional(),
        overdue: z.enum(["true", "false"]).optional(),
        limit: Limit(50, 500), cursor: z.string().max(300).optional(),
      }),
      response: { 200: z.object({ items: z.array(Task), nextCursor: z.string().nullable() }) },
    },
  }, async (req) => {
    const q = req.query;
    const after = decodeCursor(q.cursor, Cursor);
    const { day } = await agendaDay(db, undefined);
    const r = await listTasks(db, {
      status: q.status, ownerId: q.owner === "none" ? null : q.owner, sourceType: q.source, customerId: q.customerId,
      overdue: q.overdue === undefined ? undefined : q.overdue === "true", today: day, scope: scopeOf(req),
    }, { limit: q.limit, after });
    return { items: r.items, nextCursor: r.next ? encodeCursor(r.next) : null };
  });

  app.post("/tasks", {
    config: { permission: "customers:write" },
    schema: {
      tags, summary: "Add a task by hand for a customer",
      body: z.object({
        customerId: Id, kind: Kind, title: Text(200).pipe(z.string().min(1)), dueOn: Day, notes: Text(2000).optional(),
        ownerId: Id.optional().describe("default: the customer's owner, or you when the customer has none"),
      }),
      response: { 201: Task },
    },
  }, async (req, reply) => {
    const p = principalOf(req);
    const b = req.body;
    await access(req, b.customerId);
    const customer = await db.selectFrom("customers").select("owner_id").where("customer_id", "=", b.customerId).executeTakeFirstOrThrow();
    const ownerId = b.ownerId ?? (customer.owner_id === null ? p.userId : Number(customer.owner_id));
    if (b.ownerId !== undefined) {
      await assertOwner(db, b.ownerId, "body.ownerId");
      await assertAssignable(db, p, b.ownerId);
    }
    const task = await inTransaction(db, async (trx) => {
      const t = await addTask(trx, { customerId: b.customerId, kind: b.kind, title: b.title, dueOn: b.dueOn, notes: b.notes, ownerId }, p.userId);
      await recordRequestChange(trx, req, audit("task.created", { after: t }));
      return t;
    });
    return reply.code(201).send(task);
  });

  app.post("/tasks/:customerId/:taskId/complete", {
    config: { permission: "customers:write" },
    schema: {
      tags, summary: "Mark an open task done; with a channel, the contact is logged on the customer's timeline",
      params: TaskParams,
      body: z.object({ outcome: Text(200).pipe(z.string().min(1)), channel: z.enum(CONTACT_CHANNELS).optional(), notes: Text(5000).optional() }),
      response: { 200: z.object({ task: Task, interactionId: z.number().nullable() }) },
    },
  }, async (req) => {
    const { customerId, taskId } = req.params;
    await access(req, customerId);
    return inTransaction(db, async (trx) => {
      const r = await completeTask(trx, customerId, taskId, req.body, principalOf(req).userId);
      await recordRequestChange(trx, req, audit("task.completed", r, { channel: req.body.channel ?? null, notes: req.body.notes ?? null, interactionId: r.interactionId }));
      return { task: r.after, interactionId: r.interactionId };
    });
  });

  app.post("/tasks/:customerId/:taskId/cancel", {
    config: { permission: "customers:write" },
    schema: { tags, summary: "Cancel an open task, saying why", params: TaskParams, body: z.object({ reason: Text(200).pipe(z.string().min(1)) }), response: { 200: Task } },
  }, async (req) => {
    const { customerId, taskId } = req.params;
    await access(req, customerId);
    return inTransaction(db, async (trx) => {
      const r = await cancelTask(trx, customerId, taskId, req.body.reason, principalOf(req).userId);
      await recordRequestChange(trx, req, audit("task.cancelled", r));
      return r.after;
    });
  });

  app.post("/tasks/:customerId/:taskId/reassign", {
    config: { permission: "tasks:team" },
    schema: { tags, summary: "Give an open task to another staff member", params: TaskParams, body: z.object({ ownerId: Id }), response: { 200: Task } },
  }, async (req) => {
    const { customerId, taskId } = req.params;
    await access(req, customerId);
    return inTransaction(db, async (trx) => {
      const r = await reassignTask(trx, customerId, taskId, req.body.ownerId);
      await recordRequestChange(trx, req, audit("task.reassigned", r));
      return r.after;
    });
  });

  app.post("/tasks/:customerId/:taskId/snooze", {
    config: { permission: "customers:write" },
    schema: { tags, summary: "Move an open task to a later day", params: TaskParams, body: z.object({ dueOn: Day }), response: { 200: Task } },
  }, async (req) => {
    const { customerId, taskId } = req.params;
    await access(req, customerId);
    const { day } = await agendaDay(db, undefined);
    return inTransaction(db, async (trx) => {
      const r = await snoozeTask(trx, customerId, taskId, req.body.dueOn, day);
      await recordRequestChange(trx, req, audit("task.snoozed", r));
      return r.after;
    });
  });
};
