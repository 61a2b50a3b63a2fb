import { Checkbox, Form, Input } from "antd";
import { useTranslation } from "react-i18next";
import { CreateWithSecretModal } from "../../../components/CreateWithSecretModal";
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
  const close = () => {
    create.reset();
    onClose();
  };

  return (
    <CreateWithSecretModal
      open={open} title={t("webhooks.create")} secret={create.data?.secret} pending={create.isPending} error={create.error}
      onSubmit={() => form.submit()} onClose={close} submitTestId="webhook-create-submit" secretTestId="webhook-secret"
      secretHelp={t("webhooks.secretHelp")}
    >
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
        {/* The server keeps up to 300 characters. */}
        <Form.Item name="description" label={t("webhooks.description")} rules={[{ max: 300 }]}>
          <Input />
        </Form.Item>
      </Form>
    </CreateWithSecretModal>
  );
}
