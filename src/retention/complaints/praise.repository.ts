import { sql, type Kysely, type Transaction } from "kysely";
import type { Database } from "../../store/schema.ts";

/** Praise for staff from customers (migration 0011). */
type Db = Kysely<Database> | Transaction<Database>;

export interface NewPraise {
  customerId: number;
  staffUserId: number;
  channel: string;
  words: string;
  at: string;
  recordedBy: number | null;
}

export async function insertPraise(db: Db, p: NewPraise): Promise<number> {
  const r = await sql<{ id: number }>`insert into praise (customer_id, staff_user_id, channel, words, at, recorded_by)
    values (${p.customerId}, ${p.staffUserId}, ${p.channel}, ${p.words}, ${p.at}::timestamptz, ${p.recordedBy})
    returning praise_id::float8 as id`.execute(db);
  return r.rows[0]!.id;
}

export interface PraiseCount {
  staff_user_id: number;
  staff_name: string | null;
  count: number;
  /** Distinct customers who praised them. */
  customers: number;
  latest: Date;
}

/** Praise per staff member in [since, until), most praised first. */
export async function praiseCounts(db: Db, since: string | null, until: string | null): Promise<PraiseCount[]> {
  const r = await sql<PraiseCount>`select p.staff_user_id::float8 as staff_user_id, u.name as staff_name, count(*)::int as count,
      count(distinct p.customer_id)::int as customers, max(p.at) as latest
    from praise p left join users u on u.user_id = p.staff_user_id
    where ${since === null ? sql`true` : sql`p.at >= ${since}::timestamptz`} and ${until === null ? sql`true` : sql`p.at < ${until}::timestamptz`}
    group by p.staff_user_id, u.name order by count(*) desc, max(p.at) desc, p.staff_user_id`.execute(db);
  return r.rows;
}

export interface PraiseWordsRow {
  id: number;
  staff_user_id: number;
  customer_id: number;
  customer_name: string | null;
  /** Whether the reader may see who the customer is (an agent: only customers in their book). */
  visible: boolean;
  channel: string;
  words: string;
  at: Date;
}

/**
 * The newest `perStaff` praise records of each staff member in [since, until), newest first,
 * with the customer's name. `scope` is the reader's book (null: every customer is visible).
 */
export async function praiseWords(
  db: Db, since: string | null, until: string | null, perStaff: number, scope: { userId: number; team: string | null } | null,
): Promise<PraiseWordsRow[]> {
  const visible = scope === null ? sql`true`
    : scope.team ? sql`(cu.owner_id = ${scope.userId} or cu.owner_id in (select user_id from users where team = ${scope.team}))`
      : sql`cu.owner_id = ${scope.userId}`;
  const r = await sql<PraiseWordsRow>`select id, staff_user_id, customer_id, customer_name, visible, channel, words, at from (
      select p.praise_id::float8 as id, p.staff_user_id::float8 as staff_user_id, p.customer_id::float8 as customer_id, cu.name as customer_name,
        coalesce(${visible}, false) as visible, p.channel, p.words, p.at,
        row_number() over (partition by p.staff_user_id order by p.at desc, p.praise_id desc) as n
      from praise p join customers cu on cu.customer_id = p.customer_id
      where ${since === null ? sql`true` : sql`p.at >= ${since}::timestamptz`} and ${until === null ? sql`true` : sql`p.at < ${until}::timestamptz`}
    ) x where n <= ${perStaff} order by staff_user_id, at desc, id desc`.execute(db);
  return r.rows;
}

export async function userExists(db: Db, userId: number): Promise<boolean> {
  const r = await sql<{ one: number }>`select 1 as one from users where user_id = ${userId}`.execute(db);
  return r.rows.length === 1;
}
