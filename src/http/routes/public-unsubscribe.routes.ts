import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { Kysely } from "kysely";
import { z } from "zod";
import { recordChange } from "../../audit/audit.repository.ts";
import { readUnsubscribeToken, setConsent } from "../../messages/consent.ts";
import { RetainError } from "../../errors.ts";
import { liveCustomerId } from "../../store/customers.repository.ts";
import type { Database } from "../../store/schema.ts";
import { inTransaction } from "../../store/transaction.ts";

/**
 * The unsubscribe link every marketing e-mail carries (docs/messaging.md, "Unsubscribe"):
 * the page `/u/:token` asks these routes what the link is for and withdraws the consent; mail
 * programs that offer "unsubscribe" post to the same address (RFC 8058 one-click, form body
 * `List-Unsubscribe=One-Click`). A link that was not made here, or was changed, and a link
 * whose customer is gone answer the same 404, so the routes tell nobody which ids exist.
 */
const tags = ["messaging"];
const Params = z.object({ token: z.string().max(200) });
const LinkInfo = z.object({
  channel: z.string(),
  name: z.string().describe("the customer's name with all but the first letter of each word hidden"),
  unsubscribed: z.boolean().describe("whether consent on the channel is already withdrawn"),
}).meta({ id: "UnsubscribeLink" });

const invalid = () => new RetainError("NOT_FOUND", "This unsubscribe link is not valid. Use the link in the latest message you received, or contact us.", { field: "token" });

/** "Wang Fang" → "W*** F***", "王小明" → "王**": enough to recognise oneself, not to learn a name. */
export const maskName = (name: string | null): string =>
  (name ?? "").trim().split(/(\s+)/).map((w) => (/^\s+$/.test(w) ? " " : [...w].map((ch, i) => (i === 0 ? ch : "*")).join(""))).join("");

/** The customer the link was made for, following merges to the record that lives on; null when gone or erased. */
async function linkTarget(db: Kysely<Database>, token: string): Promise<{ customerId: number; channel: string; name: string | null } | null> {
  const t = await readUnsubscribeToken(db, token);
  const id = t ? await liveCustomerId(db, t.customerId) : null;
  if (!t || id === null) return null;
  const c = await db.selectFrom("customers").select("name").where("customer_id", "=", id).executeTakeFirstOrThrow();
  return { customerId: id, channel: t.channel, name: c.name };
}

async function consentStatus(db: Kysely<Database>, customerId: number, channel: string) {
  const r = await db.selectFrom("contact_consents").select("status").where("customer_id", "=", customerId).where("channel", "=", channel).executeTakeFirst();
  return r?.status ?? null;
}

export const publicUnsubscribeRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app;
  // Mail programs post the one-click form URL-encoded (parsed here; only this plugin reads such
  // bodies) or as multipart/form-data (the app's multipart plugin takes it; the fields are not needed).
  app.addContentTypeParser("application/x-www-form-urlencoded", { parseAs: "string", bodyLimit: 1024 }, (_req, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(String(body))));
  });

  app.get("/public/unsubscribe/:token", {
    config: { permission: "public" },
    schema: { tags, summary: "What an unsubscribe link is for: the channel and the customer's masked name", params: Params, response: { 200: LinkInfo } },
  }, async (req) => {
    const t = await linkTarget(db, req.params.token);
    if (!t) throw invalid();
    return { channel: t.channel, name: maskName(t.name), unsubscribed: (await consentStatus(db, t.customerId, t.channel)) === "withdrawn" };
  });

  app.post("/public/unsubscribe/:token", {
    config: { permission: "public" },
    bodyLimit: 1024,
    schema: {
      tags, summary: "Withdraw the consent an unsubscribe link names; the same again changes nothing. Takes the RFC 8058 one-click form body too",
      params: Params,
      body: z.object({ "List-Unsubscribe": z.literal("One-Click").optional() }).passthrough().nullish(),
      response: { 200: LinkInfo },
    },
  }, async (req) => inTransaction(db, async (trx) => {
    const t = await linkTarget(trx, req.params.token);
    if (!t) throw invalid();
    const before = await consentStatus(trx, t.customerId, t.channel);
    if (before !== "withdrawn") {
      await setConsent(trx, t.customerId, t.channel, "withdrawn", "unsubscribe_link");
      await recordChange(trx, { userId: null, label: "system", ip: req.ip, requestId: String(req.id) }, {
        action: "customer.unsubscribed", entityType: "customer", entityId: t.customerId, customerId: t.customerId,
        before: { channel: t.channel, status: before }, after: { channel: t.channel, status: "withdrawn", source: "unsubscribe_link" },
      });
    }
    return { channel: t.channel, name: maskName(t.name), unsubscribed: true };
  }));
};
