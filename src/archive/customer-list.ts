import { sql, type Kysely, type RawBuilder } from "kysely";
import type { CustomerKind, CustomerState, Database } from "../store/schema.ts";

/** The filters of the customer list, the export and bulk actions. */
export interface CustomerFilter {
  q?: string;
  states?: CustomerState[];
  kind?: CustomerKind;
  /** Customers carrying every one of these tags. */
  tags?: string[];
  /** An owner's id, or "none" for unassigned customers. */
  ownerId?: number | "none";
  lastPurchaseFrom?: string;
  lastPurchaseTo?: string;
  /** Bounds on net sales (sales − returns, base currency), decimal strings. */
  minSales?: string;
  maxSales?: string;
  /** Bounds on the latest prediction run's scores (docs/prediction.md): churn probability, P(alive), 0 … 1. */
  minChurn?: number;
  maxAlive?: number;
  /** Restricts to an agent's book: owned by the user or by their team. */
  scope?: { userId: number; team: string | null } | null;
}

export const LIST_SORTS = ["id", "name", "createdAt", "lastPurchase", "sales", "orders"] as const;
export type ListSort = (typeof LIST_SORTS)[number];

/** Where a page ended: the sort key, the id, and whether the null-keyed tail was reached. */
export interface ListCursor {
  k: string | number | null;
  id: number;
  tail: boolean;
}

export interface CustomerSummary {
  id: number;
  kind: CustomerKind;
  name: string | null;
  externalId: string | null;
  email: string | null;
  phone: string | null;
  state: CustomerState;
  tags: string[];
  owner: { id: number; name: string } | null;
  orders: number;
  sales: string;
  lastPurchase: string | null;
  firstPurchase: string | null;
  createdAt: Date;
}

/** "No aggregates row with this key" as an anti-join, which the planner estimates well (an `or … is null` it guessed at one row). */
const noAggregate = (keyed: RawBuilder<unknown>) =>
  sql`not exists (select 1 from customer_aggregates x where x.customer_id = c.customer_id ${keyed})`;

/**
 * Each sort key, with the id column that breaks its ties: the aggregates' own id for the keys
 * that live there, so that one index, (key, customer_id), both orders and bounds each page.
 * `tail` is the condition of the rows the key leaves empty (listed last, by id).
 */
const KEY: Record<ListSort, { expr: RawBuilder<unknown>; id: RawBuilder<unknown>; cast: string; aggregate: boolean; tail: RawBuilder<unknown> }> = {
  id: { expr: sql`c.customer_id`, id: sql`c.customer_id`, cast: "bigint", aggregate: false, tail: sql`false` },
  name: { expr: sql`c.name`, id: sql`c.customer_id`, cast: "text", aggregate: false, tail: sql`c.name is null` },
  createdAt: { expr: sql`c.created_at`, id: sql`c.customer_id`, cast: "timestamptz", aggregate: false, tail: sql`false` },
  lastPurchase: { expr: sql`a.last_purchase`, id: sql`a.customer_id`, cast: "date", aggregate: true, tail: noAggregate(sql`and x.last_purchase is not null`) },
  sales: { expr: sql`(a.sales - a.returns)`, id: sql`a.customer_id`, cast: "numeric", aggregate: true, tail: noAggregate(sql``) },
  orders: { expr: sql`a.orders`, id: sql`a.customer_id`, cast: "integer", aggregate: true, tail: noAggregate(sql``) },
};

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * What a search text matches, over `customers c`: a prefix of the name, external id, e-mail
 * or phone (any case), the pinyin initials of the name (wxm for 王小明) when the text could be
 * some, or an external id in any source. Null for an empty text. Every arm is a range of its
 * own index (migration 0004), so one bitmap scan answers them all.
 */
export function textMatch(text: string | undefined): RawBuilder<unknown> | null {
  const q = text?.trim();
  if (!q) return null;
  const like = `${escapeLike(q).toLowerCase()}%`;
  const initials = /^[A-Za-z]{2,12}$/.test(q) ? sql` or c.name_initials like ${like}` : sql``;
  return sql`(lower(c.name) like ${like} or lower(c.external_id) like ${like} or lower(c.email) like ${like} or c.phone like ${like}${initials}
    or c.customer_id = any(array(select customer_id from customer_identities where external_id = ${q})))`;
}

/** The where-conditions of a filter over `customers c` left-joined to `customer_aggregates a`. */
export function filterConditions(f: CustomerFilter): RawBuilder<unknown>[] {
  const w: RawBuilder<unknown>[] = [sql`c.merged_into is null`];
  const text = textMatch(f.q);
  if (text) w.push(text);
  if (f.states?.length) w.push(sql`c.state = any(${f.states}::text[])`);
  if (f.kind) w.push(sql`c.kind = ${f.kind}`);
  if (f.tags?.length) w.push(sql`c.tags @> ${f.tags}::text[]`);
  if (f.ownerId === "none") w.push(sql`c.owner_id is null`);
  else if (f.ownerId !== undefined) w.push(sql`c.owner_id = ${f.ownerId}`);
  if (f.lastPurchaseFrom) w.push(sql`a.last_purchase >= ${f.lastPurchaseFrom}::date`);
  if (f.lastPurchaseTo) w.push(sql`a.last_purchase <= ${f.lastPurchaseTo}::date`);
  if (f.minSales) w.push(sql`coalesce(a.sales - a.returns, 0) >= ${f.minSales}::numeric`);
  if (f.maxSales) w.push(sql`coalesce(a.sales - a.returns, 0) <= ${f.maxSales}::numeric`);
  if (f.minChurn !== undefined || f.maxAlive !== undefined) {
    // The latest run's scores: customers it did not score (or no run) do not match.
    const churn = f.minChurn !== undefined ? sql`and s.churn_probability >= ${f.minChurn}::float8` : sql``;
    const alive = f.maxAlive !== undefined ? sql`and s.p_alive <= ${f.maxAlive}::float8` : sql``;
    w.push(sql`exists (select 1 from customer_scores s where s.customer_id = c.customer_id
      and s.run_id = (select max(run_id) from model_runs) ${churn} ${alive})`);
  }
  if (f.scope) {
    w.push(f.scope.team
      ? sql`(c.owner_id = ${f.scope.userId} or c.owner_id in (select user_id from users where team = ${f.scope.team}))`
      : sql`c.owner_id = ${f.scope.userId}`);
  }
  return w;
}

const and = (parts: RawBuilder<unknown>[]) => sql.join(parts, sql` and `);

const SELECT = sql`c.customer_id as id, c.kind, c.name, c.external_id as "externalId", c.email, c.phone, c.state, c.tags,
  case when u.user_id is null then null else json_build_object('id', u.user_id, 'name', u.name) end as owner,
  coalesce(a.orders, 0) as orders, coalesce(a.sales - a.returns, 0)::text as sales,
  a.last_purchase as "lastPurchase", a.first_purchase as "firstPurchase", c.created_at as "createdAt"`;

/**
 * One page of the customer list, by keyset: the rows after `cursor` in the order of `sort`
 * (customer id breaks ties, in the same direction). Customers whose sort key is empty (no
 * purchases, no name) come after all others, in id order, so every customer appears exactly
 * once across the pages.
 */
export async function listCustomers(
  db: Kysely<Database>,
  f: CustomerFilter,
  opts: { sort?: ListSort; order?: "asc" | "desc"; limit?: number; cursor?: ListCursor },
): Promise<{ items: CustomerSummary[]; nextCursor: ListCursor | null }> {
  const sort = opts.sort ?? "id";
  const desc = (opts.order ?? "asc") === "desc";
  const limit = opts.limit ?? 50;
  const key = KEY[sort];
  const where = filterConditions(f);
  const cur = opts.cursor;
  const dir = desc ? sql`desc` : sql`asc`;
  const items: CustomerSummary[] = [];

  if (!cur?.tail) {
    // Keyed rows, ordered by (key, id) in one direction, so a page is one range of the
    // (key, customer_id) index: the cursor bounds it and the scan stops after limit + 1 rows.
    // An inner join when the key lives in the aggregates, so that index drives the scan.
    const k = cur ? sql`${cur.k}::${sql.raw(key.cast)}` : null;
    const after = !cur ? null
      : sort === "id" ? (desc ? sql`c.customer_id < ${cur.id}` : sql`c.customer_id > ${cur.id}`)
      : desc ? sql`(${key.expr}, ${key.id}) < (${k}, ${cur.id}::bigint)` : sql`(${key.expr}, ${key.id}) > (${k}, ${cur.id}::bigint)`;
    const idBound = sort === "id" && cur ? aggregatesFrom(cur.id, desc) : sql``;
    const rows = await sql<CustomerSummary & { k: string | number }>`
      select ${SELECT}, ${key.expr}::text as k
      from customers c ${key.aggregate ? sql`join` : sql`left join`} customer_aggregates a on a.customer_id = c.customer_id${idBound}
      left join users u on u.user_id = c.owner_id
      where ${and([...where, sql`${key.expr} is not null`, ...(after ? [after] : [])])}
      order by ${key.expr} ${dir}, ${key.id} ${dir}
      limit ${limit + 1}`.execute(db);
    const page = rows.rows.slice(0, limit);
    items.push(...page.map(({ k: _k, ...r }) => r));
    if (rows.rows.length > limit) {
      const last = page.at(-1)!;
      return { items, nextCursor: { k: keyValue(last.k), id: last.id, tail: false } };
    }
  }
  // The tail: rows whose key is empty, by id.
  const tailAfter = cur?.tail ? [sql`c.customer_id > ${cur.id}`] : [];
  const room = limit - items.length;
  const rows = await sql<CustomerSummary>`
    select ${SELECT}
    from customers c left join customer_aggregates a on a.customer_id = c.customer_id${cur?.tail ? aggregatesFrom(cur.id, false) : sql``}
    left join users u on u.user_id = c.owner_id
    where ${and([...where, key.tail, ...tailAfter])}
    order by c.customer_id asc
    limit ${room + 1}`.execute(db);
  const page = rows.rows.slice(0, room);
  items.push(...page);
  if (rows.rows.length <= room) return { items, nextCursor: null };
  // More empty-keyed rows follow: after the last one shown, or from the start of the tail.
  return { items, nextCursor: { k: null, id: page.at(-1)?.id ?? 0, tail: true } };
}

const keyValue = (k: unknown): string => String(k);

/**
 * A page read in id order from `id` bounds the joined aggregates there too (the same rows,
 * as the customers are bounded already): else the planner may merge-join the aggregates from
 * their first row however deep the page is (half a million rows read at id 700,000).
 */
const aggregatesFrom = (id: number, desc: boolean) => (desc ? sql` and a.customer_id < ${id}` : sql` and a.customer_id > ${id}`);

/** How many customers match, counted up to `cap` (past it, the answer is "more than cap"). */
export async function countCustomers(db: Kysely<Database>, f: CustomerFilter, cap = 10_000): Promise<{ total: number; exact: boolean }> {
  const res = await sql<{ n: string | number }>`
    select count(*) as n from (
      select 1 from customers c left join customer_aggregates a on a.customer_id = c.customer_id
      where ${and(filterConditions(f))} limit ${cap + 1}) t`.execute(db);
  const n = Number(res.rows[0]?.n ?? 0);
  return n > cap ? { total: cap, exact: false } : { total: n, exact: true };
}
