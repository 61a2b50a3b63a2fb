import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decAdd, decDivInt, decMul, decNegate, decSign, decSub } from "./decimal.ts";

/** A decimal string with up to 4 fraction digits, and its value in ten-thousandths as a BigInt. */
const arbDecimal = fc.tuple(fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }), fc.integer({ min: 0, max: 4 })).map(([units, scale]) => {
  const neg = units < 0n;
  let digits = (neg ? -units : units).toString().padStart(scale + 1, "0");
  if (scale > 0) digits = `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
  return { text: neg ? `-${digits}` : digits, tenThousandths: units * 10n ** BigInt(4 - scale) };
});
const value = (s: string) => {
  const [i, f = ""] = s.replace("-", "").split(".");
  const v = BigInt(i! + f.padEnd(8, "0"));
  return s.startsWith("-") ? -v : v; // in 1e-8 units
};

describe("exact decimals", () => {
  it("multiplies, adds and subtracts exactly (against BigInt arithmetic)", () => {
    fc.assert(
      fc.property(arbDecimal, arbDecimal, (a, b) => {
        expect(value(decMul(a.text, b.text))).toBe(a.tenThousandths * b.tenThousandths);
        expect(value(decAdd(a.text, b.text))).toBe((a.tenThousandths + b.tenThousandths) * 10n ** 4n);
        expect(value(decSub(a.text, b.text))).toBe((a.tenThousandths - b.tenThousandths) * 10n ** 4n);
      }),
    );
  });

  it("keeps the scale numeric would give and never floats", () => {
    expect(decMul("0.1", "3")).toBe("0.3");
    expect(decMul("19.9", "3")).toBe("59.7");
    expect(decMul("-2", "10.10")).toBe("-20.20");
    expect(decSub("0.3", "0.1")).toBe("0.2");
    expect(decAdd("-0.05", "0.05")).toBe("0.00");
    expect(decSign("-0.0")).toBe(0);
    expect(decSign("-0.01")).toBe(-1);
    expect(() => decMul("1e5", "2")).toThrow(RangeError);
    expect([decNegate("12.50"), decNegate("-3"), decNegate("0"), decNegate("0.00"), decNegate("-0")]).toEqual(["-12.50", "3", "0", "0.00", "0"]);
  });
});

describe("decDivInt", () => {
  it("divides by a whole number exactly, to the places asked, half away from zero", () => {
    expect([decDivInt("100", 3, 2), decDivInt("0.05", 2, 2), decDivInt("1", 8, 2), decDivInt("62.5", 1, 2), decDivInt("0.004999", 1, 2), decDivInt("-0.05", 2, 2), decDivInt("7", 2, 0)])
      .toEqual(["33.33", "0.03", "0.13", "62.50", "0.00", "-0.03", "4"]);
    expect(() => decDivInt("1", 0, 2)).toThrow(RangeError);
  });
});
