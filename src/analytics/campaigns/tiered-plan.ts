/**
 * A tiered contact plan (DOMAIN §5, the apparel chain of seed 000): the marketing budget is
 * split between customer tiers by share, each tier gets its number of contacts per quarter
 * and its kinds of contact, and the plan shows what is spent per customer and per tier
 * against each tier's share of sales — so a user sees whether the money follows the value.
 * Money and shares are decimal strings, computed exactly: the tiers' budgets add up to the
 * budget to the cent, and per-customer amounts are rounded half to even at 2 decimals.
 */
import { decAdd, decMul, decSign } from "../../domain/decimal.ts";

export const CONTACT_TYPES = [
  "loyaltyRebate", "privateSalePreview", "personalGift", "seasonPreview", "mailing", "stockNotice",
  "specialService", "frequencyProgramme", "eventNotice", "prizePromotion", "coupon", "clearanceNotice", "visit", "call",
] as const;
export type ContactType = (typeof CONTACT_TYPES)[number];

/**
 * The kinds of contact that are a message, which a plan may send as e-mail. The others — a
 * gift, a service, a visit, a call, a rebate, a private preview — are personal: the owner
 * makes them, so they are always tasks.
 */
export const EMAIL_CONTACT_TYPES = [
  "mailing", "seasonPreview", "stockNotice", "eventNotice", "prizePromotion", "coupon", "clearanceNotice", "frequencyProgramme",
] as const satisfies readonly ContactType[];
export type EmailContactType = (typeof EMAIL_CONTACT_TYPES)[number];

export interface PlanTier {
  key: string;
  /** Share of the marketing budget, e.g. "0.60". */
  budgetShare: string;
  contactsPerQuarter: number;
  contactTypes: ContactType[];
}

export interface TierActuals {
  key: string;
  customers: number;
  /** The tier's net sales over the plan's reference period, a decimal string. */
  sales: string;
}

export interface TierPlanLine {
  key: string;
  customers: number;
  budget: string;
  /** budget / customers, rounded half to even at 2 decimals; null for an empty tier. */
  budgetPerCustomer: string | null;
  contactsPerQuarter: number;
  contactTypes: ContactType[];
  /** Shares as fractions of 1 (numbers, for charts): the tier's budget and its sales. */
  budgetShare: number;
  salesShare: number | null;
  /** budget share ÷ sales share: above 1 the tier gets more than its sales would say. */
  intensity: number | null;
}

/** The seed 000 case as a starting plan: 60/35/5% of the budget for the tiers making 55/35/10% of sales. */
export const APPAREL_CASE: readonly PlanTier[] = [
  { key: "top", budgetShare: "0.60", contactsPerQuarter: 5, contactTypes: ["loyaltyRebate", "privateSalePreview", "personalGift", "seasonPreview", "mailing", "stockNotice", "specialService"] },
  { key: "middle", budgetShare: "0.35", contactsPerQuarter: 3, contactTypes: ["frequencyProgramme", "eventNotice", "prizePromotion", "coupon"] },
  { key: "bottom", budgetShare: "0.05", contactsPerQuarter: 2, contactTypes: ["clearanceNotice", "coupon"] },
];

const CENT = 10_000n; // micro-units per cent

function toMicros(d: string): bigint {
  const m = /^(-?)(\d+)(?:\.(\d{0,6})\d*)?$/.exec(d);
  if (!m) throw new RangeError(`not a decimal amount: "${d}"`);
  const units = BigInt(m[2]!) * 1_000_000n + BigInt((m[3] ?? "").padEnd(6, "0"));
  return m[1] ? -units : units;
}

/** a / b rounded half to even. */
function divRound(a: bigint, b: bigint): bigint {
  const q = a / b;
  const r = a % b;
  const twice = 2n * (r < 0n ? -r : r);
  if (twice > b || (twice === b && q % 2n !== 0n)) return q + (a < 0n ? -1n : 1n);
  return q;
}

const centsText = (micros: bigint) => {
  const cents = divRound(micros, CENT);
  const neg = cents < 0n;
  const s = (neg ? -cents : cents).toString().padStart(3, "0");
  return `${neg ? "-" : ""}${s.slice(0, -2)}.${s.slice(-2)}`;
};

/**
 * Each tier's budget in cents, by the largest-remainder method (Hamilton's): every tier gets
 * its exact share rounded down, and the cents left go one each to the tiers with the largest
 * remainders (the earlier tier on a tie), so the tiers' budgets add up to the budget exactly.
 */
function centsOfTiers(budget: string, tiers: readonly PlanTier[]): bigint[] {
  const exact = tiers.map((t) => toMicros(decMul(budget, t.budgetShare)));
  const floor = exact.map((m) => m / CENT);
  let left = divRound(toMicros(budget), CENT) - floor.reduce((s, c) => s + c, 0n);
  const order = exact.map((m, i) => ({ i, r: m % CENT })).sort((a, b) => (a.r === b.r ? a.i - b.i : a.r > b.r ? -1 : 1));
  for (const { i } of order) {
    if (left <= 0n) break;
    floor[i]! += 1n;
    left--;
  }
  return floor;
}

/**
 * The plan for a budget: each tier's budget, budget per customer and intensity against its
 * sales. Refuses shares that do not sum to exactly 1, and a tier without actuals.
 */
export function planBudget(budget: string, tiers: readonly PlanTier[], actuals: readonly TierActuals[]): TierPlanLine[] {
  const total = tiers.reduce((s, t) => decAdd(s, t.budgetShare), "0");
  if (decSign(decAdd(total, "-1")) !== 0) throw new RangeError(`the tiers' budget shares sum to ${total}, not 1`);
  if (decSign(budget) < 0) throw new RangeError(`the budget must not be negative (got ${budget})`);
  const byKey = new Map(actuals.map((a) => [a.key, a]));
  const totalSales = actuals.reduce((s, a) => s + toMicros(a.sales), 0n);
  const cents = centsOfTiers(budget, tiers);
  return tiers.map((t, i) => {
    const a = byKey.get(t.key);
    if (!a) throw new RangeError(`no customers or sales for the tier "${t.key}"`);
    if (!(Number.isInteger(t.contactsPerQuarter) && t.contactsPerQuarter >= 0)) throw new RangeError(`tier "${t.key}": contacts per quarter must be a whole number ≥ 0`);
    const tierBudget = cents[i]! * CENT;
    const budgetShare = Number(t.budgetShare);
    const salesShare = totalSales > 0n ? Number((toMicros(a.sales) * 1_000_000n) / totalSales) / 1_000_000 : null;
    return {
      key: t.key, customers: a.customers, budget: centsText(tierBudget),
      budgetPerCustomer: a.customers > 0 ? centsText(divRound(tierBudget, BigInt(a.customers))) : null,
      contactsPerQuarter: t.contactsPerQuarter, contactTypes: [...t.contactTypes],
      budgetShare, salesShare, intensity: salesShare ? budgetShare / salesShare : null,
    };
  });
}

/**
 * The quarter's contacts for a tier's customers: `contactsPerQuarter` per customer, spread
 * evenly over the quarter's days (the k-th of n on day ⌊(k + ½)·days/n⌋, shifted per customer
 * so not everyone is contacted on the same day), the kinds taken in turn from the tier's list.
 * Pass the result through applyCaps (caps.ts) before it becomes tasks or sends.
 */
export function quarterContacts(customers: readonly number[], tier: PlanTier, quarterStartDay: number, quarterDays: number): Array<{ customer: number; day: number; type: ContactType }> {
  const out: Array<{ customer: number; day: number; type: ContactType }> = [];
  const n = tier.contactsPerQuarter;
  if (n === 0 || tier.contactTypes.length === 0) return out;
  const gap = quarterDays / n;
  customers.forEach((customer, i) => {
    const shift = Math.floor(((i * 0.618033988749895) % 1) * gap);
    for (let k = 0; k < n; k++) {
      const day = quarterStartDay + Math.min(quarterDays - 1, Math.floor(k * gap + shift));
      out.push({ customer, day, type: tier.contactTypes[k % tier.contactTypes.length]! });
    }
  });
  return out;
}
