import type { Kysely } from "kysely";
import { z } from "zod";
import { recordChange, type Actor } from "../../audit/audit.repository.ts";
import { mainlandChinaCalendar, STANDARD_HOURS, weekdayCalendar, type IsoWeekday, type WeekHours, type WorkingCalendar, type YearOverride } from "../../domain/calendar/index.ts";
import { DEFAULT_AUTHORITY, validatePolicy, type AuthorityPolicy } from "../../domain/complaints/authority.ts";
import { isMoney } from "../../domain/complaints/money.ts";
import { RetainError } from "../../errors.ts";
import type { Database } from "../../store/schema.ts";
import { getFeatureSetting, putFeatureSetting } from "../../store/settings.repository.ts";
import { inTransaction } from "../../store/transaction.ts";

/**
 * The complaint settings (GET/PUT /api/complaints/settings): who may
 * grant how much compensation, the SLA targets per severity in business minutes, the working
 * week and the holiday corrections the SLA clocks run on, and the category list. Stored in
 * the settings table under one key and checked as a whole before it is saved.
 */
export const SETTINGS_KEY = "complaints";

export const SEVERITIES = ["low", "normal", "high", "critical"] as const;
export type Severity = (typeof SEVERITIES)[number];

const WEEKDAY_KEYS = ["1", "2", "3", "4", "5", "6", "7"] as const;
const Day = z.iso.date();
const Minutes = z.number().int().min(0).max(525_600);
const Limit = z.string().refine(isMoney, "a non-negative amount such as \"200.00\"").nullable();
const Role = z.enum(["admin", "manager", "agent", "analyst"]);

export const ComplaintSettingsSchema = z.object({
  authority: z.object({ limits: z.partialRecord(Role, Limit) }),
  sla: z.object({
    bySeverity: z.record(z.enum(SEVERITIES), z.object({ firstResponseMinutes: Minutes, resolutionMinutes: Minutes })),
    warnAtFraction: z.number().min(0).max(1),
    hours: z.record(z.enum(WEEKDAY_KEYS), z.array(z.tuple([z.number().int().min(0).max(1440), z.number().int().min(0).max(1440)])).max(24)),
    holidayOverrides: z.record(z.string().regex(/^\d{4}$/, "a year such as 2027"), z.object({
      addDaysOff: z.array(Day).max(366).optional(),
      removeDaysOff: z.array(Day).max(366).optional(),
      addMakeUpDays: z.array(Day).max(366).optional(),
      removeMakeUpDays: z.array(Day).max(366).optional(),
    })),
  }),
  categories: z.array(z.string().trim().min(1).max(100)).min(1).max(200),
}).meta({ id: "ComplaintSettings" });

export type ComplaintSettings = z.infer<typeof ComplaintSettingsSchema>;

const hoursOut = (h: WeekHours): ComplaintSettings["sla"]["hours"] =>
  Object.fromEntries(WEEKDAY_KEYS.map((k) => [k, h[Number(k) as IsoWeekday].map(([s, e]) => [s, e] as [number, number])])) as ComplaintSettings["sla"]["hours"];

/** Sensible defaults: the domain's authority limits, a working day of 8 business hours per resolution step up. */
export const DEFAULT_COMPLAINT_SETTINGS: ComplaintSettings = {
  authority: { limits: { ...DEFAULT_AUTHORITY.limits } },
  sla: {
    bySeverity: {
      critical: { firstResponseMinutes: 60, resolutionMinutes: 480 },
      high: { firstResponseMinutes: 120, resolutionMinutes: 960 },
      normal: { firstResponseMinutes: 240, resolutionMinutes: 1440 },
      low: { firstResponseMinutes: 480, resolutionMinutes: 2880 },
    },
    warnAtFraction: 0.8,
    hours: hoursOut(STANDARD_HOURS),
    holidayOverrides: {},
  },
  // DOMAIN §6: what customers complain about in a small or mid-size firm.
  categories: ["product quality", "delivery", "service attitude", "price/billing", "after-sales", "other"],
};

const bad = (field: string, message: string) => new RetainError("BAD_INPUT", `Complaint settings ${field}: ${message}`, { field });

// Building the calendar reads every year of the holiday data (tens of ms): keep the last one.
let lastCalendar: { key: string; cal: WorkingCalendar } | null = null;

/** The working calendar the SLA clocks run on: mainland China holidays, the configured week and corrections. */
export function calendarOf(s: ComplaintSettings): WorkingCalendar {
  const key = JSON.stringify([s.sla.hours, s.sla.holidayOverrides]);
  if (lastCalendar?.key !== key) lastCalendar = { key, cal: buildCalendar(s) };
  return lastCalendar.cal;
}

function buildCalendar(s: ComplaintSettings): WorkingCalendar {
  const hours = Object.fromEntries(WEEKDAY_KEYS.map((k) => [Number(k), s.sla.hours[k]])) as unknown as WeekHours;
  const overrides: Record<number, YearOverride> = Object.fromEntries(Object.entries(s.sla.holidayOverrides).map(([y, o]) => [Number(y), o]));
  return mainlandChinaCalendar({ hours, overrides });
}

export const policyOf = (s: ComplaintSettings): AuthorityPolicy => ({ limits: s.authority.limits });

/** Checks settings as a whole; the first problem is the error, naming its field. */
export function checkSettings(input: unknown): ComplaintSettings {
  const r = ComplaintSettingsSchema.safeParse(input);
  if (!r.success) {
    const issue = r.error.issues[0]!;
    throw bad(issue.path.join(".") || "(body)", `${issue.message}.`);
  }
  const s = r.data;
  const policyIssue = validatePolicy(policyOf(s))[0];
  if (policyIssue) throw bad(`authority.${policyIssue.field ?? "limits"}`, policyIssue.message);
  if (new Set(s.categories).size !== s.categories.length) throw bad("categories", "each category may be listed once.");
  try {
    weekdayCalendar(Object.fromEntries(WEEKDAY_KEYS.map((k) => [Number(k), s.sla.hours[k]])) as unknown as WeekHours);
  } catch (e) {
    throw bad("sla.hours", `${(e as Error).message}.`);
  }
  for (const [year, o] of Object.entries(s.sla.holidayOverrides)) {
    try {
      mainlandChinaCalendar({ years: [], overrides: { [Number(year)]: o } });
    } catch (e) {
      throw bad(`sla.holidayOverrides.${year}`, `${(e as Error).message}.`);
    }
  }
  return s;
}

/** The saved settings, each part not saved yet taken from the defaults. */
export async function getComplaintSettings(db: Kysely<Database>): Promise<ComplaintSettings> {
  const stored = (await getFeatureSetting(db, SETTINGS_KEY)) as Partial<ComplaintSettings> | undefined;
  if (!stored) return DEFAULT_COMPLAINT_SETTINGS;
  return { ...DEFAULT_COMPLAINT_SETTINGS, ...stored, sla: { ...DEFAULT_COMPLAINT_SETTINGS.sla, ...stored.sla } };
}

/** Replaces the complaint settings after checking them; audit-logged with the settings before. */
export async function setComplaintSettings(db: Kysely<Database>, input: unknown, actor: Actor): Promise<ComplaintSettings> {
  const s = checkSettings(input);
  return inTransaction(db, async (trx) => {
    const before = await getFeatureSetting(trx, SETTINGS_KEY);
    await putFeatureSetting(trx, SETTINGS_KEY, s);
    await recordChange(trx, actor, { action: "complaints.settings_updated", entityType: "settings", entityId: SETTINGS_KEY, before: before ?? null, after: s });
    return s;
  });
}
