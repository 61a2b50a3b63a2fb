import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { EChart } from "../../../components/EChart";
import { formatNumber } from "../../../i18n/format";
import type { EChartsOption } from "../../../lib/echarts";

const COLORS: Record<string, string> = { potential: "#bfbfbf", new: "#87e8de", regular: "#69b1ff", old: "#2f54eb", loyal: "#389e0d" };

/** The loyalty ladder as bars climbing from potential (bottom) to loyal (top): customers on each rung. */
export function LadderChart({ rungs, locale }: { rungs: Array<{ rung: string; customers: number }>; locale: string }) {
  const { t } = useTranslation();
  const option = useMemo((): EChartsOption => ({
    // Drawn at once: screenshots show every bar.
    animation: false,
    tooltip: { trigger: "axis", axisPointer: { type: "shadow" }, valueFormatter: (v: unknown) => formatNumber(Number(v), locale) },
    grid: { left: 8, right: 56, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: "value", minInterval: 1, axisLabel: { formatter: (v: number) => formatNumber(v, locale, { notation: "compact" }) } },
    yAxis: { type: "category", data: rungs.map((r) => t(`segments.ladderRungs.${r.rung as "new"}`)) },
    series: [{
      type: "bar",
      name: t("segments.customers"),
      barMaxWidth: 28,
      data: rungs.map((r) => ({ value: r.customers, itemStyle: { color: COLORS[r.rung] ?? "#1f6feb" } })),
      label: { show: true, position: "right", formatter: (p: unknown) => formatNumber((p as { value: number }).value, locale) },
    }],
  }), [rungs, locale, t]);
  return <EChart option={option} height={220} testId="segments-ladder-chart" />;
}
