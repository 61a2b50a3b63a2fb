import type { CustomSeriesRenderItemAPI, CustomSeriesRenderItemParams, CustomSeriesRenderItemReturn } from "echarts";
import type { EChartsOption } from "../../../lib/echarts";

export const BLUE = "#1f6feb";
export const ORANGE = "#d4380d";
export const GREY = "#8c8c8c";

type Series = NonNullable<Extract<EChartsOption["series"], unknown[]>>[number];

/**
 * Error bars (a whisker from low to high at each category) as a custom series: ECharts has
 * no error-bar series of its own. Each datum is [category index, low, high]; `horizontal`
 * when the categories run down the y axis.
 */
export function errorBars(name: string, data: Array<[number, number, number]>, horizontal = false, color = "#262626"): Series {
  const renderItem = (_params: CustomSeriesRenderItemParams, api: CustomSeriesRenderItemAPI): CustomSeriesRenderItemReturn => {
    const i = api.value(0) as number;
    const at = (v: number) => api.coord(horizontal ? [v, i] : [i, v]);
    const lo = at(api.value(1) as number);
    const hi = at(api.value(2) as number);
    const band = (api.size?.(horizontal ? [0, 1] : [1, 0]) as number[] | undefined) ?? [0, 0];
    const half = (horizontal ? band[1]! : band[0]!) * 0.15;
    const style = { stroke: color, lineWidth: 1.5 };
    const cap = (p: number[]) => (horizontal
      ? { type: "line" as const, shape: { x1: p[0]!, y1: p[1]! - half, x2: p[0]!, y2: p[1]! + half }, style }
      : { type: "line" as const, shape: { x1: p[0]! - half, y1: p[1]!, x2: p[0]! + half, y2: p[1]! }, style });
    return {
      type: "group",
      children: [{ type: "line", shape: { x1: lo[0]!, y1: lo[1]!, x2: hi[0]!, y2: hi[1]! }, style }, cap(lo), cap(hi)],
    };
  };
  return {
    type: "custom",
    name,
    renderItem,
    encode: horizontal ? { y: 0, x: [1, 2] } : { x: 0, y: [1, 2] },
    data,
    z: 10,
    itemStyle: { color },
    tooltip: { show: false },
  } as Series;
}

/** The common frame of the page's charts: the legend on top, room for the axes' names when they have them. */
export const frame = (top = 40, bottom = 8): Pick<EChartsOption, "animation" | "grid" | "legend"> => ({
  animation: false,
  grid: { left: 8, right: 24, top, bottom, containLabel: true },
  legend: { top: 0 },
});

/** An x axis's name under its labels, a y axis's above them, both clear of the chart. */
export const X_NAME = { nameLocation: "middle", nameGap: 28 } as const;
export const Y_NAME = { nameLocation: "end", nameGap: 12, nameTextStyle: { align: "left" } } as const;
