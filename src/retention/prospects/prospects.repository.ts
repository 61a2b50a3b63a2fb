import { sql, type Kysely, type RawBuilder } from "kysely";
import type { Database } from "../../store/schema.ts";
import { BUYING_SIGNALS, type ProspectState } from "./prospect-catalog.ts";

/**
 * Reading prospects: customers in state potential or target (DOMAIN §2), with their
 * `prospect_details` row when one was written, and the look-alike score of the latest
 * model run only (an older run's score would describe customers as they were then).
 */
type Db = Kysely<Database>;

export interface ProspectRow {
  customer_id: number;
  kind: "individual" | "enterprise";
  name: string | null;
  external_id: string | null;
  email: string | null;
  phone: string | null;
  state: string;
  owner_id: number | null;
  owner_name: string | null;
  referred_by: number | null;
  referrer_name: string | null;
  source_channel: string | null;
  lead_source: string | null;
  signals: string[];
  persuasion_type: string | null;
  persuasion_note: string | null;
  /** Null: the latest run did not score this customer, or there is no run. */
  look_alike: number | null;
  look_alike_run: number | null;
  look_alike_as_of: string | null;
  converted_at: Date | null;
  /** The look-alike kept when the prospect was converted. */
  converted_look_alike: number | null;
  created_at: Date;
  updated_at: Date;
}

export type ProspectSort = "newest" | "readiness" | "lookalike";

export interface ProspectFilter {
  /** potential or target; "converted": former prospects now customers. None: both prospect states. */
  state?: ProspectState | "converted";
  leadSource?: string;
  ownerId?: number | "none";
  /** Only prospects the latest run scored at least this (0..1). */
  minLookAlike?: number;
  scope?: { userId: number; team: string | null } | null;
}

/** The keyset of a page: the sort value of the last row seen and its id. */
export interface ProspectCursor {
  k: number;
  id: number;
}

// Unscored prospects sort after every score (scores are 0..1).
const SORT_KEY: Record<ProspectSort, RawBuilder<number>> = {
  newest: sql<number>`c.customer_id::float8`,
  readiness: sql<number>`coalesce(cardinality(d.signals), 0)::float8`,
  lookalike: sql<number>`coalesce(s.lookalike, -1)::float8`,
};

const SELECT = sql`c.customer_id::float8 as customer_id, c.kind, c.name, c.external_id, c.email, c.phone, c.state,
  c.owner_id::float8 as owner_id, u.name as owner_name, c.referred_by::float8 as referred_by, r.name as referrer_name, c.source_channel,
  d.lead_source, coalesce(d.signals, '{}') as signals, d.persuasion_type, d.persuasion_note,
  s.lookalike as look_alike, case when s.lookalike is null then null else lr.run_id::float8 end as look_alike_run,
  case when s.lookalike is null then null else to_char(lr.as_of, 'YYYY-MM-DD') end as look_alike_as_of,
  d.converted_at, d.look_alike::float8 as converted_look_alike, c.created_at, greatest(c.updated_at, d.updated_at) as updated_at`;

const FROM = sql`customers c
  left join prospect_details d on d.customer_id = c.customer_id
  left join users u on u.user_id = c.owner_id
  left join customers r on r.customer_id = c.referred_by
  left join lateral (select run_id, as_of from model_runs order by run_id desc limit 1) lr on true
  left join customer_scores s on s.run_id = lr.run_id and s.customer_id = c.customer_id`;

function where(f: ProspectFilter): RawBuilder<unknown> {
  const w: RawBuilder<unknown>[] = [sql`c.merged_into is null`, sql`c.erased_at is null`];
  if (f.state === "converted") w.push(sql`d.converted_at is not null`);
  else if (f.state) w.push(sql`c.state = ${f.state}`);
  else w.push(sql`c.state in ('potential', 'target')`);
  if (f.leadSource) w.push(sql`d.lead_source = ${f.leadSource}`);
  if (f.ownerId === "none") w.push(sql`c.owner_id is null`);
  else if (f.ownerId !== undefined) w.push(sql`c.owner_id = ${f.ownerId}`);
  if (f.minLookAlike !== undefined) w.push(sql`s.lookalike >= ${f.minLookAlike}`);
  if (f.scope) {
    w.push(f.scope.team
      ? sql`(c.owner_id = ${f.scope.userId} or c.owner_id in (select user_id from users where team = ${f.scope.team}))`
      : sql`c.owner_id = ${f.scope.userId}`);
  }
  return sql.join(w, sql` and `);
}

/** One page of prospects, highest sort value first (ties by id), and the cursor of the next page. */
export async function prospectRows(
  db: Db,
  f: ProspectFilter,
  o: { sort: ProspectSort; limit: number; after?: ProspectCursor },
): Promise<{ rows: ProspectRow[]; next: ProspectCursor | null }> {
  const key = SORT_KEY[o.sort];
  const after = o.after ? sql`and (${key} < ${o.after.k} or (${key} = ${o.after.k} and c.customer_id > ${o.after.id}))` : sql``;
  const r = await sql<ProspectRow & { sort_key: number }>`select ${SELECT}, ${key} as sort_key from ${FROM}
    where ${where(f)} ${after} order by sort_key desc, c.customer_id limit ${o.limit + 1}`.execute(db);
  const more = r.rows.length > o.limit;
  const rows = r.rows.slice(0, o.limit);
  const last = rows.at(-1);
  return { rows: rows.map(({ sort_key: _k, ...row }) => row), next: more && last ? { k: last.sort_key, id: last.customer_id } : null };
}

export async function countProspects(db: Db, f: ProspectFilter): Promise<number> {
  const r = await sql<{ n: number }>`select count(*)::int as n from ${FROM} where ${where(f)}`.execute(db);
  return r.rows[0]?.n ?? 0;
}

/** One customer as a prospect (whatever its state now), or undefined. */
export async function prospectRow(db: Db, customerId: number): Promise<ProspectRow | undefined> {
  const r = await sql<ProspectRow>`select ${SELECT} from ${FROM} where c.customer_id = ${customerId}`.execute(db);
  return r.rows[0];
}

/** Writes the details given, creating the row on first write. */
export async function upsertDetails(
  db: Db,
  customerId: number,
  d: { leadSource?: string | null; signals?: string[]; persuasionType?: string | null; persuasionNote?: string | null },
): Promise<void> {
  await db.insertInto("prospect_details").values({
    customer_id: customerId,
    lead_source: d.leadSource ?? null,
    signals: orderedSignals(d.signals ?? []),
    persuasion_type: d.persuasionType ?? null,
    persuasion_note: d.persuasionNote ?? null,
  }).onConflict((oc) => oc.column("customer_id").doUpdateSet({
    ...(d.leadSource !== undefined ? { lead_source: d.leadSource } : {}),
    ...(d.signals !== undefined ? { signals: orderedSignals(d.signals) } : {}),
    ...(d.persuasionType !== undefined ? { persuasion_type: d.persuasionType } : {}),
    ...(d.persuasionNote !== undefined ? { persuasion_note: d.persuasionNote } : {}),
    updated_at: sql`now()`,
  })).execute();
}

/** Signals without repeats, in the seed's order, so two equal checklists compare equal. */
const orderedSignals = (signals: readonly string[]): string[] => BUYING_SIGNALS.filter((s) => signals.includes(s));
