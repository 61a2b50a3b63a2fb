import { DatePicker, Form, Input, Modal, Radio, Select } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useTranslation } from "react-i18next";
import { testId } from "../../../../lib/testId";
import { logInteraction } from "../../api/customers.api";
import { INTERACTION_CHANNELS, type InteractionChannel } from "../../api/types";
import { useCustomerMutation } from "../../hooks/useCustomer";

interface Values {
  channel: InteractionChannel;
  direction: "inbound" | "outbound";
  purpose?: string;
  outcome?: string;
  notes?: string;
  occurredAt: Dayjs;
}

const trimmed = (v: string | undefined) => (v && v.trim() ? v.trim() : undefined);

/** Records a contact with the customer; the timeline shows it straight after. */
export function LogInteractionModal({ customerId, open, onClose }: { customerId: number; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const log = useCustomerMutation(customerId, (v: Values) =>
    logInteraction(customerId, {
      channel: v.channel,
      direction: v.direction,
      purpose: trimmed(v.purpose),
      outcome: trimmed(v.outcome),
      notes: trimmed(v.notes),
      occurredAt: v.occurredAt.toISOString(),
    }),
  );

  return (
    <Modal
      open={open}
      title={t("interaction.log")}
      okText={t("common.save")}
      cancelText={t("common.cancel")}
      confirmLoading={log.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      okButtonProps={testId("interaction-submit")}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ channel: "phone", direction: "outbound", occurredAt: dayjs() }}
        onFinish={(v) => log.mutate(v, { onSuccess: onClose })}
        data-testid="interaction-form"
      >
        <Form.Item name="channel" label={t("interaction.channel")} rules={[{ required: true, message: t("validation.required") }]}>
          <Select options={INTERACTION_CHANNELS.map((c) => ({ value: c, label: t(`channels.${c}`) }))} data-testid="interaction-channel" />
        </Form.Item>
        <Form.Item name="direction" label={t("interaction.direction")}>
          <Radio.Group optionType="button" options={(["outbound", "inbound"] as const).map((d) => ({ value: d, label: t(`directions.${d}`) }))} />
        </Form.Item>
        <Form.Item name="occurredAt" label={t("interaction.occurredAt")} rules={[{ required: true, message: t("validation.required") }]}>
          <DatePicker showTime style={{ width: "100%" }} disabledDate={(d) => d.isAfter(dayjs().endOf("day"))} />
        </Form.Item>
        <Form.Item name="purpose" label={t("interaction.purpose")} rules={[{ max: 200 }]}>
          <Input data-testid="interaction-purpose" />
        </Form.Item>
        <Form.Item name="outcome" label={t("interaction.outcome")} rules={[{ max: 200 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="notes" label={t("common.notes")} rules={[{ max: 4000 }]}>
          <Input.TextArea rows={4} data-testid="interaction-notes" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
