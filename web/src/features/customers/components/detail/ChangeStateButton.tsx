import { SwapOutlined } from "@ant-design/icons";
import { Button, Form, Input, Modal, Select } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { changeState } from "../../api/customers.api";
import { CUSTOMER_STATES, type CustomerDetail, type CustomerState } from "../../api/types";
import { useCustomerMutation } from "../../hooks/useCustomer";

/** Moves the customer to another state, with the reason kept in the history. */
export function ChangeStateButton({ customer }: { customer: CustomerDetail }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ state: CustomerState; reason?: string }>();
  const mutation = useCustomerMutation(customer.id, (v: { state: CustomerState; reason?: string }) =>
    changeState(customer.id, v.state, v.reason?.trim() || undefined),
  );

  return (
    <>
      <Button icon={<SwapOutlined />} onClick={() => setOpen(true)} data-testid="state-change">
        {t("customer.state.change")}
      </Button>
      <Modal
        open={open}
        title={t("customer.state.change")}
        okText={t("common.save")}
        cancelText={t("common.cancel")}
        confirmLoading={mutation.isPending}
        onOk={() => form.submit()}
        onCancel={() => setOpen(false)}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" initialValues={{ state: customer.state }} onFinish={(v) => mutation.mutate(v, { onSuccess: () => setOpen(false) })}>
          <Form.Item name="state" label={t("customer.state.to")} rules={[{ required: true, message: t("validation.required") }]}>
            <Select options={CUSTOMER_STATES.map((s) => ({ value: s, label: t(`states.${s}`) }))} data-testid="state-select" />
          </Form.Item>
          <Form.Item name="reason" label={t("customer.state.reason")} rules={[{ max: 500 }]}>
            <Input.TextArea rows={3} data-testid="state-reason" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
