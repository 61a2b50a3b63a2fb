import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_LIFT } from "../../src/demo/responses.ts";
import { dayNumber, dayText } from "../../src/domain/days.ts";
import { loadDemo } from "../../src/ingest/load-demo.ts";
import { campaignResults } from "../../src/retention/campaigns/campaign-results.service.ts";
import { DEMO_CARE_DAYS, lastWholeQuarter, loadDemoActions, winbackStart, workDemoCareMonth } from "../../src/retention/demo-actions.ts";
import { teamView } from "../../src/retention/tasks/agenda.service.ts";
import { planResults } from "../../src/retention/plans/plan-results.service.ts";
import type { Store } from "../../src/store/connect.ts";
import { snapshotSegments } from "../../src/value/value-report.service.ts";
import { freshStore, STORE_KINDS } from "../support/stores.ts";

const END = "2026-06-30";

describe("when the demo's plan and win-back run", () => {
  it("takes the last whole quarter and a start after a snapshot before it with 90 days to run", () => {
    expect(lastWholeQuarter("2026-06-30")).toBe("2026-04-01");
    expect(lastWholeQuarter("2026-11-23")).toBe("2026-07-01");
    expect(lastWholeQuarter("2026-01-01")).toBe("2025-10-01");
    expect(winbackStart("2026-06-30", ["2025-09-30", "2025-12-31", "2026-03-31"])).toBe("2026-04-01");
    expect(winbackStart("2026-11-23", ["2026-01-31", "2026-04-30"])).toBe("2026-05-01");
    expect(winbackStart("2026-06-30", [])).toBeNull();
  });
});

/**
 * The demo acting on its analyses (acceptance: a tiered plan after seed 000's case and a
 * win-back with a 10% holdout run end to end and their results show the effect).
 */
describe.each(STORE_KINDS)("the demo's contact plan and win-back on %s", (kind) => {
  let store: Store;
  let first: Awaited<ReturnType<typeof loadDemoActions>>;
  const snapshots = ["2025-09-30", "2025-12-31", "2026-03-31"];

  beforeAll(async () => {
    store = await freshStore(kind);
    await loadDemo(store.db, { customers: 300, seed: 11, end: END, months: 18 });
    for (const asOf of snapshots) await snapshotSegments(store.db, { asOf, window: "12m", by: "sales" }, null);
    first = await loadDemoActions(store.db, { seed: 11, end: END, snapshotDates: snapshots });
  }, 300_000);
  afterAll(async () => store?.close());

  it("plans the last whole quarter after the apparel chain, holds out a tenth of each tier, and the reps made the contacts due", async () => {
    expect(first.plan).toMatchObject({ quarterStart: "2026-04-01" });
    const r = await planResults(store.db, first.plan!.id, END);
    expect(r.tiers.map((t) => t.key)).toEqual(["top", "middle", "bottom"]);
    expect(r.totals.budget).toBe("20000.00");
    const m = await sql<{ stratum: string; n: number; control: number; tasks_of_control: number }>`
      select m.stratum, count(*)::int as n, count(*) filter (where m.control)::int as control,
        coalesce(sum((select count(*) from tasks t where t.customer_id = m.customer_id and t.source_type = 'plan' and t.source_id = ${first.plan!.id})) filter (where m.control), 0)::int as tasks_of_control
      from campaign_members m join campaigns c on c.campaign_id = m.campaign_id and c.plan_id = ${first.plan!.id}
      group by m.stratum`.execute(store.db);
    for (const s of m.rows) {
      expect(Math.abs(s.control - 0.1 * s.n)).toBeLessThanOrEqual(0.5 + 1e-9);
      expect(s.tasks_of_control).toBe(0);
    }
    // every contact due by the end of the history was made; none is left open before it
    const open = await store.db.selectFrom("tasks").select(sql<number>`count(*)::int`.as("n"))
      .where("source_type", "=", "plan").where("status", "=", "open").where("due_on", "<=", END).executeTakeFirstOrThrow();
    expect(open.n).toBe(0);
    expect(r.totals.contacts.done).toBe(r.totals.contacts.planned);
    expect(r.effect).not.toBeNull();
    expect(r.effect!.control).toBe(first.plan!.control);
  });

  it("calls the churned and at-risk customers of the snapshot before its start, holds out 10% per tier, and measures them", async () => {
    expect(first.winback).toMatchObject({ startDay: "2026-04-01" });
    const id = first.winback!.id;
    // the audience is the snapshot of 2026-03-31's churned and marginal customers, no more, no fewer
    const want = await sql<{ id: number }>`select s.customer_id::float8 as id from customer_segments s join customers c on c.customer_id = s.customer_id
      where s.as_of = '2026-03-31' and s.loyalty in ('churned', 'marginal') and c.state not in ('potential', 'target') order by 1`.execute(store.db);
    const got = await sql<{ id: number }>`select customer_id::float8 as id from campaign_members where campaign_id = ${id} order by 1`.execute(store.db);
    expect(got.rows).toEqual(want.rows);
    const r = await campaignResults(store.db, id, { today: END });
    expect(r.window).toMatchObject({ from: "2026-04-01", to: "2026-06-29", open: false });
    for (const b of r.balance) expect(Math.abs(b.control - b.members * 0.1)).toBeLessThanOrEqual(0.5 + 1e-9);
    expect(r.delivery.tasks).toEqual({ open: 0, done: first.winback!.contacted, cancelled: 0 });
    expect(r.effect!.contacted).toBe(first.winback!.contacted);
    expect(Number(r.cost)).toBe(5 * first.winback!.contacted);
  });

  it("has only contacted customers answer, in their window, about as often as the simulation's lift", async () => {
    const rows = await sql<{ order_no: string; control: boolean; in_window: boolean }>`
      select o.order_no, m.control, o.order_date between c.start_day and c.start_day + 89 as in_window
      from orders o
      join campaigns c on o.order_no = 'RS-winback-' || c.campaign_id || '-' || o.customer_id
      join campaign_members m on m.campaign_id = c.campaign_id and m.customer_id = o.customer_id`.execute(store.db);
    expect(rows.rows.length).toBeGreaterThan(0);
    expect(rows.rows.every((x) => !x.control && x.in_window)).toBe(true);
    const share = rows.rows.length / first.winback!.contacted;
    const sd = Math.sqrt((DEMO_LIFT.winback * (1 - DEMO_LIFT.winback)) / first.winback!.contacted);
    expect(Math.abs(share - DEMO_LIFT.winback)).toBeLessThan(4 * sd);
  });

  it("adds nothing when run again", async () => {
    const orders = async () => (await store.db.selectFrom("orders").select(sql<number>`count(*)::int`.as("n")).executeTakeFirstOrThrow()).n;
    const tasks = async () => (await store.db.selectFrom("tasks").select(sql<number>`count(*)::int`.as("n")).executeTakeFirstOrThrow()).n;
    const [o, t] = [await orders(), await tasks()];
    expect(await loadDemoActions(store.db, { seed: 11, end: END, snapshotDates: snapshots })).toEqual({ plan: null, winback: null, responses: 0 });
    expect([await orders(), await tasks()]).toEqual([o, t]);
  });

  it("has the reps work the last month's care reminders, all but a few done on their day with the contact on the timeline, once", async () => {
    const care = await workDemoCareMonth(store.db, { seed: 11, end: END });
    expect(care!.done).toBeGreaterThan(0);
    expect(care!.missed / (care!.done + care!.missed)).toBeGreaterThan(0.01);
    expect(care!.missed / (care!.done + care!.missed)).toBeLessThan(0.25);
    const from = dayText(dayNumber(END) - DEMO_CARE_DAYS + 1);
    const rows = await sql<{ status: string; due: string; done_day: string | null; by_owner: boolean | null; touches: number }>`
      select t.status, t.due_on::text as due, (t.done_at at time zone 'Asia/Shanghai')::date::text as done_day, t.done_by = t.owner_id as by_owner,
        (select count(*) from interactions i where i.customer_id = t.customer_id and i.external_ref = 'task:' || t.task_id)::int as touches
      from tasks t where t.source_type in ('reminder', 'visit') and t.due_on between ${from} and ${END} and t.owner_id is not null`.execute(store.db);
    const done = rows.rows.filter((r) => r.status === "done");
    expect(done.length).toBe(care!.done);
    expect(rows.rows.length - done.length).toBe(care!.missed);
    for (const r of done) expect(r).toMatchObject({ done_day: r.due, by_owner: true, touches: 1 });
    // The team view on the next day counts the work and the overdue.
    const team = await teamView(store.db, { day: "2026-07-01", timezone: "Asia/Shanghai" });
    expect(team.staff.reduce((n, s) => n + s.done30, 0)).toBeGreaterThanOrEqual(care!.done);
    expect(team.staff.reduce((n, s) => n + s.overdue, 0)).toBeGreaterThanOrEqual(care!.missed);
    // Once: a store whose reps have worked reminders keeps its own.
    const n = await store.db.selectFrom("interactions").select(sql<number>`count(*)::int`.as("n")).executeTakeFirstOrThrow();
    expect(await workDemoCareMonth(store.db, { seed: 11, end: END })).toBeNull();
    expect(await store.db.selectFrom("interactions").select(sql<number>`count(*)::int`.as("n")).executeTakeFirstOrThrow()).toEqual(n);
  });
});
