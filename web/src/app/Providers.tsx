import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { App as AntApp, ConfigProvider, type ConfigProviderProps } from "antd";
import enUS from "antd/locale/en_US";
import zhCN from "antd/locale/zh_CN";
import zhTW from "antd/locale/zh_TW";
import dayjs from "dayjs";
import "dayjs/locale/zh-cn";
import "dayjs/locale/zh-tw";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { isApiError } from "../api/errors";
import { toLanguage, type Language } from "../i18n";

const ANTD_LOCALE: Record<Language, NonNullable<ConfigProviderProps["locale"]>> = { "zh-CN": zhCN, "zh-TW": zhTW, en: enUS };
const DAYJS_LOCALE: Record<Language, string> = { "zh-CN": "zh-cn", "zh-TW": "zh-tw", en: "en" };

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // A 4xx will not change by asking again; a dropped connection or a 503 may.
      retry: (failures, error) => !(isApiError(error) && error.status >= 400 && error.status < 500) && failures < 2,
      refetchOnWindowFocus: false,
      staleTime: 30_000,
    },
  },
});

/** Server cache, antd theme and locale, and dayjs's locale, all following the i18n language. */
export function Providers({ children }: { children: ReactNode }) {
  const { i18n } = useTranslation();
  const lang = toLanguage(i18n.language);
  // Set during render, not in an effect, so date pickers draw in the new language at once.
  dayjs.locale(DAYJS_LOCALE[lang]);
  return (
    <QueryClientProvider client={queryClient}>
      <ConfigProvider locale={ANTD_LOCALE[lang]} theme={{ token: { colorPrimary: "#1f6feb" } }}>
        <AntApp>{children}</AntApp>
      </ConfigProvider>
    </QueryClientProvider>
  );
}
