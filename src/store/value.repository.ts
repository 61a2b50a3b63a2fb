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
  const money = MONEY.map((c) => sql`(round(coalesce(sum(${sql.ref(c)}) filter (where w), 0), 6) * 1000000)::bigint::text as ${sql.ref(c)}`);
  const query = sql<Record<string, string | number | null>>`
    select customer_id::float8 as id,
      coalesce(sum(orders) filter (where w), 0)::int as orders,
      coalesce(sum(purchase_days) filter (where w), 0)::int as purchase_days,
      ${sql.join(money)},
      (min(first_purchase) filter (where h))::text as first_purchase,
      (max(last_purchase) filter (where h))::text as last_purchase,
      coalesce(sum(purchase_days) filter (where h), 0)::int as purchase_days_to_date
    from (${sql.join(parts, sql` union all `)}) p
    ${w.customerIds ? sql`where customer_id = any(${[...w.customerIds]}::bigint[])` : sql``}
    group by customer_id
    order by customer_id`;

  const out = new Columns();
  await db.transaction().execute(async (trx) => {
    for await (const chunk of trx.getExecutor().stream<Record<string, string | number | null>>(query.compile(trx), 10_000)) {
      for (const r of chunk.rows) out.push(r);
    }
  });
  return out.done();
}

/** Typed columns that grow as rows stream in. */
class Columns {
  #n = 0;
  #cap = 1024;
  #f64 = { ids: new Float64Array(this.#cap) };
  #u32 = { orders: new Uint32Array(this.#cap), purchaseDays: new Uint32Array(this.#cap), purchaseDaysToDate: new Uint32Array(this.#cap) };
  #i32 = { firstPurchase: new Int32Array(this.#cap), lastPurchase: new Int32Array(this.#cap) };
  #big = { gross: new BigInt64Array(this.#cap), discount: new BigInt64Array(this.#cap), sales: new BigInt64Array(this.#cap), returns: new BigInt64Array(this.#cap), cost: new BigInt64Array(this.#cap), costedNetSales: new BigInt64Array(this.#cap) };

  push(r: Record<string, string | number | null>): void {
    if (this.#n === this.#cap) this.#grow();
    const i = this.#n++;
    this.#f64.ids[i] = Number(r.id);
    this.#u32.orders[i] = Number(r.orders);
    this.#u32.purchaseDays[i] = Number(r.purchase_days);
    this.#u32.purchaseDaysToDate[i] = Number(r.purchase_days_to_date);
    this.#i32.firstPurchase[i] = r.first_purchase === null ? -1 : dayNumber(String(r.first_purchase));
    this.#i32.lastPurchase[i] = r.last_purchase === null ? -1 : dayNumber(String(r.last_purchase));
    this.#big.gross[i] = BigInt(r.gross as string);
    this.#big.discount[i] = BigInt(r.discount as string);
    this.#big.sales[i] = BigInt(r.sales as string);
    this.#big.returns[i] = BigInt(r.returns as string);
    this.#big.cost[i] = BigInt(r.cost as string);
    this.#big.costedNetSales[i] = BigInt(r.costed_net_sales as string);
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
