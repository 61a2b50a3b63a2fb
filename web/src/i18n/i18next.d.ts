// Type-checks every t("…") key against the English catalogue; the catalogue test keeps the
// other two in step with it.
import "i18next";
import type en from "./locales/en.json";

declare module "i18next" {
  interface CustomTypeOptions {
    defaultNS: "translation";
    resources: { translation: typeof en };
    returnNull: false;
  }
}
