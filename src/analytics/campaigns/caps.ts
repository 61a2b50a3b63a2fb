/**
 * Frequency caps across every contact plan and campaign: at most `max` contacts of one
 * customer in any `windowDays` consecutive days (e.g. 2 in 7 days and 6 in 90), so no
 * customer is worn out by several plans that each look reasonable on their own.
 *
 * A cap holds when any max + 1 of the customer's contacts, taken in date order, span at least
 * `windowDays` days: days[i + max] − days[i] ≥ windowDays for every i. Proposed contacts are
 * taken by day, then by priority (higher first), then in the order given, and each is kept
 * only if every cap still holds with it and with the contacts already sent or scheduled.
 */

export interface Cap {
  max: number;
  windowDays: number;
}

export interface ProposedContact {
  customer: number;
  /** Day number (days since 1970-01-01). */
  day: number;
  /** Higher goes first when two contacts of one customer compete for the same room. */
  priority?: number;
}

export interface CapDecision {
  /** Indexes into the proposals: the ones kept, in the order they were decided. */
  kept: number[];
  /** Indexes of the ones dropped, each with the cap it would have broken. */
  dropped: Array<{ index: number; cap: Cap }>;
}

/** Where `day` goes in the sorted `days` (after equal days). */
function insertionPoint(days: number[], day: number): number {
  let lo = 0;
  let hi = days.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (days[mid]! <= day) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The first cap that a contact on `day` would break, given the customer's sorted days; null when none. */
export function brokenCap(days: readonly number[], day: number, caps: readonly Cap[]): Cap | null {
  const all = [...days];
  const at = insertionPoint(all, day);
  all.splice(at, 0, day);
  for (const cap of caps) {
    // Only the runs of max + 1 contacts that include the new one can newly break the cap.
    for (let i = Math.max(0, at - cap.max); i <= at && i + cap.max < all.length; i++) {
      if (all[i + cap.max]! - all[i]! < cap.windowDays) return cap;
    }
  }
  return null;
}

/**
 * Which proposed contacts to keep under the caps, given each customer's contacts already sent
 * or scheduled (`history`: customer → day numbers).
 */
export function applyCaps(proposals: readonly ProposedContact[], caps: readonly Cap[], history: ReadonlyMap<number, readonly number[]> = new Map()): CapDecision {
  for (const c of caps) {
    if (!(Number.isInteger(c.max) && c.max >= 0 && Number.isInteger(c.windowDays) && c.windowDays >= 1)) {
      throw new RangeError(`a cap needs a whole max ≥ 0 and a window of at least 1 day (got ${c.max} in ${c.windowDays})`);
    }
  }
  const order = proposals.map((_, i) => i).sort((a, b) => {
    const [p, q] = [proposals[a]!, proposals[b]!];
    return p.day - q.day || (q.priority ?? 0) - (p.priority ?? 0) || a - b;
  });
  const days = new Map<number, number[]>();
  const daysOf = (customer: number) => {
    let d = days.get(customer);
    if (!d) {
      d = [...(history.get(customer) ?? [])].sort((x, y) => x - y);
      days.set(customer, d);
    }
    return d;
  };
  const decision: CapDecision = { kept: [], dropped: [] };
  for (const index of order) {
    const p = proposals[index]!;
    const d = daysOf(p.customer);
    const cap = brokenCap(d, p.day, caps);
    if (cap) {
      decision.dropped.push({ index, cap });
    } else {
      d.splice(insertionPoint(d, p.day), 0, p.day);
      decision.kept.push(index);
    }
  }
  return decision;
}
