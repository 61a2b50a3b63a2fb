import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { EChart } from "../../../components/EChart";
import { formatNumber } from "../../../i18n/format";
import type { EChartsOption } from "../../../lib/echarts";
import type { FollowPair } from "../api/patterns.api";

/** The days bin k covers: k·binDays + 1 … (k + 1)·binDays, the last one cut at N. */
export function binRange(k: number, binDays: number, withinDays: number): [number, number] {
  return [k * binDays + 1, Math.min((k + 1) * binDays, withinDays)];
}

/** When B followed A: the followers by days from A to B, one bar per bin. */
export function TimingChart({ pair, binDays, withinDays, locale }: { pair: FollowPair; binDays: number; withinDays: number; locale: string }) {
  const { t } = useTranslation();
  const option = useMemo((): EChartsOption => {
    const labels = pair.histogram.map((_, k) => {
      const [a, b] = binRange(k, binDays, withinDays);
      return a === b ? formatNumber(a, locale) : `${formatNumber(a, locale)}–${formatNumber(b, locale)}`;
    });
    return {
      animation: false,
      grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
      tooltip: {
        trigger: "axis",
        axisPointer: { type: "shadow" },
        // Only our own figures: no item name reaches this HTML.
        formatter: (p: unknown) => {
          const x = (p as Array<{ dataIndex: number }>)[0]!;
          const n = pair.histogram[x.dataIndex]!;
          return t("sequences.timingTip", { days: labels[x.dataIndex], n: formatNumber(n, locale), share: formatNumber(pair.followers ? n / pair.followers : 0, locale, { style: "percent", maximumFractionDigits: 1 }) });
        },
      },
      xAxis: { type: "category", data: labels, name: t("sequences.timingDays"), nameLocation: "middle", nameGap: 28, axisLabel: { hideOverlap: true } },
      yAxis: { type: "value", name: t("sequences.timingFollowers"), nameTextStyle: { align: "left" }, minInterval: 1 },
      series: [{ type: "bar", name: t("sequences.followers"), data: pair.histogram, itemStyle: { color: "#1f6feb" }, barMaxWidth: 36 }],
    };
  }, [pair, binDays, withinDays, locale, t]);
  return <EChart option={option} height={280} testId="sequences-timing" />;
}
