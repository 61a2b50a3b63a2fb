/**
 * How the demo business's customers answer being contacted: a simulation with a known
 * truth, so the campaign results page can be checked against it. A contacted customer
 * buys once more in the measurement window with probability `lift` (on top of whatever the
 * behaviour model already has them buy); a customer held out never does. So the true effect
 * on the share who buy is about `lift` × (1 − the share who would have bought anyway), and
 * the measured difference with its interval should cover it.
 *
 * The extra order is one or two items of the categories the customer would buy, at list
 * price with the usual cost, on a day drawn evenly over the window. Deterministic for the
 * seed, the campaign tag and the customer.
 */
import { dayText } from "../domain/days.ts";
import type { OrderLineInput } from "../domain/inputs.ts";
import { BY_CATEGORY, BY_CATEGORY_CUM, CATEGORY_WEIGHTS_ENTERPRISE, CATEGORY_WEIGHTS_INDIVIDUAL } from "./catalog.ts";
import { cents } from "./money.ts";
import { Rng, cumulative, mix32 } from "./rng.ts";

/** The true extra chance of buying in the window, per kind of contact: the simulation's truth. */
export const DEMO_LIFT = { winback: 0.12, plan: 0.06 } as const;

export interface ContactedCustomer {
  customerId: number;
  /** The customer's external id in the demo source. */
  ref: string;
  enterprise: boolean;
}

const INDIVIDUAL_CUM = cumulative(CATEGORY_WEIGHTS_INDIVIDUAL);
const ENTERPRISE_CUM = cumulative(CATEGORY_WEIGHTS_ENTERPRISE);

function drawIndex(rng: Rng, cum: Float64Array): number {
  const u = rng.between(0, cum[cum.length - 1]!);
  let i = 0;
  while (i < cum.length - 1 && cum[i]! <= u) i++;
  return i;
}

/**
 * The response orders of the contacted customers: `tag` names the campaign ("winback-3"),
 * `fromDay`/`toDay` are day numbers of the window (inclusive).
 */
export function responseLines(seed: number, tag: string, contacted: readonly ContactedCustomer[], fromDay: number, toDay: number, lift: number): OrderLineInput[] {
  if (!(lift >= 0 && lift <= 1)) throw new RangeError(`lift must lie in [0, 1] (got ${lift})`);
  if (toDay < fromDay) return [];
  let salt = 0;
  for (let i = 0; i < tag.length; i++) salt = mix32(salt ^ tag.charCodeAt(i));
  const lines: OrderLineInput[] = [];
  for (const c of contacted) {
    const rng = new Rng(seed, c.customerId, salt);
    if (!rng.chance(lift)) continue;
    const day = rng.int(fromDay, toDay);
    const orderNo = `RS-${tag}-${c.customerId}`;
    const items = rng.chance(0.3) ? 2 : 1;
    for (let n = 0; n < items; n++) {
      const cat = drawIndex(rng, c.enterprise ? ENTERPRISE_CUM : INDIVIDUAL_CUM);
      const p = BY_CATEGORY[cat]![drawIndex(rng, BY_CATEGORY_CUM[cat]!)]!;
      const qty = c.enterprise ? rng.int(1, 4) : 1;
      lines.push({
        customerRef: c.ref, orderNo, lineNo: n + 1, orderedAt: dayText(day), sku: p.sku, description: p.name, category: p.category,
        quantity: String(qty), unitPrice: p.listPrice, discount: "0.00", unitCost: p.unitCost, amount: cents(qty * p.listCents),
        currency: "CNY", channel: "store",
      });
    }
  }
  return lines;
}
