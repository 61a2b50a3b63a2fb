import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildValueReport, snapshotSegments, type ValueReportOptions } from "../../src/value/value-report.service.ts";
import { browserMissing, startBrowserEnv, type BrowserEnv } from "./harness.ts";

const missing = browserMissing();

/**
 * The 8-segment RFM on the value page (docs/value.md, "The 8-segment RFM"), against the
 * built app and the small demo business: the same counts as the report for the mean, the
 * median and custom cut-offs, in 简体中文 and English. Screenshots go to test-results/screenshots.
 */
describe.skipIf(missing)("the 8-segment RFM in Chromium", () => {
  let env: BrowserEnv;
  let page: Page;
  const base: ValueReportOptions = { window: "12m", by: "sales" };

  beforeAll(async () => {
    env = await startBrowserEnv();
    ({ page } = await env.page({ locale: "zh-CN" }));
    await env.signIn(page);
  });
  afterAll(async () => env?.close());

  /** The customers column of each segment's row, as the page shows it. */
  const shownCounts = async () => {
    const rows = page.getByTestId("rfm8-table").locator("tbody tr[data-segment]");
    const out: Record<string, string> = {};
    for (let i = 0; i < (await rows.count()); i++) {
      const row = rows.nth(i);
      out[(await row.getAttribute("data-segment"))!] = (await row.locator("td").nth(1).textContent())!.trim();
    }
    return out;
  };
  const expectedCounts = (r: Awaited<ReturnType<typeof buildValueReport>>, locale: string) =>
    Object.fromEntries(r.rfm8.segments.map((s) => [s.segment, s.customers.toLocaleString(locale)]));

  it("shows the eight segments with mean cut-offs in 简体中文, then the median and the user's own", async () => {
    const mean = await buildValueReport(env.store.db, base);
    expect(mean.rfm8.customers).toBeGreaterThan(0);
    await page.goto("/value");
    await page.getByTestId("rfm8-table").waitFor();
    await expect.poll(shownCounts).toEqual(expectedCounts(mean, "zh-CN"));
    const table = (await page.getByTestId("rfm8-table").textContent())!;
    for (const name of ["重要价值客户", "重要发展客户", "重要保持客户", "重要挽留客户", "一般价值客户", "一般发展客户", "一般保持客户", "一般挽留客户"]) expect(table).toContain(name);
    expect(table).toContain("一对一挽回联系");
    await page.getByTestId("rfm8-chart").waitFor();
    expect(await page.getByTestId("rfm8-cutoffs").textContent()).toContain(`≤ ${mean.rfm8.cutoffs!.recencyDays.toLocaleString("zh-CN", { maximumFractionDigits: 1 })} 天`);
    await page.getByTestId("rfm8").scrollIntoViewIfNeeded();
    await env.shot(page, "rfm8-zh-CN");

    const median = await buildValueReport(env.store.db, { ...base, rfm8: { method: "median" } });
    await page.getByTestId("rfm8-method").getByText("中位数").click();
    await expect.poll(shownCounts).toEqual(expectedCounts(median, "zh-CN"));

    // Custom: nothing is asked of the server until all three are given.
    await page.getByTestId("rfm8-method").getByText("自定义").click();
    await page.getByTestId("rfm8-missing").waitFor();
    await page.getByTestId("rfm8-r").fill("90");
    await page.getByTestId("rfm8-f").fill("2");
    await page.getByTestId("rfm8-apply").click();
    expect(await page.getByTestId("rfm8-missing").textContent()).toContain("三个分界值");
    await page.getByTestId("rfm8-m").fill("500");
    await page.getByTestId("rfm8-apply").click();
    const custom = await buildValueReport(env.store.db, {
      ...base, rfm8: { method: "custom", cutoffs: { r: { num: 90n, den: 1n }, f: { num: 2n, den: 1n }, m: { num: 500_000_000n, den: 1n } } },
    });
    await expect.poll(shownCounts).toEqual(expectedCounts(custom, "zh-CN"));
    await env.shot(page, "rfm8-custom-zh-CN");
    // Each segment as an audience: its export holds the customers counted in its row, with the same cut-offs.
    const winback = custom.rfm8.segments.find((x) => x.segment === "important_winback")!;
    const link = page.getByTestId("rfm8-table").locator('tr[data-segment="important_winback"]').getByTestId("rfm8-export");
    const href = (await link.getAttribute("href"))!;
    expect(href).toContain("rfm8Cutoff=custom");
    const csv = await page.request.get(href);
    expect(csv.status()).toBe(200);
    const lines = (await csv.text()).replace(/^\uFEFF/, "").trim().split("\r\n");
    expect(lines.length - 1).toBe(winback.customers);
    expect(lines.slice(1).every((l) => l.endsWith(",important_winback"))).toBe(true);

    // A cut-off that is not a number: the server's error, naming the field.
    await page.getByTestId("rfm8-m").fill("五百");
    await page.getByTestId("rfm8-apply").click();
    await expect.poll(() => page.getByTestId("rfm8").textContent()).toContain("rfm8M");
    await page.getByTestId("rfm8-m").fill("500");
    await page.getByTestId("rfm8-apply").click();
    await expect.poll(shownCounts).toEqual(expectedCounts(custom, "zh-CN"));
  });

  it("shows the segments saved in a snapshot on the segments page, each a list of customers", async () => {
    const { asOf } = await snapshotSegments(env.store.db, { ...base, rfm8: { method: "median" } }, null);
    const report = await buildValueReport(env.store.db, { ...base, asOf, rfm8: { method: "median" } });
    await page.goto("/value/segments");
    await page.getByTestId("segments-rfm8").waitFor({ timeout: 60_000 });
    for (const seg of report.rfm8.segments) {
      await expect.poll(() => page.locator(`[data-testid="segments-rfm8"] [data-segment="${seg.segment}"] td`).nth(1).textContent()).toBe(seg.customers.toLocaleString("zh-CN"));
    }
    expect(await page.getByTestId("segments-rfm8-rule").textContent()).toContain("中位数");
    const biggest = [...report.rfm8.segments].sort((a, b) => b.customers - a.customers)[0]!;
    await page.locator(`[data-testid="segments-rfm8"] [data-segment="${biggest.segment}"]`).click();
    await page.getByTestId("segment-member-name").first().waitFor();
    await expect.poll(() => page.getByTestId("segment-member-name").count()).toBe(Math.min(50, biggest.customers));
    expect(await page.getByTestId("segment-export").getAttribute("href")).toBe(`/api/segments/members/export?asOf=${asOf}&scheme=rfm8&segment=${biggest.segment}`);
    await env.shot(page, "rfm8-segments-zh-CN");
    await page.keyboard.press("Escape");
    await page.goto("/value");
    await page.getByTestId("rfm8-table").waitFor();
  });

  it("speaks English, and says so when nobody bought in the window", async () => {
    const mean = await buildValueReport(env.store.db, base);
    await page.getByTestId("lang-switch").click();
    await page.getByTestId("lang-en").click();
    await page.getByTestId("rfm8-method").getByText("Mean").click();
    await expect.poll(() => page.getByTestId("rfm8-table").textContent()).toContain("Important win-back");
    await expect.poll(shownCounts).toEqual(expectedCounts(mean, "en"));
    expect(await page.getByTestId("rfm8-table").textContent()).toContain("personal win-back contact");
    await page.getByTestId("rfm8").scrollIntoViewIfNeeded();
    await env.shot(page, "rfm8-en");
    // Before the demo's first order: the page's empty state, and no segments.
    await page.getByTestId("value-as-of").click();
    await page.keyboard.type("2020-01-31");
    await page.keyboard.press("Enter");
    await page.getByTestId("value-empty").waitFor();
    expect(await page.getByTestId("rfm8").count()).toBe(0);
    expect(env.problems).toEqual([]);
  });
});
