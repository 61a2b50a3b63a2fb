import { sql, type Kysely } from "kysely";
import { campaignEffect, type CampaignEffect } from "../../analytics/campaigns/uplift.ts";
import { microsText } from "../../domain/decimal.ts";
import type { Database } from "../../store/schema.ts";

/**
 * What the contacted customers and the control group bought in a campaign's measurement
 * window, and the campaign's effect (analytics/campaigns/uplift.ts). One definition for
 * campaigns, win-backs and contact plans:
 *
 * - **responded** (bought, i.e. retained): at least one sale line (not a return) dated in the window;
 * - **revenue**: the net amount of the window's lines, sales less returns, in the base currency;
 * - **margin**: net amount less cost over the lines whose cost is known (a line without a cost
 *   adds to neither), so it never guesses; null for both groups when no line in the window has
 *   a cost, and `marginCoverage` says which share of the revenue the margin covers.
 *
 * Only the groups' own lines are read, by customer (the order lines' key leads with the
 * customer), so a campaign of a few thousand customers does not scan the whole store. Sums
 * are exact in the store (bigint micro-units) and become numbers only for the statistics.
 */
type Db = Kysely<Database>;

export interface Window {
  /** First day, 'YYYY-MM-DD', inclusive. */
  from: string;
  /** Last day, inclusive. */
  to: string;
}

export interface GroupTotals {
  customers: number;
  purchasers: number;
  /** Net revenue of the group in the window, a decimal string (exact). */
  revenue: string;
  /** Margin of the costed lines, a decimal string; null when no line had a cost. */
  margin: string | null;
}

export interface MeasuredEffect extends CampaignEffect {
  window: Window;
  contactedTotals: GroupTotals;
  controlTotals: GroupTotals;
  /** Share of both groups' net revenue that comes from lines with a known cost (0–1); null without revenue. */
  marginCoverage: number | null;
}

interface Row {
  customer_id: number;
  bought: boolean;
  net: string;
  margin: string;
  costed: string;
  has_cost: boolean;
}

const CHUNK = 1000;
const MICRO = 1_000_000n;

async function rowsOf(db: Db, ids: readonly number[], w: Window): Promise<Map<number, Row>> {
  const out = new Map<number, Row>();
  for (let i = 0; i < ids.length; i += CHUNK) {
    const chunk = ids.slice(i, i + CHUNK);
    if (!chunk.length) continue;
    const r = await sql<Row>`
      select l.customer_id::float8 as customer_id,
        bool_or(not l.is_return) as bought,
        sum((l.base_amount * 1000000)::bigint)::text as net,
        coalesce(sum((l.base_amount * 1000000)::bigint - (l.base_cost * 1000000)::bigint) filter (where l.base_cost is not null), 0)::text as margin,
        coalesce(sum((l.base_amount * 1000000)::bigint) filter (where l.base_cost is not null), 0)::text as costed,
        bool_or(l.base_cost is not null) as has_cost
      from order_lines l
      where l.customer_id in (${sql.join(chunk)}) and l.order_date between ${w.from}::date and ${w.to}::date
      group by l.customer_id`.execute(db);
    for (const row of r.rows) out.set(Number(row.customer_id), row);
  }
  return out;
}


function group(ids: readonly number[], rows: Map<number, Row>, withMargin: boolean) {
  const revenue = new Float64Array(ids.length);
  const margin = new Float64Array(ids.length);
  let purchasers = 0;
  let net = 0n;
  let m = 0n;
  let costed = 0n;
  ids.forEach((id, i) => {
    const r = rows.get(id);
    if (!r) return;
    if (r.bought) purchasers++;
    const n = BigInt(r.net);
    const g = BigInt(r.margin);
    net += n;
    m += g;
    costed += BigInt(r.costed);
    revenue[i] = Number(n) / 1e6;
    margin[i] = Number(g) / 1e6;
  });
  return {
    outcome: { n: ids.length, responded: purchasers, revenue, ...(withMargin ? { margin } : {}) },
    totals: { customers: ids.length, purchasers, revenue: microsText(net), margin: withMargin ? microsText(m) : null } satisfies GroupTotals,
    net, costed,
  };
}

/** What every customer of a campaign bought in its window, read once for the whole campaign and each of its tiers. */
export interface WindowOutcomes {
  window: Window;
  rows: Map<number, Row>;
  /** Whether any line in the window has a cost: margins are compared only then. */
  withMargin: boolean;
}

/** Reads what `ids` bought in the window (their own order lines only). */
export async function readOutcomes(db: Db, ids: readonly number[], w: Window): Promise<WindowOutcomes> {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(w.from) || !/^\d{4}-\d{2}-\d{2}$/.test(w.to)) throw new RangeError(`measureEffect: the window needs two dates YYYY-MM-DD (got ${w.from} … ${w.to})`);
  if (w.to < w.from) throw new RangeError(`measureEffect: the window ends (${w.to}) before it starts (${w.from})`);
  const rows = await rowsOf(db, ids, w);
  return { window: w, rows, withMargin: [...rows.values()].some((r) => r.has_cost) };
}

/**
 * The effect of contacting `contacted` rather than leaving them alone like `control`, from
 * outcomes read for (at least) both groups, with `cost` (a decimal string in the base
 * currency) for the return on it. A customer listed in both groups is refused: the groups
 * come from one random assignment.
 */
export function effectOf(o: WindowOutcomes, contacted: readonly number[], control: readonly number[], cost: string): MeasuredEffect {
  const inControl = new Set(control);
  const both = contacted.find((id) => inControl.has(id));
  if (both !== undefined) throw new RangeError(`measureEffect: customer ${both} is in both groups`);
  const t = group(contacted, o.rows, o.withMargin);
  const c = group(control, o.rows, o.withMargin);
  const effect = campaignEffect(t.outcome, c.outcome, Number(cost));
  const net = t.net + c.net;
  return {
    ...effect, window: o.window, contactedTotals: t.totals, controlTotals: c.totals,
    marginCoverage: o.withMargin && net !== 0n ? Number(((t.costed + c.costed) * MICRO) / net) / 1e6 : null,
  };
}

/** readOutcomes of both groups, then effectOf: for one comparison. */
export async function measureEffect(db: Db, contacted: readonly number[], control: readonly number[], w: Window, cost: string): Promise<MeasuredEffect> {
  const inControl = new Set(control);
  const both = contacted.find((id) => inControl.has(id));
  if (both !== undefined) throw new RangeError(`measureEffect: customer ${both} is in both groups`);
  return effectOf(await readOutcomes(db, [...contacted, ...control], w), contacted, control, cost);
}
