import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTasks } from "../../src/retention/tasks/tasks.repository.ts";
import { testApp, type TestApp } from "../support/app.ts";
import { STORE_KINDS } from "../support/stores.ts";

const DAY = "2026-06-15";

interface AgendaBody { due: Array<{ customerId: number; taskId: number; title: string; overdue: boolean }>; upcoming: unknown[]; owner: { id: number; name: string } }

describe.each(STORE_KINDS)("tasks over HTTP (%s)", (kind) => {
  let t: TestApp;
  let mine = 0;
  let theirs = 0;
  const task: Record<string, { customerId: number; taskId: number }> = {};

  beforeAll(async () => {
    t = await testApp(kind);
    const mk = async (externalId: string, name: string, ownerId: number) => (await t.as.admin.post("/api/customers", { externalId, name, phone: "13900000000", ownerId })).json().id as number;
    mine = await mk("T-1", "赵女士", t.as.agent.userId);
    theirs = await mk("T-2", "钱先生", t.as.agent2.userId);
    await createTasks(t.store.db, [
      { customerId: mine, key: "a", kind: "call", title: "Overdue call", dueOn: "2026-06-12", sourceType: "plan", sourceId: 1 },
      { customerId: mine, key: "b", kind: "care.birthday", title: "Birthday", dueOn: DAY, sourceType: "reminder" },
      { customerId: mine, key: "c", kind: "visit", title: "Visit", dueOn: DAY, sourceType: "visit" },
      { customerId: theirs, key: "d", kind: "call", title: "Their call", dueOn: DAY, sourceType: "plan", sourceId: 1 },
    ]);
    for (const r of await t.store.db.selectFrom("tasks").select(["customer_id", "task_id", "task_key"]).execute()) {
      task[r.task_key!] = { customerId: Number(r.customer_id), taskId: Number(r.task_id) };
    }
  });
  afterAll(async () => t?.close());

  const url = (k: string, action: string) => `/api/tasks/${task[k]!.customerId}/${task[k]!.taskId}/${action}`;

  it("gives each rep their own agenda, overdue first; a manager opens anyone's, an agent only their own", async () => {
    const res = await t.as.agent.get(`/api/tasks/agenda?day=${DAY}`);
    expect(res.statusCode, res.body).toBe(200);
    const a = res.json() as AgendaBody;
    expect(a.owner).toEqual({ id: t.as.agent.userId, name: "The agent" });
    expect(a.due.map((x) => x.title)[0]).toBe("Overdue call");
    expect(a.due.map((x) => x.title).sort()).toEqual(["Birthday", "Overdue call", "Visit"]);
    expect(a.due[0]!.overdue).toBe(true);
    expect((await t.as.agent2.get(`/api/tasks/agenda?day=${DAY}`)).json().due.map((x: { title: string }) => x.title)).toEqual(["Their call"]);

    const peek = await t.as.agent.get(`/api/tasks/agenda?day=${DAY}&owner=${t.as.agent2.userId}`);
    expect(peek.statusCode).toBe(403);
    expect(peek.json()).toMatchObject({ code: "FORBIDDEN", field: "query.owner" });
    const drill = await t.as.manager.get(`/api/tasks/agenda?day=${DAY}&owner=${t.as.agent.userId}`);
    expect(drill.json().due.map((x: { title: string }) => x.title)).toEqual(a.due.map((x) => x.title));
    expect((await t.as.manager.get("/api/tasks/agenda?day=2026-02-30")).json()).toMatchObject({ code: "BAD_INPUT", field: "query.day" });
    expect((await t.as.manager.get("/api/tasks/agenda?owner=999999")).json()).toMatchObject({ code: "BAD_INPUT", field: "query.owner" });
  });

  it("shows the team view to managers only", async () => {
    const res = await t.as.manager.get(`/api/tasks/team?day=${DAY}`);
    expect(res.statusCode, res.body).toBe(200);
    const v = res.json();
    expect(v.staff.find((s: { userId: number }) => s.userId === t.as.agent.userId)).toMatchObject({ team: "Team A", open: 3, dueToday: 2, overdue: 1, oldestOverdue: "2026-06-12" });
    expect(v.teams.map((x: { team: string | null }) => x.team)).toEqual(expect.arrayContaining(["Team A", "Team B"]));
    expect((await t.as.agent.get("/api/tasks/team")).statusCode).toBe(403);
    expect((await t.as.analyst.get("/api/tasks/team")).statusCode).toBe(403);
  });

  it("completes a task with the contact on the timeline, audited, once", async () => {
    expect((await t.as.analyst.post(url("b", "complete"), { outcome: "sent wishes" })).statusCode).toBe(403);
    expect((await t.as.agent2.post(url("b", "complete"), { outcome: "sent wishes" })).statusCode).toBe(403);
    const empty = await t.as.agent.post(url("b", "complete"), { outcome: "  " });
    expect(empty.json()).toMatchObject({ code: "BAD_INPUT", field: "body.outcome" });
    const fax = await t.as.agent.post(url("b", "complete"), { outcome: "sent", channel: "fax" });
    expect(fax.json()).toMatchObject({ code: "BAD_INPUT", field: "body.channel" });

    const res = await t.as.agent.post(url("b", "complete"), { outcome: "sent wishes", channel: "wechat", notes: "she thanked us" });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().task).toMatchObject({ status: "done", outcome: "sent wishes", doneBy: t.as.agent.userId });
    const timeline = (await t.as.agent.get(`/api/customers/${mine}/timeline`)).json().items;
    expect(timeline.find((e: { kind: string }) => e.kind === "interaction")).toMatchObject({
      ref: res.json().interactionId, data: { channel: "wechat", direction: "outbound", purpose: "care.birthday", outcome: "sent wishes", userId: t.as.agent.userId },
    });
    const again = await t.as.agent.post(url("b", "complete"), { outcome: "again" });
    expect(again.statusCode).toBe(409);
    expect((await t.as.agent.post(url("b", "cancel"), { reason: "late" })).statusCode).toBe(409);
    expect((await t.as.agent.post(`/api/tasks/${mine}/999999/complete`, { outcome: "x" })).statusCode).toBe(404);

    const log = await t.store.db.selectFrom("audit_log").select(["action", "entity_id", "customer_id", "user_id", "after"]).where("entity_type", "=", "task").execute();
    expect(log).toEqual([expect.objectContaining({ action: "task.completed", entity_id: String(task.b!.taskId), customer_id: mine, user_id: t.as.agent.userId })]);
    expect(log[0]!.after).toMatchObject({ status: "done", channel: "wechat", notes: "she thanked us", interactionId: res.json().interactionId });
  });

  it("snoozes forward, cancels with a reason, and lets only managers reassign", async () => {
    expect((await t.as.agent.post(url("c", "snooze"), { dueOn: "2020-01-01" })).json()).toMatchObject({ code: "BAD_INPUT", field: "body.dueOn" });
    expect((await t.as.agent.post(url("c", "snooze"), { dueOn: "tomorrow" })).json()).toMatchObject({ code: "BAD_INPUT", field: "body.dueOn" });
    const snoozed = await t.as.agent.post(url("c", "snooze"), { dueOn: "2099-01-04" });
    expect(snoozed.statusCode, snoozed.body).toBe(200);
    expect(snoozed.json().dueOn).toBe("2099-01-04");

    expect((await t.as.agent.post(url("c", "reassign"), { ownerId: t.as.agent.userId })).statusCode).toBe(403);
    expect((await t.as.manager.post(url("c", "reassign"), { ownerId: t.as.analyst.userId })).json()).toMatchObject({ code: "BAD_INPUT", field: "body.ownerId" });
    const moved = await t.as.manager.post(url("c", "reassign"), { ownerId: t.as.manager.userId });
    expect(moved.json()).toMatchObject({ ownerId: t.as.manager.userId, ownerName: "The manager" });

    expect((await t.as.agent.post(url("a", "cancel"), {})).json()).toMatchObject({ code: "BAD_INPUT", field: "body.reason" });
    const cancelled = await t.as.agent.post(url("a", "cancel"), { reason: "customer moved away" });
    expect(cancelled.json()).toMatchObject({ status: "cancelled", outcome: "customer moved away" });
    const actions = await t.store.db.selectFrom("audit_log").select("action").where("entity_type", "=", "task").orderBy("audit_id").execute();
    expect(actions.map((x) => x.action)).toEqual(["task.completed", "task.snoozed", "task.reassigned", "task.cancelled"]);
  });

  it("adds a task by hand within the agent's book, and lists tasks a page at a time", async () => {
    expect((await t.as.agent.post("/api/tasks", { customerId: theirs, kind: "call", title: "x", dueOn: DAY })).statusCode).toBe(403);
    expect((await t.as.agent.post("/api/tasks", { customerId: mine, kind: "call", title: "x", dueOn: DAY, ownerId: t.as.agent2.userId })).statusCode).toBe(403);
    expect((await t.as.agent.post("/api/tasks", { customerId: mine, kind: "打电话", title: "x", dueOn: DAY })).json()).toMatchObject({ code: "BAD_INPUT", field: "body.kind" });
    expect((await t.as.agent.post("/api/tasks", { customerId: mine, kind: "call", title: "", dueOn: DAY })).json()).toMatchObject({ code: "BAD_INPUT", field: "body.title" });
    const made = await t.as.agent.post("/api/tasks", { customerId: mine, kind: "call", title: "Ask about the sofa", dueOn: "2026-06-16", notes: "blue one" });
    expect(made.statusCode, made.body).toBe(201);
    expect(made.json()).toMatchObject({ sourceType: "manual", ownerId: t.as.agent.userId, createdBy: t.as.agent.userId, status: "open", key: null });
    expect(await t.store.db.selectFrom("audit_log").select("action").where("action", "=", "task.created").execute()).toHaveLength(1);

    const first = (await t.as.admin.get("/api/tasks?limit=2")).json();
    expect(first.items).toHaveLength(2);
    const second = (await t.as.admin.get(`/api/tasks?limit=2&cursor=${first.nextCursor}`)).json();
    const third = (await t.as.admin.get(`/api/tasks?limit=2&cursor=${second.nextCursor}`)).json();
    expect(third.nextCursor).toBeNull();
    const all = [...first.items, ...second.items, ...third.items];
    expect(all.map((x: { dueOn: string }) => x.dueOn)).toEqual(["2026-06-12", DAY, DAY, "2026-06-16", "2099-01-04"]);
    expect((await t.as.admin.get("/api/tasks?cursor=garbage")).json()).toMatchObject({ code: "BAD_INPUT", field: "query.cursor" });

    const agents = (await t.as.agent.get("/api/tasks?status=open")).json().items;
    expect(agents.map((x: { customerId: number }) => x.customerId)).not.toContain(theirs);
    // Open and due before today (the clock's): the snoozed visit is due in 2099.
    expect((await t.as.admin.get("/api/tasks?overdue=true")).json().items.map((x: { title: string }) => x.title)).toEqual(["Their call", "Ask about the sofa"]);
    expect((await t.as.admin.get("/api/tasks?source=reminder")).json().items.map((x: { title: string }) => x.title)).toEqual(["Birthday"]);
    expect((await t.as.admin.get(`/api/tasks?owner=${t.as.agent2.userId}`)).json().items.map((x: { title: string }) => x.title)).toEqual(["Their call"]);
  });
});
