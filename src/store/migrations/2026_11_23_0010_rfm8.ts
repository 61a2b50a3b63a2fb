import { sql, type Kysely } from "kysely";

/**
 * The 8-segment RFM in the segment snapshots (docs/value.md, "The 8-segment RFM" and
 * "Snapshots"): one more column of customer_segments, the customer's segment on the
 * snapshot's date (important_value … general_winback), empty outside its population (no
 * purchase in the window). Snapshots saved before it have it empty. The primary key
 * (customer_id, as_of) is unchanged.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table customer_segments add column rfm8_segment text`.execute(db);
}
