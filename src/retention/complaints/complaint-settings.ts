import type { Kysely } from "kysely";
import { z } from "zod";
import { recordChange, type Actor } from "../../audit/audit.repository.ts";
import { mainlandChinaCalendar, STANDARD_HOURS, weekdayCalendar, type IsoWeekday, type WeekHours, type WorkingCalendar, type YearOverride } from "../../domain/calendar/index.ts";
import { DEFAULT_AUTHORITY, validatePolicy, type AuthorityPolicy } from "../../domain/complaints/authority.ts";
import { isMoney } from "../../domain/complaints/money.ts";
import {
  DEFAULT_ROOT_CAUSES, rootCauseIndex, treeIssues, trimTree, type Labels, type RootCauseNode, type RootCausePlace,
} from "../../domain/complaints/root-causes.ts";
import { RetainError } from "../../errors.ts";
import type { Database } from "../../store/schema.ts";
import { getFeatureSetting, putFeatureSetting } from "../../store/settings.repository.ts";
import { inTransaction } from "../../store/transaction.ts";

/**
 * The complaint settings (GET/PUT /api/complaints/settings): who may
 * grant how much compensation, the SLA targets per severity in business minutes, the working
 * week and the holiday corrections the SLA clocks run on, the category list with a name for
 * each category in every language, and the root-cause tree. Stored in the settings table
 * under one key and checked as a whole before it is saved.
 */
export const SETTINGS_KEY = "complaints";

export const SEVERITIES = ["low", "normal", "high", "critical"] as const;
export type Severity = (typeof SEVERITIES)[number];

const WEEKDAY_KEYS = ["1", "2", "3", "4", "5", "6", "7"] as const;
const Day = z.iso.date();
const Minutes = z.number().int().min(0).max(525_600);
const Limit = z.string().refine(isMoney, "a non-negative amount such as \"200.00\"").nullable();
const Role = z.enum(["admin", "manager", "agent", "analyst"]);
const Name = z.string().trim().min(1).max(100);
const CategoryLabel = z.object({ en: Name, "zh-CN": Name, "zh-TW": Name });
// Names are checked by treeIssues, which says which node is at fault.
const NodeLabel = z.object({ en: z.string().max(200), "zh-CN": z.string().max(200), "zh-TW": z.string().max(200) });
const RootCause: z.ZodType<RootCauseNode> = z.object({
  key: z.string().max(100),
  label: NodeLabel,
  get children() {
    return z.array(RootCause).max(200).optional();
  },
}).meta({ id: "RootCauseNode", description: "a node of the root-cause tree (at most 3 levels): a stable key and its name in each language" });

/** The names of the default categories; the keys stay as stored on complaints. */
export const DEFAULT_CATEGORY_LABELS: Readonly<Record<string, Labels>> = {
  "product quality": { en: "Product quality", "zh-CN": "产品质量", "zh-TW": "產品品質" },
  "delivery": { en: "Delivery", "zh-CN": "物流配送", "zh-TW": "物流配送" },
  "service attitude": { en: "Service attitude", "zh-CN": "服务态度", "zh-TW": "服務態度" },
  "price/billing": { en: "Price and billing", "zh-CN": "价格与账单", "zh-TW": "價格與帳單" },
  "after-sales": { en: "After-sales", "zh-CN": "售后服务", "zh-TW": "售後服務" },
  "other": { en: "Other", "zh-CN": "其他", "zh-TW": "其他" },
};

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
    rules: z.array(z.object({
      channel: z.string().trim().min(1).max(40).nullable().default(null).describe("a channel (phone, web_form, …); null: any"),
      tier: z.string().trim().min(1).max(40).nullable().default(null).describe("the customer's value tier on the latest segment snapshot (key, secondary, ordinary, small); null: any"),
      severity: z.enum(SEVERITIES).nullable().default(null).describe("null: any"),
      firstResponseMinutes: Minutes,
      resolutionMinutes: Minutes,
    })).max(100).default(() => [])
      .describe("targets for some channels, value tiers or severities; the first rule that matches a complaint wins, else bySeverity"),
  }),
  categories: z.array(z.string().trim().min(1).max(100)).min(1).max(200).describe("the category keys a complaint may be opened with, as stored on complaints"),
  categoryLabels: z.record(z.string().trim().min(1).max(100), CategoryLabel).default(() => ({ ...DEFAULT_CATEGORY_LABELS }))
    .describe("a name in each language per category key; a key without one is shown as it is. May name keys no longer listed that stored complaints still carry"),
  rootCauses: z.array(RootCause).max(200).default(() => structuredClone(DEFAULT_ROOT_CAUSES) as RootCauseNode[])
    .describe("the root-cause tree a case's root cause is chosen from (keys unique across the tree)"),
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
    rules: [],
  },
  // DOMAIN §6: what customers complain about in a small or mid-size firm.
  categories: ["product quality", "delivery", "service attitude", "price/billing", "after-sales", "other"],
  categoryLabels: { ...DEFAULT_CATEGORY_LABELS },
  rootCauses: structuredClone(DEFAULT_ROOT_CAUSES) as RootCauseNode[],
};

const MAX_CATEGORY_LABELS = 400;

/**
 * The SLA targets of a complaint: the first rule whose channel, tier and severity (each null
 * for any) all match, else the targets of its severity. Key accounts answered faster, a
 * platform dispute held to the platform's deadline.
 */
export function slaTarget(s: ComplaintSettings, c: { severity: Severity; channel?: string | null; tier?: string | null }): { firstResponseMinutes: number; resolutionMinutes: number } {
  const rule = s.sla.rules.find((r) => (r.channel === null || r.channel === c.channel) && (r.tier === null || r.tier === c.tier) && (r.severity === null || r.severity === c.severity));
  return rule ?? s.sla.bySeverity[c.severity];
}

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

/**
 * A problem's path with the keys of the root-cause nodes on it, so that
 * "rootCauses.1.children.0.label.en" also reads "(logistics › logistics_late)".
 */
function nodesOn(input: unknown, path: readonly PropertyKey[]): string {
  if (path[0] !== "rootCauses") return "";
  const keys: string[] = [];
  let at: unknown = input;
  for (const step of path) {
    at = at !== null && typeof at === "object" ? (at as Record<PropertyKey, unknown>)[step] : undefined;
    if (typeof step === "number" && at !== null && typeof at === "object" && typeof (at as { key?: unknown }).key === "string") keys.push((at as { key: string }).key);
  }
  return keys.length ? `(${keys.join(" › ")}) ` : "";
}

/** Checks settings as a whole; the first problem is the error, naming its field. */
export function checkSettings(input: unknown): ComplaintSettings {
  const r = ComplaintSettingsSchema.safeParse(input);
  if (!r.success) {
    const issue = r.error.issues[0]!;
    throw bad(issue.path.join(".") || "(body)", `${nodesOn(input, issue.path)}${issue.message}.`);
  }
  const s = { ...r.data, rootCauses: trimTree(r.data.rootCauses) };
  const policyIssue = validatePolicy(policyOf(s))[0];
  if (policyIssue) throw bad(`authority.${policyIssue.field ?? "limits"}`, policyIssue.message);
  if (new Set(s.categories).size !== s.categories.length) throw bad("categories", "each category may be listed once.");
  if (Object.keys(s.categoryLabels).length > MAX_CATEGORY_LABELS) throw bad("categoryLabels", `name at most ${MAX_CATEGORY_LABELS} categories.`);
  const treeIssue = treeIssues(s.rootCauses)[0];
  if (treeIssue) throw bad(treeIssue.field, treeIssue.message);
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

/** The category keys a complaint may be opened with (as stored on complaints). */
export const categoryKeys = (s: ComplaintSettings): string[] => s.categories;

/** Every root-cause node of the settings by key, with its path from the top. */
export const rootCausePlaces = (s: ComplaintSettings): Map<string, RootCausePlace> => rootCauseIndex(s.rootCauses);

/** The node `key` names in the root-cause tree, or a BAD_INPUT error on `field` that says what to choose. */
export function rootCauseOf(s: ComplaintSettings, key: unknown, field: string): RootCausePlace {
  const place = typeof key === "string" ? rootCausePlaces(s).get(key) : undefined;
  if (place) return place;
  const tops = s.rootCauses.map((n) => n.key).join(", ");
  throw new RetainError("BAD_INPUT", `${field}: ${JSON.stringify(key)} is not a root cause in the complaint settings; choose a node of the tree (top level: ${tops}), or add it to the tree first.`, { field });
}

/**
 * The saved settings, each part not saved yet taken from the defaults: settings saved before
 * categories had names and before the root-cause tree get the default names and tree.
 */
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
