import { useTranslation } from "react-i18next";
import { useSettings } from "../features/settings/hooks/useSettings";
import { toLanguage } from "./index";
import { formatDate, formatDateTime, formatMoney, formatNumber } from "./format";

/** The formatters bound to the current language and the business's base currency. */
export function useFormat() {
  const { i18n } = useTranslation();
  const locale = toLanguage(i18n.language);
  const settings = useSettings().data;
  const currency = settings?.baseCurrency;
  // Instants are shown in the business's time zone: the day an order was placed is the
  // business's day, whatever the viewer's clock says.
  const timeZone = settings?.timezone;
  return {
    locale,
    currency,
    money: (v: string | null | undefined, cur?: string) => formatMoney(v, cur ?? currency, locale),
    number: (v: number | string | null | undefined) => formatNumber(v, locale),
    date: (v: string | Date | null | undefined) => formatDate(v, locale, timeZone),
    dateTime: (v: string | Date | null | undefined) => formatDateTime(v, locale, timeZone),
  };
}
