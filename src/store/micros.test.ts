import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { microsOf } from "./value.repository.ts";

/** PostgreSQL's round(x, 6) · 10⁶ of a numeric's text, in bigint arithmetic only: half away from zero. */
function reference(text: string): bigint {
  const neg = text.startsWith("-");
  const [int, frac = ""] = (neg ? text.slice(1) : text).split(".");
  let m = BigInt(int!) * 1_000_000n + BigInt(frac.slice(0, 6).padEnd(6, "0"));
  if (frac.length > 6 && Number(frac[6]) >= 5) m += 1n;
  return neg ? -m : m;
}

describe("money text to micro-units", () => {
  it("rounds at the sixth decimal half away from zero, as round(x, 6) does", () => {
    expect(microsOf("12.3456785")).toBe(12_345_679n);
    expect(microsOf("-12.3456785")).toBe(-12_345_679n);
    expect(microsOf("12.3456784999")).toBe(12_345_678n);
    expect(microsOf("7")).toBe(7_000_000n);
    expect(microsOf("0.5")).toBe(500_000n);
    expect(microsOf("-0.0000004")).toBe(0n);
  });

  it("is exact beyond 2^53 micro-units and agrees with bigint arithmetic everywhere (property)", () => {
    expect(microsOf("9007199254.740993")).toBe(9_007_199_254_740_993n);
    expect(microsOf("-123456789012.1234567")).toBe(-123_456_789_012_123_457n);
    const numeric = fc.tuple(fc.boolean(), fc.bigInt({ min: 0n, max: 10n ** 13n }), fc.option(fc.stringMatching(/^\d{1,9}$/), { nil: undefined }))
      .map(([neg, int, frac]) => `${neg ? "-" : ""}${int}${frac === undefined ? "" : `.${frac}`}`);
    fc.assert(fc.property(numeric, (text) => {
      expect(microsOf(text)).toBe(reference(text));
    }), { numRuns: 2000 });
  });
});
