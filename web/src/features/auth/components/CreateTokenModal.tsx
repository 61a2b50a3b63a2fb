import { Button, Form, Input, InputNumber, Modal } from "antd";
import { useTranslation } from "react-i18next";
import { FormError } from "../../../components/FormError";
import { SecretOnce } from "../../../components/SecretOnce";
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
  const secret = create.data?.token;

  const close = () => {
    create.reset();
    onClose();
  };

  return (
    <Modal
      open={open}
      title={t("tokens.create")}
      onCancel={close}
      destroyOnHidden
      footer={
        secret ? (
          <Button type="primary" onClick={close}>
            {t("common.done")}
          </Button>
        ) : (
          <>
            <Button onClick={close}>{t("common.cancel")}</Button>
            <Button type="primary" loading={create.isPending} onClick={() => form.submit()} data-testid="token-create-submit">
              {t("common.create")}
            </Button>
          </>
        )
      }
    >
      {secret ? (
        <SecretOnce secret={secret} testId="token-secret" />
      ) : (
        <>
          <FormError error={create.error} />
          <Form form={form} layout="vertical" onFinish={(v) => create.mutate({ name: v.name.trim(), expiresInDays: v.expiresInDays ?? undefined })}>
            <Form.Item name="name" label={t("common.name")} rules={[{ required: true, whitespace: true, message: t("validation.required") }, { max: 100 }]}>
              <Input placeholder={t("tokens.namePlaceholder")} data-testid="token-name" />
            </Form.Item>
            <Form.Item name="expiresInDays" label={t("tokens.expiresInDays")} extra={t("tokens.expiresHelp")}>
              <InputNumber min={1} max={3650} precision={0} style={{ width: "100%" }} />
            </Form.Item>
          </Form>
        </>
      )}
    </Modal>
  );
}
