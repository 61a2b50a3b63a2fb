import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCustomer } from "../../src/archive/customers.service.ts";
import { listAudit } from "../../src/audit/audit.repository.ts";
import type { BasketReport } from "../../src/patterns/baskets.service.ts";
import type { ForecastReport } from "../../src/patterns/forecast.service.ts";
import type { NextOffers } from "../../src/patterns/next-offers.service.ts";
import type { SequenceReport } from "../../src/patterns/sequences.service.ts";
import { buildChurnCost } from "../../src/value/churn-cost.service.ts";
import { buildCohortReport } from "../../src/value/cohorts.service.ts";
import { buildValueReport } from "../../src/value/value-report.service.ts";
import { ADMIN, browserMissing, startBrowserEnv, type BrowserEnv } from "./harness.ts";

const missing = browserMissing();

/**
 * A user's day in the browser, against the built app and a small demo business: sign in,
 * find a customer, open the 360 view, edit a field, log an interaction, import a file with
 * one bad row, switch language. Screenshots of each page go to test-results/screenshots.
 */
describe.skipIf(missing)("the web app in Chromium", () => {
  let env: BrowserEnv;
  let page: Page;
  let target: { id: number; name: string };
  const started = new Date();

  beforeAll(async () => {
    env = await startBrowserEnv();
    const row = await env.store.db.selectFrom("customers as c").innerJoin("customer_aggregates as a", "a.customer_id", "c.customer_id")
      .select(["c.customer_id", "c.name"]).where("c.kind", "=", "individual").where("c.name", "is not", null).where("a.orders", ">", 2)
      .orderBy("c.customer_id").limit(1).executeTakeFirstOrThrow();
    target = { id: row.customer_id, name: row.name! };
    ({ page } = await env.page({ locale: "zh-CN" }));
  });
  afterAll(async () => env?.close());

  it("signs in, in the browser's language (简体中文)", async () => {
    await page.goto("/");
    await page.waitForURL(/\/login/);
    await env.shot(page, "01-sign-in");
    await page.getByTestId("login-email").fill(ADMIN.email);
    await page.getByTestId("login-password").fill("a wrong password");
    await page.getByTestId("login-submit").click();
    await expect.poll(() => page.getByTestId("login-error").textContent()).toBeTruthy();
    await env.signIn(page);
    await page.getByTestId("customer-list").waitFor();
    expect(await page.getByTestId("nav-customers").textContent()).toContain("客户");
    await page.getByTestId("customer-row").first().waitFor();
    await env.shot(page, "02-customers");
  });

  it("finds a customer with the global search and opens the 360 view", async () => {
    await page.getByTestId("global-search").fill(target.name);
    const option = page.getByTestId("global-search-option").filter({ hasText: target.name }).first();
    await option.click();
    await page.waitForURL(new RegExp(`/customers/${target.id}$`));
    await page.getByTestId("customer-360").waitFor();
    expect(await page.getByTestId("customer-title").textContent()).toContain(target.name);
    const orders = await env.store.db.selectFrom("customer_aggregates").select("orders").where("customer_id", "=", target.id).executeTakeFirstOrThrow();
    await expect.poll(() => page.getByTestId("figure-orders").textContent()).toBe(String(orders.orders));
    await page.getByTestId("timeline-event").first().waitFor();
    await env.shot(page, "03-customer-360");
  });

  it("edits a field in place, and the change is stored", async () => {
    // The 360's tabs are keyed (antd puts the key on the tab as data-node-key).
    await page.locator('[data-node-key="profile"]').click();
    await page.getByTestId("field-edit-core").click();
    await page.getByTestId("core-phone").fill("not a phone");
    await page.getByTestId("core-save").click();
    await page.locator(".ant-form-item-explain-error").first().waitFor(); // validated before it is sent
    await page.getByTestId("core-phone").fill("+86 139 1234 5678");
    await page.getByTestId("core-save").click();
    await page.getByTestId("core-form").waitFor({ state: "detached" });
    await expect.poll(async () => (await env.store.db.selectFrom("customers").select("phone").where("customer_id", "=", target.id).executeTakeFirstOrThrow()).phone)
      .toBe("+86 139 1234 5678");
    expect(await page.getByTestId("customer-360").textContent()).toContain("+86 139 1234 5678");
  });

  it("logs an interaction, which appears on the timeline", async () => {
    await page.locator('[data-node-key="timeline"]').click();
    await page.getByTestId("interaction-log").click();
    await page.getByTestId("interaction-purpose").fill("回访");
    await page.getByTestId("interaction-notes").fill("客户对新品感兴趣，下周再联系");
    await page.getByTestId("interaction-submit").click();
    await page.getByTestId("timeline-event").filter({ hasText: "客户对新品感兴趣" }).first().waitFor();
    await env.shot(page, "04-interaction-logged");
  });

  it("imports a file with one bad row: the row is reported, the others land", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "retain-browser-"));
    const file = path.join(dir, "新订单.csv");
    fs.writeFileSync(file, "客户编号,订单日期,金额,商品\nB-001,2026-06-01,199.00,茶叶\nB-002,2026-06-02,不是金额,茶具\nB-003,2026-06-03,58.50,茶叶\n");
    await page.getByTestId("nav-imports").click();
    await page.getByTestId("import-upload").waitFor();
    await env.shot(page, "05-import-upload");
    await page.locator('[data-testid="import-upload"] input[type=file]').setInputFiles(file);
    await page.getByTestId("import-mapping").waitFor();
    await env.shot(page, "06-import-preview");
    await page.getByTestId("import-validate").click();
    await expect.poll(() => page.getByTestId("import-rejected-count").textContent(), { timeout: 30_000 }).toBe("1");
    expect(await page.getByTestId("import-rejections").textContent()).toContain("3");
    expect(await page.getByTestId("import-rejects-download").getAttribute("href")).toMatch(/rejects\.csv$/);
    await env.shot(page, "07-import-validated");
    await page.getByTestId("import-run").click();
    await page.getByTestId("import-result").waitFor();
    await expect.poll(() => page.locator('[data-testid="import-result"] [data-testid="import-count-landed"]').textContent(), { timeout: 30_000 }).toBe("2");
    await env.shot(page, "08-import-done");
    const landed = await env.store.db.selectFrom("customers").select("external_id").where("external_id", "in", ["B-001", "B-002", "B-003"]).orderBy("external_id").execute();
    expect(landed.map((r) => r.external_id)).toEqual(["B-001", "B-003"]);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("switches to English, remembers it, and back to 简体中文", async () => {
    await page.getByTestId("nav-customers").click();
    await page.getByTestId("customer-row").first().waitFor();
    await page.getByTestId("lang-switch").click();
    await page.getByTestId("lang-en").click();
    await expect.poll(() => page.getByTestId("nav-customers").textContent()).toContain("Customers");
    await page.reload();
    await expect.poll(() => page.getByTestId("nav-customers").textContent()).toContain("Customers");
    await page.getByTestId("customer-row").first().waitFor();
    await env.shot(page, "09-customers-en");
    await page.getByTestId("lang-switch").click();
    await page.getByTestId("lang-zh-TW").click();
    await expect.poll(() => page.getByTestId("nav-customers").textContent()).toContain("客戶");
    await env.shot(page, "10-customers-zh-TW");
    await page.getByTestId("lang-switch").click();
    await page.getByTestId("lang-zh-CN").click();
    await expect.poll(() => page.getByTestId("nav-customers").textContent()).toContain("客户");
  });

  it("records each change made here in the audit log, which admins can read in the browser", async () => {
    const entries = (await listAudit(env.store.db, { from: started })).filter((e) => e.actor === ADMIN.email);
    const actions = entries.map((e) => e.action);
    expect(actions).toContain("user.signed_in");
    expect(actions).toContain("import.completed");
    const edit = entries.find((e) => e.action === "customer.updated" && e.customer_id === target.id);
    expect(edit?.after).toMatchObject({ phone: "+86 139 1234 5678" });
    const note = entries.find((e) => e.action === "interaction.created" && e.customer_id === target.id);
    expect(note?.after).toMatchObject({ notes: "客户对新品感兴趣，下周再联系" });
    await page.getByTestId("nav-admin-audit").click();
    await page.getByTestId("audit-list").waitFor();
    await expect.poll(() => page.getByTestId("audit-list").textContent()).toContain("import.completed");
    await env.shot(page, "11-audit");
  });

  it("shows the admin pages and the account's tokens", async () => {
    for (const [nav, id, shot] of [["nav-admin-users", "user-list", "12-users"], ["nav-admin-webhooks", "webhook-list", "13-webhooks"]] as const) {
      await page.getByTestId(nav).click();
      await page.getByTestId(id).waitFor();
      await env.shot(page, shot);
    }
    await page.goto("/account/tokens");
    await page.getByTestId("token-list").waitFor();
    await env.shot(page, "14-tokens");
  });

  it("shows customer value: the same figures as the report, by margin, in English, and an empty window", async () => {
    const expected = await buildValueReport(env.store.db, { window: "12m", by: "sales" });
    await page.getByTestId("nav-value").click();
    await page.getByTestId("value-deciles").waitFor();
    await expect.poll(() => page.getByTestId("value-kpi-customers").textContent()).toContain(expected.kpis.customers.toLocaleString("zh-CN"));
    await page.getByTestId("value-pareto").waitFor();
    expect(await page.getByTestId("value-pyramid").textContent()).toContain("重要关键客户");
    await env.shot(page, "16-value");
    // The transaction rule is the user's: with no minimum discount, everyone with at most 2 purchase days buys "on price".
    const byRule = await buildValueReport(env.store.db, { window: "12m", by: "sales", transactionDiscount: 0, transactionDays: 2 });
    await page.getByTestId("value-rule-discount").fill("0");
    await expect.poll(() => page.getByTestId("value-types").locator("tbody tr").first().textContent()).toContain(byRule.customerTypes.transaction.customers.toLocaleString("zh-CN"));
    await page.getByTestId("value-by").getByText("按边际贡献").click();
    await expect.poll(() => page.getByTestId("value-window-text").textContent()).toContain("边际贡献");
    await env.shot(page, "17-value-by-margin");
    await page.getByTestId("lang-switch").click();
    await page.getByTestId("lang-en").click();
    await expect.poll(() => page.getByTestId("nav-value").textContent()).toContain("Customer value");
    await expect.poll(() => page.getByTestId("value-rfm").textContent()).toContain("Champions");
    await env.shot(page, "18-value-en");
    // Before the demo's first order: no customer bought, and the page says so.
    await page.getByTestId("value-as-of").click();
    await page.keyboard.type("2020-01-31");
    await page.keyboard.press("Enter");
    await page.getByTestId("value-empty").waitFor();
    await env.shot(page, "19-value-empty-en");
    await page.getByTestId("lang-switch").click();
    await page.getByTestId("lang-zh-CN").click();
    await expect.poll(() => page.getByTestId("nav-value").textContent()).toContain("客户价值");
  });

  it("shows cohorts: the report's KPIs with their definitions, a heat map by retention and by net sales, in English, and an empty month", async () => {
    const expected = await buildCohortReport(env.store.db, { months: 12 });
    const pct = (v: number | null, locale: string) => new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 1 }).format(v ?? 0);
    await page.getByTestId("nav-value-cohorts").click();
    await page.getByTestId("cohorts-heatmap").waitFor();
    await expect.poll(() => page.getByTestId("cohorts-kpi-retention").textContent()).toContain(pct(expected.kpis.retentionRate, "zh-CN"));
    expect(await page.getByTestId("cohorts-kpi-churn").textContent()).toContain(pct(expected.kpis.churnRate, "zh-CN"));
    expect(await page.getByTestId("cohorts-kpi-repeat").textContent()).toContain(pct(expected.kpis.repeatPurchaseRate, "zh-CN"));
    await page.getByTestId("cohorts-kpi-churn-help").hover();
    await page.getByRole("tooltip").filter({ hasText: "1 − 客户保持率" }).waitFor();
    await env.shot(page, "20-cohorts");
    await page.mouse.move(0, 0);
    await page.getByTestId("cohorts-measure").getByText("净销售额").click();
    await page.locator(".ant-card-head-title").filter({ hasText: "按首次购买月份的净销售额" }).waitFor();
    await env.shot(page, "21-cohorts-revenue");
    await page.getByTestId("lang-switch").click();
    await page.getByTestId("lang-en").click();
    await expect.poll(() => page.getByTestId("nav-value-cohorts").textContent()).toContain("Cohorts");
    await page.getByTestId("cohorts-measure").getByText("Retention").click();
    await expect.poll(() => page.getByTestId("cohorts-kpi-retention").textContent()).toContain(pct(expected.kpis.retentionRate, "en"));
    await env.shot(page, "22-cohorts-en");
    // Before the demo's first order: nobody had bought, and the page says so.
    await page.getByTestId("cohorts-as-of").click();
    await page.keyboard.type("2020-01-31");
    await page.keyboard.press("Enter");
    await page.getByTestId("cohorts-empty").waitFor();
    await env.shot(page, "23-cohorts-empty-en");
    await page.getByTestId("lang-switch").click();
    await page.getByTestId("lang-zh-CN").click();
    await expect.poll(() => page.getByTestId("nav-value-cohorts").textContent()).toContain("同期群");
  });

  it("works out the churn cost from the measured inputs, again as the user types seed 001's figures, in English too", async () => {
    const expected = await buildChurnCost(env.store.db, { period: 12 });
    const money = (v: string, locale: string) => new Intl.NumberFormat(locale, { style: "currency", currency: "CNY" }).format(v as `${number}`);
    await page.getByTestId("nav-value-churn-cost").click();
    await page.getByTestId("churn-total").waitFor();
    expect(await page.getByTestId("churn-input-lostCustomers").inputValue()).toBe(expected.inputs.lostCustomers.value);
    expect(await page.getByTestId("churn-source-lostCustomers").textContent()).toContain("测算");
    await expect.poll(() => page.getByTestId("churn-total").textContent()).toContain(money(expected.churnCost!.total, "zh-CN"));
    await page.getByTestId("churn-sens-increase").waitFor();
    await env.shot(page, "24-churn-cost");
    // Seed 001: 7 buyers × 10 orders a month × 150 USD × 20% × 6.3 CNY/USD × 12 months = 158,760 CNY.
    for (const [name, v] of [["lostCustomers", "7"], ["ordersPerMonth", "10"], ["orderValue", "150"], ["marginRate", "20"], ["fxRate", "6.3"], ["months", "12"]] as const) {
      await page.getByTestId(`churn-input-${name}`).fill(v);
    }
    await expect.poll(() => page.getByTestId("churn-total").textContent()).toContain("158,760");
    expect(await page.getByTestId("churn-formula").textContent()).toContain("7 × 10 × 150 × 20% × 6.3 × 12 = ¥158,760.00");
    expect(await page.getByTestId("churn-source-orderValue").textContent()).toContain("您填写的数字");
    // Churn 20% → 15% at a 10% discount rate: each customer's lifetime margin grows by 27.5%.
    await page.getByTestId("churn-sens-churn").fill("20");
    await expect.poll(() => page.getByTestId("churn-sens-increase").textContent()).toContain("27.5%");
    await env.shot(page, "25-churn-cost-seed");
    // A refused figure keeps the form and the last result, and the field says why.
    await page.getByTestId("churn-input-fxRate").fill("0");
    await page.getByTestId("churn-invalid-fxRate").waitFor();
    expect(await page.getByTestId("churn-total").textContent()).toContain("158,760");
    await page.getByTestId("churn-input-fxRate").fill("6.3");
    await page.getByTestId("churn-invalid-fxRate").waitFor({ state: "detached" });
    await page.getByTestId("lang-switch").click();
    await page.getByTestId("lang-en").click();
    await expect.poll(() => page.getByTestId("nav-value-churn-cost").textContent()).toContain("Churn cost");
    expect(await page.getByTestId("churn-steps").textContent()).toContain("Margin lost a month");
    await env.shot(page, "26-churn-cost-en");
    await page.getByTestId("churn-reset").click();
    await expect.poll(() => page.getByTestId("churn-input-lostCustomers").inputValue()).toBe(expected.inputs.lostCustomers.value);
    // Before the demo's first order: nothing to measure, and the page asks for the figures instead.
    await page.getByTestId("churn-as-of").click();
    await page.keyboard.type("2020-01-31");
    await page.keyboard.press("Enter");
    await page.getByTestId("churn-empty").waitFor();
    await page.getByTestId("churn-missing").waitFor();
    await env.shot(page, "27-churn-cost-empty-en");
    await page.getByTestId("lang-switch").click();
    await page.getByTestId("lang-zh-CN").click();
    await expect.poll(() => page.getByTestId("nav-value-churn-cost").textContent()).toContain("流失成本");
  });

  it("takes segment snapshots, shows the RFM grid and every segmentation, lists a segment's customers and follows one to the 360 value card, in English too", async () => {
    const db = env.store.db;
    await page.getByTestId("nav-value-segments").click();
    // The test store has no snapshot yet: the page says what one is and offers to take it.
    await page.getByTestId("segments-empty").waitFor();
    await env.shot(page, "30-segments-empty");
    // The request is held until the progress has been seen: on a large store it takes seconds.
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route("**/api/segments/snapshots", async (route) => {
      if (route.request().method() === "POST") await held;
      await route.continue();
    });
    await page.getByTestId("segments-take-first").click();
    await page.getByTestId("snapshot-as-of").click();
    await page.keyboard.type("2026-06-30");
    await page.keyboard.press("Enter");
    await page.getByTestId("snapshot-rules-toggle").click();
    expect(await page.getByTestId("snapshot-rule-churnDays").inputValue()).toBe("365");
    await page.getByTestId("snapshot-rules-toggle").click(); // folded again: the whole form is in the screenshot
    await page.getByTestId("snapshot-submit").click();
    await page.getByTestId("snapshot-progress").waitFor();
    await env.shot(page, "31-segments-taking");
    release();
    await page.getByTestId("segments-rfm-grid").waitFor({ timeout: 60_000 });
    await page.unroute("**/api/segments/snapshots");
    const saved = await db.selectFrom("segment_snapshots").select(["as_of", "customers"]).execute();
    expect(saved.map((s) => String(s.as_of))).toEqual(["2026-06-30"]);
    expect(await page.getByTestId("rfm-cell").count()).toBe(25);
    // Each segment's size is the snapshot's own.
    const champions = await db.selectFrom("customer_segments").select((e) => e.fn.countAll<number>().as("n"))
      .where("as_of", "=", "2026-06-30").where("rfm_segment", "=", "champions").executeTakeFirstOrThrow();
    await expect.poll(() => page.locator('[data-testid="segments-rfm"] [data-segment="champions"] td').nth(1).textContent()).toBe(Number(champions.n).toLocaleString("zh-CN"));
    expect(await page.getByTestId("segments-loyalty").textContent()).toContain("个性化服务");
    expect(await page.getByTestId("segments-ladder-rule").textContent()).toContain("3 个月");
    await page.getByTestId("segments-before").first().waitFor({ timeout: 60_000 });
    await page.getByTestId("segments-ladder-chart").waitFor();
    await env.shot(page, "32-segments");

    // A second snapshot, with a rule of the user's: it is selected once saved.
    await page.getByTestId("segments-take").click();
    await page.getByTestId("snapshot-as-of").click();
    await page.keyboard.type("2026-03-31");
    await page.keyboard.press("Enter");
    await page.getByTestId("snapshot-rules-toggle").click();
    await page.getByTestId("snapshot-rule-churnDays").fill("200");
    // A role without segments:write is refused by the server: the form says so and stays open.
    await page.route("**/api/segments/snapshots", (route) => route.request().method() === "POST"
      ? route.fulfill({ status: 403, contentType: "application/json", body: JSON.stringify({ code: "FORBIDDEN", message: "Not allowed." }) })
      : route.continue());
    await page.getByTestId("snapshot-submit").click();
    await expect.poll(() => page.getByTestId("form-error").textContent()).toContain("您的角色不能生成快照");
    await page.unroute("**/api/segments/snapshots");
    await page.getByTestId("snapshot-submit").click();
    await expect.poll(() => page.getByTestId("segments-loyalty-rule").textContent(), { timeout: 60_000 }).toContain("200");
    expect(await page.getByTestId("segments-snapshot").textContent()).toContain("2026年3月31日");

    // The largest ladder rung: its customers a page at a time, and all of them as CSV.
    const rung = await db.selectFrom("customer_segments").select(["ladder", (e) => e.fn.countAll<number>().as("n")])
      .where("as_of", "=", "2026-03-31").groupBy("ladder").orderBy("n", "desc").limit(1).executeTakeFirstOrThrow();
    const n = Number(rung.n);
    await page.locator(`[data-testid="segments-ladder"] [data-segment="${rung.ladder}"]`).click();
    await page.getByTestId("segment-member-name").first().waitFor();
    await expect.poll(() => page.getByTestId("segment-member-name").count()).toBe(Math.min(50, n));
    if (n > 50) {
      await page.getByTestId("segment-members-more").click();
      await expect.poll(() => page.getByTestId("segment-member-name").count()).toBe(Math.min(100, n));
    }
    const href = await page.getByTestId("segment-export").getAttribute("href");
    expect(href).toBe(`/api/segments/members/export?asOf=2026-03-31&scheme=ladder&segment=${rung.ladder}`);
    const csv = await (await page.request.get(href!)).text();
    expect(csv.replace(/^\uFEFF/, "").split("\r\n").filter(Boolean)).toHaveLength(n + 1);
    // The drawer is fixed to the window: the screenshot shows it from the top of the page and of its list.
    await page.locator(".ant-drawer-body").evaluate((el) => el.scrollTo(0, 0));
    await page.locator("html").evaluate((el) => el.scrollTo(0, 0));
    await env.shot(page, "33-segments-drawer");
    const first = page.getByTestId("segment-member-name").first();
    const name = (await first.textContent())!;
    await first.click();
    await page.waitForURL(/\/customers\/\d+$/);
    await expect.poll(() => page.getByTestId("customer-title").textContent()).toContain(name);
    // Every archive customer is in both snapshots: the latest date's segments as tags, both dates in the history.
    await page.getByTestId("customer-value-tags").waitFor();
    await expect.poll(() => page.getByTestId("customer-value").textContent()).toContain("截至 2026年6月30日 的细分");
    expect(await page.getByTestId("customer-value-history").locator("tbody tr.ant-table-row").count()).toBe(2);
    await page.getByTestId("customer-value").scrollIntoViewIfNeeded();
    await env.shot(page, "34-customer-360-value");

    await page.getByTestId("lang-switch").click();
    await page.getByTestId("lang-en").click();
    await expect.poll(() => page.getByTestId("customer-value").textContent()).toContain("Value and segments");
    await env.shot(page, "35-customer-360-value-en");
    await page.getByTestId("nav-value-segments").click();
    await expect.poll(() => page.getByTestId("segments-rfm").textContent()).toContain("Champions");
    await page.getByTestId("segments-before").first().waitFor({ timeout: 60_000 });
    await env.shot(page, "36-segments-en");
    await page.getByTestId("lang-switch").click();
    await page.getByTestId("lang-zh-CN").click();
    await expect.poll(() => page.getByTestId("nav-value-segments").textContent()).toContain("客户细分");
  });

  it("mines basket rules and sequences and saves both for the next best offers, forecasts net sales, and shows a customer's offers with their reasons, in English too", async () => {
    const db = env.store.db;
    const asOf = "2026-06-30";
    const fmt = (locale: string) => ({
      n: (v: number) => v.toLocaleString(locale),
      pct: (v: number) => {
        const d = Math.abs(v) < 0.1 ? 2 : 1;
        return new Intl.NumberFormat(locale, { style: "percent", minimumFractionDigits: d, maximumFractionDigits: d }).format(v);
      },
      fixed: (v: number, d: number) => new Intl.NumberFormat(locale, { minimumFractionDigits: d, maximumFractionDigits: d }).format(v),
    });
    const zh = fmt("zh-CN");
    const en = fmt("en");
    // Mining and fitting take a while on a busy machine; a change on screen alone does not.
    const slow = { timeout: 30_000 };
    const quick = { timeout: 5_000 };
    const typeDate = async (id: string, date: string) => {
      await page.getByTestId(id).click();
      await page.keyboard.press("ControlOrMeta+a");
      await page.keyboard.type(date);
      await page.keyboard.press("Enter");
    };
    const language = async (lang: "en" | "zh-CN", nav: string, text: string) => {
      await page.getByTestId("lang-switch").click();
      await page.getByTestId(`lang-${lang}`).click();
      await expect.poll(() => page.getByTestId(nav).textContent(), quick).toContain(text);
      await page.getByTestId(`lang-${lang}`).waitFor({ state: "hidden" }); // the menu closed before a screenshot
    };
    const get = async <T,>(url: string): Promise<T> => {
      const res = await page.request.get(url);
      expect(res.status()).toBe(200);
      return (await res.json()) as T;
    };

    // No run is saved yet: the 360's offers card says where one is saved.
    await page.goto(`/customers/${target.id}`);
    await page.getByTestId("next-offers-no-run").waitFor();

    // Basket rules. Before the demo's first order there is no basket, and the page says so.
    await page.getByTestId("nav-patterns-baskets").click();
    await page.getByTestId("baskets-form").waitFor();
    await typeDate("baskets-as-of", "2020-01-31");
    await page.getByTestId("baskets-run").click();
    await page.getByTestId("baskets-empty").waitFor(slow);
    await env.shot(page, "37-baskets-empty");
    // The demo's products at 0.5% support and 20% confidence: rules appear.
    await typeDate("baskets-as-of", asOf);
    await page.getByTestId("baskets-min-support").fill("0.5");
    await page.getByTestId("baskets-min-confidence").fill("20");
    await page.getByTestId("baskets-run").click();
    const baskets = await get<BasketReport>(`/api/reports/baskets?asOf=${asOf}&window=12m&level=product&minSupport=0.005&minConfidence=0.2&maxLength=4&consequents=single`);
    expect(baskets.rules.length).toBeGreaterThan(0);
    await page.getByTestId("basket-rule").first().waitFor(slow);
    await expect.poll(() => page.getByTestId("baskets-scope-text").textContent(), slow).toContain("2026年6月30日");
    await expect.poll(() => page.getByTestId("baskets-kpi-rules").textContent(), slow).toContain(zh.n(baskets.rulesFound));
    expect(await page.getByTestId("baskets-min-count-text").textContent()).toBe(`支持度 ≥ ${zh.pct(0.005)} = ${zh.n(baskets.thresholds.minCount)} 个购物篮`);
    expect(await page.getByTestId("baskets-kpi-baskets").textContent()).toContain(zh.n(baskets.baskets));
    const first = baskets.rules[0]!;
    const row = page.getByTestId("basket-rule").first();
    expect(await row.getByTestId("rule-antecedent").textContent()).toBe(first.antecedent.map((i) => i.label).join(" + "));
    expect(await row.getByTestId("rule-consequent").textContent()).toBe(`→ ${first.consequent.map((i) => i.label).join(" + ")}`);
    expect(await row.getByTestId("rule-count").textContent()).toBe(zh.n(first.count));
    expect(await row.getByTestId("rule-support").textContent()).toBe(zh.pct(first.support));
    expect(await row.getByTestId("rule-confidence").textContent()).toBe(zh.pct(first.confidence));
    expect(await row.getByTestId("rule-lift").textContent()).toBe(zh.fixed(first.lift, 2));
    expect(await row.getByTestId("rule-leverage").textContent()).toBe(zh.fixed(first.leverage, 4));
    expect(await row.getByTestId("rule-conviction").textContent()).toBe(first.conviction === null ? "∞" : zh.fixed(first.conviction, 2));
    await page.getByTestId("baskets-network").locator("canvas").waitFor();
    // A table that scrolls sideways draws its header twice: the first is the one on screen.
    await page.getByTestId("rule-help-lift").first().hover();
    await page.getByRole("tooltip").filter({ hasText: "两者无关时为 1" }).waitFor();
    await env.shot(page, "38-baskets");
    await page.mouse.move(0, 0);
    // Sorted by confidence, the most confident rule comes first.
    await page.getByTestId("baskets-rules").locator("th").filter({ hasText: "置信度" }).first().click();
    const topConfidence = Math.max(...baskets.rules.map((r) => r.confidence));
    await expect.poll(() => page.getByTestId("basket-rule").first().getByTestId("rule-confidence").textContent(), quick).toBe(zh.pct(topConfidence));
    // Saved for the next best offers: the run keeps every rule found.
    await page.getByTestId("baskets-save").click();
    await expect.poll(() => page.getByTestId("baskets-saved").textContent(), slow).toMatch(/#\d+/);
    const basketRun = Number(/#(\d+)/.exec((await page.getByTestId("baskets-saved").textContent())!)![1]);
    const savedBaskets = await db.selectFrom("pattern_runs").select(["kind", "level"]).where("run_id", "=", basketRun).executeTakeFirstOrThrow();
    expect(savedBaskets).toEqual({ kind: "baskets", level: "product" });
    const ruleRows = await db.selectFrom("pattern_rules").select((e) => e.fn.countAll<number>().as("n")).where("run_id", "=", basketRun).executeTakeFirstOrThrow();
    expect(Number(ruleRows.n)).toBe(baskets.rulesFound);
    await language("en", "nav-patterns-baskets", "Basket rules");
    await expect.poll(() => page.getByTestId("baskets-min-count-text").textContent(), quick).toBe(`support ≥ ${en.pct(0.005)} = ${en.n(baskets.thresholds.minCount)} baskets`);
    await env.shot(page, "39-baskets-en");

    // Sequences (in English): a pair's timing, then the run saved.
    await page.getByTestId("nav-patterns-sequences").click();
    await page.getByTestId("sequences-form").waitFor();
    await typeDate("sequences-as-of", asOf);
    await page.getByTestId("sequences-run").click();
    const sequences = await get<SequenceReport>(`/api/reports/sequences?asOf=${asOf}&window=12m&level=product&minSupport=0.01&withinDays=90&maxLength=4`);
    expect(sequences.pairs.length).toBeGreaterThan(1);
    // The default date's pairs stay on screen until the chosen date's arrive.
    await expect.poll(() => page.getByTestId("sequences-scope-text").textContent(), slow).toContain("Jun 30, 2026");
    await expect.poll(() => page.getByTestId("sequences-kpi-pairs").textContent(), slow).toContain(en.n(sequences.pairsFound));
    const pair = sequences.pairs[1]!;
    const pairRow = page.getByTestId("sequence-pair").nth(1);
    expect(await pairRow.getByTestId("pair-share").textContent()).toBe(en.pct(pair.share));
    expect(await pairRow.getByTestId("pair-buyers").textContent()).toBe(en.n(pair.buyers));
    await pairRow.click();
    await expect.poll(() => page.getByTestId("sequences-timing-text").textContent(), quick)
      .toBe(`${en.pct(pair.share)} of the ${en.n(pair.buyers)} customers who bought ${pair.a.label} bought ${pair.b.label} within 90 days (${en.n(pair.followers)} customers), after ${pair.meanDays === null ? "—" : pair.meanDays.toLocaleString("en", { maximumFractionDigits: 1 })} days on average.`);
    await page.getByTestId("sequences-timing").locator("canvas").waitFor();
    await page.getByTestId("sequences-save").click();
    await expect.poll(() => page.getByTestId("sequences-saved").textContent(), slow).toMatch(/#\d+/);
    const sequenceRun = Number(/#(\d+)/.exec((await page.getByTestId("sequences-saved").textContent())!)![1]);
    expect((await db.selectFrom("pattern_runs").select("kind").where("run_id", "=", sequenceRun).executeTakeFirstOrThrow()).kind).toBe("sequences");
    await page.getByTestId("sequences-timing").scrollIntoViewIfNeeded();
    await env.shot(page, "40-sequences-en");
    await language("zh-CN", "nav-patterns-sequences", "购买序列");
    await expect.poll(() => page.getByTestId("sequences-timing-text").textContent(), quick).toContain(`买过${pair.a.label}的`);
    await env.shot(page, "41-sequences");

    // Forecast of monthly net sales: the model and the back-test are the API's.
    await page.getByTestId("nav-patterns-forecast").click();
    await page.getByTestId("forecast-form").waitFor();
    await typeDate("forecast-as-of", asOf);
    const forecast = await get<ForecastReport>(`/api/reports/forecast?series=sales&period=month&horizon=12&asOf=${asOf}&window=all`);
    expect(forecast.model).not.toBeNull();
    await expect.poll(() => page.getByTestId("forecast-scope-text").textContent(), slow).toContain("2026年6月30日");
    expect(await page.getByTestId("forecast-model-name").textContent()).toBe(forecast.model!.name);
    await page.getByTestId("forecast-chart").locator("canvas").waitFor();
    const bt = forecast.backtest;
    if (bt) {
      const mase = (v: number | null) => (v === null ? "—" : zh.fixed(v, 2));
      const smape = (v: number | null) => (v === null ? "—" : new Intl.NumberFormat("zh-CN", { style: "percent", minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(v / 100));
      expect(await page.getByTestId("forecast-bt-model-name").textContent()).toBe(bt.model.name);
      expect(await page.getByTestId("forecast-bt-model-mase").textContent()).toBe(mase(bt.model.mase));
      expect(await page.getByTestId("forecast-bt-naive-mase").textContent()).toBe(mase(bt.seasonalNaive.mase));
      expect(await page.getByTestId("forecast-bt-model-smape").textContent()).toBe(smape(bt.model.smape));
      expect(await page.getByTestId("forecast-bt-naive-smape").textContent()).toBe(smape(bt.seasonalNaive.smape));
    } else {
      await page.getByTestId("forecast-no-backtest").waitFor();
    }
    await env.shot(page, "42-forecast");
    await language("en", "nav-patterns-forecast", "Forecast");
    await expect.poll(() => page.getByTestId("forecast-scope-text").textContent(), quick).toContain("Net sales");
    await env.shot(page, "43-forecast-en");

    // A customer the saved runs have an offer for (one with a "bought together" offer if any).
    const top = await db.selectFrom("customer_aggregates").select("customer_id").orderBy("orders", "desc").orderBy("customer_id").limit(40).execute();
    let chosen: NextOffers | undefined;
    for (const { customer_id } of top) {
      const offers = await get<NextOffers>(`/api/customers/${customer_id}/next-offers`);
      if (offers.offers.some((o) => o.reason.kind === "basket")) {
        chosen = offers;
        break;
      }
      if (!chosen && offers.offers.length > 0) chosen = offers;
    }
    expect(chosen).toBeDefined();
    const offer = chosen!.offers[0]!;
    const because = offer.reason.kind === "basket" ? offer.reason.because[0]!.label : offer.reason.because.label;
    await page.goto(`/customers/${chosen!.customerId}`);
    await page.getByTestId("next-offer").first().waitFor();
    expect(await page.getByTestId("next-offer").count()).toBe(chosen!.offers.length);
    expect(await page.getByTestId("next-offer-item").first().textContent()).toBe(offer.item.label);
    expect(await page.getByTestId("next-offer-score").first().textContent()).toBe(en.pct(offer.score));
    const reasonEn = (await page.getByTestId("next-offer-reason").first().textContent())!;
    expect(reasonEn).toContain(`Bought ${because}`);
    expect(reasonEn).toContain(en.pct(offer.score));
    expect(await page.getByTestId("next-offers-runs").textContent()).toBe(`From basket run #${basketRun} (${new Intl.DateTimeFormat("en", { dateStyle: "medium", timeZone: "Asia/Shanghai" }).format(new Date(chosen!.runs.baskets!.createdAt))}); sequence run #${sequenceRun} (${new Intl.DateTimeFormat("en", { dateStyle: "medium", timeZone: "Asia/Shanghai" }).format(new Date(chosen!.runs.sequences!.createdAt))})`);
    await page.getByTestId("next-offers").scrollIntoViewIfNeeded();
    await env.shot(page, "44-customer-360-offers-en");
    await language("zh-CN", "nav-customers", "客户");
    // Worded in the reader's language from the reason's figures, not the server's English text.
    await expect.poll(() => page.getByTestId("next-offer-reason").first().textContent(), quick).toContain(`买过${because}`);
    const reasonZh = (await page.getByTestId("next-offer-reason").first().textContent())!;
    expect(reasonZh).toContain(zh.pct(offer.score));
    expect(reasonZh).not.toContain(offer.text);
    expect(reasonZh).not.toMatch(/Bought|buyers|baskets/);
    await env.shot(page, "45-customer-360-offers");
  });

  it("runs the prediction models from the page, lists who is at risk and why, shows a customer's predictions, filters the list by them, and shows value, model quality and segments, in English too", async () => {
    // A run fits every model and scores every customer: seconds here, longer on a busy machine.
    const slow = { timeout: 120_000 };
    const quick = { timeout: 5_000 };
    const pct = (v: number, locale: string) => new Intl.NumberFormat(locale, { style: "percent", minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(v);
    const money = (v: number, locale: string) => new Intl.NumberFormat(locale, { style: "currency", currency: "CNY" }).format(v.toFixed(2) as `${number}`);
    const fixed = (v: number, d: number, locale: string) => new Intl.NumberFormat(locale, { minimumFractionDigits: d, maximumFractionDigits: d }).format(v);
    const get = async <T,>(url: string): Promise<T> => {
      const res = await page.request.get(url);
      expect(res.status(), `GET ${url}: ${await res.text()}`).toBe(200);
      return (await res.json()) as T;
    };
    const language = async (lang: "en" | "zh-CN" | "zh-TW", text: string) => {
      await page.getByTestId("lang-switch").click();
      await page.getByTestId(`lang-${lang}`).click();
      await expect.poll(() => page.getByTestId("nav-predictions").textContent(), quick).toContain(text);
      await page.getByTestId(`lang-${lang}`).waitFor({ state: "hidden" });
    };
    type Reason = { feature: string; value: number | null };
    type AtRisk = { runId: number; total: number; items: Array<{ customerId: number; name: string; churnProbability: number; reasons: Reason[] | null }> };
    type Skippable = { skipped: string } | Record<string, unknown>;
    type Run = {
      runId: number; asOf: string; currency: string;
      clv: { total: number; marginBasis: string; marginRate: number; bySegment: Array<{ scheme: string; customers: number }>; skipped: string | null };
      churn: Skippable & { chosen?: string; beatsBgnbd?: boolean; candidates?: Array<{ model: string; auc: number }> };
      value: Skippable;
      btydBacktest: unknown;
      clusters: { k: number; clusters: unknown[]; table: unknown[] } | null;
      churnedVsStayed: Array<{ d: number | null; meanA: number | null; meanB: number | null }>;
    };

    // No run yet: the API says so, the customer's 360 card says so, and the page offers the first run.
    expect((await page.request.get("/api/models/runs/latest")).status()).toBe(404);
    await page.goto(`/customers/${target.id}`);
    await page.getByTestId("customer-predictions-no-run").waitFor();
    await page.getByTestId("nav-predictions").click();
    await page.getByTestId("predictions-empty").waitFor();
    await env.shot(page, "46-predictions-empty");

    // Run with the defaults. The job's answers are held until the progress has been seen: here a run takes seconds.
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route("**/api/models/jobs/*", async (route) => {
      await held;
      await route.continue();
    });
    await page.getByTestId("predictions-run-first").click();
    await page.getByTestId("run-form").waitFor();
    await page.getByTestId("run-submit").click();
    await page.getByTestId("models-progress").waitFor();
    expect(await page.getByTestId("models-progress-step").textContent()).toContain("第 1 步，共 6 步");
    await env.shot(page, "47-predictions-running");
    release();
    await page.getByTestId("models-done").waitFor(slow);
    await page.unroute("**/api/models/jobs/*");
    const runs = (await get<{ items: Array<{ runId: number; asOf: string }> }>("/api/models/runs")).items;
    expect(runs).toHaveLength(1);
    const run = runs[0]!;
    await expect.poll(() => page.getByTestId("predictions-run-text").textContent(), quick).toContain(`#${run.runId}`);
    expect(await page.getByTestId("predictions-run-text").textContent()).toContain(new Intl.DateTimeFormat("zh-CN", { dateStyle: "medium", timeZone: "UTC" }).format(new Date(`${run.asOf}T00:00:00Z`)));

    // At risk, by value at risk: the API's first customer and probability, with the reasons in words.
    const byValue = await get<AtRisk>(`/api/models/at-risk?runId=${run.runId}&order=valueAtRisk&limit=20&offset=0`);
    expect(byValue.items.length).toBeGreaterThan(0);
    const top = byValue.items[0]!;
    const firstRow = page.getByTestId("at-risk-row").first();
    await expect.poll(() => firstRow.getByTestId("at-risk-name").textContent(), quick).toBe(top.name);
    expect(await firstRow.getByTestId("at-risk-probability").textContent()).toBe(pct(top.churnProbability, "zh-CN"));
    expect(await page.getByTestId("at-risk-row").count()).toBe(Math.min(20, byValue.total));
    if (top.reasons?.length) {
      expect(await firstRow.getByTestId("at-risk-reason").count()).toBe(top.reasons.length);
      const words = (await firstRow.getByTestId("at-risk-reasons").textContent())!;
      expect(words).not.toContain("prediction.");
      expect(words).not.toMatch(/[a-z]{3,}/);
    }
    expect(await page.getByTestId("at-risk-definition").textContent()).toContain("风险价值 = 流失概率 × 该客户近 365 天的毛利");
    await env.shot(page, "48-predictions-at-risk");
    // By churn probability: the most likely to leave first.
    const byChurn = await get<AtRisk>(`/api/models/at-risk?runId=${run.runId}&order=churnProbability&limit=20&offset=0`);
    await page.getByTestId("at-risk-order").getByText("按流失概率").click();
    await expect.poll(() => page.getByTestId("at-risk-row").first().getByTestId("at-risk-name").textContent(), quick).toBe(byChurn.items[0]!.name);
    expect(await page.getByTestId("at-risk-row").first().getByTestId("at-risk-probability").textContent()).toBe(pct(byChurn.items[0]!.churnProbability, "zh-CN"));

    // The first customer's 360: the Predictions card with the same churn probability and reasons.
    const chosen = byChurn.items[0]!;
    await page.getByTestId("at-risk-row").first().getByTestId("at-risk-name").click();
    await page.waitForURL(new RegExp(`/customers/${chosen.customerId}$`));
    await expect.poll(() => page.getByTestId("customer-predictions-churn").textContent(), quick).toBe(pct(chosen.churnProbability, "zh-CN"));
    expect(await page.getByTestId("customer-predictions-run").textContent()).toContain(`#${run.runId}`);
    expect(await page.getByTestId("customer-predictions-reason").count()).toBe(chosen.reasons?.length ?? 0);
    await page.getByTestId("customer-predictions").scrollIntoViewIfNeeded();
    await env.shot(page, "49-customer-360-predictions");

    // The customer list, filtered to a churn probability of at least 50%: the API's count.
    const listed = await get<{ total: number }>("/api/customers?minChurn=0.5&limit=1");
    expect(listed.total).toBeGreaterThan(0);
    await page.getByTestId("nav-customers").click();
    await page.getByTestId("customer-row").first().waitFor();
    await page.getByText("筛选", { exact: true }).click();
    await page.getByTestId("customer-filter-min-churn").fill("50");
    await page.getByTestId("customer-filter-apply").click();
    await page.waitForURL(/minChurn=0\.5/);
    await expect.poll(() => page.getByTestId("customer-total").textContent(), quick).toBe(`共 ${listed.total.toLocaleString("zh-CN")} 位客户`);
    await env.shot(page, "50-customers-min-churn");

    // Value, model quality and segments: the report's figures, and what the 300 customers of 12 months allow.
    const r = await get<Run>("/api/models/runs/latest");
    await page.getByTestId("nav-predictions").click();
    await page.locator('[data-node-key="value"]').click();
    await page.getByTestId("value-section").waitFor();
    if (r.clv.skipped) {
      await page.getByTestId("value-clv-skipped").waitFor();
    } else {
      expect(await page.getByTestId("value-clv-total").textContent()).toContain(money(r.clv.total, "zh-CN"));
      // A segment without customers (nobody inactive here) is left out.
      expect(await page.getByTestId("value-clv-segments").locator("tbody tr.ant-table-row").count()).toBe(r.clv.bySegment.filter((s) => s.customers > 0).length);
      await page.getByTestId("value-clv-chart").locator("canvas").waitFor();
    }
    expect(await page.getByTestId("value-margin-basis-text").textContent()).toContain(r.clv.marginBasis === "margin" ? pct(r.clv.marginRate, "zh-CN") : "没有成本记录");
    await env.shot(page, "51-predictions-value");

    await page.locator('[data-node-key="quality"]').click();
    await page.getByTestId("quality-section").waitFor();
    if ("skipped" in r.churn) {
      await page.getByTestId("quality-churn-skipped").waitFor();
    } else {
      const auc = r.churn.candidates!.find((c) => c.model === r.churn.chosen)!.auc;
      expect(await page.getByTestId(`quality-model-${r.churn.chosen!}`).getByTestId("quality-auc").textContent()).toBe(fixed(auc, 3, "zh-CN"));
      expect(await page.getByTestId("quality-churn-verdict").textContent()).toContain(r.churn.beatsBgnbd ? "优于仅用 BG/NBD" : "不如仅用 BG/NBD");
      await page.getByTestId("quality-lift-chart").locator("canvas").waitFor();
      await page.getByTestId("quality-calibration-chart").locator("canvas").waitFor();
    }
    // Twelve months of history: next year's value needs a year and a half, and the page says why it is missing.
    if ("skipped" in r.value) expect(await page.getByTestId("quality-value-skipped-reason").textContent()).toContain("不足一年半");
    else await page.getByTestId("quality-value-table").waitFor();
    await page.getByTestId(r.btydBacktest ? "quality-backtest-chart" : "quality-backtest-none").waitFor();
    await page.getByTestId("quality-frequency-chart").locator("canvas").waitFor();
    await env.shot(page, "52-predictions-quality");

    await page.locator('[data-node-key="segments"]').click();
    await page.getByTestId("segments-section").waitFor();
    if (r.clusters) {
      expect(await page.getByTestId("segments-cluster").count()).toBe(r.clusters.clusters.length);
      expect(await page.getByTestId("segments-silhouette-table").locator("tbody tr.ant-table-row").count()).toBe(r.clusters.table.length);
      expect(await page.getByTestId("segments-cluster-profile").first().textContent()).toMatch(/与平均相比|各项特征都接近平均/);
    } else {
      await page.getByTestId("segments-no-clusters").waitFor();
    }
    const clear = r.churnedVsStayed.filter((c) => c.d !== null && c.meanA !== null && c.meanB !== null && Math.abs(c.d) >= 0.2).length;
    if (r.churnedVsStayed.length) {
      await page.getByTestId("segments-contrast-chart").locator("canvas").waitFor();
      expect(await page.getByTestId("segments-contrast-item").count()).toBe(clear);
    } else {
      await page.getByTestId("segments-contrast-none").waitFor();
    }
    await env.shot(page, "53-predictions-segments");

    // In English and in Traditional Chinese, then back.
    await language("en", "Predictions");
    if (r.clusters) await expect.poll(() => page.getByTestId("segments-cluster-profile").first().textContent(), quick).toMatch(/than the average|Close to the average/);
    await env.shot(page, "54-predictions-segments-en");
    await page.locator('[data-node-key="atRisk"]').click();
    await expect.poll(() => page.getByTestId("at-risk-definition").textContent(), quick).toContain("Value at risk = churn probability × the customer's margin of the last 365 days");
    await expect.poll(() => page.getByTestId("at-risk-row").first().getByTestId("at-risk-probability").textContent(), quick).toBe(pct(top.churnProbability, "en"));
    await env.shot(page, "55-predictions-at-risk-en");
    await language("zh-TW", "預測");
    await expect.poll(() => page.getByTestId("at-risk-definition").textContent(), quick).toContain("風險價值");
    await env.shot(page, "56-predictions-at-risk-zh-TW");
    await language("zh-CN", "预测");
  });

  it("works at a phone's width", async () => {
    const { page: phone, context } = await env.page({ locale: "zh-CN", width: 390, height: 844 });
    await env.signIn(phone);
    await phone.getByTestId("customer-row").first().waitFor();
    await env.shot(phone, "15-phone-customers");
    await phone.goto(`/customers/${target.id}`);
    await phone.getByTestId("customer-360").waitFor();
    await env.shot(phone, "16-phone-customer-360");
    await phone.getByTestId("nav-open").click();
    await phone.getByTestId("nav-imports").waitFor();
    await context.close();
  });

  it("renders a customer named like HTML as text, everywhere", async () => {
    const evil = "<img src=x onerror=alert(1)>";
    const id = await createCustomer(env.store.db, { externalId: "XSS-1", name: evil });
    const { page: p, context } = await env.page({ locale: "en" });
    await env.signIn(p);
    await p.goto(`/customers?q=XSS-1`);
    await p.getByTestId("customer-name").filter({ hasText: evil }).first().waitFor();
    await p.getByTestId("global-search").fill("XSS-1");
    await p.getByTestId("global-search-option").filter({ hasText: evil }).first().waitFor();
    await p.goto(`/customers/${id}`);
    await p.getByTestId("customer-title").filter({ hasText: evil }).waitFor();
    await env.shot(p, "17-xss-as-text");
    expect(await p.locator('img[src="x"]').count()).toBe(0);
    expect(env.problems).toEqual([]);
    await context.close();
  });

  it("saw no dialog and no page error", () => {
    expect(env.problems).toEqual([]);
  });
});

if (missing) {
  describe("the web app in Chromium", () => {
    it.skip(`cannot run here: ${missing}`, () => {});
  });
}
