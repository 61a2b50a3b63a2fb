import type { Dayjs } from "dayjs";
import type { PatternLevel, ScopeQuery } from "./api/patterns.api";

/** The windows offered: months of order dates ending on the as-of date, or every order. */
export const WINDOWS = ["3m", "6m", "12m", "24m", "all"] as const;

/** A forecast reads a longer history. */
export const HISTORY_WINDOWS = ["24m", "36m", "60m", "all"] as const;

/** The scope as the form holds it. */
export interface ScopeValues {
  asOf: Dayjs | null;
  window: string;
  level: PatternLevel;
  /** "scheme:value", or undefined for every customer. */
  segment?: string;
  /** A snapshot's date; undefined: the latest. */
  snapshot?: string;
}

export const SCOPE_DEFAULTS: ScopeValues = { asOf: null, window: "12m", level: "product" };

/** The query of a scope: the segment's snapshot only goes with a segment. */
export function scopeQuery(v: ScopeValues, withLevel = true): ScopeQuery {
  return {
    ...(v.asOf ? { asOf: v.asOf.format("YYYY-MM-DD") } : {}),
    window: v.window,
    ...(withLevel ? { level: v.level } : {}),
    ...(v.segment ? { segment: v.segment, ...(v.snapshot ? { snapshot: v.snapshot } : {}) } : {}),
  };
}

/** A share typed as a percentage (0.5 → 0.005), rounded off the float noise of the division. */
export const fromPercent = (p: number): number => Number((p / 100).toPrecision(12));
