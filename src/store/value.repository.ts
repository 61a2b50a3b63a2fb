import { sql, type Kysely } from "kysely";
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
 * One entry per customer with any purchase or return up to the window's end (money in
 * micro-units): the columns the value analyses take, and the first sale.
 */
export interface CustomerValues extends ValueColumns {
  /** Days since 1970-01-01 of the first sale up to the window's end; −1: none. */
  firstPurchase: Int32Array;
}

const MONEY = ["gross", "discount", "sales", "returns", "cost", "costed_net_sales"] as const;

export async function customerValues(db: Kysely<Database>, w: ValueWindow): Promise<CustomerValues> {
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
  const parts = [
    sql`select customer_id, ${cols}, true as h, month >= ${firstWindowMonth}::date as w
      from customer_month_aggregates where month <= ${lastWholeMonth}::date`,
  ];
  if (!toIsMonthEnd) {
    const start = monthStart(to);
    parts.push(sql`select customer_id, ${cols}, true as h, ${start >= from} as w from (${aggregatesOfLinesBetween(dayText(start), w.to)}) b`);
  }
  if (!fromIsMonthStart) {
    const end = Math.min(nextMonthStart(from) - 1, to);
    parts.push(sql`select customer_id, ${cols}, false as h, true as w from (${aggregatesOfLinesBetween(w.from, dayText(end))}) c`);
  }
  // One text field per customer, split here: with a million customers, decoding a dozen
  // fields per row (and formatting money as micro-units on the server) took longer than the
  // aggregation itself. Money comes as the exact sum; microsOf rounds it as round(x, 6) would.
  const money = MONEY.map((c) => sql`coalesce(sum(${sql.ref(c)}) filter (where w), 0)`);
  const query = sql<{ r: string }>`
    select concat_ws(',', customer_id,
      coalesce(sum(orders) filter (where w), 0),
      coalesce(sum(purchase_days) filter (where w), 0),
      ${sql.join(money)},
      coalesce((min(first_purchase) filter (where h)) - date '1970-01-01', -1),
      coalesce((max(last_purchase) filter (where h)) - date '1970-01-01', -1),
      coalesce(sum(purchase_days) filter (where h), 0)) as r
    from (${sql.join(parts, sql` union all `)}) p
    ${w.customerIds ? sql`where customer_id = any(${[...w.customerIds]}::bigint[])` : sql``}
    group by customer_id
    order by customer_id`;

  const out = new Columns();
  await db.transaction().execute(async (trx) => {
    for await (const chunk of trx.getExecutor().stream<{ r: string }>(query.compile(trx), 10_000)) {
      for (const row of chunk.rows) out.push(row.r.split(","));
    }
  });
  return out.done();
}

/**
 * A numeric's text ("-12.3456789", "7") in micro-units, rounded half away from zero at the
 * sixth decimal: exactly PostgreSQL's round(x, 6) · 10⁶, which only the first dropped digit decides.
 */
function microsOf(text: string): bigint {
  const neg = text.startsWith("-");
  const digits = neg ? text.slice(1) : text;
  const dot = digits.indexOf(".");
  let m: bigint;
  if (dot < 0) {
    m = BigInt(digits) * 1_000_000n;
  } else {
    const frac = digits.slice(dot + 1);
    m = BigInt(digits.slice(0, dot) + frac.slice(0, 6).padEnd(6, "0"));
    if (frac.length > 6 && frac.charCodeAt(6) >= 53 /* "5" */) m += 1n;
  }
  return neg ? -m : m;
}

/** Typed columns that grow as rows stream in. */
class Columns {
  #n = 0;
  #cap = 1024;
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
  }

  #grow(): void {
    this.#cap *= 2;
    const grow = <A extends Float64Array | Uint32Array | Int32Array | BigInt64Array>(a: A): A => {
      const b = new (a.constructor as new (n: number) => A)(this.#cap);
      b.set(a as never);
      return b;
    };
    for (const group of [this.#f64, this.#u32, this.#i32, this.#big] as Array<Record<string, Float64Array | Uint32Array | Int32Array | BigInt64Array>>) {
      for (const k of Object.keys(group)) group[k] = grow(group[k]!);
    }
  }

  done(): CustomerValues {
    const n = this.#n;
    return {
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
