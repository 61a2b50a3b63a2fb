/**
 * The import wizard with platform exports: the preset is detected and shown, unpaid orders
 * are reported as skipped (not rejected), and the platform's buyer identity is named. The
 * Taobao/Tmall pair comes as two files: dropped together, or the second added to the first.
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

  it("imports an AliExpress workbook (Chinese headers, $ amounts): detected, the unpaid order skipped, the buyer identity named", async () => {
    const file = path.join(dir, "aliexpress-orders.xlsx");
    await writeAliExpressXlsx(file);
    await importThrough(file, "aliexpress");
    const result = page.getByTestId("import-result");
    // One line per order: two paid orders land, the unpaid one is skipped.
    await expect.poll(() => result.getByTestId("import-count-landed").textContent(), { timeout: 30_000 }).toBe("2");
    expect(await result.getByTestId("import-count-skipped").textContent()).toBe("1");
    expect(await result.getByTestId("import-identity").textContent()).toBe("买家名称 (the buyer's name on AliExpress)");
    expect(await result.textContent()).toContain("买家识别依据");
    await env.shot(page, "platform-aliexpress-done");
  });

  it("imports a Douyin export (UTF-8 with BOM, the 74-column header): sub-orders land, the closed unpaid order is skipped", async () => {
    await page.goto("/");
    await importThrough(path.join(FIXTURES, "douyin-orders.csv"), "douyin");
    const result = page.getByTestId("import-result");
    await expect.poll(() => result.getByTestId("import-count-landed").textContent(), { timeout: 30_000 }).toBe("4");
    expect(await result.getByTestId("import-count-skipped").textContent()).toBe("1");
    // No buyer id in the real export: the receiver is named as the identity.
    expect(await result.getByTestId("import-identity").textContent()).toContain("收件人 + 收件人手机号");
    await env.shot(page, "platform-douyin-done");
  });

  it("imports a Taobao/Tmall pair: the item list alone asks for its order list, the two joined import one line per item", async () => {
    await page.goto("/");
    await page.getByTestId("nav-imports").click();
    await page.getByTestId("import-upload").waitFor();
    await page.locator('[data-testid="import-upload"] input[type=file]').setInputFiles(path.join(FIXTURES, "taobao-ExportOrderDetailList.csv"));
    const offer = page.getByTestId("import-pair-offer");
    await offer.waitFor();
    expect(await offer.textContent()).toContain("没有买家和日期");
    await offer.locator("input[type=file]").setInputFiles(path.join(FIXTURES, "taobao-ExportOrderList.csv"));
    await page.getByTestId("import-pair").waitFor();
    expect(await page.getByTestId("import-pair-orders").textContent()).toBe("taobao-ExportOrderList.csv");
    expect(await page.getByTestId("import-pair-items").textContent()).toBe("taobao-ExportOrderDetailList.csv");
    await expect.poll(() => page.getByTestId("import-preset").textContent()).toContain("taobao-items");
    await env.shot(page, "platform-taobao-pair-preview");
    await page.getByTestId("import-validate").click();
    // The item row whose order is not in the order list is rejected, named by file and line.
    await expect.poll(() => page.getByTestId("import-rejected-count").textContent(), { timeout: 30_000 }).toBe("1");
    expect(await page.getByTestId("import-rejections").textContent()).toContain("line 8 of taobao-ExportOrderDetailList.csv");
    const before = await lineCount();
    await page.getByTestId("import-run").click();
    const result = page.getByTestId("import-result");
    await expect.poll(() => result.getByTestId("import-count-landed").textContent(), { timeout: 30_000 }).toBe("6");
    expect(await result.getByTestId("import-count-skipped").textContent()).toBe("2");
    expect(await result.getByTestId("import-identity").textContent()).toContain("买家会员名");
    expect(await lineCount()).toBe(before + 6);
    await env.shot(page, "platform-taobao-pair-done");
  });

  it("takes both files of a Taobao/Tmall pair dropped together, in either order", async () => {
    await page.goto("/");
    await page.getByTestId("nav-imports").click();
    await page.getByTestId("import-upload").waitFor();
    await page.locator('[data-testid="import-upload"] input[type=file]').setInputFiles([
      path.join(FIXTURES, "taobao-ExportOrderList.csv"), path.join(FIXTURES, "taobao-ExportOrderDetailList.csv"),
    ]);
    await page.getByTestId("import-pair").waitFor();
    expect(await page.getByTestId("import-pair-orders").textContent()).toBe("taobao-ExportOrderList.csv");
    await page.getByTestId("import-validate").click();
    const check = page.getByTestId("import-validation");
    // Already imported above: the same lines again change nothing.
    await expect.poll(() => check.getByTestId("import-count-unchanged").textContent(), { timeout: 30_000 }).toBe("6");
  });

  async function lineCount(): Promise<number> {
    const r = await env.store.db.selectFrom("order_lines").select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow();
    return Number(r.n);
  }
});
