import { Form, Input, InputNumber } from "antd";
import { useTranslation } from "react-i18next";
import { CreateWithSecretModal } from "../../../components/CreateWithSecretModal";
import { useCreateToken } from "../hooks/useTokens";

interface Values {
  name: string;
  expiresInDays?: number | null;
}

/** Creates a token and shows its secret once; closing the dialog forgets it. */
export function CreateTokenModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const create = useCreateToken();
  const close = () => {
    create.reset();
    onClose();
  };

  return (
    <CreateWithSecretModal
      open={open} title={t("tokens.create")} secret={create.data?.token} pending={create.isPending} error={create.error}
      onSubmit={() => form.submit()} onClose={close} submitTestId="token-create-submit" secretTestId="token-secret"
    >
      <Form form={form} layout="vertical" onFinish={(v) => create.mutate({ name: v.name.trim(), expiresInDays: v.expiresInDays ?? undefined })}>
        <Form.Item name="name" label={t("common.name")} rules={[{ required: true, whitespace: true, message: t("validation.required") }, { max: 100 }]}>
          <Input placeholder={t("tokens.namePlaceholder")} data-testid="token-name" />
        </Form.Item>
        <Form.Item name="expiresInDays" label={t("tokens.expiresInDays")} extra={t("tokens.expiresHelp")}>
          <InputNumber min={1} max={3650} precision={0} style={{ width: "100%" }} />
        </Form.Item>
      </Form>
    </CreateWithSecretModal>
  );
}
