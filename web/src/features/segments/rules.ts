import type { SnapshotRules, TakeSnapshotBody } from "./api/segments.api";

/**
 * The segmentations' default rules, mirroring DEFAULT_PROFIT_GROUP_RULE, DEFAULT_LOYALTY_RULE,
 * DEFAULT_LADDER_RULE (src/analytics/value/segments.ts) and DEFAULT_TRANSACTION_RULE
 * (src/analytics/value/report.ts). Shown in the snapshot form; a field left at its default is
 * not sent, so the server's own default applies.
 */
export const DEFAULT_RULES: SnapshotRules = {
  profitGroups: { topShare: 0.2, change: 0.25 },
  loyalty: { churnDays: 365, newDays: 180, loyalPurchaseDays: 3, loyalTopShare: 0.2, loyalMaxDiscount: 0.3 },
  ladder: { periodMonths: 3, loyalPeriods: 3, oldMonths: 12 },
  transaction: { minDiscountShare: 0.3, maxPurchaseDays: 2 },
};

/** The rule fields of the snapshot form, flat as the API takes them. */
export type RuleFields = Required<Omit<TakeSnapshotBody, "asOf" | "window" | "by">>;

export const flatRules = (r: SnapshotRules): RuleFields => ({
  ...r.profitGroups,
  ...r.loyalty,
  ...r.ladder,
  transactionDiscount: r.transaction.minDiscountShare,
  transactionDays: r.transaction.maxPurchaseDays,
});

/** A snapshot's saved rules, with any part missing (an older snapshot) filled in by the defaults. */
export function snapshotRules(saved: Record<string, unknown>): SnapshotRules {
  const part = <K extends keyof SnapshotRules>(k: K): SnapshotRules[K] => ({ ...DEFAULT_RULES[k], ...(saved[k] as Partial<SnapshotRules[K]> | undefined) });
  return { profitGroups: part("profitGroups"), loyalty: part("loyalty"), ladder: part("ladder"), transaction: part("transaction") };
}

/** The fields whose value differs from the default: what the form sends. */
export function changedRules(fields: RuleFields): Partial<RuleFields> {
  const defaults = flatRules(DEFAULT_RULES);
  return Object.fromEntries(Object.entries(fields).filter(([k, v]) => v !== defaults[k as keyof RuleFields])) as Partial<RuleFields>;
}

const DAY_MS = 86_400_000;
const dayNumber = (d: string) => Date.parse(`${d}T00:00:00Z`) / DAY_MS;

/** The day `months` calendar months from `day` (a day number), clamped to the month's end, as the server's addMonths. */
function addMonths(day: number, months: number): number {
  const t = new Date(day * DAY_MS);
  const target = t.getUTCMonth() + months;
  const last = new Date(Date.UTC(t.getUTCFullYear(), target + 1, 0)).getUTCDate();
  return Date.UTC(t.getUTCFullYear(), target, Math.min(t.getUTCDate(), last)) / DAY_MS;
}

/**
 * The window length ("12m", "90d") of a window from `from` to `asOf`: the inverse of the
 * server's windowStart (src/value/value-report.service.ts), which starts an n-month window
 * n months before the day after `asOf`.
 */
export function windowOf(asOf: string, from: string): string {
  const next = dayNumber(asOf) + 1;
  const start = dayNumber(from);
  for (let n = 1; n <= 240; n++) {
    const d = addMonths(next, -n);
    if (d === start) return `${n}m`;
    if (d < start) break;
  }
  return `${next - start}d`;
}

/** The value report's query for a snapshot: the same date, window, measure and rules. */
export function reportQueryOf(s: { asOf: string; windowFrom: string; by: "sales" | "margin"; rules: Record<string, unknown> }) {
  return { asOf: s.asOf, window: windowOf(s.asOf, s.windowFrom), by: s.by, ...flatRules(snapshotRules(s.rules)) };
}

// ---------------------------------------------------------------------------------------
// RFM

/** The named segments of the R × F grid, mirroring RFM_SEGMENTS (src/analytics/value/rfm.ts). */
export const RFM_SEGMENTS = [
  { segment: "champions", r: [5], f: [4, 5] },
  { segment: "loyal", r: [3, 4], f: [4, 5] },
  { segment: "potential_loyalists", r: [4, 5], f: [2, 3] },
  { segment: "new", r: [5], f: [1] },
  { segment: "promising", r: [4], f: [1] },
  { segment: "need_attention", r: [3], f: [3] },
  { segment: "about_to_sleep", r: [3], f: [1, 2] },
  { segment: "cannot_lose", r: [1, 2], f: [5] },
  { segment: "at_risk", r: [1, 2], f: [3, 4] },
  { segment: "hibernating", r: [1, 2], f: [1, 2] },
] as const;
export type RfmSegment = (typeof RFM_SEGMENTS)[number]["segment"];

/** The segment of a recency and a frequency score (1–5 each). */
export function rfmSegment(r: number, f: number): RfmSegment {
  const s = RFM_SEGMENTS.find((x) => (x.r as readonly number[]).includes(r) && (x.f as readonly number[]).includes(f));
  if (!s) throw new RangeError(`not RFM scores: r=${r}, f=${f}`);
  return s.segment;
}

/** Each segment's fill and text colour: greens for the best, ambers for the slipping, reds for the ones at stake, grey for the asleep. */
export const RFM_COLORS: Record<RfmSegment, { fill: string; text: string }> = {
  champions: { fill: "#237804", text: "#ffffff" },
  loyal: { fill: "#52c41a", text: "#ffffff" },
  potential_loyalists: { fill: "#b7eb8f", text: "#135200" },
  new: { fill: "#08979c", text: "#ffffff" },
  promising: { fill: "#87e8de", text: "#00474f" },
  need_attention: { fill: "#fadb14", text: "#614700" },
  about_to_sleep: { fill: "#ffd591", text: "#873800" },
  cannot_lose: { fill: "#a8071a", text: "#ffffff" },
  at_risk: { fill: "#ff7875", text: "#5c0011" },
  hibernating: { fill: "#d9d9d9", text: "#262626" },
};
