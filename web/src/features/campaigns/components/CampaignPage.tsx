import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Button, Card, Descriptions, Popconfirm, Space, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { Link, Navigate, useParams } from "react-router-dom";
import { ErrorResult } from "../../../components/ErrorResult";
import { PageSpin } from "../../../components/Loading";
import { PageHeader } from "../../../components/PageHeader";
import { useFormat } from "../../../i18n/useFormat";
import { useRole } from "../../auth/hooks/useSession";
import { cancelCampaign, fetchCampaign, type Campaign } from "../api/campaigns.api";
import { CampaignForm } from "./CampaignForm";
import { CampaignResults } from "./CampaignResults";
import { STATUS_COLOR } from "./CampaignsPage";

/** `/campaigns/new` and `/campaigns/:id`: the form while a draft, then what was sent and what it returned. */
export default function CampaignPage() {
  const { t } = useTranslation();
  const param = useParams().id;
  const isNew = param === "new";
  const id = Number(param);
  const role = useRole();
  const manages = role === "admin" || role === "manager";
  const campaign = useQuery({ queryKey: ["campaign", id], queryFn: () => fetchCampaign(id), enabled: !isNew && Number.isSafeInteger(id) && id > 0 });
  const c = campaign.data;

  let body;
  if (isNew) body = manages ? <CampaignForm campaign={null} /> : <Navigate to="/campaigns" replace />;
  else if (campaign.isPending) body = <PageSpin />;
  else if (campaign.isError) body = <ErrorResult error={campaign.error} onRetry={() => void campaign.refetch()} />;
  else if (c && c.kind === "plan" && c.planId !== null) body = <Navigate to={`/plans/${c.planId}`} replace />;
  else if (c && c.status === "draft" && manages) body = <CampaignForm key={c.id} campaign={c} />;
  else if (c) body = <Started c={c} manages={manages} />;

  return (
    <div data-testid="campaign-page">
      <PageHeader
        title={isNew ? t("campaigns.new") : c ? <Space>{c.name}<Tag color={STATUS_COLOR[c.status]} data-testid="campaign-status">{t(`campaigns.statuses.${c.status}`)}</Tag></Space> : t("nav.campaigns")}
      />
      <Typography.Paragraph type="secondary"><Link to="/campaigns">{t("campaigns.back")}</Link></Typography.Paragraph>
      {body}
    </div>
  );
}

function Started({ c, manages }: { c: Campaign; manages: boolean }) {
  const { t } = useTranslation();
  const f = useFormat();
  const qc = useQueryClient();
  const cancel = useMutation({
    mutationFn: () => cancelCampaign(c.id),
    onSuccess: (x) => {
      qc.setQueryData(["campaign", x.id], x);
      void qc.invalidateQueries({ queryKey: ["campaigns"] });
      void qc.invalidateQueries({ queryKey: ["campaign-results", x.id] });
    },
  });
  return (
    <Space direction="vertical" size={16} style={{ width: "100%" }}>
      <Card size="small" title={t("campaigns.message")} extra={manages && c.status === "running" ? (
        <Popconfirm title={t("campaigns.cancelConfirm")} onConfirm={() => cancel.mutate()}>
          <Button danger loading={cancel.isPending} data-testid="campaign-cancel">{t("campaigns.cancel")}</Button>
        </Popconfirm>
      ) : null}>
        {cancel.isError ? <ErrorResult error={cancel.error} inline /> : null}
        <Descriptions size="small" column={{ xs: 1, md: 3 }} items={[
          { key: "k", label: t("campaigns.kind"), children: t(`campaigns.kinds.${c.kind}`) },
          { key: "ch", label: t("campaigns.channel"), children: t(`campaigns.channels.${c.channel === "email" || c.channel === "mixed" ? c.channel : "task"}`) },
          { key: "d", label: t("campaigns.startDay"), children: c.startDay ? f.date(c.startDay) : "—" },
          { key: "h", label: t("campaigns.holdoutShare"), children: `${Math.round(c.holdoutShare * 1000) / 10}%` },
          { key: "s", label: t("campaigns.seed"), children: String(c.seed) },
          { key: "m", label: t("campaigns.measureDays"), children: f.number(c.measureDays) },
        ]} />
        {c.subject ? <Typography.Paragraph strong style={{ marginTop: 8 }}>{c.subject}</Typography.Paragraph> : null}
        <Typography.Paragraph style={{ whiteSpace: "pre-wrap" }} data-testid="campaign-body-text">{c.body}</Typography.Paragraph>
      </Card>
      {c.status === "draft" ? null : <CampaignResults id={c.id} />}
    </Space>
  );
}
