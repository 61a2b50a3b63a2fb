import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dispatchEmails } from "../../src/messages/dispatch.ts";
import type { OutgoingMessage } from "../../src/messages/outbox.ts";
import { browserMissing, startBrowserEnv, type BrowserEnv } from "./harness.ts";

const missing = browserMissing();

/**
 * The unsubscribe link in the browser: a message dispatched to a demo customer carries its
 * link; the customer opens it without a session, sees which messages stop and a masked name,
 * confirms, and the consent is withdrawn, so the next dispatch skips them. A changed link
 * shows "not valid", in each language. Staff then see the withdrawal on the customer's page.
 */
describe.skipIf(missing)("the unsubscribe link in Chromium", () => {
  let env: BrowserEnv;
  let customerId = 0;
  let link = "";
  const TEMPLATE = { subject: "{{name}}, new arrivals", body: "Hello {{name}}, more like {{lastPurchase.product}}. {{unsubscribeUrl}}" };

  beforeAll(async () => {
    env = await startBrowserEnv();
    const c = await env.store.db.selectFrom("customers").select(["customer_id", "name"])
      .where("email", "is not", null).where("merged_into", "is", null).where("name", "is not", null)
      .where("customer_id", "in", (eb) => eb.selectFrom("orders").select("customer_id"))
      .orderBy("customer_id").limit(1).executeTakeFirstOrThrow();
    customerId = Number(c.customer_id);
    const [r] = await dispatchEmails(env.store.db, [{ customerId, key: "browser-1" }], TEMPLATE, { baseUrl: env.baseUrl });
    expect(r).toEqual({ customerId, status: "queued" });
    const job = await env.store.db.selectFrom("jobs").select("payload").where("key", "=", `browser-1:${customerId}`).executeTakeFirstOrThrow();
    const m = job.payload as OutgoingMessage;
    link = /<(.+)>/.exec(m.headers!["List-Unsubscribe"]!)![1]!;
    expect(m.text).toContain(link);
  });
  afterAll(async () => env?.close());

  it("tells a changed link it is not valid, in English", async () => {
    const { page } = await env.page({ locale: "en" });
    await page.goto(link.replace(/\.[A-Za-z0-9_-]{22}$/, ".AAAAAAAAAAAAAAAAAAAAAA"));
    await page.getByTestId("unsubscribe-invalid").waitFor();
    expect(await page.getByTestId("unsubscribe").textContent()).toContain("This link is not valid");
    expect(page.url()).not.toContain("/login");
  });

  it("unsubscribes the customer after they confirm, and later messages skip them", async () => {
    const { page } = await env.page({ locale: "zh-CN" });
    const calls: string[] = [];
    page.on("request", (r) => { if (new URL(r.url()).pathname.startsWith("/api/")) calls.push(`${r.method()} ${new URL(r.url()).pathname}`); });
    await page.goto(link.replace(env.baseUrl, ""));
    await page.getByTestId("unsubscribe-question").waitFor();
    const question = (await page.getByTestId("unsubscribe-question").textContent()) ?? "";
    expect(question).toContain("退订后您将不再收到我们的邮件");
    expect(question).toMatch(/\*/); // the name, masked
    // opening the page changes nothing: a mail scanner following the link unsubscribes nobody
    expect((await env.store.db.selectFrom("contact_consents").selectAll().where("customer_id", "=", customerId).execute())).toEqual([]);
    await env.shot(page, "unsubscribe-confirm");

    await page.getByTestId("unsubscribe-confirm").click();
    await page.getByTestId("unsubscribe-done").waitFor();
    expect(await page.getByTestId("unsubscribe-done").textContent()).toContain("您将不再收到我们的邮件");
    expect(calls.filter((c) => c.startsWith("POST"))).toHaveLength(1);
    expect(calls.every((c) => c.includes("/api/public/"))).toBe(true);

    const consent = await env.store.db.selectFrom("contact_consents").select(["status", "source"]).where("customer_id", "=", customerId).where("channel", "=", "email").executeTakeFirstOrThrow();
    expect(consent).toEqual({ status: "withdrawn", source: "unsubscribe_link" });
    const later = await dispatchEmails(env.store.db, [{ customerId, key: "browser-2" }], TEMPLATE, { baseUrl: env.baseUrl });
    expect(later).toEqual([{ customerId, status: "skipped", reason: "no_consent" }]);

    // opened again, the page says it is done already
    await page.reload();
    await page.getByTestId("unsubscribe-done").waitFor();
    expect(env.problems).toEqual([]);
  });

  it("shows staff the withdrawal on the customer's consent tab, and lets them record a new consent", async () => {
    const { page } = await env.page({ locale: "en" });
    await env.signIn(page);
    await page.goto(`/customers/${customerId}`);
    await page.getByRole("tab", { name: "Consent" }).click();
    await page.getByTestId("consent-panel").waitFor();
    await expect.poll(async () => (await page.getByTestId("consent-panel").textContent()) ?? "").toContain("by the customer's unsubscribe link");
    await page.getByTestId("consent-sms").getByText("Granted").click();
    await expect.poll(async () => (await env.store.db.selectFrom("contact_consents").select("status").where("customer_id", "=", customerId).where("channel", "=", "sms").executeTakeFirst())?.status).toBe("granted");
    expect(env.problems).toEqual([]);
  });
});
