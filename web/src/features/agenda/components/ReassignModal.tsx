import { App, Form, Modal, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { FormError } from "../../../components/FormError";
import { testId } from "../../../lib/testId";
import type { AgendaTask } from "../api/agenda.api";
import { useReassignTask } from "../hooks/useAgenda";
import { fieldMessage, formFieldOf } from "./formField";
import { OwnerPicker } from "./OwnerPicker";

type Values = { ownerId: number };

/** Gives an open task to another staff member (managers and admins); it leaves this agenda. */
export function ReassignModal({ task, currentOwner, onClose }: { task: AgendaTask; currentOwner?: number; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const reassign = useReassignTask();
  const badField = formFieldOf(reassign.error, ["ownerId"] as const);
  const submit = (v: Values) =>
    reassign.mutate(
      { task, ownerId: v.ownerId },
      {
        onSuccess: (r) => {
          void message.success(t("agenda.reassign.done", { name: r.ownerName ?? "" }));
          onClose();
        },
        onError: (e) => {
          if (formFieldOf(e, ["ownerId"] as const)) form.setFields([{ name: "ownerId", errors: [fieldMessage(e)] }]);
        },
      },
    );

  return (
    <Modal
      open
      title={t("agenda.reassign.title")}
      okText={t("agenda.reassign.submit")}
      cancelText={t("common.cancel")}
      confirmLoading={reassign.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      okButtonProps={testId("agenda-reassign-submit")}
    >
      <div data-testid="agenda-reassign-modal">
        <Typography.Paragraph>
          <Typography.Text strong>{task.customer.name ?? t("common.unnamed")}</Typography.Text> · {task.title}
        </Typography.Paragraph>
        {badField ? null : <FormError error={reassign.error} />}
        <Form form={form} layout="vertical" onFinish={submit}>
          <Form.Item name="ownerId" label={t("agenda.reassign.owner")} rules={[{ required: true, message: t("agenda.reassign.ownerRequired") }]}>
            <OwnerPicker exclude={currentOwner} testId="agenda-reassign-owner" />
          </Form.Item>
        </Form>
      </div>
    </Modal>
  );
}
