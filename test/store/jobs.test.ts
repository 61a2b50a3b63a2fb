import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backoffMs, claim, complete, enqueue, fail, Worker, type Job } from "../../src/jobs/queue.ts";
import { openStore, type Store } from "../../src/store/connect.ts";
import { freshStore, STORE_KINDS } from "../support/stores.ts";

const T0 = Date.parse("2026-05-01T00:00:00Z");
const at = (seconds: number) => new Date(T0 + seconds * 1000);

describe.each(STORE_KINDS)("the durable job queue on %s", (kind) => {
  let store: Store;
  beforeAll(async () => {
    store = await freshStore(kind);
  });
  afterAll(async () => store?.close());

  const state = async (jobId: number) =>
    (await sql<{ state: string; attempts: number; run_at: Date; last_error: string | null }>`select state, attempts, run_at, last_error from jobs where job_id = ${jobId}`.execute(store.db)).rows[0]!;

  it("enqueues one job per key, however often the same work is enqueued", async () => {
    const a = await enqueue(store.db, { queue: "keyed", key: "campaign-1:customer-7", payload: { n: 1 } }, at(0));
    const b = await enqueue(store.db, { queue: "keyed", key: "campaign-1:customer-7", payload: { n: 2 } }, at(1));
    const c = await enqueue(store.db, { queue: "keyed", payload: { n: 3 } }, at(2));
    expect(a.created).toBe(true);
    expect(b).toEqual({ jobId: a.jobId, created: false });
    expect(c.created).toBe(true);
    const job = await claim<{ n: number }>(store.db, "keyed", "w1", { now: at(5) });
    expect(job).toMatchObject({ jobId: a.jobId, payload: { n: 1 }, attempts: 1, lockedBy: "w1" });
    await expect(enqueue(store.db, { queue: "Bad Queue", payload: {} })).rejects.toThrow(RangeError);
  });

  it("claims only due jobs, oldest first, and never the same job for two workers", async () => {
    const later = await enqueue(store.db, { queue: "due", payload: "later", runAt: at(100) }, at(0));
    const first = await enqueue(store.db, { queue: "due", payload: "first", runAt: at(10) }, at(0));
    expect(await claim(store.db, "due", "w1", { now: at(5) })).toBeNull();
    const [x, y] = await Promise.all([claim(store.db, "due", "w1", { now: at(10) }), claim(store.db, "due", "w2", { now: at(10) })]);
    expect([x, y].filter((j) => j !== null).map((j) => j!.jobId)).toEqual([first.jobId]);
    const next = await claim(store.db, "due", "w3", { now: at(100) });
    expect(next?.jobId).toBe(later.jobId);
  });

  it("claims across several queues in one go, the oldest due job of any of them first", async () => {
    const b = await enqueue(store.db, { queue: "multi-b", payload: "b", runAt: at(20) }, at(0));
    const a = await enqueue(store.db, { queue: "multi-a", payload: "a", runAt: at(30) }, at(0));
    await enqueue(store.db, { queue: "multi-c", payload: "c", runAt: at(10) }, at(0));
    const first = await claim(store.db, ["multi-a", "multi-b"], "w", { now: at(40) });
    expect(first).toMatchObject({ jobId: b.jobId, queue: "multi-b" });
    expect(await claim(store.db, ["multi-a", "multi-b"], "w", { now: at(40) })).toMatchObject({ jobId: a.jobId, queue: "multi-a" });
    expect(await claim(store.db, ["multi-a", "multi-b"], "w", { now: at(40) })).toBeNull();
    expect(await claim(store.db, [], "w", { now: at(40) })).toBeNull();
  });

  it("gives a job whose worker died to another when the lease runs out, and refuses the late worker's completion", async () => {
    const { jobId } = await enqueue(store.db, { queue: "lease", payload: {} }, at(0));
    const a = (await claim(store.db, "lease", "dead", { now: at(0), leaseMs: 60_000 }))!;
    expect(await claim(store.db, "lease", "alive", { now: at(30), leaseMs: 60_000 })).toBeNull();
    const b = (await claim(store.db, "lease", "alive", { now: at(61), leaseMs: 60_000 }))!;
    expect(b).toMatchObject({ jobId, attempts: 2, lockedBy: "alive" });
    expect(await complete(store.db, a, at(62))).toBe(false);
    expect(await complete(store.db, b, at(62))).toBe(true);
    expect(await state(jobId)).toMatchObject({ state: "done", attempts: 2 });
    expect(await complete(store.db, b, at(63))).toBe(false);
  });

  it("retries a failed job after its backoff, then fails it for good at its last attempt", async () => {
    const { jobId } = await enqueue(store.db, { queue: "flaky", payload: {}, maxAttempts: 2 }, at(0));
    const j1 = (await claim(store.db, "flaky", "w", { now: at(0) }))!;
    expect(await fail(store.db, j1, "smtp: connection refused", at(1))).toBe(true);
    expect(await state(jobId)).toMatchObject({ state: "queued", attempts: 1, last_error: "smtp: connection refused" });
    expect(new Date((await state(jobId)).run_at).getTime()).toBe(at(1).getTime() + backoffMs(1));
    expect(await claim(store.db, "flaky", "w", { now: at(20) })).toBeNull();
    const j2 = (await claim(store.db, "flaky", "w", { now: at(31) }))!;
    expect(j2.attempts).toBe(2);
    await fail(store.db, j2, "smtp: 550 mailbox unavailable", at(32));
    expect(await state(jobId)).toMatchObject({ state: "failed", attempts: 2, last_error: "smtp: 550 mailbox unavailable" });
    expect(await claim(store.db, "flaky", "w", { now: at(100_000) })).toBeNull();
    expect([1, 2, 3, 8, 20].map(backoffMs)).toEqual([30_000, 60_000, 120_000, 3_600_000, 3_600_000]);
  });

  it("runs each job once through a worker, retrying a failure, and stops cleanly", async () => {
    const seen: string[] = [];
    let flakes = 1;
    for (const name of ["a", "b", "flaky"]) await enqueue(store.db, { queue: "work", key: name, payload: { name } }, at(0));
    let clock = at(0);
    const w = new Worker(store.db, {
      work: async (job: Job<unknown>) => {
        const { name } = job.payload as { name: string };
        if (name === "flaky" && flakes-- > 0) throw new Error("first try fails");
        seen.push(name);
      },
    }, { id: "w", now: () => clock });
    expect(await w.drain()).toBe(3);
    expect(seen).toEqual(["a", "b"]);
    clock = at(31);
    expect(await w.drain()).toBe(1);
    expect(seen).toEqual(["a", "b", "flaky"]);
    expect(await w.drain()).toBe(0);
    w.start();
    await w.stop();
  });
});

describe("the durable job queue across a restart of the embedded store", () => {
  it("keeps queued jobs and the keys already used in the data folder", async () => {
    const fs = await import("node:fs");
    const os = await import("node:os");
    const path = await import("node:path");
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "retain-jobs-"));
    try {
      let store = await openStore({ kind: "pglite", dataDir: dir });
      const first = await enqueue(store.db, { queue: "send", key: "c1:cust-1", payload: { to: "cust-1" } });
      const held = (await claim(store.db, "send", "before-restart", { leaseMs: 1 }))!;
      expect(held.jobId).toBe(first.jobId);
      await store.close();
      store = await openStore({ kind: "pglite", dataDir: dir });
      expect(await enqueue(store.db, { queue: "send", key: "c1:cust-1", payload: { to: "cust-1" } })).toEqual({ jobId: first.jobId, created: false });
      const again = await claim(store.db, "send", "after-restart", { now: new Date(Date.now() + 10) });
      expect(again).toMatchObject({ jobId: first.jobId, attempts: 2 });
      expect(await complete(store.db, held)).toBe(false);
      expect(await complete(store.db, again!)).toBe(true);
      await store.close();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
