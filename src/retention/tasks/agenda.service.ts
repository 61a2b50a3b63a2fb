import { sql, type Kysely, type RawBuilder } from "kysely";
import { decAdd } from "../../domain/decimal.ts";
import { addMonths, dayNumber, dayText, isDay, monthStart } from "../../domain/days.ts";
import { RetainError } from "../../errors.ts";
import type { Database } from "../../store/schema.ts";
import { getSettings } from "../../store/settings.repository.ts";
import { todayIn } from "../../value/value-report.service.ts";

/**
 * The rep's agenda and the manager's team view (docs/agenda.md): open tasks ranked by the
 * value at stake of their customer, which is defined here once.
 */
type Db = Kysely<Database>;

/** An agent's book: customers owned by the user or by someone in their team. */
export type BookScope = { userId: number; team: string | null } | null;

/**
 * Where a customer's value at stake comes from:
 * - "risk": the latest model run's value at risk, churn probability × the margin of the
 *   last 365 days (docs/prediction.md): what losing the customer would cost;
 * - "sales12m": the customer has no value at risk in the latest run (never scored, or not
 *   active enough for the churn model): their net sales (sales − returns) in the last 12
 *   calendar months up to the day, a rougher measure of what the relationship is worth.
 */
export type ValueBasis = "risk" | "sales12m";

/** What the value at stake was measured on, for the page to state its definition. */
export interface ValueDefinition {
  /** The date of the model run the values at risk come from; null when no run was saved. */
  runAsOf: string | null;
  /** The fallback's months: from the first day of the month 11 months before the day, to the day. */
  salesFrom: string;
  salesTo: string;
}

export interface AgendaTask {
  customerId: number;
  taskId: number;
  kind: string;
  title: string;
  notes: string | null;
  dueOn: string;
  /** Days past due on the agenda's day; 0 when due that day, negative when upcoming. */
  daysOverdue: number;
  overdue: boolean;
  sourceType: string;
  sourceId: number | null;
  customer: { name: string | null; phone: string | null; tier: string | null };
  /** Decimal in the base currency, two places. */
  valueAtStake: string;
  valueBasis: ValueBasis;
}

export interface Agenda {
  day: string;
  ownerId: number;
  definition: ValueDefinition;
  /** Due on or before the day: overdue first, then by value at stake, highest first. */
  due: AgendaTask[];
  /** Due in the 7 days after the day, soonest first. */
  upcoming: AgendaTask[];
  /** More tasks were due than the agenda lists. */
  truncated: boolean;
}

/** The most tasks an agenda lists: a list longer than this is worked through, not read. */
const AGENDA_LIMIT = 500;
export const UPCOMING_DAYS = 7;

/** The day asked for, or today in the business's time zone. */
export async function agendaDay(db: Db, day: string | undefined, now: Date = new Date()): Promise<{ day: string; timezone: string }> {
  const { timezone } = await getSettings(db);
  if (day !== undefined && !isDay(day)) throw new RetainError("BAD_INPUT", `Give the day as YYYY-MM-DD (got "${day}").`, { field: "query.day" });
  return { day: day ?? todayIn(timezone, now), timezone };
}

export function valueDefinitionWindow(day: string): { salesFrom: string; salesTo: string } {
  return { salesFrom: dayText(addMonths(monthStart(dayNumber(day)), -11)), salesTo: day };
}

/**
 * v(customer_id, value, basis) for the distinct customers of `ids` (a query yielding
 * customer_id), in one statement: the 12-month sales are summed only for those without a
 * value at risk. Micros are divided in numeric, never through a float.
 */
export function valueAtStakeQuery(ids: RawBuilder<unknown>, day: string): RawBuilder<unknown> {
  const { salesFrom } = valueDefinitionWindow(day);
  return sql`select k.customer_id,
      coalesce(s.value_at_risk, round(coalesce(m.net, 0)::numeric / 1000000, 2)) as value,
      case when s.value_at_risk is not null then 'risk' else 'sales12m' end as basis
    from (select distinct customer_id from (${ids}) ids) k
    left join customer_scores s on s.customer_id = k.customer_id and s.run_id = (select max(run_id) from model_runs)
    left join lateral (
      select sum(a.sales - a.returns) as net from customer_month_aggregates a
      where s.value_at_risk is null and a.customer_id = k.customer_id and a.month >= ${salesFrom}::date and a.month <= ${day}::date
    ) m on true`;
}

async function valueDefinition(db: Db, day: string): Promise<ValueDefinition> {
  const r = await sql<{ as_of: string | null }>`select to_char(max(as_of), 'YYYY-MM-DD') as as_of from model_runs
    where run_id = (select max(run_id) from model_runs)`.execute(db);
  return { runAsOf: r.rows[0]?.as_of ?? null, ...valueDefinitionWindow(day) };
}

export const bookFilter = (scope: BookScope, alias = "c"): RawBuilder<unknown> => {
  if (!scope) return sql``;
  const col = sql.ref(`${alias}.owner_id`);
  return scope.team
    ? sql`and (${col} = ${scope.userId} or ${col} in (select user_id from users where team = ${scope.team}))`
    : sql`and ${col} = ${scope.userId}`;
};

interface AgendaRow {
  customer_id: number; task_id: number; kind: string; title: string; notes: string | null; due_on: string; days_overdue: number;
  source_type: string; source_id: number | null; name: string | null; phone: string | null; tier: string | null; value: string; basis: ValueBasis;
}

/**
 * A staff member's open tasks due up to `day` and in the week after, with each customer's
 * value at stake. `scope` keeps an agent to the customers of their book.
 */
export async function agenda(db: Db, o: { ownerId: number; day: string; scope: BookScope }): Promise<Agenda> {
  const horizon = dayText(dayNumber(o.day) + UPCOMING_DAYS);
  const r = await sql<AgendaRow>`
    with t as (
      select t.customer_id, t.task_id, t.kind, t.title, t.notes, t.due_on, t.source_type, t.source_id
      from tasks t join customers c on c.customer_id = t.customer_id
      where t.status = 'open' and t.owner_id = ${o.ownerId} and t.due_on <= ${horizon}::date
        and c.merged_into is null and c.erased_at is null ${bookFilter(o.scope)}
    ),
    v as (${valueAtStakeQuery(sql`select customer_id from t`, o.day)})
    select t.customer_id::float8 as customer_id, t.task_id::float8 as task_id, t.kind, t.title, t.notes,
      to_char(t.due_on, 'YYYY-MM-DD') as due_on, (${o.day}::date - t.due_on) as days_overdue,
      t.source_type, t.source_id::float8 as source_id, c.name, c.phone, seg.tier, v.value::text as value, v.basis
    from t
    join customers c on c.customer_id = t.customer_id
    join v on v.customer_id = t.customer_id
    left join customer_segments seg on seg.customer_id = t.customer_id and seg.as_of = (select max(as_of) from segment_snapshots)
    order by (t.due_on > ${o.day}::date), (t.due_on < ${o.day}::date) desc, v.value desc, t.due_on, t.task_id
    limit ${AGENDA_LIMIT + 1}`.execute(db);
  const truncated = r.rows.length > AGENDA_LIMIT;
  const tasks = r.rows.slice(0, AGENDA_LIMIT).map(toAgendaTask);
  const upcoming = tasks.filter((t) => t.daysOverdue < 0).sort((a, b) => (a.dueOn < b.dueOn ? -1 : a.dueOn > b.dueOn ? 1 : 0));
  return { day: o.day, ownerId: o.ownerId, definition: await valueDefinition(db, o.day), due: tasks.filter((t) => t.daysOverdue >= 0), upcoming, truncated };
}

const toAgendaTask = (r: AgendaRow): AgendaTask => ({
  customerId: r.customer_id, taskId: r.task_id, kind: r.kind, title: r.title, notes: r.notes, dueOn: r.due_on,
  daysOverdue: Number(r.days_overdue), overdue: Number(r.days_overdue) > 0, sourceType: r.source_type, sourceId: r.source_id,
  customer: { name: r.name, phone: r.phone, tier: r.tier }, valueAtStake: r.value, valueBasis: r.basis,
});

export interface StaffLoad {
  /** Null: tasks with no owner. */
  userId: number | null;
  name: string | null;
  email: string | null;
  team: string | null;
  open: number;
  dueToday: number;
  overdue: number;
  /** The due date of the oldest overdue task. */
  oldestOverdue: string | null;
  done7: number;
  done30: number;
  /** Sum over the distinct customers of the open tasks. */
  valueAtStake: string;
}

export interface TeamLoad {
  team: string | null;
  members: number;
  open: number;
  dueToday: number;
  overdue: number;
  oldestOverdue: string | null;
  done7: number;
  done30: number;
  /** The sum of its members' values at stake. */
  valueAtStake: string;
}

export interface TeamView {
  day: string;
  definition: ValueDefinition;
  staff: StaffLoad[];
  teams: TeamLoad[];
}

interface LoadRow {
  owner_id: number | null; open: number; due_today: number; overdue: number; oldest_overdue: string | null; done7: number; done30: number; value: string | null;
}

/**
 * Every staff member's workload on `day` (and the unassigned tasks): open, due, overdue, done
 * in the last 7 and 30 days (the business's days, `day` included), value at stake.
 */
export async function teamView(db: Db, o: { day: string; timezone: string }): Promise<TeamView> {
  const start = (d: number) => sql`(${dayText(d)}::date::timestamp at time zone ${o.timezone})`;
  const n = dayNumber(o.day);
  const r = await sql<LoadRow>`
    with t as (
      select t.owner_id, t.customer_id, t.status, t.due_on, t.done_at
      from tasks t join customers c on c.customer_id = t.customer_id
      where c.merged_into is null and c.erased_at is null and (t.status = 'open' or t.done_at >= ${start(n - 29)})
    ),
    v as (${valueAtStakeQuery(sql`select customer_id from t where status = 'open'`, o.day)}),
    val as (
      select o.owner_id, sum(v.value) as value
      from (select distinct owner_id, customer_id from t where status = 'open') o join v on v.customer_id = o.customer_id
      group by o.owner_id
    ),
    per as (
      select owner_id,
        count(*) filter (where status = 'open')::int as open,
        count(*) filter (where status = 'open' and due_on = ${o.day}::date)::int as due_today,
        count(*) filter (where status = 'open' and due_on < ${o.day}::date)::int as overdue,
        to_char(min(due_on) filter (where status = 'open' and due_on < ${o.day}::date), 'YYYY-MM-DD') as oldest_overdue,
        count(*) filter (where status = 'done' and done_at >= ${start(n - 6)} and done_at < ${start(n + 1)})::int as done7,
        count(*) filter (where status = 'done' and done_at >= ${start(n - 29)} and done_at < ${start(n + 1)})::int as done30
      from t group by owner_id
    )
    select per.owner_id::float8 as owner_id, per.open, per.due_today, per.overdue, per.oldest_overdue, per.done7, per.done30, val.value::text as value
    from per left join val on val.owner_id is not distinct from per.owner_id`.execute(db);
  const users = await db.selectFrom("users").select(["user_id", "name", "email", "team", "role", "disabled"]).execute();
  const byOwner = new Map(r.rows.map((x) => [x.owner_id === null ? null : Number(x.owner_id), x]));
  const staff: StaffLoad[] = [];
  const load = (x: LoadRow | undefined) => ({
    open: x?.open ?? 0, dueToday: x?.due_today ?? 0, overdue: x?.overdue ?? 0, oldestOverdue: x?.oldest_overdue ?? null,
    done7: x?.done7 ?? 0, done30: x?.done30 ?? 0, valueAtStake: x?.value ?? "0.00",
  });
  for (const u of users) {
    const x = byOwner.get(Number(u.user_id));
    // Analysts and disabled accounts carry no agenda unless tasks were left with them.
    if (!x && (u.role === "analyst" || u.disabled)) continue;
    staff.push({ userId: Number(u.user_id), name: u.name, email: u.email, team: u.team, ...load(x) });
  }
  const none = byOwner.get(null);
  if (none) staff.push({ userId: null, name: null, email: null, team: null, ...load(none) });
  staff.sort((a, b) => b.overdue - a.overdue || b.open - a.open || (a.name ?? "\uffff").localeCompare(b.name ?? "\uffff"));
  return { day: o.day, definition: await valueDefinition(db, o.day), staff, teams: teamsOf(staff.filter((s) => s.userId !== null)) };
}

function teamsOf(staff: readonly StaffLoad[]): TeamLoad[] {
  const teams = new Map<string | null, TeamLoad>();
  for (const s of staff) {
    const t = teams.get(s.team) ?? { team: s.team, members: 0, open: 0, dueToday: 0, overdue: 0, oldestOverdue: null, done7: 0, done30: 0, valueAtStake: "0.00" };
    t.members += 1;
    t.open += s.open;
    t.dueToday += s.dueToday;
    t.overdue += s.overdue;
    if (s.oldestOverdue && (!t.oldestOverdue || s.oldestOverdue < t.oldestOverdue)) t.oldestOverdue = s.oldestOverdue;
    t.done7 += s.done7;
    t.done30 += s.done30;
    t.valueAtStake = decAdd(t.valueAtStake, s.valueAtStake);
    teams.set(s.team, t);
  }
  return [...teams.values()].sort((a, b) => (a.team === null ? 1 : b.team === null ? -1 : a.team.localeCompare(b.team)));
}
