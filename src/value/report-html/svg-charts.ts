/**
 * The report's charts, drawn by Apache ECharts on the server as SVG text (its SSR mode):
 * no script and no canvas in the page, so the file opens offline and prints sharply.
 */
import type * as EchartsCore from "echarts/core";
import { percent } from "./format.ts";

type Echarts = typeof EchartsCore;
type Option = Parameters<EchartsCore.EChartsType["setOption"]>[0];

let loaded: Promise<Echarts> | undefined;

/**
 * ECharts, loaded on the first chart. Loading it takes most of a second, and the CLI is one
 * bundle: a static import would make every `retain` command pay for it.
 */
function echarts(): Promise<Echarts> {
  loaded ??= (async () => {
    const [core, charts, components, renderers] = await Promise.all([import("echarts/core"), import("echarts/charts"), import("echarts/components"), import("echarts/renderers")]);
    core.use([charts.BarChart, charts.LineChart, charts.ScatterChart, components.GridComponent, components.LegendComponent, renderers.SVGRenderer]);
    return core;
  })();
  return loaded;
}

const FONT = "-apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, 'PingFang SC', 'Microsoft YaHei', 'Noto Sans CJK SC', sans-serif";
const BLUE = "#1f6feb";
const GREY = "#8c8c8c";
const axisPercent = (v: number) => `${Math.round(v * 100)}%`;

/** One chart as an SVG string; the instance is disposed whatever happens. */
export async function svgChart(option: Option, width: number, height: number): Promise<string> {
  const chart = (await echarts()).init(null, null, { renderer: "svg", ssr: true, width, height });
  try {
    // No animation: a chart drawn on the server is a single frame.
    chart.setOption({ animation: false, textStyle: { fontFamily: FONT }, ...option });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

export interface ParetoChartInput {
  points: ReadonlyArray<{ customerShare: number; valueShare: number }>;
  /** The concentration points (share of the measure reached, share of customers it takes), marked on the curve. */
  marks: ReadonlyArray<{ share: number; customerShare: number }>;
  labels: { curve: string; equal: string; xAxis: string };
}

/** The Pareto curve beside the diagonal of a business whose customers are all worth the same. */
export function paretoSvg(c: ParetoChartInput): Promise<string> {
  return svgChart({
    legend: { bottom: 0 },
    grid: { left: 16, right: 24, top: 16, bottom: 64 },
    xAxis: { type: "value", min: 0, max: 1, name: c.labels.xAxis, nameLocation: "middle", nameGap: 28, axisLabel: { formatter: axisPercent } },
    yAxis: { type: "value", min: (x: { min: number }) => Math.min(0, x.min), max: (x: { max: number }) => Math.max(1, x.max), axisLabel: { formatter: axisPercent } },
    series: [
      { name: c.labels.curve, type: "line", showSymbol: false, data: c.points.map((p) => [p.customerShare, p.valueShare]), itemStyle: { color: BLUE }, lineStyle: { width: 2 }, areaStyle: { opacity: 0.08 } },
      { name: c.labels.equal, type: "line", showSymbol: false, data: [[0, 0], [1, 1]], lineStyle: { type: "dashed" }, itemStyle: { color: GREY } },
      {
        type: "scatter", symbolSize: 7, itemStyle: { color: BLUE },
        data: c.marks.map((m) => ({ value: [m.customerShare, m.share], label: { show: true, position: "right", formatter: `${percent(m.customerShare)} → ${Math.round(m.share * 100)}%` } })),
      },
    ],
  }, 960, 360);
}

export interface PyramidChartInput {
  tiers: ReadonlyArray<{ name: string; customerShare: number; valueShare: number }>;
  labels: { customers: string; value: string };
}

/** Each tier's share of customers beside its share of the measure, best tier on top. */
export function pyramidSvg(c: PyramidChartInput): Promise<string> {
  const label = { show: true, position: "right", formatter: (p: { value: number }) => percent(p.value) };
  return svgChart({
    legend: { bottom: 0 },
    grid: { left: 16, right: 56, top: 8, bottom: 40 },
    xAxis: { type: "value", min: (x: { min: number }) => Math.min(0, x.min), axisLabel: { formatter: axisPercent } },
    yAxis: { type: "category", inverse: true, data: c.tiers.map((t) => t.name) },
    series: [
      { name: c.labels.customers, type: "bar", data: c.tiers.map((t) => t.customerShare), itemStyle: { color: GREY }, label },
      { name: c.labels.value, type: "bar", data: c.tiers.map((t) => t.valueShare), itemStyle: { color: BLUE }, label },
    ],
  }, 960, 300);
}
