import { PlusOutlined } from "@ant-design/icons";
import { useQuery } from "@tanstack/react-query";
import { Button, Card, Empty, Table, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { ErrorResult } from "../../../components/ErrorResult";
import { LoadingBlock } from "../../../components/Loading";
import { PageHeader } from "../../../components/PageHeader";
import { useFormat } from "../../../i18n/useFormat";
import { useRole } from "../../auth/hooks/useSession";
import { fetchCampaigns, type Campaign } from "../api/campaigns.api";

export const STATUS_COLOR: Record<Campaign["status"], string | undefined> = { draft: undefined, running: "blue", done: "green", cancelled: "default" };

/** Campaigns and win-backs (DOMAIN §5): each with its audience, contacted and control group; plans' rows link to their plan. */
export default function CampaignsPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const role = useRole();
  const manages = role === "admin" || role === "manager";
  const campaigns = useQuery({ queryKey: ["campaigns"], queryFn: fetchCampaigns });

  let body;
  if (campaigns.isPending) body = <LoadingBlock />;
  else if (campaigns.isError) body = <ErrorResult error={campaigns.error} onRetry={() => void campaigns.refetch()} />;
  else if (!campaigns.data.length) body = <Card><Empty description={t("campaigns.empty")} data-testid="campaigns-empty" /></Card>;
  else {
    body = (
      <Table<Campaign>
        rowKey="id"
        dataSource={campaigns.data}
        pagination={false}
        scroll={{ x: true }}
        data-testid="campaigns-table"
        columns={[
          {
            title: t("campaigns.name"), dataIndex: "name",
            render: (_, c) => (c.kind === "plan" && c.planId !== null
              ? <Link to={`/plans/${c.planId}`} data-testid={`campaign-link-${c.id}`}>{c.name}</Link>
              : <Link to={`/campaigns/${c.id}`} data-testid={`campaign-link-${c.id}`}>{c.name}</Link>),
          },
          { title: t("campaigns.kind"), dataIndex: "kind", render: (k: Campaign["kind"]) => <Tag>{t(`campaigns.kinds.${k}`)}</Tag> },
          { title: t("campaigns.channel"), dataIndex: "channel", render: (ch: string) => t(`campaigns.channels.${ch === "email" || ch === "mixed" ? ch : "task"}`) },
          { title: t("campaigns.status"), dataIndex: "status", render: (s: Campaign["status"], c) => <Tag color={STATUS_COLOR[s]} data-testid={`campaign-status-${c.id}`}>{t(`campaigns.statuses.${s}`)}</Tag> },
          { title: t("campaigns.audienceSize"), dataIndex: "members", align: "right", render: (n: number, c) => (c.status === "draft" ? "—" : f.number(n)) },
          { title: t("campaigns.contacted"), dataIndex: "contacted", align: "right", render: (n: number, c) => (c.status === "draft" ? "—" : f.number(n)) },
          { title: t("campaigns.control"), dataIndex: "control", align: "right", render: (n: number, c) => (c.status === "draft" ? "—" : f.number(n)) },
          { title: t("campaigns.startDay"), dataIndex: "startDay", render: (d: string | null) => (d ? f.date(d) : "—") },
        ]}
      />
    );
  }

  return (
    <div data-testid="campaigns-page">
      <PageHeader
        title={t("nav.campaigns")}
        extra={manages ? <Link to="/campaigns/new"><Button type="primary" icon={<PlusOutlined />} data-testid="campaigns-new">{t("campaigns.new")}</Button></Link> : null}
      />
      <Typography.Paragraph type="secondary">{t("campaigns.intro")}</Typography.Paragraph>
      {body}
    </div>
  );
}
