import { sql, type CompiledQuery, type Kysely, type RawBuilder } from "kysely";
import { parallelReads } from "./connect.ts";
import type { ValueColumns } from "../analytics/value/report.ts";
import { addMonths, dayNumber, dayText, isDay, monthStart, nextMonthStart } from "../domain/days.ts";
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
  /**
   * The sales of that first purchase day (the spend models' first purchase, which the mean
   * of repeat purchases leaves out); 0 when none.
   */
  firstDaySales: BigInt64Array;
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
  const cols = sql`orders, purchase_days, gross, discount, sales, returns, cost, costed_net_sales, first_day_sales, first_purchase, last_purchase`;
  // Each part's rows carry flags: h (up to the window's end), w (in the window), pw (in the
  // window before) and f (the customer's first month with a sale; null on the part of the
  // window's last month, cut); and m, their month up to the window's end (null otherwise).
  let prev = { first: 0, last: -1 };
  let segmentFields = sql``;
  if (seg) {
    const pf = dayNumber(seg.previous.from);
    const pt = dayNumber(seg.previous.to);
    if (!isDay(seg.previous.from) || !isDay(seg.previous.to) || pf > pt || pt >= from) {
      throw new RangeError(`not a window before ${w.from}: ${seg.previous.from} … ${seg.previous.to}`);
    }
    if (!Number.isInteger(seg.recent) || seg.recent < 1 || seg.recent > 60) throw new RangeError(`recent periods must be 1 to 60 (got ${seg.recent})`);
    prev = { first: monthStart(pf) === pf ? pf : nextMonthStart(pf), last: nextMonthStart(pt) === pt + 1 ? monthStart(pt) : monthStart(monthStart(pt) - 1) };
    // The ladder's periods count back from the window's last month (period 0). A period only
    // grows as the month gets older, so a customer's first and last period are those of their
    // first and last month with a sale: two per customer, rather than one per month row (the
    // per-row periods cost a fifth of this statement). Only the months of the last `recent`
    // periods need their own. date_part, not extract: extract returns numeric (PostgreSQL 14 on).
    const t = dayText(to);
    const asOfMonth = Number(t.slice(0, 4)) * 12 + Number(t.slice(5, 7)) - 1;
    const period = (m: RawBuilder<unknown>) =>
      sql`((${asOfMonth}::int - (date_part('year', ${m})::int * 12 + date_part('month', ${m})::int - 1)) / ${seg.periodMonths}::int)`;
    const recentFrom = dayText(addMonths(monthStart(to), -(seg.recent * seg.periodMonths - 1)));
    const first = sql`min(m) filter (where orders > 0)`;
    const last = sql`max(m) filter (where orders > 0)`;
    segmentFields = sql`, coalesce(sum(sales - returns) filter (where pw), 0), coalesce(sum(costed_net_sales - cost) filter (where pw), 0),
      case when ${first} is null then 0 when ${period(first)} = ${period(last)} then 1 else 2 end,
      coalesce(bit_count(int8send(bit_or(1::bigint << ${period(sql`m`)}) filter (where orders > 0 and m >= ${recentFrom}::date))), 0)`;
  }
  const inPrevious = prev.first <= prev.last ? sql`month between ${dayText(prev.first)}::date and ${dayText(prev.last)}::date` : sql`false`;
  const parts = [
    sql`select customer_id, ${cols}, true as h, month >= ${firstWindowMonth}::date as w, ${inPrevious} as pw, is_first_month as f, month as m
      from customer_month_aggregates where month <= ${lastWholeMonth}::date`,
  ];
  if (!toIsMonthEnd) {
    const start = monthStart(to);
    parts.push(sql`select customer_id, ${cols}, true as h, ${start >= from} as w, false as pw, null::boolean as f, ${dayText(start)}::date as m
      from (${aggregatesOfLinesBetween(dayText(start), w.to)}) b`);
  }
  if (!fromIsMonthStart) {
    const end = Math.min(nextMonthStart(from) - 1, to);
    parts.push(sql`select customer_id, ${cols}, false as h, true as w, false as pw, false as f, null::date as m from (${aggregatesOfLinesBetween(w.from, dayText(end))}) c`);
  }
  if (seg) {
    // The days of the window before outside its whole months (or all of it, inside one month).
    const pf = dayNumber(seg.previous.from);
    const pt = dayNumber(seg.previous.to);
    const cuts: Array<[number, number]> = prev.first <= prev.last ? [[pf, prev.first - 1], [nextMonthStart(prev.last), pt]] : [[pf, pt]];
    for (const [a, b] of cuts) {
      if (a <= b) parts.push(sql`select customer_id, ${cols}, false as h, false as w, true as pw, false as f, null::date as m from (${aggregatesOfLinesBetween(dayText(a), dayText(b))}) d`);
    }
  }
  // One text field per customer, read here: with a million customers, decoding a dozen
  // fields per row took longer than the aggregation itself. Money is bigint micro-units in
  // every part (aggregates.ts), so each sum is an exact integer, and its text a BigInt.
  const money = MONEY.map((c) => sql`coalesce(sum(${sql.ref(c)}) filter (where w), 0)`);
  // The first purchase day's sales: of the customer's first month with a sale when the whole
  // months read hold it; otherwise of the cut last month (its first purchase day is then the
  // customer's first, if it has one), or none. A filter, not a search for the least month:
  // picking a row by its month (min over an array) cost a fifth of this statement.
  const firstDaySales = sql`coalesce(sum(first_day_sales) filter (where f), sum(first_day_sales) filter (where f is null), 0)`;
  const query = sql<{ r: string }>`
    select concat_ws(',', customer_id,
      coalesce(sum(orders) filter (where w), 0),
      coalesce(sum(purchase_days) filter (where w), 0),
      ${sql.join(money)},
      coalesce((min(first_purchase) filter (where h)) - date '1970-01-01', -1),
      coalesce((max(last_purchase) filter (where h)) - date '1970-01-01', -1),
      coalesce(sum(purchase_days) filter (where h), 0),
      ${firstDaySales}${segmentFields}) as r
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
        for (const row of chunk.rows) out.push(row.r);
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
  #big = {
    gross: new BigInt64Array(this.#cap), discount: new BigInt64Array(this.#cap), sales: new BigInt64Array(this.#cap), returns: new BigInt64Array(this.#cap),
    cost: new BigInt64Array(this.#cap), costedNetSales: new BigInt64Array(this.#cap), firstDaySales: new BigInt64Array(this.#cap),
  };

  /**
   * One customer's fields, comma-separated: id, orders, purchase days, the six money sums
   * (MONEY's order), first and last purchase (day numbers, −1: none), purchase days to
   * date, the first purchase day's sales; then the segment inputs. Read in place, without
   * splitting: a million rows of seventeen small strings each cost more than the rest of
   * the decoding. Counts and day numbers are small integers; money is integer text
   * (micro-units), which BigInt reads exactly (0 is already there).
   */
  push(row: string): void {
    if (this.#n === this.#cap) this.#grow();
    const i = this.#n++;
    const f = this.#fields;
    f.reset(row);
    this.#f64.ids[i] = f.int();
    this.#u32.orders[i] = f.int();
    this.#u32.purchaseDays[i] = f.int();
    f.money(this.#big.gross, i);
    f.money(this.#big.discount, i);
    f.money(this.#big.sales, i);
    f.money(this.#big.returns, i);
    f.money(this.#big.cost, i);
    f.money(this.#big.costedNetSales, i);
    this.#i32.firstPurchase[i] = f.int();
    this.#i32.lastPurchase[i] = f.int();
    this.#u32.purchaseDaysToDate[i] = f.int();
    f.money(this.#big.firstDaySales, i);
    if (this.#segments) {
      f.money(this.#seg.previousNet, i);
      f.money(this.#seg.previousMargin, i);
      this.#seg.purchasePeriods[i] = f.int();
      this.#seg.recentPeriods[i] = f.int();
    }
  }

  readonly #fields = new Fields();

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
      firstDaySales: this.#big.firstDaySales.slice(0, n),
    };
  }
}

/** A cursor over the comma-separated fields of one row's text. */
class Fields {
  #s = "";
  #at = 0;

  reset(s: string): void {
    this.#s = s;
    this.#at = 0;
  }

  /** The next field, an integer of at most 15 digits (a count, an id, a day number), read digit by digit. */
  int(): number {
    const s = this.#s;
    let i = this.#at;
    const neg = s.charCodeAt(i) === 45; /* "-" */
    if (neg) i++;
    let v = 0;
    for (let c = s.charCodeAt(i); c >= 48 && c <= 57; c = s.charCodeAt(++i)) v = v * 10 + (c - 48);
    this.#at = i + 1;
    return neg ? -v : v;
  }

  /** The next field, integer text of any size, into a[i] as a BigInt; "0" leaves the 0 there. */
  money(a: BigInt64Array, i: number): void {
    const s = this.#s;
    const start = this.#at;
    let end = s.indexOf(",", start);
    if (end < 0) end = s.length;
    this.#at = end + 1;
    if (end - start !== 1 || s.charCodeAt(start) !== 48) a[i] = BigInt(s.slice(start, end));
  }
}
