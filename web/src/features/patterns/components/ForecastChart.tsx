import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { EChart } from "../../../components/EChart";
import type { EChartsOption } from "../../../lib/echarts";
import type { ForecastReport } from "../api/forecast.api";
import { periodLabel, seriesFormat } from "../forecastFormat";

const BLUE = "#1f6feb";
const ORANGE = "#d4380d";

/**
 * The history and the forecast: the mean as a dashed line from the last actual period on,
 * the 80% and 95% intervals as shaded bands (each drawn as its lower bound plus a stacked
 * band of its width).
 */
export function ForecastChart({ r, locale }: { r: ForecastReport; locale: string }) {
  const { t } = useTranslation();
  const option = useMemo((): EChartsOption => {
    const h = r.history;
    const fc = r.forecast;
    const n = h.starts.length;
    const starts = [...h.starts, ...(fc?.starts ?? [])];
    const fmt = seriesFormat(r.series, r.currency, locale);
    const pad = (a: number[]) => [...Array<null>(n).fill(null), ...a];
    const history = [...h.values, ...Array<null>(fc?.starts.length ?? 0).fill(null)];
    // The dashed line starts on the last actual value, so the two lines meet.
    const mean = fc ? [...Array<null>(Math.max(n - 1, 0)).fill(null), ...(n ? [h.values[n - 1]!] : []), ...fc.mean] : [];
    const width = (lo: number[], hi: number[]) => hi.map((v, i) => v - lo[i]!);
    const names = { history: t("forecast.history"), mean: t("forecast.mean"), b80: t("forecast.band80"), b95: t("forecast.band95") };
    const band = (key: "b80" | "b95", lo: number[], hi: number[], opacity: number) => [
      // stackStrategy "all": a lower bound below zero still carries the band's width.
      { type: "line" as const, name: `${key}-base`, data: pad(lo), stack: key, stackStrategy: "all" as const, symbol: "none", lineStyle: { opacity: 0 }, tooltip: { show: false }, silent: true },
      { type: "line" as const, name: names[key], data: pad(width(lo, hi)), stack: key, stackStrategy: "all" as const, symbol: "none", lineStyle: { opacity: 0 }, itemStyle: { color: BLUE, opacity }, areaStyle: { color: BLUE, opacity }, silent: true },
    ];
    return {
      animation: false,
      grid: { left: 8, right: 24, top: 40, bottom: 8, containLabel: true },
      legend: { data: [names.history, names.mean, names.b80, names.b95], top: 0 },
      tooltip: {
        trigger: "axis",
        // Only our own figures and dates reach this HTML.
        formatter: (p: unknown) => {
          const i = (p as Array<{ dataIndex: number }>)[0]!.dataIndex;
          const lines = [periodLabel(starts[i]!, r.period, locale)];
          if (i < n) lines.push(`${names.history}: ${fmt.full(h.values[i])}`);
          else if (fc) {
            const j = i - n;
            lines.push(`${names.mean}: ${fmt.full(fc.mean[j])}`);
            lines.push(`${names.b80}: ${fmt.full(fc.lower80[j])} – ${fmt.full(fc.upper80[j])}`);
            lines.push(`${names.b95}: ${fmt.full(fc.lower95[j])} – ${fmt.full(fc.upper95[j])}`);
          }
          return lines.join("<br/>");
        },
      },
      xAxis: { type: "category", boundaryGap: false, data: starts.map((s) => periodLabel(s, r.period, locale)) },
      yAxis: { type: "value", scale: false, axisLabel: { formatter: (v: number) => fmt.axis(v) } },
      series: [
        ...(fc ? [...band("b95", fc.lower95, fc.upper95, 0.12), ...band("b80", fc.lower80, fc.upper80, 0.22)] : []),
        { type: "line", name: names.history, data: history, symbolSize: 5, itemStyle: { color: BLUE }, lineStyle: { width: 2 } },
        ...(fc ? [{ type: "line" as const, name: names.mean, data: mean, symbolSize: 5, itemStyle: { color: ORANGE }, lineStyle: { width: 2, type: "dashed" as const } }] : []),
      ],
    };
  }, [r, locale, t]);
  return <EChart option={option} height={380} testId="forecast-chart" />;
}

/** The back-test: the periods held out, their actual values, the model's forecast and the seasonal naive's. */
export function BacktestChart({ r, locale }: { r: ForecastReport; locale: string }) {
  const { t } = useTranslation();
  const option = useMemo((): EChartsOption => {
    const b = r.backtest!;
    const fmt = seriesFormat(r.series, r.currency, locale);
    return {
      animation: false,
      grid: { left: 8, right: 24, top: 40, bottom: 8, containLabel: true },
      legend: { top: 0 },
      tooltip: { trigger: "axis", valueFormatter: (v: unknown) => fmt.full(typeof v === "number" ? v : null) },
      xAxis: { type: "category", data: b.starts.map((s) => periodLabel(s, r.period, locale)) },
      yAxis: { type: "value", axisLabel: { formatter: (v: number) => fmt.axis(v) } },
      series: [
        { type: "line", name: t("forecast.actual"), data: b.actual, itemStyle: { color: BLUE }, lineStyle: { width: 2 } },
        { type: "line", name: b.model.name, data: b.model.forecast, itemStyle: { color: ORANGE }, lineStyle: { type: "dashed" } },
        { type: "line", name: t("forecast.seasonalNaive"), data: b.seasonalNaive.forecast, itemStyle: { color: "#8c8c8c" }, lineStyle: { type: "dotted" } },
      ],
    };
  }, [r, locale, t]);
  return <EChart option={option} height={240} testId="forecast-backtest-chart" />;
}
