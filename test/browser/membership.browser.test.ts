import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compareMembers, membersSummary } from "../../src/membership/members-report.service.ts";
import { customerMembership, getProgramme } from "../../src/membership/membership.service.ts";
import { browserMissing, startBrowserEnv, type BrowserEnv } from "./harness.ts";

const missing = browserMissing();

/**
 * Membership in the browser (docs/membership.md): the page before and after the programme
 * is applied, the members-against-non-members comparison beside the seeds' caution, the
 * programme's settings, and a customer's membership card with a redemption (refused when
 * it would overdraw) that reaches the timeline; in 简体中文 and in English.
 */
describe.skipIf(missing)("membership in Chromium", () => {
  let env: BrowserEnv;
  let page: Page;

  beforeAll(async () => {
    env = await startBrowserEnv();
    ({ page } = await env.page({ locale: "zh-CN", height: 1000 }));
    await env.signIn(page);
  });
  afterAll(async () => env?.close());

  it("shows the empty state, applies the programme, and shows members by level and the comparison with the caution", async () => {
    await page.goto("/membership");
    await page.getByTestId("membership-levels-empty").waitFor();
    await page.getByTestId("membership-programme-default").waitFor();
    await env.shot(page, "membership-01-empty-zh-CN");

    await page.getByTestId("membership-apply").click();
    await page.getByTestId("membership-levels-table").waitFor();
    const summary = await membersSummary(env.store.db);
    expect(summary.levels.reduce((s, l) => s + l.members, 0)).toBeGreaterThan(0);
    const rows = page.getByTestId("membership-levels-table").locator("tbody tr.ant-table-row");
    await expect.poll(() => rows.count()).toBe(summary.levels.length);
    for (const [i, l] of summary.levels.entries()) {
      const text = await rows.nth(i).textContent();
      expect(text).toContain(l.name!);
      expect(text).toContain(l.members.toLocaleString("zh-CN"));
    }

    const comparison = await compareMembers(env.store.db);
    expect(comparison.groups.length).toBeGreaterThan(0);
    const groups = page.getByTestId("membership-comparison").locator("tbody tr.ant-table-row");
    await expect.poll(() => groups.count()).toBe(comparison.groups.length);
    const first = comparison.groups[0]!;
    const firstText = await groups.first().textContent();
    expect(firstText).toContain(first.name ?? "非会员");
    expect(firstText).toContain(first.customers.toLocaleString("zh-CN"));
    expect(await page.getByTestId("membership-caution").textContent()).toContain("竞争对手马上就能模仿");
    expect(await page.getByTestId("membership-programme-level").count()).toBe(4);
    await env.shot(page, "membership-02-page-zh-CN");
  });

  it("saves the programme's settings: a level renamed, a wrong threshold refused", async () => {
    const name = page.getByTestId("membership-programme-level").first().locator("input").nth(1);
    await name.fill("普卡会员");
    const threshold = page.getByTestId("membership-programme-level").nth(1).locator("input").nth(2);
    await threshold.fill("-5");
    await page.getByTestId("membership-programme-save").click();
    await page.locator(".ant-form-item-explain-error").first().waitFor(); // checked before it is sent
    await threshold.fill("2000");
    await page.getByTestId("membership-programme-save").click();
    await expect.poll(async () => (await getProgramme(env.store.db)).programme.levels[0]!.name).toBe("普卡会员");
    expect((await getProgramme(env.store.db)).isDefault).toBe(false);
    await page.getByTestId("membership-programme-default").waitFor({ state: "detached" });
  });

  it("shows a member's card on the 360, redeems points (refusing an overdraft) and puts it on the timeline", async () => {
    const row = await env.store.db.selectFrom("customer_aggregates").select("customer_id").where("orders", ">", 2).orderBy("customer_id").limit(1).executeTakeFirstOrThrow();
    const id = row.customer_id;
    const before = await customerMembership(env.store.db, id);
    expect(before.standing!.balance).toBeGreaterThan(1);
    await page.goto(`/customers/${id}`);
    await page.getByTestId("membership-card").waitFor();
    await expect.poll(() => page.getByTestId("membership-level").textContent()).toContain(before.levelName!);
    expect(await page.getByTestId("membership-balance").textContent()).toContain(before.standing!.balance.toLocaleString("zh-CN"));
    expect(await page.getByTestId("membership-ledger").locator("tbody tr.ant-table-row").count()).toBeGreaterThan(0);

    await page.getByTestId("membership-redeem").click();
    await page.getByTestId("membership-points").fill(String(before.standing!.balance + 1));
    await page.getByTestId("membership-reason").fill("礼品兑换");
    await page.getByTestId("membership-points-ok").click();
    await page.getByTestId("form-error").waitFor();
    await page.getByTestId("membership-points").fill("1");
    await page.getByTestId("membership-points-ok").click();
    await page.getByTestId("membership-points").waitFor({ state: "detached" });
    await expect.poll(async () => (await customerMembership(env.store.db, id)).standing!.balance).toBe(before.standing!.balance - 1);
    await expect.poll(() => page.getByTestId("membership-balance").textContent()).toContain((before.standing!.balance - 1).toLocaleString("zh-CN"));
    await page.locator('[data-testid="timeline-event"][data-kind="points"]').first().waitFor();
    expect(await page.locator('[data-testid="timeline-event"][data-kind="points"]').first().textContent()).toContain("兑换");
    await page.getByTestId("membership-card").scrollIntoViewIfNeeded();
    await env.shot(page, "membership-03-card-zh-CN");
  });

  it("speaks English: the page, the caution and the card", async () => {
    await page.getByTestId("lang-switch").click();
    await page.getByTestId("lang-en").click();
    await expect.poll(() => page.getByTestId("membership-card").textContent()).toContain("Points balance");
    await page.getByTestId("lang-en").waitFor({ state: "hidden" });
    await env.shot(page, "membership-04-card-en");
    await page.getByTestId("nav-membership").click();
    await page.getByTestId("membership-comparison").waitFor();
    expect(await page.getByTestId("membership-caution").textContent()).toContain("competitors can copy at once");
    expect(await page.getByTestId("membership-levels-card").textContent()).toContain("Members by level");
    await env.shot(page, "membership-05-page-en");
    expect(env.problems).toEqual([]);
  });
});
