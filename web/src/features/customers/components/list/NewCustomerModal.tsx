import { App, Form, Input, Modal, Select } from "antd";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router-dom";
import { FormError } from "../../../../components/FormError";
import { testId } from "../../../../lib/testId";
import { createCustomer, type NewCustomer } from "../../api/customers.api";
import { CUSTOMER_KINDS, CUSTOMER_STATES } from "../../api/types";
import { useFieldRules } from "../../hooks/useFieldRules";
import { OwnerSelect, UNASSIGNED } from "../shared/OwnerSelect";
import { TagSelect } from "../shared/TagSelect";

type Values = Omit<NewCustomer, "ownerId"> & { ownerId?: string };

const blank = (s: string | undefined) => (s && s.trim() ? s.trim() : undefined);

/** Creates a customer (POST /api/customers) and opens it. */
export function NewCustomerModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const rules = useFieldRules();
  const [form] = Form.useForm<Values>();
  const mutation = useMutation({
    mutationFn: createCustomer,
    onSuccess: (created) => {
      void qc.invalidateQueries({ queryKey: ["customers"] });
      void message.success(t("customers.create.done"));
      onClose();
      if (created?.id) void navigate(`/customers/${created.id}`);
    },
  });
  const toInput = (v: Values): NewCustomer => ({
    externalId: v.externalId.trim(),
    kind: v.kind,
    state: v.state,
    name: blank(v.name),
    email: blank(v.email),
    phone: blank(v.phone),
    sourceChannel: blank(v.sourceChannel),
    tags: v.tags?.length ? v.tags : undefined,
    ...(v.ownerId ? { ownerId: v.ownerId === UNASSIGNED ? null : Number(v.ownerId) } : {}),
  });

  return (
    <Modal
      open={open}
      title={t("customers.create.title")}
      okText={t("common.create")}
      cancelText={t("common.cancel")}
      confirmLoading={mutation.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      okButtonProps={testId("customer-create-submit")}
      destroyOnHidden
    >
      <FormError error={mutation.error} />
      <Form form={form} layout="vertical" initialValues={{ kind: "individual", state: "potential" }} onFinish={(v) => mutation.mutate(toInput(v))}>
        <Form.Item name="externalId" label={t("customers.externalId")} extra={t("customers.create.externalIdHelp")} rules={[{ required: true, whitespace: true, message: t("validation.required") }, { max: 100 }]}>
          <Input data-testid="customer-create-external-id" />
        </Form.Item>
        <Form.Item name="name" label={t("common.name")} rules={rules.name}>
          <Input data-testid="customer-create-name" />
        </Form.Item>
        <Form.Item name="kind" label={t("customers.kind")}>
          <Select options={CUSTOMER_KINDS.map((k) => ({ value: k, label: t(`kinds.${k}`) }))} />
        </Form.Item>
        <Form.Item name="state" label={t("customers.state")}>
          <Select options={CUSTOMER_STATES.map((s) => ({ value: s, label: t(`states.${s}`) }))} />
        </Form.Item>
        <Form.Item name="email" label={t("common.email")} rules={rules.email}>
          <Input type="email" />
        </Form.Item>
        <Form.Item name="phone" label={t("common.phone")} rules={rules.phone}>
          <Input type="tel" />
        </Form.Item>
        <Form.Item name="sourceChannel" label={t("customers.sourceChannel")}>
          <Input />
        </Form.Item>
        <Form.Item name="ownerId" label={t("customers.owner")} extra={t("customers.create.ownerHelp")}>
          <OwnerSelect withUnassigned />
        </Form.Item>
        <Form.Item name="tags" label={t("customers.tags")}>
          <TagSelect allowNew />
        </Form.Item>
      </Form>
    </Modal>
  );
}
