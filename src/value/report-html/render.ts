/**
 * The value report as one self-contained HTML page: inline CSS, charts as inline SVG, no
 * script and nothing fetched (its content security policy forbids it), so it opens
 * offline, prints, and can be mailed as a file. Pure: a report and options in, text out
 * (asynchronous only because the chart library is loaded on first use).
 */
import { html, trusted, type Html } from "./html.ts";
import { SECTIONS, type ReportInput, type Section } from "./sections.ts";
import { fill, STRINGS, type Lang, type Strings } from "./strings.ts";

export { escapeHtml } from "./html.ts";
export type { ReportInput } from "./sections.ts";

export interface RenderOptions {
  lang: Lang;
  /** When the report was made, and by which version of retain: shown in its header. */
  generatedAt: Date;
  version: string;
  /** The window's length as it was asked for ("12m"), shown beside its dates. */
  windowLength?: string;
}

const CSS = `
:root { color-scheme: light; --ink: #1f2328; --muted: #59636e; --line: #d1d9e0; --band: #f6f8fa; --accent: #1f6feb; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 1100px; padding: 24px; color: var(--ink); background: #fff;
  font: 15px/1.5 -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif; }
h1 { font-size: 26px; margin: 0 0 12px; }
h2 { font-size: 19px; margin: 0 0 6px; padding-bottom: 4px; border-bottom: 2px solid var(--accent); }
header dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 0 0 8px; }
header dt { color: var(--muted); }
header dd { margin: 0; }
section { margin: 28px 0; }
.def { color: var(--muted); font-size: 13.5px; margin: 4px 0 10px; }
.src { font-style: italic; }
.headline { font-size: 17px; font-weight: 600; }
.note, .empty { padding: 10px 14px; background: var(--band); border-left: 4px solid var(--muted); }
.empty { font-size: 17px; }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; font-size: 14px; }
th, td { padding: 5px 9px; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
thead th { background: var(--band); font-weight: 600; white-space: nowrap; }
th.group { text-align: center; border-left: 1px solid var(--line); }
tbody th { font-weight: 500; white-space: nowrap; }
.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
td.text { min-width: 16em; }
figure.chart { margin: 12px 0 0; }
figure.chart svg { display: block; max-width: 100%; height: auto; }
@media (max-width: 640px) {
  body { padding: 12px; font-size: 14px; }
  h1 { font-size: 22px; }
  table { font-size: 13px; }
  th, td { padding: 4px 6px; }
}
@media print {
  body { max-width: none; padding: 0; font-size: 11pt; }
  section { break-inside: avoid; }
  .scroll { overflow: visible; }
  thead { display: table-header-group; }
}
@page { margin: 15mm; }
`;

function header(r: ReportInput, s: Strings, o: RenderOptions, measure: string): Html {
  const range = fill(s.windowRange, { from: r.window.from, to: r.window.to });
  const made = fill(s.made, { at: `${o.generatedAt.toISOString().slice(0, 16).replace("T", " ")} UTC`, version: o.version });
  const rows: Array<[string, string]> = [
    [s.windowLabel, o.windowLength ? `${range} (${o.windowLength})` : range],
    [s.asOfLabel, r.window.to],
    [s.measureLabel, measure],
    [s.currencyLabel, r.currency],
    [s.madeLabel, made],
  ];
  return html`<header>
<h1>${s.title}</h1>
<dl>${rows.map(([k, v]) => html`<dt>${k}</dt><dd>${v}</dd>`)}</dl>
<p class="def">${fill(s.moneyNote, { currency: r.currency })}</p>
</header>
`;
}

/** The value report as a complete HTML document; `sections` defaults to every section of the report. */
export async function renderValueReportHtml(r: ReportInput, o: RenderOptions, sections: readonly Section[] = SECTIONS): Promise<string> {
  const s = STRINGS[o.lang];
  const measure = s.measure[r.by];
  const ctx = { report: r, s, measure };
  const body = r.kpis.customers === 0
    ? html`<p class="empty">${fill(s.empty, { from: r.window.from, to: r.window.to })}</p>\n`
    : await Promise.all(sections.map((section) => section(ctx)));
  return html`<!DOCTYPE html>
<html lang="${o.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${s.title} ${r.window.from} – ${r.window.to}</title>
<style>${trusted(CSS)}</style>
</head>
<body>
${header(r, s, o, measure)}<main>
${body}</main>
</body>
</html>
`.text;
}
