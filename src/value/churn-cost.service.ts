import type { Kysely } from "kysely";
import { churnCost, retentionSensitivity, type ChurnCost, type ChurnCostInput, type RetentionSensitivity } from "../analytics/value/churn-cost.ts";
import { measureChurnInputs, type ChurnMeasures } from "../analytics/value/churn-inputs.ts";
import { decMul } from "../domain/decimal.ts";
import { RetainError } from "../errors.ts";
import { customerMonths } from "../store/cohorts.repository.ts";
import type { Database } from "../store/schema.ts";
import { periodMonths, reportMonth } from "./cohorts.service.ts";

/** The calculator's inputs, in the order the formula multiplies them. */
export const CHURN_INPUTS = ["lostCustomers", "ordersPerMonth", "orderValue", "marginRate", "fxRate", "months"] as const;
export type ChurnInputName = (typeof CHURN_INPUTS)[number];

export interface ChurnCostOptions extends Partial<Record<ChurnInputName, string>> {
  /** YYYY-MM-DD; default: the end of the last complete month in the business's time zone. */
  asOf?: string;
  /** The measuring period in months (default 12): this period ends with the as-of month, the previous one comes just before. */
  period?: number;
  /** The sensitivity: the churn rate (default: measured), how much lower (default 0.05) and the discount rate (default 0.1), per period. */
  churnRate?: number;
  reduction?: number;
  discountRate?: number;
}

/** Where an input's value comes from: the store, the caller, or the calculator's default. */
export type InputSource = "measured" | "given" | "default";

export interface ChurnCostReport {
  currency: string;
  asOf: string;
  month: string;
  period: ChurnMeasures["period"];
  measured: Omit<ChurnMeasures, "period" | "ordersPerMonth" | "orderValue" | "marginRate">;
  inputs: Record<ChurnInputName, { value: string | null; measured: string | null; source: InputSource }>;
  /** Inputs without a value (nothing measured, nothing given): the cost needs them. */
  missing: ChurnInputName[];
  churnCost: ChurnCost | null;
  /** The product written out with the numbers: "7 × 10 × 150 × 0.2 × 6.3 × 12 = 158760.000". */
  formula: string | null;
  sensitivity: (RetentionSensitivity & { churnRate: number; churnSource: InputSource; reduction: number; discountRate: number; marginPerPeriod: string }) | null;
  /** Why there is no sensitivity: no churn to lower, a reduction not below the churn rate, or no margin per period. */
  sensitivityIssue: "noChurn" | "reductionTooLarge" | "missingInputs" | null;
}

export const DEFAULTS = { months: "12", fxRate: "1", reduction: 0.05, discountRate: 0.1 } as const;

const UNSIGNED = /^\d{1,12}(\.\d{1,8})?$/;
const SIGNED = /^-?\d{1,12}(\.\d{1,8})?$/;
/** Inputs that can be below zero: an order value or a margin after returns and costs. */
const SIGNED_INPUTS: ReadonlySet<ChurnInputName> = new Set(["orderValue", "marginRate"]);

function checkInput(name: ChurnInputName, v: string): string {
  const ok = (SIGNED_INPUTS.has(name) ? SIGNED : UNSIGNED).test(v) && !(name === "fxRate" && /^[0.]+$/.test(v));
  if (!ok) {
    const what = SIGNED_INPUTS.has(name) ? "a decimal number" : name === "fxRate" ? "a decimal number above 0" : "a decimal number, 0 or more";
    throw new RetainError("BAD_INPUT", `${name} ${v}: give ${what}, such as 12.5 (at most 12 digits before the point and 8 after).`, { field: name });
  }
  return v;
}

function checkRate(name: string, v: number | undefined, ok: (x: number) => boolean, what: string): number | undefined {
  if (v !== undefined && !(Number.isFinite(v) && ok(v))) throw new RetainError("BAD_INPUT", `${name} ${v}: give ${what}.`, { field: name });
  return v;
}

/**
 * The churn-cost calculator over the store's own figures (docs/value.md, "The cost of
 * churn"): the inputs measured as of a date, each replaced by the caller's value where
 * given, the cost worked out step by step, and what a lower churn rate would add.
 */
export async function buildChurnCost(db: Kysely<Database>, o: ChurnCostOptions = {}): Promise<ChurnCostReport> {
  const period = periodMonths(o.period, "period");
  const given = Object.fromEntries(CHURN_INPUTS.filter((n) => o[n] !== undefined).map((n) => [n, checkInput(n, o[n]!)])) as Partial<Record<ChurnInputName, string>>;
  checkRate("churnRate", o.churnRate, (x) => x > 0 && x <= 1, "a share above 0 and at most 1 (0.2 for 20%)");
  const reduction = checkRate("reduction", o.reduction, (x) => x >= 0 && x < 1, "a share from 0 to below 1 (0.05 for 5 points)") ?? DEFAULTS.reduction;
  const discountRate = checkRate("discountRate", o.discountRate, (x) => x >= 0 && x <= 10, "a rate from 0 to 10 (0.1 for 10%)") ?? DEFAULTS.discountRate;

  const { currency, asOf, month } = await reportMonth(db, o.asOf);
  const m = measureChurnInputs(await customerMonths(db, month), month, period);
  const measuredValue: Record<ChurnInputName, string | null> = {
    lostCustomers: String(m.lost), ordersPerMonth: m.ordersPerMonth, orderValue: m.orderValue, marginRate: m.marginRate, fxRate: null, months: null,
  };
  const defaults: Partial<Record<ChurnInputName, string>> = { fxRate: DEFAULTS.fxRate, months: DEFAULTS.months };
  const inputs = Object.fromEntries(CHURN_INPUTS.map((n) => {
    const value = given[n] ?? measuredValue[n] ?? defaults[n] ?? null;
    const source: InputSource = given[n] !== undefined ? "given" : measuredValue[n] !== null ? "measured" : "default";
    return [n, { value, measured: measuredValue[n], source }];
  })) as ChurnCostReport["inputs"];
  const missing = CHURN_INPUTS.filter((n) => inputs[n].value === null);
  const input = missing.length ? null : (Object.fromEntries(CHURN_INPUTS.map((n) => [n, inputs[n].value!])) as unknown as Required<ChurnCostInput>);
  const cost = input ? churnCost(input) : null;

  const measured: ChurnCostReport["measured"] = {
    previousCustomers: m.previousCustomers, retained: m.retained, lost: m.lost, churnRate: m.churnRate, basis: m.basis,
    customers: m.customers, orders: m.orders, netSales: m.netSales, costedNetSales: m.costedNetSales, cost: m.cost, costedShare: m.costedShare,
  };
  return {
    currency, asOf, month, period: m.period, measured, inputs, missing,
    churnCost: cost,
    formula: input && cost ? `${CHURN_INPUTS.map((n) => input[n]).join(" × ")} = ${cost.total}` : null,
    ...sensitivity(input, period, o.churnRate ?? m.churnRate, o.churnRate !== undefined ? "given" : "measured", reduction, discountRate),
  };
}

/** Gupta & Lehmann's lifetime margin before and after the lower churn, for a customer buying like the inputs say. */
function sensitivity(input: Required<ChurnCostInput> | null, period: number, churnRate: number | null, churnSource: InputSource, reduction: number, discountRate: number): Pick<ChurnCostReport, "sensitivity" | "sensitivityIssue"> {
  if (!churnRate) return { sensitivity: null, sensitivityIssue: "noChurn" };
  if (reduction >= churnRate) return { sensitivity: null, sensitivityIssue: "reductionTooLarge" };
  if (!input) return { sensitivity: null, sensitivityIssue: "missingInputs" };
  // The churn rate is per period, so the margin is too: a customer's margin over one period.
  const marginPerPeriod = [input.orderValue, input.marginRate, input.fxRate, String(period)].reduce(decMul, input.ordersPerMonth);
  const s = retentionSensitivity({ churnRate, reduction, marginPerPeriod: Number(marginPerPeriod), discountRate });
  return { sensitivity: { churnRate, churnSource, reduction, discountRate, marginPerPeriod, ...s }, sensitivityIssue: null };
}
