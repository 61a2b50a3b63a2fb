import { App, Form, Input, Modal, Select, Switch } from "antd";
import { useTranslation } from "react-i18next";
import { FormError } from "../../../components/FormError";
import { ROLES, type Role } from "../../auth/api/auth.api";
import type { Account } from "../api/users.api";
import { useCreateUser, useUpdateUser } from "../hooks/useUsers";

interface Values {
  email: string;
  name: string;
  role: Role;
  team?: string;
  password?: string;
  disabled?: boolean;
}

/** Creates an account, or changes one's name, role, team, password or whether it may sign in. */
export function UserModal({ account, onClose }: { account: Account | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const create = useCreateUser();
  const update = useUpdateUser();
  const mutation = account ? update : create;
  const done = () => {
    void message.success(t("common.saved"));
    onClose();
  };

  const submit = (v: Values) => {
    const team = v.team?.trim() || undefined;
    if (account) {
      update.mutate(
        { id: account.id, patch: { name: v.name.trim(), role: v.role, team: team ?? null, disabled: Boolean(v.disabled), password: v.password || undefined } },
        { onSuccess: done },
      );
    } else {
      create.mutate({ email: v.email.trim(), name: v.name.trim(), role: v.role, team, password: v.password ?? "" }, { onSuccess: done });
    }
  };

  return (
    <Modal
      open
      title={account ? t("users.edit", { name: account.name }) : t("users.create")}
      okText={t("common.save")}
      cancelText={t("common.cancel")}
      confirmLoading={mutation.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
    >
      <FormError error={mutation.error} />
      <Form form={form} layout="vertical" initialValues={account ? { ...account, team: account.team ?? "" } : { role: "agent" }} onFinish={submit}>
        <Form.Item name="email" label={t("common.email")} rules={[{ required: true, message: t("validation.required") }, { type: "email", message: t("validation.email") }]}>
          <Input type="email" disabled={Boolean(account)} data-testid="user-email" />
        </Form.Item>
        <Form.Item name="name" label={t("common.name")} rules={[{ required: true, whitespace: true, message: t("validation.required") }, { max: 200 }]}>
          <Input data-testid="user-name" />
        </Form.Item>
        <Form.Item name="role" label={t("users.role")} extra={t("users.roleHelp")}>
          <Select options={ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))} data-testid="user-role" />
        </Form.Item>
        <Form.Item name="team" label={t("users.team")} extra={t("users.teamHelp")}>
          <Input />
        </Form.Item>
        <Form.Item
          name="password"
          label={account ? t("users.newPassword") : t("auth.password")}
          extra={account ? t("users.passwordKeep") : undefined}
          rules={account ? [] : [{ required: true, message: t("validation.required") }]}
        >
          <Input.Password autoComplete="new-password" data-testid="user-password" />
        </Form.Item>
        {account ? (
          <Form.Item name="disabled" label={t("users.disabled")} valuePropName="checked" extra={t("users.disabledHelp")}>
            <Switch />
          </Form.Item>
        ) : null}
      </Form>
    </Modal>
  );
}
