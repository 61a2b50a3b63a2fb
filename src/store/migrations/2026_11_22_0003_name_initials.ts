import { sql, type Kysely } from "kysely";
import { nameInitials } from "../../domain/initials.ts";

const BATCH = 10_000;

/**
 * Pinyin initials of customer names (王小明 → wxm), for search: written with the name by the
 * repositories (domain/initials.ts), filled here for the customers already stored.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table customers add column name_initials text`.execute(db);
  let after = 0;
  for (;;) {
    const rows = await sql<{ id: number; name: string }>`select customer_id as id, name from customers
      where customer_id > ${after} and name is not null order by customer_id limit ${BATCH}`.execute(db);
    if (rows.rows.length === 0) break;
    const ids = rows.rows.map((r) => r.id);
    const initials = rows.rows.map((r) => nameInitials(r.name));
    await sql`update customers c set name_initials = x.initials
      from unnest(${ids}::bigint[], ${initials}::text[]) as x(id, initials) where c.customer_id = x.id`.execute(db);
    after = ids[ids.length - 1]!;
  }
  await sql`create index customers_initials_idx on customers (name_initials text_pattern_ops) where merged_into is null`.execute(db);
}
