/**
 * HTML built from templates whose every inserted value is escaped unless it is already
 * HTML: a segment name, a currency code or an option can never become markup.
 */

/** Markup that is inserted as it is (built by `html`, or an SVG drawn by ECharts). */
export class Html {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

const ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Text as HTML: safe inside elements and inside quoted attributes. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

export type HtmlPart = Html | string | number | null | undefined | false | readonly HtmlPart[];

function part(p: HtmlPart): string {
  if (p === null || p === undefined || p === false) return "";
  if (p instanceof Html) return p.text;
  if (Array.isArray(p)) return p.map(part).join("");
  return escapeHtml(String(p));
}

/** A template of markup: strings and numbers put into it are escaped; Html and arrays of parts are not escaped again. */
export function html(strings: TemplateStringsArray, ...values: HtmlPart[]): Html {
  let out = strings[0]!;
  values.forEach((v, i) => (out += part(v) + strings[i + 1]!));
  return new Html(out);
}

/** Markup made elsewhere and trusted as it is: only the charts' SVG. */
export const trusted = (markup: string): Html => new Html(markup);
