import type { Kysely } from "kysely";
import { DECILE_CUTS, groupsByRankShare, PYRAMID_CUTS, PYRAMID_TIERS, rankByValue } from "../analytics/value/ranking.ts";
import { DEFAULT_RFM8, isTransactionCustomer, rfm8Analysis, type Rfm8Choice, type TransactionRule, type ValueMeasure } from "../analytics/value/report.ts";
import { RFM8_SEGMENTS, roundedQuotient, type Rfm8Cutoffs } from "../analytics/value/rfm8.ts";
import { rfmScores, rfmSegment } from "../analytics/value/rfm.ts";
import {
  checkLadderRule, DEFAULT_LADDER_RULE, DEFAULT_LOYALTY_RULE, DEFAULT_PROFIT_GROUP_RULE, LADDER_RUNGS, ladderRungs, LOYALTY_CLASSES, LOYALTY_TREATMENT,
  loyaltyClasses, NO_GROUP, PROFIT_GROUPS, profitGroups, summarize, windowValue,
  type GroupSummary, type LadderRule, type LadderRung, type LoyaltyClass, type LoyaltyRule, type ProfitGroup, type ProfitGroupRule,
} from "../analytics/value/segments.ts";
import { addMonths, dayNumber, dayText } from "../domain/days.ts";
import { RetainError } from "../errors.ts";
import type { Database } from "../store/schema.ts";
import { alignIds, archiveCustomerIds, saveSnapshot, type CustomerSegmentRow } from "../store/segments.repository.ts";
import { customerValues, type CustomerSegmentInputs, type CustomerValues, type SegmentInputs } from "../store/value.repository.ts";

/** The rules of the segmentations, each with its defaults (docs/value.md, "Segments"). */
export interface SegmentRules {
  profitGroups: ProfitGroupRule;
  loyalty: LoyaltyRule;
  ladder: LadderRule;
}

export const DEFAULT_SEGMENT_RULES: SegmentRules = { profitGroups: DEFAULT_PROFIT_GROUP_RULE, loyalty: DEFAULT_LOYALTY_RULE, ladder: DEFAULT_LADDER_RULE };

/** The rules as flat fields, the names the API's query and body use; any may be missing. */
export type RuleFields = Partial<SegmentRules["profitGroups"] & SegmentRules["loyalty"] & SegmentRules["ladder"]>;

/** Flat rule fields grouped by segmentation, the missing ones left out (they keep their defaults). */
export function rulesOfFields(f: RuleFields): { profitGroups: Partial<ProfitGroupRule>; loyalty: Partial<LoyaltyRule>; ladder: Partial<LadderRule> } {
  const given = <T extends Record<string, number | undefined>>(o: T) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
  return {
    profitGroups: given({ topShare: f.topShare, change: f.change }),
    loyalty: given({ churnDays: f.churnDays, newDays: f.newDays, loyalPurchaseDays: f.loyalPurchaseDays, loyalTopShare: f.loyalTopShare, loyalMaxDiscount: f.loyalMaxDiscount }),
    ladder: given({ periodMonths: f.periodMonths, loyalPeriods: f.loyalPeriods, oldMonths: f.oldMonths }),
  };
}

/** Fills the rules from partial ones, and checks them, naming the field that is wrong. */
export function segmentRules(partial?: { profitGroups?: Partial<ProfitGroupRule>; loyalty?: Partial<LoyaltyRule>; ladder?: Partial<LadderRule> }): SegmentRules {
  const rules: SegmentRules = {
    profitGroups: { ...DEFAULT_PROFIT_GROUP_RULE, ...partial?.profitGroups },
    loyalty: { ...DEFAULT_LOYALTY_RULE, ...partial?.loyalty },
    ladder: { ...DEFAULT_LADDER_RULE, ...partial?.ladder },
  };
  const share = (v: number, field: string) => {
    if (!(v >= 0 && v <= 1)) throw new RetainError("BAD_INPUT", `${field} ${v}: give a share from 0 to 1 (0.2 for 20%).`, { field });
  };
  const whole = (v: number, field: string, max = 3650) => {
    if (!Number.isInteger(v) || v < 1 || v > max) throw new RetainError("BAD_INPUT", `${field} ${v}: give a whole number from 1 to ${max}.`, { field });
  };
  share(rules.profitGroups.topShare, "topShare");
  share(rules.profitGroups.change, "change");
  whole(rules.loyalty.churnDays, "churnDays");
  whole(rules.loyalty.newDays, "newDays");
  whole(rules.loyalty.loyalPurchaseDays, "loyalPurchaseDays");
  share(rules.loyalty.loyalTopShare, "loyalTopShare");
  share(rules.loyalty.loyalMaxDiscount, "loyalMaxDiscount");
  whole(rules.ladder.periodMonths, "periodMonths", 120);
  whole(rules.ladder.loyalPeriods, "loyalPeriods", 60);
  whole(rules.ladder.oldMonths, "oldMonths", 120);
  checkLadderRule(rules.ladder);
  return rules;
}

/** Every customer's segments as of a date: the window's values and one code per analysis. */
export interface Segmentation {
  from: string;
  to: string;
  by: ValueMeasure;
  rules: SegmentRules;
  transactionRule: TransactionRule;
  columns: CustomerValues;
  previous: { netSales: BigInt64Array; margin: BigInt64Array };
  profitGroup: Uint8Array;
  loyalty: Uint8Array;
  ladder: Uint8Array;
  /** Archive customers without a sale by the as-of date: the ladder's first rung. */
  withoutSale: Float64Array;
  /** The 8-segment RFM: the choice, the cut-offs it gave, and each column's segment (NO_GROUP outside the window's buyers). */
  rfm8: { choice: Rfm8Choice; cutoffs: Rfm8Cutoffs | null; code: Uint8Array };
}

/**
 * The window before [from, to]: the same length, ending the day before `from` (a 12-month
 * window's previous window is the 12 months before it).
 */
export function previousWindow(from: string, to: string): { from: string; to: string } {
  const start = dayNumber(from);
  const end = dayNumber(to);
  // Month-shaped windows (from the 1st, or the day after a month's end) step back by months; others by days.
  const months = monthsBetween(start, end + 1);
  if (months !== null) return { from: dayText(addMonths(start, -months)), to: dayText(start - 1) };
  return { from: dayText(start - (end - start + 1)), to: dayText(start - 1) };
}

/** Whole months from `a` to `b` when b = a + k months exactly, else null. */
function monthsBetween(a: number, b: number): number | null {
  const ta = dayText(a);
  const tb = dayText(b);
  const k = (Number(tb.slice(0, 4)) - Number(ta.slice(0, 4))) * 12 + Number(tb.slice(5, 7)) - Number(ta.slice(5, 7));
  return k > 0 && addMonths(a, k) === b ? k : null;
}

/** What the segmentations read beside the window's values, in the same pass (value.repository SegmentInputs). */
export function segmentInputs(o: { from: string; to: string; rules: SegmentRules }): SegmentInputs {
  return { previous: previousWindow(o.from, o.to), periodMonths: o.rules.ladder.periodMonths, recent: o.rules.ladder.loyalPeriods };
}

export async function computeSegments(
  db: Kysely<Database>,
  o: {
    from: string; to: string; by: ValueMeasure; transactionRule: TransactionRule; rules: SegmentRules; timezone: string; rfm8?: Rfm8Choice;
    columns?: CustomerValues & CustomerSegmentInputs;
  },
): Promise<Segmentation> {
  const [columns, archive] = await Promise.all([
    o.columns ?? customerValues(db, { from: o.from, to: o.to }, segmentInputs(o)),
    archiveCustomerIds(db),
  ]);
  const toDay = dayNumber(o.to);
  const previous = { netSales: columns.previousNet, margin: columns.previousMargin };
  // Without a sale by D: the archive's customers not in the columns (every customer with a
  // line by D is; one with only returns is on the ladder's first rung from there).
  const inColumns = alignIds(archive, columns.ids);
  const withoutSale = archive.filter((_id, k) => inColumns[k]! < 0);
  const ladder = ladderRungs(
    { purchasePeriods: columns.purchasePeriods, recentPeriods: columns.recentPeriods, firstPurchase: columns.firstPurchase },
    { oldBefore: addMonths(toDay, -o.rules.ladder.oldMonths), rule: o.rules.ladder },
  );
  return {
    from: o.from,
    to: o.to,
    by: o.by,
    rules: o.rules,
    transactionRule: o.transactionRule,
    columns,
    previous,
    profitGroup: profitGroups(columns, o.by === "sales" ? previous.netSales : previous.margin, { by: o.by, transactionRule: o.transactionRule, rule: o.rules.profitGroups }),
    loyalty: loyaltyClasses(columns, { toDay, by: o.by, rule: o.rules.loyalty }),
    ladder,
    withoutSale,
    rfm8: rfm8Codes(columns, toDay, o.by, o.rfm8 ?? DEFAULT_RFM8),
  };
}

/** Each column's 8-segment RFM code, as the value report computes it (docs/value.md, "The 8-segment RFM"). */
function rfm8Codes(columns: CustomerValues, toDay: number, by: ValueMeasure, choice: Rfm8Choice): Segmentation["rfm8"] {
  const { members, cutoffs, codes } = rfm8Analysis(columns, { toDay, by, choice });
  const code = new Uint8Array(columns.ids.length).fill(NO_GROUP);
  members.forEach((i, k) => (code[i] = codes[k]!));
  return { choice, cutoffs, code };
}

/** The 8-segment RFM's choice and the cut-offs it gave, as saved with a snapshot's rules (money as decimal text). */
export function rfm8Rule(s: Segmentation["rfm8"]) {
  const c = s.cutoffs;
  const value = (x: { num: bigint; den: bigint }) => Number(x.num) / Number(x.den);
  return {
    method: s.choice.method,
    cutoffs: c && { recencyDays: value(c.r), frequency: value(c.f), monetary: micros(roundedQuotient(c.m.num, c.m.den)).replace(/\.?0+$/, "") },
  };
}

/** The segments part of the value report: each group's size and value, with the rules. */
export interface SegmentsSummary {
  previousWindow: { from: string; to: string };
  profitGroups: { rule: ProfitGroupRule; groups: Array<GroupSummary<ProfitGroup>> };
  loyalty: { rule: LoyaltyRule; classes: Array<GroupSummary<LoyaltyClass> & { treatment: string }> };
  ladder: { rule: LadderRule; rungs: Array<{ rung: LadderRung; customers: number; netSales: bigint; margin: bigint }> };
}

export function summarizeSegments(s: Segmentation): SegmentsSummary {
  const rungs = summarize(LADDER_RUNGS, s.ladder, s.columns);
  rungs[0]!.customers += s.withoutSale.length;
  return {
    previousWindow: previousWindow(s.from, s.to),
    profitGroups: { rule: s.rules.profitGroups, groups: summarize(PROFIT_GROUPS, s.profitGroup, s.columns, s.previous) },
    loyalty: {
      rule: s.rules.loyalty,
      classes: summarize(LOYALTY_CLASSES, s.loyalty, s.columns, s.previous).map((r) => ({ ...r, treatment: LOYALTY_TREATMENT[r.group] })),
    },
    ladder: { rule: s.rules.ladder, rungs: rungs.map((r) => ({ rung: r.group, customers: r.customers, netSales: r.netSales, margin: r.margin })) },
  };
}

const micros = (m: bigint): string => {
  const neg = m < 0n;
  const a = neg ? -m : m;
  return `${neg ? "-" : ""}${a / 1_000_000n}.${String(a % 1_000_000n).padStart(6, "0")}`;
};

/**
 * One snapshot row per customer: everyone with a purchase or return by the as-of date, and
 * the archive's customers without a sale (the ladder's first rung), in id order.
 */
export function* snapshotRows(s: Segmentation): Generator<CustomerSegmentRow> {
  const c = s.columns;
  const n = c.ids.length;
  // Deciles and pyramid tiers: the window's buyers ranked by the measure, as in the report.
  const buyers: number[] = [];
  for (let i = 0; i < n; i++) if (c.purchaseDays[i]! > 0) buyers.push(i);
  const order = rankByValue(Float64Array.from(buyers, (i) => c.ids[i]!), BigInt64Array.from(buyers, (i) => windowValue(c, i, s.by)));
  const decileOf = groupsByRankShare(order.length, DECILE_CUTS);
  const tierOf = groupsByRankShare(order.length, PYRAMID_CUTS);
  const decile = new Uint8Array(n);
  const tier = new Uint8Array(n).fill(NO_GROUP);
  for (let rank = 0; rank < order.length; rank++) {
    const i = buyers[order[rank]!]!;
    decile[i] = decileOf[rank]! + 1;
    tier[i] = tierOf[rank]!;
  }
  // RFM over everyone who has bought by the as-of date, as in the report.
  const rfmMembers: number[] = [];
  for (let i = 0; i < n; i++) if (c.lastPurchase[i]! >= 0) rfmMembers.push(i);
  const toDay = dayNumber(s.to);
  const scores = rfmScores({
    recencyDays: Float64Array.from(rfmMembers, (i) => toDay - c.lastPurchase[i]!),
    frequency: Float64Array.from(rfmMembers, (i) => c.purchaseDaysToDate[i]!),
    monetary: BigInt64Array.from(rfmMembers, (i) => windowValue(c, i, "sales")),
  });
  const rfm = new Int32Array(n).fill(-1);
  rfmMembers.forEach((i, k) => (rfm[i] = k));

  let w = 0;
  const emptyRow = (id: number): CustomerSegmentRow => ({
    customer_id: id, net_sales: "0", margin: "0", decile: null, tier: null, customer_type: null, profit_group: null, loyalty: null, ladder: "potential",
    rfm_r: null, rfm_f: null, rfm_m: null, rfm_segment: null, rfm8_segment: null,
  });
  for (let i = 0; i < n; i++) {
    while (w < s.withoutSale.length && s.withoutSale[w]! < c.ids[i]!) yield emptyRow(s.withoutSale[w++]!);
    const k = rfm[i]!;
    const bought = c.purchaseDays[i]! > 0;
    yield {
      customer_id: c.ids[i]!,
      net_sales: micros(windowValue(c, i, "sales")),
      margin: micros(windowValue(c, i, "margin")),
      decile: bought ? decile[i]! : null,
      tier: tier[i] === NO_GROUP ? null : PYRAMID_TIERS[tier[i]!]!,
      customer_type: bought ? (isTransactionCustomer(c.discount[i]!, c.gross[i]!, c.purchaseDays[i]!, s.transactionRule) ? "transaction" : "relationship") : null,
      profit_group: s.profitGroup[i] === NO_GROUP ? null : PROFIT_GROUPS[s.profitGroup[i]!]!,
      loyalty: s.loyalty[i] === NO_GROUP ? null : LOYALTY_CLASSES[s.loyalty[i]!]!,
      ladder: LADDER_RUNGS[s.ladder[i]!]!,
      rfm_r: k < 0 ? null : scores.r[k]!,
      rfm_f: k < 0 ? null : scores.f[k]!,
      rfm_m: k < 0 ? null : scores.m[k]!,
      rfm_segment: k < 0 ? null : rfmSegment(scores.r[k]!, scores.f[k]!),
      rfm8_segment: s.rfm8.code[i] === NO_GROUP ? null : RFM8_SEGMENTS[s.rfm8.code[i]!]!,
    };
  }
  while (w < s.withoutSale.length) yield emptyRow(s.withoutSale[w++]!);
}

/** Computes and saves the segments of every customer as of a date (a snapshot). */
export async function takeSnapshot(
  db: Kysely<Database>,
  s: Segmentation,
  createdBy: number | null,
): Promise<{ asOf: string; customers: number }> {
  const rules = { ...s.rules, transaction: s.transactionRule, rfm8: rfm8Rule(s.rfm8) };
  const { customers } = await saveSnapshot(db, { asOf: s.to, windowFrom: s.from, measure: s.by, rules, createdBy }, snapshotRows(s));
  return { asOf: s.to, customers };
}
