import { App, DatePicker, Form, Input, Modal, Select, Typography } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useTranslation } from "react-i18next";
import { FormError } from "../../../components/FormError";
import { testId } from "../../../lib/testId";
import { CustomerPicker } from "../../complaints/components/CustomerPicker";
import { MANUAL_KINDS, type ManualKind } from "../api/agenda.api";
import { useAddTask } from "../hooks/useAgenda";
import { fieldMessage, formFieldOf } from "./formField";
import { OwnerPicker } from "./OwnerPicker";

interface Values {
  customerId: number;
  kind: ManualKind;
  title: string;
  due: Dayjs;
  notes?: string;
  ownerId?: number;
}

const FIELDS = ["customerId", "kind", "title", "dueOn", "notes", "ownerId"] as const;

interface Props {
  onClose: () => void;
  /** The day the task is due unless changed: today. */
  today: string;
  /** Managers and admins give the task to anyone; an agent's tasks are their own. */
  chooseOwner: boolean;
  /** The owner offered first (managers: the agenda's owner); an agent: themselves. */
  owner?: { id: number; name: string };
}

/** Adds a task by hand for a customer (POST /api/tasks); the agenda reloads with it. */
export function NewTaskModal({ onClose, today, chooseOwner, owner }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const add = useAddTask();
  const badField = formFieldOf(add.error, FIELDS);

  const submit = (v: Values) =>
    add.mutate(
      {
        customerId: v.customerId, kind: v.kind, title: v.title.trim(), dueOn: v.due.format("YYYY-MM-DD"), notes: v.notes?.trim() || undefined,
        ownerId: chooseOwner ? v.ownerId : owner?.id,
      },
      {
        onSuccess: () => {
          void message.success(t("agenda.newTask.added"));
          onClose();
        },
        onError: (e) => {
          const name = formFieldOf(e, FIELDS);
          if (name) form.setFields([{ name: name === "dueOn" ? "due" : name, errors: [fieldMessage(e)] }]);
        },
      },
    );
  const required = { required: true, message: t("validation.required") };

  return (
    <Modal
      open
      title={t("agenda.newTask.title")}
      okText={t("agenda.newTask.submit")}
      cancelText={t("common.cancel")}
      confirmLoading={add.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      okButtonProps={testId("agenda-new-submit")}
    >
      <div data-testid="agenda-new-modal">
        {badField ? null : <FormError error={add.error} />}
        <Form
          form={form}
          layout="vertical"
          onFinish={submit}
          initialValues={{ kind: "call", due: dayjs(today), ownerId: chooseOwner ? owner?.id : undefined }}
          data-testid="agenda-new-form"
        >
          <Form.Item name="customerId" label={t("agenda.customer")} rules={[required]}>
            <CustomerPicker />
          </Form.Item>
          <Form.Item name="kind" label={t("agenda.newTask.kind")} rules={[required]}>
            <Select
              options={MANUAL_KINDS.map((k) => ({ value: k, label: <span data-testid={`agenda-new-kind-${k}`}>{t(`agenda.kinds.${k}`)}</span> }))}
              data-testid="agenda-new-kind"
            />
          </Form.Item>
          <Form.Item name="title" label={t("agenda.newTask.taskTitle")} rules={[{ ...required, whitespace: true }, { max: 200 }]} extra={t("agenda.newTask.titleHelp")}>
            <Input maxLength={200} data-testid="agenda-new-title" />
          </Form.Item>
          <Form.Item name="due" label={t("agenda.due")} rules={[required]}>
            <DatePicker allowClear={false} style={{ width: "100%" }} data-testid="agenda-new-due" />
          </Form.Item>
          {chooseOwner ? (
            <Form.Item name="ownerId" label={t("agenda.newTask.owner")} extra={t("agenda.newTask.ownerHelp")}>
              <OwnerPicker allowClear placeholder={t("agenda.newTask.ownerDefault")} testId="agenda-new-owner" />
            </Form.Item>
          ) : (
            <Form.Item label={t("agenda.newTask.owner")}>
              <Typography.Text data-testid="agenda-new-owner-self">{owner ? t("agenda.newTask.ownerSelf", { name: owner.name }) : t("agenda.newTask.ownerYou")}</Typography.Text>
            </Form.Item>
          )}
          <Form.Item name="notes" label={t("common.notes")} rules={[{ max: 2000 }]}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} data-testid="agenda-new-notes" />
          </Form.Item>
        </Form>
      </div>
    </Modal>
  );
}
