import fs from "node:fs";
import path from "node:path";
import type { AddressInfo } from "node:net";
import type { FastifyInstance } from "fastify";
import { chromium, type Browser, type BrowserContext, type Page, type Request } from "playwright-core";
import { afterEach, expect } from "vitest";
import { addUser } from "../../src/accounts/accounts.service.ts";
import { SYSTEM_ACTOR } from "../../src/audit/audit.repository.ts";
import { buildApp, packageRoot } from "../../src/http/app.ts";
import { loadDemo } from "../../src/ingest/load-demo.ts";
import { MEMORY, openStore, type Store } from "../../src/store/connect.ts";

export const WEB_ROOT = path.join(packageRoot(), "dist", "web");
export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const SHOTS = path.join(packageRoot(), "test-results", "screenshots");
export const ADMIN = { email: "admin@retain.example", password: "browser test password" };
export const AGENT = { email: "agent@retain.example", password: "browser test password" };

/**
 * Whether the browser tests can run: the built web app and Chromium. CI installs both and
 * sets RETAIN_TEST_REQUIRE_BROWSER=1, so there a missing one is a failure, not a skip.
 */
export function browserMissing(): string | null {
  const missing = !fs.existsSync(path.join(WEB_ROOT, "index.html"))
    ? "the web app is not built (npm run build:web)"
    : !fs.existsSync(CHROMIUM) ? `Chromium is not at ${CHROMIUM} (apt-get install chromium)` : null;
  if (missing && process.env.RETAIN_TEST_REQUIRE_BROWSER === "1") throw new Error(`Browser tests cannot run: ${missing}.`);
  return missing;
}

export interface BrowserEnv {
  store: Store;
  app: FastifyInstance;
  baseUrl: string;
  browser: Browser;
  /** Dialogs (alert…) and uncaught page errors seen by any page: a test expects none. */
  problems: string[];
  /** A new browser context (its own cookies and storage) and page. */
  page(opts?: { locale?: string; width?: number; height?: number }): Promise<{ context: BrowserContext; page: Page }>;
  /** Signs in through the sign-in page. */
  signIn(page: Page, who?: { email: string; password: string }): Promise<void>;
  shot(page: Page, name: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * Waits until no dialog or pop-up confirmation on the page is still zooming in: a click
 * while it grows can land beside the button it aimed at (the button moves under it), and is
 * lost.
 */
export async function overlaysSettled(page: Page): Promise<void> {
  await expect.poll(() => page.locator('.ant-modal[class*="zoom"], .ant-popover[class*="zoom"]').count()).toBe(0);
}

/** What each open page has asked the server lately, for the report on a failed test. */
interface Traffic {
  recent: string[];
  inFlight: Map<Request, number>;
}
const opened = new Map<Page, Traffic>();

/**
 * When a test fails, each page still open is described on stderr — its address, the alerts
 * and messages it shows, its API requests still waiting and its last ones with their statuses
 * and times — and shot as failed-<test>-<n>.png: a failure in CI is then read, not guessed.
 */
afterEach(async (ctx) => {
  if (ctx.task.result?.state !== "fail") return;
  const name = ctx.task.name.replace(/[^\w]+/g, "-").slice(0, 60);
  let n = 0;
  for (const [page, traffic] of opened) {
    if (page.isClosed()) continue;
    n += 1;
    const lines = [`page ${n}: ${page.url()}`];
    try {
      const shown = await page.locator(".ant-alert, .ant-message-notice, .ant-form-item-explain-error, .ant-result-title, .ant-popover:visible").allTextContents();
      lines.push(...shown.map((t) => `  shows: ${t.trim().slice(0, 200)}`));
      await page.screenshot({ path: path.join(SHOTS, `failed-${name}-${n}.png`), fullPage: true });
    } catch (e) {
      lines.push(`  (could not read the page: ${String(e).slice(0, 200)})`);
    }
    const now = Date.now();
    lines.push(...[...traffic.inFlight].map(([r, at]) => `  waiting ${now - at} ms: ${r.method()} ${new URL(r.url()).pathname}`));
    lines.push(...traffic.recent.map((r) => `  ${r}`));
    console.error(lines.join("\n"));
  }
});

/** A small demo business in an in-memory store, the built app serving it, and Chromium. */
export async function startBrowserEnv(): Promise<BrowserEnv> {
  const store = await openStore({ kind: "pglite", dataDir: MEMORY });
  await loadDemo(store.db, { customers: 300, seed: 11, end: "2026-06-30", months: 12 });
  await addUser(store.db, { email: ADMIN.email, name: "Browser Admin", role: "admin", password: ADMIN.password }, SYSTEM_ACTOR);
  await addUser(store.db, { email: AGENT.email, name: "Browser Agent", role: "agent", team: "华东组", password: AGENT.password }, SYSTEM_ACTOR);
  const app = await buildApp({ db: store.db, webRoot: WEB_ROOT });
  await app.listen({ port: 0, host: "127.0.0.1" });
  const baseUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    // The network here is closed: no background connections, no component updates.
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  fs.mkdirSync(SHOTS, { recursive: true });
  const problems: string[] = [];
  return {
    store, app, baseUrl, browser, problems,
    async page(opts = {}) {
      const context = await browser.newContext({ locale: opts.locale ?? "zh-CN", viewport: { width: opts.width ?? 1280, height: opts.height ?? 800 }, baseURL: baseUrl });
      const page = await context.newPage();
      page.setDefaultTimeout(15_000);
      page.on("dialog", (d) => {
        problems.push(`dialog: ${d.message()}`);
        void d.dismiss();
      });
      page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
      const traffic: Traffic = { recent: [], inFlight: new Map() };
      opened.set(page, traffic);
      page.on("close", () => opened.delete(page));
      page.on("request", (r) => { if (r.url().startsWith(`${baseUrl}/api/`)) traffic.inFlight.set(r, Date.now()); });
      const settle = (r: Request, outcome: string) => {
        const at = traffic.inFlight.get(r);
        if (at === undefined) return;
        traffic.inFlight.delete(r);
        traffic.recent.push(`${r.method()} ${new URL(r.url()).pathname}${new URL(r.url()).search} → ${outcome} in ${Date.now() - at} ms`);
        if (traffic.recent.length > 15) traffic.recent.shift();
      };
      page.on("requestfinished", (r) => void r.response().then((res) => settle(r, String(res?.status() ?? "?")), () => settle(r, "?")));
      page.on("requestfailed", (r) => settle(r, `failed (${r.failure()?.errorText ?? "?"})`));
      return { context, page };
    },
    async signIn(page, who = ADMIN) {
      await page.goto("/login");
      await page.getByTestId("login-email").fill(who.email);
      await page.getByTestId("login-password").fill(who.password);
      await page.getByTestId("login-submit").click();
      await page.waitForURL((u) => !u.pathname.startsWith("/login"));
    },
    async shot(page, name) {
      await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
    },
    async close() {
      for (const page of opened.keys()) if (page.context().browser() === browser) opened.delete(page);
      await browser.close();
      await app.close();
      await store.close();
    },
  };
}
