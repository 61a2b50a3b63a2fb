import { QuestionCircleOutlined } from "@ant-design/icons";
import { Card, Col, DatePicker, Empty, Row, Segmented, Select, Space, Statistic, Tooltip, Typography } from "antd";
import dayjs from "dayjs";
import { useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { ErrorResult } from "../../../components/ErrorResult";
import { PageSpin } from "../../../components/Loading";
import { PageHeader } from "../../../components/PageHeader";
import { formatNumber } from "../../../i18n/format";
import { useFormat } from "../../../i18n/useFormat";
import { formatMonth } from "../../../lib/month";
import type { CohortReport } from "../api/cohorts.api";
import { useCohortReport } from "../hooks/useCohortReport";
import { CohortHeatmap, type CohortMeasure } from "./CohortHeatmap";

const PERIODS = [3, 6, 12, 24] as const;

/**
 * Cohorts by first-purchase month and the retention KPIs, as of a date (definitions:
 * docs/value.md, "Cohorts and retention"; the server computes every figure from the
 * per-customer-month aggregates).
 */
export default function CohortsPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const [asOf, setAsOf] = useState<string | undefined>(undefined);
  const [months, setMonths] = useState<number>(12);
  const [measure, setMeasure] = useState<CohortMeasure>("retention");
  const report = useCohortReport({ asOf, months });

  const filters = (
    <Space wrap>
      <DatePicker value={asOf ? dayjs(asOf) : null} onChange={(d) => setAsOf(d ? d.format("YYYY-MM-DD") : undefined)} placeholder={t("value.asOfDefault")} allowClear data-testid="cohorts-as-of" />
      <Select value={months} onChange={setMonths} style={{ width: 150 }} options={PERIODS.map((n) => ({ value: n, label: t("cohorts.periodMonths", { n }) }))} data-testid="cohorts-months" />
      <Segmented<CohortMeasure> value={measure} onChange={setMeasure} options={[{ value: "retention", label: t("cohorts.byRetention") }, { value: "revenue", label: t("cohorts.byRevenue") }]} data-testid="cohorts-measure" />
    </Space>
  );

  const r = report.data;
  let body;
  if (report.isPending) body = <PageSpin />;
  else if (report.isError && !r) body = <ErrorResult error={report.error} onRetry={() => void report.refetch()} />;
  else if (r && r.cohorts.length === 0) {
    body = (
      <Card>
        <Empty description={t("cohorts.empty", { month: formatMonth(r.month, f.locale) })} data-testid="cohorts-empty" />
      </Card>
    );
  } else if (r) {
    body = (
      <Space direction="vertical" size={16} style={{ width: "100%" }}>
        <Kpis r={r} />
        <Card title={t(measure === "retention" ? "cohorts.heatmapRetention" : "cohorts.heatmapRevenue")} extra={<Typography.Text type="secondary">{t("cohorts.heatmapHelp")}</Typography.Text>}>
          <CohortHeatmap cohorts={r.cohorts} measure={measure} currency={r.currency} locale={f.locale} />
        </Card>
      </Space>
    );
  }

  return (
    <>
      <PageHeader title={t("nav.cohorts")} extra={filters} />
      {r ? (
        <Typography.Paragraph type="secondary" data-testid="cohorts-month-text">
          {t("cohorts.monthText", { month: formatMonth(r.month, f.locale), asOf: f.date(r.asOf) })}
        </Typography.Paragraph>
      ) : null}
      {report.isError && r ? <ErrorResult error={report.error} onRetry={() => void report.refetch()} inline /> : null}
      {body}
    </>
  );
}

/** One KPI: its figure, what it counts, and its definition in a tooltip. */
function Kpi({ testId, title, help, value, note }: { testId: string; title: string; help: string; value: string; note: ReactNode }) {
  return (
    <Card style={{ height: "100%" }}>
      <Statistic
        title={
          <Space size={4}>
            {title}
            <Tooltip title={help}>
              <QuestionCircleOutlined data-testid={`${testId}-help`} aria-label={help} />
            </Tooltip>
          </Space>
        }
        value={value}
        data-testid={testId}
      />
      <Typography.Text type="secondary">{note}</Typography.Text>
    </Card>
  );
}

function Kpis({ r }: { r: CohortReport }) {
  const { t } = useTranslation();
  const f = useFormat();
  const k = r.kpis;
  const m = (ym: string) => formatMonth(ym, f.locale);
  const pct = (v: number | null) => (v === null ? "—" : formatNumber(v, f.locale, { style: "percent", maximumFractionDigits: 1 }));
  const period = { from: m(k.period.from), to: m(k.period.to) };
  const previous = { from: m(k.period.previousFrom), to: m(k.period.previousTo) };
  return (
    <>
      <Typography.Paragraph data-testid="cohorts-period">{t("cohorts.periodText", { ...period, previousFrom: previous.from, previousTo: previous.to })}</Typography.Paragraph>
      <Row gutter={[16, 16]}>
        <Col xs={24} sm={12} lg={6}>
          <Kpi testId="cohorts-kpi-retention" title={t("cohorts.retentionRate")} help={t("cohorts.retentionHelp")} value={pct(k.retentionRate)}
            note={k.previousCustomers ? t("cohorts.retentionNote", { retained: f.number(k.retained), previous: f.number(k.previousCustomers), ...previous }) : t("cohorts.noPrevious", previous)} />
        </Col>
        <Col xs={24} sm={12} lg={6}>
          <Kpi testId="cohorts-kpi-churn" title={t("cohorts.churnRate")} help={t("cohorts.churnHelp")} value={pct(k.churnRate)}
            note={k.previousCustomers ? t("cohorts.churnNote", { lost: f.number(k.previousCustomers - k.retained) }) : t("cohorts.noPrevious", previous)} />
        </Col>
        <Col xs={24} sm={12} lg={6}>
          <Kpi testId="cohorts-kpi-repeat" title={t("cohorts.repeatRate")} help={t("cohorts.repeatHelp")} value={pct(k.repeatPurchaseRate)}
            note={t("cohorts.repeatNote", { repeat: f.number(k.repeatCustomers), customers: f.number(k.customers) })} />
        </Col>
        <Col xs={24} sm={12} lg={6}>
          <Kpi testId="cohorts-kpi-returning" title={t("cohorts.returningRevenue")} help={t("cohorts.returningHelp")} value={f.money(k.returningNet, r.currency)}
            note={t("cohorts.returningNote", { share: pct(k.returningShare), total: f.money(k.periodNet, r.currency) })} />
        </Col>
      </Row>
    </>
  );
}
