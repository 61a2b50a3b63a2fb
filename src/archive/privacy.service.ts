import { sql, type Kysely } from "kysely";
import { recordChange, redactCustomerAudit, type Actor } from "../audit/audit.repository.ts";
import { RetainError } from "../errors.ts";
import { MONTH_MONEY, monthMoneyText } from "../store/aggregates.ts";
import type { Database } from "../store/schema.ts";
import { inTransaction } from "../store/transaction.ts";
import { enqueueEvent } from "../webhooks/outbox.ts";

type Db = Kysely<Database>;

/** Marks an export so a reader knows what it holds and which version of the layout. */
export const PERSONAL_DATA_FORMAT = "retain.personal-data/1";

const ERASED_SNAPSHOT = JSON.stringify({ erased: true });

/**
 * The customers merged into `customerId`, directly or through a chain of merges: tombstones
 * that still carry the same person's name, e-mail and phone.
 */
async function mergedCustomerIds(db: Db, customerId: number): Promise<number[]> {
  const res = await sql<{ customer_id: number }>`
    with recursive t(customer_id) as (
      select customer_id from customers where merged_into = ${customerId}
      union
      select c.customer_id from customers c join t on c.merged_into = t.customer_id
    )
    select customer_id from t order by customer_id`.execute(db);
  return res.rows.map((r) => r.customer_id).filter((id) => id !== customerId);
}

/**
 * Everything held about one customer (a subject access request), as one JSON-able object:
 * the customer with the customers merged into it, identities, key dates, contact people,
 * state history, merges with their snapshots, orders with their lines, interactions,
 * complaints, aggregates and the audit entries about them.
 */
export async function exportCustomerData(db: Db, customerId: number) {
  const customer = await db.selectFrom("customers").selectAll().where("customer_id", "=", customerId).executeTakeFirst();
  if (!customer) throw new RetainError("NOT_FOUND", `No customer with id ${customerId}.`, { field: "customerId" });
  const merged = await mergedCustomerIds(db, customerId);
  const ids = [customerId, ...merged];

  const mergedCustomers = merged.length === 0 ? [] : await db.selectFrom("customers").selectAll().where("customer_id", "in", merged).orderBy("customer_id").execute();
  const identities = await db.selectFrom("customer_identities").selectAll().where("customer_id", "in", ids).orderBy("source").orderBy("external_id").execute();
  const keyDates = await db.selectFrom("customer_key_dates").selectAll().where("customer_id", "in", ids).orderBy("key_date_id").execute();
  const contacts = await db.selectFrom("customer_contacts").selectAll().where("customer_id", "in", ids).orderBy("contact_id").execute();
  const stateHistory = await db.selectFrom("customer_state_changes").selectAll().where("customer_id", "in", ids).orderBy("changed_at").orderBy("change_id").execute();
  const merges = await db.selectFrom("customer_merges").selectAll()
    .where((eb) => eb.or([eb("customer_id", "in", ids), eb("merged_customer_id", "in", ids)]))
    .orderBy("merged_at").orderBy("merge_id").execute();
  const orders = await db.selectFrom("orders").selectAll().where("customer_id", "in", ids).orderBy("ordered_at").orderBy("order_id").execute();
  const lines = await db.selectFrom("order_lines").selectAll().where("customer_id", "in", ids).orderBy("order_id").orderBy("line_no").execute();
  const interactions = await db.selectFrom("interactions").selectAll().where("customer_id", "in", ids).orderBy("occurred_at").orderBy("interaction_id").execute();
  const complaints = await db.selectFrom("complaints").selectAll().where("customer_id", "in", ids).orderBy("opened_at").orderBy("complaint_id").execute();
  const aggregate = await db.selectFrom("customer_aggregates").selectAll().where("customer_id", "=", customerId).executeTakeFirst();
  // Month money is stored in micro-units; the export gives it in the base currency, as elsewhere.
  const months = await db.selectFrom("customer_month_aggregates")
    .select(["customer_id", "month", "orders", "purchase_days", "lines", "items", "returned_items", "first_purchase", "last_purchase", "is_first_month", ...MONTH_MONEY.map(monthMoneyText)])
    .where("customer_id", "=", customerId).orderBy("month").execute();
  const audit = await db.selectFrom("audit_log").selectAll().where("customer_id", "in", ids).orderBy("audit_id").execute();

  const linesByOrder = new Map<number, typeof lines>();
  for (const l of lines) {
    const list = linesByOrder.get(l.order_id);
    if (list) list.push(l);
    else linesByOrder.set(l.order_id, [l]);
  }
  return {
    format: PERSONAL_DATA_FORMAT,
    exportedAt: new Date().toISOString(),
    customer,
    mergedCustomers,
    identities,
    keyDates,
    contacts,
    stateHistory,
    merges,
    orders: orders.map((o) => ({ ...o, lines: linesByOrder.get(o.order_id) ?? [] })),
    interactions,
    complaints,
    aggregates: { customer: aggregate ?? null, months },
    audit,
  };
}

/** What an erasure removed, by kind. */
export interface ErasureCounts {
  /** Customers merged into this one, erased with it. */
  mergedCustomers: number;
  identities: number;
  keyDates: number;
  contacts: number;
  interactionNotes: number;
  complaintDescriptions: number;
  /** Recovery events reduced to their type, and recovery cases cleared (the outcome stays in the complaint's status). */
  complaintRecords: number;
  /** Praise for staff whose words were cleared. */
  praise: number;
  /** Survey answers unlinked from the customer, their free text removed (the scores stay, anonymous). */
  surveyAnswers: number;
  mergeSnapshots: number;
  /**
   * What acting on the customer left (docs/messaging.md, "Erasure"): suggestions' words, tasks'
   * notes and outcomes, the addresses and subjects of messages sent, prospect notes, and
   * consents given. A withdrawn consent stays: it is the record that we must not contact them.
   */
  contactRecords: number;
  auditEntries: number;
  webhookPayloads: number;
}

export type ErasureResult =
  | { customerId: number; alreadyErased: true }
  | { customerId: number; alreadyErased: false; erasedAt: Date; removed: ErasureCounts };

/**
 * Erases a customer's personal data (a right-to-erasure request) in one transaction, and
 * with it that of the customers merged into it (the same person's older records).
 *
 * Removed: name, e-mail, phone, profile, field sources, custom fields, tags, source channel,
 * referrer, key dates, contact people, interaction notes, complaint descriptions, merge
 * snapshots, the before/after of the customer's audit entries and the data of queued
 * webhook payloads about them. The external id becomes `erased-<id>` and the identities
 * (source, external id → customer) are deleted: a source id is itself personal data, since
 * the source system still links it to the person. Consequently a later import that names
 * the old external id creates a new customer instead of re-attaching to the erased one:
 * the erased record stays anonymous, and a person who comes back is a new relationship.
 * The source system must forget the person too, or the next import brings them back.
 *
 * Kept: orders and their lines (anonymous once the customer is, so sales figures and
 * aggregates stay right), interactions' date, channel, direction, purpose and outcome,
 * complaints without their description, state history, kind, state and owner.
 *
 * Erasing an erased customer changes nothing and says so. A merged tombstone can be erased
 * on its own; then only the tombstone (and the survivor's snapshot of it) is scrubbed.
 */
export async function eraseCustomer(db: Db, customerId: number, actor: Actor): Promise<ErasureResult> {
  return inTransaction(db, async (trx) => {
    const customer = await trx.selectFrom("customers").select(["customer_id", "erased_at"]).where("customer_id", "=", customerId).forUpdate().executeTakeFirst();
    if (!customer) throw new RetainError("NOT_FOUND", `No customer with id ${customerId}.`, { field: "customerId" });
    if (customer.erased_at) return { customerId, alreadyErased: true as const };

    const merged = await mergedCustomerIds(trx, customerId);
    const ids = [customerId, ...merged];
    const count = (r: { numUpdatedRows?: bigint; numDeletedRows?: bigint }) => Number(r.numUpdatedRows ?? r.numDeletedRows ?? 0n);

    const erased = await trx.updateTable("customers").set({
      name: null,
      name_initials: null,
      email: null,
      phone: null,
      profile: "{}",
      field_sources: "{}",
      custom: "{}",
      tags: [],
      source_channel: null,
      referred_by: null,
      external_id: sql<string>`'erased-' || customer_id`,
      erased_at: sql<Date>`now()`,
      version: sql<number>`version + 1`,
      updated_at: sql<Date>`now()`,
    }).where("customer_id", "in", ids).where("erased_at", "is", null).returning(["customer_id", "erased_at"]).execute();

    const removed: ErasureCounts = {
      mergedCustomers: erased.length - 1,
      identities: count(await trx.deleteFrom("customer_identities").where("customer_id", "in", ids).executeTakeFirst()),
      keyDates: count(await trx.deleteFrom("customer_key_dates").where("customer_id", "in", ids).executeTakeFirst()),
      contacts: count(await trx.deleteFrom("customer_contacts").where("customer_id", "in", ids).executeTakeFirst()),
      interactionNotes: count(await trx.updateTable("interactions").set({ notes: null })
        .where("customer_id", "in", ids).where("notes", "is not", null).executeTakeFirst()),
      complaintDescriptions: count(await trx.updateTable("complaints").set({ description: null })
        .where("customer_id", "in", ids).where("description", "is not", null).executeTakeFirst()),
      // The customer's words inside complaint recovery (their account, the questions, the
      // promise): each event keeps only its type, and a case its outcome in the legacy columns.
      complaintRecords: count(await trx.updateTable("complaint_events").set({ event: sql`jsonb_build_object('type', type, 'erased', true)` })
        .where("customer_id", "in", ids).where(sql<boolean>`not (event ? 'erased')`).executeTakeFirst())
        + count(await trx.updateTable("complaints").set({ recovery: null }).where("customer_id", "in", ids).where("recovery", "is not", null).executeTakeFirst()),
      praise: count(await trx.updateTable("praise").set({ words: "" }).where("customer_id", "in", ids).where("words", "<>", "").executeTakeFirst()),
      surveyAnswers: count(await trx.updateTable("survey_responses as r").set({
        customer_id: null,
        answers: sql`r.answers - (select coalesce(array_agg(q->>'key'), '{}'::text[]) from surveys s cross join jsonb_array_elements(s.questions) q
          where s.survey_id = r.survey_id and q->>'type' = 'text')`,
      }).where("r.customer_id", "in", ids).executeTakeFirst()),
      // Snapshots taken when others merged into this customer, and the survivor's snapshot
      // of this one when it is itself a tombstone.
      mergeSnapshots: count(await trx.updateTable("customer_merges").set({ snapshot: ERASED_SNAPSHOT })
        .where((eb) => eb.or([eb("customer_id", "in", ids), eb("merged_customer_id", "in", ids)]))
        .where(sql<boolean>`snapshot <> ${ERASED_SNAPSHOT}::jsonb`).executeTakeFirst()),
      contactRecords: await eraseContactRecords(trx, ids),
      auditEntries: 0,
      webhookPayloads: 0,
    };
    for (const id of ids) removed.auditEntries += await redactCustomerAudit(trx, id);
    // Events about a customer carry `customerId` at the top of their data (see outbox.ts).
    const scrubbed = await sql`update webhook_deliveries
      set payload = jsonb_set(payload, '{data}', jsonb_build_object('customerId', payload->'data'->'customerId', 'erased', true))
      where payload->'data'->>'customerId' = any(${ids.map(String)}::text[])
        and payload->'data' <> jsonb_build_object('customerId', payload->'data'->'customerId', 'erased', true)`.execute(trx);
    removed.webhookPayloads = Number(scrubbed.numAffectedRows ?? 0);

    await recordChange(trx, actor, {
      action: "customer.erased",
      entityType: "customer",
      entityId: customerId,
      customerId,
      after: { mergedCustomerIds: merged, removed },
    });
    await enqueueEvent(trx, "customer.erased", { customerId });
    const erasedAt = erased.find((e) => e.customer_id === customerId)!.erased_at!;
    return { customerId, alreadyErased: false as const, erasedAt, removed };
  });
}

/** Clears what the actions on customers kept about them (see ErasureCounts.contactRecords); the rows stay for the counts. */
async function eraseContactRecords(trx: Db, ids: number[]): Promise<number> {
  const n = (r: { numUpdatedRows?: bigint; numDeletedRows?: bigint }) => Number(r.numUpdatedRows ?? r.numDeletedRows ?? 0n);
  let total = 0;
  total += n(await trx.updateTable("suggestions").set({ text: "", reward_note: null }).where("customer_id", "in", ids)
    .where((eb) => eb.or([eb("text", "<>", ""), eb("reward_note", "is not", null)])).executeTakeFirst());
  // A task's title may name the customer (a journey step's does): it becomes the task's kind.
  total += n(await trx.updateTable("tasks").set({ notes: null, outcome: null, title: sql<string>`kind` }).where("customer_id", "in", ids)
    .where((eb) => eb.or([eb("notes", "is not", null), eb("outcome", "is not", null), eb("title", "<>", eb.ref("kind"))])).executeTakeFirst());
  total += n(await trx.updateTable("message_sends").set({ to_address: "", subject: null, error: null }).where("customer_id", "in", ids)
    .where((eb) => eb.or([eb("to_address", "<>", ""), eb("subject", "is not", null), eb("error", "is not", null)])).executeTakeFirst());
  total += n(await trx.updateTable("prospect_details").set({ persuasion_note: null }).where("customer_id", "in", ids).where("persuasion_note", "is not", null).executeTakeFirst());
  total += n(await trx.deleteFrom("contact_consents").where("customer_id", "in", ids).where("status", "<>", "withdrawn").executeTakeFirst());
  return total;
}
