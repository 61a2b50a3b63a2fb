import { useTranslation } from "react-i18next";
import { useSettings } from "../features/settings/hooks/useSettings";
import { toLanguage } from "./index";
import { formatDate, formatDateTime, formatMoney, formatNumber } from "./format";

/** The formatters bound to the current language and the business's base currency. */
export function useFormat() {
  const { i18n } = useTranslation();
  const locale = toLanguage(i18n.language);
  const currency = useSettings().data?.baseCurrency;
  return {
    locale,
    currency,
    money: (v: string | null | undefined, cur?: string) => formatMoney(v, cur ?? currency, locale),
    number: (v: number | string | null | undefined) => formatNumber(v, locale),
    date: (v: string | Date | null | undefined) => formatDate(v, locale),
    dateTime: (v: string | Date | null | undefined) => formatDateTime(v, locale),
  };
}
