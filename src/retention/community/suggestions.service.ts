import { sql, type Kysely } from "kysely";
import type { Actor } from "../../audit/audit.repository.ts";
import { RetainError } from "../../errors.ts";
import { recordManualEntry } from "../../membership/membership.service.ts";
import type { Database } from "../../store/schema.ts";
import { inTransaction } from "../../store/transaction.ts";

/**
 * The community plan (共同体计划, DOMAIN §5): customers are invited to take part, their
 * suggestions are recorded, decided on, and rewarded once, with membership points through
 * the ledger and/or a note of what was given.
 */
type Db = Kysely<Database>;

export const SUGGESTION_CHANNELS = ["store", "phone", "wechat", "email", "web", "survey", "other"] as const;
export type SuggestionChannel = (typeof SUGGESTION_CHANNELS)[number];
export const SUGGESTION_STATUSES = ["new", "accepted", "implemented", "declined"] as const;
export type SuggestionStatus = (typeof SUGGESTION_STATUSES)[number];
export type Decision = Exclude<SuggestionStatus, "new">;

/** The most points one suggestion may earn: a typing slip of three zeros is refused. */
export const MAX_REWARD_POINTS = 100_000;

export interface Suggestion {
  id: number;
  customerId: number;
  customerName: string | null;
  receivedAt: Date;
  channel: string;
  text: string;
  status: SuggestionStatus;
  rewardPoints: number | null;
  rewardNote: string | null;
  rewarded: boolean;
  decidedBy: { id: number; name: string } | null;
  decidedAt: Date | null;
  createdBy: number | null;
  /** Whether the customer is a member of the programme, i.e. can be given points. */
  member: boolean;
}

interface Row {
  suggestion_id: number; customer_id: number; customer_name: string | null; received_at: Date; channel: string; text: string;
  status: SuggestionStatus; reward_points: number | null; reward_note: string | null; decided_by: number | null; decider_name: string | null;
  decided_at: Date | null; created_by: number | null; member: boolean;
}

const SELECT = sql`x.suggestion_id::float8 as suggestion_id, x.customer_id::float8 as customer_id, c.name as customer_name, x.received_at,
  x.channel, x.text, x.status, x.reward_points, x.reward_note, x.decided_by::float8 as decided_by, u.name as decider_name, x.decided_at,
  x.created_by::float8 as created_by, coalesce(m.level is not null, false) as member
  from suggestions x join customers c on c.customer_id = x.customer_id left join users u on u.user_id = x.decided_by
  left join membership_members m on m.customer_id = x.customer_id`;

const toSuggestion = (r: Row): Suggestion => ({
  id: r.suggestion_id, customerId: r.customer_id, customerName: r.customer_name, receivedAt: r.received_at, channel: r.channel, text: r.text,
  status: r.status, rewardPoints: r.reward_points, rewardNote: r.reward_note, rewarded: r.reward_points !== null || r.reward_note !== null,
  decidedBy: r.decided_by !== null ? { id: r.decided_by, name: r.decider_name ?? "" } : null, decidedAt: r.decided_at, createdBy: r.created_by, member: r.member,
});

export async function getSuggestion(db: Db, suggestionId: number): Promise<Suggestion> {
  const r = await sql<Row>`select ${SELECT} where x.suggestion_id = ${suggestionId}`.execute(db);
  if (!r.rows[0]) throw new RetainError("NOT_FOUND", `No suggestion with id ${suggestionId}.`, { field: "id" });
  return toSuggestion(r.rows[0]);
}

export interface SuggestionInput {
  channel: SuggestionChannel;
  text: string;
  /** When the customer made it; none: now. */
  receivedAt?: Date;
}

/** Records a customer's suggestion as new. */
export async function recordSuggestion(db: Db, customerId: number, input: SuggestionInput, opts: { userId?: number | null } = {}): Promise<Suggestion> {
  const text = input.text.trim();
  if (text === "") throw new RetainError("BAD_INPUT", "text: write down the customer's suggestion.", { field: "text" });
  if (!SUGGESTION_CHANNELS.includes(input.channel)) {
    throw new RetainError("BAD_INPUT", `channel: "${input.channel}" is not one of ${SUGGESTION_CHANNELS.join(", ")}.`, { field: "channel" });
  }
  if (input.receivedAt && input.receivedAt.getTime() > Date.now() + 60_000) {
    throw new RetainError("BAD_INPUT", "receivedAt: a suggestion cannot come from the future.", { field: "receivedAt" });
  }
  return inTransaction(db, async (trx) => {
    const c = await trx.selectFrom("customers").select(["merged_into", "erased_at"]).where("customer_id", "=", customerId).executeTakeFirst();
    if (!c) throw new RetainError("NOT_FOUND", `No customer with id ${customerId}.`, { field: "id" });
    if (c.merged_into !== null) throw new RetainError("CONFLICT", `Customer ${customerId} was merged into ${c.merged_into}.`, { field: "id", hint: `Record it on customer ${c.merged_into}.` });
    if (c.erased_at !== null) throw new RetainError("CONFLICT", `Customer ${customerId} was erased.`, { field: "id" });
    const row = await trx.insertInto("suggestions").values({
      customer_id: customerId, channel: input.channel, text, created_by: opts.userId ?? null, ...(input.receivedAt ? { received_at: input.receivedAt } : {}),
    }).returning(sql<number>`suggestion_id::float8`.as("id")).executeTakeFirstOrThrow();
    return getSuggestion(trx, row.id);
  });
}

export interface SuggestionQuery {
  status?: SuggestionStatus;
  customerId?: number;
  scope?: { userId: number; team: string | null } | null;
  /** Suggestions older than this id (the list is newest first). */
  beforeId?: number;
  limit: number;
}

/** Suggestions, newest first, and the id to page on from. */
export async function listSuggestions(db: Db, q: SuggestionQuery): Promise<{ items: Suggestion[]; nextBeforeId: number | null }> {
  const w = [sql`c.erased_at is null`];
  if (q.status) w.push(sql`x.status = ${q.status}`);
  if (q.customerId !== undefined) w.push(sql`x.customer_id = ${q.customerId}`);
  if (q.beforeId !== undefined) w.push(sql`x.suggestion_id < ${q.beforeId}`);
  if (q.scope) {
    w.push(q.scope.team
      ? sql`(c.owner_id = ${q.scope.userId} or c.owner_id in (select user_id from users where team = ${q.scope.team}))`
      : sql`c.owner_id = ${q.scope.userId}`);
  }
  const r = await sql<Row>`select ${SELECT} where ${sql.join(w, sql` and `)} order by x.suggestion_id desc limit ${q.limit + 1}`.execute(db);
  const items = r.rows.slice(0, q.limit).map(toSuggestion);
  return { items, nextBeforeId: r.rows.length > q.limit ? items.at(-1)!.id : null };
}

/** How many suggestions are in each status (of an agent's book when scoped). */
export async function suggestionCounts(db: Db, scope?: { userId: number; team: string | null } | null): Promise<Record<SuggestionStatus, number>> {
  const book = scope
    ? scope.team
      ? sql`and (c.owner_id = ${scope.userId} or c.owner_id in (select user_id from users where team = ${scope.team}))`
      : sql`and c.owner_id = ${scope.userId}`
    : sql``;
  const r = await sql<{ status: SuggestionStatus; n: number }>`select x.status, count(*)::int as n from suggestions x
    join customers c on c.customer_id = x.customer_id where c.erased_at is null ${book} group by x.status`.execute(db);
  const out = { new: 0, accepted: 0, implemented: 0, declined: 0 };
  for (const row of r.rows) out[row.status] = row.n;
  return out;
}

export interface DecisionInput {
  status: Decision;
  /** Membership points to give (members only). */
  rewardPoints?: number;
  /** What was given or said, e.g. a gift or a thank-you call. */
  rewardNote?: string;
}

/**
 * Decides on a suggestion and, optionally, rewards it, in one transaction: the points enter
 * the membership ledger as an adjustment naming the suggestion, so a refused reward leaves
 * the decision unmade too. A suggestion is rewarded once; a rewarded one cannot be declined.
 */
export async function decideSuggestion(db: Db, suggestionId: number, input: DecisionInput, actor: Actor): Promise<{ before: Suggestion; after: Suggestion }> {
  const note = input.rewardNote?.trim() || undefined;
  const points = input.rewardPoints;
  if (!(["accepted", "implemented", "declined"] as const).includes(input.status)) {
    throw new RetainError("BAD_INPUT", `status: decide "accepted", "implemented" or "declined" (got "${input.status}").`, { field: "status" });
  }
  if (points !== undefined && (!Number.isSafeInteger(points) || points <= 0 || points > MAX_REWARD_POINTS)) {
    throw new RetainError("BAD_INPUT", `rewardPoints: give a whole number of points from 1 to ${MAX_REWARD_POINTS} (got ${points}).`, { field: "rewardPoints" });
  }
  const rewarding = points !== undefined || note !== undefined;
  if (rewarding && input.status === "declined") {
    throw new RetainError("BAD_INPUT", "rewardPoints: a declined suggestion is not rewarded; accept it first.", { field: points !== undefined ? "rewardPoints" : "rewardNote" });
  }
  return inTransaction(db, async (trx) => {
    const locked = await trx.selectFrom("suggestions").select(["customer_id"]).where("suggestion_id", "=", suggestionId).forUpdate().executeTakeFirst();
    if (!locked) throw new RetainError("NOT_FOUND", `No suggestion with id ${suggestionId}.`, { field: "id" });
    const before = await getSuggestion(trx, suggestionId);
    if (rewarding && before.rewarded) {
      throw new RetainError("CONFLICT", `Suggestion ${suggestionId} was already rewarded (${before.rewardPoints ?? 0} points${before.rewardNote ? `, "${before.rewardNote}"` : ""}); a suggestion is rewarded once.`, {
        field: points !== undefined ? "rewardPoints" : "rewardNote",
      });
    }
    if (before.rewarded && input.status === "declined") {
      throw new RetainError("CONFLICT", `Suggestion ${suggestionId} was rewarded; it cannot be declined now.`, { field: "status" });
    }
    if (points !== undefined) {
      if (!before.member) {
        throw new RetainError("CONFLICT", `rewardPoints: customer ${before.customerId} is not a member of the membership programme, so points cannot be given.`, {
          field: "rewardPoints", hint: "Give a reward note instead (a gift, a thank-you), or apply the programme first.",
        });
      }
      await recordManualEntry(trx, { customerId: before.customerId, kind: "adjust", points, reason: `Community plan: reward for suggestion #${suggestionId}` }, actor);
    }
    await trx.updateTable("suggestions").set({
      status: input.status, decided_by: actor.userId, decided_at: new Date(),
      ...(rewarding ? { reward_points: points ?? null, reward_note: note ?? null } : {}),
    }).where("suggestion_id", "=", suggestionId).where("customer_id", "=", before.customerId).execute();
    return { before, after: await getSuggestion(trx, suggestionId) };
  });
}
