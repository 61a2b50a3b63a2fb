import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addUser } from "../../src/accounts/accounts.service.ts";
import { customerTimeline } from "../../src/archive/customers.service.ts";
import { SYSTEM_ACTOR } from "../../src/audit/audit.repository.ts";
import { agenda, agendaDay, teamView } from "../../src/retention/tasks/agenda.service.ts";
import { todayIn } from "../../src/value/value-report.service.ts";
import { cancelTask, completeTask, snoozeTask } from "../../src/retention/tasks/task-actions.service.ts";
import { listTasks } from "../../src/retention/tasks/task-list.ts";
import { createTasks } from "../../src/retention/tasks/tasks.repository.ts";
import type { Store } from "../../src/store/connect.ts";
import { setSetting } from "../../src/store/settings.repository.ts";
import { importLines } from "../support/import-rows.ts";
import { freshStore, STORE_KINDS } from "../support/stores.ts";

const DAY = "2026-06-15";

/**
 * The agenda (docs/agenda.md): overdue first, then by value at stake, where the value at
 * stake is the latest run's value at risk or, without one, the last 12 months' net sales;
 * the business's day; working a task.
 */
describe.each(STORE_KINDS)("the agenda and tasks (%s)", (kind) => {
  let store: Store;
  let agent = 0;
  let mate = 0;
  const id: Record<string, number> = {};

  beforeAll(async () => {
    store = await freshStore(kind);
    const db = store.db;
    agent = (await addUser(db, { email: "rep@example.com", name: "Rep", role: "agent", team: "华东", password: "a long password 1" }, SYSTEM_ACTOR)).id;
    mate = (await addUser(db, { email: "mate@example.com", name: "Mate", role: "agent", team: "华东", password: "a long password 2" }, SYSTEM_ACTOR)).id;
    const line = (ref: string, orderedAt: string, amount: string, n: number) => ({ customerRef: ref, customerName: ref, orderNo: `${ref}-${n}`, orderedAt, quantity: amount.startsWith("-") ? "-1" : "1", amount });
    const r = await importLines(db, [
      // Net 1000 in the 12 months to the day; the older sale falls outside them.
      line("SALES", "2024-03-01", "5000", 1), line("SALES", "2025-07-02", "700", 2), line("SALES", "2026-06-01", "400", 3), line("SALES", "2026-06-03", "-100", 4),
      // Scored: its value at risk counts, not its large sales.
      line("RISK", "2026-05-05", "50000", 1),
      // Scored without a churn probability (not active enough): falls back to sales.
      line("IDLE", "2025-09-09", "200", 1),
      line("NONE", "2020-01-01", "10", 1),
    ]);
    expect(r.refused).toEqual([]);
    for (const c of await db.selectFrom("customers").select(["customer_id", "external_id"]).execute()) id[c.external_id!] = Number(c.customer_id);
    await db.updateTable("customers").set({ owner_id: agent }).execute();
    const run = async (asOf: string, scores: Array<[number, string | null]>) => {
      const x = await sql<{ run_id: string }>`insert into model_runs (as_of, unit, horizon_days, params, quality, summary, customers)
        values (${asOf}::date, 'day', 90, '{}', '{}', '{}', ${scores.length}) returning run_id`.execute(db);
      for (const [c, var_] of scores) {
        await sql`insert into customer_scores (customer_id, run_id, p_alive, expected_purchases, expected_order_value, clv, clv_low, clv_high, churn_probability, value_at_risk)
          values (${c}, ${x.rows[0]!.run_id}, 0.5, 1, 10, 10, 5, 20, ${var_ === null ? null : 0.3}, ${var_})`.execute(db);
      }
    };
    await run("2026-05-31", [[id.RISK!, "9999.00"], [id.SALES!, "8888.00"]]);
    await run("2026-06-14", [[id.RISK!, "300.00"], [id.IDLE!, null]]);
    await sql`insert into segment_snapshots (as_of, window_from, measure, rules, customers) values ('2026-06-14', '2025-06-15', 'sales', '{}', 1)`.execute(db);
    await sql`insert into customer_segments (customer_id, as_of, net_sales, margin, tier, ladder) values (${id.RISK}, '2026-06-14', 50000, 0, 'top', 'client')`.execute(db);

    const task = (key: string, customer: string, dueOn: string, ownerId?: number) =>
      ({ customerId: id[customer]!, key, kind: "call", title: `call ${key}`, dueOn, sourceType: "plan" as const, sourceId: 7, ownerId });
    await createTasks(db, [
      task("overdue-low", "NONE", "2026-06-10"), task("due-high", "SALES", DAY), task("due-mid", "RISK", DAY), task("overdue-mid", "IDLE", "2026-06-14"),
      task("soon", "SALES", "2026-06-18"), task("later", "RISK", "2026-06-30"), task("mates", "SALES", DAY, mate), task("done", "RISK", "2026-06-01"),
    ]);
    const done = await db.selectFrom("tasks").select(["customer_id", "task_id"]).where("task_key", "=", "done").executeTakeFirstOrThrow();
    await completeTask(db, Number(done.customer_id), Number(done.task_id), { outcome: "reached" }, agent, new Date("2026-06-08T17:00:00Z"));
  });
  afterAll(async () => store?.close());

  const keysOf = async (items: Array<{ customerId: number; taskId: number }>) => {
    const rows = await store.db.selectFrom("tasks").select(["task_id", "task_key"]).execute();
    return items.map((i) => rows.find((r) => Number(r.task_id) === i.taskId)!.task_key);
  };

  it("lists overdue tasks first, then by value at stake, and the week after apart", async () => {
    const a = await agenda(store.db, { ownerId: agent, day: DAY, scope: null });
    expect(await keysOf(a.due)).toEqual(["overdue-mid", "overdue-low", "due-high", "due-mid"]);
    expect(a.due.map((t) => [t.overdue, t.daysOverdue])).toEqual([[true, 1], [true, 5], [false, 0], [false, 0]]);
    expect(await keysOf(a.upcoming)).toEqual(["soon"]);
    expect(a.upcoming[0]!.daysOverdue).toBe(-3);
    expect(a.truncated).toBe(false);
  });

  it("takes the latest run's value at risk, else the 12 months' net sales, and says which", async () => {
    const a = await agenda(store.db, { ownerId: agent, day: DAY, scope: null });
    const by = Object.fromEntries(a.due.map((t) => [t.customerId, [t.valueAtStake, t.valueBasis]]));
    expect(by[id.RISK!]).toEqual(["300.00", "risk"]);
    // Scored in an older run only: the latest run decides.
    expect(by[id.SALES!]).toEqual(["1000.00", "sales12m"]);
    expect(by[id.IDLE!]).toEqual(["200.00", "sales12m"]);
    expect(by[id.NONE!]).toEqual(["0.00", "sales12m"]);
    expect(a.definition).toEqual({ runAsOf: "2026-06-14", salesFrom: "2025-07-01", salesTo: DAY });
    expect(a.due.find((t) => t.customerId === id.RISK)!.customer).toEqual({ name: "RISK", phone: null, tier: "top" });
  });

  it("cuts the day in the business's time zone", async () => {
    const now = new Date("2026-06-14T17:30:00Z");
    expect(todayIn("Asia/Shanghai", now)).toBe("2026-06-15");
    expect(todayIn("UTC", now)).toBe("2026-06-14");
    const shanghai = await agendaDay(store.db, undefined, now);
    expect(shanghai.day).toBe(DAY);
    expect(await keysOf((await agenda(store.db, { ownerId: agent, day: shanghai.day, scope: null })).due)).toContain("due-high");
    await setSetting(store.db, "timezone", "UTC");
    try {
      const utc = await agendaDay(store.db, undefined, now);
      expect(utc.day).toBe("2026-06-14");
      const a = await agenda(store.db, { ownerId: agent, day: utc.day, scope: null });
      expect(await keysOf(a.upcoming)).toEqual(expect.arrayContaining(["due-high", "due-mid"]));
      expect(await keysOf(a.due)).toEqual(["overdue-low", "overdue-mid"]);
      // Done at 01:00 on 9 June in Shanghai but 17:00 on 8 June in UTC: outside the 7 days 9–15 June there.
      const team = await teamView(store.db, { day: DAY, timezone: "UTC" });
      expect(team.staff.find((s) => s.userId === agent)!.done7).toBe(0);
    } finally {
      await setSetting(store.db, "timezone", "Asia/Shanghai");
    }
    const team = await teamView(store.db, { day: DAY, timezone: "Asia/Shanghai" });
    expect(team.staff.find((s) => s.userId === agent)!.done7).toBe(1);
  });

  it("keeps an agent's agenda to customers of their book", async () => {
    const other = (await addUser(store.db, { email: "west@example.com", name: "West", role: "agent", team: "华西", password: "a long password 3" }, SYSTEM_ACTOR)).id;
    await store.db.updateTable("customers").set({ owner_id: other }).where("customer_id", "=", id.NONE!).execute();
    try {
      const a = await agenda(store.db, { ownerId: agent, day: DAY, scope: { userId: agent, team: "华东" } });
      expect(await keysOf(a.due)).toEqual(["overdue-mid", "due-high", "due-mid"]);
      const page = await listTasks(store.db, { today: DAY, scope: { userId: agent, team: "华东" }, status: "open" }, { limit: 100 });
      expect(page.items.map((t) => t.customerId)).not.toContain(id.NONE);
    } finally {
      await store.db.updateTable("customers").set({ owner_id: agent }).where("customer_id", "=", id.NONE!).execute();
    }
  });

  it("sums each staff member's workload and value at stake, and by team", async () => {
    const team = await teamView(store.db, { day: DAY, timezone: "Asia/Shanghai" });
    const rep = team.staff.find((s) => s.userId === agent)!;
    // Open: six of the rep's tasks; value over distinct customers: 1000 + 300 + 200 + 0.
    expect(rep).toMatchObject({ open: 6, dueToday: 2, overdue: 2, oldestOverdue: "2026-06-10", done7: 1, done30: 1, valueAtStake: "1500.00" });
    expect(team.staff.find((s) => s.userId === mate)).toMatchObject({ open: 1, dueToday: 1, overdue: 0, valueAtStake: "1000.00" });
    expect(team.teams.find((t) => t.team === "华东")).toMatchObject({ open: 7, dueToday: 3, overdue: 2, valueAtStake: "2500.00" });
  });

  it("completes a task once, logging the contact on the customer's timeline", async () => {
    const t = (await agenda(store.db, { ownerId: agent, day: DAY, scope: null })).due.find((x) => x.customerId === id.RISK)!;
    const r = await completeTask(store.db, t.customerId, t.taskId, { outcome: "booked a fitting", channel: "phone", notes: "prefers evenings" }, agent);
    expect(r.after).toMatchObject({ status: "done", outcome: "booked a fitting", doneBy: agent });
    const timeline = await customerTimeline(store.db, id.RISK!);
    const contact = timeline.find((e) => e.kind === "interaction" && Number(e.ref) === r.interactionId)!;
    expect(contact.data).toMatchObject({ channel: "phone", direction: "outbound", purpose: "call", outcome: "booked a fitting", notes: "prefers evenings", userId: agent });
    await expect(completeTask(store.db, t.customerId, t.taskId, { outcome: "again", channel: "phone" }, agent)).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(cancelTask(store.db, t.customerId, t.taskId, "no longer needed", agent)).rejects.toMatchObject({ code: "CONFLICT" });
    const contacts = await store.db.selectFrom("interactions").select("interaction_id").where("customer_id", "=", id.RISK!).execute();
    expect(contacts).toHaveLength(1);
    expect(await keysOf((await agenda(store.db, { ownerId: agent, day: DAY, scope: null })).due)).not.toContain("due-mid");
  });

  it("completes without a channel without logging a contact, and snoozes only forward", async () => {
    const a = await agenda(store.db, { ownerId: agent, day: DAY, scope: null });
    const t = a.due.find((x) => x.customerId === id.IDLE)!;
    const r = await completeTask(store.db, t.customerId, t.taskId, { outcome: "not needed after all" }, agent);
    expect(r.interactionId).toBeNull();
    expect(await store.db.selectFrom("interactions").select("interaction_id").where("customer_id", "=", id.IDLE!).execute()).toEqual([]);
    const low = a.due.find((x) => x.customerId === id.NONE)!;
    await expect(snoozeTask(store.db, low.customerId, low.taskId, "2026-06-14", DAY)).rejects.toMatchObject({ code: "BAD_INPUT", details: { field: "body.dueOn" } });
    const moved = await snoozeTask(store.db, low.customerId, low.taskId, "2026-06-20", DAY);
    expect(moved.after.dueOn).toBe("2026-06-20");
    const after = await agenda(store.db, { ownerId: agent, day: DAY, scope: null });
    expect(after.due.map((x) => x.taskId)).not.toContain(low.taskId);
    expect(after.upcoming.map((x) => x.taskId)).toContain(low.taskId);
  });
});
