import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultProgrammes } from "../../src/analytics/complaints/sensitivity.ts";
import { buildComplaintSensitivity, runSensitivity, type ComplaintSensitivity } from "../../src/retention/complaints/sensitivity.service.ts";
import { browserMissing, startBrowserEnv, type BrowserEnv } from "./harness.ts";

const missing = browserMissing();
const money = (v: string, locale: string) => new Intl.NumberFormat(locale, { style: "currency", currency: "CNY" }).format(v as `${number}`);
const pct = (v: number | null, locale: string) => {
  if (v === null) return "—";
  const digits = Math.abs(v) < 0.1 ? 2 : 1;
  return new Intl.NumberFormat(locale, { style: "percent", minimumFractionDigits: digits, maximumFractionDigits: digits }).format(v);
};
/** A share as the page shows it in its input: 0.5333 → "53.33". */
const percentText = (v: string) => String(Number((Number(v) * 100).toFixed(6)));
const values = (r: ComplaintSensitivity) => Object.fromEntries(Object.entries(r.inputs).map(([n, x]) => [n, x.value!])) as Record<keyof ComplaintSensitivity["inputs"], string>;

/**
 * The sensitivity model in the browser (docs/complaints.md, "Sensitivity model") on the
 * harness's demo data, as of its last day: the inputs and the baseline on the page are the
 * service's, in 简体中文; changing an input changes the result as the API works it out; then
 * the page in English.
 */
describe.skipIf(missing)("complaint sensitivity in Chromium", () => {
  let env: BrowserEnv;
  let page: Page;
  let api: ComplaintSensitivity;

  /** Picks `text` in an antd Select found by its test id, again if a click landed while something moved. */
  const choose = async (testId: string, text: string) => {
    const select = page.getByTestId(testId);
    const open = page.locator(".ant-select-dropdown:visible");
    await expect.poll(async () => {
      if ((await open.count()) === 0) await select.click();
      await open.locator(".ant-select-item-option", { hasText: text }).first().click({ timeout: 3000 }).catch(() => undefined);
      return (await select.textContent()) ?? "";
    }, { timeout: 12_000 }).toContain(text);
  };
  const baselineLost = () => page.getByTestId("sensitivity-baseline-lost").textContent();

  beforeAll(async () => {
    env = await startBrowserEnv();
    ({ page } = await env.page({ locale: "zh-CN", height: 2000 }));
    await env.signIn(page);
  });
  afterAll(async () => env?.close());

  it("prefills the inputs from the data, says where each comes from, and shows the API's baseline", async () => {
    api = await buildComplaintSensitivity(env.store.db, { asOf: "2026-06-30", windowDays: 30 });
    expect(api.missing).toEqual([]);
    const at90 = await buildComplaintSensitivity(env.store.db, { asOf: "2026-06-30", windowDays: 90 });
    await page.goto("/complaints/sensitivity");
    expect(await page.getByTestId("sensitivity-seed").textContent()).toContain("63,590");
    // The default as-of date is the end of the last complete month; pin the demo's last day.
    await page.getByTestId("sensitivity-as-of").click();
    await page.keyboard.type("2026-06-30");
    await page.keyboard.press("Enter");
    await expect.poll(() => page.getByTestId("sensitivity-period").textContent()).toContain("2026年6月30日");
    if (at90.missing.length) {
      // With a 90-day window the demo has no unresolved complainer: the page asks for the rate.
      await expect.poll(() => page.getByTestId("sensitivity-missing").textContent()).toContain("复购率：投诉未解决");
      await env.shot(page, "complaint-sensitivity-01-missing-zh-CN");
    }
    await choose("sensitivity-window", "30 天窗口");
    await expect.poll(() => page.getByTestId("sensitivity-period").textContent()).toContain("30 天内");
    await expect.poll(() => page.getByTestId("sensitivity-input-customers").inputValue()).toBe(api.inputs.customers.value);
    for (const n of ["problemShare", "resolvedShare", "rNone", "rResolved", "rUnresolved"] as const) {
      expect(await page.getByTestId(`sensitivity-input-${n}`).inputValue()).toBe(percentText(api.inputs[n].value!));
    }
    expect(await page.getByTestId("sensitivity-input-salesPerCustomer").inputValue()).toBe(api.inputs.salesPerCustomer.value);
    const resolved = api.measured.groups.find((g) => g.group === "resolved")!;
    expect(await page.getByTestId("sensitivity-source-rResolved").textContent()).toContain(`${resolved.customers} 位投诉已解决的客户中，${resolved.repurchased} 位在 30 天内再次购买`);
    expect(await page.getByTestId("sensitivity-source-complainShare").textContent()).toContain("假设");
    expect(await page.getByTestId("sensitivity-source-rSilent").textContent()).toContain("假设");
    await expect.poll(baselineLost).toContain(money(api.result!.baseline.lostSales.total, "zh-CN"));
    const row = (key: string) => page.getByTestId(`sensitivity-row-${key}`);
    expect(await row("baseline").getByTestId("lost-sales").textContent()).toBe(money(api.result!.baseline.lostSales.total, "zh-CN"));
    for (const [k, p] of api.result!.programmes.entries()) {
      expect(await row(String(k)).getByTestId("recovered-sales").textContent()).toBe(money(p.recoveredSales, "zh-CN"));
    }
    await page.getByTestId("sensitivity-chart").locator("canvas").waitFor();
    await env.shot(page, "complaint-sensitivity-02-zh-CN");
  });

  it("works the result out again when an input or a programme's cost changes, as the API does", async () => {
    const mine = { ...values(api), problemShare: "0.4" };
    const programmes = defaultProgrammes(mine);
    programmes[1] = { ...programmes[1]!, cost: "1000" };
    const expected = runSensitivity(mine, programmes);
    expect(expected.baseline.lostSales.total).not.toBe(api.result!.baseline.lostSales.total);
    await page.getByTestId("sensitivity-input-problemShare").fill("40");
    await expect.poll(baselineLost).toContain(money(expected.baseline.lostSales.total, "zh-CN"));
    expect(await page.getByTestId("sensitivity-source-problemShare").textContent()).toContain("您填写的数字");
    // Programme A follows the new share: a tenth fewer problems than 40%.
    expect(await page.getByTestId("sensitivity-programme-0-problemShare").inputValue()).toBe("36");
    await page.getByTestId("sensitivity-programme-1-cost").fill("1000");
    await expect.poll(() => page.getByTestId("sensitivity-row-1").getByTestId("return").textContent()).toBe(pct(expected.programmes[1]!.returnOnCost, "zh-CN"));
    // A cleared input leaves no result until it is given again.
    await page.getByTestId("sensitivity-input-rNone").fill("");
    await page.getByTestId("sensitivity-missing").waitFor();
    await page.getByTestId("sensitivity-reset-rNone").click();
    await page.getByTestId("sensitivity-missing").waitFor({ state: "detached" });
    await expect.poll(baselineLost).toContain(money(expected.baseline.lostSales.total, "zh-CN"));
    await env.shot(page, "complaint-sensitivity-03-changed-zh-CN");
  });

  it("speaks English", async () => {
    await page.getByTestId("lang-switch").click();
    await page.getByTestId("lang-en").click();
    await expect.poll(() => page.getByTestId("sensitivity-results").textContent()).toContain("Sales lost");
    await page.getByTestId("lang-en").waitFor({ state: "hidden" });
    expect(await page.getByTestId("sensitivity-source-complainShare").textContent()).toContain("most customers with a problem never complain");
    await env.shot(page, "complaint-sensitivity-04-en");
    expect(env.problems).toEqual([]);
  });
});
