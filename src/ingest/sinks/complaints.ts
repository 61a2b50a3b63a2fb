import { sql, type Transaction } from "kysely";
import type { ComplaintInput } from "../../domain/inputs.ts";
import { resolveCustomers, type CustomerHint } from "../../store/customers.repository.ts";
import type { Database } from "../../store/schema.ts";
import { localTimestamp } from "../../store/sql-fragments.ts";
import { countUpserts, ZONED } from "./upsert-counts.ts";
import { RowIdentities } from "./row-identity.ts";
import { type Sink, type SinkContext, type SinkCounts } from "./sink.ts";

/** Complaint records (from the demo or a legacy system), linked to their order when named. */
export class ComplaintSink implements Sink<ComplaintInput> {
  readonly counts: SinkCounts = { landed: 0, updated: 0, unchanged: 0, customersCreated: 0 };
  readonly touched = new Set<number>();
  #buffer: Array<ComplaintInput & { ref: string }> = [];
  #customers = new Map<string, number>();
  #ids = new RowIdentities();

  constructor(private readonly ctx: SinkContext) {}

  get pending() {
    return this.#buffer.length;
  }

  add(row: ComplaintInput): string | null {
    const ref = row.externalRef ?? this.#ids.fromContent([row.customerRef, row.openedAt, row.channel, row.category, row.description]);
    if (row.externalRef && !this.#ids.claim(row.externalRef)) return `complaint ${ref} appears twice in this file`;
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
    const tz = this.ctx.settings.timezone;
    const res = await sql<{ inserted: boolean }>`
      with x as (
        select * from unnest(${b.map((r) => this.#customers.get(r.customerRef)!)}::bigint[], ${b.map((r) => r.openedAt)}::text[],
          ${b.map((r) => ZONED.test(r.openedAt))}::bool[], ${b.map((r) => r.channel)}::text[], ${b.map((r) => r.category ?? null)}::text[],
          ${b.map((r) => r.severity ?? "normal")}::text[], ${b.map((r) => r.description ?? null)}::text[],
          ${b.map((r) => r.orderNo ?? null)}::text[], ${b.map((r) => r.status ?? "open")}::text[],
          ${b.map((r) => r.resolvedAt ?? null)}::text[], ${b.map((r) => r.ref)}::text[], ${b.map((r) => r.rootCause ?? null)}::text[])
          as x(c, ts, z, ch, cat, sev, descr, order_no, status, resolved, ref, root_cause)
      )
      insert into complaints (customer_id, opened_at, channel, category, severity, description, order_id, status, resolved_at, external_ref, root_cause)
      select x.c, ${localTimestamp(sql`x.ts`, sql`x.z`, tz)}, x.ch, x.cat, x.sev, x.descr, o.order_id, x.status,
        ${localTimestamp(sql`x.resolved`, sql`x.resolved ~ '(Z|[+-][0-9]{2}:?[0-9]{2})$'`, tz)}, x.ref, x.root_cause
      from x left join orders o on o.customer_id = x.c and o.order_no = x.order_no
      on conflict (customer_id, external_ref) do update set opened_at = excluded.opened_at, channel = excluded.channel,
        category = excluded.category, severity = excluded.severity, description = excluded.description,
        order_id = excluded.order_id, status = excluded.status, resolved_at = excluded.resolved_at, root_cause = excluded.root_cause
      -- A complaint being recovered in retain is retain's now: a re-import does not overwrite it.
      where complaints.recovery is null and (complaints.opened_at, complaints.channel, complaints.category, complaints.severity, complaints.description,
             complaints.order_id, complaints.status, complaints.resolved_at, complaints.root_cause)
        is distinct from (excluded.opened_at, excluded.channel, excluded.category, excluded.severity, excluded.description,
             excluded.order_id, excluded.status, excluded.resolved_at, excluded.root_cause)
      returning (xmax = 0) as inserted`.execute(trx);
    countUpserts(this.counts, res.rows, b.length);
  }
}
