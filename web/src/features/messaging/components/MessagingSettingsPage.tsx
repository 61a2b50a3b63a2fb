import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, Button, Card, Form, Input, Switch, Typography } from "antd";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { isApiError } from "../../../api/errors";
import { ErrorResult } from "../../../components/ErrorResult";
import { errorText } from "../../../components/errorText";
import { LoadingBlock } from "../../../components/Loading";
import { PageHeader } from "../../../components/PageHeader";
import { fetchMessagingSettings, saveMessagingSettings, type MessagingSettings } from "../api/messaging.api";

/**
 * The messaging settings (admins): whether marketing needs the customer's explicit consent,
 * the service number messages quote, and the public address the links in messages use.
 */
export default function MessagingSettingsPage() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const settings = useQuery({ queryKey: ["messaging-settings"], queryFn: fetchMessagingSettings });
  const save = useMutation({ mutationFn: saveMessagingSettings, onSuccess: (data) => qc.setQueryData(["messaging-settings"], data) });
  const [form] = Form.useForm<MessagingSettings>();
  useEffect(() => {
    if (settings.data) form.setFieldsValue(settings.data);
  }, [settings.data, form]);

  // The server names the field it refused ("body.publicUrl"): show the message under it.
  const badField = isApiError(save.error) ? save.error.field?.replace(/^body\./, "") : undefined;
  const failure = save.error ? errorText(t, save.error) : null;

  let body;
  if (settings.isPending) body = <LoadingBlock rows={5} />;
  else if (settings.isError) body = <ErrorResult error={settings.error} onRetry={() => void settings.refetch()} />;
  else {
    body = (
      <Form<MessagingSettings> form={form} layout="vertical" initialValues={settings.data} onFinish={(v) => save.mutate({ ...v, serviceNumber: v.serviceNumber ?? "", publicUrl: v.publicUrl ?? "" })} style={{ maxWidth: 640 }}>
        {failure && !badField ? <Alert type="error" showIcon title={failure.title} description={failure.detail} style={{ marginBottom: 16 }} /> : null}
        {save.isSuccess ? <Alert type="success" showIcon title={t("messaging.settings.saved")} style={{ marginBottom: 16 }} data-testid="messaging-settings-saved" /> : null}
        <Form.Item name="requireOptIn" label={t("messaging.settings.requireOptIn")} valuePropName="checked" extra={t("messaging.settings.requireOptInHelp")}>
          <Switch data-testid="messaging-require-opt-in" />
        </Form.Item>
        <Form.Item name="serviceNumber" label={t("messaging.settings.serviceNumber")} extra={t("messaging.settings.serviceNumberHelp", { field: "{{serviceNumber}}", interpolation: { escapeValue: false } })}
          validateStatus={badField === "serviceNumber" ? "error" : undefined} help={badField === "serviceNumber" ? failure?.detail ?? failure?.title : undefined}>
          <Input maxLength={40} placeholder="400-820-8820" data-testid="messaging-service-number" />
        </Form.Item>
        <Form.Item name="publicUrl" label={t("messaging.settings.publicUrl")} extra={t("messaging.settings.publicUrlHelp")}
          validateStatus={badField === "publicUrl" ? "error" : undefined} help={badField === "publicUrl" ? failure?.detail ?? failure?.title : undefined}>
          <Input maxLength={300} placeholder="https://crm.example.cn" data-testid="messaging-public-url" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="messaging-settings-save">
          {t("common.save")}
        </Button>
      </Form>
    );
  }

  return (
    <div data-testid="messaging-settings">
      <PageHeader title={t("messaging.settings.title")} />
      <Card>
        <Typography.Paragraph type="secondary">{t("messaging.settings.intro")}</Typography.Paragraph>
        {body}
      </Card>
    </div>
  );
}
