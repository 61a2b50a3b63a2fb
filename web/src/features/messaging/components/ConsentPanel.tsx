import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, Card, Radio, Table, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { ErrorResult } from "../../../components/ErrorResult";
import { errorText } from "../../../components/errorText";
import { LoadingBlock } from "../../../components/Loading";
import { useFormat } from "../../../i18n/useFormat";
import { fetchConsents, saveConsents, type Consent, type ConsentChannel, type ConsentStatus } from "../api/messaging.api";

/**
 * A customer's consent to be contacted, per channel: what they agreed to, how it was
 * recorded and when. Staff record what the customer tells them; a withdrawal stops every
 * campaign and journey message on that channel.
 */
export function ConsentPanel({ customerId, editable }: { customerId: number; editable: boolean }) {
  const { t } = useTranslation();
  const f = useFormat();
  const qc = useQueryClient();
  const key = ["consents", customerId];
  const consents = useQuery({ queryKey: key, queryFn: () => fetchConsents(customerId) });
  const save = useMutation({
    mutationFn: (change: Partial<Record<ConsentChannel, ConsentStatus>>) => saveConsents(customerId, change),
    onSuccess: (data) => {
      qc.setQueryData(key, data);
      void qc.invalidateQueries({ queryKey: ["timeline", customerId] });
    },
  });

  let body;
  if (consents.isPending) body = <LoadingBlock rows={3} />;
  else if (consents.isError) body = <ErrorResult error={consents.error} onRetry={() => void consents.refetch()} inline />;
  else {
    const columns = [
      { key: "channel", title: t("messaging.consent.channel"), render: (_: unknown, c: Consent) => t(`messaging.consent.channels.${c.channel}`) },
      {
        key: "status",
        title: t("messaging.consent.status"),
        render: (_: unknown, c: Consent) =>
          editable ? (
            // Radio buttons, not Segmented: "never asked" must show as no choice at all.
            <Radio.Group
              size="small"
              optionType="button"
              value={c.status}
              disabled={save.isPending}
              options={[
                { value: "granted", label: t("messaging.consent.granted") },
                { value: "withdrawn", label: t("messaging.consent.withdrawn") },
              ]}
              onChange={(e) => save.mutate({ [c.channel]: e.target.value as ConsentStatus })}
              data-testid={`consent-${c.channel}`}
            />
          ) : (
            <StatusTag status={c.status} />
          ),
      },
      {
        key: "source",
        title: t("messaging.consent.recorded"),
        render: (_: unknown, c: Consent) =>
          c.status === null ? (
            <Typography.Text type="secondary">{t("messaging.consent.neverAsked")}</Typography.Text>
          ) : (
            <>
              {t(`messaging.consent.sources.${c.source}`, { defaultValue: c.source ?? "" })}
              {c.changedAt ? <Typography.Text type="secondary"> · {f.dateTime(c.changedAt)}</Typography.Text> : null}
            </>
          ),
      },
    ];
    body = (
      <>
        {save.error ? <Alert type="error" showIcon title={errorText(t, save.error).title} description={errorText(t, save.error).detail} style={{ marginBottom: 12 }} /> : null}
        <Table<Consent> rowKey="channel" size="small" pagination={false} dataSource={consents.data.consents} columns={columns} />
      </>
    );
  }

  return (
    <Card title={t("messaging.consent.title")} data-testid="consent-panel">
      <Typography.Paragraph type="secondary">{t("messaging.consent.help")}</Typography.Paragraph>
      {body}
    </Card>
  );
}

function StatusTag({ status }: { status: ConsentStatus | null }) {
  const { t } = useTranslation();
  if (status === null) return <Tag>{t("messaging.consent.neverAsked")}</Tag>;
  return <Tag color={status === "granted" ? "green" : "red"}>{t(`messaging.consent.${status}`)}</Tag>;
}
