import { ArrowLeftOutlined } from "@ant-design/icons";
import { Alert, Card, Col, Descriptions, Flex, Row, Space, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router-dom";
import { ErrorResult } from "../../../components/ErrorResult";
import { LoadingBlock } from "../../../components/Loading";
import { PageHeader } from "../../../components/PageHeader";
import { label } from "../../../i18n/label";
import { useFormat } from "../../../i18n/useFormat";
import type { ComplaintDetail } from "../api/complaints.api";
import { useComplaint, useComplaintSettings } from "../hooks/useComplaints";
import { useComplaintLabels } from "../labels";
import { ActionsCard } from "./ActionsCard";
import { StatusTag } from "./ComplaintTags";
import { EventHistory } from "./EventHistory";
import { RecoverySteps } from "./RecoverySteps";
import { RootCauseField } from "./RootCauseField";
import { FollowUpSurveyCard } from "../../surveys/components/FollowUpSurveyCard";
import { SlaPanel } from "./SlaPanel";

const idOf = (s: string | undefined) => {
  const n = Number(s);
  return Number.isSafeInteger(n) && n > 0 ? n : null;
};

/** One complaint at /complaints/:customerId/:complaintId: its six steps, clocks, history and what can be done next. */
export default function ComplaintPage() {
  const { t } = useTranslation();
  const params = useParams();
  const customerId = idOf(params.customerId);
  const complaintId = idOf(params.complaintId);
  if (customerId === null || complaintId === null) return <ErrorResult error={new Error(t("complaints.detail.badLink"))} />;
  return <Loaded customerId={customerId} complaintId={complaintId} />;
}

function Loaded({ customerId, complaintId }: { customerId: number; complaintId: number }) {
  const { t } = useTranslation();
  const q = useComplaint(customerId, complaintId);
  // The case names its category and root cause from the settings: wait for them rather than
  // show the keys first. Should they fail to load, the keys are shown.
  const settings = useComplaintSettings();
  const back = (
    <Link to="/complaints" data-testid="complaint-back">
      <ArrowLeftOutlined /> {t("complaints.detail.back")}
    </Link>
  );
  if (q.isPending || settings.isPending) return <><PageHeader title={t("complaints.detail.title", { id: complaintId })} extra={back} /><LoadingBlock rows={10} /></>;
  if (q.isError && !q.data) return <><PageHeader title={t("complaints.detail.title", { id: complaintId })} extra={back} /><ErrorResult error={q.error} onRetry={() => void q.refetch()} /></>;
  const d = q.data;
  return (
    <div data-testid="complaint-page" data-version={d.version}>
      <PageHeader
        title={
          <Flex gap={8} align="center" wrap>
            {t("complaints.detail.title", { id: d.complaintId })}
            <StatusTag c={d} />
          </Flex>
        }
        extra={back}
      />
      {q.isError ? <ErrorResult error={q.error} onRetry={() => void q.refetch()} inline /> : null}
      <Banners d={d} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={16}>
          <Space orientation="vertical" size={16} style={{ width: "100%" }}>
            <CaseCard d={d} />
            <Card title={t("complaints.detail.steps")} size="small">
              <RecoverySteps d={d} />
            </Card>
            <ActionsCard d={d} />
            <EventHistory events={d.events} />
          </Space>
        </Col>
        <Col xs={24} xl={8}>
          <Space orientation="vertical" size={16} style={{ width: "100%" }}>
            <SlaPanel d={d} />
            <FollowUpSurveyCard customerId={d.customerId} complaintId={d.complaintId} version={d.version} />
          </Space>
        </Col>
      </Row>
    </div>
  );
}

function Banners({ d }: { d: ComplaintDetail }) {
  const { t } = useTranslation();
  const f = useFormat();
  const pause = d.recovery?.pauses.at(-1);
  const banners = [];
  if (d.approvers.length > 0) {
    banners.push(
      <Alert key="approval" type="warning" showIcon data-testid="complaint-awaiting-approval"
        title={t("complaints.detail.awaitingApproval", { roles: d.approvers.map((r) => label(t, "roles", r)).join(t("complaints.detail.or")) })} />,
    );
  }
  if (d.paused) {
    banners.push(
      <Alert key="paused" type="info" showIcon data-testid="complaint-paused"
        title={pause ? t("complaints.detail.pausedSince", { date: f.dateTime(pause.from) }) : t("complaints.detail.paused")}
        description={pause?.reason} />,
    );
  }
  if (!d.recovery && !d.closure) {
    banners.push(<Alert key="legacy" type="info" showIcon data-testid="complaint-legacy" title={t(d.origin === "public_form" ? "complaints.detail.publicForm" : "complaints.detail.legacy")} />);
  }
  if (d.closure) {
    banners.push(
      <Alert key="closed" type={d.closure.kind === "resolved" ? "success" : "info"} showIcon data-testid="complaint-closed"
        title={t("complaints.detail.closedAs", { kind: t(`complaints.closure.${d.closure.kind}`), date: f.dateTime(d.closure.at) })} />,
    );
  }
  return banners.length ? <Space orientation="vertical" style={{ width: "100%", marginBottom: 16 }}>{banners}</Space> : null;
}

function CaseCard({ d }: { d: ComplaintDetail }) {
  const { t } = useTranslation();
  const f = useFormat();
  const names = useComplaintLabels();
  return (
    <Card size="small" title={t("complaints.detail.case")} data-testid="complaint-case">
      <Descriptions size="small" column={{ xs: 1, sm: 2 }}>
        <Descriptions.Item label={t("complaints.columns.customer")}>
          <Link to={`/customers/${d.customerId}`} data-testid="complaint-customer-link">
            {d.customerName ?? t("common.unnamed")}
          </Link>
          {d.customerExternalId ? <Typography.Text type="secondary"> · {d.customerExternalId}</Typography.Text> : null}
        </Descriptions.Item>
        <Descriptions.Item label={t("complaints.columns.opened")}>{f.dateTime(d.openedAt)}</Descriptions.Item>
        <Descriptions.Item label={t("complaints.columns.channel")}>{label(t, "complaints.channels", d.channel)}</Descriptions.Item>
        <Descriptions.Item label={t("complaints.columns.severity")}>{label(t, "severities", d.severity)}</Descriptions.Item>
        <Descriptions.Item label={t("complaints.columns.category")}>
          <span data-testid="complaint-category" data-key={d.category ?? ""}>{d.category ? names.category(d.category) : "—"}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t("complaints.rootCause.label")}>
          <RootCauseField d={d} />
        </Descriptions.Item>
        <Descriptions.Item label={t("complaints.detail.secondChances")}>
          <Tag color={d.reopenings > 0 ? "orange" : "default"} data-testid="complaint-reopenings">{f.number(d.reopenings)}</Tag>
        </Descriptions.Item>
        {d.orderNo ? <Descriptions.Item label={t("complaints.form.orderNo")}>{d.orderNo}</Descriptions.Item> : null}
        {d.product ? <Descriptions.Item label={t("complaints.form.product")}>{d.product}</Descriptions.Item> : null}
      </Descriptions>
      <Typography.Text type="secondary">{t("complaints.detail.words")}</Typography.Text>
      <Typography.Paragraph style={{ whiteSpace: "pre-wrap", marginTop: 4, marginBottom: 0 }} data-testid="complaint-words">
        <blockquote style={{ margin: 0, paddingInlineStart: 12, borderInlineStart: "3px solid #d9d9d9" }}>{d.description ?? "—"}</blockquote>
      </Typography.Paragraph>
      <Link to={`/complaints?customerId=${d.customerId}&status=all`} data-testid="complaint-customer-all">
        {t("complaints.detail.customerAll")}
      </Link>
    </Card>
  );
}
