import { CameraOutlined } from "@ant-design/icons";
import { App, Button, Card, Empty, Result, Select, Space, Typography } from "antd";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router-dom";
import { isApiError } from "../../../api/errors";
import { ErrorResult } from "../../../components/ErrorResult";
import { PageSpin } from "../../../components/Loading";
import { PageHeader } from "../../../components/PageHeader";
import { useFormat } from "../../../i18n/useFormat";
import type { TakeSnapshotBody } from "../api/segments.api";
import { useSegmentSummary, useSnapshots, useTakeSnapshot } from "../hooks/useSegments";
import { MembersDrawer, type SegmentTarget } from "./MembersDrawer";
import { SegmentsReport } from "./SegmentsReport";
import { TakeSnapshotModal } from "./TakeSnapshotModal";

/**
 * Segments on a snapshot's date: the RFM grid and segments, loyalty classes, the loyalty
 * ladder, the three profitable groups, the pyramid and transaction customers, each with its
 * rule; every segment opens its customers (definitions: docs/value.md, "Segments").
 */
export default function SegmentsPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const snapshots = useSnapshots();
  const take = useTakeSnapshot();
  const [form, setForm] = useState(false);
  const [target, setTarget] = useState<SegmentTarget | null>(null);
  const items = snapshots.data?.items;
  const asOf = params.get("asOf") ?? items?.[0]?.asOf;
  const summary = useSegmentSummary(asOf);

  const select = (date: string) => setParams((p) => {
    const next = new URLSearchParams(p);
    next.set("asOf", date);
    return next;
  }, { replace: true });

  const key = "segments-snapshot";
  // The progress note goes with the page: leaving it mid-run leaves no note spinning forever.
  useEffect(() => () => message.destroy(key), [message]);

  const onTake = (body: TakeSnapshotBody, label: string) => {
    void message.open({ key, type: "loading", content: t("segments.taking", { date: label }), duration: 0 });
    take.mutate(body, {
      onSuccess: (r) => {
        void message.open({ key, type: "success", content: t("segments.taken", { date: f.date(r.asOf), customers: f.number(r.customers) }) });
        setForm(false);
        select(r.asOf);
      },
      onError: () => message.destroy(key),
    });
  };

  const openForm = () => {
    take.reset();
    setForm(true);
  };

  const takeButton = (id: string) => (
    <Button type="primary" icon={<CameraOutlined />} onClick={openForm} loading={take.isPending} data-testid={id}>
      {t("segments.take")}
    </Button>
  );

  const picker = items && items.length > 0 ? (
    <Select
      value={asOf}
      onChange={select}
      style={{ minWidth: 240 }}
      aria-label={t("segments.snapshot")}
      options={items.map((s) => ({ value: s.asOf, label: t("segments.snapshotOption", { date: f.date(s.asOf), customers: f.number(s.customers) }) }))}
      data-testid="segments-snapshot"
    />
  ) : null;

  let body;
  if (snapshots.isPending) body = <PageSpin />;
  else if (snapshots.isError) body = <ErrorResult error={snapshots.error} onRetry={() => void snapshots.refetch()} />;
  else if (!items || items.length === 0) {
    body = (
      <Card>
        <Empty description={<Typography.Paragraph style={{ maxWidth: 560, margin: "0 auto" }}>{t("segments.empty")}</Typography.Paragraph>} data-testid="segments-empty">
          {takeButton("segments-take-first")}
        </Empty>
      </Card>
    );
  } else if (summary.isPending) body = <PageSpin />;
  else if (summary.isError && !summary.data) {
    body = isApiError(summary.error) && summary.error.code === "NOT_FOUND"
      ? <Result status="404" title={t("segments.notFound", { date: f.date(asOf) })} data-testid="segments-not-found" />
      : <ErrorResult error={summary.error} onRetry={() => void summary.refetch()} />;
  } else if (summary.data) {
    body = <SegmentsReport summary={summary.data} onOpen={setTarget} />;
  }

  return (
    <>
      <PageHeader title={t("nav.segments")} extra={<Space wrap>{picker}{items && items.length > 0 ? takeButton("segments-take") : null}</Space>} />
      <Typography.Paragraph type="secondary" style={{ maxWidth: 960 }}>{t("segments.intro")}</Typography.Paragraph>
      {summary.isError && summary.data ? <ErrorResult error={summary.error} onRetry={() => void summary.refetch()} inline /> : null}
      {body}
      <TakeSnapshotModal open={form} running={take.isPending} error={take.error} onCancel={() => setForm(false)} onTake={onTake} />
      {asOf ? <MembersDrawer asOf={asOf} target={target} onClose={() => setTarget(null)} /> : null}
    </>
  );
}
