/**
 * The sections of the HTML value report, one function each. A section gives its title, a
 * short definition and the docs/value.md section it comes from, so every figure can be
 * traced to how it is computed. A new analysis becomes a new function in SECTIONS.
 */
import type { ValueReport } from "../../analytics/value/report.ts";
import type { ShareOfWallet } from "../../analytics/value/segments.ts";
import type { SegmentsSummary } from "../segments.service.ts";
import { RFM_SEGMENTS } from "../../analytics/value/rfm.ts";
import { count, decimal, money, percent } from "./format.ts";
import { html, trusted, type Html, type HtmlPart } from "./html.ts";
import { fill, type Strings } from "./strings.ts";
import { paretoSvg, pyramidSvg } from "./svg-charts.ts";

/** The value report; the segments and share of wallet when the service computed them. */
export type ReportInput = ValueReport & { currency: string; segments?: SegmentsSummary; shareOfWallet?: ShareOfWallet };

export interface SectionContext {
  report: ReportInput;
  s: Strings;
  /** The ranking measure in words ("net sales"), for the definitions and sentences. */
  measure: string;
}

/** A section of the report, or null when the report has nothing for it (a promise when it draws a chart). */
export type Section = (ctx: SectionContext) => Html | null | Promise<Html | null>;

function section(id: string, title: string, definition: string, docsSection: string, ctx: SectionContext, body: HtmlPart): Html {
  return html`<section id="${id}">
<h2>${title}</h2>
<p class="def">${definition} <span class="src">${fill(ctx.s.source, { section: docsSection })}</span></p>
${body}
</section>
`;
}

/** A table that scrolls sideways on a narrow screen instead of squeezing its numbers. */
const table = (head: HtmlPart, rows: HtmlPart) => html`<div class="scroll"><table>
<thead>${head}</thead>
<tbody>
${rows}</tbody>
</table></div>`;

const num = (text: string) => html`<td class="num">${text}</td>`;
const note = (text: string) => html`<p class="note">${text}</p>`;

export function kpisSection(ctx: SectionContext): Html {
  const { s } = ctx;
  const { kpis: k, currency } = ctx.report;
  const rows: Array<[string, string]> = [
    [s.kpiCustomers, count(k.customers)],
    [s.kpiOrders, count(k.orders)],
    [fill(s.colNetSales, { currency }), money(k.netSales)],
    [fill(s.colMargin, { currency }), money(k.margin)],
    [s.kpiCoverage, percent(k.marginCoverage)],
    [fill(s.kpiAverageOrder, { currency }), decimal(k.averageOrderValue)],
    [s.kpiDiscount, percent(k.discountShare)],
  ];
  return section("kpis", s.kpisTitle, s.kpisDef, "Windows and as-of dates", ctx, table(
    html`<tr><th>${s.colFigure}</th><th class="num">${s.colValue}</th></tr>`,
    rows.map(([label, value]) => html`<tr><th scope="row">${label}</th>${num(value)}</tr>\n`),
  ));
}

export function concentrationSection(ctx: SectionContext): Html {
  const { s } = ctx;
  const [p50, p80, p90] = ctx.report.concentration;
  const body = p50?.customers == null || p80?.customers == null || p90?.customers == null
    ? note(fill(s.noTotal, { measure: ctx.measure }))
    : html`<p class="headline">${fill(s.concentration, {
      p50: percent(p50.customerShare), n50: count(p50.customers),
      p80: percent(p80.customerShare), n80: count(p80.customers),
      p90: percent(p90.customerShare), n90: count(p90.customers),
      measure: ctx.measure,
    })}</p>`;
  return section("concentration", s.concentrationTitle, s.concentrationDef, "Purchase deciles", ctx, body);
}

export function decilesSection(ctx: SectionContext): Html {
  const { s } = ctx;
  const currency = ctx.report.currency;
  const sumCells = (x: { sum: bigint; share: number | null; cumulativeShare: number | null }) => [num(money(x.sum)), num(percent(x.share)), num(percent(x.cumulativeShare))];
  const head = html`<tr><th rowspan="2">${s.colDecile}</th><th colspan="3" class="group">${s.colCustomers}</th><th colspan="3" class="group">${fill(s.colNetSales, { currency })}</th><th colspan="3" class="group">${fill(s.colMargin, { currency })}</th></tr>
<tr>${[s.colCount, s.colShare, s.colCumulative, s.colSum, s.colShare, s.colCumulative, s.colSum, s.colShare, s.colCumulative].map((h) => html`<th class="num">${h}</th>`)}</tr>`;
  const rows = ctx.report.deciles.map((d) => html`<tr><th scope="row">${d.group}</th>${num(count(d.customers))}${num(percent(d.customerShare))}${num(percent(d.cumulativeCustomerShare))}${sumCells(d.sums.netSales!)}${sumCells(d.sums.margin!)}</tr>\n`);
  return section("deciles", s.decilesTitle, fill(s.decilesDef, { measure: ctx.measure }), "Groups by share of customers", ctx, table(head, rows));
}

export function purchaseDecilesSection(ctx: SectionContext): Html {
  const { s } = ctx;
  const parts = ctx.report.purchaseDeciles;
  const body = parts === null
    ? note(fill(s.noTotal, { measure: ctx.measure }))
    : table(
      html`<tr><th>${s.colPart}</th>${[s.colAdded, s.colShareOfCustomers, s.colCumulativeCustomers, s.colCumulativeShare].map((h) => html`<th class="num">${h}</th>`)}</tr>`,
      parts.map((p) => html`<tr><th scope="row">${p.part * 10}%</th>${num(count(p.customers))}${num(percent(p.customerShare))}${num(count(p.cumulativeCustomers))}${num(percent(p.cumulativeCustomerShare))}</tr>\n`),
    );
  return section("purchase-deciles", s.purchaseTitle, fill(s.purchaseDef, { measure: ctx.measure }), "Purchase deciles", ctx, body);
}

export async function paretoSection(ctx: SectionContext): Promise<Html> {
  const { s, report } = ctx;
  const marks = report.concentration.flatMap((c) => (c.customerShare === null ? [] : [{ share: c.share, customerShare: c.customerShare }]));
  const body = report.pareto === null
    ? note(fill(s.noTotal, { measure: ctx.measure }))
    : html`<figure class="chart">${trusted(await paretoSvg({
      points: report.pareto, marks,
      labels: { curve: fill(s.chartValue, { measure: ctx.measure }), equal: s.chartEqual, xAxis: s.chartCustomers },
    }))}</figure>`;
  return section("pareto", s.paretoTitle, fill(s.paretoDef, { measure: ctx.measure }), "The Pareto curve", ctx, body);
}

export async function pyramidSection(ctx: SectionContext): Promise<Html> {
  const { s, report } = ctx;
  const currency = report.currency;
  const rank = report.by === "sales" ? "netSales" : "margin";
  const head = html`<tr><th>${s.colTier}</th>${[s.colCustomers, s.colShare, fill(s.colNetSales, { currency }), s.colShare, fill(s.colMargin, { currency }), s.colShare].map((h) => html`<th class="num">${h}</th>`)}<th>${s.colTreatment}</th></tr>`;
  const rows = report.pyramid.map((t) => html`<tr><th scope="row">${s.tier[t.tier] ?? t.tier}</th>${num(count(t.customers))}${num(percent(t.customerShare))}${num(money(t.sums.netSales!.sum))}${num(percent(t.sums.netSales!.share))}${num(money(t.sums.margin!.sum))}${num(percent(t.sums.margin!.share))}<td class="text">${s.treatment[t.tier] ?? ""}</td></tr>\n`);
  const shares = report.pyramid.map((t) => t.sums[rank]!.share);
  const chart = shares.some((x) => x === null)
    ? note(fill(s.noTotal, { measure: ctx.measure }))
    : html`<figure class="chart">${trusted(await pyramidSvg({
      tiers: report.pyramid.map((t, k) => ({ name: s.tier[t.tier] ?? t.tier, customerShare: t.customerShare, valueShare: shares[k]! })),
      labels: { customers: s.chartShareOfCustomers, value: fill(s.chartValue, { measure: ctx.measure }) },
    }))}</figure>`;
  return section("pyramid", s.pyramidTitle, fill(s.pyramidDef, { measure: ctx.measure }), "Groups by share of customers", ctx, [table(head, rows), chart]);
}

export function customerTypesSection(ctx: SectionContext): Html {
  const { s } = ctx;
  const ct = ctx.report.customerTypes;
  const currency = ctx.report.currency;
  const rule = fill(s.typesRule, { discount: percent(ct.rule.minDiscountShare), days: count(ct.rule.maxPurchaseDays) });
  const head = html`<tr><th>${s.colType}</th>${[s.colCustomers, fill(s.colNetSales, { currency }), fill(s.colMargin, { currency })].map((h) => html`<th class="num">${h}</th>`)}<th>${s.colAbout}</th></tr>`;
  const rows = (["transaction", "relationship"] as const).map((k) => html`<tr><th scope="row">${s.type[k]}</th>${num(count(ct[k].customers))}${num(money(ct[k].netSales))}${num(money(ct[k].margin))}<td class="text">${s.typeAbout[k]}</td></tr>\n`);
  return section("customer-types", s.typesTitle, s.typesDef, "Transaction and relationship customers", ctx, [html`<p class="rule">${rule}</p>`, table(head, rows)]);
}

const range = (xs: readonly number[]) => (xs.length === 1 ? String(xs[0]) : `${Math.min(...xs)}–${Math.max(...xs)}`);

export function rfmSection(ctx: SectionContext): Html {
  const { s } = ctx;
  const { rfm, currency } = ctx.report;
  const cells = new Map<string, { r: readonly number[]; f: readonly number[] }>(RFM_SEGMENTS.map((x) => [x.segment, x]));
  const head = html`<tr><th>${s.colSegment}</th><th class="num">R</th><th class="num">F</th>${[s.colCustomers, s.colShare, fill(s.colNetSales, { currency }), s.colShare].map((h) => html`<th class="num">${h}</th>`)}</tr>`;
  const rows = rfm.segments.map((x) => {
    const cell = cells.get(x.segment);
    const name = (s.segment as Record<string, string | undefined>)[x.segment] ?? x.segment;
    return html`<tr><th scope="row">${name}</th>${num(cell ? range(cell.r) : "")}${num(cell ? range(cell.f) : "")}${num(count(x.customers))}${num(percent(x.customerShare))}${num(money(x.value))}${num(percent(x.valueShare))}</tr>\n`;
  });
  return section("rfm", s.rfmTitle, fill(s.rfmDef, { n: count(rfm.customers) }), "RFM", ctx, table(head, rows));
}

export function profitGroupsSection(ctx: SectionContext): Html | null {
  const seg = ctx.report.segments;
  if (!seg) return null;
  const { s } = ctx;
  const currency = ctx.report.currency;
  const { rule, groups } = seg.profitGroups;
  const pw = seg.previousWindow;
  const head = html`<tr><th>${s.colSegment}</th>${[s.colCustomers, fill(s.colNetSales, { currency }), fill(s.colBefore, { currency }), fill(s.colMargin, { currency }), fill(s.colBefore, { currency })].map((h) => html`<th class="num">${h}</th>`)}</tr>`;
  const rows = groups.map((g) => html`<tr><th scope="row">${s.group[g.group]}</th>${num(count(g.customers))}${num(money(g.netSales))}${num(money(g.previousNetSales))}${num(money(g.margin))}${num(money(g.previousMargin))}</tr>\n`);
  return section("profit-groups", s.groupsTitle, fill(s.groupsDef, { measure: ctx.measure, from: pw.from, to: pw.to }), "Segments", ctx, [
    html`<p class="rule">${fill(s.groupsRule, { top: percent(rule.topShare), change: percent(rule.change) })}</p>`, table(head, rows),
  ]);
}

export function loyaltySection(ctx: SectionContext): Html | null {
  const seg = ctx.report.segments;
  if (!seg) return null;
  const { s } = ctx;
  const currency = ctx.report.currency;
  const { rule, classes } = seg.loyalty;
  const head = html`<tr><th>${s.colClass}</th>${[s.colCustomers, fill(s.colNetSales, { currency }), fill(s.colMargin, { currency })].map((h) => html`<th class="num">${h}</th>`)}<th>${s.colTreatment}</th></tr>`;
  const rows = classes.map((c) => html`<tr><th scope="row">${s.loyalty[c.group]}</th>${num(count(c.customers))}${num(money(c.netSales))}${num(money(c.margin))}<td class="text">${s.loyaltyTreatment[c.group]}</td></tr>\n`);
  const ruleText = fill(s.loyaltyRule, {
    churn: count(rule.churnDays), new: count(rule.newDays), days: count(rule.loyalPurchaseDays), top: percent(rule.loyalTopShare), measure: ctx.measure, discount: percent(rule.loyalMaxDiscount),
  });
  return section("loyalty", s.loyaltyTitle, s.loyaltyDef, "Segments", ctx, [html`<p class="rule">${ruleText}</p>`, table(head, rows)]);
}

export function ladderSection(ctx: SectionContext): Html | null {
  const seg = ctx.report.segments;
  if (!seg) return null;
  const { s } = ctx;
  const currency = ctx.report.currency;
  const { rule, rungs } = seg.ladder;
  const head = html`<tr><th>${s.colRung}</th>${[s.colCustomers, fill(s.colNetSales, { currency })].map((h) => html`<th class="num">${h}</th>`)}</tr>`;
  const rows = rungs.map((r) => html`<tr><th scope="row">${s.rung[r.rung]}</th>${num(count(r.customers))}${num(money(r.netSales))}</tr>\n`);
  return section("ladder", s.ladderTitle, s.ladderDef, "Segments", ctx, [
    html`<p class="rule">${fill(s.ladderRule, { months: count(rule.periodMonths), periods: count(rule.loyalPeriods), old: count(rule.oldMonths) })}</p>`, table(head, rows),
  ]);
}

export function walletSection(ctx: SectionContext): Html | null {
  const w = ctx.report.shareOfWallet;
  if (!w) return null;
  const { s } = ctx;
  const currency = ctx.report.currency;
  const body = w.customers === 0
    ? note(s.walletNone)
    : html`<p>${fill(s.walletLine, { customers: count(w.customers), spent: `${money(w.netSales)} ${currency}`, budget: `${money(w.budget)} ${currency}`, share: percent(w.share) })}</p>`;
  return section("wallet", s.walletTitle, s.walletDef, "Share of wallet", ctx, body);
}

/** The report's sections, in order. */
export const SECTIONS: readonly Section[] = [
  kpisSection, concentrationSection, decilesSection, purchaseDecilesSection, paretoSection, pyramidSection, customerTypesSection, rfmSection,
  profitGroupsSection, loyaltySection, ladderSection, walletSection,
];
