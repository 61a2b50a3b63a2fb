import { sql, type RawBuilder } from "kysely";

/**
 * A timestamp as read from a file: with a zone (`zoned`) it means what it says; without one,
 * it is wall-clock time in the business time zone.
 */
export function localTimestamp(ts: RawBuilder<unknown>, zoned: RawBuilder<unknown>, timezone: string): RawBuilder<Date> {
  return sql<Date>`case when ${zoned} then ${ts}::timestamptz else ${ts}::timestamp at time zone ${timezone} end`;
}
