import { Card, Empty, Typography } from "antd";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { EChart } from "../../../../components/EChart";
import { ErrorResult } from "../../../../components/ErrorResult";
import { LoadingBlock } from "../../../../components/Loading";
import { useFormat } from "../../../../i18n/useFormat";
import type { EChartsOption } from "../../../../lib/echarts";
import { TIMELINE_MAX } from "../../api/customers.api";
import { ordersByMonth } from "../../hooks/ordersByMonth";
import { useRecentHistory } from "../../hooks/useTimeline";

/**
 * Orders and returns per month, counted from the timeline. When the history is longer than
 * one page the chart says which months it covers instead of pretending to show them all.
 */
export function OrdersChart({ customerId }: { customerId: number }) {
  const { t } = useTranslation();
  const f = useFormat();
  const history = useRecentHistory(customerId);
  const months = useMemo(() => ordersByMonth(history.data?.items ?? []), [history.data]);

  const monthLabel = useMemo(() => {
    const fmt = new Intl.DateTimeFormat(f.locale, { year: "numeric", month: "short", timeZone: "UTC" });
    return (month: string) => fmt.format(new Date(`${month}-01T00:00:00Z`));
  }, [f.locale]);

  const option = useMemo((): EChartsOption => {
    return {
      tooltip: { trigger: "axis" },
      legend: { bottom: 0 },
      grid: { left: 8, right: 8, top: 16, bottom: 40, containLabel: true },
      xAxis: { type: "category", data: months.map((m) => monthLabel(m.month)) },
      yAxis: { type: "value", minInterval: 1 },
      series: [
        { name: t("customer.chart.orders"), type: "bar", stack: "n", barMaxWidth: 40, data: months.map((m) => m.orders), itemStyle: { color: "#1f6feb" } },
        { name: t("customer.chart.returns"), type: "bar", stack: "n", barMaxWidth: 40, data: months.map((m) => m.returns), itemStyle: { color: "#d4380d" } },
      ],
    };
  }, [months, monthLabel, t]);

  const first = months[0];
  const last = months[months.length - 1];
  return (
    <Card title={t("customer.chart.title")} style={{ height: "100%" }}>
      {history.isPending ? (
        <LoadingBlock />
      ) : history.isError ? (
        <ErrorResult error={history.error} onRetry={() => void history.refetch()} inline />
      ) : !first || !last ? (
        <Empty description={t("customer.chart.empty")} />
      ) : (
        <>
          <EChart option={option} testId="orders-chart" />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {history.data.nextCursor
              ? t("customer.chart.partial", { n: TIMELINE_MAX, from: monthLabel(first.month), to: monthLabel(last.month) })
              : t("customer.chart.complete")}
          </Typography.Text>
        </>
      )}
    </Card>
  );
}
