import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decimalCutoff, isHigh, RFM8_SEGMENTS, rfm8Code, rfm8Codes, rfm8Cutoffs, rfm8Summary, roundedQuotient, type Rfm8Cutoffs, type Rfm8Input } from "./rfm8.ts";

const M = 1_000_000n;
const input = (rows: Array<[number, number, bigint]>): Rfm8Input => ({
  recencyDays: Float64Array.from(rows, (r) => r[0]),
  frequency: Float64Array.from(rows, (r) => r[1]),
  monetary: BigInt64Array.from(rows, (r) => r[2]),
});
const names = (i: Rfm8Input, c: Rfm8Cutoffs) => [...rfm8Codes(i, c)].map((s) => RFM8_SEGMENTS[s]);

// The worked example of docs/value.md ("The 8-segment RFM"): five customers, (R days, F, M).
const EXAMPLE = input([
  [1, 5, 500n * M], // A: bought yesterday
  [10, 1, 400n * M], // B
  [200, 4, 300n * M], // C
  [300, 1, 50n * M], // D
  [30, 2, 20n * M], // E
]);

describe("8-segment RFM", () => {
  it("maps high/low R, F, M to the eight standard segments", () => {
    expect(RFM8_SEGMENTS[rfm8Code(true, true, true)]).toBe("important_value");
    expect(RFM8_SEGMENTS[rfm8Code(true, false, true)]).toBe("important_development");
    expect(RFM8_SEGMENTS[rfm8Code(false, true, true)]).toBe("important_retain");
    expect(RFM8_SEGMENTS[rfm8Code(false, false, true)]).toBe("important_winback");
    expect(RFM8_SEGMENTS[rfm8Code(true, true, false)]).toBe("general_value");
    expect(RFM8_SEGMENTS[rfm8Code(true, false, false)]).toBe("general_development");
    expect(RFM8_SEGMENTS[rfm8Code(false, true, false)]).toBe("general_retain");
    expect(RFM8_SEGMENTS[rfm8Code(false, false, false)]).toBe("general_winback");
  });

  it("calls a recent purchase high R: a customer who bought yesterday is high, one a year ago low", () => {
    const c = rfm8Cutoffs(input([[1, 1, 1n], [365, 1, 1n]]), "mean")!;
    expect(isHigh.r(1, c.r)).toBe(true);
    expect(isHigh.r(365, c.r)).toBe(false);
    expect(names(input([[1, 1, 1n], [365, 1, 1n]]), c)).toEqual(["important_value", "important_retain"]);
  });

  it("computes the worked example with mean cut-offs", () => {
    const c = rfm8Cutoffs(EXAMPLE, "mean")!;
    // R 541/5 = 108.2 days, F 13/5 = 2.6, M 1270/5 = 254.
    expect(c).toEqual({ r: { num: 541n, den: 5n }, f: { num: 13n, den: 5n }, m: { num: 1270n * M, den: 5n } });
    expect(names(EXAMPLE, c)).toEqual(["important_value", "important_development", "important_retain", "general_winback", "general_development"]);
  });

  it("computes the worked example with median cut-offs, a value at the cut-off counting as high", () => {
    const c = rfm8Cutoffs(EXAMPLE, "median")!;
    expect(c).toEqual({ r: { num: 30n, den: 1n }, f: { num: 2n, den: 1n }, m: { num: 300n * M, den: 1n } });
    // C's M is the median (high); E's R and F are the medians (both high).
    expect(names(EXAMPLE, c)).toEqual(["important_value", "important_development", "important_retain", "general_winback", "general_value"]);
  });

  it("takes the mean of the two middle values as the median of an even count", () => {
    const c = rfm8Cutoffs(input([[4, 1, 1n], [1, 2, 2n], [3, 3, 3n], [2, 4, 10n]]), "median")!;
    expect(c.r).toEqual({ num: 5n, den: 2n });
    expect(c.m).toEqual({ num: 5n, den: 2n });
  });

  it("uses the user's cut-offs exactly", () => {
    const c = { r: decimalCutoff("30", 1n)!, f: decimalCutoff("2.5", 1n)!, m: decimalCutoff("300.000001", M)! };
    expect(c.m).toEqual({ num: 300_000_001n, den: 1n });
    // C's 300 is one micro-unit below the M cut-off: low.
    expect(names(EXAMPLE, c)).toEqual(["important_value", "important_development", "general_retain", "general_winback", "general_development"]);
    expect(decimalCutoff("abc", 1n)).toBeNull();
    expect(decimalCutoff("1e3", 1n)).toBeNull();
  });

  it("summarises each segment: customers, shares, money and means", () => {
    const rows = rfm8Summary(EXAMPLE, rfm8Codes(EXAMPLE, rfm8Cutoffs(EXAMPLE, "mean")!));
    expect(rows.map((r) => r.customers)).toEqual([1, 1, 1, 0, 0, 1, 0, 1]);
    const dev = rows.find((r) => r.segment === "general_development")!;
    expect(dev).toMatchObject({ customerShare: 0.2, monetary: 20n * M, monetaryShare: 20 / 1270, meanRecencyDays: 30, meanFrequency: 2, meanMonetary: 20n * M });
    expect(rows.find((r) => r.segment === "important_winback")).toMatchObject({ customers: 0, meanRecencyDays: null, meanMonetary: null, monetaryShare: 0 });
  });

  it("has no cut-offs for an empty population, and an all-zero summary", () => {
    const empty = input([]);
    expect(rfm8Cutoffs(empty, "mean")).toBeNull();
    expect(rfm8Summary(empty, new Uint8Array(0)).every((r) => r.customers === 0 && r.customerShare === 0 && r.monetaryShare === null)).toBe(true);
  });

  it("rounds a mean of money half away from zero", () => {
    expect(roundedQuotient(5n, 2n)).toBe(3n);
    expect(roundedQuotient(-5n, 2n)).toBe(-3n);
    expect(roundedQuotient(4n, 3n)).toBe(1n);
  });

  it("refuses recency or frequency that are not whole numbers", () => {
    expect(() => rfm8Cutoffs(input([[1.5, 1, 1n]]), "mean")).toThrow(RangeError);
  });
});

describe("8-segment RFM properties", () => {
  const row = fc.tuple(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 1, max: 60 }), fc.bigInt({ min: 0n, max: 10n ** 12n }));
  const rows = fc.array(row, { minLength: 1, maxLength: 200 });
  const method = fc.constantFrom("mean" as const, "median" as const);

  it("puts every customer in exactly one segment; counts sum to the population, shares to 100%", () => {
    fc.assert(fc.property(rows, method, (rs, how) => {
      const inp = input(rs);
      const codes = rfm8Codes(inp, rfm8Cutoffs(inp, how)!);
      expect(codes.every((s) => s < 8)).toBe(true);
      const summary = rfm8Summary(inp, codes);
      expect(summary.reduce((s, r) => s + r.customers, 0)).toBe(rs.length);
      for (let s = 0; s < 8; s++) expect(summary[s]!.customers).toBe(codes.filter((c) => c === s).length);
      expect(Math.abs(summary.reduce((s, r) => s + r.customerShare, 0) - 1)).toBeLessThan(1e-9);
      expect(summary.reduce((s, r) => s + r.monetary, 0n)).toBe(inp.monetary.reduce((s, v) => s + v, 0n));
      if (summary.some((r) => r.monetary > 0n)) expect(Math.abs(summary.reduce((s, r) => s + r.monetaryShare!, 0) - 1)).toBeLessThan(1e-9);
    }));
  });

  it("never moves a customer from 重要 to 一般 when their M rises (mean, median and fixed cut-offs)", () => {
    const how = fc.constantFrom("mean" as const, "median" as const, "fixed" as const);
    fc.assert(fc.property(rows, fc.nat(), fc.bigInt({ min: 1n, max: 10n ** 12n }), how, (rs, pick, raise, h) => {
      const k = pick % rs.length;
      const before = input(rs);
      const after = input(rs.map((r, i) => (i === k ? [r[0], r[1], r[2] + raise] : r)));
      const fixed = rfm8Cutoffs(before, "mean")!;
      const code = (inp: Rfm8Input) => rfm8Codes(inp, h === "fixed" ? fixed : rfm8Cutoffs(inp, h)!)[k]!;
      const important = (c: number) => c < 4;
      if (important(code(before))) expect(important(code(after))).toBe(true);
    }));
  });

  it("agrees with a plain comparison against the cut-off as a number", () => {
    fc.assert(fc.property(rows, method, (rs, how) => {
      const inp = input(rs);
      const c = rfm8Cutoffs(inp, how)!;
      const v = (x: { num: bigint; den: bigint }) => Number(x.num) / Number(x.den);
      // Integers against a fraction: a double comparison is exact unless v sits within rounding of the cut-off.
      rs.forEach(([r, f], i) => {
        expect(isHigh.r(r, c.r)).toBe(r <= v(c.r) || Math.abs(r - v(c.r)) < 1e-9);
        expect(isHigh.f(f, c.f)).toBe(f >= v(c.f) || Math.abs(f - v(c.f)) < 1e-9);
        expect(rfm8Codes(inp, c)[i]).toBe(rfm8Code(isHigh.r(r, c.r), isHigh.f(f, c.f), isHigh.m(inp.monetary[i]!, c.m)));
      });
    }));
  });
});
