import { sql, type Kysely, type Transaction } from "kysely";
import type { ManualEvent, Membership, OrderEvent, ReturnEvent } from "../analytics/membership/ledger.ts";
import { copyInto, type CopyRow } from "./copy.ts";
import type { Database } from "./schema.ts";

/**
 * The membership tables (migration 0009, docs/membership.md): the programme, each
 * customer's points ledger, level history and standing. Money is read as micro-units text
 * and decoded with BigInt; points are whole numbers well inside 2^53.
 */
type Db = Kysely<Database> | Transaction<Database>;

export async function loadProgrammeRow(db: Db): Promise<{ settings: unknown; updated_at: Date; updated_by: number | null } | undefined> {
  const r = await sql<{ settings: unknown; updated_at: Date; updated_by: number | null }>`
    select settings, updated_at, updated_by::float8 as updated_by from membership_programme where programme_id = 1`.execute(db);
  return r.rows[0];
}

export async function saveProgrammeRow(db: Db, settings: unknown, userId: number | null): Promise<void> {
  await sql`insert into membership_programme (programme_id, settings, updated_by) values (1, ${JSON.stringify(settings)}::jsonb, ${userId})
    on conflict (programme_id) do update set settings = excluded.settings, updated_by = excluded.updated_by, updated_at = now()`.execute(db);
}

/** Live (not merged) customers after `afterId`, by id: the pages of an apply run. */
export async function customerIdsAfter(db: Db, afterId: number, limit: number): Promise<number[]> {
  const r = await sql<{ id: number }>`select customer_id::float8 as id from customers
    where merged_into is null and customer_id > ${afterId} order by customer_id limit ${limit}`.execute(db);
  return r.rows.map((x) => x.id);
}

export async function countLiveCustomers(db: Db): Promise<number> {
  const r = await sql<{ n: number }>`select count(*)::int as n from customers where merged_into is null`.execute(db);
  return r.rows[0]!.n;
}

/**
 * Moves the redemptions and adjustments of merged customers to the customer they were
 * merged into (following chains), and drops the rest of their membership rows: merging
 * moves orders but not these tables, and what staff recorded must not be lost. `into`
 * limits it to the customers merged into one customer. Returns the customers that received entries.
 */
export async function adoptMergedEntries(trx: Transaction<Database>, into?: number): Promise<number[]> {
  const targets = new Set<number>();
  for (let round = 0; round < 20; round++) {
    const rows = await sql<{ customer_id: number; entry_key: string; target: number }>`
      select l.customer_id::float8 as customer_id, l.entry_key, c.merged_into::float8 as target
      from membership_ledger l join customers c on c.customer_id = l.customer_id
      where c.merged_into is not null and l.kind in ('redeem', 'adjust') ${into === undefined ? sql`` : sql`and c.merged_into = ${into}`}
      order by l.customer_id, l.entry_no`.execute(trx);
    if (rows.rows.length === 0) break;
    for (const r of rows.rows) {
      // A free entry number below the target's: the next apply renumbers the whole ledger.
      const low = await sql<{ n: number }>`select coalesce(min(entry_no), 0)::int as n from membership_ledger where customer_id = ${r.target}`.execute(trx);
      await sql`update membership_ledger set customer_id = ${r.target}, entry_no = ${Math.min(0, low.rows[0]!.n) - 1}
        where customer_id = ${r.customer_id} and entry_key = ${r.entry_key}`.execute(trx);
      targets.add(r.target);
    }
  }
  const merged = sql`select customer_id from customers where merged_into is not null ${into === undefined ? sql`` : sql`and merged_into = ${into}`}`;
  await sql`delete from membership_ledger where customer_id in (${merged})`.execute(trx);
  await sql`delete from membership_level_changes where customer_id in (${merged})`.execute(trx);
  await sql`delete from membership_members where customer_id in (${merged})`.execute(trx);
  return [...targets];
}

export interface CustomerEvents {
  orders: OrderEvent[];
  returns: ReturnEvent[];
  manual: Array<ManualEvent & { reason: string; createdBy: number | null; createdAt: Date }>;
}

/**
 * Each customer's orders (sale lines' paid amount) and return lines (refunded amount), per
 * order, money rounded to micro-units per line as the aggregates do; and their recorded
 * redemptions and adjustments, in the order they were entered.
 */
export async function loadCustomerEvents(db: Db, ids: readonly number[]): Promise<Map<number, CustomerEvents>> {
  const out = new Map<number, CustomerEvents>(ids.map((id) => [id, { orders: [], returns: [], manual: [] }]));
  if (ids.length === 0) return out;
  const lines = await sql<{ customer_id: number; order_id: number; day: string; sales: string; returns: string }>`
    select customer_id::float8 as customer_id, order_id::float8 as order_id, to_char(order_date, 'YYYY-MM-DD') as day,
      coalesce(sum((base_amount * 1000000)::bigint) filter (where not is_return), 0)::text as sales,
      coalesce(-sum((base_amount * 1000000)::bigint) filter (where is_return), 0)::text as returns
    from order_lines where customer_id = any(${sql.val(ids)}::bigint[])
    group by customer_id, order_id, order_date order by customer_id, order_date, order_id`.execute(db);
  for (const l of lines.rows) {
    const c = out.get(l.customer_id)!;
    const sales = BigInt(l.sales);
    const returned = BigInt(l.returns);
    const hasSales = sales > 0n;
    if (hasSales) c.orders.push({ orderId: l.order_id, date: l.day, sales });
    if (returned > 0n) c.returns.push({ returnOrderId: l.order_id, date: l.day, amount: returned, ...(hasSales ? { orderId: l.order_id } : {}) });
  }
  const manual = await sql<{ customer_id: number; entry_key: string; kind: "redeem" | "adjust"; day: string; points: number; reason: string; created_by: number | null; created_at: Date }>`
    select customer_id::float8 as customer_id, entry_key, kind, to_char(entry_date, 'YYYY-MM-DD') as day, points::float8 as points, reason,
      created_by::float8 as created_by, created_at
    from membership_ledger where customer_id = any(${sql.val(ids)}::bigint[]) and kind in ('redeem', 'adjust')
    order by customer_id, entry_date, created_at, entry_key`.execute(db);
  for (const m of manual.rows) {
    out.get(m.customer_id)!.manual.push({
      key: m.entry_key, kind: m.kind, date: m.day, points: m.kind === "redeem" ? -m.points : m.points, recorded: true,
      reason: m.reason, createdBy: m.created_by, createdAt: m.created_at,
    });
  }
  return out;
}

const LEDGER_COLUMNS = [
  "customer_id", "entry_key", "entry_no", "kind", "points", "balance", "entry_date", "order_id", "return_order_id", "expires_on", "level",
  "reason", "created_by", "created_at",
] as const;
const CHANGE_COLUMNS = ["customer_id", "change_no", "changed_on", "from_level", "to_level", "from_name", "to_name", "kind", "value"] as const;
const MEMBER_COLUMNS = [
  "customer_id", "level", "level_since", "next_review", "value", "balance", "earned", "returned", "redeemed", "expired", "adjusted",
  "expiring_points", "expiring_on", "as_of",
] as const;

/**
 * Replaces the membership of these customers with what was computed (inside the caller's
 * transaction): their whole ledger (recorded redemptions and adjustments keep their reason,
 * author and time), level history and standing. A customer with no entries and no level
 * keeps no standing row.
 */
export async function replaceMembership(
  trx: Transaction<Database>,
  ids: readonly number[],
  results: ReadonlyMap<number, { m: Membership; asOf: string; manual: CustomerEvents["manual"] }>,
  /** The level names of the programme, kept with each change as it was named then. */
  names: ReadonlyMap<string, string>,
): Promise<void> {
  if (ids.length === 0) return;
  const list = sql.val(ids);
  await sql`delete from membership_ledger where customer_id = any(${list}::bigint[])`.execute(trx);
  await sql`delete from membership_level_changes where customer_id = any(${list}::bigint[])`.execute(trx);
  await sql`delete from membership_members where customer_id = any(${list}::bigint[])`.execute(trx);
  const ledger: CopyRow[] = [];
  const changes: CopyRow[] = [];
  const members: CopyRow[] = [];
  for (const [id, { m, asOf, manual }] of results) {
    const byKey = new Map(manual.map((x) => [x.key, x]));
    m.entries.forEach((e, i) => {
      const x = byKey.get(e.key);
      ledger.push([
        id, e.key, i + 1, e.kind, e.points, e.balance, e.date, e.orderId, e.returnOrderId, e.expiresOn, e.level,
        x?.reason ?? null, x?.createdBy ?? null, (x?.createdAt ?? new Date()).toISOString(),
      ]);
    });
    m.levels.forEach((c, i) => changes.push([id, i + 1, c.date, c.from, c.to, c.from === null ? null : (names.get(c.from) ?? c.from), names.get(c.to) ?? c.to, c.kind, c.value]));
    if (m.level === null && m.entries.length === 0) continue;
    const soon = m.expiring[0];
    members.push([
      id, m.level, m.levelSince, m.nextReview, m.value, m.balance, m.earned, m.returned, m.redeemed, m.expired, m.adjusted,
      soon?.points ?? 0, soon?.date ?? null, asOf,
    ]);
  }
  await copyInto(trx, "membership_ledger", LEDGER_COLUMNS, ledger);
  await copyInto(trx, "membership_level_changes", CHANGE_COLUMNS, changes);
  await copyInto(trx, "membership_members", MEMBER_COLUMNS, members);
}

export interface MemberRow {
  customer_id: number;
  level: string | null;
  level_since: string | null;
  next_review: string | null;
  value: string;
  balance: number;
  earned: number;
  returned: number;
  redeemed: number;
  expired: number;
  adjusted: number;
  expiring_points: number;
  expiring_on: string | null;
  as_of: string;
  applied_at: Date;
}

export async function memberRow(db: Db, customerId: number): Promise<MemberRow | undefined> {
  const r = await sql<MemberRow>`select customer_id::float8 as customer_id, level, to_char(level_since, 'YYYY-MM-DD') as level_since,
      to_char(next_review, 'YYYY-MM-DD') as next_review, value::text as value, balance::float8 as balance, earned::float8 as earned,
      returned::float8 as returned, redeemed::float8 as redeemed, expired::float8 as expired, adjusted::float8 as adjusted,
      expiring_points::float8 as expiring_points, to_char(expiring_on, 'YYYY-MM-DD') as expiring_on, to_char(as_of, 'YYYY-MM-DD') as as_of, applied_at
    from membership_members where customer_id = ${customerId}`.execute(db);
  return r.rows[0];
}

export interface LedgerRow {
  entry_no: number;
  entry_key: string;
  kind: string;
  points: number;
  balance: number;
  entry_date: string;
  order_id: number | null;
  return_order_id: number | null;
  expires_on: string | null;
  level: string | null;
  reason: string | null;
  created_by: number | null;
}

/** The ledger, newest first. */
export async function ledgerRows(db: Db, customerId: number, limit: number): Promise<LedgerRow[]> {
  const r = await sql<LedgerRow>`select entry_no, entry_key, kind, points::float8 as points, balance::float8 as balance,
      to_char(entry_date, 'YYYY-MM-DD') as entry_date, order_id::float8 as order_id, return_order_id::float8 as return_order_id,
      to_char(expires_on, 'YYYY-MM-DD') as expires_on, level, reason, created_by::float8 as created_by
    from membership_ledger where customer_id = ${customerId} order by entry_no desc limit ${limit}`.execute(db);
  return r.rows;
}

export interface LevelChangeRow {
  change_no: number;
  changed_on: string;
  from_level: string | null;
  to_level: string;
  from_name: string | null;
  to_name: string;
  kind: string;
  value: string;
}

export async function levelChangeRows(db: Db, customerId: number): Promise<LevelChangeRow[]> {
  const r = await sql<LevelChangeRow>`select change_no, to_char(changed_on, 'YYYY-MM-DD') as changed_on, from_level, to_level, from_name, to_name, kind, value::text as value
    from membership_level_changes where customer_id = ${customerId} order by change_no desc`.execute(db);
  return r.rows;
}

/** Members per level: how many, their points balance in total, and when the standing was computed. */
export async function levelCounts(db: Db): Promise<Array<{ level: string | null; members: number; balance: number; as_of: string | null }>> {
  const r = await sql<{ level: string | null; members: number; balance: number; as_of: string | null }>`
    select level, count(*)::int as members, coalesce(sum(balance), 0)::float8 as balance, to_char(max(as_of), 'YYYY-MM-DD') as as_of
    from membership_members group by level order by level`.execute(db);
  return r.rows;
}

export interface ComparisonRow {
  level: string | null;
  customers: number;
  before_orders: number;
  before_net: string;
  after_orders: number;
  after_net: string;
  returned: number;
}

/**
 * Buyers of the months `baseFrom`…`day`'s month, grouped by the level they held on `day`
 * (null: none), with their orders and net sales (micro-units) in that base period and in
 * the months after it up to `toMonth`, and how many bought again then.
 */
export async function comparisonRows(db: Db, o: { baseFrom: string; day: string; nextFrom: string; toMonth: string }): Promise<ComparisonRow[]> {
  const r = await sql<ComparisonRow>`
    with base as (
      select customer_id, sum(orders)::int as orders, sum(sales - returns)::text as net
      from customer_month_aggregates where month >= ${o.baseFrom}::date and month < ${o.nextFrom}::date
      group by customer_id having sum(orders) > 0
    ), after as (
      select customer_id, sum(orders)::int as orders, sum(sales - returns) as net
      from customer_month_aggregates where month >= ${o.nextFrom}::date and month <= ${o.toMonth}::date group by customer_id
    ), lv as (
      select distinct on (customer_id) customer_id, to_level from membership_level_changes
      where changed_on <= ${o.day}::date order by customer_id, change_no desc
    )
    select lv.to_level as level, count(*)::int as customers, sum(b.orders)::int as before_orders, sum(b.net::numeric)::text as before_net,
      coalesce(sum(a.orders), 0)::int as after_orders, coalesce(sum(a.net), 0)::text as after_net,
      (count(*) filter (where a.orders > 0))::int as returned
    from base b left join after a on a.customer_id = b.customer_id left join lv on lv.customer_id = b.customer_id
    group by lv.to_level order by lv.to_level nulls first`.execute(db);
  return r.rows;
}
