import { sql, type Kysely, type Transaction } from "kysely";
import type { CustomerInput, CustomerKind, CustomerState } from "../domain/inputs.ts";
import { nameInitials } from "../domain/initials.ts";
import { detach } from "../domain/strings.ts";
import { copyInto, nextIds } from "./copy.ts";
import type { Database } from "./schema.ts";

type Db = Kysely<Database> | Transaction<Database>;

/** What an order or interaction row tells about a customer we may not know yet. */
export interface CustomerHint {
  name?: string;
  email?: string;
  phone?: string;
  kind?: CustomerKind;
}

/** Looks up customers by (source, external id); returns a map from external id to customer id. */
export async function findByExternalIds(db: Db, source: string, refs: readonly string[]): Promise<Map<string, number>> {
  const found = new Map<string, number>();
  if (refs.length === 0) return found;
  // A join on unnest uses the primary key for each id; `= any(array)` did not, at scale.
  const rows = await sql<{ external_id: string; customer_id: number }>`
    select i.external_id, i.customer_id
    from unnest(${refs as string[]}::text[]) as r(external_id)
    join customer_identities i on i.source = ${source} and i.external_id = r.external_id`.execute(db);
  for (const r of rows.rows) found.set(r.external_id, r.customer_id);
  return found;
}

/**
 * Creates customers for external ids not in the archive yet (as orders name them), with
 * their identity and a first state-history entry. Returns their new ids.
 */
export async function createCustomers(
  db: Db,
  source: string,
  news: ReadonlyArray<{ ref: string; hint: CustomerHint; state?: CustomerState }>,
  reason: string,
): Promise<Map<string, number>> {
  const created = new Map<string, number>();
  if (news.length === 0) return created;
  // Ids first (one round trip), then three COPYs: the fastest way to create many customers.
  const ids = await nextIds(db, "customers_customer_id_seq", news.length);
  news.forEach((n, i) => created.set(n.ref, ids[i]!));
  const idOf = (n: { ref: string }) => created.get(n.ref)!;
  await copyInto(db, "customers", ["customer_id", "kind", "name", "name_initials", "external_id", "email", "phone", "state"],
    news.map((n) => [idOf(n), n.hint.kind ?? "individual", n.hint.name ?? null, nameInitials(n.hint.name), n.ref, n.hint.email ?? null, n.hint.phone ?? null, n.state ?? "current"]));
  await copyInto(db, "customer_identities", ["source", "external_id", "customer_id"], news.map((n) => [source, n.ref, idOf(n)]));
  await copyInto(db, "customer_state_changes", ["customer_id", "from_state", "to_state", "reason"],
    news.map((n) => [idOf(n), null, n.state ?? "current", reason]));
  return created;
}

/**
 * Resolves external ids to customer ids, creating the missing customers; `cache` spans a whole
 * run. With `cacheIsComplete` (the source had no customers when the run began, so every one it
 * has now is in the cache) an id missing from the cache is new without asking the store.
 */
export async function resolveCustomers(
  db: Db,
  source: string,
  hints: Map<string, CustomerHint>,
  cache: Map<string, number>,
  reason: string,
  cacheIsComplete = false,
): Promise<{ created: number; createdIds: Iterable<number> }> {
  const missing = [...hints.keys()].filter((ref) => !cache.has(ref));
  const found = cacheIsComplete ? new Map<string, number>() : await findByExternalIds(db, source, missing);
  for (const [ref, id] of found) cache.set(ref, id);
  const news = missing.filter((ref) => !found.has(ref)).map((ref) => ({ ref: detach(ref), hint: hints.get(ref)! }));
  const created = await createCustomers(db, source, news, reason);
  for (const [ref, id] of created) cache.set(ref, id);
  return { created: created.size, createdIds: created.values() };
}

/** Whether a source has any customer yet (a first import can then skip look-ups). */
export async function sourceIsEmpty(db: Db, source: string): Promise<boolean> {
  const row = await db.selectFrom("customer_identities").select("customer_id").where("source", "=", source).limit(1).executeTakeFirst();
  return row === undefined;
}

/** The stored columns a customer import may set, as compared for "changed or not". */
export interface CustomerRowState {
  customer_id: number;
  kind: CustomerKind;
  name: string | null;
  email: string | null;
  phone: string | null;
  state: CustomerState;
  tags: string[];
  profile: Record<string, unknown>;
  field_sources: Record<string, unknown>;
  custom: Record<string, unknown>;
  source_channel: string | null;
  owner_id: number | null;
  referred_by: number | null;
}

export async function loadCustomerRows(db: Db, ids: readonly number[]): Promise<Map<number, CustomerRowState>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom("customers")
    .select([
      "customer_id", "kind", "name", "email", "phone", "state", "tags", "profile", "field_sources",
      "custom", "source_channel", "owner_id", "referred_by",
    ])
    .where("customer_id", "=", sql<number>`any(${ids as number[]}::bigint[])`)
    .execute();
  return new Map(rows.map((r) => [r.customer_id, r as CustomerRowState]));
}

/** Applies an import's customer record on top of the stored one: given fields win, others stay. */
export function mergeCustomerInput(
  current: CustomerRowState,
  input: CustomerInput,
  resolved: { ownerId?: number | null; referredBy?: number | null },
): CustomerRowState {
  const mergeGroups = (a: Record<string, unknown>, b: Record<string, unknown> | undefined) => {
    if (!b) return a;
    const out: Record<string, unknown> = { ...a };
    for (const [group, fields] of Object.entries(b)) {
      out[group] = { ...((a[group] as Record<string, unknown>) ?? {}), ...(fields as Record<string, unknown>) };
    }
    return out;
  };
  return {
    ...current,
    kind: input.kind ?? current.kind,
    name: input.name ?? current.name,
    email: input.email ?? current.email,
    phone: input.phone ?? current.phone,
    state: input.state ?? current.state,
    tags: input.tags ? [...new Set([...current.tags, ...input.tags])].sort() : current.tags,
    profile: mergeGroups(current.profile, input.profile),
    field_sources: input.fieldSources ? { ...current.field_sources, ...input.fieldSources } : current.field_sources,
    custom: input.custom ? { ...current.custom, ...input.custom } : current.custom,
    source_channel: input.sourceChannel ?? current.source_channel,
    owner_id: resolved.ownerId !== undefined ? resolved.ownerId : current.owner_id,
    referred_by: resolved.referredBy !== undefined ? resolved.referredBy : current.referred_by,
  };
}

/** Canonical JSON (sorted keys) so that a re-import compares equal to what it stored. */
export function canonical(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

/** Writes a customer's new state (version bumped) and records a state change if the state moved. */
export async function saveCustomerRow(
  db: Db,
  before: CustomerRowState,
  after: CustomerRowState,
  meta: { reason: string; userId?: number | null },
): Promise<void> {
  await db
    .updateTable("customers")
    .set({
      kind: after.kind,
      name: after.name,
      name_initials: nameInitials(after.name),
      email: after.email,
      phone: after.phone,
      state: after.state,
      tags: after.tags,
      profile: canonical(after.profile),
      field_sources: canonical(after.field_sources),
      custom: canonical(after.custom),
      source_channel: after.source_channel,
      owner_id: after.owner_id,
      referred_by: after.referred_by,
      version: sql`version + 1`,
      updated_at: sql`now()`,
    })
    .where("customer_id", "=", after.customer_id)
    .execute();
  if (before.state !== after.state) {
    await db
      .insertInto("customer_state_changes")
      .values({
        customer_id: after.customer_id,
        from_state: before.state,
        to_state: after.state,
        reason: meta.reason,
        user_id: meta.userId ?? null,
      })
      .execute();
  }
}

/** A customer's merge and erasure state, or undefined when there is no such customer. */
export async function customerFate(db: Db, customerId: number): Promise<{ merged_into: number | null; erased: boolean } | undefined> {
  const r = await sql<{ merged_into: number | null; erased: boolean }>`select merged_into::float8 as merged_into, erased_at is not null as erased
    from customers where customer_id = ${customerId}`.execute(db);
  return r.rows[0];
}

/** The live customer a record now is: itself, or the one it was merged into (followed through merges); null once erased or gone. */
export async function liveCustomerId(db: Db, customerId: number): Promise<number | null> {
  let id = customerId;
  for (let hop = 0; hop < 10; hop++) {
    const fate = await customerFate(db, id);
    if (!fate || fate.erased) return null;
    if (fate.merged_into === null) return id;
    id = fate.merged_into;
  }
  return null;
}
