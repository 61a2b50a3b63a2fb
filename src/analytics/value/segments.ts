/**
 * Segments of customers beyond the rankings (DOMAIN §3; seeds 000, 002, 003): the three
 * profitable groups of relationship customers, the loyalty classes and the loyalty ladder,
 * and each customer's own value figures. Every rule is a plain object the user can see and
 * change; the defaults are exported. Definitions in docs/value.md.
 *
 * Each assignment returns one code per customer (an index into the input columns), so the
 * same arrays give the summaries and the per-customer snapshot. Comparisons of money are
 * exact integer comparisons of micro-units.
 */
import { isTransactionCustomer, type TransactionRule, type ValueColumns } from "./report.ts";
import { rankByValue, ratio } from "./ranking.ts";

/** Basis points of a share given as a fraction (0.25 → 2500). */
const bp = (share: number): bigint => BigInt(Math.round(share * 10_000));

/** Net sales or contribution margin of one customer in the window, micro-units. */
export function windowValue(c: Pick<ValueColumns, "sales" | "returns" | "cost" | "costedNetSales">, i: number, by: "sales" | "margin"): bigint {
  return by === "sales" ? c.sales[i]! - c.returns[i]! : c.costedNetSales[i]! - c.cost[i]!;
}

// ---------------------------------------------------------------------------------------
// The three profitable groups

/**
 * Among the relationship customers who bought in the window with a positive value:
 * - **top**: the best `topShare` of them by value (rank i with i < topShare·n, as the pyramid cuts);
 * - **rising**: not top, in the better half by value, and worth at least (1 + `change`) × what
 *   they were worth in the window before (a customer worth nothing before is rising);
 * - **falling**: not top, and worth at most (1 − `change`) × what they were worth before;
 * - **steady**: the rest of them.
 */
export interface ProfitGroupRule {
  topShare: number;
  change: number;
}
export const DEFAULT_PROFIT_GROUP_RULE: ProfitGroupRule = Object.freeze({ topShare: 0.2, change: 0.25 });
export const PROFIT_GROUPS = ["top", "rising", "falling", "steady"] as const;
export type ProfitGroup = (typeof PROFIT_GROUPS)[number];
/** The code of a customer outside the groups (a transaction customer, no purchase in the window, or a value ≤ 0). */
export const NO_GROUP = 255;

export interface GroupSummary<G extends string> {
  group: G;
  customers: number;
  /** Net sales and margin of the group in the window, micro-units. */
  netSales: bigint;
  margin: bigint;
  /** The same in the window before (the trend). */
  previousNetSales: bigint;
  previousMargin: bigint;
}

/**
 * Each customer's profitable group (an index into PROFIT_GROUPS, or NO_GROUP). `previous`
 * holds each customer's value in the window before, in the same order (0 when none).
 */
export function profitGroups(
  c: ValueColumns,
  previous: BigInt64Array,
  o: { by: "sales" | "margin"; transactionRule: TransactionRule; rule?: ProfitGroupRule },
): Uint8Array {
  const rule = o.rule ?? DEFAULT_PROFIT_GROUP_RULE;
  checkShare(rule.topShare, "topShare");
  checkShare(rule.change, "change");
  const n = c.ids.length;
  const group = new Uint8Array(n).fill(NO_GROUP);
  const members: number[] = [];
  for (let i = 0; i < n; i++) {
    if (c.purchaseDays[i]! === 0 || windowValue(c, i, o.by) <= 0n) continue;
    if (isTransactionCustomer(c.discount[i]!, c.gross[i]!, c.purchaseDays[i]!, o.transactionRule)) continue;
    members.push(i);
  }
  const m = members.length;
  const value = BigInt64Array.from(members, (i) => windowValue(c, i, o.by));
  const order = rankByValue(Float64Array.from(members, (i) => c.ids[i]!), value);
  const topCut = bp(rule.topShare);
  const up = 10_000n + bp(rule.change);
  const down = 10_000n - bp(rule.change);
  for (let rank = 0; rank < m; rank++) {
    const k = order[rank]!;
    const i = members[k]!;
    const now = value[k]!;
    const before = previous[i]!;
    let g: ProfitGroup;
    if (BigInt(rank) * 10_000n < topCut * BigInt(m)) g = "top";
    // The better half: rank i with 2i < m.
    else if (2 * rank < m && (before <= 0n || now * 10_000n >= before * up)) g = "rising";
    else if (before > 0n && now * 10_000n <= before * down) g = "falling";
    else g = "steady";
    group[i] = PROFIT_GROUPS.indexOf(g);
  }
  return group;
}

/** Each group's size and value now and before, in the order of `names`. */
export function summarize<G extends string>(
  names: readonly G[],
  group: Uint8Array,
  c: ValueColumns,
  previous?: { netSales: BigInt64Array; margin: BigInt64Array },
): Array<GroupSummary<G>> {
  const rows = names.map((g) => ({ group: g, customers: 0, netSales: 0n, margin: 0n, previousNetSales: 0n, previousMargin: 0n }));
  for (let i = 0; i < group.length; i++) {
    const row = rows[group[i]!];
    if (!row) continue;
    row.customers++;
    row.netSales += windowValue(c, i, "sales");
    row.margin += windowValue(c, i, "margin");
    if (previous) {
      row.previousNetSales += previous.netSales[i]!;
      row.previousMargin += previous.margin[i]!;
    }
  }
  return rows;
}

// ---------------------------------------------------------------------------------------
// Loyalty classes (seed 003)

/**
 * Every customer who has bought by the as-of date D falls in the first class that fits:
 * - **churned**: no purchase in the last `churnDays` days (the last on or before D − churnDays);
 * - **potential**: a first purchase in the last `newDays` days (short tenure, not yet committed);
 * - **loyal**: in the window, at least `loyalPurchaseDays` purchase days, a value among the
 *   best `loyalTopShare` of the window's buyers, and a discount share below `loyalMaxDiscount`
 *   (high spend and frequency, low price sensitivity);
 * - **marginal**: the rest (low value or a long purchase cycle).
 */
export interface LoyaltyRule {
  churnDays: number;
  newDays: number;
  loyalPurchaseDays: number;
  loyalTopShare: number;
  loyalMaxDiscount: number;
}
export const DEFAULT_LOYALTY_RULE: LoyaltyRule = Object.freeze({ churnDays: 365, newDays: 180, loyalPurchaseDays: 3, loyalTopShare: 0.2, loyalMaxDiscount: 0.3 });
export const LOYALTY_CLASSES = ["loyal", "potential", "marginal", "churned"] as const;
export type LoyaltyClass = (typeof LOYALTY_CLASSES)[number];

/** The treatment of each class (seed 003), for the pages and reports to show beside it. */
export const LOYALTY_TREATMENT: Record<LoyaltyClass, string> = {
  loyal: "personal service, a priority channel",
  potential: "professional, timely and varied service to win commitment",
  marginal: "keep the cost to serve down; light-touch care",
  churned: "targeted offers, long-term care, a win-back plan",
};

/** Each customer's loyalty class (an index into LOYALTY_CLASSES, or NO_GROUP without a purchase by D). */
export function loyaltyClasses(
  c: ValueColumns & { firstPurchase: Int32Array },
  o: { toDay: number; by: "sales" | "margin"; rule?: LoyaltyRule },
): Uint8Array {
  const rule = o.rule ?? DEFAULT_LOYALTY_RULE;
  for (const k of ["churnDays", "newDays", "loyalPurchaseDays"] as const) {
    if (!Number.isInteger(rule[k]) || rule[k] < 1) throw new RangeError(`${k} must be a whole number, 1 or more (got ${rule[k]})`);
  }
  checkShare(rule.loyalTopShare, "loyalTopShare");
  checkShare(rule.loyalMaxDiscount, "loyalMaxDiscount");
  const n = c.ids.length;
  // The window's buyers ranked by value: the best loyalTopShare of them qualify on value.
  const buyers: number[] = [];
  for (let i = 0; i < n; i++) if (c.purchaseDays[i]! > 0) buyers.push(i);
  const order = rankByValue(Float64Array.from(buyers, (i) => c.ids[i]!), BigInt64Array.from(buyers, (i) => windowValue(c, i, o.by)));
  const topValue = new Uint8Array(n);
  const cut = bp(rule.loyalTopShare);
  for (let rank = 0; rank < order.length; rank++) {
    if (BigInt(rank) * 10_000n < cut * BigInt(order.length)) topValue[buyers[order[rank]!]!] = 1;
  }
  const maxDiscount = bp(rule.loyalMaxDiscount);
  const out = new Uint8Array(n).fill(NO_GROUP);
  for (let i = 0; i < n; i++) {
    const last = c.lastPurchase[i]!;
    if (last < 0) continue;
    let k: LoyaltyClass;
    if (last <= o.toDay - rule.churnDays) k = "churned";
    else if (c.firstPurchase[i]! > o.toDay - rule.newDays) k = "potential";
    else if (
      c.purchaseDays[i]! >= rule.loyalPurchaseDays &&
      topValue[i] === 1 &&
      c.discount[i]! * 10_000n < maxDiscount * c.gross[i]!
    ) k = "loyal";
    else k = "marginal";
    out[i] = LOYALTY_CLASSES.indexOf(k);
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// The loyalty ladder (seed 002)

/**
 * Time is cut into periods of `periodMonths` calendar months counted back from the as-of
 * month (period 0 holds it). A customer with a sale by D stands on the highest rung that fits:
 * - **loyal**: a sale in each of the last `loyalPeriods` periods (Tucker: three in a row);
 * - **old**: sales in two or more periods, the first at least `oldMonths` months before D;
 * - **regular**: sales in two or more periods;
 * - **new**: sales in one period only.
 * Customers in the archive without a sale are the ladder's first rung, **potential**.
 */
export interface LadderRule {
  periodMonths: number;
  loyalPeriods: number;
  oldMonths: number;
}
export const DEFAULT_LADDER_RULE: LadderRule = Object.freeze({ periodMonths: 3, loyalPeriods: 3, oldMonths: 12 });
export const LADDER_RUNGS = ["potential", "new", "regular", "old", "loyal"] as const;
export type LadderRung = (typeof LADDER_RUNGS)[number];

/** Per customer, from the store: periods with a sale by D, and periods with a sale among the last `loyalPeriods`. */
export interface LadderColumns {
  /** 0, 1, or 2 or more (the rungs ask no more than that). */
  purchasePeriods: Uint32Array;
  recentPeriods: Uint32Array;
  /** Days since 1970-01-01 of the first sale; −1: none. */
  firstPurchase: Int32Array;
}

export function checkLadderRule(rule: LadderRule): void {
  for (const k of ["periodMonths", "loyalPeriods", "oldMonths"] as const) {
    const max = k === "loyalPeriods" ? 60 : 120;
    if (!Number.isInteger(rule[k]) || rule[k] < 1 || rule[k] > max) throw new RangeError(`${k} must be a whole number from 1 to ${max} (got ${rule[k]})`);
  }
}

/** Each customer's rung (an index into LADDER_RUNGS). `oldBefore` is the day number D − oldMonths months. */
export function ladderRungs(c: LadderColumns, o: { oldBefore: number; rule?: LadderRule }): Uint8Array {
  const rule = o.rule ?? DEFAULT_LADDER_RULE;
  checkLadderRule(rule);
  const n = c.purchasePeriods.length;
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const periods = c.purchasePeriods[i]!;
    let r: LadderRung;
    if (periods === 0) r = "potential";
    else if (c.recentPeriods[i]! >= rule.loyalPeriods) r = "loyal";
    else if (periods >= 2 && c.firstPurchase[i]! >= 0 && c.firstPurchase[i]! <= o.oldBefore) r = "old";
    else if (periods >= 2) r = "regular";
    else r = "new";
    out[i] = LADDER_RUNGS.indexOf(r);
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// One customer's value figures

/** What serving a customer costs, micro-units each; all zero: not configured. */
export interface CostToServe {
  perOrder: bigint;
  perInteraction: bigint;
  perComplaint: bigint;
}

export interface CustomerFigures {
  orders: number;
  purchaseDays: number;
  sales: bigint;
  returns: bigint;
  netSales: bigint;
  margin: bigint;
  /** discount / gross in the window; null without gross sales. */
  discountShare: number | null;
  /** net sales / orders, micro-units rounded toward zero; null without orders. */
  averageOrderValue: bigint | null;
  /** Days from the first sale to D; null without a sale. */
  tenureDays: number | null;
  /** (last sale − first sale) / (purchase days to date − 1), in days; null below two purchase days. */
  meanInterPurchaseDays: number | null;
  /** orders·perOrder + interactions·perInteraction + complaints·perComplaint in the window; null when not configured. */
  costToServe: bigint | null;
  /** margin − cost to serve; null when the cost to serve is not configured. */
  netValue: bigint | null;
}

export function customerFigures(
  c: ValueColumns & { firstPurchase: Int32Array },
  i: number,
  o: { toDay: number; interactions?: number; complaints?: number; costToServe?: CostToServe },
): CustomerFigures {
  const netSales = windowValue(c, i, "sales");
  const margin = windowValue(c, i, "margin");
  const first = c.firstPurchase[i]!;
  const last = c.lastPurchase[i]!;
  const daysToDate = c.purchaseDaysToDate[i]!;
  const k = o.costToServe;
  const configured = k !== undefined && (k.perOrder !== 0n || k.perInteraction !== 0n || k.perComplaint !== 0n);
  const cost = configured
    ? BigInt(c.orders[i]!) * k.perOrder + BigInt(o.interactions ?? 0) * k.perInteraction + BigInt(o.complaints ?? 0) * k.perComplaint
    : null;
  return {
    orders: c.orders[i]!,
    purchaseDays: c.purchaseDays[i]!,
    sales: c.sales[i]!,
    returns: c.returns[i]!,
    netSales,
    margin,
    discountShare: ratio(c.discount[i]!, c.gross[i]!),
    averageOrderValue: c.orders[i]! > 0 ? netSales / BigInt(c.orders[i]!) : null,
    tenureDays: first >= 0 ? o.toDay - first : null,
    meanInterPurchaseDays: first >= 0 && daysToDate >= 2 ? (last - first) / (daysToDate - 1) : null,
    costToServe: cost,
    netValue: cost === null ? null : margin - cost,
  };
}

function checkShare(x: number, name: string): void {
  if (!(x >= 0 && x <= 1)) throw new RangeError(`${name} must be a share from 0 to 1 (got ${x})`);
}

// ---------------------------------------------------------------------------------------
// Share of wallet

export interface ShareOfWallet {
  /** Customers with a recorded yearly budget. */
  customers: number;
  /** Their net sales in the window, and their budgets for the window's length (budget × days / 365), micro-units. */
  netSales: bigint;
  budget: bigint;
  /** netSales / budget, exact to double precision; null without a budget. */
  share: number | null;
}

/**
 * Share of wallet (顾客份额): what customers spent with us in the window against what they
 * could spend on what we sell, for the customers whose yearly budget is recorded. A yearly
 * budget is prorated to the window: budget × days / 365. `netSales[i]` and `budgets[i]` are
 * one customer's (a customer with a budget and no purchase counts with 0).
 */
export function shareOfWallet(netSales: BigInt64Array, budgets: BigInt64Array, windowDays: number): ShareOfWallet {
  if (netSales.length !== budgets.length) throw new RangeError("net sales and budgets differ in length");
  if (!Number.isInteger(windowDays) || windowDays < 1) throw new RangeError(`not a number of days: ${windowDays}`);
  let net = 0n;
  let yearly = 0n;
  for (let i = 0; i < netSales.length; i++) {
    net += netSales[i]!;
    yearly += budgets[i]!;
  }
  const days = BigInt(windowDays);
  return { customers: netSales.length, netSales: net, budget: (yearly * days) / 365n, share: ratio(net * 365n, yearly * days) };
}
