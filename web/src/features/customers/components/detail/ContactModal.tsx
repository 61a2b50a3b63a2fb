import { Checkbox, Form, Input, Modal } from "antd";
import { useTranslation } from "react-i18next";
import { addContact, updateContact } from "../../api/customers.api";
import type { ContactPerson } from "../../api/types";
import { useCustomerMutation } from "../../hooks/useCustomer";
import { useFieldRules } from "../../hooks/useFieldRules";

type Values = Omit<ContactPerson, "id">;

// A new contact leaves empty fields out; an edit sends them as null, which clears them.
const orAbsent = (v: string | null | undefined) => (v && v.trim() ? v.trim() : undefined);
const orNull = (v: string | null | undefined) => (v && v.trim() ? v.trim() : null);

/** Adds a contact person, or edits one. */
export function ContactModal({ customerId, contact, onClose }: { customerId: number; contact: ContactPerson | null; onClose: () => void }) {
  const { t } = useTranslation();
  const rules = useFieldRules();
  const [form] = Form.useForm<Values>();
  const save = useCustomerMutation(customerId, (v: Values) => {
    const blank = contact ? orNull : orAbsent;
    const body = { name: v.name.trim(), title: blank(v.title), phone: blank(v.phone), email: blank(v.email), notes: blank(v.notes), isDecisionMaker: Boolean(v.isDecisionMaker) };
    return contact ? updateContact(customerId, contact.id, body) : addContact(customerId, body);
  });

  return (
    <Modal
      open
      title={contact ? t("customer.contacts.edit") : t("customer.contacts.add")}
      okText={t("common.save")}
      cancelText={t("common.cancel")}
      confirmLoading={save.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
    >
      <Form form={form} layout="vertical" initialValues={contact ?? { isDecisionMaker: false }} onFinish={(v) => save.mutate(v, { onSuccess: onClose })}>
        <Form.Item name="name" label={t("common.name")} rules={[{ required: true, whitespace: true, message: t("validation.required") }, ...rules.name]}>
          <Input data-testid="contact-name" />
        </Form.Item>
        <Form.Item name="title" label={t("customer.contacts.title")}>
          <Input />
        </Form.Item>
        <Form.Item name="phone" label={t("common.phone")} rules={rules.phone}>
          <Input type="tel" />
        </Form.Item>
        <Form.Item name="email" label={t("common.email")} rules={rules.email}>
          <Input type="email" />
        </Form.Item>
        <Form.Item name="isDecisionMaker" valuePropName="checked">
          <Checkbox>{t("customer.contacts.decisionMaker")}</Checkbox>
        </Form.Item>
        <Form.Item name="notes" label={t("common.notes")}>
          <Input.TextArea rows={3} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
