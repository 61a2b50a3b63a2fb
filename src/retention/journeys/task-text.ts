import type { JourneyStep } from "../../domain/journeys/post-purchase.ts";
import { festival, type FestivalKey } from "../../domain/calendar/festivals.ts";
import type { Language } from "./journey-templates.ts";

/**
 * The titles and notes of the tasks journeys and reminders put on the staff's agenda. A task
 * is stored with its text, so it is written once, in the business's chosen language.
 */
export type CareKind = "birthday" | "lunarBirthday" | "weddingAnniversary" | "companyAnniversary" | "other" | "festival";

const STEP: Record<Language, Record<JourneyStep, string>> = {
  "zh-CN": { welcome: "购后欢迎", information: "使用指导", checkIn: "使用回访", repurchaseOffer: "复购提醒" },
  "zh-TW": { welcome: "購後歡迎", information: "使用指導", checkIn: "使用回訪", repurchaseOffer: "回購提醒" },
  en: { welcome: "Welcome after purchase", information: "Usage tips", checkIn: "Check-in", repurchaseOffer: "Repurchase offer" },
};

const OCCASION: Record<Language, Record<Exclude<CareKind, "festival">, string>> = {
  "zh-CN": { birthday: "生日", lunarBirthday: "农历生日", weddingAnniversary: "结婚纪念日", companyAnniversary: "公司周年", other: "纪念日" },
  "zh-TW": { birthday: "生日", lunarBirthday: "農曆生日", weddingAnniversary: "結婚紀念日", companyAnniversary: "公司週年", other: "紀念日" },
  en: { birthday: "Birthday", lunarBirthday: "Lunar birthday", weddingAnniversary: "Wedding anniversary", companyAnniversary: "Company anniversary", other: "Anniversary" },
};

const WORDS = {
  "zh-CN": { sep: "：", greet: "问候", visit: "计划拜访", unnamed: "（未命名）", on: "日期", age: (n: number) => `${n}岁`, years: (n: number) => `${n}周年`, order: "订单", category: "品类", held: "邮件未发出，请人工联系" },
  "zh-TW": { sep: "：", greet: "問候", visit: "計畫拜訪", unnamed: "（未命名）", on: "日期", age: (n: number) => `${n}歲`, years: (n: number) => `${n}週年`, order: "訂單", category: "品類", held: "郵件未發出，請人工聯繫" },
  en: { sep: ": ", greet: "greeting", visit: "Planned visit", unnamed: "(no name)", on: "on", age: (n: number) => `turns ${n}`, years: (n: number) => `${n} years`, order: "order", category: "category", held: "E-mail held back, contact them yourself" },
} satisfies Record<Language, unknown>;

const who = (lang: Language, name: string | null) => name?.trim() || WORDS[lang].unnamed;

export function journeyTitle(lang: Language, step: JourneyStep, name: string | null, category: string | null): string {
  const w = WORDS[lang];
  return `${STEP[lang][step]}${category ? ` (${category})` : ""}${w.sep}${who(lang, name)}`;
}

export function journeyNotes(lang: Language, orderNo: string, orderDate: string, held?: string): string {
  const w = WORDS[lang];
  return [`${w.order} ${orderNo} (${orderDate})`, held ? heldNote(lang, held) : null].filter(Boolean).join("\n");
}

/** The note on a task that stands in for an e-mail held back, with why ("MISSING_VALUE:points"). */
export const heldNote = (lang: Language, reason: string): string => `${WORDS[lang].held} (${reason})`;

export function occasionName(lang: Language, kind: CareKind, festivalKey?: FestivalKey, label?: string | null): string {
  if (kind === "festival") return `${festival(festivalKey!).names[lang]}${lang === "en" ? " " : ""}${WORDS[lang].greet}`;
  return label?.trim() || OCCASION[lang][kind];
}

export function careTitle(lang: Language, kind: CareKind, name: string | null, o: { festivalKey?: FestivalKey; label?: string | null; years?: number }): string {
  const w = WORDS[lang];
  const years = o.years === undefined ? "" : ` (${kind === "birthday" || kind === "lunarBirthday" ? w.age(o.years) : w.years(o.years)})`;
  return `${occasionName(lang, kind, o.festivalKey, o.label)}${w.sep}${who(lang, name)}${years}`;
}

export function careNotes(lang: Language, occasionDate: string, lunar: string | null, years: number | undefined, kind: CareKind): string {
  const w = WORDS[lang];
  const parts = [`${w.on} ${occasionDate}${lunar ? ` (${lunar})` : ""}`];
  if (years !== undefined) parts.push(kind === "birthday" || kind === "lunarBirthday" ? w.age(years) : w.years(years));
  return parts.join(", ");
}

export const visitTitle = (lang: Language, name: string | null): string => `${WORDS[lang].visit}${WORDS[lang].sep}${who(lang, name)}`;

const CN_DAYS = ["初一", "初二", "初三", "初四", "初五", "初六", "初七", "初八", "初九", "初十", "十一", "十二", "十三", "十四", "十五", "十六", "十七", "十八", "十九", "二十", "廿一", "廿二", "廿三", "廿四", "廿五", "廿六", "廿七", "廿八", "廿九", "三十"];
const CN_MONTHS = ["正", "二", "三", "四", "五", "六", "七", "八", "九", "十", "冬", "腊"];
const TW_MONTHS = ["正", "二", "三", "四", "五", "六", "七", "八", "九", "十", "冬", "臘"];

/** A lunar date written as a calendar does: 八月十五, 闰四月初一; "lunar 8/15" in English. */
export function lunarText(lang: Language, d: { month: number; day: number; leap: boolean }): string {
  if (lang === "en") return `lunar ${d.leap ? "leap " : ""}${d.month}/${d.day}`;
  const months = lang === "zh-TW" ? TW_MONTHS : CN_MONTHS;
  return `${d.leap ? (lang === "zh-TW" ? "閏" : "闰") : ""}${months[d.month - 1]}月${CN_DAYS[d.day - 1]}`;
}
