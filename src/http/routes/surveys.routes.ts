import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { COMPLAINT_FOLLOW_UP, POST_PURCHASE } from "../../domain/surveys/templates.ts";
import { surveyResults } from "../../retention/surveys/survey-results.service.ts";
import {
  answerByToken, createSurvey, customerInvitations, getSurvey, getSurveySettings, inviteAudience, listSurveys, openByToken, PURPOSES,
  QuestionSchema, setSurveySettings, SurveyInputSchema, SurveySettingsSchema, updateSurvey, type InvitationOut,
} from "../../retention/surveys/surveys.service.ts";
import { actorOf, principalOf } from "../auth.ts";
import { assertCustomerAccess } from "../permissions.ts";

/**
 * Satisfaction and loyalty surveys (docs/surveys.md): surveys and their results for staff,
 * invitations by link, and the two public routes a customer's link page uses.
 */
const tags = ["surveys"];
const Id = z.coerce.number().int().positive();
const Day = z.iso.date();

const Survey = z.object({
  id: z.number(), name: z.string(), purpose: z.enum(PURPOSES), anonymous: z.boolean(), status: z.enum(["open", "closed"]), version: z.number(),
  questions: z.array(QuestionSchema), createdAt: z.string(), invited: z.number(), answered: z.number(),
}).meta({ id: "Survey" });

const Invitation = z.object({
  customerId: z.number(), invitationId: z.number(), surveyId: z.number(), trigger: z.string(), complaintId: z.number().nullable(),
  staffUserId: z.number().nullable(), createdAt: z.string(), expiresAt: z.string(), answeredAt: z.string().nullable(),
  state: z.enum(["open", "answered", "expired"]), url: z.string().describe("the link to send the customer"),
}).meta({ id: "SurveyInvitation" });

const Audience = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("customers"), customerIds: z.array(z.number().int().positive()).min(1).max(20_000) }),
  z.object({ kind: z.literal("tier"), tier: z.string().min(1).max(100).describe("a value tier of the latest segment snapshot") }),
  z.object({ kind: z.literal("purchased"), from: Day, to: Day }).describe("customers who bought in these days (inclusive)"),
]);

const Interval = { low: z.number().nullable(), high: z.number().nullable() };
const Csat = z.object({ n: z.number(), satisfied: z.number(), share: z.number().nullable(), mean: z.number().nullable(), ...Interval });
const Nps = z.object({ n: z.number(), promoters: z.number(), passives: z.number(), detractors: z.number(), score: z.number().nullable(), ...Interval });
const Group = z.object({ key: z.string(), label: z.string().nullable(), n: z.number(), csat: Csat.nullable(), nps: Nps.nullable(), index: z.number().nullable() });
const KanoCategory = z.enum(["A", "O", "M", "I", "R", "Q"]);

const Results = z.object({
  survey: Survey, since: z.string().nullable(), until: z.string().nullable(),
  invited: z.number(), answered: z.number(), responseRate: z.number().nullable(),
  csat: Csat.extend({ question: z.string() }).nullable().describe("share answering at least 4 of 5 (top-2 box), Wilson 95% interval"),
  nps: Nps.extend({ question: z.string() }).nullable().describe("% promoters (9–10) − % detractors (0–6), 95% interval"),
  index: z.object({
    value: z.number().nullable(), method: z.enum(["regression", "equal"]), r2: z.number().nullable(), fittedOn: z.number(),
    factors: z.array(z.object({ factor: z.string(), weight: z.number(), mean: z.number().nullable().describe("0..1 of the scale"), questions: z.array(z.string()) })),
  }).nullable().describe("the weighted satisfaction index, 0–100"),
  loyalty: z.object({ mean: z.number().nullable(), behaviour: z.number().nullable(), attitude: z.number().nullable(), n: z.number() }).nullable(),
  kano: z.array(z.object({
    question: z.string(), feature: z.string(), n: z.number(), counts: z.record(KanoCategory, z.number()), category: KanoCategory.nullable(),
    better: z.number().nullable(), worse: z.number().nullable(),
  })),
  questions: z.array(z.object({ key: z.string(), type: z.string(), answered: z.number(), mean: z.number().nullable(), counts: z.record(z.string(), z.number()) })),
  words: z.array(z.object({ question: z.string(), text: z.string(), answeredAt: z.string() })),
  byPeriod: z.array(Group), bySegment: z.array(Group), byStaff: z.array(Group), byTrigger: z.array(Group),
}).meta({ id: "SurveyResults" });

const PublicSurvey = z.object({
  name: z.string(), anonymous: z.boolean(), questions: z.array(QuestionSchema), state: z.enum(["open", "answered", "expired", "closed"]),
}).meta({ id: "PublicSurvey" });

const Token = z.object({ token: z.string().max(100) });

export const surveyRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app;
  const withUrl = (req: { protocol: string; host: string }, i: InvitationOut) => {
    const { token, ...rest } = i;
    return { ...rest, url: `${req.protocol}://${req.host}/s/${token}` };
  };

  app.get("/surveys", {
    config: { permission: "reports:read" },
    schema: { tags, summary: "Surveys, newest first, with how many were invited and answered", response: { 200: z.object({ items: z.array(Survey) }) } },
  }, async () => ({ items: await listSurveys(db) }));

  app.get("/surveys/templates", {
    config: { permission: "reports:read" },
    schema: { tags, summary: "The built-in surveys to start from", response: { 200: z.object({ items: z.array(SurveyInputSchema) }) } },
  }, async () => ({ items: [POST_PURCHASE, COMPLAINT_FOLLOW_UP].map((t) => SurveyInputSchema.parse(t)) }));

  app.post("/surveys", {
    config: { permission: "surveys:manage" },
    schema: { tags, summary: "Create a survey", body: SurveyInputSchema, response: { 201: Survey } },
  }, async (req, reply) => reply.code(201).send(await createSurvey(db, req.body, actorOf(req))));

  app.get("/surveys/settings", {
    config: { permission: "reports:read" },
    schema: { tags, summary: "Survey settings: the complaint follow-up survey and how long links stay valid", response: { 200: SurveySettingsSchema } },
  }, async () => getSurveySettings(db));

  app.put("/surveys/settings", {
    config: { permission: "settings:manage" },
    schema: { tags, summary: "Replace the survey settings", body: SurveySettingsSchema, response: { 200: SurveySettingsSchema } },
  }, async (req) => setSurveySettings(db, req.body, actorOf(req)));

  app.get("/surveys/:id", {
    config: { permission: "reports:read" },
    schema: { tags, summary: "One survey", params: z.object({ id: Id }), response: { 200: Survey } },
  }, async (req) => getSurvey(db, req.params.id));

  app.put("/surveys/:id", {
    config: { permission: "surveys:manage" },
    schema: {
      tags, summary: "Change a survey (once answered, only its name and status)", params: z.object({ id: Id }),
      body: SurveyInputSchema.extend({ version: z.number().int().min(1), status: z.enum(["open", "closed"]) }), response: { 200: Survey },
    },
  }, async (req) => updateSurvey(db, req.params.id, req.body, actorOf(req)));

  app.post("/surveys/:id/invitations", {
    config: { permission: "surveys:manage" },
    schema: {
      tags, summary: "Invite customers to a survey by link (one open invitation per customer and survey)", params: z.object({ id: Id }),
      body: z.object({ audience: Audience }), response: { 201: z.object({ invited: z.array(Invitation), skipped: z.number() }) },
    },
  }, async (req, reply) => {
    const r = await inviteAudience(db, req.params.id, req.body.audience, actorOf(req));
    return reply.code(201).send({ invited: r.invited.map((i) => withUrl(req, i)), skipped: r.skipped });
  });

  app.get("/surveys/:id/results", {
    config: { permission: "reports:read" },
    schema: {
      tags, summary: "CSAT, NPS, the satisfaction index, Kano and loyalty of a survey's answers, by period, tier, staff and occasion (docs/surveys.md)",
      params: z.object({ id: Id }),
      querystring: z.object({ since: Day.optional(), until: Day.optional(), grain: z.enum(["month", "quarter"]).default("month") }),
      response: { 200: Results },
    },
  }, async (req) => surveyResults(db, req.params.id, req.query));

  app.get("/customers/:id/survey-invitations", {
    config: { permission: "complaints:read" },
    schema: {
      tags, summary: "A customer's survey invitations (of one complaint when given), with their links",
      params: z.object({ id: Id }), querystring: z.object({ complaintId: Id.optional() }), response: { 200: z.object({ items: z.array(Invitation) }) },
    },
  }, async (req) => {
    await assertCustomerAccess(db, principalOf(req), req.params.id);
    return { items: (await customerInvitations(db, req.params.id, req.query.complaintId)).map((i) => withUrl(req, i)) };
  });

  app.get("/public/surveys/:token", {
    config: { permission: "public" },
    schema: { tags, summary: "The survey behind a link, and whether it can still be answered (no customer data)", params: Token, response: { 200: PublicSurvey } },
  }, async (req) => openByToken(db, req.params.token));

  app.post("/public/surveys/:token/answers", {
    config: { permission: "public" },
    bodyLimit: 64 * 1024,
    schema: {
      tags, summary: "Answer the survey behind a link, once", params: Token,
      body: z.object({ answers: z.record(z.string().max(40), z.unknown()) }), response: { 201: z.object({ thanks: z.literal(true) }) },
    },
  }, async (req, reply) => reply.code(201).send(await answerByToken(db, req.params.token, req.body.answers, { ip: req.ip })));
};
