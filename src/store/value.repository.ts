import { sql, type CompiledQuery, type Kysely } from "kysely";
import { parallelReads } from "./connect.ts";
import type { ValueColumns } from "../analytics/value/report.ts";
import { dayNumber, dayText, isDay, monthStart, nextMonthStart } from "../domain/days.ts";
import { aggregatesOfLinesBetween } from "./aggregates.ts";
import type { Database } from "./schema.ts";

/**
 * Every customer's value over a window of dates, and their purchase history up to its end,
 * read from the maintained aggregates (docs/value.md, "Windows and as-of dates"). Whole
 * months come from customer_month_aggregates; where the window cuts a month, that part is
 * aggregated from the month's order lines by the same definitions (aggregates.ts). Nothing
 * dated after the window's end is read.
 */
export interface ValueWindow {
  /** First and last day, inclusive: 'YYYY-MM-DD'. */
  from: string;
  to: string;
  /** Only these customers (default: all). */
  customerIds?: readonly number[];
}

/**
 * What the segmentations need beyond the window, read in the same pass over the months
 * (docs/value.md, "Segments"): the window before's net sales and margin, and the loyalty
 * ladder's purchase periods. A third and second statement over the same million customers'
 * months took longer than this one.
 */
export interface SegmentInputs {
  /** The window before, inclusive dates; it ends before the window starts. */
  previous: { from: string; to: string };
  /** Periods of `periodMonths` months counted back from the window's end (period 0), and how many recent ones (1–60) to count. */
  periodMonths: number;
  recent: number;
}

export interface CustomerSegmentInputs {
  /** The window before's net sales and margin, micro-units. */
  previousNet: BigInt64Array;
  previousMargin: BigInt64Array;
  /** Periods with a sale up to the window's end: 0, 1, or 2 for two or more. */
  purchasePeriods: Uint32Array;
  /** Of the last `recent` periods, those with a sale. */
  recentPeriods: Uint32Array;
}

/**
 * One entry per customer with any purchase or return up to the window's end (money in
 * micro-units): the columns the value analyses take, and the first sale.
 */
export interface CustomerValues extends ValueColumns {
  /** Days since 1970-01-01 of the first sale up to the window's end; −1: none. */
  firstPurchase: Int32Array;
}

const MONEY = ["gross", "discount", "sales", "returns", "cost", "costed_net_sales"] as const;

export async function customerValues(db: Kysely<Database>, w: ValueWindow): Promise<CustomerValues>;
export async function customerValues(db: Kysely<Database>, w: ValueWindow, seg: SegmentInputs): Promise<CustomerValues & CustomerSegmentInputs>;
export async function customerValues(db: Kysely<Database>, w: ValueWindow, seg?: SegmentInputs): Promise<CustomerValues & Partial<CustomerSegmentInputs>> {
  const from = dayNumber(w.from);
  const to = dayNumber(w.to);
  if (!isDay(w.from) || !isDay(w.to)) {
    throw new RangeError(`not a window of dates: ${w.from} … ${w.to}`);
  }
  if (from > to) throw new RangeError(`the window starts after it ends: ${w.from} … ${w.to}`);
  const toIsMonthEnd = nextMonthStart(to) === to + 1;
  const fromIsMonthStart = monthStart(from) === from;
  // Whole months: up to the last one that ends by `to`; in the window from the first that starts on or after `from`.
  const lastWholeMonth = dayText(toIsMonthEnd ? monthStart(to) : monthStart(monthStart(to) - 1));
  const firstWindowMonth = dayText(fromIsMonthStart ? from : nextMonthStart(from));
  const cols = sql`orders, purchase_days, gross, discount, sales, returns, cost, costed_net_sales, first_purchase, last_purchase`;
  // Each part's rows carry flags: h (up to the window's end), w (in the window), pw (in the
  // window before) and p (the ladder's period of a month with a sale; null otherwise).
  let prev = { first: 0, last: -1 };
  let period = sql`null::int`;
  if (seg) {
    const pf = dayNumber(seg.previous.from);
    const pt = dayNumber(seg.previous.to);
    if (!isDay(seg.previous.from) || !isDay(seg.previous.to) || pf > pt || pt >= from) {
      throw new RangeError(`not a window before ${w.from}: ${seg.previous.from} … ${seg.previous.to}`);
    }
    if (!Number.isInteger(seg.recent) || seg.recent < 1 || seg.recent > 60) throw new RangeError(`recent periods must be 1 to 60 (got ${seg.recent})`);
    prev = { first: monthStart(pf) === pf ? pf : nextMonthStart(pf), last: nextMonthStart(pt) === pt + 1 ? monthStart(pt) : monthStart(monthStart(pt) - 1) };
    // date_part, not extract: extract returns numeric (PostgreSQL 14 on), a third slower over millions of months.
    const t = dayText(to);
    const asOfMonth = Number(t.slice(0, 4)) * 12 + Number(t.slice(5, 7)) - 1;
    period = sql`case when orders > 0 then (${asOfMonth}::int - (date_part('year', month)::int * 12 + date_part('month', month)::int - 1)) / ${seg.periodMonths}::int end`;
  }
  const inPrevious = prev.first <= prev.last ? sql`month between ${dayText(prev.first)}::date and ${dayText(prev.last)}::date` : sql`false`;
  const parts = [
    sql`select customer_id, ${cols}, true as h, month >= ${firstWindowMonth}::date as w, ${inPrevious} as pw, ${period} as p
      from customer_month_aggregates where month <= ${lastWholeMonth}::date`,
  ];
  if (!toIsMonthEnd) {
    const start = monthStart(to);
    parts.push(sql`select customer_id, ${cols}, true as h, ${start >= from} as w, false as pw, case when orders > 0 then 0 end as p
      from (${aggregatesOfLinesBetween(dayText(start), w.to)}) b`);
  }
  if (!fromIsMonthStart) {
    const end = Math.min(nextMonthStart(from) - 1, to);
    parts.push(sql`select customer_id, ${cols}, false as h, true as w, false as pw, null::int as p from (${aggregatesOfLinesBetween(w.from, dayText(end))}) c`);
  }
  if (seg) {
    // The days of the window before outside its whole months (or all of it, inside one month).
    const pf = dayNumber(seg.previous.from);
    const pt = dayNumber(seg.previous.to);
    const cuts: Array<[number, number]> = prev.first <= prev.last ? [[pf, prev.first - 1], [nextMonthStart(prev.last), pt]] : [[pf, pt]];
    for (const [a, b] of cuts) {
      if (a <= b) parts.push(sql`select customer_id, ${cols}, false as h, false as w, true as pw, null::int as p from (${aggregatesOfLinesBetween(dayText(a), dayText(b))}) d`);
    }
  }
  // One text field per customer, split here: with a million customers, decoding a dozen
  // fields per row (and formatting money as micro-units on the server) took longer than the
  // aggregation itself. Money comes as the exact sum; microsOf rounds it as round(x, 6) would.
  const money = MONEY.map((c) => sql`coalesce(sum(${sql.ref(c)}) filter (where w), 0)`);
  const segmentFields = seg
    ? sql`, coalesce(sum(sales - returns) filter (where pw), 0), coalesce(sum(costed_net_sales - cost) filter (where pw), 0),
        case when min(p) is null then 0 when min(p) = max(p) then 1 else 2 end,
        coalesce(bit_count(int8send(bit_or(1::bigint << p) filter (where p < ${seg.recent}::int))), 0)`
    : sql``;
  const query = sql<{ r: string }>`
    select concat_ws(',', customer_id,
      coalesce(sum(orders) filter (where w), 0),
      coalesce(sum(purchase_days) filter (where w), 0),
      ${sql.join(money)},
      coalesce((min(first_purchase) filter (where h)) - date '1970-01-01', -1),
      coalesce((max(last_purchase) filter (where h)) - date '1970-01-01', -1),
      coalesce(sum(purchase_days) filter (where h), 0)${segmentFields}) as r
    from (${sql.join(parts, sql` union all `)}) u
    where ${w.customerIds ? sql`customer_id = any(${[...w.customerIds]}::bigint[])` : sql`customer_id between ${sql.raw("$LO")} and ${sql.raw("$HI")}`}
    group by customer_id
    order by customer_id`;

  // On a server, the customers in as many id ranges as it runs statements at once, each
  // range on its own connection (a cursor's plan is never parallel); the parts follow one
  // another in id order.
  const ranges = w.customerIds ? [null] : await idRanges(db, parallelReads(db));
  const pieces = await Promise.all(ranges.map(async (range) => {
    const out = new Columns(seg !== undefined);
    const compiled = range === null ? query.compile(db) : bounded(query.compile(db), range);
    await db.transaction().execute(async (trx) => {
      for await (const chunk of trx.getExecutor().stream<{ r: string }>(compiled, 10_000)) {
        for (const row of chunk.rows) out.push(row.r.split(","));
      }
    });
    return out.done();
  }));
  return pieces.length === 1 ? pieces[0]! : concatColumns(pieces);
}

/** `n` ranges of customer ids of about equal width covering every customer with aggregates. */
async function idRanges(db: Kysely<Database>, n: number): Promise<Array<[number, number]>> {
  const r = await sql<{ lo: number | null; hi: number | null }>`select min(customer_id) as lo, max(customer_id) as hi from customer_aggregates`.execute(db);
  const lo = r.rows[0]?.lo ?? 0;
  const hi = r.rows[0]?.hi ?? 0;
  if (n <= 1 || hi - lo + 1 < n) return [[lo, hi]];
  const width = Math.ceil((hi - lo + 1) / n);
  return Array.from({ length: n }, (_, i): [number, number] => [lo + i * width, Math.min(hi, lo + (i + 1) * width - 1)]);
}

/** The query with its id range: appended as two more parameters in place of $LO and $HI. */
function bounded(q: CompiledQuery, [lo, hi]: [number, number]): CompiledQuery {
  const k = q.parameters.length;
  return { ...q, sql: q.sql.replace("$LO", `$${k + 1}`).replace("$HI", `$${k + 2}`), parameters: [...q.parameters, lo, hi] };
}

/** The parts' columns one after another. */
function concatColumns<T extends object>(parts: T[]): T {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(parts[0]!)) {
    const arrays = parts.map((p) => (p as Record<string, unknown>)[key] as Float64Array | Uint32Array | Int32Array | BigInt64Array);
    const all = new (arrays[0]!.constructor as new (n: number) => typeof arrays[0])(arrays.reduce((n, a) => n + a.length, 0));
    let at = 0;
    for (const a of arrays) {
      all.set(a as never, at);
      at += a.length;
    }
    out[key] = all;
  }
  return out as T;
}

/**
 * A numeric's text ("-12.3456789", "7") in micro-units, rounded half away from zero at the
 * sixth decimal: exactly PostgreSQL's round(x, 6) · 10⁶, which only the first dropped digit decides.
 */
export function microsOf(text: string): bigint {
  // Up to 2⁵³ micro-units (9 billion in the currency) the digits make an exact double, and
  // a bigint from a double costs less than one from a string; beyond, the string way.
  const neg = text.charCodeAt(0) === 45; /* "-" */
  const start = neg ? 1 : 0;
  const dot = text.indexOf(".", start);
  let m: number;
  if (dot < 0) {
    m = Number(text.slice(start)) * 1e6;
  } else {
    const six = text.slice(dot + 1, dot + 7);
    m = Number(text.slice(start, dot) + (six.length === 6 ? six : six.padEnd(6, "0")));
    if (text.length > dot + 7 && text.charCodeAt(dot + 7) >= 53 /* "5" */) m += 1;
  }
  if (m <= Number.MAX_SAFE_INTEGER) return BigInt(neg ? -m : m);
  const digits = neg ? text.slice(1) : text;
  let big: bigint;
  if (dot < 0) {
    big = BigInt(digits) * 1_000_000n;
  } else {
    const frac = digits.slice(dot - start + 1);
    big = BigInt(digits.slice(0, dot - start) + frac.slice(0, 6).padEnd(6, "0"));
    if (frac.length > 6 && frac.charCodeAt(6) >= 53) big += 1n;
  }
  return neg ? -big : big;
}

/** Typed columns that grow as rows stream in. */
class Columns {
  #n = 0;
  #cap = 1024;
  readonly #segments: boolean;
  #seg = { previousNet: new BigInt64Array(0), previousMargin: new BigInt64Array(0), purchasePeriods: new Uint32Array(0), recentPeriods: new Uint32Array(0) };

  constructor(segments: boolean) {
    this.#segments = segments;
    if (segments) {
      this.#seg = { previousNet: new BigInt64Array(this.#cap), previousMargin: new BigInt64Array(this.#cap), purchasePeriods: new Uint32Array(this.#cap), recentPeriods: new Uint32Array(this.#cap) };
    }
  }

  #f64 = { ids: new Float64Array(this.#cap) };
  #u32 = { orders: new Uint32Array(this.#cap), purchaseDays: new Uint32Array(this.#cap), purchaseDaysToDate: new Uint32Array(this.#cap) };
  #i32 = { firstPurchase: new Int32Array(this.#cap), lastPurchase: new Int32Array(this.#cap) };
  #big = { gross: new BigInt64Array(this.#cap), discount: new BigInt64Array(this.#cap), sales: new BigInt64Array(this.#cap), returns: new BigInt64Array(this.#cap), cost: new BigInt64Array(this.#cap), costedNetSales: new BigInt64Array(this.#cap) };

  /** id, orders, purchase days, the six money sums (MONEY's order), first and last purchase (day numbers, −1: none), purchase days to date. */
  push(f: string[]): void {
    if (this.#n === this.#cap) this.#grow();
    const i = this.#n++;
    this.#f64.ids[i] = Number(f[0]);
    this.#u32.orders[i] = Number(f[1]);
    this.#u32.purchaseDays[i] = Number(f[2]);
    this.#big.gross[i] = microsOf(f[3]!);
    this.#big.discount[i] = microsOf(f[4]!);
    this.#big.sales[i] = microsOf(f[5]!);
    this.#big.returns[i] = microsOf(f[6]!);
    this.#big.cost[i] = microsOf(f[7]!);
    this.#big.costedNetSales[i] = microsOf(f[8]!);
    this.#i32.firstPurchase[i] = Number(f[9]);
    this.#i32.lastPurchase[i] = Number(f[10]);
    this.#u32.purchaseDaysToDate[i] = Number(f[11]);
    if (this.#segments) {
      this.#seg.previousNet[i] = microsOf(f[12]!);
      this.#seg.previousMargin[i] = microsOf(f[13]!);
      this.#seg.purchasePeriods[i] = Number(f[14]);
      this.#seg.recentPeriods[i] = Number(f[15]);
    }
  }

  #grow(): void {
    this.#cap *= 2;
    const grow = <A extends Float64Array | Uint32Array | Int32Array | BigInt64Array>(a: A): A => {
      const b = new (a.constructor as new (n: number) => A)(this.#cap);
      b.set(a as never);
      return b;
    };
    for (const group of [this.#f64, this.#u32, this.#i32, this.#big, ...(this.#segments ? [this.#seg] : [])] as Array<Record<string, Float64Array | Uint32Array | Int32Array | BigInt64Array>>) {
      for (const k of Object.keys(group)) group[k] = grow(group[k]!);
    }
  }

  done(): CustomerValues & Partial<CustomerSegmentInputs> {
    const n = this.#n;
    const seg = this.#segments
      ? { previousNet: this.#seg.previousNet.slice(0, n), previousMargin: this.#seg.previousMargin.slice(0, n), purchasePeriods: this.#seg.purchasePeriods.slice(0, n), recentPeriods: this.#seg.recentPeriods.slice(0, n) }
      : {};
    return {
      ...seg,
      ids: this.#f64.ids.slice(0, n),
      orders: this.#u32.orders.slice(0, n),
      purchaseDays: this.#u32.purchaseDays.slice(0, n),
      purchaseDaysToDate: this.#u32.purchaseDaysToDate.slice(0, n),
      firstPurchase: this.#i32.firstPurchase.slice(0, n),
      lastPurchase: this.#i32.lastPurchase.slice(0, n),
      gross: this.#big.gross.slice(0, n),
      discount: this.#big.discount.slice(0, n),
      sales: this.#big.sales.slice(0, n),
      returns: this.#big.returns.slice(0, n),
      cost: this.#big.cost.slice(0, n),
      costedNetSales: this.#big.costedNetSales.slice(0, n),
    };
  }
}
