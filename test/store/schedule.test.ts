import type { Kysely } from "kysely";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { dailyJobs } from "../../src/jobs/daily-jobs.ts";
import { Worker } from "../../src/jobs/queue.ts";
import { dailyHandlers, dailyQueue, localDayAndTime, scheduleDaily, Scheduler, type DailyJob } from "../../src/jobs/schedule.ts";
import { createSlaWarningTasks } from "../../src/retention/complaints/sla-warnings.ts";
import type { Store } from "../../src/store/connect.ts";
import type { Database } from "../../src/store/schema.ts";
import { setSetting } from "../../src/store/settings.repository.ts";
import { freshStore, STORE_KINDS } from "../support/stores.ts";

describe.each(STORE_KINDS)("daily jobs through the queue on %s", (kind) => {
  let store: Store;
  let db: Kysely<Database>;
  beforeAll(async () => {
    store = await freshStore(kind);
    db = store.db;
  });
  afterAll(async () => store?.close());

  describe("the scheduler", () => {
    let runs: string[];
    let clock: Date;
    let job: DailyJob;
    beforeEach(async () => {
      await db.deleteFrom("jobs").execute();
      await setSetting(db, "timezone", "Asia/Shanghai");
      runs = [];
      job = { name: "count", at: "02:00", run: async (_db, day) => { runs.push(day); } };
    });
    const scheduler = () => new Scheduler(db, [job], { now: () => clock });
    const worker = () => new Worker(db, dailyHandlers(db, [job], { log: () => {} }), { now: () => clock });

    it("runs a day once across two schedulers, two workers and a restart", async () => {
      clock = new Date("2026-11-22T18:05:00Z"); // 02:05 on 23 November in Shanghai
      const [a, b] = [scheduler(), scheduler()];
      const added = await Promise.all([a.tick(), b.tick()]);
      expect(added.flat()).toEqual(["count"]);
      await Promise.all([worker().drain(), worker().drain()]);
      expect(runs).toEqual(["2026-11-23"]);

      // the server restarts later the same day: a new scheduler finds the day's job done
      clock = new Date("2026-11-23T03:00:00Z");
      expect(await scheduler().tick()).toEqual([]);
      expect(await worker().drain()).toBe(0);
      expect(runs).toEqual(["2026-11-23"]);

      // the next local day runs again
      clock = new Date("2026-11-23T18:00:00Z");
      expect(await scheduler().tick()).toEqual(["count"]);
      await worker().drain();
      expect(runs).toEqual(["2026-11-23", "2026-11-24"]);
    });

    it("reads the time and the day in the business's time zone", async () => {
      clock = new Date("2026-11-22T17:59:00Z"); // 01:59 local: not yet
      expect(await scheduler().tick()).toEqual([]);
      clock = new Date("2026-11-22T18:00:00Z"); // 02:00 local, already 23 November there
      expect(await scheduler().tick()).toEqual(["count"]);
      const jobs = await db.selectFrom("jobs").select(["queue", "key"]).execute();
      expect(jobs).toEqual([{ queue: dailyQueue("count"), key: "2026-11-23" }]);

      // the same instant in New York is 13:00 on the 22nd: that day is its own
      await setSetting(db, "timezone", "America/New_York");
      expect(await scheduler().tick()).toEqual(["count"]);
      expect((await db.selectFrom("jobs").select("key").orderBy("key").execute()).map((r) => r.key)).toEqual(["2026-11-22", "2026-11-23"]);
    });

    it("retries a day whose run failed, and still runs it only until it succeeds", async () => {
      let failures = 1;
      job = { name: "flaky", at: "00:00", run: async (_db, day) => { if (failures-- > 0) throw new Error("store busy"); runs.push(day); } };
      clock = new Date("2026-11-23T01:00:00Z");
      await scheduler().tick();
      await worker().drain();
      expect(runs).toEqual([]);
      clock = new Date("2026-11-23T02:00:00Z"); // after the backoff
      await scheduler().tick();
      await worker().drain();
      expect(runs).toEqual(["2026-11-23"]);
      expect(await scheduleDaily(db, "flaky", "2026-11-23", clock)).toMatchObject({ created: false });
    });
  });

  it("lists the nightly scoring only when it has a time, and starts one run a day", async () => {
    await db.deleteFrom("jobs").execute();
    expect(dailyJobs().map((j) => j.name)).toEqual(["stale-sends", "sla-warnings", "campaigns", "journeys", "surveys", "reminders"]);
    const jobs = dailyJobs({ scoreAt: "03:30" }).filter((j) => j.name === "scoring");
    expect(jobs).toMatchObject([{ at: "03:30" }]);
    let started = 0;
    const ctx = { log: () => {}, startModelRun: () => ({ started: ++started === 1, jobId: `run-${started}` }) };
    const clock = new Date("2026-11-22T19:31:00Z"); // 03:31 in Shanghai
    await Promise.all([new Scheduler(db, jobs, { now: () => clock }).tick(), new Scheduler(db, jobs, { now: () => clock }).tick()]);
    await new Worker(db, dailyHandlers(db, jobs, ctx), { now: () => clock }).drain();
    expect(started).toBe(1);
  });

  it("puts complaints due within a business day, or overdue, on the handler's or owner's agenda once", async () => {
    await setSetting(db, "timezone", "Asia/Shanghai");
    const handler = Number((await db.insertInto("users").values({ email: "h@example.com", name: "Handler", role: "agent" }).returning("user_id").executeTakeFirstOrThrow()).user_id);
    const owner = Number((await db.insertInto("users").values({ email: "o@example.com", name: "Owner", role: "agent" }).returning("user_id").executeTakeFirstOrThrow()).user_id);
    const c = Number((await db.insertInto("customers").values({ name: "Liu Yang", owner_id: owner }).returning("customer_id").executeTakeFirstOrThrow()).customer_id);
    const open = async (openedAt: string, severity: "low" | "normal", handlerId: number | null) =>
      Number((await db.insertInto("complaints").values({ customer_id: c, opened_at: openedAt, channel: "phone", severity, status: "open", external_ref: openedAt, handler_id: handlerId })
        .returning("complaint_id").executeTakeFirstOrThrow()).complaint_id);
    // Monday 09:00 local, normal: first response (4 business hours) long overdue; resolution (24) due Wednesday 18:00
    const a = await open("2026-11-23T01:00:00Z", "normal", handler);
    // Wednesday 10:00 local, low: first response (8 business hours) due Thursday 10:00, exactly a business day on; resolution later
    const b = await open("2026-11-25T02:00:00Z", "low", null);
    await db.insertInto("complaints").values({ customer_id: c, opened_at: "2026-11-20T01:00:00Z", channel: "phone", severity: "normal", status: "resolved", external_ref: "done", resolved_at: "2026-11-20T03:00:00Z" }).execute();
    const now = new Date("2026-11-25T02:00:00Z");

    expect(await createSlaWarningTasks(db, now, "en")).toEqual({ created: 3, existing: 0 });
    expect(await createSlaWarningTasks(db, now, "en")).toEqual({ created: 0, existing: 3 });
    const tasks = await db.selectFrom("tasks").select(["task_key", "kind", "owner_id", "due_on", "title", "source_type", "source_id"]).orderBy("task_key").execute();
    expect(tasks.map((t) => [t.task_key, Number(t.owner_id), String(t.due_on), t.title])).toEqual([
      [`sla:${a}:firstResponse`, handler, "2026-11-25", `Complaint #${a}: first response overdue (2026-11-23 14:00)`],
      [`sla:${a}:resolution`, handler, "2026-11-25", `Complaint #${a}: resolution due (2026-11-25 18:00)`],
      [`sla:${b}:firstResponse`, owner, "2026-11-26", `Complaint #${b}: first response due (2026-11-26 10:00)`],
    ]);
    expect(tasks.every((t) => t.kind === "complaint.sla" && t.source_type === "complaint")).toBe(true);
  });

  it("tells the local day and time", () => {
    expect(localDayAndTime(new Date("2026-11-22T18:30:00Z"), "Asia/Shanghai")).toEqual(["2026-11-23", "02:30"]);
  });
});
