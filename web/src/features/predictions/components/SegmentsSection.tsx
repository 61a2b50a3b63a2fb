import { Alert, Card, Col, Empty, Row, Space, Table, Tag, Typography } from "antd";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { EChart } from "../../../components/EChart";
import { escapeHtml, type EChartsOption } from "../../../lib/echarts";
import { testId } from "../../../lib/testId";
import { WithHelp } from "../../patterns/components/bits";
import type { ClusterSummary, FeatureContrast, ModelRun } from "../api/predictions.api";
import { clusterName, contrastText, featureLabel, lookalikeReference, profileText } from "../words";
import { runFormat, usePredictionFormat } from "./bits";
import { BLUE, errorBars, frame, ORANGE } from "./charts";

type Cluster = ClusterSummary["clusters"][number];
type KRow = ClusterSummary["table"][number];

const ROW = testId("segments-cluster");

/**
 * Segments found in the data: the k-means clusters of the active customers with each one's
 * profile in words, the silhouette that chose k, what sets the customers who left apart from
 * those who stayed, and the look-alike score's reference group.
 */
export function SegmentsSection({ r }: { r: ModelRun }) {
  const { t } = useTranslation();
  const p = usePredictionFormat(r.currency);
  const k = r.clusters;
  return (
    <Space direction="vertical" size={16} style={{ width: "100%" }} data-testid="segments-section">
      {k ? (
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={16}>
            <Card title={t("prediction.segments.clustersTitle")} style={{ height: "100%" }} data-testid="segments-clusters">
              <Typography.Paragraph data-testid="segments-clusters-text">{t("prediction.segments.clustersText", { n: p.number(k.customers), k: p.number(k.k) })}</Typography.Paragraph>
              <Table<Cluster>
                rowKey="cluster"
                size="small"
                pagination={false}
                dataSource={k.clusters}
                onRow={() => ROW}
                columns={[
                  { key: "cluster", title: t("prediction.segments.cluster"), render: (_: unknown, c: Cluster) => <Typography.Text strong>{clusterName(t, c.cluster)}</Typography.Text> },
                  { key: "customers", title: t("prediction.customers"), align: "right" as const, render: (_: unknown, c: Cluster) => p.number(c.customers) },
                  { key: "share", title: t("prediction.segments.share"), align: "right" as const, render: (_: unknown, c: Cluster) => p.pct(c.share) },
                  { key: "profile", title: t("prediction.segments.profile"), width: "60%", render: (_: unknown, c: Cluster) => <span data-testid="segments-cluster-profile">{profileText(t, c.top, p.locale)}</span> },
                ]}
              />
            </Card>
          </Col>
          <Col xs={24} xl={8}>
            <Card title={<WithHelp title={t("prediction.segments.silhouetteTitle")} help={t("prediction.help.silhouette")} />} style={{ height: "100%" }} data-testid="segments-silhouette">
              <SilhouetteChart table={k.table} chosen={k.k} locale={p.locale} />
              <Table<KRow>
                rowKey="k"
                size="small"
                pagination={false}
                dataSource={k.table}
                data-testid="segments-silhouette-table"
                columns={[
                  { key: "k", title: "k", render: (_: unknown, x: KRow) => <>{p.number(x.k)} {x.k === k.k ? <Tag color="blue">{t("prediction.quality.chosen")}</Tag> : null}</> },
                  { key: "silhouette", title: t("prediction.segments.silhouette"), align: "right" as const, render: (_: unknown, x: KRow) => p.fixed(x.silhouette, 3) },
                  { key: "between", title: <WithHelp title={t("prediction.segments.between")} help={t("prediction.help.between")} />, align: "right" as const, render: (_: unknown, x: KRow) => p.pct(x.betweenShare) },
                ]}
              />
            </Card>
          </Col>
        </Row>
      ) : (
        <Card title={t("prediction.segments.clustersTitle")}>
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("prediction.segments.noClusters")} data-testid="segments-no-clusters" />
        </Card>
      )}
      <Contrast rows={r.churnedVsStayed} currency={r.currency} />
      <Alert
        type="info"
        showIcon
        title={t("prediction.segments.lookalikeTitle")}
        description={r.lookalike.referenceCustomers >= 30
          ? t("prediction.segments.lookalikeText", { n: p.number(r.lookalike.referenceCustomers), reference: lookalikeReference(t, r.lookalike.reference) })
          : t("prediction.segments.lookalikeNone", { n: p.number(r.lookalike.referenceCustomers), reference: lookalikeReference(t, r.lookalike.reference) })}
        data-testid="segments-lookalike"
      />
    </Space>
  );
}

/** The average silhouette of each k tried; the highest chose k. */
function SilhouetteChart({ table, chosen, locale }: { table: KRow[]; chosen: number; locale: string }) {
  const { t } = useTranslation();
  const option = useMemo((): EChartsOption => {
    const p = runFormat(locale, "");
    return {
      ...frame(16),
      legend: { show: false },
      tooltip: { trigger: "axis", valueFormatter: (v: unknown) => (typeof v === "number" ? p.fixed(v, 3) : "—") },
      xAxis: { type: "category", name: "k", data: table.map((x) => String(x.k)) },
      yAxis: { type: "value" },
      series: [{
        type: "bar", name: t("prediction.segments.silhouette"),
        data: table.map((x) => ({ value: x.silhouette, itemStyle: { color: x.k === chosen ? BLUE : "#bfbfbf" } })),
        barMaxWidth: 32,
      }],
    };
  }, [table, chosen, locale, t]);
  return <EChart option={option} height={180} testId="segments-silhouette-chart" />;
}

/** What sets the customers who left apart: every feature's Cohen's d with its 95% interval, the clear ones in words. */
function Contrast({ rows, currency }: { rows: FeatureContrast[]; currency: string }) {
  const { t } = useTranslation();
  const p = usePredictionFormat(currency);
  const words = rows.map((c) => ({ c, text: contrastText(t, c, p.wf) })).filter((x): x is { c: FeatureContrast; text: string } => x.text !== null);
  return (
    <Card title={<WithHelp title={t("prediction.segments.contrastTitle")} help={t("prediction.help.cohensD")} />} data-testid="segments-contrast">
      {rows.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("prediction.segments.noContrast")} data-testid="segments-contrast-none" />
      ) : (
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={10}>
            <Typography.Paragraph>{t("prediction.segments.contrastIntro")}</Typography.Paragraph>
            {words.length ? (
              <ul style={{ paddingInlineStart: 18 }} data-testid="segments-contrast-text">
                {words.map((w) => <li key={w.c.feature} data-testid="segments-contrast-item" data-feature={w.c.feature}>{w.text}</li>)}
              </ul>
            ) : (
              <Typography.Paragraph type="secondary">{t("prediction.segments.contrastSmall")}</Typography.Paragraph>
            )}
          </Col>
          <Col xs={24} xl={14}>
            <ContrastChart rows={rows} locale={p.locale} />
          </Col>
        </Row>
      )}
    </Card>
  );
}

function ContrastChart({ rows, locale }: { rows: FeatureContrast[]; locale: string }) {
  const { t } = useTranslation();
  const option = useMemo((): EChartsOption => {
    const p = runFormat(locale, "");
    // Largest |d| at the top: the y axis draws its first category at the bottom.
    const shown = rows.filter((c) => c.d !== null).slice().reverse();
    const names = shown.map((c) => featureLabel(t, c.feature));
    const withInterval = shown.map((c, i) => [i, c.lower, c.upper] as const).filter((x): x is readonly [number, number, number] => typeof x[1] === "number" && typeof x[2] === "number");
    return {
      ...frame(8),
      legend: { show: false },
      grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
      tooltip: {
        trigger: "axis",
        axisPointer: { type: "shadow" },
        formatter: (x: unknown) => {
          const i = (x as Array<{ dataIndex: number }>)[0]?.dataIndex ?? 0;
          const c = shown[i]!;
          const ci = typeof c.lower === "number" && typeof c.upper === "number" ? ` (${t("prediction.range", { low: p.fixed(c.lower, 2), high: p.fixed(c.upper, 2) })})` : "";
          return `${escapeHtml(names[i]!)}<br/>d = ${p.fixed(c.d, 2)}${ci}`;
        },
      },
      xAxis: { type: "value", name: "d" },
      yAxis: { type: "category", data: names, axisLabel: { width: 200, overflow: "truncate" } },
      series: [
        { type: "bar", name: "d", data: shown.map((c) => ({ value: c.d, itemStyle: { color: (c.d ?? 0) > 0 ? ORANGE : BLUE } })), barMaxWidth: 14 },
        errorBars(t("prediction.segments.interval95"), withInterval.map((x) => [x[0], x[1], x[2]]), true),
      ],
    };
  }, [rows, locale, t]);
  return <EChart option={option} height={Math.max(240, rows.length * 22 + 40)} testId="segments-contrast-chart" />;
}
