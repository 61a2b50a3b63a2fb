import type { Kysely } from "kysely";
import {
  checkInputs, defaultProgrammes, SENSITIVITY_INPUTS, SensitivityInputError, sensitivity, SHARE_PLACES,
  type Programme, type SensitivityInputName, type SensitivityResult,
} from "../../analytics/complaints/sensitivity.ts";
import type { GroupFigures, RepurchaseGroup } from "../../analytics/complaints/repurchase.ts";
import { quotientText } from "../../analytics/value/churn-inputs.ts";
import { addMonths, dayNumber, dayText } from "../../domain/days.ts";
import { decSign, decSub } from "../../domain/decimal.ts";
import { RetainError } from "../../errors.ts";
import type { Database } from "../../store/schema.ts";
import { getSettings } from "../../store/settings.repository.ts";
import { buildComplaintAnalysis, type ComplaintAnalysis, type ComplaintAnalysisOptions } from "./complaint-analysis.service.ts";
import { periodBuyers } from "./sensitivity.repository.ts";

/**
 * c, the share of customers with a problem who complain, when the user gives none: TARP
 * found 5–30% for quality, mistreatment and incompetence problems (Goodman, "Basic Facts on
 * Customer Complaint Behavior"); a quarter sits toward the top because a business using this
 * system records complaints from every channel, not only those reaching head office.
 */
export const DEFAULT_COMPLAIN_SHARE = "0.25";

export interface ComplaintSensitivityOptions extends ComplaintAnalysisOptions {
  /** Inputs the caller sets, replacing the measured or assumed ones (decimal text). */
  inputs?: Partial<Record<SensitivityInputName, string>>;
}

/**
 * Where an input's value comes from: measured from the store, derived from measures and the
 * complaint share (p = q ÷ c), assumed (c, r_silent), or given by the caller.
 */
export type InputSource = "measured" | "derived" | "assumed" | "given";

type Range = { from: string; to: string };

export interface ComplaintSensitivity {
  currency: string;
  asOf: string;
  windowDays: number;
  /** The period the customers and complaints are read in, and the one before it (for the sales per customer). */
  period: Range & { months: number };
  previousPeriod: Range;
  measured: {
    /** Customers with a purchase in the period: N. */
    customers: number;
    /** … of whom opened a complaint in the period, and that share q (4 places). */
    complained: number;
    complainedShare: string | null;
    /** q ÷ c was above 1: p is 1, and c is too low for these figures. */
    problemShareCapped: boolean;
    /** The repurchase comparison's groups (complaint analysis), as counted there. */
    groups: ComplaintAnalysis["repurchase"]["groups"];
    complainersOpened: Range | null;
    noComplaintBought: Range;
    noComplaintRepurchase: Range;
    /** Buyers of the period who bought in the previous one too, and their net sales in the period. */
    retained: number;
    retainedNetSales: string;
    /** All the period's buyers' net sales. */
    netSales: string;
    /** Whose mean the sales per customer is: the retained; all buyers when none was retained; none. */
    salesBasis: "retained" | "buyers" | "none";
  };
  inputs: Record<SensitivityInputName, { value: string | null; source: InputSource; basis: string }>;
  /** Inputs without a value (nothing to measure, nothing given): the model needs them. */
  missing: SensitivityInputName[];
  /** Seed 000's programmes A and B made from these inputs (defaultProgrammes); none while inputs are missing. */
  programmes: Programme[];
  result: SensitivityResult | null;
}

const micros = (m: bigint): string => quotientText(m, 1_000_000n, 6);
const pct = (x: string | null): string => (x === null ? "—" : `${(Number(x) * 100).toFixed(2).replace(/\.?0+$/, "")}%`);

/** a ÷ b for a decimal b > 0, rounded to `places`, as text. */
function divide(a: bigint, b: bigint, d: string, places: number): string {
  const [int, frac = ""] = d.split(".");
  return quotientText(a * 10n ** BigInt(frac.length), b * BigInt(`${int}${frac}`), places);
}

/** Valid values for every input, to check one given figure alone. */
const ANY_VALID = Object.fromEntries(SENSITIVITY_INPUTS.map((n) => [n, "0"])) as Record<SensitivityInputName, string>;

/** The model's errors as the library's: a refused figure is the caller's to correct. */
function asRetainError<T>(f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof SensitivityInputError) throw new RetainError("BAD_INPUT", e.message, { field: e.field });
    throw e;
  }
}

/** The model over the caller's inputs and programmes (docs/complaints.md, "Sensitivity model"). */
export function runSensitivity(inputs: Partial<Record<SensitivityInputName, string>>, programmes: readonly Programme[]): SensitivityResult {
  return asRetainError(() => sensitivity(inputs, programmes));
}

/**
 * The sensitivity model's inputs from the business's own data as of a date, each with where
 * it comes from, replaced by the caller's where given; seed 000's programmes A and B made
 * from them; and the model's result (docs/complaints.md, "Sensitivity model").
 */
export async function buildComplaintSensitivity(db: Kysely<Database>, o: ComplaintSensitivityOptions = {}): Promise<ComplaintSensitivity> {
  const given = o.inputs ?? {};
  // Each given figure is checked alone, so a wrong one is named even while others are missing.
  for (const n of SENSITIVITY_INPUTS) {
    const v = given[n];
    if (v !== undefined) asRetainError(() => checkInputs({ ...ANY_VALID, [n]: v }));
  }
  const a = await buildComplaintAnalysis(db, o);
  const { timezone, baseCurrency } = await getSettings(db);
  const period = { from: dayNumber(a.period.from), to: dayNumber(a.period.to) };
  const previous = { from: addMonths(period.from, -a.period.months), to: period.from - 1 };
  const b = await periodBuyers(db, { ...period, previousFrom: previous.from, previousTo: previous.to, timezone });
  const rp = a.repurchase;
  const group = Object.fromEntries(rp.groups.map((g) => [g.group, g])) as Record<RepurchaseGroup, GroupFigures>;
  const share = (k: number, n: number) => (n ? quotientText(BigInt(k), BigInt(n), SHARE_PLACES) : null);
  const range = (r: Range) => `${r.from} … ${r.to}`;
  const N = b.customers;

  const c = given.complainShare ?? DEFAULT_COMPLAIN_SHARE;
  let capped = false;
  let p: string | null = null;
  if (N > 0 && decSign(c) > 0) {
    p = divide(BigInt(b.complained), BigInt(N), c, SHARE_PLACES);
    if (decSign(decSub(p, "1")) > 0) [p, capped] = ["1", true];
  }
  const complainers = group.resolved.customers + group.unresolved.customers;
  const salesBasis = b.retained ? "retained" : N ? "buyers" : "none";
  let v = b.retained ? quotientText(b.retainedNet, BigInt(b.retained) * 1_000_000n, 2) : N ? quotientText(b.buyersNet, BigInt(N) * 1_000_000n, 2) : null;
  // Returns above sales leave nothing a customer brings: the user has to say what one does.
  if (v !== null && decSign(v) < 0) v = null;
  const rUnresolved = given.rUnresolved ?? share(group.unresolved.repurchased, group.unresolved.customers);
  const w = a.windowDays;
  const periodText = range(a.period);

  const from: Record<SensitivityInputName, { value: string | null; source: InputSource; basis: string }> = {
    customers: { value: String(N), source: "measured", basis: `customers with a purchase in ${periodText}` },
    problemShare: {
      value: p, source: "derived",
      basis: N ? `the complained share q = ${b.complained} of ${N} (${pct(share(b.complained, N))}) ÷ the complaint share c ${pct(c)}${capped ? ", capped at 1: c is too low for these figures" : ""}` : `no customer bought in ${periodText}`,
    },
    complainShare: { value: c, source: "assumed", basis: "assumed: TARP found most customers with a problem do not complain (5–30% for quality and service problems)" },
    resolvedShare: {
      value: share(group.resolved.customers, complainers), source: "measured",
      basis: complainers ? `${group.resolved.customers} of ${complainers} complainers with a whole ${w}-day window had their complaint resolved within it` : `no complainer with a whole ${w}-day window`,
    },
    rNone: {
      value: share(group.noComplaint.repurchased, group.noComplaint.customers), source: "measured",
      basis: `${group.noComplaint.repurchased} of ${group.noComplaint.customers} customers who bought in ${range(rp.noComplaintBought)} and never complained bought again in ${range(rp.noComplaintRepurchase)}${group.noComplaint.customers ? "" : ": none to measure"}`,
    },
    rSilent: { value: rUnresolved, source: "assumed", basis: "assumed equal to r_unresolved: the data cannot tell silent customers with a problem from those without one" },
    rResolved: {
      value: share(group.resolved.repurchased, group.resolved.customers), source: "measured",
      basis: group.resolved.customers ? `${group.resolved.repurchased} of ${group.resolved.customers} resolved complainers bought again within ${w} days` : `no resolved complainer with a whole ${w}-day window`,
    },
    rUnresolved: {
      value: rUnresolved, source: "measured",
      basis: group.unresolved.customers ? `${group.unresolved.repurchased} of ${group.unresolved.customers} unresolved complainers bought again within ${w} days` : `no unresolved complainer with a whole ${w}-day window`,
    },
    salesPerCustomer: {
      value: v, source: "measured",
      basis: salesBasis === "retained"
        ? `net sales in ${periodText} per customer, over the customers who bought in it and in ${range({ from: dayText(previous.from), to: dayText(previous.to) })}: ${b.retained}`
        : salesBasis === "buyers" ? `net sales in ${periodText} per customer who bought in it (none bought in the period before too)` : `no customer bought in ${periodText}`,
    },
  };
  const inputs = Object.fromEntries(SENSITIVITY_INPUTS.map((n) => {
    const g = given[n];
    return [n, g !== undefined ? { value: g, source: "given" as const, basis: `given${from[n].value !== null && from[n].value !== g && n !== "rSilent" ? `; ${from[n].basis}: ${from[n].value}` : ""}` } : from[n]];
  })) as ComplaintSensitivity["inputs"];
  const missing = SENSITIVITY_INPUTS.filter((n) => inputs[n].value === null);
  const values = Object.fromEntries(SENSITIVITY_INPUTS.map((n) => [n, inputs[n].value])) as Record<SensitivityInputName, string>;
  const programmes = missing.length ? [] : defaultProgrammes(values);

  return {
    currency: baseCurrency,
    asOf: a.asOf,
    windowDays: w,
    period: a.period,
    previousPeriod: { from: dayText(previous.from), to: dayText(previous.to) },
    measured: {
      customers: N, complained: b.complained, complainedShare: share(b.complained, N), problemShareCapped: capped,
      groups: rp.groups, complainersOpened: rp.complainersOpened, noComplaintBought: rp.noComplaintBought, noComplaintRepurchase: rp.noComplaintRepurchase,
      retained: b.retained, retainedNetSales: micros(b.retainedNet), netSales: micros(b.buyersNet), salesBasis,
    },
    inputs,
    missing,
    programmes,
    result: missing.length ? null : runSensitivity(values, programmes),
  };
}
