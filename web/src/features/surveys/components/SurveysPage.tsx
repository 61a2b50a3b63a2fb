import { PlusOutlined } from "@ant-design/icons";
import { useQuery } from "@tanstack/react-query";
import { Button, Card, Dropdown, Empty, Space, Table, Tag, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { ErrorResult } from "../../../components/ErrorResult";
import { LoadingBlock } from "../../../components/Loading";
import { PageHeader } from "../../../components/PageHeader";
import { useFormat } from "../../../i18n/useFormat";
import { useRole } from "../../auth/hooks/useSession";
import { fetchSurveys, fetchTemplates, type Survey, type SurveyInput } from "../api/surveys.api";
import { InviteModal } from "./InviteModal";
import { PostPurchaseCard } from "./PostPurchaseCard";
import { SurveyEditor } from "./SurveyEditor";

const BLANK: SurveyInput = {
  name: "",
  purpose: "general",
  anonymous: false,
  questions: [{ key: "csat", type: "rating", max: 5, measure: "csat", factor: null, required: true, text: {} }],
};

/**
 * Satisfaction and loyalty surveys (DOMAIN §7): each survey with how many were asked and
 * answered; create one from a built-in template, change it, invite customers by link, and
 * open its results.
 */
export default function SurveysPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const role = useRole();
  const manages = role === "admin" || role === "manager";
  const surveys = useQuery({ queryKey: ["surveys"], queryFn: fetchSurveys });
  const templates = useQuery({ queryKey: ["survey-templates"], queryFn: fetchTemplates, enabled: manages });
  const [editing, setEditing] = useState<{ survey: Survey | null; start: SurveyInput } | null>(null);
  const [inviting, setInviting] = useState<Survey | null>(null);

  const extra = manages ? (
    <Dropdown
      trigger={["click"]}
      menu={{
        items: [
          ...(templates.data ?? []).map((tpl, i) => ({ key: String(i), label: t("surveys.fromTemplate", { name: tpl.name }), "data-testid": `surveys-new-template-${i}` })),
          { key: "blank", label: t("surveys.blank"), "data-testid": "surveys-new-blank" },
        ],
        onClick: ({ key }) => setEditing({ survey: null, start: key === "blank" ? BLANK : templates.data![Number(key)]! }),
      }}
    >
      <Button type="primary" icon={<PlusOutlined />} loading={templates.isPending} data-testid="surveys-new">
        {t("surveys.new")}
      </Button>
    </Dropdown>
  ) : null;

  let body;
  if (surveys.isPending) body = <LoadingBlock />;
  else if (surveys.isError) body = <ErrorResult error={surveys.error} onRetry={() => void surveys.refetch()} />;
  else if (!surveys.data.length) body = <Card><Empty description={t("surveys.empty")} data-testid="surveys-empty" /></Card>;
  else {
    body = (
      <Table<Survey>
        rowKey="id"
        dataSource={surveys.data}
        pagination={false}
        scroll={{ x: true }}
        data-testid="surveys-table"
        columns={[
          { title: t("surveys.name"), dataIndex: "name", render: (_, s) => <Link to={`/surveys/${s.id}`} data-testid={`survey-link-${s.id}`}>{s.name}</Link> },
          { title: t("surveys.purpose"), dataIndex: "purpose", render: (p: Survey["purpose"]) => <Tag>{t(`surveys.purposes.${p}`)}</Tag> },
          {
            title: t("surveys.status"), dataIndex: "status",
            render: (_, s) => (
              <Space size={4}>
                <Tag color={s.status === "open" ? "green" : undefined}>{t(`surveys.statuses.${s.status}`)}</Tag>
                {s.anonymous ? <Tag>{t("surveys.anonymous")}</Tag> : null}
              </Space>
            ),
          },
          { title: t("surveys.invited"), dataIndex: "invited", align: "right", render: (n: number) => f.number(n) },
          { title: t("surveys.answered"), dataIndex: "answered", align: "right", render: (n: number, s) => <span data-testid={`survey-answered-${s.id}`}>{f.number(n)}</span> },
          {
            title: t("common.actions"), key: "actions",
            render: (_, s) => (
              <Space size={4} wrap>
                <Link to={`/surveys/${s.id}`}>{t("surveys.results")}</Link>
                {manages ? <Button size="small" onClick={() => setEditing({ survey: s, start: s })} data-testid={`survey-edit-${s.id}`}>{t("common.edit")}</Button> : null}
                {manages && s.status === "open" ? <Button size="small" onClick={() => setInviting(s)} data-testid={`survey-invite-${s.id}`}>{t("surveys.invite")}</Button> : null}
              </Space>
            ),
          },
        ]}
      />
    );
  }

  return (
    <div data-testid="surveys-page">
      <PageHeader title={t("nav.surveys")} extra={extra} />
      <Typography.Paragraph type="secondary">{t("surveys.intro")}</Typography.Paragraph>
      {body}
      {role === "admin" && surveys.data ? <PostPurchaseCard surveys={surveys.data} /> : null}
      {editing ? <SurveyEditor survey={editing.survey} start={editing.start} onClose={() => setEditing(null)} /> : null}
      {inviting ? <InviteModal survey={inviting} onClose={() => setInviting(null)} /> : null}
    </div>
  );
}
