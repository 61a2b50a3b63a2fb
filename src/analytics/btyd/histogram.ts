/**
 * The calibration-period fit chart of Fader, Hardie & Lee (2005, Figure 2) and BTYD's
 * *.PlotFrequencyInCalibration: customers by number of repeat purchases, actual against
 * expected, the expected count of x being Σᵢ P(X(Tᵢ) = x) over the customers' own ages Tᵢ,
 * and the last bin `censor`+ holding the rest.
 */

export interface FrequencyHistogram {
  /** Bins 0, 1, …, censor − 1 and "censor or more". */
  actual: Float64Array;
  expected: Float64Array;
}

/**
 * Actual and expected customers per frequency. `pmf(t, x)` is the model's P(X(t) = x)
 * (e.g. `(t, x) => bgnbdPmf(params, t, x)`); rows may be weighted.
 */
export function frequencyHistogram(pmf: (t: number, x: number) => number, x: Float64Array, T: Float64Array, censor: number, weight?: Float64Array): FrequencyHistogram {
  if (!(Number.isInteger(censor) && censor >= 1)) throw new RangeError(`censor must be a whole number ≥ 1 (got ${censor})`);
  const actual = new Float64Array(censor + 1);
  const expected = new Float64Array(censor + 1);
  // Customers sharing an age share their probabilities.
  const byT = new Map<number, number>();
  for (let i = 0; i < x.length; i++) {
    const w = weight ? weight[i]! : 1;
    actual[Math.min(x[i]!, censor)]! += w;
    byT.set(T[i]!, (byT.get(T[i]!) ?? 0) + w);
  }
  for (const [t, w] of byT) {
    let below = 0;
    for (let k = 0; k < censor; k++) {
      const pk = pmf(t, k);
      expected[k]! += w * pk;
      below += pk;
    }
    expected[censor]! += w * Math.max(0, 1 - below);
  }
  return { actual, expected };
}
