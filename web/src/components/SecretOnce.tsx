import { Alert, Typography } from "antd";
import { useTranslation } from "react-i18next";

/** A secret the server shows only once (a token, a webhook secret), with a copy button. */
export function SecretOnce({ secret, testId }: { secret: string; testId?: string }) {
  const { t } = useTranslation();
  return (
    <>
      <Alert type="warning" showIcon title={t("common.shownOnce")} style={{ marginBottom: 12 }} />
      <Typography.Paragraph copyable={{ text: secret }} code data-testid={testId} style={{ wordBreak: "break-all" }}>
        {secret}
      </Typography.Paragraph>
    </>
  );
}
