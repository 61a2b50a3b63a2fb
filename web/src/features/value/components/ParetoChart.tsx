import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { EChart } from "../../../components/EChart";
import type { EChartsOption } from "../../../lib/echarts";

/**
 * The Pareto curve: the share of the measure made by the best x% of customers, beside the
 * diagonal of a business where every customer is worth the same.
 */
export function ParetoChart({ points, measure }: { points: Array<{ customerShare: number; valueShare: number }>; measure: string }) {
  const { t } = useTranslation();
  const option = useMemo((): EChartsOption => ({
    // Drawn at once: the figures are the point, and screenshots show the whole curve.
    animation: false,
    tooltip: { trigger: "axis", valueFormatter: (v: unknown) => `${(Number(v) * 100).toFixed(1)}%` },
    legend: { bottom: 0 },
    grid: { left: 8, right: 16, top: 16, bottom: 48, containLabel: true },
    xAxis: { type: "value", min: 0, max: 1, name: t("value.chartCustomers"), nameLocation: "middle", nameGap: 28, axisLabel: { formatter: (v: number) => `${Math.round(v * 100)}%` } },
    yAxis: { type: "value", min: (x: { min: number }) => Math.min(0, x.min), axisLabel: { formatter: (v: number) => `${Math.round(v * 100)}%` } },
    series: [
      { name: measure, type: "line", showSymbol: false, data: points.map((p) => [p.customerShare, p.valueShare]), itemStyle: { color: "#1f6feb" }, areaStyle: { opacity: 0.08 } },
      { name: t("value.chartEqual"), type: "line", showSymbol: false, data: [[0, 0], [1, 1]], lineStyle: { type: "dashed" }, itemStyle: { color: "#8c8c8c" } },
    ],
  }), [points, measure, t]);
  return <EChart option={option} height={280} testId="value-pareto" />;
}
