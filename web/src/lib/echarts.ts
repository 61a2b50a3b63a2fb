// Only the pieces the app draws with: the full echarts bundle is several times larger.
import { BarChart, CustomChart, GraphChart, HeatmapChart, LineChart, ScatterChart } from "echarts/charts";
import { GridComponent, LegendComponent, TooltipComponent, VisualMapComponent } from "echarts/components";
import * as echarts from "echarts/core";
import { CanvasRenderer } from "echarts/renderers";

echarts.use([BarChart, CustomChart, GraphChart, HeatmapChart, LineChart, ScatterChart, GridComponent, LegendComponent, TooltipComponent, VisualMapComponent, CanvasRenderer]);

export { echarts };
export type EChartsOption = Parameters<echarts.ECharts["setOption"]>[0];

/** Text from the data (product names…) made safe for a tooltip's HTML. */
export const escapeHtml = (text: string): string => echarts.format.encodeHTML(text);
