/**
 * The post-purchase journey (DOMAIN §5, seed 000's four stages after a purchase):
 * (1) commitment/doubt — reassure at once: a welcome with the service number within a day;
 * (2) learning/evaluation — information and training after a configurable delay;
 * (3) appreciation/acceptance — a check-in during the longest stage;
 * (4) re-evaluation — a repurchase offer timed BEFORE the product wears out or the customer
 *     would buy again: from the models' expected next order date when there is one, else
 *     from the category's replacement cycle, less a lead time.
 * This decides the steps and their due days; sending them is the scheduler's job. A later
 * purchase supersedes the steps of the earlier journey that are still ahead.
 */

export interface CategoryJourney {
  /** Days after the purchase for the information step (stage 2). */
  infoAfterDays: number;
  /** Days after the purchase for the check-in (stage 3). */
  checkInAfterDays: number;
  /** How long the category's products usually last or are used up, in days. */
  replacementCycleDays: number;
  /** How many days before the expected repurchase the offer goes out. */
  offerLeadDays: number;
}

export const DEFAULT_JOURNEY: CategoryJourney = { infoAfterDays: 7, checkInAfterDays: 30, replacementCycleDays: 180, offerLeadDays: 14 };

export type JourneyStep = "welcome" | "information" | "checkIn" | "repurchaseOffer";

export interface PlannedStep {
  customer: number;
  orderDay: number;
  /** null for the welcome, which is one per purchase whatever it holds. */
  category: string | null;
  step: JourneyStep;
  /** Day number the step is due. */
  due: number;
  /** What timed the repurchase offer: the model's expected next order, or the category's cycle. */
  basis?: "model" | "cycle";
}

export interface Purchase {
  customer: number;
  /** Day number of the purchase. */
  day: number;
  categories: string[];
  /** The models' expected next order day for this customer, when they have one. */
  expectedNextOrderDay?: number;
}

/** The steps of one purchase's journey, by its categories' settings (DEFAULT_JOURNEY when a category has none). */
export function planJourney(p: Purchase, settings: ReadonlyMap<string, CategoryJourney> = new Map(), welcomeWithinDays = 1): PlannedStep[] {
  const steps: PlannedStep[] = [{ customer: p.customer, orderDay: p.day, category: null, step: "welcome", due: p.day + welcomeWithinDays }];
  for (const category of [...new Set(p.categories)].sort()) {
    const j = settings.get(category) ?? DEFAULT_JOURNEY;
    const base = { customer: p.customer, orderDay: p.day, category };
    steps.push({ ...base, step: "information", due: p.day + j.infoAfterDays });
    const checkIn = p.day + j.checkInAfterDays;
    steps.push({ ...base, step: "checkIn", due: checkIn });
    const byModel = p.expectedNextOrderDay !== undefined && p.expectedNextOrderDay > p.day;
    const expected = byModel ? p.expectedNextOrderDay! : p.day + j.replacementCycleDays;
    // Never before the check-in: an offer on top of the welcome would be a hard sell, not care.
    steps.push({ ...base, step: "repurchaseOffer", due: Math.max(checkIn + 1, expected - j.offerLeadDays), basis: byModel ? "model" : "cycle" });
  }
  return steps.sort((a, b) => a.due - b.due || STEP_ORDER[a.step] - STEP_ORDER[b.step] || (a.category ?? "").localeCompare(b.category ?? ""));
}

const STEP_ORDER: Record<JourneyStep, number> = { welcome: 0, information: 1, checkIn: 2, repurchaseOffer: 3 };

/**
 * A customer's steps across their purchases, with the steps a later purchase makes moot
 * taken out: once they buy again, the earlier journey's check-in and repurchase offer for
 * the same category (and any category, for the offer) that fall after the new purchase go.
 */
export function journeysFor(purchases: readonly Purchase[], settings: ReadonlyMap<string, CategoryJourney> = new Map(), welcomeWithinDays = 1): PlannedStep[] {
  const sorted = [...purchases].sort((a, b) => a.day - b.day);
  const out: PlannedStep[] = [];
  sorted.forEach((p, i) => {
    const later = sorted.slice(i + 1).filter((q) => q.customer === p.customer && q.day > p.day);
    for (const s of planJourney(p, settings, welcomeWithinDays)) {
      const superseded = later.some((q) => s.due > q.day && (s.step === "repurchaseOffer" || (s.step === "checkIn" && s.category !== null && q.categories.includes(s.category))));
      if (!superseded) out.push(s);
    }
  });
  return out.sort((a, b) => a.due - b.due || a.customer - b.customer || STEP_ORDER[a.step] - STEP_ORDER[b.step]);
}
