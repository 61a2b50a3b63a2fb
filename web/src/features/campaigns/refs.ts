import { ApiError } from "../../api/client";
import { fetchCustomer, searchCustomers } from "../customers/api/customers.api";

/** A customer put in a hand-picked audience, with what to show for it. */
export interface PickedCustomer {
  id: number;
  name: string | null;
  externalId: string | null;
}

/** The most references one paste resolves: each one is a request. */
export const MAX_REFS = 500;

/** The references in pasted text: split on white space, commas and semicolons, each once, in order. */
export function parseRefs(text: string): string[] {
  return [...new Set(text.split(/[\s,;，；、]+/u).map((s) => s.trim()).filter(Boolean))];
}

/**
 * One reference to a customer: an external id (matched exactly, ignoring case, through the
 * search), else a whole number as the customer's id. null when neither finds a customer.
 */
async function resolveRef(ref: string): Promise<PickedCustomer | null> {
  const found = await searchCustomers(ref);
  const hit = found.find((c) => c.externalId?.toLowerCase() === ref.toLowerCase());
  if (hit) return { id: hit.id, name: hit.name, externalId: hit.externalId };
  if (!/^\d+$/.test(ref) || Number(ref) > Number.MAX_SAFE_INTEGER || Number(ref) < 1) return null;
  const byId = found.find((c) => c.id === Number(ref));
  if (byId) return { id: byId.id, name: byId.name, externalId: byId.externalId };
  try {
    const c = await fetchCustomer(Number(ref));
    return { id: c.id, name: c.name, externalId: c.externalId };
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) return null;
    throw e;
  }
}

/** Resolves references a few at a time; those that name no customer come back in `missing`. */
export async function resolveRefs(refs: readonly string[], parallel = 6): Promise<{ found: PickedCustomer[]; missing: string[] }> {
  const results: Array<PickedCustomer | null> = new Array<PickedCustomer | null>(refs.length).fill(null);
  let next = 0;
  const worker = async () => {
    while (next < refs.length) {
      const i = next++;
      results[i] = await resolveRef(refs[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, refs.length) }, worker));
  const found: PickedCustomer[] = [];
  const missing: string[] = [];
  results.forEach((r, i) => (r ? found.push(r) : missing.push(refs[i]!)));
  return { found, missing };
}
