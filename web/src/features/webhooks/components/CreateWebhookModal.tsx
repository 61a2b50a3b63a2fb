import { Button, Checkbox, Form, Input, Modal } from "antd";
import { useTranslation } from "react-i18next";
import { FormError } from "../../../components/FormError";
import { SecretOnce } from "../../../components/SecretOnce";
import { WEBHOOK_EVENTS } from "../api/webhooks.api";
import { useWebhookMutations } from "../hooks/useWebhooks";

interface Values {
  url: string;
  events: string[];
  description?: string;
}

/** Adds a webhook and shows its signing secret once. */
export function CreateWebhookModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const { create } = useWebhookMutations();
  const secret = create.data?.secret;
  const close = () => {
    create.reset();
    onClose();
  };

  return (
    <Modal
      open={open}
      title={t("webhooks.create")}
      onCancel={close}
      destroyOnHidden
      footer={
        secret ? (
          <Button type="primary" onClick={close}>
            {t("common.done")}
          </Button>
        ) : (
          <>
            <Button onClick={close}>{t("common.cancel")}</Button>
            <Button type="primary" loading={create.isPending} onClick={() => form.submit()} data-testid="webhook-create-submit">
              {t("common.create")}
            </Button>
          </>
        )
      }
    >
      {secret ? (
        <>
          <SecretOnce secret={secret} testId="webhook-secret" />
          <p>{t("webhooks.secretHelp")}</p>
        </>
      ) : (
        <>
          <FormError error={create.error} />
          <Form
            form={form}
            layout="vertical"
            initialValues={{ events: [...WEBHOOK_EVENTS] }}
            onFinish={(v) => create.mutate({ url: v.url.trim(), events: v.events, description: v.description?.trim() || undefined })}
          >
            <Form.Item name="url" label={t("webhooks.url")} rules={[{ required: true, message: t("validation.required") }, { type: "url", message: t("validation.url") }]}>
              <Input placeholder="https://" data-testid="webhook-url" />
            </Form.Item>
            <Form.Item name="events" label={t("webhooks.events")} rules={[{ required: true, type: "array", min: 1, message: t("webhooks.eventsRequired") }]}>
              <Checkbox.Group options={WEBHOOK_EVENTS.map((e) => ({ value: e, label: e }))} style={{ display: "grid", gap: 4 }} />
            </Form.Item>
            <Form.Item name="description" label={t("webhooks.description")} rules={[{ max: 200 }]}>
              <Input />
            </Form.Item>
          </Form>
        </>
      )}
    </Modal>
  );
}
