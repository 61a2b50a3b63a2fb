import { sql, type Kysely, type Transaction } from "kysely";
import type { ContactPersonInput, KeyDateInput } from "../domain/inputs.ts";
import type { Database } from "./schema.ts";

type Db = Kysely<Database> | Transaction<Database>;

/** Adds key dates a customer does not have yet (same kind, calendar, month, day and leap flag). */
export async function insertKeyDates(db: Db, items: ReadonlyArray<{ customerId: number; dates: readonly KeyDateInput[] }>): Promise<number> {
  const rows = items.flatMap(({ customerId, dates }) => dates.map((d) => ({ customerId, ...d })));
  if (rows.length === 0) return 0;
  const res = await sql`insert into customer_key_dates (customer_id, kind, label, calendar, year, month, day, leap_month)
    select x.* from unnest(${rows.map((r) => r.customerId)}::bigint[], ${rows.map((r) => r.kind)}::text[],
      ${rows.map((r) => r.label ?? null)}::text[], ${rows.map((r) => r.calendar)}::text[], ${rows.map((r) => r.year ?? null)}::int[],
      ${rows.map((r) => r.month)}::int[], ${rows.map((r) => r.day)}::int[], ${rows.map((r) => r.leapMonth ?? false)}::bool[])
      as x(customer_id, kind, label, calendar, year, month, day, leap_month)
    where not exists (select 1 from customer_key_dates k where k.customer_id = x.customer_id and k.kind = x.kind
      and k.calendar = x.calendar and k.month = x.month and k.day = x.day and k.leap_month = x.leap_month)`.execute(db);
  return Number(res.numAffectedRows ?? 0);
}

/** Adds contact people a customer does not have yet (matched by name). */
export async function insertContacts(db: Db, items: ReadonlyArray<{ customerId: number; contacts: readonly ContactPersonInput[] }>): Promise<number> {
  const rows = items.flatMap(({ customerId, contacts }) => contacts.map((c) => ({ customerId, ...c })));
  if (rows.length === 0) return 0;
  const res = await sql`insert into customer_contacts (customer_id, name, title, phone, email, is_decision_maker, notes)
    select x.* from unnest(${rows.map((r) => r.customerId)}::bigint[], ${rows.map((r) => r.name)}::text[],
      ${rows.map((r) => r.title ?? null)}::text[], ${rows.map((r) => r.phone ?? null)}::text[], ${rows.map((r) => r.email ?? null)}::text[],
      ${rows.map((r) => r.isDecisionMaker ?? false)}::bool[], ${rows.map((r) => r.notes ?? null)}::text[])
      as x(customer_id, name, title, phone, email, is_decision_maker, notes)
    where not exists (select 1 from customer_contacts c where c.customer_id = x.customer_id and c.name = x.name)`.execute(db);
  return Number(res.numAffectedRows ?? 0);
}

/** Removes one key date of a customer; false when it is not theirs. */
export async function deleteKeyDate(db: Db, customerId: number, keyDateId: number): Promise<Record<string, unknown> | null> {
  const r = await db.deleteFrom("customer_key_dates").where("customer_id", "=", customerId).where("key_date_id", "=", keyDateId).returningAll().executeTakeFirst();
  return r ?? null;
}

/** Changes a contact person; a field given as null is cleared. */
export async function updateContact(
  db: Db,
  customerId: number,
  contactId: number,
  patch: { name?: string; title?: string | null; phone?: string | null; email?: string | null; isDecisionMaker?: boolean; notes?: string | null },
) {
  const before = await db.selectFrom("customer_contacts").selectAll().where("customer_id", "=", customerId).where("contact_id", "=", contactId).executeTakeFirst();
  if (!before) return null;
  const after = await db.updateTable("customer_contacts").set({
    ...(patch.name !== undefined ? { name: patch.name } : {}),
    ...(patch.title !== undefined ? { title: patch.title ?? null } : {}),
    ...(patch.phone !== undefined ? { phone: patch.phone ?? null } : {}),
    ...(patch.email !== undefined ? { email: patch.email ?? null } : {}),
    ...(patch.isDecisionMaker !== undefined ? { is_decision_maker: patch.isDecisionMaker } : {}),
    ...(patch.notes !== undefined ? { notes: patch.notes ?? null } : {}),
  }).where("customer_id", "=", customerId).where("contact_id", "=", contactId).returningAll().executeTakeFirstOrThrow();
  return { before, after };
}

export async function deleteContact(db: Db, customerId: number, contactId: number) {
  return (await db.deleteFrom("customer_contacts").where("customer_id", "=", customerId).where("contact_id", "=", contactId).returningAll().executeTakeFirst()) ?? null;
}
