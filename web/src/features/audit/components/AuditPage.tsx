import { DownloadOutlined } from "@ant-design/icons";
import { Button, Card, Empty, Table, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { ErrorResult } from "../../../components/ErrorResult";
import { PageHeader } from "../../../components/PageHeader";
import { label } from "../../../i18n/label";
import { useFormat } from "../../../i18n/useFormat";
import { auditExportUrl, type AuditEntry, type AuditFilters } from "../api/audit.api";
import { useAudit } from "../hooks/useAudit";
import { AuditFiltersForm } from "./AuditFiltersForm";
import { ChangeDiff } from "./ChangeDiff";

/** The audit log (admins): who changed what, when, from where; each change expandable. */
export default function AuditPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const [filters, setFilters] = useState<AuditFilters>({});
  const audit = useAudit(filters);
  const entries = audit.data?.pages.flatMap((p) => p.items) ?? [];

  const columns = [
    { key: "at", title: t("audit.at"), render: (_: unknown, e: AuditEntry) => f.dateTime(e.at) },
    { key: "actor", title: t("audit.actor"), render: (_: unknown, e: AuditEntry) => e.actor },
    { key: "action", title: t("audit.action"), render: (_: unknown, e: AuditEntry) => <Typography.Text code>{e.action}</Typography.Text> },
    { key: "entity", title: t("audit.entity"), render: (_: unknown, e: AuditEntry) => `${label(t, "audit.entityTypes", e.entityType)}${e.entityId ? ` #${e.entityId}` : ""}` },
    {
      key: "customer",
      title: t("audit.customerId"),
      render: (_: unknown, e: AuditEntry) => (e.customerId ? <Link to={`/customers/${e.customerId}`}>#{e.customerId}</Link> : "—"),
    },
    { key: "ip", title: t("audit.ip"), render: (_: unknown, e: AuditEntry) => e.ip ?? "—" },
  ];

  return (
    <>
      <PageHeader
        title={t("nav.audit")}
        extra={
          <Button icon={<DownloadOutlined />} href={auditExportUrl(filters)} download data-testid="audit-export">
            {t("audit.exportCsv")}
          </Button>
        }
      />
      <Card style={{ marginBottom: 16 }}>
        <AuditFiltersForm onChange={setFilters} />
      </Card>
      <Card styles={{ body: { padding: 0 } }}>
        {audit.isError && entries.length === 0 ? (
          <ErrorResult error={audit.error} onRetry={() => void audit.refetch()} />
        ) : (
          <div data-testid="audit-list">
            <Table<AuditEntry>
              rowKey="id"
              size="small"
              loading={audit.isPending}
              dataSource={entries}
              columns={columns}
              pagination={false}
              scroll={{ x: "max-content" }}
              expandable={{ expandedRowRender: (e) => <ChangeDiff entry={e} />, rowExpandable: (e) => e.before != null || e.after != null }}
              locale={{ emptyText: <Empty description={t("audit.empty")} /> }}
            />
          </div>
        )}
      </Card>
      {audit.isFetchNextPageError ? <ErrorResult error={audit.error} onRetry={() => void audit.fetchNextPage()} inline /> : null}
      {audit.hasNextPage ? (
        <Button block style={{ marginTop: 12 }} onClick={() => void audit.fetchNextPage()} loading={audit.isFetchingNextPage} data-testid="audit-more">
          {t("common.loadMore")}
        </Button>
      ) : null}
    </>
  );
}
