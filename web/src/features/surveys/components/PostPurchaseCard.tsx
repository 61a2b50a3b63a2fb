import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, Button, Card, Form, Input, InputNumber, Select, Switch, Typography } from "antd";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { isApiError } from "../../../api/errors";
import { ErrorResult } from "../../../components/ErrorResult";
import { errorText } from "../../../components/errorText";
import { FormError } from "../../../components/FormError";
import { LoadingBlock } from "../../../components/Loading";
import { fetchSurveySettings, saveSurveySettings, type Survey } from "../api/surveys.api";

/** The fields the help names, shown as written in a template (not filled in by i18next). */
const FIELDS = { surveyUrl: "{{surveyUrl}}", unsubscribeUrl: "{{unsubscribeUrl}}", name: "{{name}}" };

interface Values {
  surveyId: number | "off";
  afterDays: number;
  custom: boolean;
  subject?: string;
  body?: string;
}

/**
 * The post-purchase survey by e-mail (admins): which survey the customers who bought some
 * days ago are invited to each morning, and the e-mail, built-in or the business's own.
 */
export function PostPurchaseCard({ surveys }: { surveys: Survey[] }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const settings = useQuery({ queryKey: ["survey-settings"], queryFn: fetchSurveySettings });
  const save = useMutation({ mutationFn: saveSurveySettings, onSuccess: (s) => qc.setQueryData(["survey-settings"], s) });
  const [form] = Form.useForm<Values>();
  const custom = Form.useWatch("custom", form) ?? false;
  useEffect(() => {
    const p = settings.data?.postPurchase;
    if (!p) return;
    form.setFieldsValue({ surveyId: p.surveyId ?? "off", afterDays: p.afterDays, custom: p.body !== null, subject: p.subject ?? "", body: p.body ?? "" });
  }, [settings.data, form]);

  const badField = isApiError(save.error) ? save.error.field?.replace(/^postPurchase\./, "") : undefined;
  const failure = save.error ? errorText(t, save.error) : null;
  const fieldError = (name: string) => (badField === name ? { validateStatus: "error" as const, help: failure?.detail ?? failure?.title } : {});

  let body;
  if (settings.isPending) body = <LoadingBlock rows={3} />;
  else if (settings.isError) body = <ErrorResult error={settings.error} onRetry={() => void settings.refetch()} inline />;
  else {
    const submit = (v: Values) =>
      save.mutate({
        ...settings.data,
        postPurchase: {
          surveyId: v.surveyId === "off" ? null : v.surveyId,
          afterDays: v.afterDays,
          subject: v.custom ? (v.subject ?? "") : null,
          body: v.custom ? (v.body ?? "") : null,
        },
      });
    body = (
      <Form<Values> form={form} layout="vertical" onFinish={submit} onValuesChange={() => save.reset()} style={{ maxWidth: 720 }} data-testid="post-purchase-form">
        <FormError error={badField ? null : save.error} />
        {save.isSuccess ? <Alert type="success" showIcon title={t("surveys.postPurchase.saved")} style={{ marginBottom: 16 }} data-testid="post-purchase-saved" /> : null}
        <Form.Item name="surveyId" label={t("surveys.postPurchase.survey")} {...fieldError("surveyId")}>
          <Select
            options={[{ value: "off", label: t("surveys.postPurchase.off") }, ...surveys.filter((s) => s.status === "open").map((s) => ({ value: s.id, label: s.name }))]}
            data-testid="post-purchase-survey"
          />
        </Form.Item>
        <Form.Item name="afterDays" label={t("surveys.postPurchase.afterDays")} extra={t("surveys.postPurchase.afterDaysHelp")}>
          <InputNumber min={1} max={90} precision={0} data-testid="post-purchase-days" />
        </Form.Item>
        <Form.Item name="custom" label={t("surveys.postPurchase.custom")} valuePropName="checked" extra={t("surveys.postPurchase.customHelp", { ...FIELDS, interpolation: { escapeValue: false } })}>
          <Switch data-testid="post-purchase-custom" />
        </Form.Item>
        {custom ? (
          <>
            <Form.Item name="subject" label={t("surveys.postPurchase.subject")} {...fieldError("subject")}>
              <Input maxLength={200} data-testid="post-purchase-subject" />
            </Form.Item>
            <Form.Item name="body" label={t("surveys.postPurchase.body")} {...fieldError("body")}>
              <Input.TextArea rows={6} maxLength={5000} data-testid="post-purchase-body" />
            </Form.Item>
          </>
        ) : null}
        <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="post-purchase-save">
          {t("common.save")}
        </Button>
      </Form>
    );
  }
  return (
    <Card title={t("surveys.postPurchase.title")} style={{ marginTop: 16 }} data-testid="post-purchase">
      <Typography.Paragraph type="secondary">{t("surveys.postPurchase.intro")}</Typography.Paragraph>
      {body}
    </Card>
  );
}
