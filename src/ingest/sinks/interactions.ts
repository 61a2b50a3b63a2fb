import { sql, type Transaction } from "kysely";
import type { InteractionInput } from "../../domain/inputs.ts";
import { resolveCustomers, type CustomerHint } from "../../store/customers.repository.ts";
import type { Database } from "../../store/schema.ts";
import { localTimestamp } from "../../store/sql-fragments.ts";
import { countUpserts, ZONED } from "./upsert-counts.ts";
import { RowIdentities } from "./row-identity.ts";
import { type Sink, type SinkContext, type SinkCounts } from "./sink.ts";

/**
 * Contact-log records. Each has a stable identity: its external ref, or a hash of its
 * content and its occurrence in the file, so re-importing changes nothing.
 */
export class InteractionSink implements Sink<InteractionInput> {
  readonly counts: SinkCounts = { landed: 0, updated: 0, unchanged: 0, customersCreated: 0 };
  readonly touched = new Set<number>();
  #buffer: Array<InteractionInput & { ref: string }> = [];
  #customers = new Map<string, number>();
  #ids = new RowIdentities();
  #users = new Map<string, number>();

  constructor(private readonly ctx: SinkContext) {}

  get pending() {
    return this.#buffer.length;
  }

  async start(trx: Transaction<Database>): Promise<void> {
    for (const u of await trx.selectFrom("users").select(["email", "user_id"]).execute()) this.#users.set(u.email.toLowerCase(), u.user_id);
  }

  add(row: InteractionInput): string | null {
    if (row.userEmail && !this.#users.has(row.userEmail.toLowerCase())) {
      return `user ${row.userEmail} is not known (add the user first, or leave the column empty)`;
    }
    const ref = row.externalRef ?? this.#ids.fromContent([row.customerRef, row.occurredAt, row.channel, row.direction, row.purpose, row.outcome, row.notes]);
    if (row.externalRef && !this.#ids.claim(row.externalRef)) return `interaction ${ref} appears twice in this file`;
    this.#buffer.push({ ...row, ref });
    return null;
  }

  async flush(trx: Transaction<Database>): Promise<void> {
    const b = this.#buffer;
    this.#buffer = [];
    if (b.length === 0) return;
    const hints = new Map<string, CustomerHint>(b.map((r) => [r.customerRef, {}]));
    const { created } = await resolveCustomers(trx, this.ctx.source, hints, this.#customers, this.ctx.reason);
    this.counts.customersCreated += created;
    const res = await sql<{ inserted: boolean }>`
      insert into interactions (customer_id, occurred_at, channel, direction, purpose, outcome, notes, user_id, external_ref, import_id)
      select c, ${localTimestamp(sql`ts`, sql`z`, this.ctx.settings.timezone)},
        ch, coalesce(dir, 'outbound'), pu, ou, no, u, r, ${this.ctx.importId}::bigint
      from unnest(${b.map((r) => this.#customers.get(r.customerRef)!)}::bigint[], ${b.map((r) => r.occurredAt)}::text[],
        ${b.map((r) => ZONED.test(r.occurredAt))}::bool[], ${b.map((r) => r.channel)}::text[], ${b.map((r) => r.direction ?? null)}::text[],
        ${b.map((r) => r.purpose ?? null)}::text[], ${b.map((r) => r.outcome ?? null)}::text[], ${b.map((r) => r.notes ?? null)}::text[],
        ${b.map((r) => (r.userEmail ? this.#users.get(r.userEmail.toLowerCase())! : null))}::bigint[], ${b.map((r) => r.ref)}::text[])
        as x(c, ts, z, ch, dir, pu, ou, no, u, r)
      on conflict (customer_id, external_ref) do update set occurred_at = excluded.occurred_at, channel = excluded.channel,
        direction = excluded.direction, purpose = excluded.purpose, outcome = excluded.outcome, notes = excluded.notes,
        user_id = excluded.user_id
      where (interactions.occurred_at, interactions.channel, interactions.direction, interactions.purpose,
             interactions.outcome, interactions.notes, interactions.user_id)
        is distinct from (excluded.occurred_at, excluded.channel, excluded.direction, excluded.purpose,
             excluded.outcome, excluded.notes, excluded.user_id)
      returning (xmax = 0) as inserted`.execute(trx);
    countUpserts(this.counts, res.rows, b.length);
  }
}
