import { Card, Empty, Table, Tag } from "antd";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { ErrorResult } from "../../../components/ErrorResult";
import { label } from "../../../i18n/label";
import { useFormat } from "../../../i18n/useFormat";
import { fetchImports, type ImportRun } from "../api/imports.api";

const STATUS_COLOR: Record<string, string> = { done: "green", failed: "red", running: "blue", dry_run: "default" };

/** Every import run so far, newest first as the server lists them. */
export function PastImports() {
  const { t } = useTranslation();
  const f = useFormat();
  const runs = useQuery({ queryKey: ["imports", "runs"], queryFn: fetchImports });

  const columns = [
    { key: "startedAt", title: t("imports.startedAt"), render: (_: unknown, r: ImportRun) => f.dateTime(r.startedAt) },
    { key: "kind", title: t("imports.kind"), render: (_: unknown, r: ImportRun) => label(t, "imports.kinds", r.kind) },
    { key: "file", title: t("imports.file"), render: (_: unknown, r: ImportRun) => r.fileName },
    { key: "status", title: t("common.status"), render: (_: unknown, r: ImportRun) => <Tag color={STATUS_COLOR[r.status]}>{label(t, "imports.statuses", r.status)}</Tag> },
    { key: "rowsRead", title: t("imports.counts.rowsRead"), align: "right" as const, render: (_: unknown, r: ImportRun) => f.number(r.rowsRead) },
    { key: "landed", title: t("imports.counts.landed"), align: "right" as const, render: (_: unknown, r: ImportRun) => f.number(r.landed) },
    { key: "updated", title: t("imports.counts.updated"), align: "right" as const, render: (_: unknown, r: ImportRun) => f.number(r.updated) },
    { key: "rejected", title: t("imports.counts.rejected"), align: "right" as const, render: (_: unknown, r: ImportRun) => f.number(r.rejected) },
    { key: "error", title: t("imports.error"), render: (_: unknown, r: ImportRun) => r.error ?? "—" },
  ];

  return (
    <Card title={t("imports.past")}>
      {runs.isError ? (
        <ErrorResult error={runs.error} onRetry={() => void runs.refetch()} inline />
      ) : (
        <div data-testid="import-history">
          <Table<ImportRun>
            rowKey="id"
            size="small"
            loading={runs.isPending}
            dataSource={runs.data}
            columns={columns}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            scroll={{ x: "max-content" }}
            locale={{ emptyText: <Empty description={t("imports.noPast")} /> }}
          />
        </div>
      )}
    </Card>
  );
}
