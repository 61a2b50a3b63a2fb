/**
 * The complaint sensitivity model (敏感分析, seed 000; DOMAIN.md §6): the sales a business
 * loses to customers' problems, and what programmes that cut problems, hear more complaints
 * or solve more of them win back. The structure is TARP's "market damage" model (Goodman,
 * Technical Assistance Research Programs): customers with a problem fall into those who did
 * not complain, complainers whose complaint was resolved and those whose was not, and each
 * group buys again at its own rate. Definitions: docs/complaints.md, "Sensitivity model".
 *
 * Every input and result is exact decimal text (domain/decimal.ts): the loss is computed
 * exactly from the figures the user sees, and only the reported figures are rounded.
 */
import { decAdd, decMul, decSign, decSub } from "../../domain/decimal.ts";
import { quotientText } from "../value/churn-inputs.ts";

/** The model's inputs, in the order the formula reads them. */
export const SENSITIVITY_INPUTS = [
  "customers", "problemShare", "complainShare", "resolvedShare", "rNone", "rSilent", "rResolved", "rUnresolved", "salesPerCustomer",
] as const;
export type SensitivityInputName = (typeof SENSITIVITY_INPUTS)[number];

/**
 * N customers; p of them had a problem; c of those complained; s of the complainers had it
 * resolved. Customers buy again at r_none without a problem, r_silent after a problem they
 * did not complain about, r_resolved and r_unresolved after a resolved or unresolved
 * complaint. v: the sales (money, or orders) a customer who buys again brings.
 */
export type SensitivityInputs = Record<SensitivityInputName, string>;

/** What a programme changes: the shares it sets (the baseline's where absent), and what it costs. */
export interface Programme {
  name: string;
  problemShare?: string;
  complainShare?: string;
  resolvedShare?: string;
  /** In the unit of the sales per customer (money); none: no return is worked out. */
  cost?: string | null;
}

/** A loss split by where it arises, and its total. */
export interface ByGroup {
  /** Customers with a problem who did not complain. */
  silent: string;
  resolved: string;
  unresolved: string;
  total: string;
}

export interface Scenario {
  problemShare: string;
  complainShare: string;
  resolvedShare: string;
  /** N·p: customers with a problem. */
  problemCustomers: string;
  /** Customers who would have bought again without the problem and do not. */
  lostCustomers: ByGroup;
  /** lostCustomers × v. */
  lostSales: ByGroup;
}

export interface ProgrammeOutcome extends Scenario {
  name: string;
  /** The baseline's loss less the programme's. */
  recoveredCustomers: string;
  recoveredSales: string;
  /** recoveredSales ÷ the baseline's lost sales; null when the baseline loses nothing. */
  recoveredShare: number | null;
  cost: string | null;
  /** recoveredSales − cost. */
  net: string | null;
  /** net ÷ cost; null without a cost above 0. */
  returnOnCost: number | null;
}

export interface SensitivityResult {
  baseline: Scenario;
  programmes: ProgrammeOutcome[];
}

/** Places the reported customers and sales are rounded to (half away from zero). */
export const RESULT_PLACES = 2;
/** Places a share or rate measured from data is rounded to before it becomes an input. */
export const SHARE_PLACES = 4;

/** An input the model refuses: `field` names it ("inputs.rNone", "programmes.1.cost"). */
export class SensitivityInputError extends RangeError {
  constructor(readonly field: string, message: string) {
    super(message);
  }
}

const DECIMAL = /^\d{1,12}(\.\d{1,8})?$/;
const WHOLE = /^\d{1,12}$/;

function share(field: string, v: string | undefined): string {
  if (v === undefined || !DECIMAL.test(v) || decSign(decSub(v, "1")) > 0) {
    throw new SensitivityInputError(field, `${field} ${v ?? "(missing)"}: give a share from 0 to 1, such as 0.25 for 25% (at most 8 decimals).`);
  }
  return v;
}

function amount(field: string, v: string | undefined, whole = false): string {
  if (v === undefined || !(whole ? WHOLE : DECIMAL).test(v)) {
    const what = whole ? "a whole number, 0 or more" : "a decimal number, 0 or more, such as 12.5 (at most 12 digits before the point and 8 after)";
    throw new SensitivityInputError(field, `${field} ${v ?? "(missing)"}: give ${what}.`);
  }
  return v;
}

/** The inputs, each checked: shares and rates in [0, 1], N whole, v and costs 0 or more. */
export function checkInputs(i: Partial<Record<SensitivityInputName, string>>): SensitivityInputs {
  const out = {} as SensitivityInputs;
  for (const n of SENSITIVITY_INPUTS) {
    const field = `inputs.${n}`;
    out[n] = n === "customers" ? amount(field, i[n], true) : n === "salesPerCustomer" ? amount(field, i[n]) : share(field, i[n]);
  }
  return out;
}

/** x rounded half away from zero to `places` decimals, as text. */
export function roundText(x: string, places: number): string {
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(x);
  if (!m) throw new RangeError(`not a decimal: "${x}"`);
  const frac = m[3] ?? "";
  const units = BigInt(`${m[2]}${frac}`);
  const r = quotientText(units, 10n ** BigInt(frac.length), places);
  return m[1] === "-" && r !== "0" ? `-${r}` : r;
}

const ratio = (a: string, b: string): number | null => (decSign(b) === 0 ? null : Number(a) / Number(b));

/**
 * One scenario's loss (TARP's market damage model):
 *   lost customers = N·p·[(1−c)(r_none − r_silent) + c·s·(r_none − r_resolved) + c(1−s)(r_none − r_unresolved)]
 *   lost sales     = lost customers × v.
 * A group that buys again more than customers without a problem (resolved complainers can)
 * adds a negative loss.
 */
function scenarioExact(i: SensitivityInputs, p: string, c: string, s: string) {
  const problem = decMul(i.customers, p);
  const silent = decMul(decMul(problem, decSub("1", c)), decSub(i.rNone, i.rSilent));
  const resolved = decMul(decMul(decMul(problem, c), s), decSub(i.rNone, i.rResolved));
  const unresolved = decMul(decMul(decMul(problem, c), decSub("1", s)), decSub(i.rNone, i.rUnresolved));
  const total = decAdd(decAdd(silent, resolved), unresolved);
  return { problem, customers: { silent, resolved, unresolved, total } };
}

const rounded = (g: ByGroup): ByGroup => ({
  silent: roundText(g.silent, RESULT_PLACES), resolved: roundText(g.resolved, RESULT_PLACES),
  unresolved: roundText(g.unresolved, RESULT_PLACES), total: roundText(g.total, RESULT_PLACES),
});
const times = (g: ByGroup, v: string): ByGroup => ({ silent: decMul(g.silent, v), resolved: decMul(g.resolved, v), unresolved: decMul(g.unresolved, v), total: decMul(g.total, v) });

/**
 * The baseline's loss and, for each programme, its loss, what it wins back against the
 * baseline, and the return on its cost when one is given. Throws SensitivityInputError
 * naming the first input that is not a valid figure.
 */
export function sensitivity(inputs: Partial<Record<SensitivityInputName, string>>, programmes: readonly Programme[] = []): SensitivityResult {
  const i = checkInputs(inputs);
  const base = scenarioExact(i, i.problemShare, i.complainShare, i.resolvedShare);
  const baseSales = times(base.customers, i.salesPerCustomer);
  const scenario = (p: string, c: string, s: string, e: ReturnType<typeof scenarioExact>): Scenario => ({
    problemShare: p, complainShare: c, resolvedShare: s,
    problemCustomers: roundText(e.problem, RESULT_PLACES),
    lostCustomers: rounded(e.customers),
    lostSales: rounded(times(e.customers, i.salesPerCustomer)),
  });
  return {
    baseline: scenario(i.problemShare, i.complainShare, i.resolvedShare, base),
    programmes: programmes.map((g, k): ProgrammeOutcome => {
      const at = `programmes.${k}`;
      const p = g.problemShare === undefined ? i.problemShare : share(`${at}.problemShare`, g.problemShare);
      const c = g.complainShare === undefined ? i.complainShare : share(`${at}.complainShare`, g.complainShare);
      const s = g.resolvedShare === undefined ? i.resolvedShare : share(`${at}.resolvedShare`, g.resolvedShare);
      const cost = g.cost === undefined || g.cost === null ? null : amount(`${at}.cost`, g.cost);
      const e = scenarioExact(i, p, c, s);
      const recoveredCustomers = decSub(base.customers.total, e.customers.total);
      const recoveredSales = decMul(recoveredCustomers, i.salesPerCustomer);
      const net = cost === null ? null : decSub(recoveredSales, cost);
      return {
        name: g.name,
        ...scenario(p, c, s, e),
        recoveredCustomers: roundText(recoveredCustomers, RESULT_PLACES),
        recoveredSales: roundText(recoveredSales, RESULT_PLACES),
        recoveredShare: ratio(recoveredSales, baseSales.total),
        cost,
        net: net === null ? null : roundText(net, RESULT_PLACES),
        returnOnCost: net === null || cost === null ? null : ratio(net, cost),
      };
    }),
  };
}

/**
 * The two programmes of seed 000's table, as changes to the baseline (docs/complaints.md
 * says why these figures):
 * - A, fewer problems: p cut by a tenth;
 * - B, the same cut, plus twice as many complaints heard (c doubled, at most 1: an 800
 *   number roughly doubles the complaints that reach a company, Goodman) and half the
 *   unresolved complaints solved (s + (1 − s)/2).
 */
export function defaultProgrammes(i: Pick<SensitivityInputs, "problemShare" | "complainShare" | "resolvedShare">): Programme[] {
  const fewer = decMul(i.problemShare, "0.9");
  const doubled = decMul(i.complainShare, "2");
  return [
    { name: "A", problemShare: fewer },
    {
      name: "B", problemShare: fewer,
      complainShare: decSign(decSub(doubled, "1")) > 0 ? "1" : doubled,
      resolvedShare: decMul(decAdd("1", i.resolvedShare), "0.5"),
    },
  ];
}
