import fs from "node:fs";
import path from "node:path";
import type { AddressInfo } from "node:net";
import type { FastifyInstance } from "fastify";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
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
      await browser.close();
      await app.close();
      await store.close();
    },
  };
}
