import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { EChart } from "../../../components/EChart";
import type { EChartsOption } from "../../../lib/echarts";
import type { PlanLine } from "../api/plans.api";
import { tierName } from "./tier-name";

/** Budget share beside sales share per tier: where the bars differ, the money does not follow the sales. */
export function SpendChart({ lines, testId = "plan-chart" }: { lines: PlanLine[]; testId?: string }) {
  const { t } = useTranslation();
  const option = useMemo((): EChartsOption => ({
    animation: false,
    tooltip: { trigger: "axis", valueFormatter: (v: unknown) => `${(Number(v) * 100).toFixed(1)}%` },
    legend: { bottom: 0 },
    grid: { left: 8, right: 16, top: 16, bottom: 40, containLabel: true },
    xAxis: { type: "category", data: lines.map((l) => tierName(t, l)) },
    yAxis: { type: "value", min: 0, axisLabel: { formatter: (v: number) => `${Math.round(v * 100)}%` } },
    series: [
      { name: t("plans.col.budgetShare"), type: "bar", data: lines.map((l) => l.budgetShare), itemStyle: { color: "#1f6feb" } },
      { name: t("plans.col.salesShare"), type: "bar", data: lines.map((l) => l.salesShare ?? 0), itemStyle: { color: "#52c41a" } },
    ],
  }), [lines, t]);
  return <EChart option={option} height={260} testId={testId} />;
}
