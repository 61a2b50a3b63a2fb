import { sql, type Kysely } from "kysely";
import { CUSTOMER_STATES, type CustomerInput, type CustomerKind, type CustomerState } from "../domain/inputs.ts";
import { RetainError } from "../errors.ts";
import { monthMoneyText, refreshCustomers } from "../store/aggregates.ts";
import {
  canonical,
  createCustomers,
  findByExternalIds,
  loadCustomerRows,
  mergeCustomerInput,
  saveCustomerRow,
} from "../store/customers.repository.ts";
import type { Database } from "../store/schema.ts";
import { insertContacts, insertKeyDates } from "../store/customer-details.repository.ts";
import { inTransaction } from "../store/transaction.ts";
import { textMatch } from "./customer-list.ts";
import { nameInitials } from "../domain/initials.ts";

type Db = Kysely<Database>;

/** Everything the archive holds about one customer, for the 360 view and `retain customers show`. */
export async function getCustomer(db: Db, customerId: number) {
  const customer = await db.selectFrom("customers").selectAll().where("customer_id", "=", customerId).executeTakeFirst();
  if (!customer) throw new RetainError("NOT_FOUND", `No customer with id ${customerId}.`, { field: "customerId" });
  const [identities, keyDates, contacts, states, aggregates, owner, months] = await Promise.all([
    db.selectFrom("customer_identities").select(["source", "external_id"]).where("customer_id", "=", customerId).orderBy("source").orderBy("external_id").execute(),
    db.selectFrom("customer_key_dates").selectAll().where("customer_id", "=", customerId).orderBy("key_date_id").execute(),
    db.selectFrom("customer_contacts").selectAll().where("customer_id", "=", customerId).orderBy("contact_id").execute(),
    db.selectFrom("customer_state_changes").selectAll().where("customer_id", "=", customerId).orderBy("changed_at").orderBy("change_id").execute(),
    db.selectFrom("customer_aggregates").selectAll().where("customer_id", "=", customerId).executeTakeFirst(),
    customer.owner_id
      ? db.selectFrom("users").select(["user_id", "name", "email"]).where("user_id", "=", customer.owner_id).executeTakeFirst()
      : Promise.resolve(undefined),
    db.selectFrom("customer_month_aggregates").select(["month", "orders", monthMoneyText("sales"), monthMoneyText("returns")])
      .where("customer_id", "=", customerId).orderBy("month").execute(),
  ]);
  return { ...customer, identities, keyDates, contacts, stateHistory: states, aggregates: aggregates ?? null, owner: owner ?? null, months };
}

/** Creates one customer from a record (as the API and the CLI do); the external id must be new. */
export async function createCustomer(db: Db, input: CustomerInput, opts: { source?: string; userId?: number | null } = {}) {
  const source = opts.source ?? "default";
  return inTransaction(db, async (trx) => {
    const existing = await findByExternalIds(trx, source, [input.externalId]);
    if (existing.size > 0) {
      throw new RetainError("CONFLICT", `A customer with external id ${input.externalId} already exists (id ${existing.get(input.externalId)}).`, {
        field: "externalId",
        hint: "Update that customer instead, or use another external id.",
      });
    }
    const created = await createCustomers(trx, source, [{ ref: input.externalId, hint: input, state: input.state }], "created");
    const id = created.get(input.externalId)!;
    const [row] = [...(await loadCustomerRows(trx, [id])).values()];
    const ownerId = input.ownerEmail ? await userIdByEmail(trx, input.ownerEmail) : undefined;
    const after = mergeCustomerInput(row!, { ...input, state: undefined }, { ownerId });
    await saveCustomerRow(trx, row!, after, { reason: "created", userId: opts.userId });
    await insertKeyDates(trx, [{ customerId: id, dates: input.keyDates ?? [] }]);
    await insertContacts(trx, [{ customerId: id, contacts: input.contacts ?? [] }]);
    return id;
  });
}

export async function userIdByEmail(db: Db | Parameters<typeof loadCustomerRows>[0], email: string): Promise<number> {
  const user = await (db as Db).selectFrom("users").select("user_id").where(sql`lower(email)`, "=", email.toLowerCase()).executeTakeFirst();
  if (!user) {
    throw new RetainError("BAD_INPUT", `No user with e-mail ${email}.`, { field: "ownerEmail", hint: "Add the user first, or leave the owner empty." });
  }
  return user.user_id;
}

export interface CustomerPatch {
  name?: string | null;
  email?: string | null;
  phone?: string | null;
  kind?: "individual" | "enterprise";
  tags?: string[];
  profile?: Record<string, Record<string, unknown>>;
  custom?: Record<string, unknown>;
  ownerId?: number | null;
  sourceChannel?: string | null;
}

/**
 * Changes a customer. With `expectedVersion`, a change made by someone else since that
 * version is refused (CONFLICT) instead of silently overwritten.
 */
export async function updateCustomer(db: Db, customerId: number, patch: CustomerPatch, opts: { expectedVersion?: number; userId?: number | null } = {}) {
  return inTransaction(db, async (trx) => {
    const current = await trx.selectFrom("customers").select(["version", "merged_into"]).where("customer_id", "=", customerId).forUpdate().executeTakeFirst();
    if (!current) throw new RetainError("NOT_FOUND", `No customer with id ${customerId}.`, { field: "customerId" });
    if (current.merged_into) {
      throw new RetainError("CONFLICT", `Customer ${customerId} was merged into ${current.merged_into}; change that one.`, { field: "customerId" });
    }
    if (opts.expectedVersion !== undefined && current.version !== opts.expectedVersion) {
      throw new RetainError("CONFLICT", `Customer ${customerId} was changed by someone else (version ${current.version}, you had ${opts.expectedVersion}). Reload and apply your change again.`, { field: "version" });
    }
    const [before] = [...(await loadCustomerRows(trx, [customerId])).values()];
    const profile = { ...before!.profile } as Record<string, unknown>;
    for (const [group, fields] of Object.entries(patch.profile ?? {})) {
      profile[group] = { ...((profile[group] as Record<string, unknown>) ?? {}), ...fields };
    }
    const after = {
      ...before!,
      name: patch.name !== undefined ? patch.name : before!.name,
      email: patch.email !== undefined ? patch.email : before!.email,
      phone: patch.phone !== undefined ? patch.phone : before!.phone,
      kind: patch.kind ?? before!.kind,
      tags: patch.tags ? [...new Set(patch.tags)].sort() : before!.tags,
      profile,
      custom: patch.custom ? { ...before!.custom, ...patch.custom } : before!.custom,
      owner_id: patch.ownerId !== undefined ? patch.ownerId : before!.owner_id,
      source_channel: patch.sourceChannel !== undefined ? patch.sourceChannel : before!.source_channel,
    };
    if (canonical(after) !== canonical(before)) await saveCustomerRow(trx, before!, after, { reason: "edited", userId: opts.userId });
    const v = await trx.selectFrom("customers").select("version").where("customer_id", "=", customerId).executeTakeFirstOrThrow();
    return { version: v.version, before: before!, after };
  });
}

/** Moves a customer to a new state; the move is recorded with its reason. */
export async function setCustomerState(db: Db, customerId: number, state: CustomerState, opts: { reason?: string; userId?: number | null } = {}) {
  if (!CUSTOMER_STATES.includes(state)) {
    throw new RetainError("BAD_INPUT", `Unknown state "${state}" (one of ${CUSTOMER_STATES.join(", ")}).`, { field: "state" });
  }
  return inTransaction(db, async (trx) => {
    const [before] = [...(await loadCustomerRows(trx, [customerId])).values()];
    if (!before) throw new RetainError("NOT_FOUND", `No customer with id ${customerId}.`, { field: "customerId" });
    if (before.state === state) return { changed: false };
    await saveCustomerRow(trx, before, { ...before, state }, { reason: opts.reason ?? "changed by hand", userId: opts.userId });
    return { changed: true };
  });
}

export interface TimelineEvent {
  kind: "order" | "interaction" | "state_change" | "complaint" | "complaint_step" | "survey" | "merge" | "points" | "level" | "message" | "task";
  at: Date;
  ref: number;
  data: Record<string, unknown>;
}

/**
 * One customer's history, newest first, merging orders, contacts, state changes, complaints
 * and their recovery steps, merges, and membership points and level changes. Page with `before` (the `at` and `ref` of the last event seen).
 */
export async function customerTimeline(
  db: Db,
  customerId: number,
  opts: { limit?: number; before?: { at: Date; kind: string; ref: number } } = {},
): Promise<TimelineEvent[]> {
  const limit = Math.min(Math.max(opts.limit ?? 50, 1), 500);
  const b = opts.before;
  const res = await sql<TimelineEvent>`
    select * from (
      select 'order' as kind, o.ordered_at as at, o.order_id as ref,
        jsonb_build_object('orderNo', o.order_no, 'channel', o.channel, 'currency', o.currency, 'amount', t.amount,
          'baseAmount', t.base_amount, 'lines', t.lines, 'isReturn', t.is_return) as data
      from orders o
      cross join lateral (
        select sum(l.amount)::text as amount, sum(l.base_amount)::text as base_amount, count(*) as lines,
          bool_and(l.is_return) as is_return
        from order_lines l where l.customer_id = o.customer_id and l.order_id = o.order_id
      ) t
      where o.customer_id = ${customerId}
      union all
      select 'interaction', i.occurred_at, i.interaction_id,
        jsonb_build_object('channel', i.channel, 'direction', i.direction, 'purpose', i.purpose, 'outcome', i.outcome,
          'notes', i.notes, 'userId', i.user_id)
      from interactions i where i.customer_id = ${customerId}
      union all
      select 'state_change', s.changed_at, s.change_id,
        jsonb_build_object('from', s.from_state, 'to', s.to_state, 'reason', s.reason, 'userId', s.user_id)
      from customer_state_changes s where s.customer_id = ${customerId}
      union all
      select 'complaint', c.opened_at, c.complaint_id,
        jsonb_build_object('channel', c.channel, 'category', c.category, 'severity', c.severity, 'status', c.status,
          'description', c.description, 'resolvedAt', c.resolved_at)
      from complaints c where c.customer_id = ${customerId}
      union all
      -- each recovery step of a complaint (migration 0011); its opening is the complaint entry above
      select 'complaint_step', ce.at, ce.complaint_id,
        jsonb_build_object('seq', ce.seq, 'type', ce.type, 'summary', ce.summary, 'actorId', ce.actor_id)
      from complaint_events ce where ce.customer_id = ${customerId} and ce.type <> 'opened'
      union all
      -- survey invitations (migration 0012): when sent, and whether and when answered
      select 'survey', i.created_at, i.invitation_id,
        jsonb_build_object('surveyId', i.survey_id, 'name', sv.name, 'trigger', i.trigger, 'complaintId', i.complaint_id,
          'answeredAt', i.answered_at, 'expiresAt', i.expires_at)
      from survey_invitations i join surveys sv on sv.survey_id = i.survey_id where i.customer_id = ${customerId}
      union all
      select 'merge', m.merged_at, m.merge_id, jsonb_build_object('mergedCustomerId', m.merged_customer_id, 'userId', m.user_id)
      from customer_merges m where m.customer_id = ${customerId}
      union all
      -- membership (docs/membership.md): points at their order's time or when entered; other entries and
      -- level changes are dated, not timed, and shown at noon UTC
      select 'points', coalesce(mo.ordered_at, case when ml.kind in ('redeem', 'adjust') then ml.created_at end,
          (ml.entry_date + time '12:00') at time zone 'UTC'), ml.entry_no,
        jsonb_build_object('kind', ml.kind, 'points', ml.points, 'balance', ml.balance, 'orderId', ml.order_id, 'level', ml.level,
          'reason', ml.reason, 'expiresOn', ml.expires_on)
      from membership_ledger ml
      left join orders mo on mo.customer_id = ml.customer_id and mo.order_id = coalesce(ml.return_order_id, ml.order_id)
      where ml.customer_id = ${customerId}
      union all
      select 'level', (lc.changed_on + time '12:00') at time zone 'UTC', lc.change_no,
        jsonb_build_object('kind', lc.kind, 'from', lc.from_level, 'to', lc.to_level, 'fromName', lc.from_name, 'toName', lc.to_name, 'value', lc.value)
      from membership_level_changes lc where lc.customer_id = ${customerId}
      union all
      -- every message sent or tried (migration 0014); a send has no number of its own, so its key's hash orders ties
      select 'message', coalesce(ms.sent_at, ms.created_at), hashtext(ms.send_key)::bigint,
        jsonb_build_object('channel', ms.channel, 'subject', ms.subject, 'status', ms.status, 'sendKey', ms.send_key)
      from message_sends ms where ms.customer_id = ${customerId}
      union all
      -- tasks done or cancelled (migration 0015): the contact made, or the one decided against
      select 'task', t.done_at, t.task_id,
        jsonb_build_object('kind', t.kind, 'title', t.title, 'status', t.status, 'outcome', t.outcome, 'doneBy', t.done_by, 'sourceType', t.source_type)
      from tasks t where t.customer_id = ${customerId} and t.status in ('done', 'cancelled') and t.done_at is not null
    ) e
    ${b ? sql`where (e.at, e.kind, e.ref) < (${b.at}::timestamptz, ${b.kind}::text, ${b.ref}::bigint)` : sql``}
    order by e.at desc, e.kind desc, e.ref desc
    limit ${limit}`.execute(db);
  return res.rows;
}

export interface DuplicatePair {
  a: number;
  b: number;
  reasons: string[];
}

/**
 * Customers that are probably one person or company: the same e-mail (any case), the same
 * phone digits, or the same external id in two sources. Merged customers are left out.
 */
export async function findDuplicates(db: Db, opts: { limit?: number } = {}): Promise<DuplicatePair[]> {
  const res = await sql<{ a: number; b: number; reasons: string[] }>`
    with live as (select customer_id, lower(email) as email, nullif(regexp_replace(phone, '[^0-9]', '', 'g'), '') as phone
                  from customers where merged_into is null),
    pairs as (
      select x.customer_id as a, y.customer_id as b, 'same e-mail ' || x.email as reason
        from live x join live y on x.email = y.email and x.customer_id < y.customer_id
      union all
      select x.customer_id, y.customer_id, 'same phone ' || x.phone
        from live x join live y on x.phone = y.phone and x.customer_id < y.customer_id
      union all
      select x.customer_id, y.customer_id, 'external id ' || x.external_id || ' in ' || x.source || ' and ' || y.source
        from customer_identities x join customer_identities y
          on x.external_id = y.external_id and x.source < y.source and x.customer_id <> y.customer_id
        join live lx on lx.customer_id = x.customer_id join live ly on ly.customer_id = y.customer_id
    )
    select least(a, b) as a, greatest(a, b) as b, array_agg(distinct reason order by reason) as reasons
    from pairs group by least(a, b), greatest(a, b) order by 1, 2 limit ${opts.limit ?? 1000}`.execute(db);
  return res.rows;
}

/**
 * Merges customer `mergedId` into `survivorId`: orders, contacts, complaints, key dates,
 * contact people, state history and identities move to the survivor; the survivor's fields
 * win and the merged one's fill the gaps; the merged customer stays as a tombstone that
 * points to the survivor, and a snapshot of it is kept with the merge.
 */
export async function mergeCustomers(db: Db, survivorId: number, mergedId: number, opts: { userId?: number | null } = {}) {
  if (survivorId === mergedId) throw new RetainError("BAD_INPUT", "A customer cannot be merged into itself.", { field: "mergedId" });
  return inTransaction(db, async (trx) => {
    const both = await trx.selectFrom("customers").selectAll().where("customer_id", "in", [survivorId, mergedId]).forUpdate().execute();
    const survivor = both.find((c) => c.customer_id === survivorId);
    const merged = both.find((c) => c.customer_id === mergedId);
    if (!survivor) throw new RetainError("NOT_FOUND", `No customer with id ${survivorId}.`, { field: "survivorId" });
    if (!merged) throw new RetainError("NOT_FOUND", `No customer with id ${mergedId}.`, { field: "mergedId" });
    for (const c of [survivor, merged]) {
      if (c.merged_into) throw new RetainError("CONFLICT", `Customer ${c.customer_id} was already merged into ${c.merged_into}.`, { field: "customerId" });
    }
    const identities = await trx.selectFrom("customer_identities").selectAll().where("customer_id", "=", mergedId).execute();
    await trx.insertInto("customer_merges").values({
      customer_id: survivorId,
      merged_customer_id: mergedId,
      user_id: opts.userId ?? null,
      snapshot: canonical({ customer: merged, identities }),
    }).execute();

    // Order numbers and external refs are unique per customer: a clash means the same order
    // was recorded under both ids, so the merged one's copy is renamed rather than dropped.
    const suffix = `~merged-${mergedId}`;
    for (const [table, key] of [["orders", "order_no"], ["interactions", "external_ref"], ["complaints", "external_ref"]] as const) {
      await sql`update ${sql.table(table)} m set ${sql.ref(key)} = m.${sql.ref(key)} || ${suffix} where m.customer_id = ${mergedId}
        and exists (select 1 from ${sql.table(table)} s where s.customer_id = ${survivorId} and s.${sql.ref(key)} = m.${sql.ref(key)})`.execute(trx);
    }
    for (const table of ["orders", "order_lines", "interactions", "complaints", "complaint_events", "praise", "survey_invitations", "survey_responses", "customer_state_changes", "customer_key_dates", "customer_contacts", "customer_identities"] as const) {
      await sql`update ${sql.table(table)} set customer_id = ${survivorId} where customer_id = ${mergedId}`.execute(trx);
    }
    await trx.updateTable("customer_merges").set({ customer_id: survivorId }).where("customer_id", "=", mergedId).execute();
    await moveContactRecords(trx, mergedId, survivorId);

    const profile = { ...(merged.profile as Record<string, Record<string, unknown>>) };
    for (const [group, fields] of Object.entries(survivor.profile as Record<string, Record<string, unknown>>)) {
      profile[group] = { ...(profile[group] ?? {}), ...fields };
    }
    await trx.updateTable("customers").set({
      name: survivor.name ?? merged.name,
      name_initials: nameInitials(survivor.name ?? merged.name),
      email: survivor.email ?? merged.email,
      phone: survivor.phone ?? merged.phone,
      tags: [...new Set([...survivor.tags, ...merged.tags])].sort(),
      profile: canonical(profile),
      field_sources: canonical({ ...merged.field_sources, ...survivor.field_sources }),
      custom: canonical({ ...merged.custom, ...survivor.custom }),
      source_channel: survivor.source_channel ?? merged.source_channel,
      owner_id: survivor.owner_id ?? merged.owner_id,
      referred_by: survivor.referred_by ?? merged.referred_by,
      version: sql`version + 1`,
      updated_at: sql`now()`,
    }).where("customer_id", "=", survivorId).execute();
    await trx.updateTable("customers").set({ merged_into: survivorId, state: "non_customer", version: sql`version + 1`, updated_at: sql`now()` })
      .where("customer_id", "=", mergedId).execute();
    await trx.updateTable("customers").set({ referred_by: survivorId }).where("referred_by", "=", mergedId).execute();
    await trx.insertInto("customer_state_changes").values({
      customer_id: mergedId, from_state: merged.state, to_state: "non_customer", reason: `merged into ${survivorId}`, user_id: opts.userId ?? null,
    }).execute();
    await refreshCustomers(trx, [survivorId, mergedId]);
    return { survivorId, mergedId, movedIdentities: identities.length };
  });
}

/** Finds customers as the list's text filter does (archive/customer-list.ts `textMatch`), in id order. */
export async function searchCustomers(db: Db, q: string, opts: { limit?: number } = {}) {
  const match = textMatch(q);
  if (!match) return [];
  const res = await sql<{ customer_id: number; kind: CustomerKind; name: string | null; external_id: string | null; email: string | null; phone: string | null; state: CustomerState }>`
    select c.customer_id, c.kind, c.name, c.external_id, c.email, c.phone, c.state from customers c
    where c.merged_into is null and ${match} order by c.customer_id limit ${Math.min(opts.limit ?? 20, 200)}`.execute(db);
  return res.rows;
}

/** Likely duplicates of one customer: same e-mail (any case), same phone digits, or an external id shared across sources. */
export async function duplicatesOf(db: Db, customerId: number): Promise<Array<{ customerId: number; name: string | null; externalId: string | null; reasons: string[] }>> {
  const res = await sql<{ customerId: number; name: string | null; externalId: string | null; reasons: string[] }>`
    with me as (select customer_id, lower(email) as email, nullif(regexp_replace(phone, '[^0-9]', '', 'g'), '') as phone
                from customers where customer_id = ${customerId}),
    hits as (
      select c.customer_id, 'same e-mail ' || me.email as reason from customers c, me
        where me.email is not null and lower(c.email) = me.email and c.customer_id <> me.customer_id
      union all
      select c.customer_id, 'same phone ' || me.phone from customers c, me
        where me.phone is not null and c.phone is not null and regexp_replace(c.phone, '[^0-9]', '', 'g') = me.phone and c.customer_id <> me.customer_id
      union all
      select y.customer_id, 'external id ' || x.external_id || ' in ' || x.source || ' and ' || y.source
        from customer_identities x join customer_identities y on y.external_id = x.external_id and y.source <> x.source
        where x.customer_id = ${customerId} and y.customer_id <> ${customerId}
    )
    select h.customer_id as "customerId", c.name, c.external_id as "externalId", array_agg(distinct h.reason order by h.reason) as reasons
    from hits h join customers c on c.customer_id = h.customer_id
    where c.merged_into is null
    group by h.customer_id, c.name, c.external_id order by h.customer_id limit 50`.execute(db);
  return res.rows;
}

/**
 * Moves what acting on a customer recorded to the survivor of a merge: consents (one per
 * channel; a withdrawal on either record wins, else the survivor's), tasks (a task both had
 * under the same key stays the survivor's; the other's is kept apart, cancelled if still
 * open), campaign membership (the survivor's where both were in a campaign), messages sent
 * (one per send key), prospect details (the survivor's when both have them) and suggestions.
 */
async function moveContactRecords(trx: Db, mergedId: number, survivorId: number): Promise<void> {
  await sql`insert into contact_consents (customer_id, channel, status, source, changed_at)
    select ${survivorId}, channel, status, source, changed_at from contact_consents where customer_id = ${mergedId}
    on conflict (customer_id, channel) do update set status = excluded.status, source = excluded.source, changed_at = excluded.changed_at
      where excluded.status = 'withdrawn' and contact_consents.status <> 'withdrawn'`.execute(trx);
  await sql`delete from contact_consents where customer_id = ${mergedId}`.execute(trx);

  const suffix = `~merged-${mergedId}`;
  await sql`update tasks m set task_key = m.task_key || ${suffix},
      status = case when m.status = 'open' then 'cancelled' else m.status end,
      outcome = case when m.status = 'open' then 'duplicate after merge' else m.outcome end,
      done_at = case when m.status = 'open' then now() else m.done_at end
    where m.customer_id = ${mergedId} and m.task_key is not null
      and exists (select 1 from tasks s where s.customer_id = ${survivorId} and s.task_key = m.task_key)`.execute(trx);
  await sql`update tasks set customer_id = ${survivorId} where customer_id = ${mergedId}`.execute(trx);

  await sql`delete from campaign_members m where m.customer_id = ${mergedId}
    and exists (select 1 from campaign_members s where s.customer_id = ${survivorId} and s.campaign_id = m.campaign_id)`.execute(trx);
  await sql`update campaign_members set customer_id = ${survivorId} where customer_id = ${mergedId}`.execute(trx);

  await sql`delete from message_sends m where m.customer_id = ${mergedId}
    and exists (select 1 from message_sends s where s.customer_id = ${survivorId} and s.send_key = m.send_key)`.execute(trx);
  await sql`update message_sends set customer_id = ${survivorId} where customer_id = ${mergedId}`.execute(trx);

  await sql`delete from prospect_details where customer_id = ${mergedId} and exists (select 1 from prospect_details where customer_id = ${survivorId})`.execute(trx);
  await sql`update prospect_details set customer_id = ${survivorId} where customer_id = ${mergedId}`.execute(trx);

  await sql`update suggestions set customer_id = ${survivorId} where customer_id = ${mergedId}`.execute(trx);
}
