/**
 * A customer's loyalty index, 0–100, from behaviour (do they come back, how often, how
 * much of their spend do we get) and attitude (would they recommend us, do they stay when
 * the price moves) — DOMAIN.md §7; docs/surveys.md, "Loyalty index".
 */

export interface LoyaltyInput {
  /** Bought at least twice. */
  repeatPurchase: boolean | null;
  /** Their purchase frequency's percentile among customers, 0..1. */
  frequencyPercentile: number | null;
  /** The share of their spend in the category that comes to us, 0..1. */
  shareOfWallet: number | null;
  /** Likelihood to recommend, 0..10 (the NPS question). */
  recommend: number | null;
  /** Price sensitivity, 1..5, 5 = very sensitive. */
  priceSensitivity: number | null;
}

export type LoyaltyComponent = keyof LoyaltyInput;
const BEHAVIOUR = ["repeatPurchase", "frequencyPercentile", "shareOfWallet"] as const satisfies readonly LoyaltyComponent[];
const ATTITUDE = ["recommend", "priceSensitivity"] as const satisfies readonly LoyaltyComponent[];

export interface LoyaltyWeights {
  /** The two sides' weights in the index. */
  behaviour: number;
  attitude: number;
  /** Each component's weight within its side (behaviour or attitude). */
  components: Record<LoyaltyComponent, number>;
}

/**
 * Behaviour and attitude count alike (Dick & Basu 1994: loyalty needs both); within
 * behaviour, repeat purchase 0.4, frequency 0.3, share of wallet 0.3; within attitude,
 * recommendation 0.6, price sensitivity 0.4. A convention of retain, not an estimate.
 */
export const DEFAULT_LOYALTY_WEIGHTS: Readonly<LoyaltyWeights> = Object.freeze({
  behaviour: 0.5,
  attitude: 0.5,
  components: Object.freeze({ repeatPurchase: 0.4, frequencyPercentile: 0.3, shareOfWallet: 0.3, recommend: 0.6, priceSensitivity: 0.4 }),
});

export interface Loyalty {
  /** 0..100; null when no component is known. */
  index: number | null;
  /** 0..1 each; null when none of the side's components is known. */
  behaviour: number | null;
  attitude: number | null;
  /** Each component on 0..1 (price sensitivity reversed: 1 = not sensitive); null when unknown. */
  components: Record<LoyaltyComponent, number | null>;
}

function unit(name: LoyaltyComponent, v: number | boolean | null, lo: number, hi: number): number | null {
  if (v === null || typeof v === "boolean") return v === null ? null : Number(v);
  if (Number.isNaN(v)) return null;
  if (!(v >= lo && v <= hi)) throw new RangeError(`loyaltyIndex: ${name} ${v} lies outside ${lo}..${hi}`);
  return (v - lo) / (hi - lo);
}

/** Σ wᵢxᵢ ÷ Σ wᵢ over the xᵢ present with wᵢ > 0; null when there are none. */
function weightedMean(xs: ReadonlyArray<number | null>, ws: readonly number[]): number | null {
  let sw = 0;
  let swx = 0;
  xs.forEach((x, i) => {
    const w = ws[i]!;
    if (x === null || w === 0) return;
    sw += w;
    swx += w * x;
  });
  return sw > 0 ? Math.min(1, Math.max(0, swx / sw)) : null;
}

/**
 * The loyalty index, loyalty as both repeat behaviour and relative attitude (Dick & Basu
 * 1994, "Customer loyalty: toward an integrated conceptual framework", J. Academy of
 * Marketing Science 22(2):99–113). Each component is put on 0..1: repeat purchase 1 or 0,
 * frequency percentile and share of wallet as they are, recommend ÷ 10, and price
 * sensitivity reversed, (5 − s)/4. behaviour and attitude are the weighted means of their
 * known components; index = 100 × the weighted mean of the known sides. An unknown
 * component (null or NaN) drops out and the remaining weights renormalise; a value outside
 * its range is a RangeError.
 */
export function loyaltyIndex(input: LoyaltyInput, weights: LoyaltyWeights = DEFAULT_LOYALTY_WEIGHTS): Loyalty {
  const all = [weights.behaviour, weights.attitude, ...Object.values(weights.components)];
  if (all.some((w) => !(w >= 0 && Number.isFinite(w)))) throw new RangeError(`loyaltyIndex: weights must be finite and ≥ 0 (got ${all.join(", ")})`);
  const components: Record<LoyaltyComponent, number | null> = {
    repeatPurchase: unit("repeatPurchase", input.repeatPurchase, 0, 1),
    frequencyPercentile: unit("frequencyPercentile", input.frequencyPercentile, 0, 1),
    shareOfWallet: unit("shareOfWallet", input.shareOfWallet, 0, 1),
    recommend: unit("recommend", input.recommend, 0, 10),
    priceSensitivity: null,
  };
  const s = unit("priceSensitivity", input.priceSensitivity, 1, 5);
  components.priceSensitivity = s === null ? null : 1 - s;
  const side = (keys: readonly LoyaltyComponent[]) => weightedMean(keys.map((c) => components[c]), keys.map((c) => weights.components[c]));
  const behaviour = side(BEHAVIOUR);
  const attitude = side(ATTITUDE);
  const both = weightedMean([behaviour, attitude], [weights.behaviour, weights.attitude]);
  return { index: both === null ? null : 100 * both, behaviour, attitude, components };
}
