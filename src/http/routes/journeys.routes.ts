import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { MERGE_FIELDS } from "../../domain/messages/template.ts";
import { FESTIVALS } from "../../domain/calendar/festivals.ts";
import { getSettings } from "../../store/settings.repository.ts";
import { todayIn } from "../../value/value-report.service.ts";
import { inTransaction } from "../../store/transaction.ts";
import {
  getJourneySettings, JourneySettingsSchema, knownCategories, putJourneySettings, type JourneySettings,
} from "../../retention/journeys/journey-settings.ts";
import { DEFAULT_TEMPLATES } from "../../retention/journeys/journey-templates.ts";
import { generateJourneySteps } from "../../retention/journeys/journeys.service.ts";
import { getReminderSettings, putReminderSettings, ReminderSettingsSchema } from "../../retention/journeys/reminder-settings.ts";
import { generateCareReminders } from "../../retention/journeys/reminders.service.ts";
import { upcoming } from "../../retention/journeys/upcoming.service.ts";
import type { Database } from "../../store/schema.ts";
import type { Kysely } from "kysely";
import { principalOf } from "../auth.ts";
import { recordRequestChange } from "../changes.ts";
import { isScoped } from "../permissions.ts";

/**
 * Post-purchase journeys and care reminders (docs/journeys.md): their settings, what they
 * will put on the agenda next, and running them now rather than waiting for the night.
 */
const tags = ["journeys"];
const Day = z.iso.date();

const Template = z.object({ subject: z.string(), body: z.string() });
const Steps = z.object({ welcome: Template, information: Template, checkIn: Template, repurchaseOffer: Template });
const Journey = z.object({ infoAfterDays: z.number(), checkInAfterDays: z.number(), replacementCycleDays: z.number(), offerLeadDays: z.number() });

const JourneySettingsView = z.object({
  settings: JourneySettingsSchema,
  categories: z.array(z.object({
    category: z.string(), products: z.number(), medianReplacementDays: z.number().nullable(), custom: z.boolean(), journey: Journey,
  })).describe("every category of the catalogue and the order lines, with the delays in force"),
  defaultTemplates: z.object({ "zh-CN": Steps, "zh-TW": Steps, en: Steps }),
  mergeFields: z.array(z.string()),
}).meta({ id: "JourneySettingsView" });

const ReminderSettingsView = z.object({
  settings: ReminderSettingsSchema,
  festivals: z.array(z.object({ key: z.string(), names: z.object({ "zh-CN": z.string(), "zh-TW": z.string(), en: z.string() }), lunar: z.boolean() })),
}).meta({ id: "ReminderSettingsView" });

const LunarDate = z.object({ year: z.number(), month: z.number(), day: z.number(), leap: z.boolean() });
const UpcomingItem = z.object({
  key: z.string(), source: z.enum(["journey", "reminder", "visit"]), kind: z.string(), customerId: z.number(), customerName: z.string().nullable(),
  ownerId: z.number().nullable(), ownerName: z.string().nullable(), dueOn: z.string(), title: z.string(), channel: z.enum(["task", "email"]),
  state: z.enum(["task", "email", "planned", "skipped"]).describe("skipped: an e-mail step a run would skip, for skipReason"),
  skipReason: z.enum(["not_live", "no_consent", "no_address"]).nullable(), taskId: z.number().nullable(), step: z.string().nullable(), category: z.string().nullable(),
  basis: z.enum(["model", "cycle"]).nullable(),
  occasion: z.object({
    kind: z.string(), date: z.string(), lunar: LunarDate.nullable(), festival: z.string().nullable(), years: z.number().nullable(), label: z.string().nullable(),
  }).nullable(),
}).meta({ id: "UpcomingAction" });

const RunResult = z.object({
  asOfDay: z.string(),
  journeys: z.object({
    enabled: z.boolean(), created: z.number(), existing: z.number(), tasks: z.number(), byStep: z.record(z.string(), z.number()),
    emails: z.object({ queued: z.number(), held: z.number(), skipped: z.number() }),
  }),
  reminders: z.object({ enabled: z.boolean(), created: z.number(), existing: z.number(), byKind: z.record(z.string(), z.number()) }),
}).meta({ id: "JourneyRunResult" });

async function journeyView(db: Kysely<Database>, s?: JourneySettings) {
  const settings = s ?? await getJourneySettings(db);
  return { settings, categories: await knownCategories(db, settings), defaultTemplates: DEFAULT_TEMPLATES, mergeFields: Object.keys(MERGE_FIELDS) };
}

const reminderView = async (db: Kysely<Database>) => ({
  settings: await getReminderSettings(db),
  festivals: FESTIVALS.map((f) => ({ key: f.key, names: f.names, lunar: ["lunar", "lunarYearEnd", "xiaonian"].includes(f.rule.calendar) })),
});

export const journeyRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app;
  const today = async () => todayIn((await getSettings(db)).timezone);

  app.get("/journeys/settings", {
    config: { permission: "actions:manage" },
    schema: { tags, summary: "The post-purchase journey's settings, the categories they apply to and the built-in templates", response: { 200: JourneySettingsView } },
  }, async () => journeyView(db));

  app.put("/journeys/settings", {
    config: { permission: "actions:manage" },
    schema: { tags, summary: "Replace the post-purchase journey's settings (e-mail templates are checked)", body: JourneySettingsSchema, response: { 200: JourneySettingsView } },
  }, async (req) => {
    await inTransaction(db, async (trx) => {
      const before = await getJourneySettings(trx);
      await putJourneySettings(trx, req.body);
      await recordRequestChange(trx, req, { action: "settings.journeys", entityType: "settings", entityId: null, before, after: req.body });
    });
    return journeyView(db, req.body);
  });

  app.get("/reminders/settings", {
    config: { permission: "actions:manage" },
    schema: { tags, summary: "Care reminders' settings: lead days, festivals by tier, key-account visits", response: { 200: ReminderSettingsView } },
  }, async () => reminderView(db));

  app.put("/reminders/settings", {
    config: { permission: "actions:manage" },
    schema: { tags, summary: "Replace the care reminders' settings", body: ReminderSettingsSchema, response: { 200: ReminderSettingsView } },
  }, async (req) => {
    await inTransaction(db, async (trx) => {
      const before = await getReminderSettings(trx);
      await putReminderSettings(trx, req.body);
      await recordRequestChange(trx, req, { action: "settings.reminders", entityType: "settings", entityId: null, before, after: req.body });
    });
    return reminderView(db);
  });

  app.get("/journeys/upcoming", {
    config: { permission: "customers:read" },
    schema: {
      tags, summary: "Journey steps and care reminders due in the next days: tasks already made and what the coming runs will make (agents: their book)",
      querystring: z.object({
        days: z.coerce.number().int().min(1).max(366).default(30),
        from: Day.optional().describe("the first day; default today in the business's time zone"),
        source: z.enum(["journey", "reminder"]).optional().describe("only journey steps, or only reminders and visits"),
      }),
      response: { 200: z.object({ asOfDay: z.string(), days: z.number(), items: z.array(UpcomingItem), truncated: z.boolean() }) },
    },
  }, async (req) => {
    const p = principalOf(req);
    const asOfDay = req.query.from ?? await today();
    const r = await upcoming(db, { asOfDay, days: req.query.days, source: req.query.source, book: isScoped(p) ? { userId: p.userId, team: p.team } : null });
    return { asOfDay, days: req.query.days, ...r };
  });

  app.post("/journeys/run", {
    config: { permission: "actions:manage" },
    schema: {
      tags, summary: "Run the post-purchase journeys and care reminders now (idempotent: what exists is not made again)",
      body: z.object({ asOfDay: Day.optional().describe("the business day to run for; default today") }).default({}), response: { 200: RunResult },
    },
  }, async (req) => {
    const asOfDay = req.body.asOfDay ?? await today();
    const journeys = await generateJourneySteps(db, asOfDay, { baseUrl: `${req.protocol}://${req.host}` });
    const reminders = await generateCareReminders(db, asOfDay);
    await recordRequestChange(db, req, { action: "journeys.ran", entityType: "journeys", entityId: null, after: { asOfDay, journeys: journeys.created, reminders: reminders.created } });
    return { asOfDay, journeys, reminders };
  });
};
