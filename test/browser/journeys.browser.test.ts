import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addUser } from "../../src/accounts/accounts.service.ts";
import { SYSTEM_ACTOR } from "../../src/audit/audit.repository.ts";
import { lunarDateOf } from "../../src/domain/calendar/lunar.ts";
import { dayNumber, dayText } from "../../src/domain/days.ts";
import { putMessagingSettings } from "../../src/messages/messaging-settings.ts";
import { lunarText } from "../../src/retention/journeys/task-text.ts";
import { todayIn } from "../../src/value/value-report.service.ts";
import { browserMissing, startBrowserEnv, type BrowserEnv } from "./harness.ts";

const missing = browserMissing();
const MANAGER = { email: "journeys-manager@retain.example", password: "browser test password" };
/** Published Spring Festival dates (正月初一). */
const SPRING_FESTIVAL = ["2026-02-17", "2027-02-06", "2028-01-26", "2029-02-13", "2030-02-03"];

/**
 * Post-purchase journeys and care reminders in the browser: a manager changes a category's
 * check-in delay, runs the journeys, and sees the new steps in the upcoming list; the
 * reminders page lists a lunar birthday on its Gregorian date with the lunar date beside it.
 */
describe.skipIf(missing)("journeys and reminders in Chromium", () => {
  let env: BrowserEnv;
  let page: Page;
  let customerId = 0;
  let soonId = 0;
  let orderId = 0;
  let noMailOrder = 0;
  const today = todayIn("Asia/Shanghai");
  const add = (n: number) => dayText(dayNumber(today) + n);
  /** The first day from today + 20 that is neither in a leap lunar month nor a lunar 30th (which some years lack). */
  const soonDay = () => {
    for (let n = 20; ; n++) {
      const l = lunarDateOf(dayNumber(add(n)));
      if (!l.leap && l.day < 30) return add(n);
    }
  };

  beforeAll(async () => {
    env = await startBrowserEnv();
    await addUser(env.store.db, { email: MANAGER.email, name: "Journey Manager", role: "manager", password: MANAGER.password }, SYSTEM_ACTOR);
    const db = env.store.db;
    // the welcome names the service number: without one it would be held for a call instead
    await putMessagingSettings(db, { requireOptIn: false, serviceNumber: "400-800-1234", publicUrl: "" });
    customerId = Number((await db.insertInto("customers").values({ name: "茶客陈先生", external_id: "JB-1", email: "chen@example.com" } as never).returning("customer_id").executeTakeFirstOrThrow()).customer_id);
    orderId = Number((await db.insertInto("orders").values({ customer_id: customerId, order_no: "JB-ORDER-1", ordered_at: `${today}T10:00:00+08:00`, order_date: today, currency: "CNY", fx_rate: "1" } as never)
      .returning("order_id").executeTakeFirstOrThrow()).order_id);
    await db.insertInto("order_lines").values({ customer_id: customerId, order_id: orderId, line_no: 1, order_date: today, category: "茶叶", description: "龙井", quantity: "1", amount: "300", base_amount: "300", base_discount: "0" } as never).execute();
    await db.insertInto("customer_key_dates").values({ customer_id: customerId, kind: "birthday", calendar: "lunar", year: 1970, month: 1, day: 1 } as never).execute();
    // A buyer with no e-mail address: their welcome e-mail would be skipped, and the dry run says so.
    const noMail = Number((await db.insertInto("customers").values({ name: "无邮箱的王先生", external_id: "JB-3" } as never).returning("customer_id").executeTakeFirstOrThrow()).customer_id);
    noMailOrder = Number((await db.insertInto("orders").values({ customer_id: noMail, order_no: "JB-ORDER-3", ordered_at: `${today}T11:00:00+08:00`, order_date: today, currency: "CNY", fx_rate: "1" } as never)
      .returning("order_id").executeTakeFirstOrThrow()).order_id);
    await db.insertInto("order_lines").values({ customer_id: noMail, order_id: noMailOrder, line_no: 1, order_date: today, category: "茶叶", description: "普洱", quantity: "1", amount: "200", base_amount: "200", base_discount: "0" } as never).execute();
    // A second customer whose lunar birthday (not in a leap month) falls within the next weeks, whatever today is.
    soonId = Number((await db.insertInto("customers").values({ name: "林女士", external_id: "JB-2" } as never).returning("customer_id").executeTakeFirstOrThrow()).customer_id);
    const soon = soonDay();
    const l = lunarDateOf(dayNumber(soon));
    await db.insertInto("customer_key_dates").values({ customer_id: soonId, kind: "birthday", calendar: "lunar", year: 1985, month: l.month, day: l.day } as never).execute();
    ({ page } = await env.page({ locale: "zh-CN", height: 1400 }));
    await env.signIn(page, MANAGER);
  });
  afterAll(async () => env?.close());

  it("edits a category's check-in delay, runs the journeys, and lists the new steps", async () => {
    await page.goto("/journeys");
    await page.locator('[data-testid=journeys-category-row][data-category="茶叶"]').waitFor();
    const input = page.getByTestId("journeys-checkInAfterDays-茶叶");
    await input.fill("12");
    await page.getByTestId("journeys-save").click();
    const checkIn = page.locator(`[data-testid=journeys-upcoming-row][data-key="journey:${orderId}:茶叶:checkIn"]`);
    await expect.poll(() => checkIn.getAttribute("data-due")).toBe(add(12));
    expect(await checkIn.getAttribute("data-state")).toBe("planned");
    const noMailWelcome = page.locator(`[data-testid=journeys-upcoming-row][data-key="journey:${noMailOrder}:all:welcome"]`);
    expect(await noMailWelcome.getAttribute("data-state")).toBe("skipped");
    expect(await noMailWelcome.getByTestId("journeys-upcoming-skipped").textContent()).toBe("将跳过 · 无有效邮箱地址");
    await page.getByTestId("journeys-run").click();
    await page.getByTestId("journeys-run-result").waitFor();
    expect(Number(await page.getByTestId("journeys-run-created").textContent())).toBeGreaterThan(0);
    const welcome = page.locator(`[data-testid=journeys-upcoming-row][data-key="journey:${orderId}:all:welcome"]`);
    // the welcome goes by e-mail (the default), queued for tomorrow morning
    await expect.poll(() => welcome.getAttribute("data-state")).toBe("email");
    expect(await welcome.getAttribute("data-due")).toBe(add(1));
    await env.shot(page, "journeys-01-zh-CN");
  });

  it("lists a lunar birthday (正月初一) on the published Gregorian date", async () => {
    const next = SPRING_FESTIVAL.find((d) => d >= add(3) && d <= add(90));
    await page.goto("/reminders");
    await page.getByTestId("reminders-page").waitFor();
    await page.getByTestId("reminders-days").getByText("90").click();
    const soon = page.locator(`[data-testid=reminders-row][data-customer="${soonId}"]`);
    await soon.first().waitFor();
    const l = lunarDateOf(dayNumber(soonDay()));
    expect(await soon.first().getByTestId("reminders-date").textContent()).toBe(soonDay());
    expect(await soon.first().getByTestId("reminders-lunar").textContent()).toBe(lunarText("zh-CN", { month: l.month, day: l.day, leap: false }));
    expect(await soon.first().getByTestId("reminders-occasion").textContent()).toBe("农历生日");
    // 正月初一 against the published Spring Festival dates, when one is within the 90 days shown
    const row = page.locator(`[data-testid=reminders-row][data-customer="${customerId}"]`);
    if (next) {
      await row.first().waitFor();
      expect(await row.first().getByTestId("reminders-date").textContent()).toBe(next);
      expect(await row.first().getByTestId("reminders-lunar").textContent()).toBe("正月初一");
    } else {
      expect(await row.count()).toBe(0);
    }
    await env.shot(page, "reminders-01-zh-CN");
    expect(env.problems).toEqual([]);
  });
});
