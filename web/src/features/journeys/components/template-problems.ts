import type { Step, StepTemplate } from "../api/journeys.api";

const FIELD = /\{\{\s*([A-Za-z.]+)\s*\}\}/g;
const GENERIC = [/dear\s+(valued\s+)?(customer|client|member|shopper|friend)s?\b/i, /尊敬的(客户|顾客|会员|用户|客戶|顧客|會員|用戶)/, /亲爱的(客户|顾客|会员|用户)/, /親愛的(客戶|顧客|會員|用戶)/];
const PERSONAL = ["name", "lastPurchase.date", "lastPurchase.product", "favouriteCategory", "nextBestOffer", "memberLevel", "points"];

export type EmailProblem = { code: "unknownField"; field: string } | { code: "generic"; text: string } | { code: "notPersonal" } | { code: "noUnsubscribe" };
export type Problem = EmailProblem | { code: "noServiceNumber" };

/** The server's template checks (src/domain/messages/template.ts), shown while typing; the server checks again on save. */
export function templateProblems(step: Step, t: StepTemplate, known: readonly string[]): Problem[] {
  if (t.channel !== "email") return [];
  const out: Problem[] = emailProblems(t, known);
  if (step === "welcome" && ![...t.body.matchAll(FIELD)].some((m) => m[1] === "serviceNumber")) out.push({ code: "noServiceNumber" });
  return out;
}

/** An e-mail template's problems as such (any e-mail: a journey step's, a contact plan's). */
export function emailProblems(t: { subject: string; body: string }, known: readonly string[]): EmailProblem[] {
  const fields = [...t.body.matchAll(FIELD)].map((m) => m[1]!);
  const out: EmailProblem[] = [];
  for (const f of new Set([...fields, ...[...t.subject.matchAll(FIELD)].map((m) => m[1]!)])) if (!known.includes(f)) out.push({ code: "unknownField", field: f });
  for (const g of GENERIC) {
    const m = g.exec(`${t.subject}\n${t.body}`);
    if (m) out.push({ code: "generic", text: m[0] });
  }
  if (!fields.some((f) => PERSONAL.includes(f))) out.push({ code: "notPersonal" });
  if (!fields.includes("unsubscribeUrl")) out.push({ code: "noUnsubscribe" });
  return out;
}
