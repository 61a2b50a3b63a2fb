import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { valueReport, type ValueColumns, type ValueMeasure } from "../../analytics/value/report.ts";
import { DEFAULT_LADDER_RULE, DEFAULT_LOYALTY_RULE, DEFAULT_PROFIT_GROUP_RULE } from "../../analytics/value/segments.ts";
import type { SegmentsSummary } from "../segments.service.ts";
import { renderValueReportHtml, type ReportInput } from "./render.ts";
import { SECTIONS } from "./sections.ts";
import { LANGS, STRINGS } from "./strings.ts";

/**
 * Three buyers in 2024 and one who bought only before it. Net sales: A 1,234,567.89,
 * B 250,000.50, C 15.000001 (on a 50% discount, one day: a transaction customer);
 * margins 234,567.89, 50,000.50 and 0.
 */
const columns: ValueColumns = {
  ids: Float64Array.from([1, 2, 3, 4]),
  orders: Uint32Array.from([3, 1, 1, 0]),
  purchaseDays: Uint32Array.from([3, 1, 1, 0]),
  gross: BigInt64Array.from([1_234_567_890_000n, 250_000_500_000n, 30_000_000n, 0n]),
  discount: BigInt64Array.from([0n, 0n, 15_000_000n, 0n]),
  sales: BigInt64Array.from([1_234_567_890_000n, 250_000_500_000n, 15_000_001n, 0n]),
  returns: BigInt64Array.from([0n, 0n, 0n, 0n]),
  cost: BigInt64Array.from([1_000_000_000_000n, 200_000_000_000n, 0n, 0n]),
  costedNetSales: BigInt64Array.from([1_234_567_890_000n, 250_000_500_000n, 0n, 0n]),
  lastPurchase: Int32Array.from([20_088, 20_000, 19_900, 19_000]),
  purchaseDaysToDate: Uint32Array.from([8, 1, 1, 2]),
};

const M = 1_000_000n;
const group = <G extends string>(g: G, customers: number, net: bigint, before: bigint) => ({ group: g, customers, netSales: net * M, margin: net * M / 5n, previousNetSales: before * M, previousMargin: before * M / 5n });
/** The segments as the service sums them (their own computation is tested in analytics/value/segments.test.ts). */
const segments: SegmentsSummary = {
  previousWindow: { from: "2023-01-01", to: "2023-12-31" },
  profitGroups: { rule: DEFAULT_PROFIT_GROUP_RULE, groups: [group("top", 1, 1_234_567n, 900_000n), group("rising", 0, 0n, 0n), group("falling", 1, 250_000n, 400_000n), group("steady", 0, 0n, 0n)] },
  loyalty: {
    rule: DEFAULT_LOYALTY_RULE,
    classes: [
      { ...group("loyal", 1, 1_234_567n, 900_000n), treatment: "" }, { ...group("potential", 1, 15n, 0n), treatment: "" },
      { ...group("marginal", 1, 250_000n, 400_000n), treatment: "" }, { ...group("churned", 1, 0n, 10n), treatment: "" },
    ],
  },
  ladder: { rule: DEFAULT_LADDER_RULE, rungs: (["potential", "new", "regular", "old", "loyal"] as const).map((rung, k) => ({ rung, customers: k, netSales: BigInt(k) * M, margin: 0n })) },
};

// 2024-12-31 is day 20,088 since 1970-01-01.
const report = (c: ValueColumns, by: ValueMeasure = "sales", currency = "CNY"): ReportInput =>
  ({ currency, ...valueReport(c, { from: "2024-01-01", to: "2024-12-31", toDay: 20_088, by }), segments, shareOfWallet: { customers: 2, netSales: 250n * M, budget: 1000n * M, share: 0.25 } });

const options = { lang: "en" as const, generatedAt: new Date("2025-01-02T03:04:05Z"), version: "9.9.9", windowLength: "12m" };

/** The markup of one section, by its id. */
function sectionOf(page: string, id: string): string {
  const m = new RegExp(`<section id="${id}">([\\s\\S]*?)</section>`).exec(page);
  if (!m) throw new Error(`no section ${id}`);
  return m[1]!;
}

/** The cells of a table row whose header cell is `label`. */
function row(markup: string, label: string): string[] {
  const m = new RegExp(`<tr><th scope="row">${label}</th>(.*?)</tr>`).exec(markup);
  if (!m) throw new Error(`no row ${label}`);
  return [...m[1]!.matchAll(/<td[^>]*>(.*?)<\/td>/g)].map((c) => c[1]!);
}

describe("the HTML value report", () => {
  let page = "";
  beforeAll(async () => {
    page = await renderValueReportHtml(report(columns), options);
  });

  it("heads the page with the window, the measure, the currency, the as-of date and who made it when", () => {
    const header = /<header>([\s\S]*?)<\/header>/.exec(page)![1]!;
    expect(header).toContain("<dd>2024-01-01 – 2024-12-31 (12m)</dd>");
    expect(header).toContain("<dt>As of</dt><dd>2024-12-31</dd>");
    expect(header).toContain("<dd>net sales</dd>");
    expect(header).toContain("<dt>Currency</dt><dd>CNY</dd>");
    expect(header).toContain("2025-01-02 03:04 UTC by retain 9.9.9");
  });

  it("prints the deciles' money exactly, with separators, and their shares to one decimal", () => {
    const deciles = sectionOf(page, "deciles");
    // Ranks 0, 1, 2 of 3 fall in deciles ⌊10·i / 3⌋ + 1 = 1, 4, 7.
    expect(row(deciles, "1")).toEqual(["1", "33.3%", "33.3%", "1,234,567.89", "83.2%", "83.2%", "234,567.89", "82.4%", "82.4%"]);
    expect(row(deciles, "4")).toEqual(["1", "33.3%", "66.7%", "250,000.50", "16.8%", "100.0%", "50,000.50", "17.6%", "100.0%"]);
    expect(row(deciles, "7")).toEqual(["1", "33.3%", "100.0%", "15.000001", "0.0%", "100.0%", "0.00", "0.0%", "100.0%"]);
    expect(row(deciles, "2")).toEqual(["0", "0.0%", "33.3%", "0.00", "0.0%", "83.2%", "0.00", "0.0%", "82.4%"]);
    expect(row(sectionOf(page, "kpis"), "Net sales \\(CNY\\)")).toEqual(["1,484,583.390001"]);
  });

  it("says how few customers make half, 80% and 90% of the measure", () => {
    // A alone makes 83.2% of the total; 90% needs B too.
    expect(sectionOf(page, "concentration")).toContain("33.3% of customers (1) make 50% of net sales; 33.3% (1) make 80%; 66.7% (2) make 90%.");
  });

  it("lists the purchase deciles, the pyramid with its treatments, both customer types with the rule, and the RFM segments", () => {
    // A reaches the first eight tenths at once; B the ninth and the tenth.
    const parts = sectionOf(page, "purchase-deciles");
    expect(row(parts, "80%")).toEqual(["0", "0.0%", "1", "33.3%"]);
    expect(row(parts, "90%")).toEqual(["1", "33.3%", "2", "66.7%"]);
    const pyramid = sectionOf(page, "pyramid");
    expect(row(pyramid, "Important key")).toEqual(["1", "33.3%", "1,234,567.89", "83.2%", "234,567.89", "82.4%", STRINGS.en.treatment.key]);
    expect(row(pyramid, "Small")[2]).toBe("15.000001");
    const types = sectionOf(page, "customer-types");
    expect(types).toContain("Rule used: a discount share of at least 30.0% and at most 2 purchase days in the window.");
    expect(row(types, "Transaction").slice(0, 3)).toEqual(["1", "15.000001", "0.00"]);
    expect(row(types, "Relationship").slice(0, 3)).toEqual(["2", "1,484,568.39", "284,568.39"]);
    const rfm = sectionOf(page, "rfm");
    expect(rfm).toContain("among the 4 customers who have bought");
    const counted = STRINGS.en.segment;
    expect(Object.values(counted).reduce((n, name) => n + Number(row(rfm, name)[2]), 0)).toBe(4);
  });

  it("draws the Pareto curve and the pyramid as inline SVG", () => {
    expect(sectionOf(page, "pareto")).toMatch(/<figure class="chart"><svg [^>]*viewBox=/);
    expect(sectionOf(page, "pyramid")).toMatch(/<figure class="chart"><svg [^>]*viewBox=/);
    expect(page.match(/<svg /g)).toHaveLength(2);
    // Inline SVGs share the page's ids and style rules: the two charts must not share a name.
    const names = (id: string) => new Set([...sectionOf(page, id).matchAll(/(?:id|class)="([^"]+)"/g)].map((m) => m[1]).filter((n) => n!.startsWith("zr")));
    const pareto = names("pareto");
    expect(pareto.size).toBeGreaterThan(0);
    expect([...names("pyramid")].filter((n) => pareto.has(n))).toEqual([]);
  });

  it("gives every section a definition and the docs/value.md section it comes from", () => {
    const sections = [...page.matchAll(/<section id="([\w-]+)">\n<h2>.*?<\/h2>\n<p class="def">(.*?)<\/p>/g)];
    expect(sections).toHaveLength(SECTIONS.length);
    for (const [, id, def] of sections) expect(def, id).toMatch(/\w.{40,} <span class="src">Definition: docs\/value\.md, “[^”]+”\.<\/span>$/);
    expect(sectionOf(page, "deciles")).toContain("the decile of rank i is ⌊10·i / n⌋ + 1");
    expect(sectionOf(page, "deciles")).toContain("“Groups by share of customers”");
    expect(sectionOf(page, "pareto")).toContain("“The Pareto curve”");
  });

  it("shows the three profitable groups, the loyalty classes with their treatments, the ladder and share of wallet, each with its rule", () => {
    expect(row(sectionOf(page, "profit-groups"), "Profitable, losing value")).toEqual(["1", "250,000.00", "400,000.00", "50,000.00", "80,000.00"]);
    expect(sectionOf(page, "profit-groups")).toContain("Rule used: top = the best 20.0%; a change of 25.0% against the window before");
    expect(sectionOf(page, "loyalty")).toContain("Targeted offers, long-term care and a win-back plan.");
    expect(sectionOf(page, "loyalty")).toContain("churned after 365 days without a purchase");
    expect(row(sectionOf(page, "ladder"), "Loyal")).toEqual(["4", "4.00"]);
    expect(sectionOf(page, "wallet")).toContain("2 customers with a budget spent 250.00 CNY of the 1,000.00 CNY their budgets give this window: a share of wallet of 25.0%.");
  });

  it("cites only sections that docs/value.md has", () => {
    const headings = fs.readFileSync(path.resolve(import.meta.dirname, "../../../docs/value.md"), "utf8").match(/^## .*/gm)!.map((h) => h.slice(3));
    const cited = new Set([...page.matchAll(/docs\/value\.md, “([^”]+)”/g)].map((m) => m[1]!));
    expect(cited.size).toBeGreaterThan(4);
    for (const name of cited) expect(headings.some((h) => h === name || h.startsWith(`${name} (`)), name).toBe(true);
  });

  it("loads nothing: no script, no stylesheet or image link, and no web address but the SVG namespaces", () => {
    // url(#id) is a chart's own clip path; url( of anything else would be fetched.
    expect(page).not.toMatch(/<script|<link|<img|<iframe|@import|url\((?!#)|\ssrc=/i);
    const addresses = [...page.matchAll(/(\S*)(https?:\/\/[^"\s]*)/gi)].map((m) => `${m[1]}${m[2]}`);
    expect(addresses.length).toBeGreaterThan(0);
    expect(new Set(addresses)).toEqual(new Set(['xmlns="http://www.w3.org/2000/svg', 'xmlns:xlink="http://www.w3.org/1999/xlink']));
    expect(page).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`);
  });

  it("escapes every text that comes from data or options", async () => {
    const hostile = report(columns, "sales", `<img src=x onerror="alert(1)">`);
    const segment = hostile.rfm.segments[0]!;
    (segment as { segment: string }).segment = "</td><script>alert('x')</script>";
    const out = await renderValueReportHtml(hostile, { ...options, windowLength: `12m"><b>`, version: "<i>1</i>" });
    expect(out).not.toMatch(/<script|<img|<b>|<i>/);
    expect(out).toContain("&lt;/td&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;");
    expect(out).toContain("Net sales (&lt;img src=x onerror=&quot;alert(1)&quot;&gt;)");
    expect(out).toContain("(12m&quot;&gt;&lt;b&gt;)");
    expect(out).toContain("retain &lt;i&gt;1&lt;/i&gt;");
  });

  it("says plainly when nobody bought in the window, with no tables or charts", async () => {
    const nobody = { ...columns, purchaseDays: new Uint32Array(4), orders: new Uint32Array(4) };
    const out = await renderValueReportHtml(report(nobody), options);
    expect(out).toContain("No customer bought between 2024-01-01 and 2024-12-31, so there is nothing to rank.");
    expect(out).not.toMatch(/<svg|<table|<section/);
  });

  it("says there are no shares, instead of drawing charts, when the measure's total is zero", async () => {
    // Ranked by margin: C alone bought, with no known cost, so the margin total is 0.
    const onlyC = { ...columns, purchaseDays: Uint32Array.from([0, 0, 1, 0]) };
    const out = await renderValueReportHtml(report(onlyC, "margin"), options);
    expect(out).not.toContain("<svg");
    for (const id of ["concentration", "purchase-deciles", "pareto", "pyramid"]) {
      expect(sectionOf(out, id), id).toContain("The total contribution margin is zero or negative, so there are no shares to show.");
    }
    expect(row(sectionOf(out, "deciles"), "1")[3]).toBe("15.000001");
  });

  it.each(LANGS)("renders every section in %s", async (lang) => {
    const out = await renderValueReportHtml(report(columns), { ...options, lang });
    const s = STRINGS[lang];
    expect(out).toContain(`<html lang="${lang}">`);
    for (const text of [s.title, s.kpisTitle, s.decilesTitle, s.purchaseTitle, s.paretoTitle, s.pyramidTitle, s.typesTitle, s.rfmTitle, s.tier.key, s.segment.champions]) {
      expect(out).toContain(text);
    }
    expect(out).not.toMatch(/undefined|\{\w+\}/);
    expect(out.match(/<svg /g)).toHaveLength(2);
  });
});
