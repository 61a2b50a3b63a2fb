import { Form, Input, Modal, Select, type ButtonProps } from "antd";
import { useTranslation } from "react-i18next";
import { FormError } from "../../../components/FormError";
import { CustomerPicker } from "../../complaints/components/CustomerPicker";
import { SUGGESTION_CHANNELS, type SuggestionChannel } from "../api/community.api";
import { useSuggestionMutations } from "../hooks/useSuggestions";

interface Values {
  customerId: number;
  channel: SuggestionChannel;
  text: string;
}

/** Records what a customer suggested, and how it reached us. */
export function RecordSuggestionModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const { record } = useSuggestionMutations();
  const [form] = Form.useForm<Values>();
  return (
    <Modal
      open
      title={t("community.record")}
      okText={t("common.save")}
      onOk={() => form.submit()}
      confirmLoading={record.isPending}
      okButtonProps={{ "data-testid": "suggestion-submit" } as ButtonProps}
      onCancel={onClose}
      data-testid="suggestion-form"
    >
      <FormError error={record.error} />
      <Form<Values> form={form} layout="vertical" initialValues={{ channel: "store" }} onFinish={(v) => record.mutate({ ...v, text: v.text.trim() }, { onSuccess: onClose })}>
        <Form.Item name="customerId" label={t("community.customer")} rules={[{ required: true, message: t("community.customerRequired") }]}>
          <CustomerPicker />
        </Form.Item>
        <Form.Item name="channel" label={t("community.channel")}>
          <Select<SuggestionChannel> options={SUGGESTION_CHANNELS.map((c) => ({ value: c, label: t(`community.channels.${c}`) }))} data-testid="suggestion-channel" />
        </Form.Item>
        <Form.Item name="text" label={t("community.suggestion")} rules={[{ required: true, whitespace: true, message: t("community.textRequired") }]}>
          <Input.TextArea rows={4} maxLength={4000} showCount data-testid="suggestion-text-input" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
