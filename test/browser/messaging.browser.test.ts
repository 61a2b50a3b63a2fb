import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getMessagingSettings } from "../../src/messages/messaging-settings.ts";
import { EMAIL_QUEUE } from "../../src/messages/outbox.ts";
import { browserMissing, startBrowserEnv, type BrowserEnv } from "./harness.ts";

const missing = browserMissing();

/**
 * The messaging settings page (admins): the opt-in rule, the service number and the public
 * address are saved, a bad address is refused under its field; the delivery problems (a send
 * of unknown outcome, a send refused for good) are listed, and the empty state says there are
 * none.
 */
describe.skipIf(missing)("messaging settings and delivery problems in Chromium", () => {
  let env: BrowserEnv;
  let page: Page;
  let customerId = 0;

  beforeAll(async () => {
    env = await startBrowserEnv();
    const db = env.store.db;
    customerId = Number((await db.insertInto("customers").values({ name: "邮件客人李女士", external_id: "MS-1", email: "li@example.com" } as never).returning("customer_id").executeTakeFirstOrThrow()).customer_id);
    const ago = (min: number) => new Date(Date.now() - min * 60_000).toISOString();
    await db.insertInto("message_sends").values([
      { customer_id: customerId, send_key: "campaign-7", channel: "email", to_address: "li@example.com", subject: "秋季新品", status: "sending", created_at: ago(90) },
      { customer_id: customerId, send_key: "journey-3-all-welcome", channel: "email", to_address: "li@example.com", subject: "欢迎", status: "failed", error: "550 mailbox unavailable", created_at: ago(30) },
    ] as never).execute();
    await db.insertInto("jobs").values({ queue: EMAIL_QUEUE, key: `journey-3-all-welcome:${customerId}`, payload: JSON.stringify({ customerId }), state: "failed" } as never).execute();
    ({ page } = await env.page({ locale: "zh-CN", height: 1200 }));
    await env.signIn(page);
  });
  afterAll(async () => env?.close());

  it("lists the sends to look at, newest first, and saves the settings, refusing a bad address under its field", async () => {
    await page.goto("/admin/messaging");
    await page.getByTestId("messaging-problems-table").waitFor();
    const rows = page.getByTestId("messaging-problem");
    expect(await rows.evaluateAll((els) => els.map((e) => [e.getAttribute("data-key"), e.getAttribute("data-status")]))).toEqual([
      ["journey-3-all-welcome", "failed"],
      ["campaign-7", "unknown"],
    ]);
    expect(await rows.first().textContent()).toContain("被拒收");
    expect(await rows.first().textContent()).toContain("550 mailbox unavailable");
    expect(await rows.nth(1).textContent()).toContain("未知");
    expect(await rows.nth(1).textContent()).toContain("邮件客人李女士");

    await page.getByTestId("messaging-service-number").fill("400-820-8820");
    await page.getByTestId("messaging-public-url").fill("ftp://crm.example.cn");
    await page.getByTestId("messaging-settings-save").click();
    await page.locator(".ant-form-item-has-error").getByTestId("messaging-public-url").waitFor();
    expect((await getMessagingSettings(env.store.db)).publicUrl).toBe("");

    await page.getByTestId("messaging-public-url").fill("https://crm.example.cn");
    await page.getByTestId("messaging-require-opt-in").click();
    await page.getByTestId("messaging-settings-save").click();
    await page.getByTestId("messaging-settings-saved").waitFor();
    expect(await getMessagingSettings(env.store.db)).toMatchObject({ requireOptIn: true, serviceNumber: "400-820-8820", publicUrl: "https://crm.example.cn" });
    await env.shot(page, "messaging-01-zh-CN");
  });

  it("says in English when there is nothing to look at", async () => {
    await env.store.db.deleteFrom("message_sends").execute();
    const { page: en } = await env.page({ locale: "en" });
    await env.signIn(en);
    await en.goto("/admin/messaging");
    await en.getByTestId("messaging-problems-empty").waitFor();
    expect(await en.getByTestId("messaging-problems").textContent()).toContain("No delivery problems.");
    expect(await en.getByTestId("messaging-public-url").inputValue()).toBe("https://crm.example.cn");
    await env.shot(en, "messaging-02-en");
    expect(env.problems).toEqual([]);
  });
});
