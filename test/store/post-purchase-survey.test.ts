import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SYSTEM_ACTOR } from "../../src/audit/audit.repository.ts";
import { POST_PURCHASE } from "../../src/domain/surveys/templates.ts";
import { setConsent } from "../../src/messages/consent.ts";
import { putMessagingSettings } from "../../src/messages/messaging-settings.ts";
import { EMAIL_QUEUE, type OutgoingMessage } from "../../src/messages/outbox.ts";
import { invitePostPurchase, QUIET_DAYS } from "../../src/retention/surveys/post-purchase.service.ts";
import { createSurvey, getSurveySettings, openByToken, setSurveySettings } from "../../src/retention/surveys/surveys.service.ts";
import type { Store } from "../../src/store/connect.ts";
import { errorOf } from "../support/errors.ts";
import { importCustomers, importLines } from "../support/import-rows.ts";
import { freshStore, STORE_KINDS } from "../support/stores.ts";

const DAY = "2026-05-20";
const NOW = new Date("2026-05-20T02:00:00Z"); // 10:00 in Shanghai

/**
 * The post-purchase survey by e-mail: who is invited on a day (bought `afterDays` before, in a
 * week's window), who is left alone (asked recently, unreachable), what the e-mail says, and
 * that a second run adds nothing.
 */
describe.each(STORE_KINDS)("the post-purchase survey by e-mail on %s", (kind) => {
  let store: Store;
  const id: Record<string, number> = {};
  let surveyId = 0;

  beforeAll(async () => {
    store = await freshStore(kind);
    const db = store.db;
    await putMessagingSettings(db, { requireOptIn: false, serviceNumber: "", publicUrl: "https://crm.example.cn" });
    await importCustomers(db, [
      { externalId: "ON-TIME", name: "王芳", email: "wang@example.com" },
      { externalId: "MISSED-RUN", name: "李雷", email: "li@example.com" },
      { externalId: "TOO-SOON", name: "赵敏", email: "zhao@example.com" },
      { externalId: "TOO-OLD", name: "钱多", email: "qian@example.com" },
      { externalId: "NO-MAIL", name: "孙悟" },
      { externalId: "NO-CONSENT", name: "周舟", email: "zhou@example.com" },
      { externalId: "ASKED", name: "吴用", email: "wu@example.com" },
    ]);
    for (const r of await db.selectFrom("customers").select(["customer_id", "external_id"]).execute()) id[r.external_id!] = Number(r.customer_id);
    const bought = (ref: string, date: string) => ({ customerRef: ref, orderNo: `${ref}-${date}`, orderedAt: `${date}T15:00:00`, sku: "TEA-1", description: "龙井茶", quantity: "1", amount: "120" });
    await importLines(db, [
      bought("ON-TIME", "2026-05-13"), // 7 days before: today's
      bought("MISSED-RUN", "2026-05-10"), // within the week before: a run missed is made up
      bought("TOO-SOON", "2026-05-17"),
      bought("TOO-OLD", "2026-05-05"),
      bought("NO-MAIL", "2026-05-13"),
      bought("NO-CONSENT", "2026-05-13"),
      bought("ASKED", "2026-05-13"),
    ]);
    await setConsent(db, id["NO-CONSENT"]!, "email", "withdrawn", "test");
    surveyId = (await createSurvey(db, POST_PURCHASE, SYSTEM_ACTOR)).id;
    await sql`insert into survey_invitations (customer_id, survey_id, trigger, created_at, expires_at)
      values (${id.ASKED}, ${surveyId}, 'manual', ${new Date(NOW.getTime() - (QUIET_DAYS - 10) * 86_400_000).toISOString()}::timestamptz, ${NOW.toISOString()}::timestamptz)`.execute(db);
  });
  afterAll(async () => store?.close());

  const emails = async () =>
    (await sql<{ payload: OutgoingMessage }>`select payload from jobs where queue = ${EMAIL_QUEUE} order by key`.execute(store.db)).rows.map((r) => r.payload);

  it("invites nobody while no survey is chosen", async () => {
    expect(await invitePostPurchase(store.db, DAY, { now: NOW })).toMatchObject({ surveyId: null, invited: 0 });
    expect(await emails()).toEqual([]);
  });

  it("refuses a custom e-mail without the survey link, or with only a subject", async () => {
    const s = await getSurveySettings(store.db);
    const noLink = await errorOf(setSurveySettings(store.db, { ...s, postPurchase: { surveyId, afterDays: 7, subject: "{{name}}", body: "Dear {{name}}, {{unsubscribeUrl}}" } }, SYSTEM_ACTOR));
    expect(noLink).toMatchObject({ code: "BAD_INPUT", field: "postPurchase.body" });
    expect(noLink.message).toContain("{{surveyUrl}}");
    const half = await errorOf(setSurveySettings(store.db, { ...s, postPurchase: { surveyId, afterDays: 7, subject: "Hi {{name}}", body: null } }, SYSTEM_ACTOR));
    expect(half).toMatchObject({ code: "BAD_INPUT" });
  });

  it("e-mails each customer who bought a week ago, or earlier that week, their own link; once", async () => {
    const s = await getSurveySettings(store.db);
    await setSurveySettings(store.db, { ...s, postPurchase: { surveyId, afterDays: 7, subject: null, body: null } }, SYSTEM_ACTOR);
    // the settings' public address wins over the server's own (the one the daily job knows)
    const r = await invitePostPurchase(store.db, DAY, { now: NOW, baseUrl: "http://127.0.0.1:4380" });
    expect(r).toEqual({ surveyId, purchasedFrom: "2026-05-07", purchasedTo: "2026-05-13", invited: 2, emails: { queued: 2, held: 0, skipped: 2 } });
    const sent = await emails();
    expect(sent.map((m) => m.customerId).sort()).toEqual([id["ON-TIME"], id["MISSED-RUN"]].sort());
    const mail = sent.find((m) => m.customerId === id["ON-TIME"])!;
    expect(mail.subject).toBe("王芳，您对这次购物满意吗？");
    expect(mail.text).toContain("感谢您最近购买龙井茶");
    expect(mail.text).toContain("https://crm.example.cn/u/");
    const link = /https:\/\/crm\.example\.cn\/s\/(\S+)/.exec(mail.text)![1]!;
    expect((await openByToken(store.db, link, NOW)).name).toBe(POST_PURCHASE.name);
    const invitations = await store.db.selectFrom("survey_invitations").select(["customer_id", "trigger"]).where("survey_id", "=", surveyId).where("trigger", "=", "purchase").execute();
    expect(invitations.map((i) => Number(i.customer_id)).sort()).toEqual([id["ON-TIME"], id["MISSED-RUN"]].sort());

    // the next day's run looks at one day later: nobody new bought then, and nobody is asked twice
    expect(await invitePostPurchase(store.db, DAY, { now: NOW })).toMatchObject({ invited: 0 });
    expect(await invitePostPurchase(store.db, "2026-05-21", { now: new Date(NOW.getTime() + 86_400_000) })).toMatchObject({ invited: 0 });
    expect(await emails()).toHaveLength(2);
  });
});
