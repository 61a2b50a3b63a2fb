import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { currencyCode, ISO_4217 } from "./currencies.ts";
import { cleanId, parseBoolean, parseEmail, parseNumber, parsePhone, parseWholeNumber, plainDecimal } from "./values.ts";

const num = (s: string) => {
  const p = parseNumber(s);
  return p.ok ? p.value.value : p.reason;
};

describe("parseNumber", () => {
  it.each([
    ["12", "12"],
    ["  12.50 ", "12.5"],
    ["0012.000", "12"],
    ["1,234.50", "1234.5"],
    ["1,234,567", "1234567"],
    ["1.234,50", "1234.5"],
    ["1 234,50", "1234.5"],
    ["1\u00a0234.5", "1234.5"],
    ["1'234.50", "1234.5"],
    ["12,5", "12.5"],
    ["0,125", "0.125"],
    ["1,234", "1234"],
    [".5", "0.5"],
    ["(12.00)", "-12"],
    ["-12", "-12"],
    ["12-", "-12"],
    ["+7", "7"],
    ["-0", "0"],
    ["１２３", "123"],
    ["－１２．５", "-12.5"],
    ["¥12", "12"],
    ["￥1,200.00", "1200"],
    ["$1,234.56", "1234.56"],
    ["-$5", "-5"],
    ["($5.00)", "-5"],
    ["€ 9,99", "9.99"],
    ["£3", "3"],
    ["35元", "35"],
    ["1.2E+05", "120000"],
    ["1.5e-3", "0.0015"],
    ["123456789012345678901234567890.123456789", "123456789012345678901234567890.123456789"],
  ])("%s → %s", (raw, expected) => {
    expect(num(raw)).toBe(expected);
  });

  it("reads a currency code written with the number", () => {
    expect(parseNumber("CNY 12")).toEqual({ ok: true, value: { value: "12", currency: "CNY" } });
    expect(parseNumber("12.5 usd")).toEqual({ ok: true, value: { value: "12.5", currency: "USD" } });
    expect(parseNumber("RMB1,000")).toEqual({ ok: true, value: { value: "1000", currency: "CNY" } });
  });

  it.each(["abc", "1.2.3", "12,34,5", "--1", "(-1)", "1e", "", "   ", "12%", "1,2,3.4.5", "$", "1 2", "12kg"])("rejects %j", (raw) => {
    expect(parseNumber(raw).ok).toBe(false);
  });

  it("names an unknown currency code", () => {
    expect(num("XYZ 12")).toBe("unknown currency 'XYZ' (use an ISO 4217 code such as CNY, USD)");
  });

  it("round-trips any decimal written with thousands separators, exactly", () => {
    const decimal = fc
      .tuple(fc.boolean(), fc.bigInt({ min: 0n, max: 10n ** 24n }), fc.option(fc.stringMatching(/^\d{1,12}$/), { nil: undefined }))
      .map(([neg, int, frac]) => ({ neg, int: int.toString(), frac }));
    const canonical = ({ neg, int, frac }: { neg: boolean; int: string; frac: string | undefined }) => {
      const f = (frac ?? "").replace(/0+$/, "");
      const body = f === "" ? int : `${int}.${f}`;
      return neg && body !== "0" ? `-${body}` : body;
    };
    fc.assert(
      fc.property(decimal, fc.constantFrom(",", " ", "'", ""), fc.constantFrom("plain", "parens", "symbol"), (d, sep, style) => {
        const grouped = d.int.replace(/\B(?=(\d{3})+(?!\d))/g, sep);
        const body = d.frac !== undefined ? `${grouped}.${d.frac}` : grouped;
        const written = style === "parens" && d.neg ? `(${body})` : style === "symbol" ? `${d.neg ? "-" : ""}¥${body}` : `${d.neg ? "-" : ""}${body}`;
        expect(num(written)).toBe(canonical(d));
        // Canonical strings are fixed points.
        expect(num(canonical(d))).toBe(canonical(d));
      }),
      { numRuns: 2000 },
    );
  });

  it("agrees with JavaScript numbers where those are exact", () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e9, max: 1e9 }), fc.integer({ min: 0, max: 4 }), (units, scale) => {
        const s = (units / 10 ** scale).toFixed(scale);
        expect(Number(num(s))).toBe(Number(s));
      }),
    );
  });
});

describe("plainDecimal", () => {
  it("expands exponents and strips zeros", () => {
    expect(plainDecimal("1.23456789012346e+19")).toBe("12345678901234600000");
    expect(plainDecimal("1e-7")).toBe("0.0000001");
    expect(plainDecimal("-0.000")).toBe("0");
    expect(plainDecimal("abc")).toBeUndefined();
  });
});

describe("other cell values", () => {
  it("reads whole numbers", () => {
    expect(parseWholeNumber("30")).toEqual({ ok: true, value: 30 });
    expect(parseWholeNumber("30.0")).toEqual({ ok: true, value: 30 });
    expect(parseWholeNumber("2.5").ok).toBe(false);
  });

  it("reads yes/no in English and Chinese", () => {
    for (const t of ["true", "YES", "y", "1", "是", "退货", "return"]) expect(parseBoolean(t)).toEqual({ ok: true, value: true });
    for (const f of ["false", "No", "n", "0", "否"]) expect(parseBoolean(f)).toEqual({ ok: true, value: false });
    expect(parseBoolean("maybe").ok).toBe(false);
  });

  it("checks and lower-cases emails", () => {
    expect(parseEmail(" Ava@Example.COM ")).toEqual({ ok: true, value: "ava@example.com" });
    expect(parseEmail("mailto:a@b.cn")).toEqual({ ok: true, value: "a@b.cn" });
    for (const bad of ["ava", "ava@", "@example.com", "ava@example", "a b@example.com", "a@@b.com", "a@b..com"]) {
      expect(parseEmail(bad).ok).toBe(false);
    }
  });

  it("normalizes phone numbers", () => {
    expect(parsePhone("+1 (555) 010-2000")).toEqual({ ok: true, value: "+15550102000" });
    expect(parsePhone("138 0013 8000")).toEqual({ ok: true, value: "13800138000" });
    expect(parsePhone("１３８-００１３-８０００")).toEqual({ ok: true, value: "13800138000" });
    expect(parsePhone("call me").ok).toBe(false);
  });

  it("drops the .0 a spreadsheet adds to numeric ids", () => {
    expect(cleanId("17850.0")).toBe("17850");
    expect(cleanId("17850.5")).toBe("17850.5");
    expect(cleanId(" C-01 ")).toBe("C-01");
  });

  it("knows ISO 4217 codes and common Chinese names", () => {
    expect(ISO_4217).toContain("CNY");
    expect(new Set(ISO_4217).size).toBe(ISO_4217.length);
    expect(currencyCode("usd")).toBe("USD");
    expect(currencyCode("人民币")).toBe("CNY");
    expect(currencyCode("rmb")).toBe("CNY");
    expect(currencyCode("XYZ")).toBeUndefined();
    expect(currencyCode("XXX")).toBeUndefined();
  });
});
