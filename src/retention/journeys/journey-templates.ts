import type { JourneyStep } from "../../domain/journeys/post-purchase.ts";

/**
 * The built-in wording of each post-purchase step, in the languages retain speaks. Every
 * template names the customer and what they bought (merge fields from their own history),
 * and every e-mail carries its unsubscribe link; the welcome gives the service number, since
 * reassurance right after the purchase is its whole point (DOMAIN §5, stage 1).
 */
export const LANGUAGES = ["zh-CN", "zh-TW", "en"] as const;
export type Language = (typeof LANGUAGES)[number];

export interface StepTemplate {
  subject: string;
  body: string;
}

export const JOURNEY_STEPS: readonly JourneyStep[] = ["welcome", "information", "checkIn", "repurchaseOffer"];

export const DEFAULT_TEMPLATES: Record<Language, Record<JourneyStep, StepTemplate>> = {
  "zh-CN": {
    welcome: {
      subject: "{{name}}，感谢您选购{{lastPurchase.product}}",
      body: "{{name}}您好：\n\n感谢您选购{{lastPurchase.product}}。使用中有任何疑问，请随时拨打我们的服务热线 {{serviceNumber}}，我们随时为您服务。\n\n不想再收到此类邮件？点此退订：{{unsubscribeUrl}}",
    },
    information: {
      subject: "{{lastPurchase.product}}的使用与保养小贴士",
      body: "{{name}}您好：\n\n为了让{{lastPurchase.product}}更好地为您服务，我们整理了使用与保养要点。如需当面讲解，请致电 {{serviceNumber}} 预约。\n\n点此退订：{{unsubscribeUrl}}",
    },
    checkIn: {
      subject: "{{name}}，{{lastPurchase.product}}用得还顺手吗？",
      body: "{{name}}您好：\n\n您在{{lastPurchase.date}}选购的{{lastPurchase.product}}用得还满意吗？有任何意见或问题，欢迎直接回复本邮件或致电 {{serviceNumber}}。\n\n点此退订：{{unsubscribeUrl}}",
    },
    repurchaseOffer: {
      subject: "{{name}}，{{lastPurchase.product}}快到更换的时候了",
      body: "{{name}}您好：\n\n您的{{lastPurchase.product}}差不多该更换了。作为老顾客，我们为您预留了专属优惠，欢迎到店或致电 {{serviceNumber}} 了解。\n\n点此退订：{{unsubscribeUrl}}",
    },
  },
  "zh-TW": {
    welcome: {
      subject: "{{name}}，感謝您選購{{lastPurchase.product}}",
      body: "{{name}}您好：\n\n感謝您選購{{lastPurchase.product}}。使用中有任何疑問，請隨時撥打我們的服務專線 {{serviceNumber}}，我們隨時為您服務。\n\n不想再收到此類郵件？點此退訂：{{unsubscribeUrl}}",
    },
    information: {
      subject: "{{lastPurchase.product}}的使用與保養小提醒",
      body: "{{name}}您好：\n\n為了讓{{lastPurchase.product}}更好地為您服務，我們整理了使用與保養要點。如需當面講解，請致電 {{serviceNumber}} 預約。\n\n點此退訂：{{unsubscribeUrl}}",
    },
    checkIn: {
      subject: "{{name}}，{{lastPurchase.product}}用得還順手嗎？",
      body: "{{name}}您好：\n\n您在{{lastPurchase.date}}選購的{{lastPurchase.product}}用得還滿意嗎？有任何意見或問題，歡迎直接回覆本郵件或致電 {{serviceNumber}}。\n\n點此退訂：{{unsubscribeUrl}}",
    },
    repurchaseOffer: {
      subject: "{{name}}，{{lastPurchase.product}}快到更換的時候了",
      body: "{{name}}您好：\n\n您的{{lastPurchase.product}}差不多該更換了。作為老顧客，我們為您預留了專屬優惠，歡迎到店或致電 {{serviceNumber}} 了解。\n\n點此退訂：{{unsubscribeUrl}}",
    },
  },
  en: {
    welcome: {
      subject: "{{name}}, thank you for choosing {{lastPurchase.product}}",
      body: "Hello {{name}},\n\nThank you for choosing {{lastPurchase.product}}. If anything about it is unclear, call our service line on {{serviceNumber}}: we are glad to help.\n\nNo more e-mails like this: {{unsubscribeUrl}}",
    },
    information: {
      subject: "Getting the most from your {{lastPurchase.product}}",
      body: "Hello {{name}},\n\nHere are a few tips on using and caring for your {{lastPurchase.product}}. Call {{serviceNumber}} if you would like someone to show you in person.\n\nUnsubscribe: {{unsubscribeUrl}}",
    },
    checkIn: {
      subject: "{{name}}, how is your {{lastPurchase.product}}?",
      body: "Hello {{name}},\n\nHow are you getting on with the {{lastPurchase.product}} you bought on {{lastPurchase.date}}? Reply to this e-mail or call {{serviceNumber}} with anything at all.\n\nUnsubscribe: {{unsubscribeUrl}}",
    },
    repurchaseOffer: {
      subject: "{{name}}, time to renew your {{lastPurchase.product}}",
      body: "Hello {{name}},\n\nYour {{lastPurchase.product}} will soon be due for replacement. As a returning customer you have an offer waiting: visit us or call {{serviceNumber}}.\n\nUnsubscribe: {{unsubscribeUrl}}",
    },
  },
};
