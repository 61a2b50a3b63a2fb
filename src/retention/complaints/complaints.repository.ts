import { sql, type Kysely, type RawBuilder, type Transaction } from "kysely";
import type { Database } from "../../store/schema.ts";

/**
 * The complaints table with its recovery case (migrations 0001, 0011) and the recovery
 * events. Ids are read as float8: the connection reads int8 as a number anyway, and these
 * stay far below 2^53.
 */
type Db = Kysely<Database> | Transaction<Database>;

/** Which customers a list may show: all, or an agent's book (owned by them or their team). */
export type Scope = { userId: number; team: string | null } | null;

export interface ComplaintRow {
  customer_id: number;
  complaint_id: number;
  opened_at: Date;
  channel: string;
  category: string | null;
  severity: "low" | "normal" | "high" | "critical";
  description: string | null;
  order_no: string | null;
  product: string | null;
  status: "open" | "resolved" | "closed";
  resolved_at: Date | null;
  external_ref: string;
  /** The root cause's key: the case's, or one imported with the complaint. */
  root_cause: string | null;
  recovery: unknown;
  version: number;
  handler_id: number | null;
  customer_name: string | null;
  customer_external_id: string | null;
  tier: string | null;
}

/** The customer's value tier on the latest segment snapshot, for the SLA rules by tier. */
const TIER = sql`(select s.tier from customer_segments s where s.customer_id = c.customer_id and s.as_of = (select max(as_of) from segment_snapshots)) as tier`;

const ROW = sql`c.customer_id::float8 as customer_id, c.complaint_id::float8 as complaint_id, c.opened_at, c.channel, c.category, c.severity,
  c.description, coalesce(c.order_no, o.order_no) as order_no, c.product, c.status, c.resolved_at, c.external_ref, c.root_cause, c.recovery, c.version,
  c.handler_id::float8 as handler_id, cu.name as customer_name, cu.external_id as customer_external_id, ${TIER}`;
const FROM = sql`from complaints c join customers cu on cu.customer_id = c.customer_id
  left join orders o on o.customer_id = c.customer_id and o.order_id = c.order_id`;

const scoped = (scope: Scope): RawBuilder<unknown> =>
  scope === null ? sql`true`
    : scope.team ? sql`(cu.owner_id = ${scope.userId} or cu.owner_id in (select user_id from users where team = ${scope.team}))`
      : sql`cu.owner_id = ${scope.userId}`;

export async function complaintRow(db: Db, customerId: number, complaintId: number, o: { lock?: boolean } = {}): Promise<ComplaintRow | undefined> {
  const r = await sql<ComplaintRow>`select ${ROW} ${FROM} where c.customer_id = ${customerId} and c.complaint_id = ${complaintId}
    ${o.lock ? sql`for update of c` : sql``}`.execute(db);
  return r.rows[0];
}

export interface NewComplaint {
  customerId: number;
  openedAt: string;
  channel: string;
  category: string | null;
  severity: ComplaintRow["severity"];
  description: string;
  orderNo: string | null;
  product: string | null;
  handlerId: number;
  externalRef: string;
}

/** Inserts an open complaint (its order linked by number when the customer has it); returns its id. */
export async function insertComplaint(trx: Transaction<Database>, c: NewComplaint): Promise<number> {
  const r = await sql<{ id: number }>`insert into complaints (customer_id, opened_at, channel, category, severity, description, order_id, order_no,
      product, status, external_ref, handler_id, version, updated_at)
    values (${c.customerId}, ${c.openedAt}::timestamptz, ${c.channel}, ${c.category}, ${c.severity}, ${c.description},
      (select order_id from orders where customer_id = ${c.customerId} and order_no = ${c.orderNo}), ${c.orderNo}, ${c.product}, 'open',
      ${c.externalRef}, ${c.handlerId}, 0, now())
    returning complaint_id::float8 as id`.execute(trx);
  return r.rows[0]!.id;
}

export interface CaseUpdate {
  recovery: unknown;
  version: number;
  status: ComplaintRow["status"];
  resolvedAt: string | null;
  handlerId: number | null;
  /** The case's root cause key (the analyses read the column); null leaves the column as it is. */
  rootCause: string | null;
}

/** Stores the new case and its legacy summary, only if the version is still `expected`; whether it did. */
export async function saveCase(trx: Transaction<Database>, customerId: number, complaintId: number, expected: number, u: CaseUpdate): Promise<boolean> {
  const r = await sql`update complaints set recovery = ${JSON.stringify(u.recovery)}::jsonb, version = ${u.version}, status = ${u.status},
      resolved_at = ${u.resolvedAt}::timestamptz, handler_id = coalesce(handler_id, ${u.handlerId}),
      root_cause = coalesce(${u.rootCause}, root_cause), updated_at = now()
    where customer_id = ${customerId} and complaint_id = ${complaintId} and version = ${expected}`.execute(trx);
  return Number(r.numAffectedRows ?? 0n) === 1;
}

export interface EventRow {
  seq: number;
  type: string;
  event: unknown;
  at: string;
  actorId: number | null;
  summary: string;
}

export async function insertEvents(trx: Transaction<Database>, customerId: number, complaintId: number, events: readonly EventRow[]): Promise<void> {
  for (const e of events) {
    await sql`insert into complaint_events (customer_id, complaint_id, seq, type, event, at, actor_id, summary)
      values (${customerId}, ${complaintId}, ${e.seq}, ${e.type}, ${JSON.stringify(e.event)}::jsonb, ${e.at}::timestamptz, ${e.actorId}, ${e.summary})`.execute(trx);
  }
}

export interface StoredEvent {
  seq: number;
  type: string;
  at: Date;
  actor_id: number | null;
  actor_name: string | null;
  event: unknown;
}

export async function eventsOf(db: Db, customerId: number, complaintId: number): Promise<StoredEvent[]> {
  const r = await sql<StoredEvent>`select e.seq, e.type, e.at, e.actor_id::float8 as actor_id, u.name as actor_name, e.event
    from complaint_events e left join users u on u.user_id = e.actor_id
    where e.customer_id = ${customerId} and e.complaint_id = ${complaintId} order by e.seq`.execute(db);
  return r.rows;
}

export interface ListFilter {
  status: "open" | "closed" | "all";
  severity?: ComplaintRow["severity"];
  customerId?: number;
  scope: Scope;
  /** Only these complaints (customer id, complaint id). */
  only?: ReadonlyArray<readonly [number, number]>;
  /** Complaints after this one in the order (opened_at desc, complaint_id desc). */
  after?: { openedAt: string; complaintId: number };
  limit: number;
}

const STATUS = { open: sql`c.status = 'open'`, closed: sql`c.status in ('resolved', 'closed')`, all: sql`true` } as const;

/** A page of complaints, newest first. */
export async function listRows(db: Db, f: ListFilter): Promise<ComplaintRow[]> {
  const w: RawBuilder<unknown>[] = [STATUS[f.status], scoped(f.scope)];
  if (f.severity) w.push(sql`c.severity = ${f.severity}`);
  if (f.customerId !== undefined) w.push(sql`c.customer_id = ${f.customerId}`);
  if (f.only) {
    w.push(sql`(c.customer_id, c.complaint_id) in (select * from unnest(${f.only.map((k) => k[0])}::bigint[], ${f.only.map((k) => k[1])}::bigint[]))`);
  }
  if (f.after) w.push(sql`(c.opened_at, c.complaint_id) < (${f.after.openedAt}::timestamptz, ${f.after.complaintId}::bigint)`);
  const r = await sql<ComplaintRow>`select ${ROW} ${FROM} where ${sql.join(w, sql` and `)}
    order by c.opened_at desc, c.complaint_id desc limit ${f.limit}`.execute(db);
  return r.rows;
}

/** What the SLA clocks of an open complaint need, without the rest of its case. */
export interface ClockRow {
  customer_id: number;
  complaint_id: number;
  opened_at: Date;
  severity: ComplaintRow["severity"];
  status: ComplaintRow["status"];
  resolved_at: Date | null;
  first_response_at: string | null;
  closed_at: string | null;
  pauses: Array<{ from: string; to: string | null }> | null;
  channel: string;
  tier: string | null;
}

/** Every open complaint the scope may see (optionally one customer's), for the SLA counts. */
export async function openClockRows(db: Db, scope: Scope, customerId?: number): Promise<ClockRow[]> {
  const r = await sql<ClockRow>`select c.customer_id::float8 as customer_id, c.complaint_id::float8 as complaint_id, c.opened_at, c.severity, c.status, c.channel, ${TIER},
      c.resolved_at, c.recovery->'acknowledgement'->>'at' as first_response_at, c.recovery->'closure'->>'at' as closed_at, c.recovery->'pauses' as pauses
    from complaints c join customers cu on cu.customer_id = c.customer_id
    where c.status = 'open' and ${scoped(scope)} ${customerId === undefined ? sql`` : sql`and c.customer_id = ${customerId}`}`.execute(db);
  return r.rows;
}

/** Whether the customer exists and is not merged into another. */
export async function customerState(db: Db, customerId: number): Promise<{ merged_into: number | null } | undefined> {
  const r = await sql<{ merged_into: number | null }>`select merged_into::float8 as merged_into from customers where customer_id = ${customerId}`.execute(db);
  return r.rows[0];
}
