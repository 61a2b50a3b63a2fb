import type { Kysely } from "kysely";
import { isDay } from "../domain/days.ts";
import { RetainError } from "../errors.ts";
import type { Database } from "../store/schema.ts";
import { listSnapshots, SEGMENT_SCHEMES, type SegmentScheme } from "../store/segments.repository.ts";
import { getSettings } from "../store/settings.repository.ts";
import { endOfPreviousMonth, todayIn, windowStart } from "../value/value-report.service.ts";

/**
 * Which orders a pattern analysis reads (docs/patterns.md, "Scope"): a window of order
 * dates ending on the as-of date, and optionally only the members of one segment on a
 * saved snapshot.
 */
export interface ScopeOptions {
  /** The window's last day, YYYY-MM-DD (default: the end of the last complete month). */
  asOf?: string;
  /** "12m", "90d", "1y", or "all" (every order up to the as-of date); default 12m. */
  window?: string;
  /** "scheme:value", e.g. "rfm:champions", "tier:key", "decile:1" (a snapshot's segment). */
  segment?: string;
  /** The snapshot's date for the segment (default: the latest snapshot). */
  snapshot?: string;
}

export interface Scope {
  from: string;
  to: string;
  window: string;
  segment: { asOf: string; scheme: SegmentScheme; segment: string } | null;
}

export async function resolveScope(db: Kysely<Database>, o: ScopeOptions): Promise<Scope> {
  const settings = await getSettings(db);
  const to = o.asOf ?? endOfPreviousMonth(todayIn(settings.timezone));
  if (!isDay(to)) throw new RetainError("BAD_INPUT", `as-of ${to}: not a date; give it as YYYY-MM-DD.`, { field: "asOf" });
  const window = o.window ?? "12m";
  const from = window === "all" ? "1900-01-01" : windowStart(to, window);
  return { from, to, window, segment: o.segment ? await resolveSegment(db, o.segment, o.snapshot) : null };
}

async function resolveSegment(db: Kysely<Database>, text: string, snapshot: string | undefined): Promise<NonNullable<Scope["segment"]>> {
  const at = text.indexOf(":");
  const scheme = text.slice(0, at) as SegmentScheme;
  const segment = text.slice(at + 1);
  if (at < 1 || !segment || !Object.hasOwn(SEGMENT_SCHEMES, scheme)) {
    throw new RetainError("BAD_INPUT", `segment ${text}: give it as scheme:value, the scheme one of ${Object.keys(SEGMENT_SCHEMES).join(", ")} (e.g. rfm:champions, tier:key).`, { field: "segment" });
  }
  const snapshots = await listSnapshots(db);
  if (snapshot !== undefined && !isDay(snapshot)) throw new RetainError("BAD_INPUT", `snapshot ${snapshot}: not a date; give it as YYYY-MM-DD.`, { field: "snapshot" });
  const chosen = snapshot === undefined ? snapshots[0] : snapshots.find((s) => s.as_of === snapshot);
  if (!chosen) {
    throw new RetainError("NOT_FOUND", snapshot === undefined
      ? "no segment snapshot is saved: take one first (retain segments snapshot, or Segments → Save snapshot)."
      : `no segment snapshot on ${snapshot}: retain segments list shows the saved dates.`, { field: "snapshot" });
  }
  return { asOf: chosen.as_of, scheme, segment };
}

