import { sql, type Kysely } from "kysely";
import { dayText } from "../../domain/days.ts";
import { sumMoney } from "../../domain/complaints/money.ts";
import { decDivInt } from "../../domain/decimal.ts";
import type { ComplaintCase } from "../../domain/complaints/types.ts";
import type { Database } from "../../store/schema.ts";
import { caseClock, legacyClock, slaClock, type ClockInput } from "./complaint-sla.ts";
import type { ComplaintSettings, Severity } from "./complaint-settings.ts";

/**
 * SLA attainment and recovery cost of the complaints opened in a period (docs/complaints.md,
 * "Service levels and recovery cost"). Each clock is read as it stood at the end of the
 * as-of day: one stopped in time is met, one stopped late missed, one still running past its
 * target breached (late already, whatever happens next). Attainment = met ÷ (met + missed +
 * breached): clocks still within their target are not decided yet, and an imported
 * complaint's first response, never recorded, is unknown.
 */
export interface ClockCounts {
  met: number;
  missed: number;
  breached: number;
  /** Running, in warning or paused, within the target. */
  running: number;
  /** Not known: an imported complaint without a recovery history has no record of its first response. */
  unknown: number;
  attainment: number | null;
}

export interface ServiceLevels {
  /** The instant the clocks were read at: the end of the as-of day in the business's time zone. */
  at: string;
  complaints: number;
  firstResponse: ClockCounts;
  resolution: ClockCounts;
  bySeverity: Array<{ severity: Severity; complaints: number; firstResponse: ClockCounts; resolution: ClockCounts }>;
}

export interface RecoveryCost {
  /** Complaints recovered in retain (with a recovery case) among those of the period. */
  cases: number;
  /** Of those, how many gave compensation, and its total cost (decimal string, base currency). */
  compensated: number;
  total: string;
  /** total ÷ compensated, to the cent; null without any. */
  meanPerCompensated: string | null;
  byKind: Array<{ kind: string; items: number; total: string }>;
  byCategory: Array<{ key: string | null; cases: number; compensated: number; total: string }>;
}

type Row = { opened_at: Date; severity: Severity; status: string; resolved_at: Date | null; recovery: unknown; category: string | null; channel: string; tier: string | null };

const empty = (): ClockCounts => ({ met: 0, missed: 0, breached: 0, running: 0, unknown: 0, attainment: null });
const SEVERITY_ORDER: Severity[] = ["critical", "high", "normal", "low"];

export async function serviceLevelsAndCost(
  db: Kysely<Database>, o: { from: number; to: number; timezone: string; settings: ComplaintSettings },
): Promise<{ serviceLevels: ServiceLevels; recoveryCost: RecoveryCost }> {
  const start = sql<Date>`(${dayText(o.from)}::date::timestamp at time zone ${o.timezone})`;
  const end = sql<Date>`(${dayText(o.to + 1)}::date::timestamp at time zone ${o.timezone})`;
  const rows = (await sql<Row & { end_at: Date }>`select c.opened_at, c.severity, c.status, c.resolved_at, c.recovery, c.category, c.channel, ${end} as end_at,
      (select s.tier from customer_segments s where s.customer_id = c.customer_id and s.as_of = (select max(as_of) from segment_snapshots)) as tier
    from complaints c where c.opened_at >= ${start} and c.opened_at < ${end} order by c.opened_at, c.complaint_id`.execute(db)).rows;
  const at = rows[0]?.end_at ?? (await sql<{ end_at: Date }>`select ${end} as end_at`.execute(db)).rows[0]!.end_at;
  const now = new Date(at);
  const clock = slaClock(o.settings, now);
  // what was known at the end of the as-of day: a later response or closing had not happened yet
  const by = (v: string | Date | null) => (v === null || new Date(v).getTime() > now.getTime() ? null : v);

  const total = { firstResponse: empty(), resolution: empty() };
  const perSeverity = new Map<Severity, { complaints: number; firstResponse: ClockCounts; resolution: ClockCounts }>();
  const kinds = new Map<string, { items: number; amounts: string[] }>();
  const categories = new Map<string | null, { cases: number; compensated: number; amounts: string[] }>();
  let cases = 0;
  let compensated = 0;
  const amounts: string[] = [];

  for (const r of rows) {
    const c = r.recovery as ComplaintCase | null;
    const input: ClockInput = c ? caseClock(c, r.opened_at, r.severity) : legacyClock(r.opened_at, r.severity, r.status, r.resolved_at);
    const v = clock.views({ ...input, channel: r.channel, tier: r.tier, firstResponseAt: by(input.firstResponseAt), closedAt: by(input.closedAt), pauses: input.pauses.filter((p) => new Date(p.from) <= now) });
    const sev = perSeverity.get(r.severity) ?? { complaints: 0, firstResponse: empty(), resolution: empty() };
    perSeverity.set(r.severity, sev);
    sev.complaints++;
    for (const [k, s] of [["firstResponse", v.firstResponse.state], ["resolution", v.resolution.state]] as const) {
      const bucket = k === "firstResponse" && !c ? "unknown" : s === "met" ? "met" : s === "missed" ? "missed" : s === "breached" ? "breached" : "running";
      total[k][bucket]++;
      sev[k][bucket]++;
    }
    if (!c) continue;
    cases++;
    const cat = categories.get(r.category) ?? { cases: 0, compensated: 0, amounts: [] };
    categories.set(r.category, cat);
    cat.cases++;
    const given = c.rounds.flatMap((round) => (round.compensation ? [round.compensation] : []));
    if (!given.length) continue;
    compensated++;
    cat.compensated++;
    for (const g of given) {
      amounts.push(g.total);
      cat.amounts.push(g.total);
      for (const item of g.items) {
        const k = kinds.get(item.kind) ?? { items: 0, amounts: [] };
        kinds.set(item.kind, k);
        k.items++;
        k.amounts.push(item.cost);
      }
    }
  }
  const attain = (x: ClockCounts): ClockCounts => ({ ...x, attainment: x.met + x.missed + x.breached ? x.met / (x.met + x.missed + x.breached) : null });
  const sum = sumMoney(amounts);
  return {
    serviceLevels: {
      at: now.toISOString(),
      complaints: rows.length,
      firstResponse: attain(total.firstResponse),
      resolution: attain(total.resolution),
      bySeverity: SEVERITY_ORDER.filter((s) => perSeverity.has(s)).map((s) => {
        const x = perSeverity.get(s)!;
        return { severity: s, complaints: x.complaints, firstResponse: attain(x.firstResponse), resolution: attain(x.resolution) };
      }),
    },
    recoveryCost: {
      cases, compensated, total: sum, meanPerCompensated: compensated ? decDivInt(sum, compensated, 2) : null,
      byKind: [...kinds].map(([kind, k]) => ({ kind, items: k.items, total: sumMoney(k.amounts) })).sort((a, b) => Number(b.total) - Number(a.total) || a.kind.localeCompare(b.kind)),
      byCategory: [...categories].map(([key, x]) => ({ key, cases: x.cases, compensated: x.compensated, total: sumMoney(x.amounts) }))
        .sort((a, b) => Number(b.total) - Number(a.total) || b.cases - a.cases),
    },
  };
}
