import { sql, type Kysely } from "kysely";
import type { MonthRows } from "../analytics/value/cohorts.ts";
import type { Database } from "./schema.ts";

/**
 * Every customer-month row up to a month, as typed columns: the cohorts, the retention KPIs
 * and the churn-cost inputs read these (docs/value.md, "Cohorts and retention"). They come
 * from customer_month_aggregates alone, streamed; no order line is read, and no month after
 * the last one asked for.
 */
export interface CustomerMonths extends MonthRows {
  /** Net sales of the lines whose cost is known, and their cost, in micro-units: margin = costedNet − cost. */
  costedNet: BigInt64Array;
  cost: BigInt64Array;
}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** The customer-month rows of every month up to and including `toMonth` ('YYYY-MM'). */
export async function customerMonths(db: Kysely<Database>, toMonth: string): Promise<CustomerMonths> {
  if (!MONTH.test(toMonth)) throw new RangeError(`not a month: "${toMonth}"`);
  // Money is bigint micro-units: read as text, so that BigInt decodes it exactly.
  const query = sql<Row>`
    select customer_id::float8 as customer,
      (date_part('year', month) * 12 + date_part('month', month) - 1)::int as month,
      orders, purchase_days,
      (sales - returns)::text as net,
      costed_net_sales::text as costed_net,
      cost::text as cost
    from customer_month_aggregates
    where month <= ${`${toMonth}-01`}::date`;
  const out = new Columns();
  await db.transaction().execute(async (trx) => {
    for await (const chunk of trx.getExecutor().stream<Row>(query.compile(trx), 10_000)) {
      for (const r of chunk.rows) out.push(r);
    }
  });
  return out.done();
}

interface Row {
  customer: number;
  month: number;
  orders: number;
  purchase_days: number;
  net: string;
  costed_net: string;
  cost: string;
}

/** Typed columns that grow as rows stream in. */
class Columns {
  #n = 0;
  #cap = 1024;
  #c = this.#alloc(this.#cap);

  #alloc(n: number) {
    return {
      customer: new Float64Array(n), month: new Int32Array(n), orders: new Uint32Array(n), purchaseDays: new Uint32Array(n),
      net: new BigInt64Array(n), costedNet: new BigInt64Array(n), cost: new BigInt64Array(n),
    };
  }

  push(r: Row): void {
    if (this.#n === this.#cap) {
      this.#cap *= 2;
      const next = this.#alloc(this.#cap);
      for (const k of Object.keys(next) as Array<keyof typeof next>) next[k].set(this.#c[k] as never);
      this.#c = next;
    }
    const i = this.#n++;
    const c = this.#c;
    c.customer[i] = Number(r.customer);
    c.month[i] = Number(r.month);
    c.orders[i] = Number(r.orders);
    c.purchaseDays[i] = Number(r.purchase_days);
    c.net[i] = BigInt(r.net);
    c.costedNet[i] = BigInt(r.costed_net);
    c.cost[i] = BigInt(r.cost);
  }

  done(): CustomerMonths {
    const n = this.#n;
    const c = this.#c;
    return {
      customer: c.customer.slice(0, n), month: c.month.slice(0, n), orders: c.orders.slice(0, n), purchaseDays: c.purchaseDays.slice(0, n),
      net: c.net.slice(0, n), costedNet: c.costedNet.slice(0, n), cost: c.cost.slice(0, n),
    };
  }
}
