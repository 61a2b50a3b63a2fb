import { sql } from "kysely";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addUser } from "../../src/accounts/accounts.service.ts";
import { SYSTEM_ACTOR } from "../../src/audit/audit.repository.ts";
import { applyMembership } from "../../src/membership/membership.service.ts";
import { browserMissing, startBrowserEnv, type BrowserEnv } from "./harness.ts";

const missing = browserMissing();
const MANAGER = { email: "manager@retain.example", password: "browser test password" };

/**
 * Prospects and the community plan in the browser (DOMAIN §5, §8). A manager adds a
 * prospect, ticks buying signals and sees readiness follow, reads the persuasion guidance
 * for the customer's type, converts the prospect, and finds the conversion in the
 * customer's timeline; then records a member's suggestion and rewards it with points once.
 */
describe.skipIf(missing)("prospects and the community plan in Chromium", () => {
  let env: BrowserEnv;
  let zh: Page;
  let en: Page;
  let member: { id: number; externalId: string; name: string };

  /** Picks `text` in an antd Select found by its test id. */
  const choose = async (p: Page, testId: string, text: string) => {
    const select = p.getByTestId(testId);
    const open = p.locator(".ant-select-dropdown:visible");
    await expect.poll(async () => {
      if ((await open.count()) === 0) await select.click();
      await open.locator(".ant-select-item-option", { hasText: text }).first().click({ timeout: 3000 }).catch(() => undefined);
      return (await select.textContent()) ?? "";
    }, { timeout: 12_000 }).toContain(text);
    await expect.poll(() => open.count(), { timeout: 5000 }).toBe(0);
  };
  const row = (p: Page, name: string) => p.getByTestId("prospect-row").filter({ hasText: name });

  beforeAll(async () => {
    env = await startBrowserEnv();
    await addUser(env.store.db, { email: MANAGER.email, name: "Browser Manager", role: "manager", password: MANAGER.password }, SYSTEM_ACTOR);
    await applyMembership(env.store.db, { asOf: "2026-06-30" });
    const m = await sql<{ id: number; external_id: string; name: string }>`select c.customer_id::float8 as id, c.external_id, c.name
      from membership_members mm join customers c on c.customer_id = mm.customer_id
      where mm.level is not null and c.name is not null and c.external_id is not null order by c.customer_id limit 1`.execute(env.store.db);
    member = { id: m.rows[0]!.id, externalId: m.rows[0]!.external_id, name: m.rows[0]!.name };
    ({ page: zh } = await env.page({ locale: "zh-CN", height: 1200 }));
    await env.signIn(zh, MANAGER);
    ({ page: en } = await env.page({ locale: "en", height: 1200 }));
    await env.signIn(en, MANAGER);
  });
  afterAll(async () => env?.close());

  it("adds a prospect, ticks buying signals, shows readiness and the persuasion guidance, and converts it keeping its history", async () => {
    await zh.getByTestId("nav-prospects").click();
    await zh.getByTestId("prospects-page").waitFor();
    expect(await zh.getByTestId("prospects-page").textContent()).toContain("潜在客户");

    await zh.getByTestId("prospect-new").click();
    await zh.getByTestId("prospect-create-name").fill("周女士");
    await zh.getByTestId("prospect-create-phone").fill("13912345678");
    await choose(zh, "prospect-create-source", "俱乐部");
    await zh.getByTestId("prospect-create-submit").click();

    const drawer = zh.getByTestId("prospect-drawer");
    await drawer.getByTestId("prospect-form").waitFor();
    expect(await drawer.getByTestId("prospect-lookalike").textContent()).toBe("未评分");
    for (const s of ["compares_terms", "asks_for_details", "warmer_reception"]) await drawer.getByTestId(`prospect-signal-${s}`).click();
    await expect.poll(() => drawer.getByTestId("prospect-readiness").getAttribute("data-value")).toBe("0.5");
    expect(await drawer.getByTestId("prospect-readiness").textContent()).toContain("3/6");
    await choose(zh, "prospect-type", "优柔寡断型");
    expect(await drawer.getByTestId("prospect-guidance").textContent()).toContain("把选择缩小到两个");
    await drawer.getByTestId("prospect-note").fill("周五带两款样品上门");
    await drawer.getByTestId("prospect-move-target").click();
    await drawer.getByTestId("prospect-save").click();
    await drawer.getByTestId("prospect-saved").waitFor();
    await env.shot(zh, "prospects-01-drawer-zh-CN");

    // The list shows the signals as tags and the readiness bar.
    await expect.poll(() => row(zh, "周女士").getByTestId("prospect-signal").count()).toBe(3);
    expect(await row(zh, "周女士").getByTestId("prospect-readiness").getAttribute("data-value")).toBe("0.5");
    expect(await row(zh, "周女士").getByTestId("prospect-state").textContent()).toBe("目标客户");

    await drawer.getByTestId("prospect-convert").click();
    await zh.getByTestId("prospect-convert-reason").fill("签订年度合同");
    await zh.getByTestId("prospect-convert-ok").click();
    await drawer.getByTestId("prospect-converted").waitFor();
    await expect.poll(() => row(zh, "周女士").count()).toBe(0);

    await drawer.getByTestId("prospect-converted-open").click();
    await zh.getByTestId("customer-360").waitFor();
    expect(await zh.getByTestId("customer-title").textContent()).toContain("周女士");
    const changes = zh.getByTestId("timeline-event").and(zh.locator("[data-kind=state_change]"));
    await expect.poll(() => changes.count()).toBe(3);
    expect(await changes.first().textContent()).toContain("签订年度合同");
    await env.shot(zh, "prospects-02-converted-zh-CN");
  });

  it("records a member's suggestion and rewards it with points once, in English", async () => {
    await en.getByTestId("nav-community").click();
    await en.getByTestId("community-page").waitFor();
    await en.getByTestId("community-empty").waitFor();
    expect(await en.getByTestId("community-page").textContent()).toContain("Community plan");

    await en.getByTestId("suggestion-new").click();
    await en.getByTestId("complaint-form-customer").click();
    await en.keyboard.type(member.externalId);
    await en.getByTestId("complaint-form-customer-option").filter({ hasText: member.externalId }).first().click();
    await choose(en, "suggestion-channel", "WeChat");
    await en.getByTestId("suggestion-text-input").fill("Open an hour later on Saturdays");
    await en.getByTestId("suggestion-submit").click();
    const s = en.getByTestId("suggestion-row").filter({ hasText: "Open an hour later" });
    await expect.poll(() => s.getAttribute("data-status")).toBe("new");
    expect(await en.getByTestId("community-count-new").textContent()).toBe("1");

    await s.getByTestId("suggestion-decide").click();
    // The modal is still opening: click again until the choice holds.
    const implemented = en.locator("input[type=radio][value=implemented]");
    await expect.poll(async () => {
      if (!(await implemented.isChecked())) await en.getByTestId("decision-implemented").click();
      return implemented.isChecked();
    }).toBe(true);
    await en.getByTestId("decision-points").fill("120");
    await en.getByTestId("decision-note").fill("Thank-you call");
    await en.getByTestId("decision-submit").click();
    await expect.poll(() => s.getAttribute("data-status")).toBe("implemented");
    expect(await s.getByTestId("suggestion-reward").textContent()).toContain("120 points");
    await env.shot(en, "community-01-rewarded-en");

    // A second reward is not offered.
    await s.getByTestId("suggestion-decide").click();
    await en.getByTestId("decision-rewarded").waitFor();
    expect(await en.getByTestId("decision-points").count()).toBe(0);
    await en.keyboard.press("Escape");

    const entries = await sql<{ points: number; reason: string }>`select points::int as points, reason from membership_ledger
      where customer_id = ${member.id} and kind = 'adjust'`.execute(env.store.db);
    expect(entries.rows).toEqual([{ points: 120, reason: expect.stringMatching(/^Community plan: reward for suggestion #\d+$/) }]);
  });
});
