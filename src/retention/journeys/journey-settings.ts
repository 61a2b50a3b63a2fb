import { sql, type Kysely } from "kysely";
import { z } from "zod";
import { DEFAULT_JOURNEY, type CategoryJourney, type JourneyStep } from "../../domain/journeys/post-purchase.ts";
import { checkEmailTemplate, fieldsOf, problemText } from "../../domain/messages/template.ts";
import type { Database } from "../../store/schema.ts";
import { getFeatureSetting, putFeatureSetting } from "../../store/settings.repository.ts";
import { DEFAULT_TEMPLATES, JOURNEY_STEPS, LANGUAGES, type Language } from "./journey-templates.ts";

/**
 * The post-purchase journey's settings (feature setting "journeys"): the delays of each
 * product category, the default for the others, and how each step reaches the customer — a
 * task on the owner's agenda, or an e-mail from a template checked before it is saved.
 */
export const JOURNEYS_KEY = "journeys";

const Days = (min: number, max: number) => z.number().int().min(min).max(max);

export const CategoryJourneySchema = z.object({
  infoAfterDays: Days(1, 365).describe("days after the purchase for the information step"),
  checkInAfterDays: Days(1, 730).describe("days after the purchase for the check-in"),
  replacementCycleDays: Days(1, 3650).describe("how long the products last or are used up"),
  offerLeadDays: Days(0, 365).describe("days before the expected repurchase the offer goes out"),
});

const StepSchema = z.object({
  channel: z.enum(["task", "email"]),
  subject: z.string().trim().max(200),
  body: z.string().trim().max(5000),
});

const stepsShape = Object.fromEntries(JOURNEY_STEPS.map((s) => [s, StepSchema])) as Record<JourneyStep, typeof StepSchema>;

function checkDelays(j: CategoryJourney, path: Array<string | number>, ctx: z.RefinementCtx): void {
  if (j.checkInAfterDays <= j.infoAfterDays) ctx.addIssue({ code: "custom", path: [...path, "checkInAfterDays"], message: "the check-in must come after the information step" });
  if (j.offerLeadDays >= j.replacementCycleDays) ctx.addIssue({ code: "custom", path: [...path, "offerLeadDays"], message: "the offer's lead must be shorter than the replacement cycle" });
}

export const JourneySettingsSchema = z.object({
  enabled: z.boolean(),
  language: z.enum(LANGUAGES).describe("the language of the tasks' titles"),
  welcomeWithinDays: Days(0, 7).describe("days after the purchase for the welcome"),
  default: CategoryJourneySchema.describe("for categories without their own row"),
  categories: z.array(CategoryJourneySchema.extend({ category: z.string().trim().min(1).max(100) })).max(500),
  steps: z.object(stepsShape),
}).superRefine((s, ctx) => {
  checkDelays(s.default, ["default"], ctx);
  const seen = new Set<string>();
  s.categories.forEach((c, i) => {
    if (seen.has(c.category)) ctx.addIssue({ code: "custom", path: ["categories", i, "category"], message: `"${c.category}" is listed twice` });
    seen.add(c.category);
    checkDelays(c, ["categories", i], ctx);
  });
  for (const step of JOURNEY_STEPS) {
    const t = s.steps[step];
    if (t.channel !== "email") continue;
    for (const p of checkEmailTemplate(t)) ctx.addIssue({ code: "custom", path: ["steps", step, p.part], message: problemText(p) });
    if (step === "welcome" && !fieldsOf(t.body).includes("serviceNumber")) {
      ctx.addIssue({ code: "custom", path: ["steps", step, "body"], message: "the welcome must give the service number: use {{serviceNumber}}" });
    }
  }
}).meta({ id: "JourneySettings" });

export type JourneySettings = z.infer<typeof JourneySettingsSchema>;

export function defaultJourneySettings(language: Language = "zh-CN"): JourneySettings {
  // The welcome and the product information are messages; the check-in and the repurchase
  // offer are worth a person's call. Without a public address for links, e-mails become tasks.
  const byEmail: ReadonlySet<string> = new Set(["welcome", "information"]);
  const steps = Object.fromEntries(JOURNEY_STEPS.map((s) => [s, { channel: byEmail.has(s) ? "email" : "task", ...DEFAULT_TEMPLATES[language][s] }])) as JourneySettings["steps"];
  return { enabled: true, language, welcomeWithinDays: 1, default: { ...DEFAULT_JOURNEY }, categories: [], steps };
}

/** The saved settings, or the defaults when never saved (or no longer valid). */
export async function getJourneySettings(db: Kysely<Database>): Promise<JourneySettings> {
  const stored = await getFeatureSetting(db, JOURNEYS_KEY);
  const r = JourneySettingsSchema.safeParse(stored);
  return r.success ? r.data : defaultJourneySettings();
}

/** Saves settings the caller has validated (the route's schema); the caller audits. */
export async function putJourneySettings(db: Kysely<Database>, s: JourneySettings): Promise<void> {
  await putFeatureSetting(db, JOURNEYS_KEY, s);
}

export interface KnownCategory {
  category: string;
  /** Products of the category in the catalogue. */
  products: number;
  /** The median replacement days of those products that have one; null when none has. */
  medianReplacementDays: number | null;
  /** Whether the settings hold a row of its own. */
  custom: boolean;
  /** What the journey uses for it. */
  journey: CategoryJourney;
}

/**
 * Every category in the catalogue or on order lines, with the delays in force: its own row,
 * else the default with the replacement cycle of its products (their median) when known.
 */
export async function knownCategories(db: Kysely<Database>, s: JourneySettings): Promise<KnownCategory[]> {
  const rows = await sql<{ category: string; products: number; median: number | null }>`
    with cats as (
      select category from products where category is not null and category <> ''
      union select distinct category from order_lines where category is not null and category <> ''
    )
    select c.category, count(p.product_id)::int as products,
           percentile_cont(0.5) within group (order by p.replacement_days) as median
    from cats c left join products p on p.category = c.category
    group by c.category order by c.category`.execute(db);
  const own = new Map(s.categories.map(({ category, ...j }) => [category, j]));
  const out = rows.rows.map((r): KnownCategory => {
    const median = r.median === null ? null : Math.round(Number(r.median));
    const mine = own.get(r.category);
    return {
      category: r.category, products: Number(r.products), medianReplacementDays: median, custom: mine !== undefined,
      journey: mine ?? { ...s.default, replacementCycleDays: median ?? s.default.replacementCycleDays },
    };
  });
  // A category kept in the settings whose products are gone still applies to old orders' lines.
  for (const [category, journey] of own) {
    if (!out.some((c) => c.category === category)) out.push({ category, products: 0, medianReplacementDays: null, custom: true, journey });
  }
  return out.sort((a, b) => (a.category < b.category ? -1 : a.category > b.category ? 1 : 0));
}
