import { App, Form, Input, Modal } from "antd";
import { useMutation } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { FormError } from "../../../components/FormError";
import { changePassword } from "../api/auth.api";

interface Values {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

/** Changes one's own password; the current one is asked again. */
export function ChangePasswordModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const mutation = useMutation({
    mutationFn: (v: Values) => changePassword(v.currentPassword, v.newPassword),
    onSuccess: () => {
      void message.success(t("auth.passwordChanged"));
      form.resetFields();
      onClose();
    },
  });

  return (
    <Modal
      open={open}
      title={t("auth.changePassword")}
      okText={t("common.save")}
      cancelText={t("common.cancel")}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={mutation.isPending}
      destroyOnHidden
    >
      <FormError error={mutation.error} />
      <Form form={form} layout="vertical" onFinish={(v) => mutation.mutate(v)}>
        <Form.Item name="currentPassword" label={t("auth.currentPassword")} rules={[{ required: true, message: t("validation.required") }]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item name="newPassword" label={t("auth.newPassword")} rules={[{ required: true, message: t("validation.required") }]}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t("auth.confirmPassword")}
          dependencies={["newPassword"]}
          rules={[
            { required: true, message: t("validation.required") },
            ({ getFieldValue }) => ({
              validator: (_, v) => (v === getFieldValue("newPassword") ? Promise.resolve() : Promise.reject(new Error(t("auth.passwordsDiffer")))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
