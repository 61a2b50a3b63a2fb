import type { Kysely } from "kysely";
import { z } from "zod";
import { PYRAMID_TIERS } from "../../analytics/value/ranking.ts";
import { FESTIVALS, type FestivalKey } from "../../domain/calendar/festivals.ts";
import type { Database } from "../../store/schema.ts";
import { getFeatureSetting, putFeatureSetting } from "../../store/settings.repository.ts";
import { LANGUAGES } from "./journey-templates.ts";

/**
 * Care reminders' settings (feature setting "reminders", DOMAIN §5 "relationship care"): how
 * long before each kind of occasion the owner is reminded, which holidays each value tier is
 * greeted on, and how often key accounts are visited.
 */
export const REMINDERS_KEY = "reminders";

const FESTIVAL_KEYS = FESTIVALS.map((f) => f.key) as [FestivalKey, ...FestivalKey[]];
const Lead = z.number().int().min(0).max(60);
const Tiers = z.array(z.enum(PYRAMID_TIERS)).max(PYRAMID_TIERS.length);

export const ReminderSettingsSchema = z.object({
  enabled: z.boolean(),
  language: z.enum(LANGUAGES).describe("the language of the tasks' titles"),
  horizonDays: z.number().int().min(0).max(60).describe("each run makes the reminders due from today to this many days ahead"),
  leadDays: z.object({
    birthday: Lead, lunarBirthday: Lead, weddingAnniversary: Lead, companyAnniversary: Lead, other: Lead, festival: Lead,
  }).describe("days before the occasion the reminder is due"),
  feb29: z.enum(["feb28", "mar1"]).describe("where a 29 February date falls in a common year"),
  xiaonian: z.enum(["north", "south"]).describe("小年 on 腊月廿三 (north) or 廿四 (south)"),
  festivals: z.array(z.object({ key: z.enum(FESTIVAL_KEYS), tiers: Tiers })).max(FESTIVALS.length)
    .describe("the holidays greeted, each for the customers of these value tiers (latest snapshot)"),
  visits: z.object({
    enabled: z.boolean(),
    everyDays: z.number().int().min(7).max(365),
    tiers: Tiers,
  }).describe("planned visits to enterprise customers of these tiers, every so many days after the last visit"),
}).superRefine((s, ctx) => {
  const seen = new Set<string>();
  s.festivals.forEach((f, i) => {
    if (seen.has(f.key)) ctx.addIssue({ code: "custom", path: ["festivals", i, "key"], message: `${f.key} is listed twice` });
    seen.add(f.key);
  });
}).meta({ id: "ReminderSettings" });

export type ReminderSettings = z.infer<typeof ReminderSettingsSchema>;

export const DEFAULT_REMINDER_SETTINGS: ReminderSettings = Object.freeze({
  enabled: true,
  language: "zh-CN",
  horizonDays: 7,
  leadDays: { birthday: 3, lunarBirthday: 3, weddingAnniversary: 3, companyAnniversary: 7, other: 3, festival: 5 },
  feb29: "feb28",
  xiaonian: "north",
  festivals: (["springFestival", "dragonBoat", "midAutumn"] as const).map((key) => ({ key, tiers: ["key", "secondary"] as Array<(typeof PYRAMID_TIERS)[number]> })),
  visits: { enabled: true, everyDays: 90, tiers: ["key"] },
}) as ReminderSettings;

export async function getReminderSettings(db: Kysely<Database>): Promise<ReminderSettings> {
  const r = ReminderSettingsSchema.safeParse(await getFeatureSetting(db, REMINDERS_KEY));
  return r.success ? r.data : structuredClone(DEFAULT_REMINDER_SETTINGS);
}

/** Saves settings the caller has validated; the caller audits. */
export async function putReminderSettings(db: Kysely<Database>, s: ReminderSettings): Promise<void> {
  await putFeatureSetting(db, REMINDERS_KEY, s);
}
