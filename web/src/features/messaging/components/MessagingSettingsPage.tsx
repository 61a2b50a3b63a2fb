import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, Button, Card, Empty, Form, Input, Space, Switch, Table, Tag, Typography } from "antd";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { isApiError } from "../../../api/errors";
import { ErrorResult } from "../../../components/ErrorResult";
import { errorText } from "../../../components/errorText";
import { LoadingBlock } from "../../../components/Loading";
import { PageHeader } from "../../../components/PageHeader";
import { useFormat } from "../../../i18n/useFormat";
import { fetchDeliveryProblems, fetchMessagingSettings, saveMessagingSettings, type DeliveryProblem, type MessagingSettings } from "../api/messaging.api";

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
      <Space orientation="vertical" size={16} style={{ width: "100%" }}>
        <Card>
          <Typography.Paragraph type="secondary">{t("messaging.settings.intro")}</Typography.Paragraph>
          {body}
        </Card>
        <DeliveryProblems />
      </Space>
    </div>
  );
}

/** Sends whose outcome is unknown or that were refused for good: someone checks the mail server's log. */
function DeliveryProblems() {
  const { t } = useTranslation();
  const f = useFormat();
  const q = useQuery({ queryKey: ["messaging-problems"], queryFn: fetchDeliveryProblems });
  let body;
  if (q.isPending) body = <LoadingBlock rows={3} />;
  else if (q.isError) body = <ErrorResult error={q.error} onRetry={() => void q.refetch()} inline />;
  else if (q.data.items.length === 0) body = <Empty description={t("messaging.problems.empty")} data-testid="messaging-problems-empty" />;
  else {
    body = (
      <>
        {q.data.total > q.data.items.length ? (
          <Typography.Paragraph type="secondary" data-testid="messaging-problems-more">{t("messaging.problems.more", { shown: q.data.items.length, total: q.data.total })}</Typography.Paragraph>
        ) : null}
        <Table<DeliveryProblem>
          size="small"
          rowKey={(p) => `${p.customerId}-${p.key}`}
          dataSource={q.data.items}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          scroll={{ x: "max-content" }}
          data-testid="messaging-problems-table"
          onRow={(p) => ({ "data-testid": "messaging-problem", "data-key": p.key, "data-status": p.status }) as React.HTMLAttributes<HTMLElement>}
          columns={[
            { title: t("messaging.problems.when"), dataIndex: "createdAt", render: (d: string) => f.dateTime(d) },
            { title: t("messaging.problems.status"), dataIndex: "status", render: (s: DeliveryProblem["status"]) => <Tag color={s === "failed" ? "red" : "orange"}>{t(`messaging.problems.statuses.${s}`)}</Tag> },
            { title: t("messaging.problems.customer"), key: "customer", render: (_, p) => <Link to={`/customers/${p.customerId}`}>{p.customerName ?? `#${p.customerId}`}</Link> },
            { title: t("messaging.problems.to"), dataIndex: "to" },
            { title: t("messaging.problems.subject"), dataIndex: "subject", render: (s: string | null) => s ?? "—" },
            { title: t("messaging.problems.key"), dataIndex: "key", render: (k: string) => <Typography.Text code>{k}</Typography.Text> },
            { title: t("messaging.problems.error"), dataIndex: "error", render: (e: string | null) => e ?? "—" },
          ]}
        />
      </>
    );
  }
  return (
    <Card title={t("messaging.problems.title")} data-testid="messaging-problems">
      <Typography.Paragraph type="secondary">{t("messaging.problems.intro")}</Typography.Paragraph>
      {body}
    </Card>
  );
}
