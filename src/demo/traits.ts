/**
 * The hidden habits of one customer, drawn before anything is bought: how they were
 * acquired, which channels they order through, which categories they shop, whether they
 * only buy on price, whether there is a baby at home.
 */
import { CAT, CATEGORY_WEIGHTS_ENTERPRISE, CATEGORY_WEIGHTS_INDIVIDUAL } from "./catalog.ts";
import type { Taste } from "./basket.ts";
import type { Identity } from "./identity.ts";
import { SHARES } from "./params.ts";
import type { Rng } from "./rng.ts";

export const SOURCE_CHANNELS = ["referral", "event", "web", "store", "phone", "marketplace"] as const;
export type SourceChannel = (typeof SOURCE_CHANNELS)[number];

export interface Traits {
  readonly taste: Taste;
  readonly baby: boolean;
  readonly milk: boolean;
  /** The category they shop most. */
  readonly favourite: number;
  readonly source: SourceChannel;
  /** Weights over ORDER_CHANNELS: store, online, wechat, phone, marketplace. */
  readonly channels: readonly number[];
}

const SOURCE_INDIVIDUAL = [12, 8, 25, 30, 8, 17];
const SOURCE_ENTERPRISE = [25, 30, 15, 5, 25, 0];
/** Where customers acquired through each source tend to order. */
const CHANNELS_BY_SOURCE: Record<SourceChannel, readonly number[]> = {
  referral: [35, 20, 30, 5, 10],
  event: [35, 20, 30, 5, 10],
  web: [8, 55, 15, 2, 20],
  store: [60, 12, 18, 3, 7],
  phone: [20, 15, 20, 40, 5],
  marketplace: [5, 20, 10, 1, 64],
};
const CHANNELS_ENTERPRISE = [10, 25, 20, 40, 5];

/** Industries (names.ts INDUSTRIES order) that lean to some categories: food firms buy food, … */
const INDUSTRY_LEAN: Readonly<Record<number, readonly number[]>> = {
  0: [CAT.digital, CAT.office],
  2: [CAT.digital],
  4: [CAT.food, CAT.drinks],
  10: [CAT.food, CAT.drinks, CAT.home],
  11: [CAT.home, CAT.drinks, CAT.appliances],
};

export function traitsOf(rng: Rng, id: Identity, endYear: number): Traits {
  const enterprise = id.kind === "enterprise";
  const source = SOURCE_CHANNELS[rng.weighted(enterprise ? SOURCE_ENTERPRISE : SOURCE_INDIVIDUAL)] as SourceChannel;
  const channels = enterprise ? CHANNELS_ENTERPRISE : CHANNELS_BY_SOURCE[source];
  // Gamma(0.5) weights: each customer leans hard on a few categories, as real shoppers do.
  const base = enterprise ? CATEGORY_WEIGHTS_ENTERPRISE : CATEGORY_WEIGHTS_INDIVIDUAL;
  const categories = base.map((w) => w * rng.gammaHalf(0.5));
  let baby = false;
  let priceOnly = false;
  if (enterprise) {
    for (const c of INDUSTRY_LEAN[id.industry] ?? []) categories[c] = (categories[c] as number) * 3 + 0.5;
  } else {
    priceOnly = rng.chance(SHARES.priceOnly);
    const age = endYear - id.birthYear;
    baby = age >= 22 && age <= 42 && rng.chance(SHARES.baby * 1.6);
    categories[CAT.baby] = baby ? 4 + 4 * rng.uniform() : (categories[CAT.baby] as number) * 0.2;
    if (id.gender === "female") scale(categories, CAT.beauty, 2), scale(categories, CAT.apparel, 1.3);
    else scale(categories, CAT.digital, 1.5), scale(categories, CAT.av, 1.5);
    if (age > 50) scale(categories, CAT.food, 1.5), scale(categories, CAT.home, 1.3);
  }
  return {
    taste: { enterprise, priceOnly, categories: running(categories), contract: enterprise ? rng.between(0.85, 0.97) : 1 },
    baby,
    milk: baby && rng.chance(0.7),
    favourite: categories.indexOf(Math.max(...categories)),
    source,
    channels,
  };
}

/** Running sums as a plain array: a typed array costs more to allocate than it saves here. */
function running(xs: number[]): number[] {
  let s = 0;
  return xs.map((x) => (s += x));
}

function scale(xs: number[], k: number, by: number): void {
  xs[k] = (xs[k] as number) * by;
}
