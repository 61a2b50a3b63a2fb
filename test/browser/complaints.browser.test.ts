import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addUser } from "../../src/accounts/accounts.service.ts";
import { createCustomer } from "../../src/archive/customers.service.ts";
import { SYSTEM_ACTOR } from "../../src/audit/audit.repository.ts";
import { AGENT, browserMissing, overlaysSettled, startBrowserEnv, type BrowserEnv } from "./harness.ts";

const missing = browserMissing();
const MANAGER = { email: "manager@retain.example", password: "browser test password" };

/**
 * Complaints in the browser (DOMAIN §6): an agent opens a complaint for a customer in their
 * book and walks the six recovery steps through the UI; a fix above the agent's 200.00 limit
 * waits for a manager, who approves it from their own session; the agent's stale page is
 * refused with the server's 409 and reloaded; the follow-up closes the case, and the
 * customer's 360 timeline shows the steps. The customer then answers the follow-up survey by
 * its link, without signing in, and a manager reads it in the survey's results. In 简体中文,
 * then in English.
 */
describe.skipIf(missing)("complaints in Chromium", () => {
  let env: BrowserEnv;
  let page: Page;
  let customerId = 0;
  let complaintUrl = "";

  const status = () => page.getByTestId("complaint-page").getByTestId("complaint-status").first().getAttribute("data-status");
  const stepsAt = () => page.getByTestId("complaint-steps").getAttribute("data-current");
  const history = async (p: Page = page) =>
    p.getByTestId("complaint-event").evaluateAll((els) => els.map((e) => e.getAttribute("data-type")));
  /** Opens an action's form, lets `fill` fill it, submits, and waits for the form to close. */
  const act = async (type: string, fill: () => Promise<void> = async () => undefined, p: Page = page) => {
    await p.getByTestId(`complaint-action-${type}`).click();
    await p.getByTestId(`complaint-form-${type}`).waitFor();
    await overlaysSettled(p);
    await fill();
    await p.getByTestId("complaint-action-submit").click();
  };
  const done = async (type: string, expected: string, current: string, p: Page = page) => {
    await p.getByTestId(`complaint-form-${type}`).waitFor({ state: "detached" });
    await expect.poll(() => p.getByTestId("complaint-page").getByTestId("complaint-status").first().getAttribute("data-status")).toBe(expected);
    await expect.poll(() => p.getByTestId("complaint-steps").getAttribute("data-current")).toBe(current);
    expect((await history(p)).at(-1)).toBe(type);
  };
  /** Picks `text` in an antd Select found by its test id, again if a click landed while something moved. */
  const choose = async (testId: string, text: string, p: Page = page) => {
    const select = p.getByTestId(testId);
    const open = p.locator(".ant-select-dropdown:visible");
    await expect.poll(async () => {
      if ((await open.count()) === 0) await select.click();
      await open.locator(".ant-select-item-option", { hasText: text }).first().click({ timeout: 3000 }).catch(() => undefined);
      return (await select.textContent()) ?? "";
    }, { timeout: 12_000 }).toContain(text);
    await expect.poll(() => open.count(), { timeout: 5000 }).toBe(0); // closed: it may cover the next field
  };

  beforeAll(async () => {
    env = await startBrowserEnv();
    await addUser(env.store.db, { email: MANAGER.email, name: "Browser Manager", role: "manager", password: MANAGER.password }, SYSTEM_ACTOR);
    // A customer in the agent's book: agents see and act on their own customers only.
    customerId = await createCustomer(env.store.db, { externalId: "CMP-0001", name: "林小姐", ownerEmail: AGENT.email } as Parameters<typeof createCustomer>[1]);
    ({ page } = await env.page({ locale: "zh-CN", height: 1100 }));
    await env.signIn(page, AGENT);
  });
  afterAll(async () => env?.close());

  it("shows the empty list and opens a complaint through the form", async () => {
    await page.getByTestId("nav-complaints").click();
    // The agent's book has imported complaints, none still open at the demo's end: the list
    // opens on the open ones, and shows the closed ones when asked.
    await page.getByTestId("complaints-empty").waitFor();
    expect(await page.getByTestId("complaints-page").textContent()).toContain("投诉处理");
    await page.getByTestId("complaints-status-closed").click();
    await page.getByTestId("complaints-table").waitFor();
    await env.shot(page, "complaints-01-list-zh-CN");
    await page.goto(`/complaints?customerId=${customerId}`);
    await page.getByTestId("complaints-empty").waitFor();
    await page.getByTestId("complaints-filter-customer").waitFor();

    await page.getByTestId("complaint-new").click();
    await page.getByTestId("complaint-form").waitFor();
    await page.getByTestId("complaint-form-customer").click();
    await page.keyboard.type("CMP-0001");
    await page.getByTestId("complaint-form-customer-option").filter({ hasText: "林小姐" }).first().click();
    await choose("complaint-form-severity", "高");
    await choose("complaint-form-category", "delivery");
    await page.getByTestId("complaint-form-description").fill("快递送来的保温杯是坏的，客服电话打了三次都没人接，我要退款！");
    await page.getByTestId("complaint-form-order").fill("DD-2026-0042");
    await page.getByTestId("complaint-form-product").fill("保温杯 500ml");
    await env.shot(page, "complaints-02-new-zh-CN");
    await page.getByTestId("complaint-form-submit").click();

    await page.waitForURL(/\/complaints\/\d+\/\d+$/);
    complaintUrl = new URL(page.url()).pathname;
    expect(complaintUrl.startsWith(`/complaints/${customerId}/`)).toBe(true);
    await page.getByTestId("complaint-page").waitFor();
    expect(await status()).toBe("new");
    expect(await stepsAt()).toBe("0");
    expect(await history()).toEqual(["opened"]);
    expect(await page.getByTestId("complaint-words").textContent()).toContain("保温杯是坏的");
    expect(await page.getByTestId("complaint-customer-link").getAttribute("href")).toBe(`/customers/${customerId}`);
    expect(await page.getByTestId("complaint-sla-firstResponse").first().getAttribute("data-state")).toMatch(/running|warning|breached/);
    await expect.poll(() => page.getByTestId("complaint-action-apologised").count()).toBe(1);
  });

  it("walks steps 1–3: apology, hearing, and a fix above the agent's limit that waits for approval", async () => {
    await act("apologised", () => page.getByTestId("complaint-field-text").fill("非常抱歉让您收到损坏的商品，还打了三次电话都没人接。"));
    await done("apologised", "acknowledged", "1");

    await act("heard", async () => {
      await page.getByTestId("complaint-field-account").fill("周一收到快递，外箱完好，杯身有裂纹；周二起打客服电话三次无人接听。");
      await page.getByTestId("complaint-field-question-0").fill("您希望我们怎样解决这件事？");
    });
    await done("heard", "heard", "2");

    await act("fix_proposed", async () => {
      await choose("complaint-field-finding", "属实");
      await page.getByTestId("complaint-field-demand-reasonable").click();
      await page.getByTestId("complaint-field-demand-reason").fill("商品确有质量问题，客服也未及时响应。");
      await page.getByTestId("complaint-field-fix").fill("全额退款并补寄一只新杯，另送一张优惠券。");
      await page.getByTestId("complaint-field-compensation").fill("350.00");
    });
    await done("fix_proposed", "awaiting_approval", "2");
    const banner = await page.getByTestId("complaint-awaiting-approval").textContent();
    expect(banner).toContain("经理");
    expect(await page.getByTestId("complaint-action-fix_approved").count()).toBe(0); // not the proposer, not above their limit
    await env.shot(page, "complaints-03-awaiting-approval-zh-CN");
  });

  it("lets a manager approve from their own session; the agent's stale page is refused with 409 and reloaded", async () => {
    const { context, page: manager } = await env.page({ locale: "zh-CN", height: 1100 });
    await env.signIn(manager, MANAGER);
    await manager.goto(complaintUrl);
    await manager.getByTestId("complaint-awaiting-approval").waitFor();
    await act("fix_approved", async () => undefined, manager);
    await done("fix_approved", "fix_agreed", "3", manager);
    await env.shot(manager, "complaints-04-approved-by-manager-zh-CN");
    await context.close();

    // The agent's page still shows the old version: the server refuses it and the page reloads.
    await act("paused", () => page.getByTestId("complaint-field-reason").fill("等客户提供照片"));
    await page.getByTestId("complaint-conflict").waitFor();
    await expect.poll(status).toBe("fix_agreed");
    expect(await page.getByTestId("complaint-conflict").textContent()).toContain("reload");
    expect(await history()).toEqual(["opened", "apologised", "heard", "fix_proposed", "fix_approved"]);
  });

  it("walks steps 4–6: compensation, the promise kept, and a satisfied follow-up that closes the case", async () => {
    await act("compensation_given", async () => {
      await choose("complaint-field-item-kind-0", "退款");
      await page.getByTestId("complaint-field-item-cost-0").fill("300.00");
      await page.getByTestId("complaint-field-item-add").click();
      await choose("complaint-field-item-kind-1", "优惠券");
      await page.getByTestId("complaint-field-item-cost-1").fill("50");
      await page.getByTestId("complaint-field-item-note-1").fill("下次购物可用");
    });
    await done("compensation_given", "compensated", "4");

    await act("promise_made", async () => {
      await page.getByTestId("complaint-field-promise").fill("三天内补寄新杯并电话告知物流单号。");
      const due = new Date(Date.now() + 3 * 86_400_000);
      const text = `${due.getFullYear()}-${String(due.getMonth() + 1).padStart(2, "0")}-${String(due.getDate()).padStart(2, "0")} 18:00`;
      await page.getByTestId("complaint-field-due").click();
      await page.keyboard.type(text);
      await page.getByTestId("complaint-field-promise").click(); // leaves the picker with the typed time
    });
    await done("promise_made", "promised", "4");
    // Typed in the business's time zone (Asia/Shanghai), shown back in it, whatever the browser's zone.
    expect(await page.getByTestId("complaint-event").last().textContent()).toContain("18:00");

    await act("promise_kept");
    await done("promise_kept", "promise_kept", "5");

    await act("followed_up", async () => {
      await page.getByTestId("complaint-field-outcome-satisfied").click();
      await page.getByTestId("complaint-field-note").fill("客户表示满意，感谢处理。");
    });
    await done("followed_up", "closed", "6");
    await page.getByTestId("complaint-closed").waitFor();
    expect(await page.getByTestId("complaint-steps").getAttribute("data-status")).toBe("finish");
    expect(await page.getByTestId("complaint-status").first().textContent()).toContain("已解决");
    expect(await page.getByTestId("complaint-no-actions").textContent()).toContain("已结案");
    expect(await history()).toEqual([
      "opened", "apologised", "heard", "fix_proposed", "fix_approved", "compensation_given", "promise_made", "promise_kept", "followed_up",
    ]);
    const historyText = await page.getByTestId("complaint-history").textContent();
    expect(historyText).toContain("Browser Manager");
    expect(historyText).toContain("Browser Agent");
    const row = await env.store.db.selectFrom("complaints").select("status").where("customer_id", "=", customerId).executeTakeFirstOrThrow();
    expect(row.status).not.toBe("open");
    await env.shot(page, "complaints-05-closed-zh-CN");

    await page.goto(`/complaints?status=closed&customerId=${customerId}`);
    await page.getByTestId("complaints-table").waitFor();
    const rows = page.getByTestId("complaint-row");
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().getAttribute("data-status")).toBe("closed");
    expect(await rows.first().textContent()).toContain("林小姐");
    await env.shot(page, "complaints-06-list-closed-zh-CN");
  });

  it("shows the recovery steps on the customer's 360 timeline", async () => {
    await page.goto(complaintUrl);
    await page.getByTestId("complaint-customer-link").click();
    await page.getByTestId("timeline").waitFor();
    const steps = page.locator('[data-testid="timeline-event"][data-kind="complaint_step"]');
    await expect.poll(() => steps.count()).toBe(8);
    expect(await page.locator('[data-testid="timeline-event"][data-kind="complaint"]').count()).toBe(1);
    await page.getByTestId("timeline").scrollIntoViewIfNeeded();
    await env.shot(page, "complaints-07-timeline-zh-CN");
  });

  it("invites the customer to the follow-up survey, which they answer by link without signing in; the case, the timeline and the results show it", async () => {
    await page.goto(complaintUrl);
    await page.getByTestId("complaint-follow-up-survey").waitFor();
    expect(await page.getByTestId("complaint-follow-up-state").textContent()).toBe("已发送,未回答");
    const link = ((await page.getByTestId("complaint-follow-up-link").textContent()) ?? "").trim();
    expect(link).toMatch(new RegExp(`^${env.baseUrl}/s/${customerId}\\.\\d+\\.[\\w-]{22}$`));

    // the customer: a browser with no session at all
    const { context, page: customer } = await env.page({ locale: "zh-CN" });
    await customer.goto(link);
    await customer.getByTestId("survey-answer-q-handling").waitFor(); // the card shows while the survey loads
    const form = await customer.getByTestId("survey-answer").textContent();
    expect(form).toContain("您对我们处理这次投诉的方式满意吗");
    expect(form).not.toContain("林小姐");
    await customer.getByTestId("survey-answer-submit").click(); // the two required questions are unanswered
    await expect.poll(() => customer.locator(".ant-form-item-explain-error").count()).toBe(2);
    const pick = (key: string, value: string) => customer.getByTestId(`survey-answer-q-${key}`).getByText(value, { exact: true }).click();
    await pick("handling", "5");
    await pick("attitude", "5");
    await pick("speed", "4");
    await pick("overall", "4");
    await pick("recommend", "9");
    await customer.getByTestId("survey-answer-q-words").fill("处理很快，补寄的杯子也收到了。");
    await env.shot(customer, "complaints-08-survey-zh-CN");
    await customer.getByTestId("survey-answer-submit").click();
    await customer.getByTestId("survey-answer-done").waitFor();
    await customer.reload();
    expect(await customer.getByTestId("survey-answer-done").textContent()).toContain("已经回答过");
    await context.close();

    await page.reload();
    await expect.poll(() => page.getByTestId("complaint-follow-up-state").textContent()).toBe("已回答");
    await page.getByTestId("complaint-customer-link").click();
    const survey = page.locator('[data-testid="timeline-event"][data-kind="survey"]');
    await expect.poll(() => survey.count()).toBe(1);
    expect(await survey.textContent()).toContain("已回答");

    // a manager reads the results: the answer counts for the agent who followed up
    const { context: mc, page: manager } = await env.page({ locale: "zh-CN", height: 1100 });
    await env.signIn(manager, MANAGER);
    await manager.getByTestId("nav-surveys").click();
    await manager.getByTestId("surveys-table").waitFor();
    await manager.getByText("Complaint follow-up · 投诉回访").click();
    await manager.getByTestId("survey-kpi-csat").waitFor();
    expect(await manager.getByTestId("survey-kpi-answered").textContent()).toContain("1");
    expect(await manager.getByTestId("survey-kpi-csat").textContent()).toContain("100");
    expect(await manager.getByTestId("survey-kpi-nps").textContent()).toContain("100");
    expect(await manager.getByTestId("survey-results-by-staff").textContent()).toContain("Browser Agent");
    expect(await manager.getByTestId("survey-results-questions").textContent()).toContain("处理很快，补寄的杯子也收到了。");
    await env.shot(manager, "complaints-09-survey-results-zh-CN");
    await mc.close();
  });

  it("speaks English: the case, its steps and the list", async () => {
    await page.goto(complaintUrl);
    await page.getByTestId("complaint-page").waitFor();
    await page.getByTestId("lang-switch").click();
    await page.getByTestId("lang-en").click();
    await expect.poll(() => page.getByTestId("complaint-steps").textContent()).toContain("Apologise");
    await page.getByTestId("lang-en").waitFor({ state: "hidden" });
    const text = await page.getByTestId("complaint-page").textContent();
    expect(text).toContain("Six-step recovery");
    expect(text).toContain("Follow up");
    expect(await page.getByTestId("complaint-status").first().textContent()).toContain("resolved");
    await env.shot(page, "complaints-10-detail-en");
    await page.getByTestId("nav-complaints").click();
    await page.getByTestId("complaints-status-all").click();
    await page.getByTestId("complaints-table").waitFor();
    expect(await page.getByTestId("complaints-page").textContent()).toContain("Service clocks");
    await env.shot(page, "complaints-11-list-en");
    expect(env.problems).toEqual([]);
  });
});
