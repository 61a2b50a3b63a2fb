import { checkTemplate, type TemplateProblem } from "../../domain/messages/template.ts";
import type { Language } from "../journeys/journey-templates.ts";

/**
 * The post-purchase survey's invitation e-mail: the built-in one per language, and the
 * checks a custom one must pass. `{{surveyUrl}}` (each customer's own link) is a field of
 * this e-mail only, so it is not among the merge fields other templates may use.
 */
const TEMPLATES: Record<Language, { subject: string; body: string }> = {
  "zh-CN": {
    subject: "{{name}}，您对这次购物满意吗？",
    body: "{{name}}您好：\n\n感谢您最近购买{{lastPurchase.product}}。请花两分钟告诉我们您的感受，帮助我们做得更好：\n{{surveyUrl}}\n\n不想再收到此类邮件？点此退订：{{unsubscribeUrl}}",
  },
  "zh-TW": {
    subject: "{{name}}，您對這次購物滿意嗎？",
    body: "{{name}}您好：\n\n感謝您最近購買{{lastPurchase.product}}。請花兩分鐘告訴我們您的感受，幫助我們做得更好：\n{{surveyUrl}}\n\n不想再收到此類郵件？點此退訂：{{unsubscribeUrl}}",
  },
  en: {
    subject: "{{name}}, how was your purchase?",
    body: "Dear {{name}},\n\nThank you for buying {{lastPurchase.product}}. Two minutes of your time tell us how we did:\n{{surveyUrl}}\n\nTo stop these e-mails: {{unsubscribeUrl}}",
  },
};

/** The built-in invitation in a language (used while the settings give none). */
export const postPurchaseTemplate = (language: Language) => TEMPLATES[language];

export type SurveyTemplateProblem = (TemplateProblem | { code: "NO_SURVEY_LINK" }) & { part: "subject" | "body" };

/**
 * What is wrong with an invitation template: the checks every e-mail gets, with
 * `{{surveyUrl}}` known here, and the link itself required in the body.
 */
export function checkSurveyTemplate(t: { subject: string; body: string }): SurveyTemplateProblem[] {
  const known = (s: string) => s.replaceAll(SURVEY_URL, "https://x.invalid/s/1");
  const subject = checkTemplate(known(t.subject), "other").filter((p) => p.code !== "NOT_PERSONAL").map((p) => ({ ...p, part: "subject" as const }));
  const body = checkTemplate(known(t.body), "email").map((p) => ({ ...p, part: "body" as const }));
  const link = new RegExp(SURVEY_URL.source).test(t.body) ? [] : [{ code: "NO_SURVEY_LINK" as const, part: "body" as const }];
  return [...subject, ...body, ...link];
}

/** `{{surveyUrl}}` wherever it stands in a template. */
export const SURVEY_URL = /\{\{\s*surveyUrl\s*\}\}/g;

/** The template with each customer's link in place of `{{surveyUrl}}`. */
export const withSurveyUrl = (t: { subject: string; body: string }, url: string) => ({ subject: t.subject.replaceAll(SURVEY_URL, url), body: t.body.replaceAll(SURVEY_URL, url) });
