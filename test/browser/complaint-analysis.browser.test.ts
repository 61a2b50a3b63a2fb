import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildComplaintAnalysis } from "../../src/retention/complaints/complaint-analysis.service.ts";
import { browserMissing, startBrowserEnv, type BrowserEnv } from "./harness.ts";

const missing = browserMissing();
const pct = (v: number | null, locale: string) => {
  if (v === null) return "—";
  const digits = Math.abs(v) < 0.1 ? 2 : 1;
  return new Intl.NumberFormat(locale, { style: "percent", minimumFractionDigits: digits, maximumFractionDigits: digits }).format(v);
};

/**
 * The complaint analyses in the browser (docs/complaints.md) on the harness's demo data,
 * as of its last day: the comparison's numbers on the page are the service's, in 简体中文,
 * then the page in English.
 */
describe.skipIf(missing)("complaint analysis in Chromium", () => {
  let env: BrowserEnv;
  let page: Page;

  beforeAll(async () => {
    env = await startBrowserEnv();
    ({ page } = await env.page({ locale: "zh-CN", height: 1400 }));
    await env.signIn(page);
  });
  afterAll(async () => env?.close());

  it("shows the volumes, resolution and the comparison, equal to the service's", async () => {
    const r = await buildComplaintAnalysis(env.store.db, { asOf: "2026-06-30", windowDays: 90 });
    expect(r.volumes.complaints).toBeGreaterThan(0);
    expect(r.repurchase.groups[0]!.customers + r.repurchase.groups[1]!.customers).toBeGreaterThan(0);
    await page.goto("/complaints/analysis");
    await page.getByTestId("complaint-analysis-comparison").waitFor();
    // The default as-of date is the end of the last complete month; pin the demo's last day.
    await page.getByTestId("complaint-analysis-as-of").click();
    await page.keyboard.type("2026-06-30");
    await page.keyboard.press("Enter");
    await expect.poll(() => page.getByTestId("complaint-analysis-period").textContent()).toContain("2026年6月30日");
    for (const g of r.repurchase.groups) {
      const row = page.getByTestId(`complaint-analysis-group-${g.group}`);
      await expect.poll(() => row.getByTestId("customers").textContent()).toBe(g.customers.toLocaleString("zh-CN"));
      expect(await row.getByTestId("repurchased").textContent()).toBe(g.repurchased.toLocaleString("zh-CN"));
      expect(await row.getByTestId("rate").textContent()).toBe(pct(g.rate, "zh-CN"));
      expect(await row.getByTestId("interval").textContent()).toBe(g.interval ? `${pct(g.interval[0], "zh-CN")} … ${pct(g.interval[1], "zh-CN")}` : "—");
    }
    expect(await page.getByTestId("complaint-analysis-kpi-complaints").textContent()).toContain(r.volumes.complaints.toLocaleString("zh-CN"));
    expect(await page.getByTestId("complaint-analysis-kpi-resolved").textContent()).toContain(pct(r.resolution.resolvedShare, "zh-CN"));
    expect(await page.getByTestId("complaint-analysis-claim").textContent()).toContain("90%");
    // service levels: the first row is all complaints, each clock's attainment as the service gives it
    const sla = page.getByTestId("complaint-analysis-sla");
    expect(r.serviceLevels.complaints).toBe(r.volumes.complaints);
    const all = sla.locator("tbody tr").first();
    expect(await all.textContent()).toContain(pct(r.serviceLevels.firstResponse.attainment, "zh-CN"));
    expect(await all.textContent()).toContain(pct(r.serviceLevels.resolution.attainment, "zh-CN"));
    expect(await all.textContent()).toContain(`达成 ${r.serviceLevels.resolution.met.toLocaleString("zh-CN")}`);
    expect(await page.getByTestId("complaint-analysis-cost-total").textContent()).toContain(`${r.recoveryCost.cases.toLocaleString("zh-CN")} 条已补救投诉`);
    await page.getByTestId("complaint-analysis-volume-chart").locator("canvas").waitFor();
    await page.getByTestId("complaint-analysis-comparison-chart").locator("canvas").waitFor();
    await env.shot(page, "complaint-analysis-01-zh-CN");
  });

  it("speaks English", async () => {
    await page.getByTestId("lang-switch").click();
    await page.getByTestId("lang-en").click();
    await expect.poll(() => page.getByTestId("complaint-analysis-comparison").textContent()).toContain("Resolved complainers");
    await page.getByTestId("lang-en").waitFor({ state: "hidden" });
    expect(await page.getByTestId("complaint-analysis-claim").textContent()).toContain("83%");
    await env.shot(page, "complaint-analysis-02-en");
    expect(env.problems).toEqual([]);
  });
});
