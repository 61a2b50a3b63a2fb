import { Card, Col, DatePicker, Empty, Row, Segmented, Space, Typography } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { EChart } from "../../../components/EChart";
import { ErrorResult } from "../../../components/ErrorResult";
import { LoadingBlock } from "../../../components/Loading";
import { PageHeader } from "../../../components/PageHeader";
import { useFormat } from "../../../i18n/useFormat";
import type { EChartsOption } from "../../../lib/echarts";
import { Kpi } from "../../patterns/components/bits";
import type { PraiseReport, StaffPraise } from "../api/recognition.api";
import { usePraiseReport } from "../hooks/usePraiseReport";
import { StaffPraiseCard } from "./StaffPraiseCard";

const PRESETS = ["last30", "last90", "last365", "all"] as const;
type Preset = (typeof PRESETS)[number];
type Period = { since?: string; until?: string };
const DAY = "YYYY-MM-DD";
/** How many of each person's newest quotes the page shows. */
const WORDS = 5;
/** The chart names this many people; the cards below list everyone. */
const CHARTED = 15;

/** A preset as days, up to today. */
function presetPeriod(p: Preset, today: Dayjs = dayjs()): Period {
  if (p === "all") return {};
  const days = { last30: 30, last90: 90, last365: 365 }[p];
  return { since: today.subtract(days - 1, "day").format(DAY), until: today.format(DAY) };
}

/**
 * The recognition report (DOMAIN §6, recovery standards: praise from a customer recognised
 * in front of colleagues): praise per member of staff over a period, most praised first, with
 * the customers' own words.
 */
export default function RecognitionPage() {
  const { t } = useTranslation();
  const [preset, setPreset] = useState<Preset | null>("last365");
  const [period, setPeriod] = useState<Period>(() => presetPeriod("last365"));
  const report = usePraiseReport({ ...period, words: WORDS });

  const filters = (
    <Space wrap>
      <Segmented<Preset>
        value={preset ?? undefined}
        onChange={(p) => {
          setPreset(p);
          setPeriod(presetPeriod(p));
        }}
        options={PRESETS.map((p) => ({ value: p, label: <span data-testid={`recognition-preset-${p}`}>{t(`recognition.presets.${p}`)}</span> }))}
        data-testid="recognition-preset"
      />
      <DatePicker.RangePicker
        value={period.since && period.until ? [dayjs(period.since), dayjs(period.until)] : null}
        allowEmpty={[true, true]}
        onChange={(range) => {
          setPreset(null);
          setPeriod({ since: range?.[0]?.format(DAY), until: range?.[1]?.format(DAY) });
        }}
        aria-label={t("recognition.period")}
        data-testid="recognition-period"
      />
    </Space>
  );

  const r = report.data;
  let body;
  if (report.isPending) body = <LoadingBlock rows={8} />;
  else if (report.isError && !r) body = <ErrorResult error={report.error} onRetry={() => void report.refetch()} />;
  else if (r && r.items.length === 0) {
    body = (
      <Card>
        <Empty description={t("recognition.empty")} data-testid="recognition-empty" />
      </Card>
    );
  } else if (r) body = <Report r={r} />;

  return (
    <div data-testid="recognition-page">
      <PageHeader title={t("nav.recognition")} extra={filters} />
      <Typography.Paragraph type="secondary">{t("recognition.intro")}</Typography.Paragraph>
      {report.isError && r ? <ErrorResult error={report.error} onRetry={() => void report.refetch()} inline /> : null}
      <div data-testid="recognition-body" data-loading={report.isFetching ? "true" : "false"}>{body}</div>
    </div>
  );
}

const staffName = (t: (k: "recognition.unnamedStaff", o: { id: number }) => string, s: StaffPraise) => s.staffName ?? t("recognition.unnamedStaff", { id: s.staffUserId });

function Report({ r }: { r: PraiseReport }) {
  const { t } = useTranslation();
  const f = useFormat();
  const top = r.items[0]!;
  const charted = r.items.slice(0, CHARTED);
  const chart = useMemo((): EChartsOption => ({
    animation: false,
    grid: { left: 8, right: 32, top: 8, bottom: 8, containLabel: true },
    tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
    // Most praised at the top: a category axis runs bottom-up.
    yAxis: { type: "category", inverse: true, data: charted.map((s) => staffName(t, s)), axisLabel: { width: 140, overflow: "truncate" } },
    xAxis: { type: "value", minInterval: 1 },
    series: [{ type: "bar", name: t("recognition.praise"), data: charted.map((s) => s.count), itemStyle: { color: "#d4a72c" }, barMaxWidth: 28, label: { show: true, position: "right" } }],
  }), [charted, t]);

  return (
    <Space orientation="vertical" size={16} style={{ width: "100%" }}>
      <Row gutter={[16, 16]}>
        <Col xs={24} sm={8}>
          <Kpi testId="recognition-total" title={t("recognition.total")} help={t("recognition.intro")} value={f.number(r.total)} />
        </Col>
        <Col xs={24} sm={8}>
          <Kpi testId="recognition-staff-count" title={t("recognition.staff")} help={t("recognition.intro")} value={f.number(r.items.length)} />
        </Col>
        <Col xs={24} sm={8}>
          <Kpi testId="recognition-top" title={t("recognition.top")} help={t("recognition.intro")} value={staffName(t, top)} note={t("recognition.count", { n: f.number(top.count) })} />
        </Col>
      </Row>
      <Card title={t("recognition.chartTitle")} size="small">
        <EChart option={chart} height={Math.max(160, 36 * charted.length + 24)} testId="recognition-chart" />
      </Card>
      <Row gutter={[16, 16]} data-testid="recognition-list">
        {r.items.map((s, i) => (
          <Col xs={24} lg={12} key={s.staffUserId}>
            <StaffPraiseCard s={s} rank={i + 1} name={staffName(t, s)} />
          </Col>
        ))}
      </Row>
    </Space>
  );
}
