import { Card, Empty, Typography } from "antd";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { EChart } from "../../../../components/EChart";
import { useFormat } from "../../../../i18n/useFormat";
import { decSub } from "../../../../lib/decimal";
import type { EChartsOption } from "../../../../lib/echarts";
import type { CustomerDetail } from "../../api/types";
import { fillMonths } from "../../hooks/fillMonths";

/**
 * Orders and net sales per month, from the customer's monthly aggregates (the same figures
 * every analysis reads), with the months without purchases shown as zeros.
 */
export function OrdersChart({ customer }: { customer: CustomerDetail }) {
  const { t } = useTranslation();
  const f = useFormat();
  const months = useMemo(() => fillMonths(customer.months), [customer.months]);

  const monthLabel = useMemo(() => {
    const fmt = new Intl.DateTimeFormat(f.locale, { year: "numeric", month: "short", timeZone: "UTC" });
    return (month: string) => fmt.format(new Date(`${month}-01T00:00:00Z`));
  }, [f.locale]);

  const option = useMemo((): EChartsOption => ({
    tooltip: { trigger: "axis" },
    legend: { bottom: 0 },
    grid: { left: 8, right: 8, top: 16, bottom: 40, containLabel: true },
    xAxis: { type: "category", data: months.map((m) => monthLabel(m.month)) },
    yAxis: [{ type: "value", minInterval: 1 }, { type: "value", splitLine: { show: false } }],
    series: [
      { name: t("customer.chart.orders"), type: "bar", barMaxWidth: 40, data: months.map((m) => m.orders), itemStyle: { color: "#1f6feb" } },
      // Chart coordinates only; the figures people read are the exact ones in the key figures.
      { name: t("customer.chart.netSales"), type: "line", yAxisIndex: 1, data: months.map((m) => Number(decSub(m.sales, m.returns))), itemStyle: { color: "#389e0d" } },
    ],
  }), [months, monthLabel, t]);

  return (
    <Card title={t("customer.chart.title")} style={{ height: "100%" }}>
      {months.length === 0 ? (
        <Empty description={t("customer.chart.empty")} />
      ) : (
        <>
          <EChart option={option} testId="orders-chart" />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t("customer.chart.complete")}</Typography.Text>
        </>
      )}
    </Card>
  );
}
