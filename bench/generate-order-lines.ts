/**
 * Order histories for the value benchmark: a million customers and about ten million order
 * lines over three years, generated customer by customer from (seed, i), so the same
 * arguments always give the same store.
 *
 * - Who: the customers of generate-customers.ts (names, kinds, identities), as an orders
 *   import creates them: state current, created on the day of their first order.
 * - When: arrivals follow the demo calendar's cohorts (src/demo/calendar.ts). A customer stays
 *   active for an exponential lifetime (mean 22 months) and orders 1 + Poisson(λ · active
 *   years) times, λ ~ Gamma(0.3) with mean 4 a year (10 for companies, 2 for price-only
 *   buyers): most customers order 1–3 times, a long tail orders dozens of times, and 1% of
 *   companies are resellers ordering 30–120 times a year. Order days are thinned by the
 *   demo's seasonality (promotions draw price-only buyers). About 10 lines per customer.
 * - What and at what price: the demo's baskets, catalogue, unit prices and discounts (deeper on
 *   promotion days, 20–50% for price-only buyers), enterprise contract prices and volumes;
 *   1% of company orders in USD at the month's rate; ~3% of lines returned 1–30 days later
 *   as an "-R1" order; the unit cost is missing on 4% of lines, so margin covers the rest.
 *
 * loadOrderHistory writes the rows an orders import would write (orders.repository.ts'
 * derived money, exactly, with the same decimal arithmetic) with COPY, then recomputes the
 * aggregates with the store's own rebuildAggregates. importThroughProduct loads the first
 * customers through the import itself (runImport + OrderSink), for checking the two agree.
 */
import { sql, type Kysely } from "kysely";
import { basket, discountShare, unitPrice, type Taste } from "../src/demo/basket.ts";
import { ORDER_CHANNELS } from "../src/demo/behaviour.ts";
import { calendarFor, type Calendar } from "../src/demo/calendar.ts";
import { CATEGORY_WEIGHTS_ENTERPRISE, CATEGORY_WEIGHTS_INDIVIDUAL, PRODUCTS } from "../src/demo/catalog.ts";
import { externalId } from "../src/demo/generate.ts";
import { cents } from "../src/demo/money.ts";
import { SHARES } from "../src/demo/params.ts";
import { cumulative, Rng } from "../src/demo/rng.ts";
import { decMul } from "../src/domain/decimal.ts";
import type { OrderLineInput } from "../src/domain/inputs.ts";
import { runImport, type ParsedRow } from "../src/ingest/run.ts";
import { OrderSink } from "../src/ingest/sinks/orders.ts";
import { analyzeAggregates, rebuildAggregates } from "../src/store/aggregates.ts";
import { copyInto, type CopyRow } from "../src/store/copy.ts";
import type { Database } from "../src/store/schema.ts";
import { getSettings, loadFxTable, setFxRate, setSetting, type FxTable } from "../src/store/settings.repository.ts";
import { CUSTOMER_COLUMNS, customerRows, dropSecondaryIndexes, IDENTITY_COLUMNS, SOURCE, TEAMS, type Team } from "./generate-customers.ts";

/** The last day of history, and its length: 2023-11-15 … 2026-11-15. */
export const END = "2026-11-15";
export const MONTHS = 36;
export const TIMEZONE = "Asia/Shanghai";
/** Bump when the generated data changes: a cached store of another version is reloaded. */
export const DATA_VERSION = 1;

/** Rng stream of the purchases (generate-customers.ts draws the customer from stream 0). */
const STREAM = 5;
const SHAPE = 0.3;
const PER_YEAR = { individual: 4, priceOnly: 2, enterprise: 10 } as const;
const MEAN_LIFE_DAYS = 670;
const RESELLER_SHARE = 0.01;
const NO_COST_SHARE = 0.04;
const CHANNEL_WEIGHTS = [30, 35, 15, 5, 15];
/** No users: the generated customers are unassigned. */
const NO_OWNERS = Object.fromEntries(TEAMS.map((t) => [t, []])) as unknown as Record<Team, number[]>;

const calendar = (seed: number): Calendar => calendarFor(seed, END, MONTHS);
/** Quantities as strings, small ones from a table. */
const COUNTS = Array.from({ length: 401 }, (_, k) => String(k - 200));
const count = (q: number) => (q >= -200 && q <= 200 ? COUNTS[q + 200]! : String(q));

function tasteOf(rng: Rng, enterprise: boolean, priceOnly: boolean): Taste {
  const weights = [...(enterprise ? CATEGORY_WEIGHTS_ENTERPRISE : CATEGORY_WEIGHTS_INDIVIDUAL)];
  const favourite = rng.int(0, weights.length - 1);
  weights[favourite]! *= 4;
  return { enterprise, priceOnly, categories: Array.from(cumulative(weights)), contract: enterprise ? rng.between(0.82, 0.97) : 1 };
}

/** Customer i's order lines, sales and returns in date order, each order's lines together. */
export function customerLines(seed: number, i: number, enterprise: boolean): OrderLineInput[] {
  const cal = calendar(seed);
  const rng = new Rng(seed, i, STREAM);
  const last = cal.days - 1;
  const acq = Math.min(last, rng.fromCumulative(cal.acqCum));
  const priceOnly = !enterprise && rng.chance(SHARES.priceOnly);
  const reseller = enterprise && rng.chance(RESELLER_SHARE);
  const taste = tasteOf(rng, enterprise, priceOnly);
  const until = reseller ? last : Math.min(last, acq + Math.floor(rng.exponential(1 / MEAN_LIFE_DAYS)));
  const perYear = reseller ? rng.between(30, 120) : rng.gamma(SHAPE, SHAPE / (enterprise ? PER_YEAR.enterprise : priceOnly ? PER_YEAR.priceOnly : PER_YEAR.individual));
  const wanted = 1 + rng.poisson((perYear * (until - acq + 1)) / 365);

  // The first order on arrival; the others on distinct days of the active span, by season.
  const season = priceOnly ? cal.seasonPrice : enterprise ? cal.seasonEnt : cal.season;
  const smax = priceOnly ? cal.seasonPriceMax : enterprise ? 1.3 : cal.seasonMax;
  const taken = new Set<number>([acq]);
  for (let tries = 0; taken.size < wanted && tries < 4 * wanted; tries++) {
    const d = acq + Math.floor(rng.uniform() * (until - acq + 1));
    if (rng.uniform() * smax < season[d]!) taken.add(d);
  }
  const days = [...taken].sort((a, b) => a - b);

  const ref = externalId(i);
  const seq = String(i + 1).padStart(7, "0");
  const favourite = rng.weighted(CHANNEL_WEIGHTS);
  const sales: OrderLineInput[] = [];
  const returns: Array<{ day: number; lines: OrderLineInput[] }> = [];
  for (const day of days) {
    const orderNo = `SO${cal.compact[day]}${seq}`;
    const channel = ORDER_CHANNELS[rng.chance(0.7) ? favourite : rng.weighted(CHANNEL_WEIGHTS)]!;
    const usd = enterprise && rng.chance(SHARES.usdOrder);
    const rate = usd ? cal.usdRates[cal.monthOf[day]!]!.value : 1;
    const orderedAt = cal.iso[day]!;
    const promo = cal.promo[day]!;
    let back: OrderLineInput[] | undefined;
    let rday = 0;
    basket(rng, taste).forEach(({ p, qty }, n) => {
      const price = unitPrice(rng, p, taste);
      const up = usd ? Math.round(price / rate) : price;
      const costed = !rng.chance(NO_COST_SHARE);
      const cost = costed ? cents(usd ? Math.round(p.costCents / rate) : p.costCents) : undefined;
      const gross = qty * up;
      const disc = Math.round(gross * discountShare(rng, promo, taste));
      const currency = usd ? "USD" : "CNY";
      sales.push({
        customerRef: ref, orderNo, lineNo: n + 1, orderedAt, sku: p.sku, description: p.name, category: p.category,
        quantity: count(qty), unitPrice: cents(up), discount: cents(disc), unitCost: cost, amount: cents(gross - disc), currency, channel,
      });
      if (!rng.chance(SHARES.returned)) return;
      if (!back) {
        rday = day + rng.int(1, 30);
        back = [];
      }
      if (rday > last) return; // would come back after the end of history
      const rq = qty > 1 && rng.chance(0.2) ? 1 : qty;
      const dr = Math.round((disc * rq) / qty);
      back.push({
        customerRef: ref, orderNo: `${orderNo}-R1`, lineNo: back.length + 1, orderedAt: cal.iso[rday]!, sku: p.sku, description: p.name,
        category: p.category, quantity: count(-rq), unitPrice: cents(up), discount: cents(dr), unitCost: cost, amount: cents(-rq * up + dr),
        currency, channel, isReturn: true,
      });
    });
    if (back && back.length > 0) returns.push({ day: rday, lines: back });
  }
  if (returns.length === 0) return sales;
  // Return orders slotted in by date after the sales (sales first on the same day).
  returns.sort((a, b) => a.day - b.day);
  const out: OrderLineInput[] = [];
  let r = 0;
  for (const l of sales) {
    while (r < returns.length && returns[r]!.lines[0]!.orderedAt < l.orderedAt) out.push(...returns[r++]!.lines);
    out.push(l);
  }
  for (; r < returns.length; r++) out.push(...returns[r]!.lines);
  return out;
}

const ORDER_COLUMNS = ["customer_id", "order_id", "order_no", "ordered_at", "order_date", "channel", "currency", "fx_rate"] as const;
const LINE_COLUMNS = [
  "customer_id", "order_id", "line_no", "order_date", "product_id", "sku", "description", "category", "quantity",
  "unit_price", "discount", "unit_cost", "amount", "base_amount", "base_discount", "base_cost", "is_return",
] as const;
const STATE = CUSTOMER_COLUMNS.indexOf("state");
const CREATED = CUSTOMER_COLUMNS.indexOf("created_at");
const UPDATED = CUSTOMER_COLUMNS.indexOf("updated_at");
const PRODUCT_ID = new Map(PRODUCTS.map((p, k) => [p.sku, k + 1]));

/**
 * A line as the import stores it (orders.repository.ts, lineRow): the amount as given, base
 * amounts × the order's rate, cost = quantity × the line's unit cost × rate (the products an
 * import creates have no unit cost), null when the line has none.
 */
function storedLine(customerId: number, orderId: number, l: OrderLineInput, fxRate: string): CopyRow {
  const rated = fxRate === "1" ? (v: string) => v : (v: string) => decMul(v, fxRate);
  const discount = l.discount ?? "0";
  return [
    customerId, orderId, l.lineNo, l.orderedAt.slice(0, 10), PRODUCT_ID.get(l.sku!) ?? null, l.sku, l.description, l.category, l.quantity,
    l.unitPrice ?? null, discount, l.unitCost ?? null, l.amount!, rated(l.amount!), rated(discount),
    l.unitCost === undefined ? null : decMul(l.quantity, rated(l.unitCost)), l.isReturn === true || l.quantity.startsWith("-"),
  ];
}

/** The business settings and USD rates both load paths start from. */
async function prepareStore(db: Kysely<Database>, seed: number): Promise<FxTable> {
  await setSetting(db, "baseCurrency", "CNY");
  await setSetting(db, "timezone", TIMEZONE);
  for (const r of calendar(seed).usdRates) await setFxRate(db, "USD", r.validFrom, r.rate);
  return loadFxTable(db);
}

/** Customers per chunk: one COPY per table each. */
const CHUNK = 10_000;

export interface LoadSummary {
  customers: number;
  orders: number;
  lines: number;
  copySeconds: number;
  aggregateSeconds: number;
  indexSeconds: number;
}

/**
 * Loads customers 0..n−1 and their orders into an empty store, then rebuilds the aggregates.
 * Generating a chunk (JavaScript) overlaps with COPYing the previous one (the server). The
 * secondary indexes are dropped for the load and rebuilt at the end (see dropSecondaryIndexes).
 */
export async function loadOrderHistory(
  db: Kysely<Database>,
  opts: { customers: number; seed: number; progress?: (customers: number, lines: number) => void },
): Promise<LoadSummary> {
  const t0 = performance.now();
  const restoreIndexes = await dropSecondaryIndexes(db, ["customers", "customer_identities", "orders", "order_lines", "customer_aggregates", "customer_month_aggregates"]);
  const fx = await prepareStore(db, opts.seed);
  await copyInto(db, "products", ["product_id", "sku", "name", "category"], PRODUCTS.map((p, k) => [k + 1, p.sku, p.name, p.category]));
  let orderId = 0;
  let lines = 0;
  let pending: Promise<unknown> = Promise.resolve();
  for (let from = 0; from < opts.customers; from += CHUNK) {
    const to = Math.min(opts.customers, from + CHUNK);
    const rows = customerRows(opts.seed, from, to, NO_OWNERS);
    const customers: CopyRow[] = [];
    const orders: CopyRow[] = [];
    const orderLines: CopyRow[] = [];
    rows.customers.forEach((row, k) => {
      const id = from + k + 1;
      const ls = customerLines(opts.seed, from + k, row[1] === "enterprise");
      let current = "";
      let rate = "1";
      for (const l of ls) {
        if (l.orderNo !== current) {
          current = l.orderNo!;
          orderId++;
          rate = l.currency === "CNY" ? "1" : fx.rateOn(l.currency!, l.orderedAt)!;
          // A date without a time is midnight in the business's time zone (UTC+8 all year).
          orders.push([id, orderId, current, `${l.orderedAt} 00:00:00+08`, l.orderedAt, l.channel, l.currency, rate]);
        }
        orderLines.push(storedLine(id, orderId, l, rate));
      }
      lines += ls.length;
      const created = `${ls[0]!.orderedAt} 10:00:00+08`;
      customers.push(row.map((v, c) => (c === STATE ? "current" : c === CREATED || c === UPDATED ? created : v)));
    });
    await pending;
    opts.progress?.(from, lines);
    pending = Promise.all([
      copyInto(db, "customers", CUSTOMER_COLUMNS, customers),
      copyInto(db, "customer_identities", IDENTITY_COLUMNS, rows.identities),
      copyInto(db, "orders", ORDER_COLUMNS, orders),
      copyInto(db, "order_lines", LINE_COLUMNS, orderLines),
    ]);
  }
  await pending;
  await sql`select setval('customers_customer_id_seq', ${opts.customers}::bigint), setval('orders_order_id_seq', ${orderId}::bigint),
    setval('products_product_id_seq', ${PRODUCTS.length}::bigint)`.execute(db);
  const t1 = performance.now();
  // More memory for the sorts than the server's default: faster, and the same result.
  await db.connection().execute(async (conn) => {
    await sql`set work_mem = '256MB'`.execute(conn);
    await rebuildAggregates(conn);
    await sql`reset work_mem`.execute(conn);
  });
  const t2 = performance.now();
  await restoreIndexes();
  // Statistics as a large import leaves them (rebuildAggregates took them before the indexes were back).
  await analyzeAggregates(db);
  const t3 = performance.now();
  return {
    customers: opts.customers, orders: orderId, lines,
    copySeconds: (t1 - t0) / 1000, aggregateSeconds: (t2 - t1) / 1000, indexSeconds: (t3 - t2) / 1000,
  };
}

/**
 * Customers 0..n−1 and their orders through the product's own import (runImport with the
 * OrderSink, as `retain import orders` and the demo loader run it), into an empty store.
 */
export async function importThroughProduct(db: Kysely<Database>, opts: { customers: number; seed: number }): Promise<void> {
  const fx = await prepareStore(db, opts.seed);
  const settings = await getSettings(db);
  const rows = customerRows(opts.seed, 0, opts.customers, NO_OWNERS).customers;
  async function* batches(): AsyncIterable<ParsedRow<OrderLineInput>[]> {
    let line = 0;
    for (let i = 0; i < opts.customers; i++) {
      yield customerLines(opts.seed, i, rows[i]![1] === "enterprise").map((value) => ({ line: ++line, ok: true as const, value }));
    }
  }
  await runImport<OrderLineInput>(db, {
    kind: "orders", fileName: `bench(seed=${opts.seed})`, source: SOURCE, batches: batches(),
    makeSink: (importId) => new OrderSink({ source: SOURCE, importId, settings, reason: "bench" }, fx),
  });
}
