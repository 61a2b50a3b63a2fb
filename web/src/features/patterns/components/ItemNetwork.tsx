import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { EChart } from "../../../components/EChart";
import { formatNumber } from "../../../i18n/format";
import { escapeHtml, type EChartsOption } from "../../../lib/echarts";
import type { BasketRule, PatternItem } from "../api/patterns.api";
import { itemSet } from "./bits";

/** The rules drawn at most: past this the circle is a tangle. */
export const NETWORK_RULES = 50;

interface Node {
  name: string;
  support: number;
}

/**
 * The item network of the shown rules: a node for each side of a rule (an item, or the
 * items bought together), sized by its support; an arrow from "if bought" to "also buys",
 * the wider the higher the rule's lift.
 */
export function ItemNetwork({ rules, baskets, locale }: { rules: BasketRule[]; baskets: number; locale: string }) {
  const { t } = useTranslation();
  const option = useMemo((): EChartsOption => {
    const shown = rules.slice(0, NETWORK_RULES);
    const nodes = new Map<string, Node & { index: number }>();
    const nodeOf = (items: PatternItem[], count: number) => {
      const key = items.map((i) => i.key).join("+");
      let n = nodes.get(key);
      if (!n) nodes.set(key, (n = { index: nodes.size, name: itemSet(items), support: count / Math.max(baskets, 1) }));
      return n.index;
    };
    const links = shown.map((r) => ({ source: nodeOf(r.antecedent, r.antecedentCount), target: nodeOf(r.consequent, r.consequentCount), rule: r }));
    const list = [...nodes.values()];
    const maxSupport = Math.max(...list.map((n) => n.support), 1e-9);
    const lifts = shown.map((r) => r.lift);
    const [lo, hi] = [Math.min(...lifts), Math.max(...lifts)];
    const pct = (v: number) => formatNumber(v, locale, { style: "percent", maximumFractionDigits: 2 });
    const num = (v: number) => formatNumber(v, locale, { maximumFractionDigits: 2 });
    return {
      animation: false,
      tooltip: {
        // Item names are data: escaped before they reach the tooltip's HTML.
        formatter: (p: unknown) => {
          const x = p as { dataType: string; dataIndex: number };
          if (x.dataType === "edge") {
            const r = links[x.dataIndex]!.rule;
            return [
              `${escapeHtml(itemSet(r.antecedent))} → ${escapeHtml(itemSet(r.consequent))}`,
              t("baskets.networkEdge", { confidence: pct(r.confidence), lift: num(r.lift), support: pct(r.support) }),
            ].join("<br/>");
          }
          const n = list[x.dataIndex]!;
          return `${escapeHtml(n.name)}<br/>${t("baskets.networkNode", { support: pct(n.support) })}`;
        },
      },
      series: [{
        type: "graph",
        // Placed on a circle here rather than by echarts' circular layout: labels then point
        // outwards and stay inside the chart.
        layout: "none",
        left: 150,
        right: 150,
        top: 40,
        bottom: 40,
        roam: true,
        edgeSymbol: ["none", "arrow"],
        edgeSymbolSize: 8,
        emphasis: { focus: "adjacency", lineStyle: { width: 6 } },
        data: list.map((n, i) => {
          const angle = Math.PI + (2 * Math.PI * i) / list.length;
          const [x, y] = [Math.cos(angle), Math.sin(angle)];
          const position = x < -0.3 ? "left" : x > 0.3 ? "right" : y < 0 ? "top" : "bottom";
          return {
            id: String(n.index),
            name: n.name,
            value: n.support,
            x: x * 100,
            y: y * 100,
            symbolSize: 10 + 34 * Math.sqrt(n.support / maxSupport),
            label: { show: true, position, fontSize: 11, width: 140, overflow: "truncate" as const },
          };
        }),
        links: links.map((l) => ({
          source: l.source,
          target: l.target,
          lineStyle: { width: 1 + (hi > lo ? (5 * (l.rule.lift - lo)) / (hi - lo) : 2), curveness: 0.2, opacity: 0.65 },
        })),
        lineStyle: { color: "source" },
      }],
    };
  }, [rules, baskets, locale, t]);
  return <EChart option={option} height={460} testId="baskets-network" />;
}
