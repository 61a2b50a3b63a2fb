import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SYSTEM_ACTOR } from "../../src/audit/audit.repository.ts";
import { setConsent } from "../../src/messages/consent.ts";
import { loadDemo } from "../../src/ingest/load-demo.ts";
import { previewAudience, resolveAudience } from "../../src/retention/campaigns/audience.ts";
import { campaignResults } from "../../src/retention/campaigns/campaign-results.service.ts";
import { cancelCampaign, checkCampaignTemplate, closeFinishedCampaigns, createCampaign, getCampaign, startCampaign, updateCampaign, type CampaignInput } from "../../src/retention/campaigns/campaigns.service.ts";
import type { Store } from "../../src/store/connect.ts";
import { saveSnapshot, type CustomerSegmentRow } from "../../src/store/segments.repository.ts";
import { errorOf } from "../support/errors.ts";
import { importCustomers, importLines } from "../support/import-rows.ts";
import { freshStore, STORE_KINDS } from "../support/stores.ts";

const TIERS = ["key", "secondary", "ordinary", "small"] as const;
/** 400 customers: tier by id (40 key, 80 secondary, 120 ordinary, 160 small); three in four churned or at risk. */
const tierOf = (i: number) => (i < 40 ? "key" : i < 120 ? "secondary" : i < 240 ? "ordinary" : "small");
const loyaltyOf = (i: number) => ["churned", "marginal", "churned", "loyal"][i % 4]!;
const N = 400;
const ref = (i: number) => `W${String(i).padStart(3, "0")}`;

function segmentRow(customerId: number, i: number): CustomerSegmentRow {
  return {
    customer_id: customerId, net_sales: "100", margin: "30", decile: 1, tier: tierOf(i), customer_type: null, profit_group: null,
    loyalty: loyaltyOf(i), ladder: "customer", rfm_r: null, rfm_f: null, rfm_m: null, rfm_segment: null, rfm8_segment: null,
  };
}

const winback = (over: Partial<CampaignInput> = {}): CampaignInput => ({
  name: "Win back the lapsed", kind: "winback", channel: "task", body: "Call {{name}} about the new season.",
  audience: { kind: "winback" }, holdoutShare: 0.1, seed: 42, ...over,
});

describe.each(STORE_KINDS)("campaigns on %s", (kind) => {
  let store: Store;
  const id: number[] = [];
  beforeAll(async () => {
    store = await freshStore(kind);
    await importCustomers(store.db, Array.from({ length: N }, (_, i) => ({ externalId: ref(i), name: `顾客 ${i}`, email: `c${i}@example.com` })));
    const rows = await store.db.selectFrom("customers").select(["customer_id", "external_id"]).execute();
    const byRef = new Map(rows.map((r) => [r.external_id!, Number(r.customer_id)]));
    for (let i = 0; i < N; i++) id.push(byRef.get(ref(i))!);
    await saveSnapshot(store.db, { asOf: "2026-01-01", windowFrom: "2025-01-01", measure: "sales", rules: {}, createdBy: null }, id.map((c, i) => segmentRow(c, i)));
  }, 120_000);
  afterAll(async () => store?.close());

  it("refuses a win-back when there is neither a snapshot nor a prediction run", async () => {
    const empty = await freshStore(kind);
    try {
      const e = await errorOf(resolveAudience(empty.db, { kind: "winback" }));
      expect(e).toMatchObject({ code: "BAD_INPUT", field: "audience.kind" });
      expect(e.message).toMatch(/segment snapshot.*prediction run/);
    } finally {
      await empty.close();
    }
  });

  it("previews a win-back per tier from the latest snapshot, saying which one", async () => {
    const p = await previewAudience(store.db, { kind: "winback", loyalty: ["churned"] });
    expect(p.sources.snapshot?.asOf).toBe("2026-01-01");
    expect(p.sources.modelRun).toBeNull();
    // churned: i % 4 ∈ {0, 2}, half of each tier
    expect(p.byStratum).toEqual({ key: 20, secondary: 40, ordinary: 60, small: 80, none: 0 });
    const both = await previewAudience(store.db, { kind: "winback", tiers: ["key"] });
    expect(both.total).toBe(30);
  });

  it("holds out 10% within each tier, stores it, reproduces it from the seed, and a second start adds nothing", async () => {
    const c = await createCampaign(store.db, winback(), SYSTEM_ACTOR);
    expect(c).toMatchObject({ status: "draft", seed: 42, holdoutShare: 0.1, measureDays: 90 });
    const started = await startCampaign(store.db, c.id, SYSTEM_ACTOR, { startDay: "2026-01-05" });
    expect(started).toMatchObject({ status: "running", startDay: "2026-01-05", members: 300, control: 30, contacted: 270 });
    const members = await store.db.selectFrom("campaign_members").select(["customer_id", "stratum", "control", "status"]).where("campaign_id", "=", c.id).execute();
    for (const [t, n] of [["key", 30], ["secondary", 60], ["ordinary", 90], ["small", 120]] as const) {
      const inTier = members.filter((m) => m.stratum === t);
      expect(inTier.length).toBe(n);
      expect(inTier.filter((m) => m.control).length).toBe(n / 10);
    }
    expect(members.filter((m) => m.control).every((m) => m.status === "control")).toBe(true);
    // the owners' call tasks, a week after the start, for the contacted only
    const tasks = await store.db.selectFrom("tasks").select(["customer_id", "due_on", "source_type", "kind"]).where("task_key", "=", `campaign:${c.id}`).execute();
    expect(tasks.length).toBe(270);
    expect(new Set(tasks.map((t) => String(t.due_on).slice(0, 10)))).toEqual(new Set(["2026-01-12"]));
    expect(tasks.every((t) => t.source_type === "winback" && t.kind === "call")).toBe(true);
    const controlIds = new Set(members.filter((m) => m.control).map((m) => Number(m.customer_id)));
    expect(tasks.some((t) => controlIds.has(Number(t.customer_id)))).toBe(false);

    const again = await startCampaign(store.db, c.id, SYSTEM_ACTOR, { startDay: "2026-02-01" });
    expect(again).toMatchObject({ startDay: "2026-01-05", members: 300, control: 30 });
    expect((await store.db.selectFrom("tasks").select("task_id").where("task_key", "=", `campaign:${c.id}`).execute()).length).toBe(270);

    const twin = await createCampaign(store.db, winback({ name: "Same seed" }), SYSTEM_ACTOR);
    await startCampaign(store.db, twin.id, SYSTEM_ACTOR, { startDay: "2026-01-05" });
    const twinControl = await store.db.selectFrom("campaign_members").select("customer_id").where("campaign_id", "=", twin.id).where("control", "=", true).execute();
    expect(new Set(twinControl.map((m) => Number(m.customer_id)))).toEqual(controlIds);
    const other = await createCampaign(store.db, winback({ name: "Other seed", seed: 7 }), SYSTEM_ACTOR);
    await startCampaign(store.db, other.id, SYSTEM_ACTOR, { startDay: "2026-01-05" });
    const otherControl = await store.db.selectFrom("campaign_members").select("customer_id").where("campaign_id", "=", other.id).where("control", "=", true).execute();
    expect(new Set(otherControl.map((m) => Number(m.customer_id)))).not.toEqual(controlIds);

    expect(await errorOf(updateCampaign(store.db, c.id, { name: "Renamed" }, SYSTEM_ACTOR))).toMatchObject({ code: "CONFLICT" });
    const audit = await store.db.selectFrom("audit_log").select("action").where("entity_type", "=", "campaign").where("entity_id", "=", String(c.id)).execute();
    expect(audit.map((a) => a.action).sort()).toEqual(["campaign.created", "campaign.started"]);
  });

  it("flags a generic salutation and refuses to start until the template is fixed", async () => {
    const c = await createCampaign(store.db, winback({ channel: "email", subject: "We miss you", body: "Dear valued customer, come back! {{unsubscribeUrl}}" }), SYSTEM_ACTOR);
    const problems = checkCampaignTemplate(c);
    expect(problems).toEqual(expect.arrayContaining([{ code: "GENERIC_SALUTATION", text: "Dear valued customer", part: "body" }, { code: "NOT_PERSONAL", part: "body" }]));
    const e = await errorOf(startCampaign(store.db, c.id, SYSTEM_ACTOR, { baseUrl: "https://shop.example" }));
    expect(e).toMatchObject({ code: "BAD_INPUT", field: "body" });
    expect((await getCampaign(store.db, c.id)).status).toBe("draft");
    const fixed = await updateCampaign(store.db, c.id, { body: "{{name}}, come back! {{unsubscribeUrl}}" }, SYSTEM_ACTOR);
    expect(checkCampaignTemplate(fixed)).toEqual([]);
  });

  it("skips a customer who withdrew consent and holds a message missing a customer's value", async () => {
    const churnedKey = id.filter((_, i) => tierOf(i) === "key" && loyaltyOf(i) === "churned");
    await setConsent(store.db, churnedKey[0]!, "email", "withdrawn", "test");
    const c = await createCampaign(store.db, {
      name: "Points reminder", kind: "adhoc", channel: "email", subject: "{{name}}, your points", holdoutShare: 0, seed: 1,
      body: "{{name}}, you have {{points}} points. {{unsubscribeUrl}}", audience: { kind: "customers", ids: churnedKey.slice(0, 5) },
    }, SYSTEM_ACTOR);
    const s = await startCampaign(store.db, c.id, SYSTEM_ACTOR, { baseUrl: "https://shop.example", startDay: "2026-01-05" });
    expect(s.byStatus).toEqual({ skipped: 1, held: 4 });
    const rows = await store.db.selectFrom("campaign_members").select(["customer_id", "status", "reason"]).where("campaign_id", "=", c.id).execute();
    expect(rows.find((r) => Number(r.customer_id) === churnedKey[0])).toMatchObject({ status: "skipped", reason: "no_consent" });
    expect(rows.filter((r) => r.status === "held").every((r) => r.reason?.includes("MISSING_VALUE:points"))).toBe(true);
    expect((await store.db.selectFrom("jobs").select("job_id").where("key", "like", `campaign-${c.id}:%`).execute()).length).toBe(0);
  });

  it("cancels a running call campaign's open tasks", async () => {
    const c = await createCampaign(store.db, winback({ name: "To cancel", audience: { kind: "customers", ids: id.slice(0, 10) }, holdoutShare: 0 }), SYSTEM_ACTOR);
    await startCampaign(store.db, c.id, SYSTEM_ACTOR, { startDay: "2026-01-05" });
    expect((await cancelCampaign(store.db, c.id, SYSTEM_ACTOR)).status).toBe("cancelled");
    const open = await store.db.selectFrom("tasks").select("status").where("task_key", "=", `campaign:${c.id}`).execute();
    expect(open.map((t) => t.status)).toEqual(Array(10).fill("cancelled"));
  });

  it("measures the effect against the control group over the window, overall and per tier", async () => {
    const c = await createCampaign(store.db, winback({
      name: "Measured", audience: { kind: "segment", tiers: ["ordinary", "small"] }, seed: 99, holdoutShare: 0.2, measureDays: 30, cost: "500", costPerContact: "2.5",
    }), SYSTEM_ACTOR);
    await startCampaign(store.db, c.id, SYSTEM_ACTOR, { startDay: "2026-03-02" });
    const members = await store.db.selectFrom("campaign_members").select(["customer_id", "control"]).where("campaign_id", "=", c.id).execute();
    const refOf = new Map(id.map((cid, i) => [cid, i]));
    // Contacted: everyone buys (150 on even, 50 on odd customers: mean 100). Control: only
    // the even ones buy, 60 each (mean 30). True effect: +70 per customer, +50% buying.
    const lines = members.flatMap((m) => {
      const i = refOf.get(Number(m.customer_id))!;
      const amount = m.control ? (i % 2 === 0 ? 60 : 0) : i % 2 === 0 ? 150 : 50;
      const inWindow = amount ? [{ customerRef: ref(i), orderNo: `M${i}`, orderedAt: "2026-03-10", sku: "S1", quantity: "1", amount: String(amount), unitCost: String(amount / 2) }] : [];
      // after the window: must not count
      return [...inWindow, { customerRef: ref(i), orderNo: `L${i}`, orderedAt: "2026-04-20", sku: "S1", quantity: "1", amount: "1000" }];
    });
    const imported = await importLines(store.db, lines, { batchSize: 500 });
    expect(imported.refused).toEqual([]);

    const during = await campaignResults(store.db, c.id, { today: "2026-03-11" });
    expect(during.window).toEqual({ from: "2026-03-02", to: "2026-03-11", day: 10, days: 30, open: true });

    const r = await campaignResults(store.db, c.id, { today: "2026-06-01" });
    expect(r.window).toEqual({ from: "2026-03-02", to: "2026-03-31", day: 30, days: 30, open: false });
    const contacted = members.filter((m) => !m.control).map((m) => refOf.get(Number(m.customer_id))!);
    const control = members.filter((m) => m.control).map((m) => refOf.get(Number(m.customer_id))!);
    expect(contacted.length).toBe(224);
    expect(control.length).toBe(56);
    expect(r.cost).toBe("1060"); // 500 + 2.5 × 224
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const e = r.effect!;
    expect(e.revenue.treated).toBeCloseTo(mean(contacted.map((i) => (i % 2 === 0 ? 150 : 50))), 6);
    expect(e.revenue.control).toBeCloseTo(mean(control.map((i) => (i % 2 === 0 ? 60 : 0))), 6);
    expect(e.response.treated).toBe(1);
    expect(e.response.control).toBeCloseTo(control.filter((i) => i % 2 === 0).length / 56, 9);
    expect(e.revenue.interval![0]).toBeLessThan(70);
    expect(e.revenue.interval![1]).toBeGreaterThan(70);
    expect(e.response.interval![0]).toBeLessThan(0.5);
    expect(e.response.interval![1]).toBeGreaterThan(0.5);
    expect(e.margin!.difference).toBeCloseTo(e.revenue.difference / 2, 6);
    expect(e.roi!.value).toBeCloseTo((e.margin!.incremental - 1060) / 1060, 6);
    expect(e.contactedTotals.revenue).toBe(String(contacted.reduce((a, i) => a + (i % 2 === 0 ? 150 : 50), 0)));

    expect(r.byStratum.map((s) => [s.stratum, s.contacted, s.control])).toEqual([["ordinary", 96, 24], ["small", 128, 32]]);
    expect(r.byStratum.every((s) => s.effect!.revenue.difference > 0)).toBe(true);
    expect(r.balance).toEqual([{ stratum: "ordinary", members: 120, control: 24, share: 0.2 }, { stratum: "small", members: 160, control: 32, share: 0.2 }]);
    expect(r.delivery).toMatchObject({ channel: "task", contacted: 224, held: 0, skipped: 0, tasks: { open: 224, done: 0, cancelled: 0 }, sends: null });
  });

  it("chooses the audience of a past start by the snapshot of that day, not a later one", async () => {
    // a later snapshot in which everybody is loyal: nobody left to win back from then on
    await saveSnapshot(store.db, { asOf: "2026-04-30", windowFrom: "2025-05-01", measure: "sales", rules: {}, createdBy: null }, id.map((c, i) => ({ ...segmentRow(c, i), loyalty: "loyal" })));
    expect((await previewAudience(store.db, { kind: "winback" })).total).toBe(0);
    const c = await createCampaign(store.db, winback({ name: "Back-dated" }), SYSTEM_ACTOR);
    expect(await startCampaign(store.db, c.id, SYSTEM_ACTOR, { startDay: "2026-02-01" })).toMatchObject({ members: 300, control: 30 });
    const audit = await store.db.selectFrom("audit_log").select("after").where("action", "=", "campaign.started").where("entity_id", "=", String(c.id)).executeTakeFirstOrThrow();
    expect(audit.after).toMatchObject({ sources: { snapshot: { asOf: "2026-01-01" }, modelRun: null } });
  });
});

describe.each(STORE_KINDS)("finishing campaigns on %s", (kind) => {
  let store: Store;
  afterAll(async () => store?.close());

  it("marks done the running campaigns whose window ended before the day, once, and leaves the others", async () => {
    store = await freshStore(kind);
    const db = store.db;
    const add = async (name: string, status: "running" | "draft", startDay: string | null, measureDays: number) =>
      Number((await db.insertInto("campaigns").values({
        name, kind: "adhoc", channel: "task", subject: null, body: "{{name}}", audience: JSON.stringify({ kind: "customers", ids: [1] }),
        holdout_share: "0.1", seed: 1, measure_days: measureDays, status, start_day: startDay,
      }).returning("campaign_id").executeTakeFirstOrThrow()).campaign_id);
    const ended = await add("ended", "running", "2026-01-01", 90); // last day 31 March
    const last = await add("last day today", "running", "2026-01-02", 90); // last day 1 April
    const draft = await add("draft", "draft", null, 90);
    expect(await closeFinishedCampaigns(db, "2026-04-01", SYSTEM_ACTOR)).toEqual([ended]);
    expect(await closeFinishedCampaigns(db, "2026-04-01", SYSTEM_ACTOR)).toEqual([]);
    const status = async (id: number) => (await db.selectFrom("campaigns").select("status").where("campaign_id", "=", id).executeTakeFirstOrThrow()).status;
    expect([await status(ended), await status(last), await status(draft)]).toEqual(["done", "running", "draft"]);
    const audit = await db.selectFrom("audit_log").select(["action", "after"]).where("action", "=", "campaign.finished").execute();
    expect(audit).toEqual([{ action: "campaign.finished", after: { status: "done", lastDay: "2026-03-31" } }]);
  });
});
