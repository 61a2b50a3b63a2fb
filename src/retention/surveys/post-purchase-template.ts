import { checkEmailTemplate, fieldsOf, type EmailProblem } from "../../domain/messages/template.ts";
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

/** The field an invitation supplies itself: the customer's own link to the survey. */
export const SURVEY_URL = "surveyUrl";

export type SurveyTemplateProblem = EmailProblem | { code: "NO_SURVEY_LINK"; part: "body" };

/** What is wrong with an invitation template: the check every e-mail gets, and the link required in the body. */
export function checkSurveyTemplate(t: { subject: string; body: string }): SurveyTemplateProblem[] {
  const link: SurveyTemplateProblem[] = fieldsOf(t.body).includes(SURVEY_URL) ? [] : [{ code: "NO_SURVEY_LINK", part: "body" }];
  return [...checkEmailTemplate(t, [SURVEY_URL]), ...link];
}
