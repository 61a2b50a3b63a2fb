/**
 * The demo's knobs in one place, so the "known truth" an analysis is checked against can
 * be read off here. The purchase process is the BG/NBD story (Fader, Hardie & Lee,
 * "Counting your customers the easy way", Marketing Science 24(2), 2005): while active a
 * customer buys at rate λ ~ Gamma(r, α) per week; after every purchase they drop out for
 * good with probability p ~ Beta(a, b).
 */

/**
 * BG/NBD heterogeneity (λ per week). Mean λ = r/α ≈ 0.17/week (≈ 9 a year while active);
 * mean p = a/(a+b) ≈ 0.14. With arrivals spread over the window this gives a median of
 * 4 orders, a p99 near 40, and ~48% of buyers inactive at the end (seed 7, 100k customers).
 */
export const BGNBD = { r: 1.2, alpha: 7, a: 0.8, b: 5 } as const;

/**
 * Enterprises buy on a schedule: a renewal process with Gamma(k) gaps (coefficient of
 * variation 1/√k instead of the Poisson's 1), at a higher rate, and drop out less.
 */
export const ENTERPRISE = { rateMultiplier: 1.6, gapShape: 4, dropMultiplier: 0.6 } as const;

/** Price-only ("transaction") customers: lower base rate, concentrated on promotions. */
export const PRICE_ONLY = { rateMultiplier: 0.7, discountedShare: 0.9, minPct: 0.2, maxPct: 0.5 } as const;

export const SHARES = {
  enterprise: 0.1,
  /** Potential/target customers without orders. */
  prospect: 0.05,
  /** Same person registered twice. */
  duplicate: 0.005,
  englishName: 0.08,
  /** Of individuals: the transaction customers of DOMAIN §3. */
  priceOnly: 0.15,
  /** Of individuals: a baby at home (母婴 shopping, milk powder every ~25 days); drawn among 22–42 year-olds. */
  baby: 0.12,
  /** Of buyers: complain once or twice. */
  complainer: 0.065,
  /** Of order lines: returned 1–30 days later. */
  returned: 0.03,
  /** Of enterprise orders: invoiced in USD. */
  usdOrder: 0.01,
} as const;

/** Association and sequence signals (DOMAIN §4 items 5 and 6). */
export const SIGNALS = {
  /** Same order: P(add the partner | the first is in the basket). */
  diapersToBeer: 0.3,
  milkToBottle: 0.2,
  printerToInk: 0.3,
  phoneToCase: 0.45,
  /**
   * Later orders: P(follow-up | still active) and the window in days. About one buyer in
   * seven drops out right after the purchase, and some buy the partner anyway (offices buy
   * ink), so the observed rates come out near the story's 30% and 50%.
   */
  tvToSoundbar: 0.34,
  tvWindow: 90,
  printerToLaterInk: 0.5,
  inkWindow: 60,
  /** Milk powder repeats every ~N(25, 3) days while the customer is active. */
  milkEvery: 25,
} as const;

/**
 * Complaints change the drop-out probability: a resolved complaint makes the customer
 * more loyal (DOMAIN §6: 90% repurchase vs 83%), an unresolved one drives them away.
 */
export const COMPLAINT_EFFECT = {
  resolvedDropMultiplier: 0.5,
  unresolvedDropNow: 0.65,
  unresolvedDropAdd: 0.2,
} as const;
