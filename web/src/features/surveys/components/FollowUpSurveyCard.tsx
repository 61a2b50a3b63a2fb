import { useQuery } from "@tanstack/react-query";
import { Card, Space, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { useFormat } from "../../../i18n/useFormat";
import { useRole } from "../../auth/hooks/useSession";
import { fetchCustomerInvitations } from "../api/surveys.api";

const STATE_COLOR = { open: "blue", answered: "green", expired: undefined } as const;

/**
 * On a complaint's page: the follow-up survey the customer was invited to when the complaint
 * was resolved, its link to send, and whether it was answered. Nothing while there is none.
 * `version` is the case's, so the card looks again after each step.
 */
export function FollowUpSurveyCard({ customerId, complaintId, version }: { customerId: number; complaintId: number; version: number }) {
  const { t } = useTranslation();
  const f = useFormat();
  const role = useRole();
  const invitations = useQuery({
    queryKey: ["survey-invitations", customerId, complaintId, version],
    queryFn: () => fetchCustomerInvitations(customerId, complaintId),
  });
  const items = invitations.data ?? [];
  if (!items.length) return null;
  const readsResults = role === "admin" || role === "manager" || role === "analyst";
  return (
    <Card size="small" title={t("surveys.followUp")} data-testid="complaint-follow-up-survey">
      {items.map((i) => (
        <Space key={i.invitationId} direction="vertical" style={{ width: "100%" }}>
          <Space wrap>
            <Tag color={STATE_COLOR[i.state]} data-testid="complaint-follow-up-state">{t(`surveys.invitationStates.${i.state}`)}</Tag>
            <Typography.Text type="secondary">
              {i.answeredAt ? t("surveys.answeredOn", { date: f.dateTime(i.answeredAt) }) : t("surveys.validUntil", { date: f.date(i.expiresAt.slice(0, 10)) })}
            </Typography.Text>
            {readsResults ? <Link to={`/surveys/${i.surveyId}`}>{t("surveys.results")}</Link> : null}
          </Space>
          {i.state === "open" ? (
            <Typography.Text copyable={{ text: i.url }} data-testid="complaint-follow-up-link">{i.url}</Typography.Text>
          ) : null}
        </Space>
      ))}
    </Card>
  );
}
