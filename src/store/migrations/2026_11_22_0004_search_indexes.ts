import { sql, type Kysely } from "kysely";

/**
 * Prefix search over a million customers (the list's text filter and the global search): one
 * index per searched column, with text_pattern_ops so that `lower(x) like 'abc%'` is an index
 * range in any collation, and the planner can OR them in one bitmap scan (the identities'
 * primary key starts with the source, so they get an index on the external id alone).
 */
export async function up(db: Kysely<any>): Promise<void> {
  for (const [name, expr] of [
    ["customers_search_name_idx", "lower(name) text_pattern_ops"],
    ["customers_search_external_idx", "lower(external_id) text_pattern_ops"],
    ["customers_search_email_idx", "lower(email) text_pattern_ops"],
    ["customers_search_phone_idx", "phone text_pattern_ops"],
  ] as const) {
    await sql.raw(`create index ${name} on customers (${expr}) where merged_into is null`).execute(db);
  }
  // An external id typed into the search is looked up in every source.
  await sql`create index customer_identities_external_idx on customer_identities (external_id)`.execute(db);
}
