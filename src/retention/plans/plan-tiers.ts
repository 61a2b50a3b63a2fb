import { sql, type Kysely } from "kysely";
import { addMonths, dayNumber, dayText } from "../../domain/days.ts";
import { decDivInt, microsText } from "../../domain/decimal.ts";
import type { Database } from "../../store/schema.ts";

/**
 * Which customers fall in which tier of a plan: the live customers ranked by net sales over
 * the 12 months before the quarter (from the month aggregates, never the order lines), cut
 * by the tiers' customer shares, top tier first. docs/contact-plans.md.
 */
type Db = Kysely<Database>;

export interface RankedCustomers {
  /** Customer ids, highest net sales first (ties by id). */
  ids: number[];
  /** Net sales in micro-units, parallel to ids. */
  net: bigint[];
  /** How many of them had net sales above zero (they come first). */
  sellers: number;
}

/** The reference period of a plan: the 12 whole months before its quarter. */
export const referencePeriod = (quarterStart: string) => ({ from: dayText(addMonths(dayNumber(quarterStart), -12)), to: dayText(dayNumber(quarterStart) - 1) });

/**
 * The live customers (not merged, not erased, not prospects) with their net sales (sales less
 * returns) over the 12 months before `quarterStart`.
 */
export async function rankCustomers(db: Db, quarterStart: string): Promise<RankedCustomers> {
  const { from } = referencePeriod(quarterStart);
  // One join grouped by customer, not a join to a grouped subquery: without fresh statistics
  // the planner ran that subquery once per customer (6.9 s against 52 ms on the 5,000-customer demo).
  const r = await sql<{ id: number; net: string }>`
    select c.customer_id::float8 as id, coalesce(sum(a.sales - a.returns), 0)::text as net
    from customers c
    left join customer_month_aggregates a on a.customer_id = c.customer_id and a.month >= ${from}::date and a.month < ${quarterStart}::date
    where c.merged_into is null and c.erased_at is null and c.state in ('current', 'churned')
    group by c.customer_id
    order by coalesce(sum(a.sales - a.returns), 0) desc, c.customer_id`.execute(db);
  const ids = new Array<number>(r.rows.length);
  const net = new Array<bigint>(r.rows.length);
  let sellers = 0;
  r.rows.forEach((row, i) => {
    ids[i] = Number(row.id);
    net[i] = BigInt(row.net);
    if (net[i]! > 0n) sellers++;
  });
  return { ids, net, sellers };
}

const shareMicros = (s: string): bigint => {
  const [w, f = ""] = s.split(".");
  return BigInt(w!) * 1_000_000n + BigInt(f.padEnd(6, "0"));
};

/**
 * Each ranked position's tier: tier i ends at round(cumulative share × n) (halves to even),
 * counted over all n customers so a tier's share is of the whole customer base. Customers
 * without net sales go to the last tier whatever their position: a tier of best customers
 * never holds someone who bought nothing, even when few bought.
 */
export function cutTiers(n: number, sellers: number, customerShares: readonly string[]): Uint8Array {
  const ends: number[] = [];
  let cum = 0n;
  for (const s of customerShares) {
    cum += shareMicros(s);
    const x = cum * BigInt(n);
    const q = x / 1_000_000n;
    const r = x % 1_000_000n;
    ends.push(Number(r > 500_000n || (r === 500_000n && q % 2n === 1n) ? q + 1n : q));
  }
  ends[ends.length - 1] = n;
  const last = customerShares.length - 1;
  const tier = new Uint8Array(n).fill(last);
  let t = 0;
  for (let i = 0; i < sellers; i++) {
    while (t < last && i >= ends[t]!) t++;
    tier[i] = t;
  }
  return tier;
}

/** Micro-units rounded to the cent (half away from zero), for display. */
export const centsText = (m: bigint): string => decDivInt(microsText(m), 1, 2);

export interface TierAssignment {
  ids: number[];
  /** Tier index per customer, parallel to ids. */
  tier: Uint8Array;
  /** Per tier: customers and their net sales over the reference period (micro-units). */
  perTier: Array<{ customers: number; net: bigint }>;
}

/** The plan's customers and their tiers as of now. */
export async function assignTiers(db: Db, quarterStart: string, customerShares: readonly string[]): Promise<TierAssignment> {
  const ranked = await rankCustomers(db, quarterStart);
  const tier = cutTiers(ranked.ids.length, ranked.sellers, customerShares);
  const perTier = customerShares.map(() => ({ customers: 0, net: 0n }));
  tier.forEach((t, i) => {
    perTier[t]!.customers++;
    perTier[t]!.net += ranked.net[i]!;
  });
  return { ids: ranked.ids, tier, perTier };
}

/** Each customer's net sales (micro-units) in the months from `from`'s to `to`'s, from the month aggregates. */
export async function netByCustomer(db: Db, from: string, to: string): Promise<Map<number, bigint>> {
  const r = await sql<{ id: number; net: string }>`
    select customer_id::float8 as id, sum(sales - returns)::text as net from customer_month_aggregates
    where month >= date_trunc('month', ${from}::date)::date and month <= ${to}::date group by customer_id`.execute(db);
  return new Map(r.rows.map((x) => [Number(x.id), BigInt(x.net)]));
}
