import type { SinkCounts } from "./sink.ts";

/**
 * Adds an upsert's outcome to a sink's counts: the statement returns one row per row it
 * inserted (`inserted`) or changed; rows it left alone are the rest of the batch.
 */
export function countUpserts(counts: SinkCounts, returned: ReadonlyArray<{ inserted: boolean }>, batchSize: number): void {
  const landed = returned.filter((r) => r.inserted).length;
  counts.landed += landed;
  counts.updated += returned.length - landed;
  counts.unchanged += batchSize - returned.length;
}

/** Whether a timestamp as read from a file names its zone. */
export const ZONED = /(Z|[+-]\d{2}:?\d{2})$/;
