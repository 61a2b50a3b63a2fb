/**
 * One customer's membership as of a day: the points ledger (earn, return, redeem, adjust,
 * expire) with the balance after each entry, and the level history (join, upgrade,
 * downgrade). Pure and deterministic: the same orders, returns and manual entries give the
 * same ledger, so re-applying the programme never doubles anything. Rules: docs/membership.md.
 *
 * Each day is processed in this order: (1) the review, if one is due that day, on the
 * rolling value of the window ending the day before; (2) the day's orders (by order id):
 * the value grows, the level rises at once when a threshold is met, then the order earns
 * at the level it now holds; (3) the day's returns; (4) redemptions and adjustments, in
 * the given order; (5) at the end of the day, the expiry of the points due that day.
 * Points are spent and expire oldest first (FIFO lots).
 */
import { addMonths, dayNumber, dayText, nextMonthStart } from "../../domain/days.ts";
import { FACTOR_SCALE, scaledInt, type Programme } from "./programme.ts";

const MICROS = 1_000_000n;

/** An order's sale lines: what was paid (micro-units of the base currency, after discounts). */
export interface OrderEvent {
  orderId: number;
  date: string;
  sales: bigint;
}

/** Return lines: the refunded amount (micro-units, > 0), and the order they return when known. */
export interface ReturnEvent {
  /** The order that carries the return lines (the same order, or a return/cancellation order). */
  returnOrderId: number;
  date: string;
  amount: bigint;
  /** The order whose goods come back; unknown: matched to the latest earlier orders (docs/membership.md). */
  orderId?: number;
}

/** A redemption (points > 0 spent) or an adjustment (points ≠ 0, either sign), entered by staff. */
export interface ManualEvent {
  key: string;
  kind: "redeem" | "adjust";
  date: string;
  points: number;
  /** Already in the ledger: applied even if the balance is now short (a back-dated return came before it). */
  recorded?: boolean;
}

export type EntryKind = "earn" | "return" | "redeem" | "adjust" | "expire";

export interface LedgerEntry {
  /** Stable identity within the customer: earn:ORDER, return:RETURN_ORDER:ORDER, expire:DAY, or the manual key. */
  key: string;
  kind: EntryKind;
  date: string;
  /** Signed: earnings and positive adjustments add, the rest take away. */
  points: number;
  balance: number;
  orderId: number | null;
  returnOrderId: number | null;
  /** When the points of an earning or a positive adjustment expire. */
  expiresOn: string | null;
  /** The level in force for the entry (an earning's multiplier comes from it). */
  level: string | null;
}

export interface LevelChange {
  date: string;
  from: string | null;
  to: string;
  kind: "join" | "upgrade" | "downgrade";
  /** The rolling value that decided it: an amount (spend) or whole points (points). */
  value: string;
}

export interface Membership {
  entries: LedgerEntry[];
  levels: LevelChange[];
  level: string | null;
  levelSince: string | null;
  nextReview: string | null;
  /** The rolling value as of the day of evaluation (window ending that day). */
  value: string;
  balance: number;
  earned: number;
  returned: number;
  redeemed: number;
  expired: number;
  adjusted: number;
  /** Points still held, by the day they expire, earliest first. */
  expiring: Array<{ date: string; points: number }>;
  /** Redemptions and negative adjustments refused because the balance was short. */
  refused: Array<{ key: string; points: number; balance: number }>;
  /** Per order that earned: its points, those its returns took back, and those of its lot that expired. */
  orders: Map<number, { earned: number; returned: number; expired: number }>;
}

interface Lot {
  date: number;
  expiresOn: number | null;
  remaining: number;
  orderId: number | null;
  expired: number;
}

interface OrderState {
  orderId: number;
  day: number;
  sales: bigint;
  earned: number;
  base: number;
  returnedAmount: bigint;
  takenPoints: number;
  takenBase: number;
  lot: Lot | null;
}

const toPoints = (v: bigint): number => {
  const n = Number(v);
  if (!Number.isSafeInteger(n)) throw new RangeError(`points ${v} beyond 2^53`);
  return n;
};

/** Base and level points of a payment: ⌊sales × rate⌋ and ⌊sales × rate × multiplier⌋, rounded down once. */
export function orderPoints(sales: bigint, pointsPerUnit: string, multiplier: string): { base: number; points: number } {
  const rate = scaledInt(pointsPerUnit, 4);
  const mult = scaledInt(multiplier, 4);
  return { base: toPoints((sales * rate) / (MICROS * FACTOR_SCALE)), points: toPoints((sales * rate * mult) / (MICROS * FACTOR_SCALE * FACTOR_SCALE)) };
}

/** The membership of one customer as of `asOf` (events after it are ignored). */
export function computeMembership(p: Programme, asOf: string, orders: OrderEvent[], returns: ReturnEvent[], manual: ManualEvent[]): Membership {
  const end = dayNumber(asOf);
  const start = p.startsOn === null ? -Infinity : dayNumber(p.startsOn);
  const spend = p.basis === "spend";
  const thresholds = p.levels.map((l) => (spend ? scaledInt(l.threshold, 6) : BigInt(l.threshold)));

  type DayEvent = { rank: number; seq: number; run: () => void };
  const byDay = new Map<number, DayEvent[]>();
  const at = (day: number, e: DayEvent) => {
    if (day > end) return;
    const list = byDay.get(day);
    if (list) list.push(e);
    else byDay.set(day, [e]);
  };

  const entries: LedgerEntry[] = [];
  const levels: LevelChange[] = [];
  const lots: Lot[] = []; // FIFO: by date, then creation
  const orderStates = new Map<number, OrderState>();
  const contributions: Array<{ day: number; value: bigint }> = [];
  const refused: Membership["refused"] = [];
  let debt = 0;
  let level = -1;
  let levelSince: number | null = null;
  let nextReview: number | null = null;
  let reviews = 0;
  const totals = { earned: 0, returned: 0, redeemed: 0, expired: 0, adjusted: 0 };

  // Running sums, so a customer with thousands of orders costs linear time: `held` is the
  // points left in the lots; the window's value is every contribution so far minus those
  // that fell out of it (contributions arrive in day order and days are asked in order).
  let held = 0;
  let total = 0n;
  let dropped = 0n;
  let windowStart = 0;
  let fifo = 0;
  let nextToExpire = 0;
  const balance = () => held - debt;
  const contribute = (day: number, value: bigint) => {
    contributions.push({ day, value });
    total += value;
  };
  const valueAsOf = (day: number): bigint => {
    const from = addMonths(day, -p.windowMonths);
    while (windowStart < contributions.length && contributions[windowStart]!.day <= from) dropped += contributions[windowStart++]!.value;
    return total - dropped;
  };
  const valueText = (v: bigint): string => (spend ? decimalOf(v) : v.toString());
  const qualifying = (v: bigint): number => {
    let q = -1;
    thresholds.forEach((t, i) => {
      if (v >= t) q = i;
    });
    return q;
  };
  const setLevel = (day: number, to: number, kind: LevelChange["kind"], v: bigint) => {
    levels.push({ date: dayText(day), from: level < 0 ? null : p.levels[level]!.key, to: p.levels[to]!.key, kind, value: valueText(v) });
    level = to;
    levelSince = day;
    reviews = 0;
    scheduleReview();
  };
  const scheduleReview = () => {
    if (level <= 0 || levelSince === null) nextReview = null;
    else if (p.review === "monthly") nextReview = nextMonthStart(reviews === 0 ? levelSince : nextReview!);
    else nextReview = addMonths(levelSince, 12 * (reviews + 1));
  };
  const expiryOf = (day: number): number | null => (p.expiryYears === null ? null : dayNumber(`${Number(dayText(day).slice(0, 4)) + p.expiryYears}-12-31`));
  const push = (e: Omit<LedgerEntry, "balance" | "level">) => entries.push({ ...e, balance: balance(), level: level < 0 ? null : p.levels[level]!.key });

  const addLot = (day: number, points: number, orderId: number | null): Lot => {
    const cover = Math.min(debt, points);
    debt -= cover;
    const lot: Lot = { date: day, expiresOn: expiryOf(day), remaining: points - cover, orderId, expired: 0 };
    lots.push(lot);
    held += lot.remaining;
    return lot;
  };
  /** Takes points from `first` (if any), then from the oldest lots; what is missing becomes debt. */
  const take = (points: number, first: Lot | null) => {
    let left = points;
    const from = (lot: Lot) => {
      const t = Math.min(left, lot.remaining);
      lot.remaining -= t;
      held -= t;
      left -= t;
    };
    if (first) from(first);
    while (left > 0 && fifo < lots.length) {
      from(lots[fifo]!);
      if (lots[fifo]!.remaining === 0) fifo += 1;
    }
    debt += left;
  };

  for (const o of orders) {
    const day = dayNumber(o.date);
    const state: OrderState = { orderId: o.orderId, day, sales: o.sales, earned: 0, base: 0, returnedAmount: 0n, takenPoints: 0, takenBase: 0, lot: null };
    orderStates.set(o.orderId, state);
    if (day < start) continue;
    at(day, {
      rank: 2,
      seq: o.orderId,
      run: () => {
        if (spend) contribute(day, o.sales);
        const rateBase = orderPoints(o.sales, p.pointsPerUnit, "1").base;
        if (!spend) contribute(day, BigInt(rateBase));
        const v = valueAsOf(day);
        const q = qualifying(v);
        if (q > level) setLevel(day, q, level < 0 ? "join" : "upgrade", v);
        if (level < 0) return;
        const { base, points } = orderPoints(o.sales, p.pointsPerUnit, p.levels[level]!.multiplier);
        state.earned = points;
        state.base = base;
        if (points === 0) return;
        state.lot = addLot(day, points, o.orderId);
        totals.earned += points;
        push({ key: `earn:${o.orderId}`, kind: "earn", date: o.date, points, orderId: o.orderId, returnOrderId: null, expiresOn: state.lot.expiresOn === null ? null : dayText(state.lot.expiresOn) });
      },
    });
  }

  // Orders by day and id, for matching a return that names no order to the latest ones before it.
  const chronological = [...orderStates.values()].sort((a, b) => a.day - b.day || a.orderId - b.orderId);
  function* latestFirst(day: number): Generator<OrderState> {
    let hi = chronological.length;
    for (let lo = 0; lo < hi;) {
      const mid = (lo + hi) >> 1;
      if (chronological[mid]!.day <= day) lo = mid + 1;
      else hi = mid;
    }
    for (let i = hi - 1; i >= 0; i--) yield chronological[i]!;
  }

  returns.forEach((r, i) => {
    const day = dayNumber(r.date);
    if (day < start) return;
    at(day, { rank: 3, seq: i, run: () => applyReturn(r, day) });
  });
  const applyReturn = (r: ReturnEvent, day: number) => {
    if (spend) contribute(day, -r.amount);
    const own = r.orderId === undefined ? undefined : orderStates.get(r.orderId);
    let amount = r.amount;
    for (const s of own ? [own] : latestFirst(day)) {
      if (amount === 0n) break;
      if (!own && s.returnedAmount >= s.sales) continue;
      const part = own ? amount : min(amount, s.sales - s.returnedAmount);
      amount -= part;
      s.returnedAmount = min(s.sales, s.returnedAmount + part);
      if (s.sales === 0n || s.earned === 0) continue;
      const targetPoints = toPoints((BigInt(s.earned) * s.returnedAmount) / s.sales);
      const targetBase = toPoints((BigInt(s.base) * s.returnedAmount) / s.sales);
      const expired = s.lot?.expired ?? 0;
      const points = Math.max(0, targetPoints - s.takenPoints - expired);
      const baseBack = targetBase - s.takenBase;
      s.takenBase = targetBase;
      if (!spend && baseBack > 0) contribute(day, BigInt(-baseBack));
      if (points === 0) continue;
      s.takenPoints += points;
      take(points, s.lot);
      totals.returned += points;
      push({ key: `return:${r.returnOrderId}:${s.orderId}`, kind: "return", date: dayText(day), points: -points, orderId: s.orderId, returnOrderId: r.returnOrderId, expiresOn: null });
    }
  };

  manual.forEach((m, i) => {
    at(dayNumber(m.date), {
      rank: 4,
      seq: i,
      run: () => {
        if (m.kind === "adjust" && m.points > 0) {
          const lot = addLot(dayNumber(m.date), m.points, null);
          totals.adjusted += m.points;
          push({ key: m.key, kind: "adjust", date: m.date, points: m.points, orderId: null, returnOrderId: null, expiresOn: lot.expiresOn === null ? null : dayText(lot.expiresOn) });
          return;
        }
        const points = Math.abs(m.points);
        const held = balance();
        if (points > held && !m.recorded) {
          refused.push({ key: m.key, points, balance: held });
          return;
        }
        take(points, null);
        if (m.kind === "redeem") totals.redeemed += points;
        else totals.adjusted -= points;
        push({ key: m.key, kind: m.kind, date: m.date, points: -points, orderId: null, returnOrderId: null, expiresOn: null });
      },
    });
  });

  const expire = (day: number) => {
    let points = 0;
    // Lots are made in day order, so their expiry days never fall: stop at the first one after `day`.
    for (let i = nextToExpire; i < lots.length; i++) {
      const lot = lots[i]!;
      if (lot.expiresOn === null || lot.expiresOn > day) break;
      points += lot.remaining;
      held -= lot.remaining;
      lot.expired += lot.remaining;
      lot.remaining = 0;
    }
    if (points === 0) return;
    totals.expired += points;
    push({ key: `expire:${dayText(day)}`, kind: "expire", date: dayText(day), points: -points, orderId: null, returnOrderId: null, expiresOn: null });
  };

  const eventDays = [...byDay.keys()].sort((a, b) => a - b);
  let cursor = 0;
  for (;;) {
    const nextEvent = eventDays[cursor] ?? Infinity;
    while (nextToExpire < lots.length && lots[nextToExpire]!.remaining === 0) nextToExpire += 1;
    const nextExpiry = lots[nextToExpire]?.expiresOn ?? Infinity;
    const day = Math.min(nextEvent, nextReview ?? Infinity, nextExpiry);
    if (day > end || day === Infinity) break;
    if (nextReview === day) {
      const v = valueAsOf(day - 1);
      const q = Math.max(0, qualifying(v));
      if (q < level) setLevel(day, q, "downgrade", v);
      else {
        reviews += 1;
        scheduleReview();
      }
    }
    if (nextEvent === day) {
      for (const e of byDay.get(day)!.sort((a, b) => a.rank - b.rank || a.seq - b.seq)) e.run();
      cursor += 1;
    }
    expire(day);
  }

  const expiring = new Map<number, number>();
  for (const lot of lots) if (lot.remaining > 0 && lot.expiresOn !== null) expiring.set(lot.expiresOn, (expiring.get(lot.expiresOn) ?? 0) + lot.remaining);
  return {
    entries,
    levels,
    level: level < 0 ? null : p.levels[level]!.key,
    levelSince: levelSince === null ? null : dayText(levelSince),
    nextReview: nextReview === null ? null : dayText(nextReview),
    value: valueText(valueAsOf(end)),
    balance: balance(),
    ...totals,
    expiring: [...expiring].sort((a, b) => a[0] - b[0]).map(([d, points]) => ({ date: dayText(d), points })),
    refused,
    orders: new Map(
      [...orderStates.values()].filter((s) => s.earned > 0).map((s) => [s.orderId, { earned: s.earned, returned: s.takenPoints, expired: s.lot?.expired ?? 0 }]),
    ),
  };
}

const min = (a: bigint, b: bigint) => (a < b ? a : b);

/** Micro-units as a decimal string without trailing zeros ("12.5", "-3", "0"). */
export function decimalOf(micros: bigint): string {
  const neg = micros < 0n;
  const a = neg ? -micros : micros;
  const frac = (a % MICROS).toString().padStart(6, "0").replace(/0+$/, "");
  return `${neg ? "-" : ""}${a / MICROS}${frac ? `.${frac}` : ""}`;
}
