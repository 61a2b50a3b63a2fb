import { Button, Card, Empty, Flex, InputNumber, Segmented, Select, Space, Table, Tag, Tooltip, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { ErrorResult } from "../../../components/ErrorResult";
import { LoadingBlock } from "../../../components/Loading";
import { PageHeader } from "../../../components/PageHeader";
import { useRole } from "../../auth/hooks/useSession";
import { LEAD_SOURCES, type LeadSource, type Prospect, type ProspectQuery, type ProspectSort, type ProspectState } from "../api/prospects.api";
import { useProspectPages } from "../hooks/useProspects";
import { LookAlike, Readiness } from "./bits";
import { NewProspectModal } from "./NewProspectModal";
import { ProspectDrawer } from "./ProspectDrawer";

type StateFilter = "all" | ProspectState | "converted";

/**
 * Prospects (DOMAIN §8, seed 002): potential and target customers with where they came
 * from, the buying signals seen and how ready that makes them, and how much they resemble
 * the loyal customers. A row opens the prospect's drawer to work on it or convert it.
 */
export default function ProspectsPage() {
  const { t } = useTranslation();
  const role = useRole();
  const canWrite = role !== undefined && role !== "analyst";
  const [state, setState] = useState<StateFilter>("all");
  const [leadSource, setLeadSource] = useState<LeadSource | undefined>();
  const [minLookAlike, setMinLookAlike] = useState<number | null>(null);
  const [sort, setSort] = useState<ProspectSort>("readiness");
  const [open, setOpen] = useState<number | null>(null);
  const [creating, setCreating] = useState(false);
  const q: ProspectQuery = { state: state === "all" ? undefined : state, leadSource, minLookAlike: minLookAlike ?? undefined, sort };
  const pages = useProspectPages(q);
  const data = pages.query.data;

  const filters = (
    <Space wrap data-testid="prospects-filters">
      <Segmented<StateFilter>
        value={state}
        onChange={setState}
        options={(["all", "potential", "target", "converted"] as const).map((s) => ({
          value: s, label: <span data-testid={`prospects-state-${s}`}>{s === "all" ? t("common.all") : s === "converted" ? t("prospects.converted") : t(`states.${s}`)}</span>,
        }))}
      />
      <Select<LeadSource>
        allowClear
        value={leadSource}
        onChange={setLeadSource}
        placeholder={t("prospects.leadSource")}
        options={LEAD_SOURCES.map((s) => ({ value: s, label: t(`prospects.sources.${s}`) }))}
        style={{ minWidth: 160 }}
        data-testid="prospects-filter-source"
      />
      <InputNumber<number>
        min={0} max={1} step={0.1} value={minLookAlike} onChange={setMinLookAlike}
        placeholder={t("prospects.minLookAlike")} style={{ width: 150 }} data-testid="prospects-filter-lookalike"
      />
      <Select<ProspectSort>
        value={sort}
        onChange={setSort}
        options={(["readiness", "lookalike", "newest"] as const).map((s) => ({ value: s, label: t(`prospects.sort.${s}`) }))}
        style={{ minWidth: 150 }}
        data-testid="prospects-sort"
      />
      {canWrite ? <Button type="primary" onClick={() => setCreating(true)} data-testid="prospect-new">{t("prospects.new")}</Button> : null}
    </Space>
  );

  let body;
  if (pages.query.isPending) body = <LoadingBlock rows={8} />;
  else if (pages.query.isError && !data) body = <ErrorResult error={pages.query.error} onRetry={() => void pages.query.refetch()} />;
  else if (data && data.items.length === 0) {
    body = (
      <Card>
        <Empty description={t("prospects.empty")} data-testid="prospects-empty" />
      </Card>
    );
  } else if (data) {
    body = (
      <>
        <ProspectTable items={data.items} onOpen={setOpen} />
        <Flex justify="space-between" align="center" style={{ marginTop: 12 }}>
          <Typography.Text type="secondary" data-testid="prospects-total">{t("prospects.total", { n: data.total })}</Typography.Text>
          <Space>
            <Button disabled={!pages.hasPrev} onClick={pages.prev} data-testid="page-prev">{t("common.prev")}</Button>
            <Button disabled={!pages.hasNext} onClick={pages.next} data-testid="page-next">{t("common.next")}</Button>
          </Space>
        </Flex>
      </>
    );
  }

  return (
    <div data-testid="prospects-page">
      <PageHeader title={t("nav.prospects")} extra={filters} />
      <Typography.Paragraph type="secondary">{t("prospects.intro")}</Typography.Paragraph>
      {pages.query.isError && data ? <ErrorResult error={pages.query.error} onRetry={() => void pages.query.refetch()} inline /> : null}
      <div data-testid="prospects-body" data-loading={pages.query.isFetching ? "true" : "false"}>{body}</div>
      {open !== null ? <ProspectDrawer id={open} editable={canWrite} onClose={() => setOpen(null)} /> : null}
      {creating ? <NewProspectModal onClose={() => setCreating(false)} onCreated={(p) => { setCreating(false); setOpen(p.id); }} /> : null}
    </div>
  );
}

function ProspectTable({ items, onOpen }: { items: Prospect[]; onOpen: (id: number) => void }) {
  const { t } = useTranslation();
  return (
    <Table<Prospect>
      rowKey="id"
      dataSource={items}
      pagination={false}
      size="middle"
      scroll={{ x: 960 }}
      data-testid="prospects-table"
      onRow={(p) => ({ "data-testid": "prospect-row", "data-id": p.id } as React.HTMLAttributes<HTMLElement>)}
      columns={[
        {
          title: t("common.name"), key: "name",
          render: (_, p) => (
            <Space orientation="vertical" size={0}>
              <Link to={`/customers/${p.id}`} data-testid="prospect-name">{p.name ?? t("common.unnamed")}</Link>
              {p.referredBy ? <Typography.Text type="secondary">{t("prospects.referredBy", { name: p.referredBy.name ?? `#${p.referredBy.id}` })}</Typography.Text> : null}
            </Space>
          ),
        },
        { title: t("prospects.state"), key: "state", render: (_, p) => <Tag color={p.state === "target" ? "blue" : p.state === "current" ? "green" : "default"} data-testid="prospect-state">{t(`states.${p.state as ProspectState}`)}</Tag> },
        { title: t("prospects.leadSource"), key: "source", render: (_, p) => (p.leadSource ? t(`prospects.sources.${p.leadSource}`) : "—") },
        {
          title: t("prospects.signals"), key: "signals",
          render: (_, p) => (p.signals.length ? (
            <Space size={[0, 4]} wrap>{p.signals.map((s) => <Tag key={s} data-testid="prospect-signal">{t(`prospects.signalShort.${s}`)}</Tag>)}</Space>
          ) : <Typography.Text type="secondary">—</Typography.Text>),
        },
        { title: <Tooltip title={t("prospects.readinessHelp")}>{t("prospects.readiness")}</Tooltip>, key: "readiness", width: 150, render: (_, p) => <Readiness p={p} /> },
        { title: <Tooltip title={t("prospects.lookAlikeHelp")}>{t("prospects.lookAlike")}</Tooltip>, key: "look", width: 120, render: (_, p) => <LookAlike p={p} /> },
        { title: t("prospects.owner"), key: "owner", render: (_, p) => p.owner?.name ?? "—" },
        { title: t("common.actions"), key: "actions", render: (_, p) => <Button size="small" onClick={() => onOpen(p.id)} data-testid="prospect-open">{t("prospects.open")}</Button> },
      ]}
    />
  );
}

