import { sql } from "kysely";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCustomer } from "../../src/archive/customers.service.ts";
import { AGENT, browserMissing, startBrowserEnv, type BrowserEnv } from "./harness.ts";

const missing = browserMissing();

/**
 * The public complaint form in the browser (DOMAIN §6: make complaining easy): a visitor
 * with no session opens /feedback, files a complaint with an order number and the order's
 * e-mail, and gets a reference; a wrong contact is told the order was not found; the agent
 * then finds the complaint on the web-form channel, makes the customer's personal link on
 * the customer page, and that link files a complaint with no order number at all.
 */
describe.skipIf(missing)("the public complaint form in Chromium", () => {
  let env: BrowserEnv;
  let customerId = 0;
  let reference = "";
  let complaintLink = "";
  const WORDS = "保温杯收到时杯盖是裂的，倒水就漏。";

  /** A visitor's page, recording every API call it makes. */
  const visitorPage = async (locale = "zh-CN") => {
    const { page } = await env.page({ locale, height: 1100 });
    const calls: string[] = [];
    page.on("request", (r) => {
      const url = new URL(r.url());
      if (url.pathname.startsWith("/api/")) calls.push(`${r.method()} ${url.pathname}`);
    });
    return { page, calls };
  };
  /** Picks `text` in the antd Select with this test id. */
  const choose = async (p: Page, testId: string, text: string) => {
    const open = p.locator(".ant-select-dropdown:visible");
    await expect.poll(async () => {
      if ((await open.count()) === 0) await p.getByTestId(testId).click();
      await open.locator(".ant-select-item-option", { hasText: text }).first().click({ timeout: 3000 }).catch(() => undefined);
      return (await p.getByTestId(testId).textContent()) ?? "";
    }, { timeout: 12_000 }).toContain(text);
    await expect.poll(() => open.count(), { timeout: 5000 }).toBe(0);
  };

  beforeAll(async () => {
    env = await startBrowserEnv();
    customerId = await createCustomer(env.store.db, {
      externalId: "FB-0001", name: "周女士", email: "zhou.li@example.com", phone: "13900139000", ownerEmail: AGENT.email,
    } as Parameters<typeof createCustomer>[1]);
    await sql`insert into orders (customer_id, order_no, ordered_at, order_date, currency, fx_rate)
      values (${customerId}, 'WEB-20260601-7', '2026-06-01T10:00:00+08:00', '2026-06-01', 'CNY', 1)`.execute(env.store.db);
  });
  afterAll(async () => env?.close());

  it("lets a visitor without a session file a complaint by order number and e-mail, and shows the reference", async () => {
    const { page, calls } = await visitorPage();
    await page.goto("/feedback");
    await page.getByTestId("feedback-form").waitFor();
    expect(await page.getByTestId("feedback-page").textContent()).toContain("告诉我们哪里出了问题");
    expect(await page.getByTestId("nav-customers").count()).toBe(0); // no shell
    expect(page.url()).not.toContain("/login");

    // what the form checks before sending: required fields, and a contact that is neither phone nor e-mail
    await page.getByTestId("feedback-submit").click();
    await expect.poll(() => page.locator(".ant-form-item-explain-error").count()).toBeGreaterThanOrEqual(4);
    await page.getByTestId("feedback-contact").fill("明天再说");
    await page.getByTestId("feedback-order").click();
    await expect.poll(() => page.locator(".ant-form-item-explain-error", { hasText: "请输入手机号或邮箱地址" }).count()).toBe(1);
    expect(calls.filter((c) => c.startsWith("POST"))).toEqual([]);

    // the honeypot is out of sight, out of the tab order and hidden from screen readers
    const honeypot = page.getByTestId("feedback-website");
    expect(await honeypot.getAttribute("tabindex")).toBe("-1");
    expect(await honeypot.evaluate((el) => el.closest("[aria-hidden='true']") !== null)).toBe(true);
    expect(await honeypot.evaluate((el) => el.getBoundingClientRect().right <= 0)).toBe(true);

    await page.getByTestId("feedback-order").fill("WEB-20260601-7");
    await page.getByTestId("feedback-contact").fill("Zhou.Li@Example.com");
    await choose(page, "feedback-category", "产品质量");
    await page.getByTestId("feedback-words").fill(WORDS);
    await page.getByTestId("feedback-preferred-phone").click();
    await env.shot(page, "public-feedback-01-form-zh-CN");
    await page.getByTestId("feedback-submit").click();

    await page.getByTestId("feedback-done").waitFor();
    reference = (await page.getByTestId("feedback-reference").getAttribute("data-reference")) ?? "";
    expect(reference).toMatch(/^\d+$/);
    expect(await page.getByTestId("feedback-reference").textContent()).toContain(`#${reference}`);
    expect(await page.getByTestId("feedback-page").textContent()).not.toContain("周女士");
    await env.shot(page, "public-feedback-02-done-zh-CN");
    // only the public routes were called: nothing that needs a session
    expect(calls.length).toBeGreaterThan(0);
    for (const c of calls) expect(c).toMatch(/^(GET|POST) \/api\/public\//);
  });

  it("tells a visitor with a wrong contact that the order was not found, in the language they pick", async () => {
    const { page } = await visitorPage();
    await page.goto("/feedback");
    await page.getByTestId("feedback-form").waitFor();
    await page.getByTestId("lang-switch").click();
    await page.getByTestId("lang-en").click();
    await expect.poll(() => page.getByTestId("feedback-page").textContent()).toContain("Tell us what went wrong");
    await page.getByTestId("feedback-order").fill("WEB-20260601-7");
    await page.getByTestId("feedback-contact").fill("13800000000");
    await choose(page, "feedback-category", "Delivery");
    await page.getByTestId("feedback-words").fill("Where is my parcel?");
    await page.getByTestId("feedback-submit").click();
    const error = page.getByTestId("feedback-error");
    await error.waitFor();
    expect(await error.getAttribute("data-kind")).toBe("not-matched");
    expect(await error.textContent()).toContain("We could not find that order with this phone number or e-mail address");
    expect(await page.getByTestId("feedback-done").count()).toBe(0);
    await env.shot(page, "public-feedback-03-not-matched-en");
  });

  it("shows the agent the complaint on the web-form channel in the customer's words", async () => {
    const { page } = await env.page({ locale: "zh-CN", height: 1100 });
    await env.signIn(page, AGENT);
    await page.goto(`/complaints?customerId=${customerId}`);
    const row = page.getByTestId("complaint-row");
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.first().textContent()).toContain("网页表单");
    expect(await row.getByTestId("complaint-status").textContent()).toBe("网页表单 · 待受理");
    expect(await row.getByTestId("complaint-row-category").getAttribute("data-key")).toBe("product quality");
    await row.getByTestId("complaint-open").click();
    await page.waitForURL(`**/complaints/${customerId}/${reference}`);
    await page.getByTestId("complaint-page").waitFor();
    expect(await page.getByTestId("complaint-words").textContent()).toContain(WORDS);
    await env.shot(page, "public-feedback-04-staff-zh-CN");

    // the customer's personal link, from the customer page
    await page.goto(`/customers/${customerId}`);
    await page.getByTestId("customer-complaint-link").click();
    const url = page.getByTestId("complaint-link-url");
    await url.waitFor();
    complaintLink = ((await url.textContent()) ?? "").trim();
    expect(complaintLink).toMatch(/\/feedback\?t=\d+\.\d+\.[\w-]{22}$/);
    expect(await page.getByTestId("complaint-link-expires").textContent()).toMatch(/\d/);
    await env.shot(page, "public-feedback-05-link-zh-CN");
  });

  it("files from the personal link without an order number or contact", async () => {
    const { page, calls } = await visitorPage("zh-TW");
    await page.goto(complaintLink);
    await page.getByTestId("feedback-link-valid").waitFor();
    expect(await page.getByTestId("feedback-order").count()).toBe(0);
    expect(await page.getByTestId("feedback-contact").count()).toBe(0);
    expect(await page.getByTestId("feedback-page").textContent()).not.toContain("周女士");
    await choose(page, "feedback-category", "服務態度");
    await page.getByTestId("feedback-words").fill("客服電話一直沒人接。");
    await page.getByTestId("feedback-submit").click();
    await page.getByTestId("feedback-done").waitFor();
    const second = await page.getByTestId("feedback-reference").getAttribute("data-reference");
    expect(second).not.toBe(reference);
    await env.shot(page, "public-feedback-06-link-done-zh-TW");
    for (const c of calls) expect(c).toMatch(/^(GET|POST) \/api\/public\//);

    const filed = await env.store.db.selectFrom("complaints").select(["customer_id", "channel", "category", "description"])
      .where("complaint_id", "=", Number(second)).executeTakeFirstOrThrow();
    expect(filed).toMatchObject({ customer_id: customerId, channel: "web_form", category: "service attitude", description: "客服電話一直沒人接。" });

    // a link that was tampered with falls back to the order number
    const tampered = new URL(complaintLink);
    const [id, exp, sig] = (tampered.searchParams.get("t") ?? "").split(".");
    tampered.searchParams.set("t", `${id}.${Number(exp) + 1}.${sig}`);
    await page.goto(tampered.toString());
    await page.getByTestId("feedback-link-invalid").waitFor();
    await page.getByTestId("feedback-order").waitFor();
  });

  it("saw no dialogs or page errors", () => {
    expect(env.problems).toEqual([]);
  });
});
