import { describe, expect, it } from "vitest";
import type { ComplaintSensitivity, InputName } from "./api/complaint-sensitivity.api";
import { currentInputs, currentProgrammes, defaultProgrammes, failedField } from "./model";

const VALUES: Record<InputName, string | null> = {
  customers: "1000", problemShare: "0.2", complainShare: "0.25", resolvedShare: "0.6", rNone: "0.8", rSilent: "0.4", rResolved: "0.9", rUnresolved: "0.4", salesPerCustomer: "100",
};
const report = (values: Partial<Record<InputName, string | null>> = {}): ComplaintSensitivity => ({
  inputs: Object.fromEntries(Object.entries({ ...VALUES, ...values }).map(([n, value]) => [n, { value, source: n === "rSilent" || n === "complainShare" ? "assumed" : "measured", basis: "" }])),
} as unknown as ComplaintSensitivity);

describe("the page's inputs and programmes", () => {
  it("makes seed 000's programmes as the server does: a tenth fewer problems; twice the complaints heard, half the unresolved solved", () => {
    expect(defaultProgrammes({ problemShare: "0.27", complainShare: "0.25", resolvedShare: "0.45" })).toEqual([
      { name: "A", problemShare: "0.243", complainShare: "0.25", resolvedShare: "0.45" },
      { name: "B", problemShare: "0.243", complainShare: "0.5", resolvedShare: "0.725" },
    ]);
    expect(defaultProgrammes({ problemShare: "1", complainShare: "0.6", resolvedShare: "1" })[1]).toMatchObject({ complainShare: "1", resolvedShare: "1" });
  });

  it("takes the user's figures, shares typed in percent, and lets the assumed r_silent follow their r_unresolved", () => {
    const d = report();
    expect(currentInputs(d, { rUnresolved: "35", salesPerCustomer: "120.5" })).toMatchObject({ rUnresolved: "0.35", rSilent: "0.35", salesPerCustomer: "120.5" });
    expect(currentInputs(d, { rUnresolved: "35", rSilent: "10" })).toMatchObject({ rSilent: "0.1" });
    expect(currentInputs(d, { rNone: null })).toBeNull();
    expect(currentInputs(report({ rUnresolved: null, rSilent: null }), {})).toBeNull();
    expect(currentInputs(report({ rUnresolved: null, rSilent: null }), { rUnresolved: "50" })).toMatchObject({ rUnresolved: "0.5", rSilent: "0.5" });
  });

  it("sends the programmes with the user's changes, a cleared share as the baseline's, and no cost when none is typed", () => {
    const inputs = currentInputs(report(), {})!;
    expect(currentProgrammes(inputs, [{ cost: "500" }, { name: " Hotline ", complainShare: "80", resolvedShare: null }])).toEqual([
      { name: "A", problemShare: "0.18", complainShare: "0.25", resolvedShare: "0.6", cost: "500" },
      { name: "Hotline", problemShare: "0.18", complainShare: "0.8", resolvedShare: "0.6", cost: null },
    ]);
  });

  it("finds the field a refusal names", () => {
    expect(failedField("body.inputs.rNone")).toBe("rNone");
    expect(failedField("body.programmes.1.cost")).toBe("1.cost");
    expect(failedField("query.complainShare")).toBe("complainShare");
    expect(failedField(undefined)).toBeNull();
  });
});
