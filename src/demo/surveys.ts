import type { Answers } from "../domain/surveys/questions.ts";
import { Rng } from "./rng.ts";

/**
 * Answers to the built-in post-purchase survey (domain/surveys/templates.ts) for the demo
 * business, drawn with a known truth so the results can be checked: each factor's rating is
 * a customer's general mood plus the factor's own noise, and the overall satisfaction is
 * TRUE_WEIGHTS · factors plus noise. Loyal customers (more orders) lean happier; price
 * sensitivity falls as satisfaction rises; free gift wrapping is mostly attractive (Kano A).
 */
export const TRUE_WEIGHTS = { service_content: 0.4, attitude: 0.25, procedures: 0.15, image: 0.1, care: 0.1 } as const;
const FACTOR_KEYS = { service_content: "content", attitude: "attitude", procedures: "procedures", image: "image", care: "care" } as const;

/** The demo's response rate: the share of invited customers who answer. */
export const RESPONSE_RATE = 0.35;

const rating = (x: number) => Math.min(5, Math.max(1, Math.round(x)));

const WORDS = {
  low: ["送货太慢了,客服也不回消息。", "质量和描述不一样,有点失望。", "退换手续太麻烦。"],
  mid: ["还可以,价格再便宜点就好了。", "东西不错,包装一般。"],
  high: ["很满意,会推荐给朋友。", "店员很热情,下次还来。", "质量好,发货快。"],
} as const;

/**
 * Whether customer `customerId` answers, and what: deterministic for the seed and customer.
 * `orders` is how many orders the customer has placed.
 */
export function demoSurveyAnswer(seed: number, customerId: number, orders: number): Answers | null {
  const rng = new Rng(seed, customerId, 7);
  if (!rng.chance(RESPONSE_RATE)) return null;
  const mood = 3.3 + 0.25 * Math.min(orders, 6) / 2 + rng.normal(0, 0.7);
  const answers: Answers = {};
  let overall = 0;
  for (const [factor, w] of Object.entries(TRUE_WEIGHTS) as Array<[keyof typeof TRUE_WEIGHTS, number]>) {
    const score = rating(mood + rng.normal(0, 0.8));
    answers[FACTOR_KEYS[factor]] = score;
    overall += w * score;
  }
  answers.overall = rating(overall + rng.normal(0, 0.35));
  answers.csat = rating((answers.overall as number) + rng.normal(0, 0.5));
  answers.recommend = Math.min(10, Math.max(0, Math.round(2 * (answers.overall as number) - 1 + rng.normal(0, 1.2))));
  if (rng.chance(0.8)) answers.price = rating(5.5 - (answers.overall as number) * 0.8 + rng.normal(0, 0.7));
  if (rng.chance(0.6)) answers.wallet = Math.min(100, Math.max(5, Math.round(20 + 12 * (answers.overall as number) + rng.normal(0, 12))));
  if (rng.chance(0.7)) answers.gift_wrap = rng.chance(0.6) ? [1, 3] : rng.pick([[1, 4], [2, 5], [3, 3], [1, 5]] as Array<[number, number]>);
  if (rng.chance(0.3)) {
    const o = answers.overall as number;
    answers.words = rng.pick(o <= 2 ? WORDS.low : o >= 4 ? WORDS.high : WORDS.mid);
  }
  return answers;
}
