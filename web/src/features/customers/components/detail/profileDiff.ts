import type { ProfileValue } from "../../api/types";

export interface Entry {
  key: string;
  value: string;
}

export const asText = (v: ProfileValue | undefined): string => (v === null || v === undefined ? "" : String(v));

/**
 * The PATCH for one profile group: keys whose text changed or that are new, and null for
 * keys the user removed (the server merges a group key by key, so absent means "keep").
 */
export function profileDiff(before: Record<string, ProfileValue>, entries: readonly Entry[]): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  const kept = new Set<string>();
  for (const { key, value } of entries) {
    const k = key.trim();
    kept.add(k);
    if (asText(before[k]) !== value || !(k in before)) out[k] = value;
  }
  for (const k of Object.keys(before)) if (!kept.has(k)) out[k] = null;
  return out;
}
