import { sql, type Kysely } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_REMINDER_SETTINGS, putReminderSettings, type ReminderSettings } from "../../src/retention/journeys/reminder-settings.ts";
import { generateCareReminders } from "../../src/retention/journeys/reminders.service.ts";
import { upcoming } from "../../src/retention/journeys/upcoming.service.ts";
import type { Store } from "../../src/store/connect.ts";
import type { Database } from "../../src/store/schema.ts";
import { freshStore, STORE_KINDS } from "../support/stores.ts";

type Db = Kysely<Database>;

async function customer(db: Db, name: string, o: { kind?: "individual" | "enterprise"; ownerId?: number | null } = {}): Promise<number> {
  const r = await db.insertInto("customers").values({ name, external_id: `R-${name}`, kind: o.kind ?? "individual", owner_id: o.ownerId ?? null } as never)
    .returning("customer_id").executeTakeFirstOrThrow();
  return Number(r.customer_id);
}

const keyDate = (db: Db, customerId: number, d: { kind: "birthday" | "wedding" | "company_anniversary" | "other"; calendar?: "gregorian" | "lunar"; year?: number; month: number; day: number; leap?: boolean }) =>
  db.insertInto("customer_key_dates").values({ customer_id: customerId, kind: d.kind, calendar: d.calendar ?? "gregorian", year: d.year ?? null, month: d.month, day: d.day, leap_month: d.leap ?? false } as never).execute();

const tasks = async (db: Db, customerId: number) =>
  (await db.selectFrom("tasks").select(["task_key", "kind", "due_on", "title", "notes", "owner_id", "source_type"]).where("customer_id", "=", customerId).orderBy("due_on").execute())
    .map((t) => ({ ...t, due_on: String(t.due_on).slice(0, 10) }));

describe.each(STORE_KINDS)("care reminders on %s", (kind) => {
  let store: Store;
  let db: Db;
  const c: Record<string, number> = {};
  const settings: ReminderSettings = { ...DEFAULT_REMINDER_SETTINGS, language: "en", festivals: [{ key: "midAutumn", tiers: ["key"] }], visits: { enabled: false, everyDays: 60, tiers: ["key"] } };

  beforeAll(async () => {
    store = await freshStore(kind);
    db = store.db;
    await putReminderSettings(db, settings);
    const owner = await db.insertInto("users").values({ email: "owner@example.com", name: "Owner", role: "agent" } as never).returning("user_id").executeTakeFirstOrThrow();
    c.lunar = await customer(db, "Lin", { ownerId: Number(owner.user_id) });
    c.leap = await customer(db, "Luo");
    c.feb29 = await customer(db, "Fu");
    c.key = await customer(db, "Kong");
    c.small = await customer(db, "Shi");
    c.firm = await customer(db, "Acme Ltd", { kind: "enterprise" });
    c.newFirm = await customer(db, "Newco Ltd", { kind: "enterprise" });
    // 三月初三, born lunar 1980.
    await keyDate(db, c.lunar, { kind: "birthday", calendar: "lunar", year: 1980, month: 3, day: 3 });
    // 闰六月初一 (2025 has a leap sixth month).
    await keyDate(db, c.leap, { kind: "birthday", calendar: "lunar", month: 6, day: 1, leap: true });
    await keyDate(db, c.feb29, { kind: "birthday", year: 1992, month: 2, day: 29 });
    await sql`insert into segment_snapshots (as_of, window_from, measure, rules, customers) values ('2025-06-30', '2024-07-01', 'sales', '{}', 4)`.execute(db);
    for (const [id, tier] of [[c.key, "key"], [c.small, "small"], [c.firm, "key"], [c.newFirm, "key"]] as const) {
      await sql`insert into customer_segments (customer_id, as_of, net_sales, margin, tier, ladder) values (${id}, '2025-06-30', 1, 1, ${tier}, 'customer')`.execute(db);
    }
    await db.insertInto("interactions").values({ customer_id: c.firm, occurred_at: "2025-08-01T10:00:00+08:00", channel: "visit", external_ref: "v1" } as never).execute();
  });
  afterAll(async () => store?.close());

  it("reminds the owner of a lunar birthday on its Gregorian date each year (三月初三: 2025-03-31, 2026-04-19)", async () => {
    expect((await generateCareReminders(db, "2025-03-25")).byKind.lunarBirthday).toBe(1);
    await generateCareReminders(db, "2026-04-14");
    const t = await tasks(db, c.lunar!);
    expect(t.map((x) => [x.task_key, x.due_on, x.kind])).toEqual([
      [expect.stringMatching(/^reminder:lunarBirthday:kd\d+:2025-03-31$/), "2025-03-28", "care.lunarBirthday"],
      [expect.stringMatching(/^reminder:lunarBirthday:kd\d+:2026-04-19$/), "2026-04-16", "care.lunarBirthday"],
    ]);
    expect(t[0]).toMatchObject({ title: "Lunar birthday: Lin (turns 45)", source_type: "reminder", notes: "on 2025-03-31 (lunar 3/3), turns 45" });
    expect(t[0]!.owner_id).not.toBeNull();
  });

  it("keeps a leap-month birthday in the leap month when the year has one (闰六月初一 2025 = 2025-07-25)", async () => {
    await generateCareReminders(db, "2025-07-20");
    expect((await tasks(db, c.leap!)).map((x) => [x.task_key?.slice(-10), x.due_on])).toEqual([["2025-07-25", "2025-07-22"]]);
  });

  it("greets the chosen tier on Mid-Autumn (2025-10-06, 2026-09-25), not the others", async () => {
    await generateCareReminders(db, "2025-09-28");
    await generateCareReminders(db, "2026-09-18");
    expect((await tasks(db, c.key!)).filter((x) => x.kind === "care.festival").map((x) => [x.task_key, x.due_on, x.title])).toEqual([
      ["reminder:festival:midAutumn:2025-10-06", "2025-10-01", "Mid-Autumn Festival greeting: Kong"],
      ["reminder:festival:midAutumn:2026-09-25", "2026-09-20", "Mid-Autumn Festival greeting: Kong"],
    ]);
    expect(await tasks(db, c.small!)).toEqual([]);
  });

  it("moves a 29 February birthday to the 28th in a common year and keeps it in a leap year", async () => {
    await generateCareReminders(db, "2027-02-24");
    await generateCareReminders(db, "2028-02-25");
    expect((await tasks(db, c.feb29!)).map((x) => [x.task_key?.slice(-10), x.due_on, x.title])).toEqual([
      ["2027-02-28", "2027-02-25", "Birthday: Fu (turns 35)"],
      ["2028-02-29", "2028-02-26", "Birthday: Fu (turns 36)"],
    ]);
  });

  it("plans a key account's visit every N days after the last one, once", async () => {
    await putReminderSettings(db, { ...settings, visits: { enabled: true, everyDays: 60, tiers: ["key"] } });
    const visits = async (id: number) => (await tasks(db, id)).filter((t) => t.kind === "visit").map((t) => [t.task_key, t.due_on]);
    await generateCareReminders(db, "2025-09-28");
    expect(await visits(c.firm!)).toEqual([["visit:2025-09-30", "2025-09-30"]]); // 1 August + 60 days
    await generateCareReminders(db, "2025-09-29");
    expect(await visits(c.firm!)).toEqual([["visit:2025-09-30", "2025-09-30"]]);
    await generateCareReminders(db, "2025-11-25");
    expect(await visits(c.firm!)).toEqual([["visit:2025-09-30", "2025-09-30"], ["visit:2025-11-29", "2025-11-29"]]);
    // An enterprise never visited is due for one at once; the task is unassigned when the customer has no owner.
    const first = (await tasks(db, c.newFirm!)).filter((t) => t.kind === "visit");
    expect(first.map((t) => [t.task_key, t.owner_id, t.source_type])).toEqual([["visit:2025-09-28", null, "visit"], ["visit:2025-11-27", null, "visit"]]);
    expect(await visits(c.key!)).toEqual([]); // a person, not an enterprise
  });

  it("is idempotent and lists what is coming with lunar dates", async () => {
    const n = await db.selectFrom("tasks").select(sql<number>`count(*)::int`.as("n")).executeTakeFirstOrThrow();
    expect((await generateCareReminders(db, "2025-09-28")).created).toBe(0);
    expect(await db.selectFrom("tasks").select(sql<number>`count(*)::int`.as("n")).executeTakeFirstOrThrow()).toEqual(n);
    const u = await upcoming(db, { asOfDay: "2027-03-20", days: 40, source: "reminder" });
    const lunar = u.items.find((i) => i.customerId === c.lunar);
    expect(lunar).toMatchObject({ state: "planned", dueOn: "2027-04-06", occasion: { kind: "lunarBirthday", date: "2027-04-09", lunar: { month: 3, day: 3, leap: false }, years: 47 } });
  });

  it("makes in one run through a later day what a run on each day up to it would have made", async () => {
    const rollback = new Error("rollback");
    const made = async (run: (trx: Db) => Promise<unknown>) => {
      let keys: string[] = [];
      await db.transaction().execute(async (trx) => {
        await run(trx);
        keys = (await trx.selectFrom("tasks").select(["task_key", "due_on", "owner_id"]).orderBy("task_key").execute())
          .map((t) => `${t.task_key} ${String(t.due_on).slice(0, 10)} ${t.owner_id}`);
        throw rollback;
      }).catch((e: unknown) => { if (e !== rollback) throw e; });
      return keys;
    };
    const daily = await made(async (trx) => {
      for (let d = Date.parse("2027-02-01"); d <= Date.parse("2027-04-30"); d += 86_400_000) await generateCareReminders(trx, new Date(d).toISOString().slice(0, 10));
    });
    const once = await made((trx) => generateCareReminders(trx, "2027-02-01", { throughDay: "2027-04-30" }));
    expect(once).toEqual(daily);
    // The lunar birthday of 2027 (三月初三 = 9 April) and 28 February for the 29th are among them.
    expect(daily.filter((k) => k.includes("2027-"))).toEqual(expect.arrayContaining([expect.stringContaining("2027-04-06"), expect.stringContaining("2027-02-2")]));
  });
});
