import { App, Form, Input, Modal, Select, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router-dom";
import { FormError } from "../../../components/FormError";
import { testId } from "../../../lib/testId";
import { SEVERITIES, type NewComplaint, type Severity } from "../api/complaints.api";
import { useComplaintSettings, useOpenComplaint } from "../hooks/useComplaints";
import { useComplaintLabels } from "../labels";
import { complaintPath } from "../paths";
import { CustomerPicker } from "./CustomerPicker";

/** Where complaints come in (DOMAIN §6: a free phone line, a web form, a platform dispute…). */
export const COMPLAINT_CHANNELS = ["phone", "email", "wechat", "web_form", "platform_dispute", "store", "other"] as const;

interface Values {
  customerId: number;
  channel: string;
  severity: Severity;
  category?: string;
  description: string;
  orderNo?: string;
  product?: string;
}

const blank = (s: string | undefined) => (s && s.trim() ? s.trim() : undefined);

/** Opens a complaint (POST /api/complaints) in the customer's own words, then shows it. */
export function NewComplaintModal({ open, onClose, customerId }: { open: boolean; onClose: () => void; customerId?: number }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const settings = useComplaintSettings();
  const names = useComplaintLabels();
  const mutation = useOpenComplaint();
  const submit = (v: Values) => {
    const input: NewComplaint = {
      customerId: v.customerId, channel: v.channel, severity: v.severity, category: v.category, description: v.description.trim(),
      orderNo: blank(v.orderNo), product: blank(v.product),
    };
    mutation.mutate(input, {
      onSuccess: (d) => {
        void message.success(t("complaints.form.done"));
        onClose();
        void navigate(complaintPath(d));
      },
    });
  };
  const required = { required: true, message: t("validation.required") };

  return (
    <Modal
      open={open}
      title={t("complaints.form.title")}
      okText={t("complaints.form.submit")}
      cancelText={t("common.cancel")}
      confirmLoading={mutation.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      okButtonProps={testId("complaint-form-submit")}
      destroyOnHidden
      afterClose={() => mutation.reset()}
    >
      <FormError error={mutation.error} />
      <Form form={form} layout="vertical" initialValues={{ customerId, channel: "phone", severity: "normal" }} onFinish={submit} data-testid="complaint-form">
        <Form.Item name="customerId" label={t("complaints.form.customer")} rules={[required]}>
          <CustomerPicker />
        </Form.Item>
        <Form.Item name="channel" label={t("complaints.columns.channel")} rules={[required]}>
          <Select options={COMPLAINT_CHANNELS.map((c) => ({ value: c, label: t(`complaints.channels.${c}`) }))} data-testid="complaint-form-channel" />
        </Form.Item>
        <Form.Item name="severity" label={t("complaints.columns.severity")}>
          <Select options={SEVERITIES.map((s) => ({ value: s, label: t(`severities.${s}`) }))} data-testid="complaint-form-severity" />
        </Form.Item>
        <Form.Item name="category" label={t("complaints.columns.category")} extra={settings.isError ? t("complaints.form.categoriesFailed") : undefined}>
          <Select
            allowClear
            loading={settings.isPending}
            showSearch={{ optionFilterProp: "search" }}
            options={(settings.data?.categories ?? []).map((c) => {
              const name = names.category(c);
              // The key too: it is what imports and the API use.
              return { value: c, search: `${name} ${c}`, label: name === c ? c : <>{name} <Typography.Text type="secondary">{c}</Typography.Text></> };
            })}
            notFoundContent={settings.data ? t("complaints.form.noCategories") : undefined}
            data-testid="complaint-form-category"
          />
        </Form.Item>
        <Form.Item name="description" label={t("complaints.form.description")} extra={t("complaints.form.descriptionHelp")} rules={[{ ...required, whitespace: true }, { max: 4000 }]}>
          <Input.TextArea rows={4} data-testid="complaint-form-description" />
        </Form.Item>
        <Form.Item name="orderNo" label={t("complaints.form.orderNo")} rules={[{ max: 100 }]}>
          <Input data-testid="complaint-form-order" />
        </Form.Item>
        <Form.Item name="product" label={t("complaints.form.product")} rules={[{ max: 200 }]}>
          <Input data-testid="complaint-form-product" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
