/**
 * What goes into one order and at what price: categories from the customer's tastes,
 * products by popularity, the same-order association pairs (diapers + beer, …), quantities,
 * contract prices and discounts. Money is integer cents throughout.
 */
import {
  BY_CATEGORY, BY_CATEGORY_CUM, BY_GROUP, CATEGORY_WEIGHTS_ENTERPRISE, CATEGORY_WEIGHTS_INDIVIDUAL, type Group,
  type Product,
} from "./catalog.ts";
import { PROMO_MAJOR, PROMO_MINOR } from "./calendar.ts";
import { PRICE_ONLY, SIGNALS } from "./params.ts";
import { roundPrice } from "./money.ts";
import { cumulative, type Rng } from "./rng.ts";

export interface Item {
  readonly p: Product;
  readonly qty: number;
}

/** The buying habits of one customer, drawn once. */
export interface Taste {
  readonly enterprise: boolean;
  readonly priceOnly: boolean;
  /** Cumulative category weights for "what is this order for". */
  readonly categories: readonly number[];
  /** Enterprises pay a negotiated share of list price. */
  readonly contract: number;
}

const LINES_INDIVIDUAL = cumulative([60, 24, 9, 4, 3]);
const LINES_ENTERPRISE = cumulative([10, 25, 30, 20, 15]);
const GLOBAL_INDIVIDUAL = cumulative(CATEGORY_WEIGHTS_INDIVIDUAL);
const GLOBAL_ENTERPRISE = cumulative(CATEGORY_WEIGHTS_ENTERPRISE);
export const MAX_LINES = 5;
/** Individual consumable quantities 1/2/3 and milk-powder cans 1/2/3. */
export const QTY_CONSUMABLE = cumulative([60, 30, 10]);
export const QTY_MILK = cumulative([60, 35, 5]);

/** Partner added to the same order: [trigger group, partner group, probability]. */
const PAIRS: readonly (readonly [Group, Group, number])[] = [
  ["diapers", "beer", SIGNALS.diapersToBeer],
  ["milk_powder", "bottle", SIGNALS.milkToBottle],
  ["printer", "ink", SIGNALS.printerToInk],
  ["phone", "phone_case", SIGNALS.phoneToCase],
];

/** A basket drawn from the customer's tastes, with its association partners. */
export function basket(rng: Rng, t: Taste): Item[] {
  const n = 1 + rng.fromCumulative(t.enterprise ? LINES_ENTERPRISE : LINES_INDIVIDUAL);
  const global = t.enterprise ? GLOBAL_ENTERPRISE : GLOBAL_INDIVIDUAL;
  const items: Item[] = [];
  for (let k = 0; k < n; k++) {
    const cat = rng.fromCumulative(rng.chance(0.7) ? t.categories : global);
    const list = BY_CATEGORY[cat] as readonly Product[];
    for (let tries = 0; tries < 3; tries++) {
      const p = list[rng.fromCumulative(BY_CATEGORY_CUM[cat] as Float64Array)] as Product;
      if (!has(items, p)) {
        items.push({ p, qty: quantity(rng, p, t.enterprise) });
        break;
      }
    }
  }
  addPartners(rng, items, t.enterprise);
  return items;
}

/** Adds the association partners of the items already in the basket. */
export function addPartners(rng: Rng, items: Item[], enterprise: boolean): void {
  const n = items.length;
  for (let k = 0; k < n && items.length < MAX_LINES; k++) {
    const g = (items[k] as Item).p.group;
    if (!g) continue;
    for (const [from, to, prob] of PAIRS) {
      if (g === from && !items.some((x) => x.p.group === to) && rng.chance(prob)) {
        const p = rng.pick(BY_GROUP[to]);
        items.push({ p, qty: quantity(rng, p, enterprise) });
      }
    }
  }
}

/** One item of a group (for follow-up orders: the soundbar after the TV, …). */
export function itemOf(rng: Rng, group: Group, enterprise: boolean): Item {
  const p = rng.pick(BY_GROUP[group]);
  return { p, qty: quantity(rng, p, enterprise) };
}

export function has(items: readonly Item[], p: Product): boolean {
  for (const x of items) if (x.p === p) return true;
  return false;
}

export function quantity(rng: Rng, p: Product, enterprise: boolean): number {
  const consumable = p.replacementDays !== undefined || p.group === "beer";
  if (enterprise) {
    return consumable || p.listCents < 10_000
      ? Math.max(1, Math.round(Math.exp(rng.normal(Math.log(8), 0.8))))
      : 1 + rng.poisson(1.5);
  }
  if (consumable) return 1 + rng.fromCumulative(QTY_CONSUMABLE);
  return rng.chance(0.95) ? 1 : 2;
}

/** The unit price actually charged, in cents: near list; enterprises at their contract price. */
export function unitPrice(rng: Rng, p: Product, t: Taste): number {
  if (t.enterprise) return roundPrice(p.listCents * t.contract, 10);
  if (rng.chance(0.75)) return p.listCents;
  return roundPrice(p.listCents * (1 + rng.normal(0, 0.04)), 100);
}

/** Share of the line taken off: promotions deepen it; price-only customers almost always get 20–50%. */
export function discountShare(rng: Rng, promo: number, t: Taste): number {
  if (t.priceOnly) {
    if (!rng.chance(PRICE_ONLY.discountedShare)) return 0;
    return promo === PROMO_MAJOR ? rng.between(0.3, PRICE_ONLY.maxPct) : rng.between(PRICE_ONLY.minPct, PRICE_ONLY.maxPct);
  }
  if (t.enterprise) return rng.chance(0.1) ? rng.between(0.02, 0.08) : 0;
  if (promo === PROMO_MAJOR) return rng.chance(0.55) ? rng.between(0.1, 0.3) : 0;
  if (promo === PROMO_MINOR) return rng.chance(0.3) ? rng.between(0.05, 0.2) : 0;
  return rng.chance(0.15) ? rng.between(0.03, 0.12) : 0;
}
