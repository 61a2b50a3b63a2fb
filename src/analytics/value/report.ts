/**
 * The value report: KPIs, monetary and purchase deciles, the Pareto headline and curve,
 * the customer pyramid and the RFM segments, from every customer's value over a window
 * (definitions in docs/value.md). Pure: the caller reads the columns from the store.
 */
import {
  customersToReach, DECILE_CUTS, groupsByRankShare, paretoCurve, purchaseDeciles, PYRAMID_CUTS, PYRAMID_TIERS, rankByValue, ratio,
  summarizeGroups, total, type GroupRow, type PurchaseDecile,
} from "./ranking.ts";
import { rfmScores, segmentSummary, type SegmentRow } from "./rfm.ts";
import { rfm8Codes, rfm8Cutoffs, rfm8Summary, roundedQuotient, type CutoffMethod, type Rfm8Cutoffs, type Rfm8Input, type Rfm8Row } from "./rfm8.ts";

/** Per customer (money in micro-units); the store's customerValues gives these. */
export interface ValueColumns {
  ids: Float64Array;
  /** In the window. */
  orders: Uint32Array;
  purchaseDays: Uint32Array;
  gross: BigInt64Array;
  discount: BigInt64Array;
  sales: BigInt64Array;
  returns: BigInt64Array;
  cost: BigInt64Array;
  costedNetSales: BigInt64Array;
  /** Up to the window's end: days since 1970-01-01 of the last sale (−1: none), and the purchase days. */
  lastPurchase: Int32Array;
  purchaseDaysToDate: Uint32Array;
}

export type ValueMeasure = "sales" | "margin";

/**
 * Who buys only on price (DOMAIN §3, 交易顾客): a discount share in the window of at least
 * `minDiscountShare` and at most `maxPurchaseDays` purchase days in it. The rest of the
 * window's buyers are relationship customers.
 */
export interface TransactionRule {
  minDiscountShare: number;
  maxPurchaseDays: number;
}

export const DEFAULT_TRANSACTION_RULE: TransactionRule = { minDiscountShare: 0.3, maxPurchaseDays: 2 };

/** Whether a buyer is a transaction customer: exact, discount · 10⁶ ≥ share · 10⁶ · gross in integers. */
export function isTransactionCustomer(discount: bigint, gross: bigint, purchaseDays: number, rule: TransactionRule): boolean {
  if (gross <= 0n || purchaseDays === 0 || purchaseDays > rule.maxPurchaseDays) return false;
  return discount * 1_000_000n >= BigInt(Math.round(rule.minDiscountShare * 1_000_000)) * gross;
}

export interface ValueReport {
  window: { from: string; to: string };
  by: ValueMeasure;
  kpis: {
    /** Customers with a purchase day in the window: the population of the rankings. */
    customers: number;
    orders: number;
    /** Net sales (sales − returns) and contribution margin (of the costed lines), micro-units. */
    netSales: bigint;
    margin: bigint;
    /** Share of net sales whose cost is known: the margin covers exactly those lines. */
    marginCoverage: number | null;
    averageOrderValue: number | null;
    discountShare: number | null;
  };
  deciles: GroupRow[];
  purchaseDeciles: PurchaseDecile[] | null;
  /** The fewest best customers making 50, 80 and 90% of the measure, and their share of customers. */
  concentration: Array<{ share: number; customers: number | null; customerShare: number | null }>;
  pareto: Array<{ customerShare: number; valueShare: number }> | null;
  pyramid: Array<GroupRow & { tier: (typeof PYRAMID_TIERS)[number] }>;
  /** The window's buyers split by the transaction rule, with each side's size and value. */
  customerTypes: {
    rule: TransactionRule;
    transaction: { customers: number; netSales: bigint; margin: bigint };
    relationship: { customers: number; netSales: bigint; margin: bigint };
  };
  /** RFM over the customers with any purchase up to the window's end. */
  rfm: { customers: number; segments: SegmentRow[] };
  /** The 8-segment RFM over the window's buyers (docs/value.md, "The 8-segment RFM"). */
  rfm8: Rfm8Report;
}

/** How the 8-segment RFM cuts: the population's mean or median, or the user's own cut-offs. */
export type Rfm8Choice = { method: "mean" | "median" } | { method: "custom"; cutoffs: Rfm8Cutoffs };

export const DEFAULT_RFM8: Rfm8Choice = { method: "mean" };

export interface Rfm8Report {
  method: CutoffMethod;
  customers: number;
  /** The cut-offs used: R in days, F in purchase days, M in micro-units (rounded half away from zero); null without buyers. */
  cutoffs: { recencyDays: number; frequency: number; monetary: bigint } | null;
  segments: Rfm8Row[];
}

/**
 * The 8-segment RFM of the window's buyers (purchase days in the window > 0): R = days from
 * the last purchase to the window's end, F = purchase days up to it (the quintile RFM's F),
 * M = the report's measure in the window. `members` are indexes into the columns.
 */
export function rfm8Analysis(c: ValueColumns, o: { toDay: number; by: ValueMeasure; choice: Rfm8Choice }) {
  const members: number[] = [];
  for (let i = 0; i < c.ids.length; i++) if (c.purchaseDays[i]! > 0) members.push(i);
  const input: Rfm8Input = {
    recencyDays: Float64Array.from(members, (i) => o.toDay - c.lastPurchase[i]!),
    frequency: Float64Array.from(members, (i) => c.purchaseDaysToDate[i]!),
    monetary: BigInt64Array.from(members, (i) => (o.by === "sales" ? c.sales[i]! - c.returns[i]! : c.costedNetSales[i]! - c.cost[i]!)),
  };
  const cutoffs = o.choice.method === "custom" ? o.choice.cutoffs : rfm8Cutoffs(input, o.choice.method);
  const codes = cutoffs ? rfm8Codes(input, cutoffs) : new Uint8Array(0);
  return { members, input, cutoffs, codes };
}

function rfm8Report(c: ValueColumns, o: { toDay: number; by: ValueMeasure; choice: Rfm8Choice }): Rfm8Report {
  const { members, input, cutoffs, codes } = rfm8Analysis(c, o);
  return {
    method: o.choice.method,
    customers: members.length,
    cutoffs: cutoffs && {
      recencyDays: Number(cutoffs.r.num) / Number(cutoffs.r.den),
      frequency: Number(cutoffs.f.num) / Number(cutoffs.f.den),
      monetary: roundedQuotient(cutoffs.m.num, cutoffs.m.den),
    },
    segments: rfm8Summary(input, codes),
  };
}

const MICRO = 1_000_000;

export function valueReport(
  c: ValueColumns,
  o: { from: string; to: string; toDay: number; by: ValueMeasure; rule?: TransactionRule; rfm8?: Rfm8Choice },
): ValueReport {
  const rule = o.rule ?? DEFAULT_TRANSACTION_RULE;
  const n = c.ids.length;
  // The rankings' population: customers who bought in the window.
  const members: number[] = [];
  for (let i = 0; i < n; i++) if (c.purchaseDays[i]! > 0) members.push(i);
  const pick = (a: BigInt64Array) => BigInt64Array.from(members, (i) => a[i]!);
  const net = BigInt64Array.from(members, (i) => c.sales[i]! - c.returns[i]!);
  const margin = BigInt64Array.from(members, (i) => c.costedNetSales[i]! - c.cost[i]!);
  const ids = Float64Array.from(members, (i) => c.ids[i]!);
  const measure = o.by === "sales" ? net : margin;
  const order = rankByValue(ids, measure);
  const measures = { netSales: net, margin };

  const orders = members.reduce((s, i) => s + c.orders[i]!, 0);
  const netSales = total(net);
  const costed = total(pick(c.costedNetSales));
  const avg = ratio(netSales, BigInt(orders));
  const reach = customersToReach(order, measure, [[1, 2], [4, 5], [9, 10]]);
  const types = { transaction: { customers: 0, netSales: 0n, margin: 0n }, relationship: { customers: 0, netSales: 0n, margin: 0n } };
  members.forEach((i, k) => {
    const side = isTransactionCustomer(c.discount[i]!, c.gross[i]!, c.purchaseDays[i]!, rule) ? types.transaction : types.relationship;
    side.customers++;
    side.netSales += net[k]!;
    side.margin += margin[k]!;
  });

  // RFM: everyone who has bought by the window's end; recency in days to its end, frequency
  // in purchase days to it (a first-time buyer is F 1 whenever they bought), money in the window.
  const rfmMembers: number[] = [];
  for (let i = 0; i < n; i++) if (c.lastPurchase[i]! >= 0) rfmMembers.push(i);
  const monetary = BigInt64Array.from(rfmMembers, (i) => c.sales[i]! - c.returns[i]!);
  const scores = rfmScores({
    recencyDays: Float64Array.from(rfmMembers, (i) => o.toDay - c.lastPurchase[i]!),
    frequency: Float64Array.from(rfmMembers, (i) => c.purchaseDaysToDate[i]!),
    monetary,
  });

  return {
    window: { from: o.from, to: o.to },
    by: o.by,
    kpis: {
      customers: members.length,
      orders,
      netSales,
      margin: total(margin),
      marginCoverage: ratio(costed, netSales),
      averageOrderValue: avg === null ? null : avg / MICRO,
      discountShare: ratio(total(pick(c.discount)), total(pick(c.gross))),
    },
    deciles: summarizeGroups(order, groupsByRankShare(order.length, DECILE_CUTS), 10, measures),
    purchaseDeciles: purchaseDeciles(order, measure),
    concentration: [0.5, 0.8, 0.9].map((share, k) => {
      const m = reach[k]!;
      return { share, customers: m, customerShare: m === null || order.length === 0 ? null : m / order.length };
    }),
    pareto: paretoCurve(order, measure),
    pyramid: summarizeGroups(order, groupsByRankShare(order.length, PYRAMID_CUTS), 4, measures).map((r, k) => ({ ...r, tier: PYRAMID_TIERS[k]! })),
    customerTypes: { rule, ...types },
    rfm: { customers: rfmMembers.length, segments: segmentSummary(scores, monetary) },
    rfm8: rfm8Report(c, { toDay: o.toDay, by: o.by, choice: o.rfm8 ?? DEFAULT_RFM8 }),
  };
}
