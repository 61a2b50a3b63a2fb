import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { previewAudience, resolveAudience } from "../../src/retention/campaigns/audience.ts";
import { campaignResults } from "../../src/retention/campaigns/campaign-results.service.ts";
import { todayIn } from "../../src/value/value-report.service.ts";
import type { OrderLineInput } from "../../src/domain/inputs.ts";
import { runImport } from "../../src/ingest/run.ts";
import { OrderSink } from "../../src/ingest/sinks/orders.ts";
import { getSettings, loadFxTable } from "../../src/store/settings.repository.ts";
import { browserMissing, overlaysSettled, startBrowserEnv, type BrowserEnv } from "./harness.ts";

const missing = browserMissing();

/** Imports order lines of the demo's customers (their ids live in the "demo" source). */
async function importDemoLines(env: BrowserEnv, lines: OrderLineInput[]): Promise<string[]> {
  const [settings, fx] = [await getSettings(env.store.db), await loadFxTable(env.store.db)];
  const refused: string[] = [];
  await runImport(env.store.db, {
    kind: "orders", fileName: "test", source: "demo",
    batches: (async function* () {
      yield lines.map((value, i) => ({ line: i + 2, ok: true as const, value }));
    })(),
    makeSink: (importId) => new OrderSink({ source: "demo", importId, settings, reason: "test" }, fx),
    batchSize: 500,
    onReject: (_line, errors) => void refused.push(...errors.map((e) => e.reason)),
  });
  return refused;
}
/** A figure without its currency sign and separators: "¥1,060.00" → "1060.00". */
const figure = (s: string | null) => (s ?? "").replace(/[^\d.-]/g, "");

/**
 * Campaigns in the browser (DOMAIN §5): a manager writes a win-back over the demo's churned
 * and at-risk customers with a 10% control group, sees the generic salutation flagged and
 * fixes it, starts it, and once the contacted customers have bought more than the control
 * group, reads the effect the service computes.
 */
describe.skipIf(missing)("campaigns in Chromium", () => {
  let env: BrowserEnv;
  let en: Page;
  let campaignId = 0;

  beforeAll(async () => {
    env = await startBrowserEnv();
    let context;
    ({ page: en, context } = await env.page({ locale: "en", height: 1600 }));
    await env.signIn(en);
    // the loyalty classes and tiers a win-back reads: a segment snapshot of the demo
    const me = await (await context.request.get("/api/auth/me")).json() as { csrfToken: string };
    const snap = await context.request.post("/api/segments/snapshots", { data: { asOf: "2026-06-30" }, headers: { "x-csrf-token": me.csrfToken } });
    expect(snap.ok(), await snap.text()).toBe(true);
  }, 180_000);
  afterAll(async () => env?.close());

  it("flags a generic salutation, previews the audience per tier and starts only once the template is fixed", async () => {
    await en.getByTestId("nav-campaigns").click();
    await en.getByTestId("campaigns-empty").waitFor();
    await en.getByTestId("campaigns-new").click();
    await en.getByTestId("campaign-form").waitFor();
    await en.getByTestId("campaign-name").fill("Summer win-back");
    await en.getByTestId("campaign-subject").fill("We miss you");
    await en.getByTestId("campaign-body").fill("Dear valued customer, come back and see the new season. ");
    await en.getByTestId("campaign-field-unsubscribeUrl").click();
    expect(await en.getByTestId("campaign-body").inputValue()).toContain("{{unsubscribeUrl}}");
    await en.locator('[data-testid=campaign-problem][data-code=GENERIC_SALUTATION]').waitFor();
    expect(await en.getByTestId("campaign-problems").textContent()).toContain("\"Dear valued customer\" tells the customer we do not know them");
    await en.getByTestId("campaign-seed").fill("2026");

    const preview = await previewAudience(env.store.db, { kind: "winback" });
    expect(preview.total).toBeGreaterThan(20);
    await expect.poll(() => en.getByTestId("campaign-preview-total").textContent()).toBe(preview.total.toLocaleString("en"));
    for (const tier of ["key", "secondary", "ordinary", "small"] as const) {
      expect(figure(await en.getByTestId(`campaign-preview-${tier}`).textContent())).toBe(String(preview.byStratum[tier]));
    }
    expect(await en.getByTestId("campaign-sources").textContent()).toContain("segment snapshot of Jun 30, 2026");

    await en.getByTestId("campaign-save").click();
    await en.waitForURL(/\/campaigns\/\d+$/);
    campaignId = Number(new URL(en.url()).pathname.split("/").pop());
    await en.getByTestId("campaign-start").waitFor();
    expect(await en.getByTestId("campaign-start").isDisabled()).toBe(true);

    await en.getByTestId("campaign-body").fill("{{name}}, thank you for your {{lastPurchase.product}}. The new season is in. Unsubscribe: {{unsubscribeUrl}}");
    await en.getByTestId("campaign-template-ok").waitFor();
    await en.getByTestId("campaign-save").click();
    await expect.poll(() => en.getByTestId("campaign-start").isDisabled()).toBe(false);
    await en.getByTestId("campaign-start").click();
    await en.getByTestId("campaign-start-confirm").waitFor();
    await overlaysSettled(en);
    await en.getByTestId("campaign-start-confirm").click();
    await en.getByTestId("campaign-results").waitFor();
    expect(await en.getByTestId("campaign-status").textContent()).toBe("Running");
    await en.getByTestId("campaign-measuring").waitFor();
    expect(await en.getByTestId("campaign-measuring").textContent()).toContain("day 1 of 90");

    const members = await env.store.db.selectFrom("campaign_members").select(["stratum", "control"]).where("campaign_id", "=", campaignId).execute();
    expect(members.length).toBe(preview.total);
    for (const tier of new Set(members.map((m) => m.stratum))) {
      const inTier = members.filter((m) => m.stratum === tier);
      const held = inTier.filter((m) => m.control).length;
      expect(Math.abs(held - inTier.length * 0.1)).toBeLessThanOrEqual(0.5);
    }
  });

  it("shows the effect against the control group as the service computes it", async () => {
    const members = await env.store.db.selectFrom("campaign_members as m").innerJoin("customers as c", "c.customer_id", "m.customer_id")
      .select(["c.external_id", "m.control"]).where("m.campaign_id", "=", campaignId).orderBy("m.customer_id").execute();
    const today = todayIn((await getSettings(env.store.db)).timezone);
    // in the window: two in three contacted customers come back for 300; one in three of the control group for 120
    const lines = members.flatMap((m, i) => (m.control ? i % 3 === 0 : i % 3 !== 0)
      ? [{ customerRef: m.external_id!, orderNo: `WB-${i}`, orderedAt: today, sku: "WB", quantity: "1", amount: m.control ? "120" : "300", unitCost: m.control ? "60" : "150" }]
      : []);
    expect(await importDemoLines(env, lines)).toEqual([]);

    const r = await campaignResults(env.store.db, campaignId);
    const e = r.effect!;
    expect(e.revenue.difference).toBeGreaterThan(100);
    await en.reload();
    await en.getByTestId("campaign-results").waitFor();
    expect(figure(await en.locator("[data-testid=campaign-kpi-revenue] .ant-statistic-content").textContent())).toBe(e.revenue.difference.toFixed(2));
    expect(figure(await en.locator("[data-testid=campaign-kpi-margin] .ant-statistic-content").textContent())).toBe(e.margin!.difference.toFixed(2));
    expect(figure(await en.locator("[data-testid=campaign-kpi-response] .ant-statistic-content").textContent())).toBe(String(Math.round(e.response.incremental)));
    const note = await en.getByTestId("campaign-kpi-revenue-note").textContent();
    const money = (v: number) => v.toLocaleString("en", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    expect(note).toContain(`${money(e.revenue.interval![0])} … `);
    expect(note).toContain(money(e.revenue.incremental));
    await en.getByTestId("campaign-chart").locator("canvas").waitFor();
    expect(await en.getByTestId("campaign-tiers").locator("tbody tr.ant-table-row").count()).toBe(r.byStratum.length);
    expect(await en.getByTestId("campaign-balance").locator("tbody tr.ant-table-row").count()).toBe(r.balance.length);
    expect(figure(await en.getByTestId("campaign-delivery-skipped").textContent())).toBe(String(r.delivery.skipped));
    await env.shot(en, "campaign-results-en");

    const { page: zh } = await env.page({ locale: "zh-CN", height: 1600 });
    await env.signIn(zh);
    await zh.goto(`/campaigns/${campaignId}`);
    await zh.getByTestId("campaign-measuring").waitFor();
    expect(await zh.getByTestId("campaign-measuring").textContent()).toContain("测算进行中：第 1 天，共 90 天");
    await zh.goto("/campaigns");
    await zh.getByTestId(`campaign-status-${campaignId}`).waitFor();
    expect(await zh.getByTestId(`campaign-status-${campaignId}`).textContent()).toBe("进行中");
    expect(env.problems).toEqual([]);
  });

  /** Fills a new campaign's name and a personal e-mail template. */
  async function newCampaign(name: string) {
    await en.goto("/campaigns/new");
    await en.getByTestId("campaign-form").waitFor();
    await en.getByTestId("campaign-name").fill(name);
    await en.getByTestId("campaign-subject").fill("Something for you");
    await en.getByTestId("campaign-body").fill("{{name}}, thank you for your {{lastPurchase.product}}. Unsubscribe: {{unsubscribeUrl}}");
    await en.getByTestId("campaign-seed").fill("7");
    await en.getByTestId("campaign-kind-adhoc").click();
  }

  /** Saves the draft, starts it and returns its id and the customers stored as its members. */
  async function saveAndStart(): Promise<{ id: number; members: number[] }> {
    await en.getByTestId("campaign-save").click();
    await en.waitForURL(/\/campaigns\/\d+$/);
    const id = Number(new URL(en.url()).pathname.split("/").pop());
    await en.getByTestId("campaign-template-ok").waitFor();
    await expect.poll(() => en.getByTestId("campaign-start").isDisabled()).toBe(false);
    await en.getByTestId("campaign-start").click();
    await en.getByTestId("campaign-start-confirm").waitFor();
    await overlaysSettled(en);
    await en.getByTestId("campaign-start-confirm").click();
    await en.getByTestId("campaign-results").waitFor();
    const rows = await env.store.db.selectFrom("campaign_members").select("customer_id").where("campaign_id", "=", id).orderBy("customer_id").execute();
    return { id, members: rows.map((r) => Number(r.customer_id)) };
  }

  it("builds a segment by customer state and previews it as the service counts it", async () => {
    await newCampaign("Churned customers");
    const all = await previewAudience(env.store.db, { kind: "segment" });
    await expect.poll(() => en.getByTestId("campaign-preview-total").textContent()).toBe(all.total.toLocaleString("en"));

    await en.getByTestId("campaign-states").click();
    await en.getByTestId("campaign-state-option-churned").click();
    await en.keyboard.press("Escape");
    const audience = { kind: "segment" as const, states: ["churned" as const] };
    const preview = await previewAudience(env.store.db, audience);
    expect(preview.total).toBeGreaterThan(0);
    expect(preview.total).toBeLessThan(all.total);
    await expect.poll(() => en.getByTestId("campaign-preview-total").textContent()).toBe(preview.total.toLocaleString("en"));
    for (const tier of ["key", "secondary", "ordinary", "small"] as const) {
      expect(figure(await en.getByTestId(`campaign-preview-${tier}`).textContent())).toBe(String(preview.byStratum[tier]));
    }

    const { id, members } = await saveAndStart();
    const stored = await env.store.db.selectFrom("campaigns").select("audience").where("campaign_id", "=", id).executeTakeFirstOrThrow();
    expect(stored.audience).toEqual(audience);
    expect(members).toEqual((await resolveAudience(env.store.db, audience)).members.map((m) => m.customerId));
    expect(env.problems).toEqual([]);
  });

  it("builds a hand-picked audience from the search and from pasted external ids", async () => {
    const chosen = await env.store.db.selectFrom("customers").select(["customer_id", "external_id"])
      .where("merged_into", "is", null).where("erased_at", "is", null).where("external_id", "is not", null)
      .orderBy("customer_id").offset(4).limit(2).execute();
    const [first, second] = chosen.map((c) => ({ id: Number(c.customer_id), externalId: c.external_id! }));
    await newCampaign("Two chosen customers");
    await en.getByTestId("campaign-audience-customers").click();
    await en.getByTestId("campaign-customers-empty").waitFor();
    expect(await en.getByTestId("campaign-save").isDisabled()).toBe(true);

    // one by one, through the search
    await en.getByTestId("campaign-customer-picker").locator("input").fill(first!.externalId);
    await en.getByTestId("complaint-form-customer-option").filter({ hasText: first!.externalId }).first().click();
    await en.getByTestId(`campaign-customer-${first!.id}`).waitFor();
    await expect.poll(() => en.getByTestId("campaign-preview-total").textContent()).toBe("1");

    // pasted: an external id (in other case) and one that names nobody
    await en.getByTestId("campaign-customers-paste").fill(`${second!.externalId.toLowerCase()}\nNOBODY-404`);
    await en.getByTestId("campaign-customers-add").click();
    await en.getByTestId(`campaign-customer-${second!.id}`).waitFor();
    expect(await en.getByTestId("campaign-customers-missing").textContent()).toBe("NOBODY-404");
    expect(await en.getByTestId(`campaign-customer-${second!.id}`).textContent()).toContain(second!.externalId);

    const ids = [first!.id, second!.id];
    const preview = await previewAudience(env.store.db, { kind: "customers", ids });
    expect(preview.total).toBe(2);
    await expect.poll(() => en.getByTestId("campaign-preview-total").textContent()).toBe("2");
    for (const s of ["key", "secondary", "ordinary", "small"] as const) {
      expect(figure(await en.getByTestId(`campaign-preview-${s}`).textContent())).toBe(String(preview.byStratum[s]));
    }

    const { id, members } = await saveAndStart();
    expect(members).toEqual([...ids].sort((a, b) => a - b));
    const stored = await env.store.db.selectFrom("campaigns").select("audience").where("campaign_id", "=", id).executeTakeFirstOrThrow();
    expect(stored.audience).toEqual({ kind: "customers", ids });
    expect(env.problems).toEqual([]);
  });
});
