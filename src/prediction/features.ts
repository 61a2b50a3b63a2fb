import { sql, type Kysely } from "kysely";
import { dayNumber, dayText } from "../domain/days.ts";
import type { Database } from "../store/schema.ts";
import { alignIds } from "../store/segments.repository.ts";
import { customerValues } from "../store/value.repository.ts";

/**
 * What the prediction models know of each customer on a date (docs/prediction.md,
 * "Features"), read from the maintained aggregates: three scans of the month aggregates
 * (everything to date, the last 365 days with the 365 before, the last 90 days), plus the
 * complaints and interactions of the customers that have any. Nothing dated after the
 * date is read, so a model trained on an earlier date sees what it would have seen then.
 */

/** A column-major feature matrix; NaN is a missing value. */
export interface FeatureMatrix {
  n: number;
  names: string[];
  columns: Float64Array[];
}

/** Every customer with a sale up to the date, by id. Money in the base currency. */
export interface PurchaseHistory {
  asOf: string;
  ids: Float64Array;
  /** Days since 1970-01-01. */
  firstPurchase: Int32Array;
  lastPurchase: Int32Array;
  /** Distinct days with a sale: the BTYD models' purchase occasions. */
  purchaseDays: Uint32Array;
  /** Sales to date (sale lines, before returns) and those of the first purchase day. */
  sales: Float64Array;
  firstDaySales: Float64Array;
  /** Net sales (sales − returns) and margin (of the costed lines) to date. */
  netSales: Float64Array;
  margin: Float64Array;
  costedNetSales: Float64Array;
}

/** The feature names, in matrix order; the UI labels them (prediction.feature.<name>). */
export const FEATURES = [
  "recencyDays", "tenureDays", "purchaseDays", "netSales", "averagePurchase", "meanGapDays", "overdueRatio",
  "purchaseDays365", "netSales365", "netSalesPrevious365", "discountShare365", "activeQuarters",
  "purchaseDays90", "netSales90", "returnShare", "marginRate",
  "complaints365", "openComplaints", "contactsIn90", "contactsOut90", "enterprise",
] as const;
export type FeatureName = (typeof FEATURES)[number];

const money = (m: bigint): number => Number(m) / 1e6;

/** The purchase history to a date of every customer with a sale by then. */
export async function purchaseHistory(db: Kysely<Database>, asOf: string, earliest: string): Promise<PurchaseHistory> {
  const all = await customerValues(db, { from: earliest <= asOf ? earliest : asOf, to: asOf });
  const keep: number[] = [];
  for (let i = 0; i < all.ids.length; i++) if (all.purchaseDaysToDate[i]! > 0) keep.push(i);
  const n = keep.length;
  const h: PurchaseHistory = {
    asOf, ids: new Float64Array(n), firstPurchase: new Int32Array(n), lastPurchase: new Int32Array(n), purchaseDays: new Uint32Array(n),
    sales: new Float64Array(n), firstDaySales: new Float64Array(n), netSales: new Float64Array(n), margin: new Float64Array(n), costedNetSales: new Float64Array(n),
  };
  keep.forEach((i, k) => {
    h.ids[k] = all.ids[i]!;
    h.firstPurchase[k] = all.firstPurchase[i]!;
    h.lastPurchase[k] = all.lastPurchase[i]!;
    h.purchaseDays[k] = all.purchaseDaysToDate[i]!;
    h.sales[k] = money(all.sales[i]!);
    h.firstDaySales[k] = money(all.firstDaySales[i]!);
    h.netSales[k] = money(all.sales[i]! - all.returns[i]!);
    h.margin[k] = money(all.costedNetSales[i]! - all.cost[i]!);
    h.costedNetSales[k] = money(all.costedNetSales[i]!);
  });
  return h;
}

/**
 * The features on `asOf` of the customers of `h` (its ids, its order) — see FEATURES and
 * docs/prediction.md for each definition.
 */
export async function customerFeatures(db: Kysely<Database>, h: PurchaseHistory, timezone: string): Promise<FeatureMatrix> {
  const t = dayNumber(h.asOf);
  const n = h.ids.length;
  const year = await customerValues(db, { from: dayText(t - 364), to: h.asOf }, { previous: { from: dayText(t - 729), to: dayText(t - 365) }, periodMonths: 3, recent: 4 });
  const quarter = await customerValues(db, { from: dayText(t - 89), to: h.asOf });
  const y = alignIds(h.ids, year.ids);
  const q = alignIds(h.ids, quarter.ids);
  const extra = await contactCounts(db, h, timezone);
  const col = () => new Float64Array(n);
  const c = Object.fromEntries(FEATURES.map((f) => [f, col()])) as Record<FeatureName, Float64Array>;
  for (let i = 0; i < n; i++) {
    const days = h.purchaseDays[i]!;
    const tenure = t - h.firstPurchase[i]!;
    const gap = days > 1 ? (h.lastPurchase[i]! - h.firstPurchase[i]!) / (days - 1) : NaN;
    c.recencyDays[i] = t - h.lastPurchase[i]!;
    c.tenureDays[i] = tenure;
    c.purchaseDays[i] = days;
    c.netSales[i] = h.netSales[i]!;
    c.averagePurchase[i] = h.sales[i]! / days;
    c.meanGapDays[i] = gap;
    c.overdueRatio[i] = gap > 0 ? (t - h.lastPurchase[i]!) / gap : NaN;
    const a = y[i]!;
    c.purchaseDays365[i] = a < 0 ? 0 : year.purchaseDays[a]!;
    c.netSales365[i] = a < 0 ? 0 : money(year.sales[a]! - year.returns[a]!);
    c.netSalesPrevious365[i] = a < 0 ? 0 : money(year.previousNet[a]!);
    c.discountShare365[i] = a < 0 || year.gross[a]! === 0n ? NaN : Number(year.discount[a]!) / Number(year.gross[a]!);
    c.activeQuarters[i] = a < 0 ? 0 : year.recentPeriods[a]!;
    const b = q[i]!;
    c.purchaseDays90[i] = b < 0 ? 0 : quarter.purchaseDays[b]!;
    c.netSales90[i] = b < 0 ? 0 : money(quarter.sales[b]! - quarter.returns[b]!);
    c.returnShare[i] = h.sales[i]! > 0 ? (h.sales[i]! - h.netSales[i]!) / h.sales[i]! : NaN;
    c.marginRate[i] = h.costedNetSales[i]! > 0 ? h.margin[i]! / h.costedNetSales[i]! : NaN;
    c.complaints365[i] = extra.complaints365[i]!;
    c.openComplaints[i] = extra.openComplaints[i]!;
    c.contactsIn90[i] = extra.contactsIn90[i]!;
    c.contactsOut90[i] = extra.contactsOut90[i]!;
    c.enterprise[i] = extra.enterprise[i]!;
  }
  return { n, names: [...FEATURES], columns: FEATURES.map((f) => c[f]) };
}

/** Complaints, contacts and the customer's kind, for the customers of `h`: zero where none. */
async function contactCounts(db: Kysely<Database>, h: PurchaseHistory, timezone: string) {
  const t = dayNumber(h.asOf);
  // Days are cut in the business's time zone: a day's timestamps are from its start to the next one's.
  const at = (d: number) => sql`(${dayText(d)}::date::timestamp at time zone ${timezone})`;
  const end = at(t + 1);
  const n = h.ids.length;
  const out = { complaints365: new Float64Array(n), openComplaints: new Float64Array(n), contactsIn90: new Float64Array(n), contactsOut90: new Float64Array(n), enterprise: new Float64Array(n) };
  const spread = (rows: Array<{ id: number; a: number; b: number }>, a: Float64Array, b: Float64Array) => {
    const ids = Float64Array.from(rows.map((r) => r.id));
    const order = [...ids.keys()].sort((i, j) => ids[i]! - ids[j]!);
    const sorted = Float64Array.from(order, (i) => ids[i]!);
    const pos = alignIds(h.ids, sorted);
    for (let i = 0; i < n; i++) {
      if (pos[i]! >= 0) {
        const r = rows[order[pos[i]!]!]!;
        a[i] = r.a;
        b[i] = r.b;
      }
    }
  };
  const complaints = await sql<{ id: number; a: number; b: number }>`
    select customer_id::float8 as id,
      (count(*) filter (where opened_at >= ${at(t - 364)}))::float8 as a,
      (count(*) filter (where resolved_at is null or resolved_at >= ${end}))::float8 as b
    from complaints where opened_at < ${end} group by customer_id`.execute(db);
  spread(complaints.rows, out.complaints365, out.openComplaints);
  const contacts = await sql<{ id: number; a: number; b: number }>`
    select customer_id::float8 as id, (count(*) filter (where direction = 'inbound'))::float8 as a, (count(*) filter (where direction = 'outbound'))::float8 as b
    from interactions where occurred_at >= ${at(t - 89)} and occurred_at < ${end} group by customer_id`.execute(db);
  spread(contacts.rows, out.contactsIn90, out.contactsOut90);
  const firms = await sql<{ id: number; a: number; b: number }>`
    select customer_id::float8 as id, 1::float8 as a, 0::float8 as b from customers where kind = 'enterprise' and merged_into is null`.execute(db);
  spread(firms.rows, out.enterprise, new Float64Array(n));
  return out;
}
