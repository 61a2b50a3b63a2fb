/**
 * What the page sends the model: the measured inputs with the user's changes, and seed
 * 000's programmes A and B made from them unless the user changed those too. Shares are
 * typed as percentages and sent as fractions (the digits stay, the point moves).
 */
import { toFraction, toPercent } from "../churn-cost/percent";
import { INPUTS, SHARES, type ComplaintSensitivity, type InputName, type Inputs, type Programme } from "./api/complaint-sensitivity.api";

export { toFraction, toPercent };

/** What the user typed per input (shares in percent); null: cleared; absent: the measured or assumed value. */
export type Edits = Partial<Record<InputName, string | null>>;

export const PROGRAMME_FIELDS = ["problemShare", "complainShare", "resolvedShare"] as const;
export type ProgrammeField = (typeof PROGRAMME_FIELDS)[number];
/** What the user typed for a programme (shares in percent, cost in money); absent: the default. */
export type ProgrammeEdits = Partial<Record<ProgrammeField | "cost", string | null>> & { name?: string };

/** An input's value as a fraction or figure: the user's, else the server's; r_silent follows r_unresolved as the server assumes. */
export function inputValue(d: ComplaintSensitivity, edits: Edits, n: InputName): string | null {
  const e = edits[n];
  if (e !== undefined) return e === null || e === "" ? null : SHARES.has(n) ? toFraction(e) : e;
  if (n === "rSilent" && d.inputs.rSilent.source === "assumed") return inputValue(d, edits, "rUnresolved");
  return d.inputs[n].value;
}

/** Every input's value; null when one is still missing. */
export function currentInputs(d: ComplaintSensitivity, edits: Edits): Inputs | null {
  const out = {} as Inputs;
  for (const n of INPUTS) {
    const v = inputValue(d, edits, n);
    if (v === null) return null;
    out[n] = v;
  }
  return out;
}

/** x to at most 8 decimals, without trailing zeros: what the server accepts. */
const decimal = (x: number): string => x.toFixed(8).replace(/\.?0+$/, "") || "0";

/**
 * Seed 000's programmes from the baseline's shares, as the server's defaultProgrammes
 * (src/analytics/complaints/sensitivity.ts) makes them: A cuts p by a tenth; B does the same,
 * doubles c (at most 1) and solves half the unresolved complaints.
 */
export function defaultProgrammes(i: Pick<Inputs, ProgrammeField>): Array<Required<Pick<Programme, "name" | ProgrammeField>>> {
  const [p, c, s] = [Number(i.problemShare), Number(i.complainShare), Number(i.resolvedShare)];
  const fewer = decimal(p * 0.9);
  return [
    { name: "A", problemShare: fewer, complainShare: i.complainShare, resolvedShare: i.resolvedShare },
    { name: "B", problemShare: fewer, complainShare: decimal(Math.min(1, c * 2)), resolvedShare: decimal((1 + s) / 2) },
  ];
}

/** The programmes sent: the defaults, with what the user changed. */
export function currentProgrammes(inputs: Inputs, edits: ProgrammeEdits[]): Programme[] {
  return defaultProgrammes(inputs).map((g, k) => {
    const e = edits[k] ?? {};
    const share = (f: ProgrammeField) => {
      const v = e[f];
      return v === undefined ? g[f] : v === null || v === "" ? inputs[f] : toFraction(v);
    };
    return {
      name: e.name?.trim() || g.name,
      problemShare: share("problemShare"), complainShare: share("complainShare"), resolvedShare: share("resolvedShare"),
      cost: e.cost ? e.cost : null,
    };
  });
}

/** The input or programme field a refused request names: "body.inputs.rNone" → rNone, "body.programmes.1.cost" → 1.cost. */
export function failedField(field: string | undefined): string | null {
  if (!field) return null;
  return field.replace(/^(body|query)\./, "").replace(/^inputs\./, "").replace(/^programmes\./, "");
}
