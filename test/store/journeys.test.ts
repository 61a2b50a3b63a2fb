import { sql, type Kysely } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dayNumber, dayText } from "../../src/domain/days.ts";
import { setConsent } from "../../src/messages/consent.ts";
import { putMessagingSettings } from "../../src/messages/messaging-settings.ts";
import { EMAIL_QUEUE } from "../../src/messages/outbox.ts";
import { defaultJourneySettings, getJourneySettings, knownCategories, putJourneySettings } from "../../src/retention/journeys/journey-settings.ts";
import { generateJourneySteps } from "../../src/retention/journeys/journeys.service.ts";
import { upcoming } from "../../src/retention/journeys/upcoming.service.ts";
import type { Store } from "../../src/store/connect.ts";
import type { Database } from "../../src/store/schema.ts";
import { freshStore, STORE_KINDS } from "../support/stores.ts";

type Db = Kysely<Database>;
const add = (d: string, n: number) => dayText(dayNumber(d) + n);

async function customer(db: Db, name: string | null, email: string | null = null): Promise<number> {
  const r = await db.insertInto("customers").values({ name, email, external_id: `J-${name ?? Math.random()}` } as never).returning("customer_id").executeTakeFirstOrThrow();
  return Number(r.customer_id);
}

let orderSeq = 0;
async function order(db: Db, customerId: number, date: string, lines: Array<{ category: string; product?: string; isReturn?: boolean }>): Promise<number> {
  const o = await db.insertInto("orders").values({
    customer_id: customerId, order_no: `NO-${++orderSeq}`, ordered_at: `${date}T10:00:00+08:00`, order_date: date, currency: "CNY", fx_rate: "1",
  } as never).returning("order_id").executeTakeFirstOrThrow();
  await db.insertInto("order_lines").values(lines.map((l, i) => ({
    customer_id: customerId, order_id: Number(o.order_id), line_no: i + 1, order_date: date, category: l.category, description: l.product ?? l.category,
    quantity: l.isReturn ? "-1" : "1", amount: l.isReturn ? "-100" : "100", base_amount: l.isReturn ? "-100" : "100", base_discount: "0", is_return: l.isReturn ?? false,
  })) as never).execute();
  return Number(o.order_id);
}

const tasksOf = async (db: Db, customerId: number) =>
  (await db.selectFrom("tasks").select(["task_key", "kind", "due_on", "source_type", "notes"]).where("customer_id", "=", customerId).orderBy("due_on").orderBy("task_key").execute())
    .map((t) => [t.task_key, String(t.due_on).slice(0, 10)]);

/** The scheduler runs every day; running once a week must reach every step too (each run looks back two weeks). */
async function runWeekly(db: Db, from: string, to: string) {
  let created = 0;
  for (let d = from; d <= to; d = add(d, 7)) created += (await generateJourneySteps(db, d)).created;
  return created;
}

describe.each(STORE_KINDS)("post-purchase journeys on %s", (kind) => {
  let store: Store;
  let db: Db;
  const c: Record<string, number> = {};
  const o: Record<string, number> = {};

  beforeAll(async () => {
    store = await freshStore(kind);
    db = store.db;
    // Appliances last 300 or 360 days (median 330); one product has no cycle.
    await db.insertInto("products").values([
      { sku: "AP-1", name: "Kettle", category: "appliance", replacement_days: 300 },
      { sku: "AP-2", name: "Rice cooker", category: "appliance", replacement_days: 360 },
      { sku: "AP-3", name: "Toaster", category: "appliance", replacement_days: null },
    ] as never).execute();
    // Every step a task here, to follow when each falls; the e-mail steps have their own test below.
    const en = defaultJourneySettings("en");
    const asTasks = Object.fromEntries(Object.entries(en.steps).map(([k, v]) => [k, { ...v, channel: "task" }])) as typeof en.steps;
    await putJourneySettings(db, { ...en, steps: asTasks, categories: [{ category: "skincare", infoAfterDays: 5, checkInAfterDays: 20, replacementCycleDays: 60, offerLeadDays: 10 }] });
    for (const n of ["A", "B", "C", "D", "E"]) c[n] = await customer(db, `Customer ${n}`);
    o.A = await order(db, c.A!, "2026-03-01", [{ category: "skincare" }, { category: "appliance" }]);
    o.B = await order(db, c.B!, "2026-03-01", [{ category: "appliance" }]);
    o.C = await order(db, c.C!, "2026-03-01", [{ category: "appliance" }]);
    o.D1 = await order(db, c.D!, "2026-03-01", [{ category: "skincare" }]);
    o.D2 = await order(db, c.D!, "2026-03-15", [{ category: "skincare" }]);
    o.E = await order(db, c.E!, "2026-03-01", [{ category: "skincare", isReturn: true }]);
    // The models expect B back 100 days after their run of 31 March: 9 July.
    const run = await sql<{ run_id: number }>`insert into model_runs (as_of, unit, horizon_days, params, quality, summary, customers)
      values ('2026-03-31', 'day', 365, '{}', '{}', '{}', 1) returning run_id::float8 as run_id`.execute(db);
    await sql`insert into customer_scores (customer_id, run_id, p_alive, expected_purchases, next_purchase_days, expected_order_value, clv, clv_low, clv_high)
      values (${c.B}, ${run.rows[0]!.run_id}, 0.9, 1, 100, 100, 100, 90, 110)`.execute(db);
  });
  afterAll(async () => store?.close());

  it("defaults a category's replacement cycle to the median of its products' cycles", async () => {
    const cats = await knownCategories(db, await getJourneySettings(db));
    expect(cats.map((x) => [x.category, x.medianReplacementDays, x.custom, x.journey.replacementCycleDays])).toEqual([
      ["appliance", 330, false, 330], ["skincare", null, true, 60],
    ]);
  });

  it("puts each step of a two-category purchase on the agenda on its day, whatever day the runs fall on", async () => {
    expect(await runWeekly(db, "2026-02-26", "2027-03-01")).toBeGreaterThan(0);
    const A = o.A!;
    expect(await tasksOf(db, c.A!)).toEqual([
      [`journey:${A}:all:welcome`, "2026-03-02"],
      [`journey:${A}:skincare:information`, "2026-03-06"],
      [`journey:${A}:appliance:information`, "2026-03-08"],
      [`journey:${A}:skincare:checkIn`, "2026-03-21"],
      [`journey:${A}:appliance:checkIn`, "2026-03-31"],
      [`journey:${A}:skincare:repurchaseOffer`, "2026-04-20"], // 60 days, 10 before
      [`journey:${A}:appliance:repurchaseOffer`, add("2026-03-01", 330 - 14)],
    ]);
    const t = await db.selectFrom("tasks").selectAll().where("task_key", "=", `journey:${A}:all:welcome`).executeTakeFirstOrThrow();
    expect(t).toMatchObject({ kind: "journey.welcome", source_type: "journey", status: "open", title: "Welcome after purchase: Customer A" });
    expect(t.notes).toContain("2026-03-01");
  });

  it("times the repurchase offer from the models' expected next order when there is one, else from the cycle", async () => {
    const offer = async (n: string) => (await tasksOf(db, c[n]!)).find(([k]) => k!.endsWith("repurchaseOffer"))?.[1];
    expect(await offer("B")).toBe("2026-06-25"); // 9 July less 14 days
    expect(await offer("C")).toBe(add("2026-03-01", 330 - 14));
  });

  it("drops the earlier journey's check-in and offer once the customer buys again; a returns-only order starts nothing", async () => {
    expect(await tasksOf(db, c.D!)).toEqual([
      [`journey:${o.D1}:all:welcome`, "2026-03-02"],
      [`journey:${o.D1}:skincare:information`, "2026-03-06"],
      [`journey:${o.D2}:all:welcome`, "2026-03-16"],
      [`journey:${o.D2}:skincare:information`, "2026-03-20"],
      [`journey:${o.D2}:skincare:checkIn`, "2026-04-04"],
      [`journey:${o.D2}:skincare:repurchaseOffer`, "2026-05-04"],
    ]);
    expect(await tasksOf(db, c.E!)).toEqual([]);
  });

  it("adds nothing when run again", async () => {
    const before = await db.selectFrom("tasks").select(sql<number>`count(*)::int`.as("n")).executeTakeFirstOrThrow();
    expect(await runWeekly(db, "2026-02-26", "2027-03-01")).toBe(0);
    const r = await generateJourneySteps(db, "2026-03-21");
    expect(r).toMatchObject({ created: 0, tasks: 0 });
    expect(r.existing).toBeGreaterThan(0);
    expect(await db.selectFrom("tasks").select(sql<number>`count(*)::int`.as("n")).executeTakeFirstOrThrow()).toEqual(before);
  });

  it("sends e-mail steps through dispatch: consent respected, a message that cannot be filled held as a task, each queued once", async () => {
    await putMessagingSettings(db, { requireOptIn: false, serviceNumber: "400-820-8820", publicUrl: "https://crm.example.com" });
    const s = defaultJourneySettings("en");
    await putJourneySettings(db, { ...s, steps: { ...s.steps, welcome: { ...s.steps.welcome, channel: "email" } } });
    const F = await customer(db, "Fang", "fang@example.com");
    const G = await customer(db, "Gao", "gao@example.com");
    const H = await customer(db, null, "nobody@example.com");
    await setConsent(db, G, "email", "withdrawn", "test");
    const oF = await order(db, F, "2027-05-10", [{ category: "skincare", product: "Face cream" }]);
    await order(db, G, "2027-05-10", [{ category: "skincare" }]);
    const oH = await order(db, H, "2027-05-10", [{ category: "skincare" }]);

    // The dry run says beforehand whose e-mail a run would skip, and why.
    const welcomes = async () => Object.fromEntries((await upcoming(db, { asOfDay: "2027-05-10", days: 3, source: "journey" })).items
      .filter((i) => i.step === "welcome" && [F, G, H].includes(i.customerId)).map((i) => [i.customerId, [i.state, i.skipReason]]));
    expect(await welcomes()).toEqual({ [F]: ["planned", null], [G]: ["skipped", "no_consent"], [H]: ["planned", null] });

    const r = await generateJourneySteps(db, "2027-05-10");
    expect(r.emails).toEqual({ queued: 1, held: 1, skipped: 1 });
    expect(await welcomes()).toEqual({ [F]: ["email", null], [G]: ["skipped", "no_consent"], [H]: ["task", null] });
    expect(r.byStep.welcome).toBe(2); // F's e-mail and H's task
    const jobs = await sql<{ key: string; run_at: Date }>`select key, run_at from jobs where queue = ${EMAIL_QUEUE}`.execute(db);
    expect(jobs.rows.map((j) => j.key)).toEqual([`journey-${oF}-all-welcome:${F}`]);
    // Due tomorrow: it waits for 09:00 in Shanghai.
    expect(new Date(jobs.rows[0]!.run_at).toISOString()).toBe("2027-05-11T01:00:00.000Z");
    expect(await tasksOf(db, G)).toEqual([]);
    const held = await db.selectFrom("tasks").select(["task_key", "notes"]).where("customer_id", "=", H).executeTakeFirstOrThrow();
    expect(held.task_key).toBe(`journey:${oH}:all:welcome`);
    expect(held.notes).toContain("MISSING_VALUE:name");

    const again = await generateJourneySteps(db, "2027-05-11");
    expect(again.emails.queued).toBe(0);
    expect(again.emails.held).toBe(0);
    expect((await sql`select 1 from jobs where queue = ${EMAIL_QUEUE}`.execute(db)).rows).toHaveLength(1);
  });

  it("does nothing while switched off", async () => {
    await putJourneySettings(db, { ...defaultJourneySettings(), enabled: false });
    const X = await customer(db, "Xu");
    await order(db, X, "2027-06-01", [{ category: "skincare" }]);
    expect(await generateJourneySteps(db, "2027-06-02")).toMatchObject({ enabled: false, created: 0 });
    expect(await tasksOf(db, X)).toEqual([]);
  });
});

describe.each(STORE_KINDS)("the journeys' first run and catch-up on %s", (kind) => {
  let store: Store;
  afterAll(async () => store?.close());

  it("starts from today on the first run, then picks up every step due since the last run", async () => {
    store = await freshStore(kind);
    const db = store.db;
    await putJourneySettings(db, { ...defaultJourneySettings("en"), categories: [{ category: "tea", infoAfterDays: 3, checkInAfterDays: 9, replacementCycleDays: 90, offerLeadDays: 10 }] });
    const id = await customer(db, "Old customer");
    const orderId = await order(db, id, "2026-05-01", [{ category: "tea" }]);
    // switched on ten days after the purchase: the welcome (2 May) and the information (4 May) are not sent late
    await generateJourneySteps(db, "2026-05-11");
    expect(await tasksOf(db, id)).toEqual([]);
    // the check-in was due on 10 May, before the first run: it is not made late either
    await generateJourneySteps(db, "2026-05-12");
    expect(await tasksOf(db, id)).toEqual([]);
    // three days without a run: the offer due 20 July is picked up on the 22nd, once
    await generateJourneySteps(db, "2026-07-18");
    await generateJourneySteps(db, "2026-07-22");
    await generateJourneySteps(db, "2026-07-22");
    expect(await tasksOf(db, id)).toEqual([[`journey:${orderId}:tea:repurchaseOffer`, "2026-07-20"]]);
  });
});
