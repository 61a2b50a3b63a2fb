import { useMutation, useQuery } from "@tanstack/react-query";
import { Alert, Button, Card, Flex, Result, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { useParams } from "react-router-dom";
import { isApiError } from "../../../api/errors";
import { errorText } from "../../../components/errorText";
import { LanguageSwitch } from "../../../components/LanguageSwitch";
import { PageSpin } from "../../../components/Loading";
import { confirmUnsubscribe, fetchUnsubscribeLink } from "../api/unsubscribe.api";

/**
 * The page an e-mail's unsubscribe link opens (/u/<token>), without signing in: it says
 * which messages stop and asks the customer to confirm, so a link a mail scanner opens
 * unsubscribes nobody. It shows only a masked name.
 */
export default function UnsubscribePage() {
  const { t } = useTranslation();
  const { token = "" } = useParams();
  const link = useQuery({ queryKey: ["unsubscribe-link", token], queryFn: () => fetchUnsubscribeLink(token), retry: false });
  const confirm = useMutation({ mutationFn: () => confirmUnsubscribe(token) });
  const channel = (c: string) => t(`unsubscribe.channels.${c}`, { defaultValue: c });

  let body;
  if (link.isPending) body = <PageSpin />;
  else if (link.isError) {
    const gone = isApiError(link.error) && link.error.status === 404;
    body = gone
      ? <Result status="404" title={t("unsubscribe.invalid")} subTitle={t("unsubscribe.invalidHelp")} data-testid="unsubscribe-invalid" />
      : <Result status="error" title={errorText(t, link.error).title} subTitle={errorText(t, link.error).detail}
          extra={<Button onClick={() => void link.refetch()}>{t("common.retry")}</Button>} data-testid="unsubscribe-error" />;
  } else if (confirm.isSuccess || link.data.unsubscribed) {
    body = (
      <Result status="success" title={t("unsubscribe.done", { channel: channel(link.data.channel) })}
        subTitle={confirm.isSuccess ? t("unsubscribe.doneHelp") : t("unsubscribe.already")} data-testid="unsubscribe-done" />
    );
  } else {
    const failure = confirm.error ? errorText(t, confirm.error) : null;
    body = (
      <Flex vertical gap={16}>
        <Typography.Paragraph style={{ margin: 0 }} data-testid="unsubscribe-question">
          {t("unsubscribe.question", { channel: channel(link.data.channel), name: link.data.name })}
        </Typography.Paragraph>
        {failure ? <Alert type="error" showIcon title={failure.title} description={failure.detail} data-testid="unsubscribe-failed" /> : null}
        <div>
          <Button type="primary" danger loading={confirm.isPending} onClick={() => confirm.mutate()} data-testid="unsubscribe-confirm">
            {t("unsubscribe.confirm")}
          </Button>
        </div>
        <Typography.Text type="secondary">{t("unsubscribe.note")}</Typography.Text>
      </Flex>
    );
  }

  return (
    <Flex justify="center" style={{ minHeight: "100vh", padding: 16, background: "#f5f7fa" }}>
      <Card style={{ width: "100%", maxWidth: 560, alignSelf: "flex-start" }} title={t("unsubscribe.title")} extra={<LanguageSwitch />} data-testid="unsubscribe">
        {body}
      </Card>
    </Flex>
  );
}
