import { sql, type Kysely, type RawBuilder } from "kysely";
import { z } from "zod";
import { LOYALTY_CLASSES } from "../../analytics/value/segments.ts";
import { PYRAMID_TIERS } from "../../analytics/value/ranking.ts";
import { badInput } from "../../errors.ts";
import type { CustomerState, Database } from "../../store/schema.ts";

/**
 * Who a campaign is for (docs/campaigns.md, "Audience"): a win-back of churned and at-risk
 * customers, a segment of the latest snapshot, or chosen customers. Resolved once, when the
 * campaign starts, into the live customers (not merged away, not erased) with their stratum —
 * the pyramid tier of the latest segment snapshot, "none" without one — by which the control
 * group is drawn.
 */
type Db = Kysely<Database>;

const STATES = ["potential", "target", "current", "churned", "non_customer"] as const satisfies readonly CustomerState[];
const Tiers = z.array(z.enum(PYRAMID_TIERS)).min(1).max(4);

export const AudienceSchema = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("winback"),
    loyalty: z.array(z.enum(["churned", "marginal"])).min(1).max(2).default(["churned", "marginal"])
      .describe("loyalty classes of the latest segment snapshot that count as lost or at risk"),
    minChurnProbability: z.number().min(0.01).max(1).default(0.5).describe("or a churn probability of the latest prediction run at least this"),
    tiers: Tiers.optional(),
  }),
  z.object({
    kind: z.literal("segment"),
    tiers: Tiers.optional(),
    loyalty: z.array(z.enum(LOYALTY_CLASSES)).min(1).max(4).optional(),
    rfm8: z.array(z.string().trim().min(1).max(60)).min(1).max(8).optional(),
    states: z.array(z.enum(STATES)).min(1).max(5).optional(),
  }),
  z.object({ kind: z.literal("customers"), ids: z.array(z.number().int().positive()).min(1).max(100_000) }),
]);
export type AudienceSpec = z.output<typeof AudienceSchema>;
export type AudienceInput = z.input<typeof AudienceSchema>;

/** A stratum: a pyramid tier, or "none" for a customer outside the latest snapshot. */
export type Stratum = (typeof PYRAMID_TIERS)[number] | "none";
export const STRATA: readonly Stratum[] = [...PYRAMID_TIERS, "none"];

/** Which analyses an audience was read from, and when they were computed. */
export interface AudienceSources {
  snapshot: { asOf: string; createdAt: string } | null;
  modelRun: { runId: number; asOf: string; createdAt: string } | null;
}

export interface Audience {
  members: Array<{ customerId: number; stratum: Stratum }>;
  sources: AudienceSources;
}

const iso = (d: unknown) => new Date(d as string).toISOString();

/**
 * The latest segment snapshot and the latest prediction run, when there are any; with
 * `asOf`, the latest as of that day, so a campaign started on a past day does not choose its
 * audience by what happened after it.
 */
export async function latestSources(db: Db, asOf?: string): Promise<AudienceSources> {
  const by = asOf === undefined ? sql`` : sql`where as_of <= ${asOf}::date`;
  const s = await sql<{ as_of: string; created_at: Date }>`select to_char(as_of, 'YYYY-MM-DD') as as_of, created_at
    from segment_snapshots ${by} order by as_of desc limit 1`.execute(db);
  const m = await sql<{ run_id: number; as_of: string; created_at: Date }>`select run_id::float8 as run_id, to_char(as_of, 'YYYY-MM-DD') as as_of, created_at
    from model_runs ${by} order by as_of desc, run_id desc limit 1`.execute(db);
  const [snap, run] = [s.rows[0], m.rows[0]];
  return {
    snapshot: snap ? { asOf: snap.as_of, createdAt: iso(snap.created_at) } : null,
    modelRun: run ? { runId: Number(run.run_id), asOf: run.as_of, createdAt: iso(run.created_at) } : null,
  };
}

const inList = (column: RawBuilder<unknown>, values: readonly (string | number)[]) => sql`${column} in (${sql.join(values.map((v) => sql`${v}`))})`;

/** The spec's customers, live ones only, each once, by id; read from the analyses as of `asOf` (default: the latest). */
export async function resolveAudience(db: Db, input: AudienceInput | AudienceSpec, asOf?: string): Promise<Audience> {
  const parsed = AudienceSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw badInput(["audience", ...issue.path].join("."), issue.message);
  }
  const spec = parsed.data;
  const sources = await latestSources(db, asOf);
  const snapAsOf = sources.snapshot?.asOf ?? null;
  const seg = sql.ref("s.tier");
  const filters: RawBuilder<unknown>[] = [sql`c.merged_into is null`, sql`c.erased_at is null`];
  let usedRun: number | null = null;

  if (spec.kind === "winback") {
    if (!sources.snapshot && !sources.modelRun) {
      throw badInput("audience.kind", "a win-back needs the loyalty classes of a segment snapshot or the churn scores of a prediction run, and there are neither yet",
        "Save a segment snapshot (Segments) or run the predictions (Predictions) first.");
    }
    const either: RawBuilder<unknown>[] = [];
    if (sources.snapshot) either.push(inList(sql.ref("s.loyalty"), spec.loyalty));
    if (sources.modelRun) {
      usedRun = sources.modelRun.runId;
      either.push(sql`sc.churn_probability >= ${spec.minChurnProbability}`);
    }
    filters.push(sql`(${sql.join(either, sql` or `)})`);
    // prospects never bought: there is nothing to win back
    filters.push(sql`c.state not in ('potential', 'target')`);
    if (spec.tiers) filters.push(inList(seg, spec.tiers));
  } else if (spec.kind === "segment") {
    const needsSnapshot = (["tiers", "loyalty", "rfm8"] as const).find((k) => spec[k]);
    if (needsSnapshot && !sources.snapshot) {
      throw badInput(`audience.${needsSnapshot}`, "there is no segment snapshot to read it from", "Save a segment snapshot (Segments) first.");
    }
    if (spec.tiers) filters.push(inList(seg, spec.tiers));
    if (spec.loyalty) filters.push(inList(sql.ref("s.loyalty"), spec.loyalty));
    if (spec.rfm8) filters.push(inList(sql.ref("s.rfm8_segment"), spec.rfm8));
    if (spec.states) filters.push(inList(sql.ref("c.state"), spec.states));
  } else {
    filters.push(inList(sql.ref("c.customer_id"), [...new Set(spec.ids)]));
  }

  const rows = await sql<{ id: number; stratum: string | null }>`
    select c.customer_id::float8 as id, s.tier as stratum
    from customers c
    left join customer_segments s on s.customer_id = c.customer_id and s.as_of = ${snapAsOf}::date
    ${usedRun === null ? sql`` : sql`left join customer_scores sc on sc.customer_id = c.customer_id and sc.run_id = ${usedRun}`}
    where ${sql.join(filters, sql` and `)}
    order by c.customer_id`.execute(db);
  const members = rows.rows.map((r) => ({
    customerId: Number(r.id),
    stratum: (STRATA as readonly string[]).includes(r.stratum ?? "") ? (r.stratum as Stratum) : "none",
  }));
  // the strata always come from the snapshot; the churn scores only count for a win-back
  return { members, sources: { snapshot: sources.snapshot, modelRun: usedRun === null ? null : sources.modelRun } };
}

/** How many of an audience fall in each stratum, every stratum listed. */
export function countByStratum(members: Audience["members"]): Record<Stratum, number> {
  const out = Object.fromEntries(STRATA.map((s) => [s, 0])) as Record<Stratum, number>;
  for (const m of members) out[m.stratum]++;
  return out;
}

/** The audience's size per stratum, before a campaign starts. */
export async function previewAudience(db: Db, input: AudienceInput): Promise<{ total: number; byStratum: Record<Stratum, number>; sources: AudienceSources }> {
  const a = await resolveAudience(db, input);
  return { total: a.members.length, byStratum: countByStratum(a.members), sources: a.sources };
}
