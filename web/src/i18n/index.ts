/**
 * Languages: 简体中文, 繁體中文 and English. The first visit follows the browser; a choice
 * made in the header is remembered in localStorage.
 */
import i18n from "i18next";
import LanguageDetector from "i18next-browser-languagedetector";
import { initReactI18next } from "react-i18next";
import en from "./locales/en.json";
import zhCN from "./locales/zh-CN.json";
import zhTW from "./locales/zh-TW.json";

export const LANGUAGES = ["zh-CN", "zh-TW", "en"] as const;
export type Language = (typeof LANGUAGES)[number];
export const STORAGE_KEY = "retain.lang";

/** Maps whatever the browser says (zh, zh-HK, zh-Hant-TW, en-GB, fr…) onto one of ours. */
export function toLanguage(tag: string | undefined): Language {
  const t = (tag ?? "").toLowerCase();
  if (!t.startsWith("zh")) return "en";
  if (/^zh-(tw|hk|mo)\b/.test(t) || t.includes("hant")) return "zh-TW";
  return "zh-CN";
}

export const currentLanguage = (): Language => toLanguage(i18n.resolvedLanguage ?? i18n.language);

void i18n
  .use(LanguageDetector)
  .use(initReactI18next)
  .init({
    resources: { en: { translation: en }, "zh-CN": { translation: zhCN }, "zh-TW": { translation: zhTW } },
    supportedLngs: [...LANGUAGES],
    fallbackLng: "en",
    load: "currentOnly",
    interpolation: { escapeValue: false }, // React escapes text itself.
    detection: {
      order: ["localStorage", "navigator"],
      lookupLocalStorage: STORAGE_KEY,
      caches: ["localStorage"],
      convertDetectedLanguage: (lng: string) => toLanguage(lng),
    },
    returnNull: false,
  });

const syncHtmlLang = (lng: string) => {
  document.documentElement.lang = toLanguage(lng);
  document.title = i18n.t("app.name");
};
i18n.on("languageChanged", syncHtmlLang);
syncHtmlLang(i18n.language);

export default i18n;
