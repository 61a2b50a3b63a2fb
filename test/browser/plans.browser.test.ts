import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { putMessagingSettings } from "../../src/messages/messaging-settings.ts";
import { EMAIL_QUEUE } from "../../src/messages/outbox.ts";
import { viewPlan } from "../../src/retention/plans/plans.service.ts";
import { browserMissing, startBrowserEnv, type BrowserEnv } from "./harness.ts";

const missing = browserMissing();
/** A money cell's figure without its currency sign and separators: "¥60,000.00" → "60000.00". */
const figure = (s: string | null) => (s ?? "").replace(/[^\d.-]/g, "");

/**
 * Contact plans in the browser (DOMAIN §5): a manager starts a plan from the apparel-chain
 * example, sees the tiers' spend against their sales as the service computes them, sets a
 * control group, sends the coupons as e-mail, generates the quarter's contacts and sees how
 * many became tasks and e-mails.
 */
describe.skipIf(missing)("contact plans in Chromium", () => {
  let env: BrowserEnv;
  let en: Page;
  let zh: Page;
  let planId = 0;

  beforeAll(async () => {
    env = await startBrowserEnv();
    ({ page: en } = await env.page({ locale: "en", height: 1400 }));
    await env.signIn(en);
    ({ page: zh } = await env.page({ locale: "zh-CN", height: 1400 }));
    await env.signIn(zh);
  });
  afterAll(async () => env?.close());

  it("creates a plan from the apparel-chain example whose spend-versus-sales table matches the service", async () => {
    await en.getByTestId("nav-plans").click();
    await en.getByTestId("plans-page").waitFor();
    await en.getByTestId("plans-empty").waitFor();
    await en.getByTestId("plans-new-example").click();
    await en.waitForURL(/\/plans\/\d+$/);
    planId = Number(new URL(en.url()).pathname.split("/").pop());
    await en.getByTestId("plan-lines").waitFor();
    const v = await viewPlan(env.store.db, planId);
    expect(v.lines.map((l) => l.key)).toEqual(["top", "middle", "bottom"]);
    expect(v.totals.customers).toBeGreaterThan(100);
    for (const l of v.lines) {
      expect(figure(await en.getByTestId(`plan-line-${l.key}-customers`).textContent())).toBe(String(l.customers));
      expect(figure(await en.getByTestId(`plan-line-${l.key}-sales`).textContent())).toBe(l.sales);
      expect(figure(await en.getByTestId(`plan-line-${l.key}-budget`).textContent())).toBe(l.budget);
      expect(figure(await en.getByTestId(`plan-line-${l.key}-perCustomer`).textContent())).toBe(l.budgetPerCustomer);
      expect(await en.getByTestId(`plan-line-${l.key}-intensity`).textContent()).toBe(l.intensity!.toFixed(2));
    }
    expect(await en.getByTestId("plan-line-top-budgetShare").textContent()).toBe("60.0%");
    await en.getByTestId("plan-chart").locator("canvas").waitFor();
    // the 14 kinds of contact, named in the reader's language
    expect(await en.getByTestId("plan-tier-0-types").locator("input[type=checkbox]").count()).toBe(14);
    expect(await en.getByTestId("plan-tier-2-types").textContent()).toContain("Clearance notice");
  });

  it("refuses shares that do not add up, then saves a control group", async () => {
    await en.getByTestId("plan-tier-2-budgetShare").fill("0.10");
    expect(await en.getByTestId("plan-budget-sum").textContent()).toContain("105.00%");
    await en.getByTestId("plan-save").click();
    await expect.poll(() => en.getByTestId("form-error").textContent()).toContain("1.05");
    await en.getByTestId("plan-tier-2-budgetShare").fill("0.05");
    await en.getByTestId("plan-control-share").fill("0.1");
    await en.getByTestId("plan-save").click();
    await expect.poll(async () => (await viewPlan(env.store.db, planId)).controlShare).toBe("0.1");
  });

  it("switches the coupons to e-mail, shows what is wrong with the template, and saves it", async () => {
    await en.getByTestId("plan-email-coupon").waitFor();
    // a personal contact type is never offered as e-mail
    expect(await en.getByTestId("plan-email-personalGift").count()).toBe(0);
    await en.getByTestId("plan-email-coupon-switch").click();
    const body = en.getByTestId("plan-email-coupon-body");
    expect(await body.inputValue()).toContain("{{unsubscribeUrl}}");
    await body.fill("Here is a coupon for you.");
    const problems = await en.getByTestId("plan-email-coupon-problems").textContent();
    expect(problems).toContain("Nothing personal");
    expect(problems).toContain("unsubscribe link");
    await body.fill("Hello {{name}}, a coupon for your next visit. Unsubscribe: {{unsubscribeUrl}}");
    expect(await en.getByTestId("plan-email-coupon-problems").count()).toBe(0);
    await en.getByTestId("plan-email-coupon-subject").fill("{{name}}, a coupon for you");
    await en.getByTestId("plan-save").click();
    await expect.poll(async () => (await viewPlan(env.store.db, planId)).emails.coupon?.subject).toBe("{{name}}, a coupon for you");
  });

  it("generates the quarter's contacts as tasks and e-mails and shows the counts per tier", async () => {
    await putMessagingSettings(env.store.db, { requireOptIn: false, serviceNumber: "", publicUrl: "https://crm.example" });
    await en.getByTestId("plan-generate").click();
    await en.getByTestId("plan-generate-result").waitFor();
    const tasks = await env.store.db.selectFrom("tasks").select(["customer_id", "kind"]).where("source_type", "=", "plan").where("source_id", "=", planId).execute();
    const jobs = await env.store.db.selectFrom("jobs").select("key").where("queue", "=", EMAIL_QUEUE).where("key", "like", `plan-${planId}-%`).execute();
    expect(jobs.length).toBeGreaterThan(0);
    // a coupon task is an e-mail held back (a customer without a name or a last purchase to fill in)
    const held = tasks.filter((x) => x.kind === "coupon").length;
    const emails = await en.getByTestId("plan-generate-emails").textContent();
    const m = /E-mails: ([\d,]+) queued, ([\d,]+) held back and given to the owners as tasks, ([\d,]+) skipped/.exec(emails ?? "");
    expect(m, emails ?? "").not.toBeNull();
    const [queued, heldShown, skipped] = m!.slice(1).map((x) => Number(x.replace(/,/g, "")));
    expect([queued, heldShown]).toEqual([jobs.length, held]);
    const members = await env.store.db.selectFrom("campaign_members").innerJoin("campaigns", "campaigns.campaign_id", "campaign_members.campaign_id")
      .select(["campaign_members.control", "campaign_members.stratum"]).where("campaigns.plan_id", "=", planId).execute();
    expect(tasks.length).toBeGreaterThan(0);
    expect(members.filter((m) => m.control).length).toBeGreaterThan(0);
    const title = await en.getByTestId("plan-generate-result").textContent();
    expect(title).toMatch(new RegExp(`${(tasks.length + jobs.length + skipped!).toLocaleString("en")} contacts within the caps, \\d+ dropped by caps`));
    expect(await en.getByTestId("plan-status").textContent()).toBe("Generated");
    await en.getByTestId("plan-results").waitFor();
    const v = await viewPlan(env.store.db, planId);
    let planned = 0;
    for (const l of v.lines) {
      const n = Number(figure(await en.getByTestId(`plan-results-${l.key}-planned`).textContent()));
      planned += n;
      expect(n).toBeLessThanOrEqual((l.customers - members.filter((m) => m.control && m.stratum === l.key).length) * l.contactsPerQuarter);
    }
    // the results count the queued e-mails as planned contacts beside the tasks
    expect(planned).toBe(tasks.length + jobs.length);
    expect(figure(await en.getByTestId("plan-results-planned").textContent())).toBe(String(tasks.length + jobs.length));
    // again: nothing new
    await en.getByTestId("plan-generate").click();
    await expect.poll(() => en.getByTestId("plan-generate-created").textContent()).toContain("0 new tasks");
    expect(await en.getByTestId("plan-generate-emails").textContent()).toContain("E-mails: 0 queued, 0 held back");
    await env.shot(en, "plan-generated-en");
    expect(env.problems).toEqual([]);
  });

  it("speaks Chinese: the navigation, the tiers and the kinds of contact", async () => {
    await zh.goto(`/plans/${planId}`);
    await zh.getByTestId("plan-lines").waitFor();
    expect(await zh.getByTestId("nav-plans").textContent()).toContain("联系计划");
    expect(await zh.getByTestId("plan-line-top").textContent()).toBe("高价值级");
    expect(await zh.getByTestId("plan-lines").textContent()).toContain("清仓通知");
    await zh.getByTestId("nav-plans").click();
    await zh.getByTestId("plans-table").waitFor();
    expect(await zh.getByTestId(`plan-status-${planId}`).textContent()).toBe("已生成");
    await env.shot(zh, "plans-list-zh");
  });
});
