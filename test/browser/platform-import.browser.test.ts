/**
 * The import wizard with platform exports: the preset is detected and shown, unpaid orders
 * are reported as skipped (not rejected), and the platform's buyer identity is named.
 * (The Taobao pair is not importable through the wizard yet: one upload per import.)
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setFxRate } from "../../src/store/settings.repository.ts";
import { writeAliExpressXlsx } from "../fixtures/ingest/platforms/generate.ts";
import { browserMissing, startBrowserEnv, type BrowserEnv } from "./harness.ts";

const missing = browserMissing();
const FIXTURES = path.resolve(import.meta.dirname, "../fixtures/ingest/platforms");

describe.skipIf(missing)("platform exports in the import wizard", () => {
  let env: BrowserEnv;
  let page: Page;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "retain-browser-platforms-"));

  beforeAll(async () => {
    env = await startBrowserEnv();
    await setFxRate(env.store.db, "USD", "2000-01-01", "7.1");
    ({ page } = await env.page({ locale: "zh-CN" }));
    await page.goto("/");
    await env.signIn(page);
  });
  afterAll(async () => {
    await env?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function importThrough(file: string, preset: string) {
    await page.getByTestId("nav-imports").click();
    await page.getByTestId("import-upload").waitFor();
    await page.locator('[data-testid="import-upload"] input[type=file]').setInputFiles(file);
    await page.getByTestId("import-mapping").waitFor();
    await expect.poll(() => page.getByTestId("import-preset").textContent()).toContain(preset);
    await page.getByTestId("import-validate").click();
    await expect.poll(() => page.getByTestId("import-rejected-count").textContent(), { timeout: 30_000 }).toBe("0");
    await page.getByTestId("import-run").click();
    await page.getByTestId("import-result").waitFor();
  }

  it("imports an AliExpress workbook: detected, the unpaid order skipped, the buyer identity named", async () => {
    const file = path.join(dir, "aliexpress-orders.xlsx");
    await writeAliExpressXlsx(file);
    await importThrough(file, "aliexpress");
    const result = page.getByTestId("import-result");
    await expect.poll(() => result.getByTestId("import-count-landed").textContent(), { timeout: 30_000 }).toBe("3");
    expect(await result.getByTestId("import-count-skipped").textContent()).toBe("1");
    expect(await result.getByTestId("import-identity").textContent()).toBe("Buyer Login ID");
    expect(await result.textContent()).toContain("买家识别依据");
    await env.shot(page, "platform-aliexpress-done");
  });

  it("imports a Douyin export (UTF-8 with BOM): sub-orders land, the closed unpaid order is skipped", async () => {
    await page.goto("/");
    await importThrough(path.join(FIXTURES, "douyin-orders.csv"), "douyin");
    const result = page.getByTestId("import-result");
    await expect.poll(() => result.getByTestId("import-count-landed").textContent(), { timeout: 30_000 }).toBe("4");
    expect(await result.getByTestId("import-count-skipped").textContent()).toBe("1");
    expect(await result.getByTestId("import-identity").textContent()).toContain("买家昵称");
    await env.shot(page, "platform-douyin-done");
  });
});
