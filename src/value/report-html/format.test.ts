import { describe, expect, it } from "vitest";
import { count, decimal, money, percent } from "./format.ts";
import { escapeHtml, html, trusted } from "./html.ts";

describe("numbers in the report", () => {
  it("writes money exactly from micro-units, with thousands separators and at least two decimals", () => {
    expect(money(1_234_567_500_000n)).toBe("1,234,567.50");
    expect(money(1_234_567_891_234n)).toBe("1,234,567.891234");
    expect(money(-1n)).toBe("-0.000001");
    expect(money(-999_999_000_000n)).toBe("-999,999.00");
    expect(money(0n)).toBe("0.00");
    // Beyond 2⁵³ micro-units, where a double would round.
    expect(money(9_007_199_254_740_993n)).toBe("9,007,199,254.740993");
  });

  it("writes counts with separators and shares with one decimal", () => {
    expect(count(1_234_567)).toBe("1,234,567");
    expect(count(999)).toBe("999");
    expect(percent(0.83159)).toBe("83.2%");
    expect(percent(1)).toBe("100.0%");
    expect(percent(null)).toBe("—");
    expect(decimal(1234.5)).toBe("1,234.50");
    expect(decimal(-0.001)).toBe("0.00");
  });
});

describe("markup", () => {
  it("escapes text inserted into a template, and only text", () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe("&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
    const cell = (x: string) => html`<td>${x}</td>`;
    expect(html`<tr>${[cell("<b>"), cell("1 & 2")]}</tr>${null}${false}`.text).toBe("<tr><td>&lt;b&gt;</td><td>1 &amp; 2</td></tr>");
    expect(html`<p>${trusted("<svg></svg>")}${3}</p>`.text).toBe("<p><svg></svg>3</p>");
  });
});
