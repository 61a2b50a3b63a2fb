/**
 * One customer's purchase history, simulated from a known truth:
 *  - the BG/NBD story (params.ts): Poisson purchases at rate λ·season(t) (thinning, Lewis &
 *    Shedler 1979) while active, drop-out with probability p after each purchase;
 *    enterprises buy on a steadier Gamma-renewal schedule;
 *  - complaints bend p: resolved → more loyal, unresolved → likely gone;
 *  - follow-up orders carry the sequence signals (TV → soundbar, printer → ink, milk powder
 *    every ~25 days while active);
 *  - ~3% of lines come back 1–30 days later as a "-R1" return order.
 */
import type { OrderLineInput } from "../domain/inputs.ts";
import { BY_GROUP, type Product } from "./catalog.ts";
import {
  addPartners, basket, discountShare, has, itemOf, MAX_LINES, QTY_CONSUMABLE, QTY_MILK, unitPrice, type Item, type Taste,
} from "./basket.ts";
import type { Calendar } from "./calendar.ts";
import { cents } from "./money.ts";
import { BGNBD, COMPLAINT_EFFECT, ENTERPRISE, PRICE_ONLY, SHARES, SIGNALS } from "./params.ts";
import type { Rng } from "./rng.ts";

export const ORDER_CHANNELS = ["store", "online", "wechat", "phone", "marketplace"] as const;

export interface Buyer {
  readonly ref: string;
  /** Customer index + 1: the order-number suffix (one order per customer per day keeps it unique). */
  readonly seq: number;
  readonly taste: Taste;
  /** Buys milk powder on a ~25-day cycle while active. */
  readonly milk: boolean;
  readonly acqDay: number;
  /** Weights over ORDER_CHANNELS. */
  readonly channels: readonly number[];
}

export type ComplaintStatus = "open" | "resolved" | "closed";
export interface ComplaintEvent {
  readonly orderNo: string;
  readonly orderChannel: string;
  readonly openedDay: number;
  readonly status: ComplaintStatus;
  readonly resolvedDay: number;
  /** Closed as it stood after `STALE_DAYS` with nobody fixing it. */
  readonly stale: boolean;
}

/** The hidden parameters behind the history, for checking models against known truth. */
export interface Truth {
  /** Purchase rate per week while active (after the enterprise / price-only multipliers). */
  readonly lambda: number;
  /** Drop-out probability after each purchase (enterprises' already lowered), before complaints bent it. */
  readonly p: number;
  /** Still active at the end of the window. */
  readonly alive: boolean;
  /** Day of the purchase after which the customer dropped out ('YYYY-MM-DD'), if they did. */
  readonly droppedAt: string | null;
}

export interface SalesOrder {
  readonly day: number;
  readonly orderNo: string;
  readonly channel: string;
}

export interface Purchases {
  readonly lines: OrderLineInput[];
  readonly orders: SalesOrder[];
  readonly complaints: ComplaintEvent[];
  readonly truth: Truth;
  /** Net sales in CNY cents (USD converted), for tags and member levels. */
  readonly netCents: number;
}

interface Slot {
  day: number;
  items: Item[];
}

/** A customer has at most a few hundred purchase occasions; the cap bounds the work per customer. */
const MAX_CORE = 300;

export function purchases(rng: Rng, cal: Calendar, b: Buyer): Purchases {
  const t0 = b.taste;
  let lambda = rng.gamma(BGNBD.r, BGNBD.alpha);
  const p = rng.beta(BGNBD.a, BGNBD.b) * (t0.enterprise ? ENTERPRISE.dropMultiplier : 1);
  if (t0.enterprise) lambda *= ENTERPRISE.rateMultiplier;
  if (t0.priceOnly) lambda *= PRICE_ONLY.rateMultiplier;
  const last = cal.days - 1;

  // --- when: the core purchase occasions (BG/NBD), with complaints bending p ---
  const complainer = rng.chance(SHARES.complainer);
  const kc1 = complainer ? 1 + rng.weighted([5, 3, 2]) : 0;
  const kc2 = complainer && rng.chance(0.25) ? kc1 + 1 + rng.int(0, 2) : 0;
  const core: number[] = [b.acqDay];
  const complaintAt: { k: number; status: ComplaintStatus; opened: number; resolved: number; stale: boolean }[] = [];
  const rateDay = lambda / 7;
  const season = t0.priceOnly ? cal.seasonPrice : cal.season;
  const smax = t0.priceOnly ? cal.seasonPriceMax : cal.seasonMax;
  let pEff = p;
  let dropDay = -1;
  let t = b.acqDay + rng.uniform();
  outer: for (;;) {
    const k = core.length;
    const day = core[k - 1] as number;
    let pNow = pEff;
    if (k === kc1 || k === kc2) {
      const c = complaint(rng, day, last);
      complaintAt.push({ k: k - 1, ...c });
      if (c.status === "resolved") pNow = pEff *= COMPLAINT_EFFECT.resolvedDropMultiplier;
      else {
        pNow = 1 - (1 - pEff) * (1 - COMPLAINT_EFFECT.unresolvedDropNow);
        pEff = Math.min(0.95, pEff + COMPLAINT_EFFECT.unresolvedDropAdd);
      }
    }
    if (rng.chance(pNow)) {
      dropDay = day;
      break;
    }
    if (k >= MAX_CORE) break;
    let d: number;
    do {
      if (t0.enterprise) {
        const s = cal.seasonEnt[Math.floor(t)] ?? 1;
        t += rng.gamma(ENTERPRISE.gapShape, ENTERPRISE.gapShape * rateDay * s);
      } else {
        do t += rng.exponential(rateDay * smax);
        while (t < last + 1 && rng.uniform() * smax >= (season[Math.floor(t)] as number));
      }
      if (!(t < last + 1)) break outer;
      d = Math.floor(t);
    } while (d <= day); // a second purchase the same day is the same occasion
    core.push(d);
  }
  if (complainer && complaintAt.length === 0) {
    // Too few purchases to reach the planned order: the complaint is about the last one.
    complaintAt.push({ k: core.length - 1, ...complaint(rng, core[core.length - 1] as number, last) });
  }

  // --- what: baskets, then follow-up orders on free days ---
  const slots: Slot[] = core.map((day) => ({ day, items: basket(rng, t0) }));
  // Follow-ups happen only while the customer is active: before the purchase after which
  // they dropped out, so the truth's drop-out day really is their last purchase.
  const until = dropDay < 0 ? last : dropDay - 1;
  if (b.milk) milkCycle(rng, slots, until);
  for (let k = 0; k < core.length; k++) {
    const s = slots[k] as Slot;
    for (const it of s.items) {
      if (it.p.group === "tv" && rng.chance(SIGNALS.tvToSoundbar)) {
        follow(slots, s.day + rng.int(3, SIGNALS.tvWindow - 2), [itemOf(rng, "soundbar", t0.enterprise)], until);
      } else if (it.p.group === "printer" && rng.chance(SIGNALS.printerToLaterInk)) {
        follow(slots, s.day + rng.int(7, SIGNALS.inkWindow - 2), [itemOf(rng, "ink", t0.enterprise)], until);
      }
    }
  }
  const coreSlots = slots.slice(0, core.length);
  slots.sort((x, y) => x.day - y.day);

  // --- how much: prices, discounts, currency; then returns ---
  const seq = String(b.seq).padStart(5, "0");
  const lines: OrderLineInput[] = [];
  const orders: SalesOrder[] = [];
  let returns: { day: number; lines: OrderLineInput[] }[] | undefined;
  let netCents = 0;
  for (const s of slots) {
    const orderNo = "SO" + cal.compact[s.day] + seq;
    const channel = ORDER_CHANNELS[rng.weighted(b.channels)] as string;
    const usd = t0.enterprise && rng.chance(SHARES.usdOrder);
    const rate = usd ? (cal.usdRates[cal.monthOf[s.day] as number] as { value: number }).value : 1;
    const orderedAt = cal.iso[s.day] as string;
    const promo = cal.promo[s.day] as number;
    let back: OrderLineInput[] | undefined;
    let rday = 0;
    for (let n = 0; n < s.items.length; n++) {
      const { p: prod, qty } = s.items[n] as Item;
      const price = unitPrice(rng, prod, t0);
      const up = usd ? Math.round(price / rate) : price;
      const cost = usd ? Math.round(prod.costCents / rate) : prod.costCents;
      const gross = qty * up;
      const disc = Math.round(gross * discountShare(rng, promo, t0));
      const listed = up === prod.listCents && !usd;
      lines.push({
        customerRef: b.ref, orderNo, lineNo: n + 1, orderedAt, sku: prod.sku, description: prod.name, category: prod.category,
        quantity: count(qty), unitPrice: listed ? prod.listPrice : cents(up), discount: disc === 0 ? "0.00" : cents(disc),
        unitCost: usd ? cents(cost) : prod.unitCost, amount: listed && qty === 1 && disc === 0 ? prod.listPrice : cents(gross - disc),
        currency: usd ? "USD" : "CNY", channel,
      });
      netCents += Math.round((gross - disc) * rate);
      if (rng.chance(SHARES.returned)) {
        if (!back) {
          rday = s.day + rng.int(1, 30);
          back = [];
        }
        if (rday > last) continue; // would come back after the end of history
        const rq = qty > 1 && rng.chance(0.2) ? 1 : qty;
        const dr = Math.round((disc * rq) / qty);
        const sale = lines[lines.length - 1] as OrderLineInput;
        back.push({
          customerRef: b.ref, orderNo: orderNo + "-R1", lineNo: back.length + 1, orderedAt: cal.iso[rday] as string,
          sku: prod.sku, description: prod.name, category: prod.category, quantity: count(-rq), unitPrice: sale.unitPrice as string,
          discount: cents(dr), unitCost: sale.unitCost as string, amount: cents(-rq * up + dr), currency: sale.currency as string,
          channel, isReturn: true,
        });
        netCents -= Math.round((rq * up - dr) * rate);
      }
    }
    orders.push({ day: s.day, orderNo, channel });
    if (back && back.length > 0) (returns ??= []).push({ day: rday, lines: back });
  }
  const all = returns ? mergeReturns(lines, returns) : lines;

  const complaints = complaintAt.map((c): ComplaintEvent => {
    const day = (coreSlots[c.k] as Slot).day;
    const order = orders.find((o) => o.day === day) as SalesOrder;
    return { orderNo: order.orderNo, orderChannel: order.channel, openedDay: c.opened, status: c.status, resolvedDay: c.resolved, stale: c.stale };
  });
  return {
    lines: all,
    orders,
    complaints,
    netCents,
    truth: { lambda, p, alive: dropDay < 0, droppedAt: dropDay < 0 ? null : (cal.iso[dropDay] as string) },
  };
}

/** Return orders slotted in by date after the sales (sales come first on the same day). */
function mergeReturns(sales: OrderLineInput[], returns: { day: number; lines: OrderLineInput[] }[]): OrderLineInput[] {
  returns.sort((x, y) => x.day - y.day);
  const out: OrderLineInput[] = [];
  let r = 0;
  for (const l of sales) {
    while (r < returns.length && (returns[r] as { lines: OrderLineInput[] }).lines[0]!.orderedAt < l.orderedAt) {
      for (const x of (returns[r++] as { lines: OrderLineInput[] }).lines) out.push(x);
    }
    out.push(l);
  }
  for (; r < returns.length; r++) for (const x of (returns[r] as { lines: OrderLineInput[] }).lines) out.push(x);
  return out;
}

/** Quantities as strings, small ones from a table. */
const COUNTS = Array.from({ length: 401 }, (_, k) => String(k - 200));
function count(q: number): string {
  return q >= -200 && q <= 200 ? (COUNTS[q + 200] as string) : String(q);
}

/** Days after which a complaint nobody fixed is closed as it stands. */
export const STALE_DAYS = 60;

/**
 * A complaint opened a few days after the order. Recent ones are often still open; the
 * rest are mostly resolved (72%, so ≈70% overall), some closed without a fix, some left
 * unfixed — and those are closed as they stand once `STALE_DAYS` old, as a service desk
 * clears its backlog (no draw: the customer's history is the same either way, since an
 * unfixed case, open or closed, weighs on the customer alike).
 */
function complaint(rng: Rng, orderDay: number, last: number): { status: ComplaintStatus; opened: number; resolved: number; stale: boolean } {
  const opened = Math.min(last, orderDay + 1 + Math.floor(rng.exponential(0.25)));
  let status: ComplaintStatus;
  if (last - opened < 14 && rng.chance(0.6)) status = "open";
  else {
    const u = rng.uniform();
    status = u < 0.72 ? "resolved" : u < 0.88 ? "closed" : "open";
  }
  if (status === "open" && last - opened > STALE_DAYS) return { status: "closed", opened, resolved: opened + STALE_DAYS, stale: true };
  const resolved = status === "open" ? -1 : Math.min(last, opened + 1 + Math.floor(rng.exponential(0.2)));
  return { status, opened, resolved, stale: false };
}

/** Adds a follow-up order on the first free day from `day` (one order per customer per day). */
function follow(slots: Slot[], day: number, items: Item[], until: number): void {
  for (let k = 0; k < slots.length; k++) {
    if ((slots[k] as Slot).day === day) {
      day++;
      k = -1;
    }
  }
  if (day <= until) slots.push({ day, items });
}

/** Milk powder on the first order, then again every ~25 days until the customer drops out. */
function milkCycle(rng: Rng, slots: Slot[], until: number): void {
  const first = slots[0] as Slot;
  const milk = BY_GROUP.milk_powder;
  const stage0 = rng.int(0, milk.length - 1);
  const firstMilk = milk[stage0] as Product;
  if (!has(first.items, firstMilk)) {
    if (first.items.length >= MAX_LINES) first.items.pop();
    first.items.unshift({ p: firstMilk, qty: 1 + rng.fromCumulative(QTY_MILK) });
  }
  const diaper = rng.pick(BY_GROUP.diapers);
  let day = first.day;
  for (let n = 0; n < 60; n++) {
    day += Math.max(15, Math.round(rng.normal(SIGNALS.milkEvery, 3)));
    if (day > until) return;
    // Babies grow: the stage moves up every ~6 months.
    const stage = Math.min(milk.length - 1, stage0 + Math.floor((day - first.day) / 180));
    const items: Item[] = [{ p: milk[stage] as Product, qty: 1 + rng.fromCumulative(QTY_MILK) }];
    if (rng.chance(0.4)) items.push({ p: diaper, qty: 1 + rng.fromCumulative(QTY_CONSUMABLE) });
    addPartners(rng, items, false);
    follow(slots, day, items, until);
  }
}
