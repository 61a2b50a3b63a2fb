import { Alert, Form, Input, Modal, Select, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { errorText } from "../../../components/errorText";
import { CONTACT_CHANNELS, type AgendaTask, type ContactChannel } from "../api/agenda.api";
import { useCompleteTask } from "../hooks/useAgenda";

type Values = { outcome: string; channel?: ContactChannel | "none"; notes?: string };

/**
 * Marks a task done with what came of it. With a channel, the contact is logged on the
 * customer's timeline; "no contact" closes the task without logging one.
 */
export function DoneModal({ task, onClose }: { task: AgendaTask; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const complete = useCompleteTask();
  const failure = complete.error ? errorText(t, complete.error) : null;
  const submit = (v: Values) =>
    complete.mutate(
      { task, outcome: v.outcome.trim(), channel: v.channel === "none" ? undefined : v.channel, notes: v.notes?.trim() || undefined },
      { onSuccess: onClose },
    );

  return (
    <Modal
      open
      title={t("agenda.doneTitle")}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t("agenda.doneSubmit")}
      cancelText={t("common.cancel")}
      confirmLoading={complete.isPending}
      okButtonProps={{ "data-testid": "agenda-done-submit" } as Record<string, string>}
    >
      <div data-testid="agenda-done-modal">
      <Typography.Paragraph>
        <Typography.Text strong>{task.customer.name ?? t("common.unnamed")}</Typography.Text> · {task.title}
      </Typography.Paragraph>
      {failure ? <Alert type="error" showIcon title={failure.title} description={failure.detail} style={{ marginBottom: 16 }} data-testid="agenda-done-error" /> : null}
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ channel: "phone" }}>
        <Form.Item name="outcome" label={t("agenda.outcome")} rules={[{ required: true, whitespace: true, message: t("agenda.outcomeRequired") }, { max: 200 }]} extra={t("agenda.outcomeHelp")}>
          <Input maxLength={200} data-testid="agenda-done-outcome" />
        </Form.Item>
        <Form.Item name="channel" label={t("agenda.channel")} extra={t("agenda.channelHelp")}>
          <Select
            data-testid="agenda-done-channel"
            options={[
              ...CONTACT_CHANNELS.map((c) => ({ value: c, label: <span data-testid={`agenda-channel-${c}`}>{t(`channels.${c}`)}</span> })),
              { value: "none", label: <span data-testid="agenda-channel-none">{t("agenda.noContact")}</span> },
            ]}
          />
        </Form.Item>
        <Form.Item name="notes" label={t("common.notes")}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={5000} data-testid="agenda-done-notes" />
        </Form.Item>
      </Form>
      </div>
    </Modal>
  );
}
