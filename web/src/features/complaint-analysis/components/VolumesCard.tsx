import { Card, Col, Row, Segmented } from "antd";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { EChart } from "../../../components/EChart";
import { label } from "../../../i18n/label";
import { formatMonth } from "../../../lib/month";
import type { EChartsOption } from "../../../lib/echarts";
import { WithHelp, usePatternFormat } from "../../patterns/components/bits";
import type { ComplaintAnalysis } from "../api/complaint-analysis.api";

type By = "category" | "channel" | "severity";
const BLUE = "#1f6feb";

/** How many complaints were opened: by category, channel or severity (bars), and by month (a line). */
export function VolumesCard({ r }: { r: ComplaintAnalysis }) {
  const { t } = useTranslation();
  const f = usePatternFormat();
  const [by, setBy] = useState<By>("category");
  const rows = by === "category" ? r.volumes.byCategory : by === "channel" ? r.volumes.byChannel : r.volumes.bySeverity;
  const bars = useMemo((): EChartsOption => {
    const name = (key: string | null) => (key === null ? t("complaintAnalysis.noCategory") : by === "channel" ? label(t, "channels", key) : by === "severity" ? label(t, "severities", key) : key);
    return {
      animation: false,
      grid: { left: 8, right: 24, top: 16, bottom: 8, containLabel: true },
      tooltip: { trigger: "axis" },
      xAxis: { type: "category", data: rows.map((x) => name(x.key)), axisLabel: { interval: 0, rotate: rows.length > 6 ? 30 : 0 } },
      yAxis: { type: "value", minInterval: 1 },
      series: [{ type: "bar", name: t("complaintAnalysis.complaints"), data: rows.map((x) => x.complaints), itemStyle: { color: BLUE }, barMaxWidth: 48 }],
    };
  }, [rows, t, by]);

  const months = useMemo((): EChartsOption => ({
    animation: false,
    grid: { left: 8, right: 24, top: 16, bottom: 8, containLabel: true },
    tooltip: { trigger: "axis" },
    xAxis: { type: "category", data: r.volumes.byMonth.map((m) => formatMonth(m.month, f.locale)) },
    yAxis: { type: "value", minInterval: 1 },
    series: [{ type: "line", name: t("complaintAnalysis.complaints"), data: r.volumes.byMonth.map((m) => m.complaints), itemStyle: { color: BLUE }, symbolSize: 6 }],
  }), [r.volumes.byMonth, f.locale, t]);

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={12}>
        <Card title={<WithHelp title={t("complaintAnalysis.volumesTitle")} help={t("complaintAnalysis.volumesHelp")} testId="complaint-analysis-volumes-help" />}
          extra={<Segmented<By> value={by} onChange={setBy} data-testid="complaint-analysis-by"
            options={[{ value: "category", label: t("complaintAnalysis.byCategory") }, { value: "channel", label: t("complaintAnalysis.byChannel") }, { value: "severity", label: t("complaintAnalysis.bySeverity") }]} />}>
          <EChart option={bars} height={280} testId="complaint-analysis-volume-chart" />
        </Card>
      </Col>
      <Col xs={24} lg={12}>
        <Card title={<WithHelp title={t("complaintAnalysis.monthsTitle")} help={t("complaintAnalysis.monthsHelp")} testId="complaint-analysis-months-help" />}>
          <EChart option={months} height={280} testId="complaint-analysis-month-chart" />
        </Card>
      </Col>
    </Row>
  );
}
