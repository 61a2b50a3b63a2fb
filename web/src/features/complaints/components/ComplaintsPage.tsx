import { ApartmentOutlined, PlusOutlined } from "@ant-design/icons";
import { Button, Card, Checkbox, Col, Empty, Flex, Row, Segmented, Select, Statistic, Table, Tag, Tooltip, Typography } from "antd";
import { useState, type HTMLAttributes } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router-dom";
import { ErrorResult } from "../../../components/ErrorResult";
import { LoadingBlock } from "../../../components/Loading";
import { PageHeader } from "../../../components/PageHeader";
import { label } from "../../../i18n/label";
import { useFormat } from "../../../i18n/useFormat";
import { testId } from "../../../lib/testId";
import { useRole } from "../../auth/hooks/useSession";
import { can } from "../../auth/roles";
import { Pager } from "./Pager";
import { SEVERITIES, type ComplaintSummary, type ListParams, type Severity } from "../api/complaints.api";
import { useComplaintList, useComplaintSettings } from "../hooks/useComplaints";
import { useComplaintLabels } from "../labels";
import { complaintPath } from "../paths";
import { SlaTag, StatusTag } from "./ComplaintTags";
import { NewComplaintModal } from "./NewComplaintModal";
import { ComplaintSettingsDrawer } from "./settings/ComplaintSettingsDrawer";

const STATUS_FILTERS = ["open", "closed", "all"] as const;
const NOWRAP = { whiteSpace: "nowrap" } as const;
const SEVERITY_COLOR: Record<Severity, string> = { low: "default", normal: "blue", high: "orange", critical: "red" };

/** The customer's words cut to a table cell; the whole text is in the tooltip. */
const shorten = (s: string | null, n = 24) => (s && s.length > n ? `${s.slice(0, n)}…` : (s ?? ""));

/** The filters live in the URL, so a filtered list can be shared and survives a reload. */
function useFilters(): [ListParams, (p: Partial<ListParams>) => void] {
  const [sp, setSp] = useSearchParams();
  const status = (STATUS_FILTERS as readonly string[]).includes(sp.get("status") ?? "") ? (sp.get("status") as ListParams["status"]) : "open";
  const severity = (SEVERITIES as readonly string[]).includes(sp.get("severity") ?? "") ? (sp.get("severity") as Severity) : undefined;
  const customer = Number(sp.get("customerId"));
  const params: ListParams = { status, severity, breached: sp.get("breached") === "true", customerId: Number.isSafeInteger(customer) && customer > 0 ? customer : undefined };
  const set = (p: Partial<ListParams>) => {
    const next = { ...params, ...p };
    const q: Record<string, string> = {};
    if (next.status !== "open") q.status = next.status;
    if (next.severity) q.severity = next.severity;
    if (next.breached) q.breached = "true";
    if (next.customerId) q.customerId = String(next.customerId);
    setSp(q, { replace: true });
  };
  return [params, set];
}

/** Complaints (DOMAIN §6): what is open, what is late, and the way into each case's recovery. */
export default function ComplaintsPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const role = useRole();
  const [params, setParams] = useFilters();
  const list = useComplaintList(params);
  const [creating, setCreating] = useState(false);
  const [editingSettings, setEditingSettings] = useState(false);
  // Rows name their category from the settings: wait for them rather than show the keys first.
  const settings = useComplaintSettings();
  const q = list.query;
  const counts = q.data?.counts;
  const filtered = params.status !== "open" || !!params.severity || !!params.breached || !!params.customerId;

  const extra = (
    <Flex gap={8} wrap>
      {can.administer(role) ? (
        <Button icon={<ApartmentOutlined />} onClick={() => setEditingSettings(true)} data-testid="complaint-settings-open">
          {t("complaints.settings.open")}
        </Button>
      ) : null}
      {can.changeCustomers(role) ? (
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="complaint-new">
          {t("complaints.new")}
        </Button>
      ) : null}
    </Flex>
  );

  return (
    <div data-testid="complaints-page">
      <PageHeader title={t("nav.complaints")} extra={extra} />
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        {(["open", "warning", "breached"] as const).map((k) => (
          <Col xs={24} sm={8} key={k}>
            <Card size="small">
              <Statistic
                title={t(`complaints.counts.${k}`)}
                value={counts ? f.number(counts[k]) : "—"}
                styles={{ content: k === "breached" && counts?.breached ? { color: "#cf1322" } : k === "warning" && counts?.warning ? { color: "#d48806" } : undefined }}
                data-testid={`complaints-count-${k}`}
              />
            </Card>
          </Col>
        ))}
      </Row>
      <Card>
        <Flex gap={12} wrap align="center" style={{ marginBottom: 12 }} data-testid="complaints-filters">
          <Segmented
            value={params.status}
            onChange={(v) => setParams({ status: v as ListParams["status"] })}
            options={STATUS_FILTERS.map((s) => ({ value: s, label: <span data-testid={`complaints-status-${s}`}>{t(`complaints.filters.${s}`)}</span> }))}
          />
          <Select
            allowClear
            value={params.severity}
            placeholder={t("complaints.filters.anySeverity")}
            onChange={(v: Severity | undefined) => setParams({ severity: v })}
            options={SEVERITIES.map((s) => ({ value: s, label: t(`severities.${s}`) }))}
            style={{ minWidth: 140 }}
            data-testid="complaints-filter-severity"
          />
          <Checkbox checked={!!params.breached} onChange={(e) => setParams({ breached: e.target.checked })} data-testid="complaints-filter-breached">
            {t("complaints.filters.breachedOnly")}
          </Checkbox>
          {params.customerId ? (
            <Tag closable onClose={() => setParams({ customerId: undefined })} data-testid="complaints-filter-customer">
              {t("complaints.filters.customer", { id: params.customerId })}
            </Tag>
          ) : null}
        </Flex>
        {q.isPending || settings.isPending ? (
          <LoadingBlock rows={6} />
        ) : q.isError && !q.data ? (
          <ErrorResult error={q.error} onRetry={() => void q.refetch()} inline />
        ) : q.data.items.length === 0 ? (
          <Empty description={filtered ? t("complaints.emptyFiltered") : t("complaints.empty")} data-testid="complaints-empty" />
        ) : (
          <>
            {q.isError ? <ErrorResult error={q.error} onRetry={() => void q.refetch()} inline /> : null}
            {q.data.items.some((c) => c.missingHolidayYears.length > 0) ? <MissingHolidays years={q.data.items.flatMap((c) => c.missingHolidayYears)} /> : null}
            <ComplaintTable items={q.data.items} loading={q.isFetching} />
            <Pager page={list.page} hasPrev={list.hasPrev} hasNext={list.hasNext} onPrev={list.prev} onNext={() => void list.next()} />
          </>
        )}
      </Card>
      <NewComplaintModal open={creating} onClose={() => setCreating(false)} />
      {can.administer(role) ? <ComplaintSettingsDrawer open={editingSettings} onClose={() => setEditingSettings(false)} /> : null}
    </div>
  );
}

export function MissingHolidays({ years }: { years: number[] }) {
  const { t } = useTranslation();
  const unique = [...new Set(years)].sort();
  return (
    <Typography.Paragraph type="warning" data-testid="complaints-missing-holidays">
      {t("complaints.sla.missingHolidays", { years: unique.join(", ") })}
    </Typography.Paragraph>
  );
}

function ComplaintTable({ items, loading }: { items: ComplaintSummary[]; loading: boolean }) {
  const { t } = useTranslation();
  const f = useFormat();
  const names = useComplaintLabels();
  return (
    <Table<ComplaintSummary>
      size="small"
      rowKey={(c) => `${c.customerId}-${c.complaintId}`}
      dataSource={items}
      pagination={false}
      loading={loading}
      scroll={{ x: "max-content" }}
      data-testid="complaints-table"
      onRow={(c) => ({ ...testId("complaint-row"), "data-status": c.status }) as HTMLAttributes<HTMLElement>}
      columns={[
        {
          title: t("complaints.columns.customer"),
          key: "customer",
          render: (_: unknown, c) => (
            <Link to={`/customers/${c.customerId}`} style={NOWRAP} data-testid="complaint-customer">
              {c.customerName ?? c.customerExternalId ?? `#${c.customerId}`}
            </Link>
          ),
        },
        {
          title: t("complaints.columns.opened"),
          key: "opened",
          render: (_: unknown, c) => (
            <Link to={complaintPath(c)} data-testid="complaint-open">
              {f.dateTime(c.openedAt)}
            </Link>
          ),
        },
        {
          title: `${t("complaints.columns.channel")} / ${t("complaints.columns.category")}`,
          key: "channel",
          render: (_: unknown, c) => (
            <Flex vertical>
              <span style={NOWRAP}>{label(t, "complaints.channels", c.channel)}</span>
              <Typography.Text type="secondary" style={NOWRAP} data-testid="complaint-row-category" data-key={c.category ?? ""}>{c.category ? names.category(c.category) : "—"}</Typography.Text>
            </Flex>
          ),
        },
        { title: t("complaints.columns.severity"), dataIndex: "severity", render: (v: Severity) => <Tag color={SEVERITY_COLOR[v]}>{label(t, "severities", v)}</Tag> },
        {
          title: t("complaints.columns.words"),
          dataIndex: "description",
          width: 180,
          render: (v: string | null, c) => (
            <Tooltip title={v}>
              <Link to={complaintPath(c)}>{shorten(v) || "—"}</Link>
            </Tooltip>
          ),
        },
        { title: t("complaints.columns.status"), key: "status", render: (_: unknown, c) => <StatusTag c={c} /> },
        {
          title: <Tooltip title={`${t("complaints.sla.firstResponse")} / ${t("complaints.sla.resolution")}`}>{t("complaints.columns.sla")}</Tooltip>,
          key: "sla",
          render: (_: unknown, c) => (
            <Flex vertical gap={4} align="flex-start">
              <SlaTag sla={c.sla.firstResponse} kind="firstResponse" compact />
              <SlaTag sla={c.sla.resolution} kind="resolution" compact />
            </Flex>
          ),
        },
      ]}
    />
  );
}
