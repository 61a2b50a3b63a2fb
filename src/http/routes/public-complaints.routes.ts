import type { FastifyReply, FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Actor } from "../../audit/audit.repository.ts";
import { RetainError } from "../../errors.ts";
import {
  createComplaintLink, fileComplaint, identifyFiler, LINK_DAYS_DEFAULT, LINK_DAYS_MAX, parseContact, publicForm, WORDS_MAX,
} from "../../retention/complaints/public-intake.service.ts";
import { actorOf, principalOf } from "../auth.ts";
import { assertCustomerAccess } from "../permissions.ts";
import { rateLimited, retryAfterSeconds, SlidingWindow } from "../rate-limit.ts";
import { IdParams, Text } from "../schemas.ts";

/**
 * The public complaint form (docs/complaints.md, "Public complaint form"): what the form
 * needs, filing a complaint without signing in, and the personal link staff send a customer.
 *
 * Spam limits, in this process's memory (a restart forgets them; servers count apart):
 * every submission from an address counts, refused ones too, at most 5 in 10 minutes; a
 * customer files at most 3 complaints a day this way. They run on the clock of the app's
 * sign-in limiter (AppOptions.loginLimiter), so a test that moves one moves both.
 */
export const PER_ADDRESS = { max: 5, windowMs: 10 * 60_000 };
export const PER_CUSTOMER = { max: 3, windowMs: 24 * 60 * 60_000 };
const BODY_LIMIT = 32 * 1024;
const FORM_ACTOR = "public complaint form";

const Token = z.string().max(200);

const Filing = z.object({
  token: Token.optional().describe("a personal link's token; without one, orderNo and contact are required"),
  orderNo: Text(100).optional(),
  contact: Text(320).optional().describe("the phone number or e-mail address of the order's customer"),
  category: Text(100).pipe(z.string().min(1, "choose a category")).describe("one of the complaint settings' categories"),
  words: Text(WORDS_MAX).pipe(z.string().min(1, "tell us what happened")).describe("the customer's own words"),
  product: Text(200).optional(),
  preferredContact: z.enum(["phone", "email"]).optional().describe("how the customer would like to hear back"),
  website: z.string().max(500).optional().describe("leave out or empty: a field people never see, to catch form-filling programs"),
}).superRefine((b, ctx) => {
  if (b.token) return;
  if (!b.orderNo) ctx.addIssue({ code: "custom", path: ["orderNo"], message: "enter the order number, or use your personal link" });
  if (!b.contact) ctx.addIssue({ code: "custom", path: ["contact"], message: "enter the phone number or e-mail address of the order" });
  else if (!parseContact(b.contact)) ctx.addIssue({ code: "custom", path: ["contact"], message: "enter a phone number or an e-mail address" });
});

export const publicComplaintRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app;
  const tags = ["complaints"];
  const now = () => new Date(app.loginLimiter.now());
  const perAddress = new SlidingWindow(PER_ADDRESS.max, PER_ADDRESS.windowMs, app.loginLimiter.now);
  const perCustomer = new SlidingWindow(PER_CUSTOMER.max, PER_CUSTOMER.windowMs, app.loginLimiter.now);

  const refuse = (reply: FastifyReply, waitMs: number, message: string): never => {
    reply.header("retry-after", String(retryAfterSeconds(waitMs)));
    throw rateLimited(message, waitMs);
  };
  // Counted before the body is read: malformed and oversized submissions count too.
  const countAddress = async (req: FastifyRequest, reply: FastifyReply) => {
    const key = `ip:${req.ip}`;
    const wait = perAddress.waitMs(key);
    if (wait > 0) refuse(reply, wait, "Too many complaints were sent from your network.");
    perAddress.hit(key);
  };

  app.get("/public/complaint-form", {
    config: { permission: "public" },
    schema: {
      tags, summary: "What the public complaint form needs: the categories, and whether a personal link is good (nothing about its customer)",
      querystring: z.object({ t: Token.optional().describe("a personal link's token") }),
      response: {
        200: z.object({
          categories: z.array(z.object({ key: z.string(), label: z.object({ en: z.string(), "zh-CN": z.string(), "zh-TW": z.string() }).nullable() })),
          link: z.enum(["valid", "invalid"]).nullable(),
        }),
      },
    },
  }, async (req) => publicForm(db, req.query.t, now()));

  app.post("/public/complaints", {
    config: { permission: "public" },
    bodyLimit: BODY_LIMIT,
    onRequest: countAddress,
    schema: {
      tags, summary: "File a complaint without signing in, by personal link or by order number and contact; answers only a reference",
      body: Filing,
      response: { 201: z.object({ reference: z.string(), thanks: z.literal(true) }) },
    },
  }, async (req, reply) => {
    if (req.body.website?.trim()) {
      throw new RetainError("BAD_INPUT", "This form was filled in by a program, not a person.", { field: "website", hint: "Leave the hidden field empty." });
    }
    const at = now();
    const filer = await identifyFiler(db, req.body, at);
    const key = `customer:${filer.customerId}`;
    const wait = perCustomer.waitMs(key);
    if (wait > 0) refuse(reply, wait, "We already have several complaints from you today and will be in touch.");
    const actor: Actor = { userId: null, label: FORM_ACTOR, ip: req.ip, requestId: String(req.id) };
    const { reference } = await fileComplaint(db, filer, req.body, actor, at);
    perCustomer.hit(key);
    return reply.code(201).send({ reference, thanks: true as const });
  });

  app.post("/customers/:id/complaint-link", {
    config: { permission: "complaints:write" },
    schema: {
      tags, summary: "A customer's personal link to the public complaint form: signed, expiring, naming them",
      params: IdParams,
      body: z.object({ validDays: z.number().int().min(1).max(LINK_DAYS_MAX).default(LINK_DAYS_DEFAULT) }).nullish().describe("optional; a link is good for 30 days unless told otherwise"),
      response: { 201: z.object({ url: z.string(), token: z.string(), expiresAt: z.string() }) },
    },
  }, async (req, reply) => {
    await assertCustomerAccess(db, principalOf(req), req.params.id);
    const link = await createComplaintLink(db, req.params.id, req.body?.validDays ?? LINK_DAYS_DEFAULT, actorOf(req), now());
    return reply.code(201).send({ url: `${req.protocol}://${req.host}/feedback?t=${encodeURIComponent(link.token)}`, ...link });
  });
};
