import { randomInt } from "node:crypto";
import { sql, type Kysely } from "kysely";
import { planBudget } from "../../analytics/campaigns/tiered-plan.ts";
import { recordChange, type Actor } from "../../audit/audit.repository.ts";
import { decDivInt } from "../../domain/decimal.ts";
import { RetainError } from "../../errors.ts";
import type { Database } from "../../store/schema.ts";
import { inTransaction } from "../../store/transaction.ts";
import { parsePlan, quarterOf, type EmailTemplate, type PlanCap, type PlanDefinition, type PlanInput, type PlanPatch, type PlanTierDef } from "./plan-definition.ts";
import { microsText } from "../../domain/decimal.ts";
import { assignTiers, centsText, referencePeriod } from "./plan-tiers.ts";

/**
 * Tiered contact plans (DOMAIN §5, docs/contact-plans.md): create and change a draft, and the
 * plan's view — per tier its customers, their sales over the 12 months before the quarter,
 * the budget and what it comes to per customer, against the tier's share of sales.
 */
type Db = Kysely<Database>;

export type PlanStatus = "draft" | "generated" | "archived";

export interface PlanOut extends PlanDefinition {
  id: number;
  quarterEnd: string;
  seed: number;
  status: PlanStatus;
  generatedAt: string | null;
  createdAt: string;
  updatedAt: string;
  /** The campaign row that holds the plan's members once generated. */
  campaignId: number | null;
}

export interface PlanLine {
  key: string;
  label: string | null;
  customerShare: string;
  customers: number;
  /** Net sales over the reference period, to the cent. */
  sales: string;
  salesShare: number | null;
  budget: string;
  budgetShare: number;
  budgetPerCustomer: string | null;
  intensity: number | null;
  contactsPerQuarter: number;
  contactTypes: PlanTierDef["contactTypes"];
}

export interface PlanView extends PlanOut {
  reference: { from: string; to: string };
  lines: PlanLine[];
  totals: { customers: number; sales: string; budget: string; budgetPerCustomer: string | null; contacts: number };
}

type PlanRow = {
  plan_id: number; name: string; quarter_start: string; budget: string; tiers: unknown; caps: unknown; control_share: string; seed: number; emails: unknown;
  status: PlanStatus; generated_at: Date | null; created_at: Date; updated_at: Date; campaign_id: number | null;
};

/** "0.100000" → "0.1", "0.000000" → "0": shares read back as they were written. */
const trimShare = (s: string): string => s.replace(/(\.\d*?)0+$/, "$1").replace(/\.$/, "");

const planOut = (r: PlanRow): PlanOut => ({
  id: Number(r.plan_id), name: r.name, quarterStart: r.quarter_start, quarterEnd: quarterOf(r.quarter_start).end,
  budget: decDivInt(r.budget, 1, 2), tiers: r.tiers as PlanTierDef[], caps: r.caps as PlanCap[], controlShare: trimShare(r.control_share),
  emails: (r.emails ?? {}) as Record<string, EmailTemplate>,
  seed: r.seed, status: r.status, generatedAt: r.generated_at ? new Date(r.generated_at).toISOString() : null,
  createdAt: new Date(r.created_at).toISOString(), updatedAt: new Date(r.updated_at).toISOString(),
  campaignId: r.campaign_id === null ? null : Number(r.campaign_id),
});

async function planRows(db: Db, id?: number, lock = false): Promise<PlanRow[]> {
  const r = await sql<PlanRow>`select p.plan_id::float8 as plan_id, p.name, p.quarter_start, p.budget::text as budget, p.tiers, p.caps,
      p.control_share::text as control_share, p.seed, p.emails, p.status, p.generated_at, p.created_at, p.updated_at,
      (select min(c.campaign_id)::float8 from campaigns c where c.plan_id = p.plan_id and c.kind = 'plan') as campaign_id
    from contact_plans p ${id === undefined ? sql`where p.status <> 'archived'` : sql`where p.plan_id = ${id}`}
    order by p.quarter_start desc, p.plan_id desc ${lock ? sql`for update of p` : sql``}`.execute(db);
  return r.rows;
}

export async function listPlans(db: Db): Promise<PlanOut[]> {
  return (await planRows(db)).map(planOut);
}

/** One plan; `lock` holds its row until the transaction ends (generation, changes). */
export async function getPlan(db: Db, id: number, lock = false): Promise<PlanOut> {
  const [row] = await planRows(db, id, lock);
  if (!row) throw new RetainError("NOT_FOUND", `No contact plan with id ${id}.`, { field: "id" });
  return planOut(row);
}

const definitionOf = (p: PlanOut): PlanDefinition => ({
  name: p.name, quarterStart: p.quarterStart, budget: p.budget, tiers: p.tiers, caps: p.caps, controlShare: p.controlShare, emails: p.emails,
});

export async function createPlan(db: Db, input: PlanInput, actor: Actor, seed: number = randomInt(1, 2 ** 31 - 1)): Promise<PlanOut> {
  const p = parsePlan(input);
  return inTransaction(db, async (trx) => {
    const row = await trx.insertInto("contact_plans").values({
      name: p.name, quarter_start: p.quarterStart, budget: p.budget, tiers: JSON.stringify(p.tiers), caps: JSON.stringify(p.caps),
      control_share: p.controlShare, seed, emails: JSON.stringify(p.emails), created_by: actor.userId,
    }).returning(sql<number>`plan_id::float8`.as("id")).executeTakeFirstOrThrow();
    const created = await getPlan(trx, row.id);
    await recordChange(trx, actor, { action: "plan.created", entityType: "contact_plan", entityId: row.id, after: created });
    return created;
  });
}

/** Changes a draft plan; a generated plan's tasks exist, so it stays as it was generated. */
export async function updatePlan(db: Db, id: number, patch: PlanPatch, actor: Actor): Promise<PlanOut> {
  return inTransaction(db, async (trx) => {
    const before = await getPlan(trx, id, true);
    if (before.status !== "draft") {
      throw new RetainError("CONFLICT", `The plan "${before.name}" is ${before.status}; only a draft can change.`, { field: "status", hint: "Make a new plan for another quarter or other tiers." });
    }
    const p = parsePlan({ ...definitionOf(before), ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) });
    await trx.updateTable("contact_plans").set({
      name: p.name, quarter_start: p.quarterStart, budget: p.budget, tiers: JSON.stringify(p.tiers), caps: JSON.stringify(p.caps),
      control_share: p.controlShare, emails: JSON.stringify(p.emails), updated_at: sql<Date>`now()`,
    }).where("plan_id", "=", id).execute();
    const after = await getPlan(trx, id);
    await recordChange(trx, actor, { action: "plan.updated", entityType: "contact_plan", entityId: id, before, after });
    return after;
  });
}

/**
 * Per tier: customers and their net sales over the reference period (micro-units). A
 * generated plan reads its members as fixed at generation; a draft cuts the customers now.
 */
export async function tierActuals(db: Db, plan: PlanOut, window: { from: string; to: string }): Promise<Array<{ customers: number; net: bigint }>> {
  if (plan.campaignId === null) {
    if (window.from !== referencePeriod(plan.quarterStart).from) throw new RangeError("a draft plan's tiers are cut on its reference period only");
    return (await assignTiers(db, plan.quarterStart, plan.tiers.map((t) => t.customerShare))).perTier;
  }
  const r = await sql<{ stratum: string; n: number; net: string }>`
    select m.stratum, count(*)::int as n, coalesce(sum(s.net), 0)::text as net
    from campaign_members m
    left join (
      select customer_id, sum(sales - returns) as net from customer_month_aggregates
      where month >= ${window.from}::date and month <= ${window.to}::date group by customer_id
    ) s on s.customer_id = m.customer_id
    where m.campaign_id = ${plan.campaignId} group by m.stratum`.execute(db);
  const by = new Map(r.rows.map((x) => [x.stratum, x]));
  return plan.tiers.map((t) => ({ customers: by.get(t.key)?.n ?? 0, net: BigInt(by.get(t.key)?.net ?? "0") }));
}

/** The plan's lines: tiers with their budget and sales (planBudget) and totals. */
export function planLines(plan: PlanOut, actuals: ReadonlyArray<{ customers: number; net: bigint }>): Pick<PlanView, "lines" | "totals"> {
  const budgetLines = planBudget(plan.budget, plan.tiers, plan.tiers.map((t, i) => ({ key: t.key, customers: actuals[i]!.customers, sales: microsText(actuals[i]!.net) })));
  const lines = plan.tiers.map((t, i): PlanLine => {
    const b = budgetLines[i]!;
    return {
      key: t.key, label: t.label, customerShare: t.customerShare, customers: b.customers, sales: centsText(actuals[i]!.net), salesShare: b.salesShare,
      budget: b.budget, budgetShare: b.budgetShare, budgetPerCustomer: b.budgetPerCustomer, intensity: b.intensity,
      contactsPerQuarter: t.contactsPerQuarter, contactTypes: t.contactTypes,
    };
  });
  const customers = lines.reduce((s, l) => s + l.customers, 0);
  return {
    lines,
    totals: {
      customers, sales: centsText(actuals.reduce((s, a) => s + a.net, 0n)), budget: plan.budget,
      budgetPerCustomer: customers > 0 ? decDivInt(plan.budget, customers, 2) : null,
      contacts: lines.reduce((s, l) => s + l.customers * l.contactsPerQuarter, 0),
    },
  };
}

/** The plan with its tiers' customers, sales and budget (the spend-versus-sales table). */
export async function viewPlan(db: Db, id: number): Promise<PlanView> {
  const plan = await getPlan(db, id);
  const reference = referencePeriod(plan.quarterStart);
  return { ...plan, reference, ...planLines(plan, await tierActuals(db, plan, reference)) };
}
