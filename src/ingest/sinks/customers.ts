import type { Transaction } from "kysely";
import type { CustomerInput } from "../../domain/inputs.ts";
import { insertContacts, insertKeyDates } from "../../store/customer-details.repository.ts";
import {
  canonical,
  createCustomers,
  findByExternalIds,
  loadCustomerRows,
  mergeCustomerInput,
  saveCustomerRow,
} from "../../store/customers.repository.ts";
import type { Database } from "../../store/schema.ts";
import { detach, type Sink, type SinkContext, type SinkCounts } from "./sink.ts";

/**
 * Customer records: new external ids create customers, known ones are updated where the
 * file says something new (given fields win; tags, profile groups and custom fields merge).
 * Re-importing the same file changes nothing.
 */
export class CustomerSink implements Sink<CustomerInput> {
  readonly counts: SinkCounts = { landed: 0, updated: 0, unchanged: 0, customersCreated: 0 };
  readonly touched = new Set<number>();
  #buffer: CustomerInput[] = [];
  #seen = new Set<string>();
  #owners: Map<string, number> | undefined;
  /** Referrals to customers the file had not reached yet, resolved once the whole file is in. */
  #laterReferrals: Array<{ ref: string; referredBy: string }> = [];
  unresolvedReferrals = 0;

  constructor(private readonly ctx: SinkContext) {}

  get pending() {
    return this.#buffer.length;
  }

  add(row: CustomerInput): string | null {
    if (this.#seen.has(row.externalId)) return `customer ${row.externalId} appears twice in this file`;
    this.#seen.add(detach(row.externalId));
    if (row.ownerEmail && this.#owners && !this.#owners.has(row.ownerEmail.toLowerCase())) {
      return `owner ${row.ownerEmail} is not a user (add the user first, or leave the owner empty)`;
    }
    this.#buffer.push(row);
    return null;
  }

  async start(trx: Transaction<Database>): Promise<void> {
    this.#owners = new Map(
      (await trx.selectFrom("users").select(["email", "user_id"]).execute()).map((u) => [u.email.toLowerCase(), u.user_id]),
    );
  }

  async flush(trx: Transaction<Database>): Promise<void> {
    const batch = this.#buffer;
    this.#buffer = [];
    if (batch.length === 0) return;
    const existing = await findByExternalIds(trx, this.ctx.source, batch.map((b) => b.externalId));
    const news = batch.filter((b) => !existing.has(b.externalId));
    const created = await createCustomers(
      trx,
      this.ctx.source,
      news.map((n) => ({ ref: n.externalId, hint: n, state: n.state })),
      this.ctx.reason,
    );
    this.counts.customersCreated += created.size;
    const ids = new Map([...existing, ...created]);
    const rows = await loadCustomerRows(trx, [...ids.values()]);
    const referrers = await findByExternalIds(trx, this.ctx.source, batch.flatMap((b) => (b.referredBy ? [b.referredBy] : [])));

    for (const input of batch) {
      const id = ids.get(input.externalId)!;
      const before = rows.get(id)!;
      let referredBy: number | undefined;
      if (input.referredBy) {
        referredBy = referrers.get(input.referredBy);
        if (referredBy === undefined) this.#laterReferrals.push({ ref: input.externalId, referredBy: input.referredBy });
      }
      const ownerId = input.ownerEmail ? this.#owners?.get(input.ownerEmail.toLowerCase()) : undefined;
      const after = mergeCustomerInput(before, input, { ownerId, referredBy });
      const isNew = created.has(input.externalId);
      if (canonical(after) !== canonical(before)) {
        await saveCustomerRow(trx, before, after, { reason: this.ctx.reason });
        if (!isNew) this.counts.updated++;
      } else if (!isNew) {
        this.counts.unchanged++;
      }
      if (isNew) this.counts.landed++;
    }
    const details = batch.map((b) => ({ customerId: ids.get(b.externalId)!, dates: b.keyDates ?? [], contacts: b.contacts ?? [] }));
    await insertKeyDates(trx, details);
    await insertContacts(trx, details);
  }

  async finish(trx: Transaction<Database>): Promise<void> {
    if (this.#laterReferrals.length === 0) return;
    const pending = this.#laterReferrals;
    this.#laterReferrals = [];
    const ids = await findByExternalIds(trx, this.ctx.source, [...new Set(pending.flatMap((p) => [p.ref, p.referredBy]))]);
    for (const p of pending) {
      const referrer = ids.get(p.referredBy);
      if (referrer === undefined) {
        this.unresolvedReferrals++;
        continue;
      }
      await trx.updateTable("customers").set({ referred_by: referrer }).where("customer_id", "=", ids.get(p.ref)!).execute();
    }
  }
}
