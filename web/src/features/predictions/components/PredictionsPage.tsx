import { Card, Empty, Select, Space, Tabs, Typography } from "antd";
import { useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router-dom";
import { ErrorResult } from "../../../components/ErrorResult";
import { LoadingBlock, PageSpin } from "../../../components/Loading";
import { PageHeader } from "../../../components/PageHeader";
import { useFormat } from "../../../i18n/useFormat";
import { useRole } from "../../auth/hooks/useSession";
import { can } from "../../auth/roles";
import type { ModelRun, RunInfo } from "../api/predictions.api";
import { useModelRun, useRunReport, useRuns } from "../hooks/usePredictions";
import { AtRisk } from "./AtRisk";
import { BtydQuality } from "./BtydQuality";
import { ChurnQuality, ValueQuality } from "./ChurnQuality";
import { RunButton, RunForm, RunProgress } from "./RunModels";
import { SegmentsSection } from "./SegmentsSection";
import { Summary } from "./Summary";
import { ValueSection } from "./ValueSection";

const TABS = ["atRisk", "value", "quality", "segments"] as const;
type Tab = (typeof TABS)[number];

/**
 * Predictions (docs/prediction.md): a saved run of the models — who is still a customer,
 * what each is worth, who will leave and why — with every model's quality on the
 * business's own history. A run is started here and followed step by step.
 */
export default function PredictionsPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const runs = useRuns();
  const items = runs.data;
  const wanted = Number(params.get("run"));
  const run = items?.find((r) => r.runId === wanted) ?? items?.[0];
  const tab: Tab = TABS.find((x) => x === params.get("tab")) ?? "atRisk";
  const report = useRunReport(run?.runId);
  const [formOpen, setFormOpen] = useState(false);
  const canRun = can.runModels(useRole());

  const setParam = (key: string, value: string | null) => setParams((p) => {
    const next = new URLSearchParams(p);
    if (value === null) next.delete(key);
    else next.set(key, value);
    return next;
  }, { replace: true });
  // A finished run is the one to read: the newest, so the page drops any older choice.
  const model = useModelRun(() => setParam("run", null));

  const runButton = (id: string) => (canRun ? <RunButton model={model} onOpen={() => { model.start.reset(); setFormOpen(true); }} id={id} /> : null);

  let body: ReactNode;
  if (runs.isPending) body = <PageSpin />;
  else if (runs.isError) body = <ErrorResult error={runs.error} onRetry={() => void runs.refetch()} />;
  else if (!run) {
    body = (
      <Card>
        <Empty description={<Typography.Paragraph style={{ maxWidth: 600, margin: "0 auto" }}>{t(canRun ? "prediction.empty" : "prediction.emptyReadOnly")}</Typography.Paragraph>} data-testid="predictions-empty">
          {runButton("predictions-run-first")}
        </Empty>
      </Card>
    );
  } else {
    const withReport = (render: (r: ModelRun) => ReactNode) =>
      report.isPending ? <LoadingBlock rows={8} /> : report.isError ? <ErrorResult error={report.error} onRetry={() => void report.refetch()} /> : render(report.data);
    body = (
      <>
        <RunText run={run} />
        {report.data ? <Summary r={report.data} /> : null}
        <Tabs
          activeKey={tab}
          onChange={(k) => setParam("tab", k)}
          items={[
            { key: "atRisk", label: t("prediction.tabs.atRisk"), children: <AtRisk run={run} /> },
            { key: "value", label: t("prediction.tabs.value"), children: withReport((r) => <ValueSection r={r} />) },
            {
              key: "quality",
              label: t("prediction.tabs.quality"),
              children: withReport((r) => (
                <Space direction="vertical" size={16} style={{ width: "100%" }} data-testid="quality-section">
                  <ChurnQuality r={r} />
                  <BtydQuality r={r} />
                  <ValueQuality r={r} />
                </Space>
              )),
            },
            { key: "segments", label: t("prediction.tabs.segments"), children: withReport((r) => <SegmentsSection r={r} />) },
          ]}
        />
      </>
    );
  }

  return (
    <>
      <PageHeader title={t("nav.predictions")} extra={<Space wrap>{items && items.length > 1 && run ? <RunPicker runs={items} value={run.runId} onChange={(id) => setParam("run", String(id))} /> : null}{run ? runButton("predictions-run") : null}</Space>} />
      <Typography.Paragraph type="secondary" style={{ maxWidth: 960 }}>{t("prediction.intro")}</Typography.Paragraph>
      <RunProgress model={model} />
      {body}
      <RunForm open={formOpen} model={model} onClose={() => setFormOpen(false)} />
    </>
  );
}

/** The run on screen: its date, unit, horizon and when it was made. */
function RunText({ run }: { run: RunInfo }) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <Typography.Paragraph data-testid="predictions-run-text">
      {t("prediction.runText", {
        runId: run.runId, date: f.date(run.asOf), unit: t(`prediction.units.${run.unit}`), days: f.number(run.horizonDays),
        n: f.number(run.customers), made: f.dateTime(run.createdAt),
      })}
    </Typography.Paragraph>
  );
}

/** The saved runs (the five latest), newest first. */
function RunPicker({ runs, value, onChange }: { runs: RunInfo[]; value: number; onChange: (runId: number) => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <Select
      value={value}
      onChange={onChange}
      style={{ minWidth: 260 }}
      aria-label={t("prediction.runPicker")}
      options={runs.map((r) => ({ value: r.runId, label: t("prediction.runOption", { runId: r.runId, date: f.date(r.asOf), made: f.dateTime(r.createdAt) }) }))}
      data-testid="predictions-runs"
    />
  );
}
