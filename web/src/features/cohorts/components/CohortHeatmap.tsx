import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { EChart } from "../../../components/EChart";
import { formatMoney, formatNumber } from "../../../i18n/format";
import type { EChartsOption } from "../../../lib/echarts";
import { formatMonth } from "../../../lib/month";
import type { Cohort } from "../api/cohorts.api";

export type CohortMeasure = "retention" | "revenue";

/** Cells beyond this many months since are drawn without their figure: it would not fit. */
const LABELLED_MONTHS = 24;

/**
 * Retention (or net sales) by first-purchase month (rows, oldest on top) and months since
 * the first purchase (columns): each cohort's row ends at the as-of month.
 */
export function CohortHeatmap({ cohorts, measure, currency, locale }: { cohorts: Cohort[]; measure: CohortMeasure; currency: string; locale: string }) {
  const { t } = useTranslation();
  const option = useMemo((): EChartsOption => {
    const span = Math.max(...cohorts.map((c) => c.active.length));
    const data = cohorts.flatMap((c, y) => c.active.map((_, x) => [x, y, measure === "retention" ? c.retention[x]! : Number(c.revenue[x]!)]));
    const values = data.map((d) => d[2]!);
    const pct = (v: number) => formatNumber(v, locale, { style: "percent", maximumFractionDigits: 0 });
    const compact = (v: number) => formatNumber(v, locale, { notation: "compact", maximumSignificantDigits: 3 });
    const label = (v: number) => (measure === "retention" ? pct(v) : compact(v));
    return {
      // Drawn at once: screenshots show every cell.
      animation: false,
      grid: { left: 8, right: 16, top: 28, bottom: 72, containLabel: true },
      tooltip: {
        formatter: (p: unknown) => {
          const [x, y] = (p as { data: number[] }).data as [number, number, number];
          const c = cohorts[y]!;
          // Only our own figures and dates: no text from the data reaches this HTML.
          return [
            `${formatMonth(c.month, locale)} · ${t("cohorts.monthSince", { n: x })}`,
            t("cohorts.cellActive", { active: formatNumber(c.active[x]!, locale), customers: formatNumber(c.customers, locale), share: pct(c.retention[x]!) }),
            t("cohorts.cellRevenue", { revenue: formatMoney(c.revenue[x]!, currency, locale) }),
          ].join("<br/>");
        },
      },
      xAxis: { type: "category", data: Array.from({ length: span }, (_, i) => String(i)), name: t("cohorts.monthsSince"), nameLocation: "middle", nameGap: 28, splitArea: { show: true } },
      yAxis: { type: "category", inverse: true, data: cohorts.map((c) => `${formatMonth(c.month, locale)} (${formatNumber(c.customers, locale)})`), name: t("cohorts.firstPurchase"), nameLocation: "start", splitArea: { show: true } },
      visualMap: {
        type: "continuous",
        min: measure === "retention" ? 0 : Math.min(0, ...values),
        max: measure === "retention" ? 1 : Math.max(1, ...values),
        orient: "horizontal",
        left: "center",
        bottom: 0,
        itemHeight: 200,
        calculable: false,
        text: [label(measure === "retention" ? 1 : Math.max(1, ...values)), label(measure === "retention" ? 0 : Math.min(0, ...values))],
        inRange: { color: ["#f0f5ff", "#91b4f5", "#1f6feb", "#0b3d91"] },
      },
      series: [{
        type: "heatmap",
        name: t(measure === "retention" ? "cohorts.byRetention" : "cohorts.byRevenue"),
        data,
        label: { show: span <= LABELLED_MONTHS, fontSize: 11, formatter: (p: unknown) => label((p as { data: number[] }).data[2]!) },
        emphasis: { itemStyle: { borderColor: "#333", borderWidth: 1 } },
      }],
    };
  }, [cohorts, measure, currency, locale, t]);
  return <EChart option={option} height={Math.max(260, cohorts.length * 28 + 120)} testId="cohorts-heatmap" />;
}
